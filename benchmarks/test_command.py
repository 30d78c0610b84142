"""Time the README's test command on a fresh clone (not a test).

    python3 benchmarks/test_command.py                 # the current commit
    python3 benchmarks/test_command.py --rev d12be77   # an older commit, for a before/after pair

Clones the repository at the given revision into an empty temporary folder (nothing beside it:
no shared/ folder, no .venv, no _build), runs ``bash tools/test.sh`` there exactly as CI does
(CI=true, no standard input) and appends one row to benchmarks/test_command.md: the revision, the
wall time, the load average before and after (other work on this 2-core machine slows every
figure), the exit code and pytest's closing lines. The pip cache and Debian's Chromium are
whatever the machine has, as on CI's machine; say so when comparing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "test_command.md"
HEADER = """# The README's test command on a fresh clone

Each row: `bash tools/test.sh` in a new clone in an empty folder, timed from start to exit, on
the 2-core development machine. Target: under 5 minutes.

| date (UTC) | revision | wall time | load before → after | exit | pytest closing lines |
|---|---|---:|---|---:|---|
"""


def run(rev: str, keep: bool) -> str:
    work = Path(tempfile.mkdtemp(prefix="edition-testcmd-"))
    clone = work / "edition"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "-q", rev], check=True)
    full = subprocess.run(["git", "-C", str(clone), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True, check=True).stdout.strip()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "EDITION_"))}
    env["CI"] = "true"
    load0 = os.getloadavg()[0]
    start = time.monotonic()
    proc = subprocess.run(["bash", "tools/test.sh"], cwd=clone, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True)
    seconds = time.monotonic() - start
    load1 = os.getloadavg()[0]
    (work / "output.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    closing = [line.strip("= ") for line in proc.stdout.splitlines()
               if re.search(r"\d+ (passed|failed)", line)]
    row = (f"| {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} | `{full}` | "
           f"{seconds / 60:.1f} min ({seconds:.0f} s) | {load0:.1f} → {load1:.1f} | "
           f"{proc.returncode} | {'; '.join(closing) or '(none)'} |\n")
    if not OUT.exists():
        OUT.write_text(HEADER, encoding="utf-8")
    with OUT.open("a", encoding="utf-8") as fh:
        fh.write(row)
    print(row, end="")
    print(f"log: {work / 'output.log'}")
    if not keep:
        subprocess.run(["rm", "-rf", str(clone)], check=False)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rev", default="HEAD")
    parser.add_argument("--keep", action="store_true", help="keep the clone for inspection")
    args = parser.parse_args()
    run(args.rev, args.keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

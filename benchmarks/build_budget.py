"""The clean-build budget (issue 13, item 5): a revision against another, execution on and off.

    .venv/bin/python benchmarks/build_budget.py [--base main] [--head HEAD] [--runs 3]

Each revision is exported with ``git archive`` into a temporary folder (the working tree is
never touched) and built clean (``jupyter-book build . --all``, empty ``_build`` and so an empty
execution cache) with the book's execution setting (``force`` before 4fbc8ad, ``cache`` with
edition/site/execution.py since) and with execution off (``execute_notebooks: off``). Runs are
interleaved (base-on, head-on, base-off, head-off, …) because the machine is shared: whatever
load other sessions put on it falls on both revisions alike. The load average is recorded before
every run; the table reports the median of each cell.

Writes benchmarks/build_budget.json and benchmarks/build_budget.md. Target: clean build ≤ 30 s.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_JSON = ROOT / "benchmarks" / "build_budget.json"
OUT_MD = ROOT / "benchmarks" / "build_budget.md"
TARGET_S = 30.0


def export(rev: str, dest: Path) -> str:
    """The revision's files in ``dest``; returns its short commit id."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()


def config_without_execution(src: Path) -> Path:
    text = (src / "_config.yml").read_text(encoding="utf-8")
    off = re.sub(r"execute_notebooks: (force|cache)", "execute_notebooks: 'off'", text)
    if off == text:
        raise SystemExit(f"{src}/_config.yml: no 'execute_notebooks: force|cache' line to switch off")
    path = src / "_config.noexec.yml"
    path.write_text(off, encoding="utf-8")
    return path


def clean_build(src: Path, execute: bool) -> tuple[float, float, bool]:
    """Wall seconds, CPU seconds (user + system, the build and every kernel it ran), success.

    On a shared machine the wall time mostly measures the other sessions; the CPU time is what
    the build itself costs, and on an idle machine the wall time is close to it (the build is
    serial: Sphinx waits while a kernel runs)."""
    subprocess.run(["rm", "-rf", str(src / "_build")], check=True)
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", ".", "--all"]
    if not execute:
        cmd += ["--config", str(config_without_execution(src))]
    env = dict(os.environ, PYTHONPATH=str(src))  # the notebooks import the copy's `edition`
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode == 0


def _reading() -> str:
    """The hand-written reading of the measurements (from ``## Reading`` on), kept across runs."""
    old = OUT_MD.read_text(encoding="utf-8") if OUT_MD.exists() else ""
    at = old.find("\n## Reading")
    return old[at:] if at >= 0 else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", default="main")
    ap.add_argument("--head", default="HEAD")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)

    runs: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="build-budget-") as tmp:
        revs = {}
        for label, rev in (("base", args.base), ("head", args.head)):
            revs[label] = (rev, export(rev, Path(tmp) / label))
        for i in range(args.runs):
            for execute in (True, False):
                for label in ("base", "head"):
                    load = os.getloadavg()[0]
                    seconds, cpu, ok = clean_build(Path(tmp) / label, execute)
                    runs.append({"run": i + 1, "revision": label, "commit": revs[label][1],
                                 "execution": "on" if execute else "off", "seconds": round(seconds, 2),
                                 "cpu_seconds": round(cpu, 2),
                                 "ok": ok, "load_before": round(load, 2),
                                 "load_after": round(os.getloadavg()[0], 2)})
                    print(json.dumps(runs[-1]), flush=True)

    def median(label: str, execution: str, key: str = "seconds") -> float:
        return round(statistics.median(r[key] for r in runs
                                       if r["revision"] == label and r["execution"] == execution), 1)

    result = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "base": {"rev": revs["base"][0], "commit": revs["base"][1]},
        "head": {"rev": revs["head"][0], "commit": revs["head"][1]},
        "median_s": {f"{label}_{ex}": median(label, ex) for label in ("base", "head") for ex in ("on", "off")},
        "median_cpu_s": {f"{label}_{ex}": median(label, ex, "cpu_seconds")
                         for label in ("base", "head") for ex in ("on", "off")},
        "target_s": TARGET_S,
        "runs": runs,
    }
    OUT_JSON.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    m = result["median_s"]
    loads = [r["load_before"] for r in runs]
    lines = [
        "# Clean-build budget", "",
        f"Measured {result['date']} with `benchmarks/build_budget.py --runs {args.runs}` on {result['machine']}; "
        f"the machine was shared (load average before each run: {min(loads)}–{max(loads)}, "
        f"median {statistics.median(loads)}). Medians of interleaved runs.", "",
        "| revision | commit | wall, execution on | wall, execution off | CPU, execution on | CPU, execution off |",
        "|---|---|---:|---:|---:|---:|",
    ]
    c = result["median_cpu_s"]
    for label in ("base", "head"):
        lines.append(f"| {label} ({result[label]['rev']}) | {result[label]['commit']} | {m[f'{label}_on']} s | "
                     f"{m[f'{label}_off']} s | {c[f'{label}_on']} s | {c[f'{label}_off']} s |")
    lines += ["", f"Target: clean build ≤ {TARGET_S:.0f} s on this 2-core machine.", "",
              "| run | revision | execution | wall s | CPU s | load before | load after | ok |",
              "|---:|---|---|---:|---:|---:|---:|---|"]
    lines += [f"| {r['run']} | {r['revision']} | {r['execution']} | {r['seconds']} | {r['cpu_seconds']} | "
              f"{r['load_before']} | {r['load_after']} | {'yes' if r['ok'] else 'NO'} |" for r in runs]
    OUT_MD.write_text("\n".join(lines) + "\n" + _reading(), encoding="utf-8")
    print(OUT_MD.read_text(encoding="utf-8"))
    return 0 if all(r["ok"] for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())

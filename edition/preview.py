"""Build one chapter on its own, fast, for editing: ``python -m edition.preview chapters/02-….md``.

A whole-book build executes every notebook; while editing one section that is wasted time.
The preview book shares the real config, bibliography, data and package, and reports warnings
without failing on the cross-page links that only the full book can resolve.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from . import ROOT


def build(chapter: Path, out: Path) -> int:
    work = out / "src"
    if work.exists():
        shutil.rmtree(work)
    (work / "chapters").mkdir(parents=True)
    for name in ("_config.yml", "references.bib", "edition", "data", "_static"):
        (work / name).symlink_to(ROOT / name)
    (work / "chapters" / chapter.name).symlink_to(chapter.resolve())
    (work / "_toc.yml").write_text(f"format: jb-book\nroot: chapters/{chapter.stem}\n")
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(work), "--path-output", str(out)]
    return subprocess.call(cmd, cwd=work)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/preview") / target.stem
    code = build(target, out)
    print(f"preview: {out}/_build/html/chapters/{target.stem}.html")
    sys.exit(code)

"""Open the student's notebooks in JupyterLab, in a working folder: ``python -m edition.lab [chapter]``.

Why not the chapters themselves: JupyterLab shows a MyST chapter as raw markup, and autosave (and
Jupytext) writes a student's edits back into ``chapters/*.md``, which the build, nbval and the
checker read. The student works instead on copies of the student's notebooks the build writes
(:mod:`edition.site.notebooks`): plain ``.ipynb`` in English (``work/en/``) and Korean (``work/ko/``), with
the apparatus notebooks beside them, in the git-ignored ``work/`` folder. JupyterLab is served from
``work/`` itself, so the edition's sources are not even in its file browser.

* The first run copies the notebooks in; later runs keep the student's copies as they are.
* ``--reset`` puts fresh copies back (the old ones are moved to ``work/.old/<time>/``, not deleted).
* With no built site, the book is built first (``jupyter-book build .``, about 30–80 s on a
  2-core machine; the notebooks come from its executed outputs).

Every argument after the options goes to JupyterLab unchanged (``--no-browser``, ``--port=8899`` …).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import ROOT
from .core.bilingual import LANGS

#: The working folder; ``EDITION_WORK`` puts it elsewhere (the JupyterLab test uses a temporary one).
WORK = Path(os.environ.get("EDITION_WORK") or ROOT / "work")
#: The built site whose notebooks are copied (``EDITION_SITE`` names another, as for the browser tests).
BUILT = Path(os.environ.get("EDITION_SITE") or ROOT / "_build" / "html") / "notebooks"
DEFAULT_CHAPTER = "run-it-yourself"


def built(source: Path = BUILT) -> bool:
    return all((source / lang).is_dir() and any((source / lang).glob("*.ipynb")) for lang in LANGS)


def build_book(root: Path = ROOT) -> None:
    """Build the site, which writes the student's notebooks (no chapter runs twice)."""
    print("Building the edition once to make the student's notebooks (1–2 minutes) …\n"
          "학생용 노트북을 만들기 위해 편집본을 한 번 빌드한다(1~2분) …", flush=True)
    exe = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(exe) if exe.exists() else "jupyter-book", "build", str(root)]
    start = time.monotonic()
    done = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"The build failed (jupyter-book build {root}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}\n"
                         "빌드에 실패했다. 위 메시지를 보라.")
    print(f"Built in {time.monotonic() - start:.0f} s. / {time.monotonic() - start:.0f}초 만에 빌드했다.")


def _static_files(root: Path) -> list[tuple[Path, str]]:
    from .render.labcharts import VENDORED_JS

    return [(root / "_static" / rel, f"_static/{rel}") for rel, _n, _v in VENDORED_JS]


def prepare(work: Path = WORK, source: Path = BUILT, root: Path = ROOT, reset: bool = False) -> list[Path]:
    """Copy the student's notebooks into *work*; keep existing copies unless *reset*. The new copies."""
    if reset and work.exists():
        old = work / ".old" / time.strftime("%Y%m%d-%H%M%S")
        for lang in LANGS:
            if (work / lang).exists():
                old.mkdir(parents=True, exist_ok=True)
                shutil.move(str(work / lang), str(old / lang))
    made = []
    for lang in LANGS:
        for nb in sorted((source / lang).glob("*.ipynb")):
            target = work / lang / nb.name
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(nb, target)
            made.append(target)
    trust(made)
    # Figure 1 draws in JupyterLab from the vendored chart libraries, served from the lab's root.
    for src, rel in _static_files(root):
        target = work / rel
        if src.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, target)
    return made


def trust(paths: list[Path]) -> None:
    """Sign the fresh copies in this user's Jupyter notebook-signature store, as ``jupyter trust`` does.

    JupyterLab runs no script of a stored output it has not seen the kernel make, so Figure 1 would
    show only its titles until the first run. These copies are the edition's own build output, so
    the lab trusts them; a notebook the student edits and saves is signed by JupyterLab as usual.
    """
    import nbformat
    from nbformat.sign import NotebookNotary

    notary = NotebookNotary()
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        notary.sign(nb)


def notebook_path(name: str | None, lang: str, work: Path = WORK) -> Path:
    """The notebook to open: a chapter name (``04-sanctions``, ``chapters/04-sanctions.md`` …)."""
    stem = Path(name).stem if name else DEFAULT_CHAPTER
    path = work / lang / f"{stem}.ipynb"
    if path.is_file():
        return path
    known = ", ".join(sorted(p.stem for p in (work / lang).glob("*.ipynb")))
    raise SystemExit(f"No notebook {name!r}. Notebooks: {known}.\n"
                     f"노트북 {name!r}을(를) 찾을 수 없다. 노트북 목록: {known}.")


def lab_argv(notebook: Path, extra: list[str], work: Path = WORK) -> list[str]:
    """JupyterLab's arguments: served from the working folder, opening *notebook*."""
    return [f"--ServerApp.root_dir={work}", str(notebook.resolve()), *extra]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m edition.lab", allow_abbrev=False,
        description="Open a student's notebook of the edition in JupyterLab, in the working folder "
                    "work/ (other arguments go to JupyterLab).")
    parser.add_argument("chapter", nargs="?", help=f"chapter name (default: {DEFAULT_CHAPTER})")
    parser.add_argument("--lang", choices=LANGS, default="en", help="the notebook's language (default: en)")
    parser.add_argument("--reset", action="store_true",
                        help="put fresh copies of the notebooks in work/ (old ones go to work/.old/)")
    parser.add_argument("--prepare-only", action="store_true",
                        help="make the working copies (building the book if needed), do not start JupyterLab")
    args, extra = parser.parse_known_args(argv)
    if not built():
        build_book()
    made = prepare(reset=args.reset)
    if made:
        print(f"{len(made)} notebooks copied into {WORK} (your working copies; the edition's files are not "
              f"touched). / 작업용 노트북 {len(made)}개를 {WORK}에 복사했다.")
    if args.prepare_only:
        return 0
    notebook = notebook_path(args.chapter, args.lang)
    from jupyterlab.labapp import LabApp

    LabApp.launch_instance(argv=lab_argv(notebook, extra))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Open the edition in JupyterLab with the chapters as notebooks: ``python -m edition.lab [chapter]``.

Why a module and not a bare ``jupyter lab``: JupyterLab opens a ``.md`` file in its text editor
unless the document manager's default viewer for Markdown is Jupytext's notebook, and Jupytext leaves
that choice to the user (``jupytext-config``), who would otherwise see a page of MyST source. This
module writes that one setting with Jupytext's own code into the settings of the Python environment
that runs the edition (``<sys.prefix>/etc/jupyter/labconfig``), so a student's other JupyterLab
installations are left alone, then starts JupyterLab in the repository on the chosen chapter.
Binder gets the same setting from ``binder/postBuild`` through ``jupytext-config``.

Every argument after the chapter goes to JupyterLab unchanged (``--no-browser``, ``--port=8899`` …).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import CHAPTERS, ROOT

#: The Jupytext formats of the chapters: MyST Markdown (``format_name: myst``) in ``.md`` files.
DOCTYPES = ("markdown", "myst")
DEFAULT_CHAPTER = "run-it-yourself.md"


def settings_file(prefix: str | Path | None = None) -> Path:
    """The environment-level JupyterLab settings overrides (read by jupyterlab_server's labconfig)."""
    return Path(prefix or sys.prefix) / "etc" / "jupyter" / "labconfig" / "default_setting_overrides.json"


def configure(path: Path | None = None) -> bool:
    """Make Jupytext's notebook the default viewer of ``.md`` files; True if the file changed.

    A viewer the user already chose for a type is kept (Jupytext's rule), and an unchanged file is
    not rewritten, so running this on every launch is harmless.
    """
    from jupytext_config.labconfig import LabConfig

    path = path or settings_file()
    before = path.read_text(encoding="utf-8") if path.exists() else None
    config = LabConfig(settings_file=path).read().set_default_viewers(list(DOCTYPES))
    after = json.dumps(config.config, indent=2)
    if before is not None and json.loads(before) == config.config:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(after, encoding="utf-8")
    return True


def viewers(path: Path | None = None) -> dict[str, str]:
    """The default viewers the settings file sets, ``{}`` if it sets none."""
    path = path or settings_file()
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(data.get("@jupyterlab/docmanager-extension:plugin", {}).get("defaultViewers", {}))


def chapter_path(name: str | None) -> Path:
    """The chapter to open: a path as given, or a name in ``chapters/`` (``04-sanctions`` works too)."""
    if not name:
        return CHAPTERS / DEFAULT_CHAPTER
    given = Path(name)
    for candidate in (given, CHAPTERS / given.name, CHAPTERS / f"{given.name}.md"):
        if candidate.is_file():
            return candidate.resolve()
    known = ", ".join(sorted(p.stem for p in CHAPTERS.glob("*.md")))
    raise SystemExit(f"No chapter {name!r}. Chapters: {known}.\n"
                     f"장 {name!r}을(를) 찾을 수 없다. 장 목록: {known}.")


def lab_argv(chapter: Path, extra: list[str]) -> list[str]:
    """JupyterLab's arguments: served from the repository root, opening *chapter*."""
    return [f"--ServerApp.root_dir={ROOT}", str(chapter), *extra]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m edition.lab", allow_abbrev=False,
        description="Open a chapter of the edition as a notebook in JupyterLab "
                    "(other arguments go to JupyterLab).")
    parser.add_argument("chapter", nargs="?", help=f"chapter file or name (default: {DEFAULT_CHAPTER})")
    parser.add_argument("--configure-only", action="store_true",
                        help="only set Jupytext's notebook view as the default for .md files")
    args, extra = parser.parse_known_args(argv)
    path = settings_file()
    if configure(path):
        print(f"JupyterLab will open .md chapters as notebooks (setting written to {path}).")
    if args.configure_only:
        return 0
    chapter = chapter_path(args.chapter)
    from jupyterlab.labapp import LabApp

    LabApp.launch_instance(argv=lab_argv(chapter, extra))
    return 0


if __name__ == "__main__":
    sys.exit(main())

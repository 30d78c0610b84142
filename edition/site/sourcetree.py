"""Only the repository is published: symbolic links that lead out of the book are refused.

Why: Sphinx follows links. ``ln -s /proc/self/environ _static/env.txt`` published the build's
whole environment (in CI: its secrets), and ``/etc/passwd`` linked into ``chapters/`` and listed
in ``_toc.yml`` became a page. A link that stays inside the book is harmless (it publishes
nothing the book does not hold); one that leaves it, or leads nowhere, is refused wherever it is,
whether or not the build would read it today. The check runs in the build (``config-inited``,
before anything is read or copied) and in ``python -m edition check`` (rule ``symlink``), from
this one function.

What the documents themselves pull in is held to the same rule: a file a chapter includes
(``{include}``, ``{literalinclude}``), shows (an image) or offers (``{download}``) must be
inside the book, so ``{literalinclude} ../../../etc/passwd`` stops the build as the page is
read (``doctree-read``; images and downloads at ``env-check-consistency``), before anything
is written or copied.

Not walked: ``.git``, the build's output folder, and Python environments (a folder holding
``pyvenv.cfg``: its ``bin/python`` links to the system's Python by design). Nothing Sphinx
publishes comes from those.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError, SphinxError

SKIP_DIRS = frozenset({".git", "_build"})


def _skipped(dirpath: Path, name: str) -> bool:
    return name in SKIP_DIRS or (dirpath / name / "pyvenv.cfg").is_file()


def links_out(root: Path) -> list[tuple[str, str]]:
    """(path relative to *root*, where it leads) for every symbolic link under *root* that
    resolves outside it or to nothing, sorted by path."""
    root = root.resolve()
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if not _skipped(here, d)]
        for name in dirnames + filenames:
            path = here / name
            if not path.is_symlink():
                continue
            target = os.readlink(path)
            try:
                resolved = path.resolve(strict=True)
            except (OSError, RuntimeError):  # dangling, or a loop
                found.append((path.relative_to(root).as_posix(), f"{target} (which does not exist)"))
                continue
            if not resolved.is_relative_to(root):
                found.append((path.relative_to(root).as_posix(), target))
    return sorted(found)


def message(link: tuple[str, str]) -> str:
    rel, target = link
    return f"{rel} is a symbolic link to {target}, outside the repository: it would be published"


def refuse_links_out(app: Sphinx, config: Config) -> None:
    found = links_out(Path(app.srcdir))
    if found:
        raise ConfigError("only the repository is published; remove these links (or copy the "
                          "file into the book):\n  " + "\n  ".join(message(f) for f in found))


class OutsideRepository(SphinxError):
    category = "Only the repository is published"


def _outside(root: Path, name: str) -> bool:
    return "://" not in name and not (root / name).resolve().is_relative_to(root)


def files_from_outside(srcdir: Path, env: BuildEnvironment) -> list[str]:
    """Images a page shows and files it offers for download (both copied into the site) from
    outside the book, as messages naming the page."""
    root = srcdir.resolve()
    found = []
    for what, table in (("shows the image", env.images), ("offers for download", env.dlfiles)):
        for name, (docnames, _unique) in table.items():
            if _outside(root, str(name)):
                found += [f"{env.doc2path(doc, False)} {what} {name}, outside the repository"
                          for doc in sorted(docnames)]
    return sorted(set(found))


def included_from_outside(srcdir: Path, doctree: nodes.document) -> list[str]:
    """Files whose text a page took in (``{include}``, ``{literalinclude}``: docutils records
    the file each node came from) from outside the book. Not ``env.dependencies``: extensions
    add files there only to rebuild when they change (the edition's code, the data)."""
    root = srcdir.resolve()
    sources = {str(s) for n in doctree.findall(nodes.Element)
               for s in (n.get("source"), n.source) if s}
    return sorted(s for s in sources if _outside(root, s))


def refuse_included_from_outside(app: Sphinx, doctree: nodes.document) -> None:
    found = included_from_outside(Path(app.srcdir), doctree)
    if found:
        raise OutsideRepository("a page may only use files of the book: "
                                f"{app.env.doc2path(app.env.docname, False)} includes "
                                + ", ".join(found) + ", outside the repository")


def refuse_files_from_outside(app: Sphinx, env: BuildEnvironment) -> None:
    found = files_from_outside(Path(app.srcdir), env)
    if found:
        raise OutsideRepository("\n  ".join(["a page may only use files of the book:"] + found))


def setup(app: Sphinx) -> dict[str, Any]:
    # Before anything is read (documents) or copied (_static/, logo, favicon).
    app.connect("config-inited", refuse_links_out, priority=300)
    app.connect("doctree-read", refuse_included_from_outside)
    app.connect("env-check-consistency", refuse_files_from_outside)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}

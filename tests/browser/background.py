"""Slow work of the browser tests that needs no browser, started as the session begins.

The browser tests keep about one core busy (a test waits on Chromium, Chromium on the test), so
on a 2-core machine the scratch book of test_hostile_site.py (a Sphinx build with one kernel run)
and the text of the three PDFs (pypdf, for test_pdf*.py) are made beside them, in processes of
their own, and are ready when their tests need them. Not in pytest-xdist workers (two workers
already keep both cores busy, and each would do it again): there each fixture does its own work.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from . import pdfs

#: (root, Popen) of the scratch book's build, in ``config.stash``.
HOSTILE_BUILD = pytest.StashKey[tuple]()


def start(session, site: Path) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    modules = {}
    for item in session.items:
        modules.setdefault(Path(str(item.fspath)).name, item)
    hostile = modules.get("test_hostile_site.py")
    if hostile is not None and hasattr(hostile, "module"):
        root = Path(tempfile.mkdtemp(prefix="edition-hostile-book-"))
        session.config.stash[HOSTILE_BUILD] = (root, hostile.module.start_build(root))
    if {"test_pdf.py", "test_pdf_footnotes.py"} & set(modules):
        pdfs.prefetch(site, ("en", "ko", "both"))


def stop(session) -> None:
    started = session.config.stash.get(HOSTILE_BUILD, None)
    if started is not None:
        root, proc = started
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)
    pdfs.shutdown()

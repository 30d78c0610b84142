"""Fixtures shared by the unit-test modules."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from edition import ROOT


@pytest.fixture
def book_copy(tmp_path: Path) -> Path:
    """A scratch copy of the data package and bibliography, safe to alter."""
    for name in ("data", "references.bib"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    return tmp_path

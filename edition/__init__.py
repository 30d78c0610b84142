"""The executable edition of Lee & Gray (2020): data, claims, formatting, charts and checks.

Everything the chapters compute lives here so that notebooks stay thin and no logic is
duplicated between chapters.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CHAPTERS = ROOT / "chapters"

__all__ = ["ROOT", "DATA", "CHAPTERS"]

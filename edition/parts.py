"""Assembling the registers from per-section parts written while the chapters were edited.

The claims register and the editorial notes were drafted section by section in ``data/_parts``;
this joins them into the single CSVs the package describes, in section order.
"""
from __future__ import annotations

import csv
from pathlib import Path

from . import ROOT

ORDER = ["front", "s1", "s2", "s3", "s4", "s5", "s6"]


def _merge(pattern: str, target: Path) -> int:
    parts = sorted((ROOT / "data" / "_parts").glob(pattern),
                   key=lambda p: ORDER.index(p.stem.split("-", 1)[1]) if p.stem.split("-", 1)[1] in ORDER else 99)
    header, rows = None, []
    for part in parts:
        with part.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            header = header or reader.fieldnames
            rows.extend(reader)
    if header is None:
        return 0
    with target.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        for r in rows:
            if "recorded_verdict" in header and not r.get("recorded_verdict"):
                r["recorded_verdict"] = "sourced only"  # bootstrap: a claim not yet checked
            w.writerow({k: (r.get(k) or "") for k in header})
    return len(rows)


def merge() -> tuple[int, int]:
    return (_merge("claims-*.csv", ROOT / "data" / "claims.csv"),
            _merge("editorial-*.csv", ROOT / "data" / "editorial_notes.csv"))


def active() -> bool:
    return (ROOT / "data" / "_parts").is_dir()

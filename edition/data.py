"""Loading and validating the data package (``data/datapackage.json``, Frictionless conventions).

Every resource is checked against its schema before any number is used: the file's sha256,
the header, each cell's type, allowed values, ranges and patterns, unique keys, keys into other
resources, and source keys into ``references.bib``. Any failure raises :class:`DataError` naming
the file, the row and the column, because a silently wrong number is worse than no number.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from . import ROOT

DESCRIPTOR = "datapackage.json"


class DataError(ValueError):
    """Bad input, with its place: file, row (1-based data row) and column."""

    def __init__(self, path: Path | str, message: str, row: int | None = None,
                 column: str | None = None, line: int | None = None) -> None:
        self.path, self.row, self.column, self.line = Path(path), row, column, line
        where = str(path)
        if row is not None:
            where += f", row {row}" + (f" (line {line})" if line else "")
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _parse_cell(raw: str, ftype: str) -> Any:
    """Convert one CSV cell to its schema type; ValueError carries the reason."""
    if ftype == "string":
        return raw
    if ftype == "number":
        value = float(raw)
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("not a finite number")
        return value
    if ftype == "integer":
        if not re.fullmatch(r"-?\d+", raw):
            raise ValueError("not an integer")
        return int(raw)
    if ftype == "date":
        return dt.date.fromisoformat(raw)
    raise ValueError(f"unknown field type {ftype!r} in schema")


def _check_constraints(value: Any, raw: str, spec: dict) -> str | None:
    """The first constraint the value breaks, as a sentence, or None."""
    cons = spec.get("constraints", {})
    if "enum" in cons and raw not in cons["enum"]:
        return f"{raw!r} is not an allowed value (allowed: {', '.join(map(str, cons['enum']))})"
    if "pattern" in cons and not re.fullmatch(cons["pattern"], raw):
        return f"{raw!r} does not match the pattern {cons['pattern']}"
    if "minimum" in cons and value < cons["minimum"]:
        return f"{raw} is below the minimum {cons['minimum']}"
    if "maximum" in cons and value > cons["maximum"]:
        return f"{raw} is above the maximum {cons['maximum']}"
    return None


@dataclass
class Resource:
    """One validated CSV of the package."""

    name: str
    path: Path
    frame: pd.DataFrame
    lines: list[int] = field(default_factory=list)   # file line of each data row

    def line_of(self, row_index: int) -> int:
        return self.lines[row_index]


def read_resource(spec: dict, base: Path, bib_keys: set[str] | None = None,
                  verify_hash: bool = True) -> Resource:
    """Read and validate one resource described by its descriptor entry."""
    path = base / spec["path"]
    if not path.exists():
        raise DataError(path, "file is missing")
    if verify_hash and spec.get("hash"):
        want = spec["hash"].removeprefix("sha256:")
        got = sha256(path)
        if got != want:
            raise DataError(path, f"sha256 mismatch: datapackage.json records {want[:12]}…, the file "
                                  f"has {got[:12]}… (after editing data, run `python -m edition rehash`)")
    fields = spec["schema"]["fields"]
    names = [f["name"] for f in fields]
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise DataError(path, "file is empty") from None
        missing = [n for n in names if n not in header]
        if missing:
            raise DataError(path, f"missing column(s): {', '.join(missing)}", column=missing[0], line=1)
        extra = [h for h in header if h not in names]
        if extra:
            raise DataError(path, f"unexpected column(s) not in the schema: {', '.join(extra)}",
                            column=extra[0], line=1)
        records, lines = [], []
        for rownum, row in enumerate(reader, start=1):
            line = reader.line_num
            if len(row) != len(header):
                raise DataError(path, f"has {len(row)} cells, the header has {len(header)}",
                                row=rownum, line=line)
            raw = dict(zip(header, row))
            record = {}
            for spec_f in fields:
                name, cell = spec_f["name"], raw[spec_f["name"]]
                required = spec_f.get("constraints", {}).get("required", False)
                if cell == "":
                    if required:
                        raise DataError(path, "is empty but required", rownum, name, line)
                    record[name] = None
                    continue
                try:
                    value = _parse_cell(cell, spec_f.get("type", "string"))
                except ValueError as exc:
                    raise DataError(path, f"{cell!r} is not a valid {spec_f.get('type')}: {exc}",
                                    rownum, name, line) from None
                problem = _check_constraints(value, cell, spec_f)
                if problem:
                    raise DataError(path, problem, rownum, name, line)
                if spec_f.get("x-bibkey") and bib_keys is not None and cell not in bib_keys:
                    raise DataError(path, f"source key {cell!r} has no entry in references.bib",
                                    rownum, name, line)
                record[name] = value
            records.append(record)
            lines.append(line)
    frame = pd.DataFrame.from_records(records, columns=names)
    _check_unique(spec, path, frame, lines)
    return Resource(spec["name"], path, frame, lines)


def _check_unique(spec: dict, path: Path, frame: pd.DataFrame, lines: list[int]) -> None:
    keys = spec["schema"].get("primaryKey")
    if not keys:
        return
    keys = [keys] if isinstance(keys, str) else keys
    dup = frame.duplicated(subset=keys, keep="first")
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        value = ", ".join(str(frame.iloc[i][k]) for k in keys)
        raise DataError(path, f"duplicate key {value!r} (keys must be unique)", i + 1, keys[0], lines[i])


class Package:
    """The data package, loaded resource by resource on first use and validated once."""

    def __init__(self, root: Path = ROOT, verify_hash: bool = True) -> None:
        self.root = Path(root)
        self.base = self.root / "data"
        self.verify_hash = verify_hash
        self._cache: dict[str, Resource] = {}
        self._judgements = None  # filled by claims.evaluate()

    @cached_property
    def descriptor(self) -> dict:
        path = self.base / DESCRIPTOR
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DataError(path, "file is missing") from None
        except json.JSONDecodeError as exc:
            raise DataError(path, f"is not valid JSON: {exc}", line=exc.lineno) from None

    @cached_property
    def bib_keys(self) -> set[str]:
        from .bib import bib_keys

        return bib_keys(self.root / "references.bib")

    def spec(self, name: str) -> dict:
        for spec in self.descriptor["resources"]:
            if spec["name"] == name:
                return spec
        raise KeyError(f"no resource named {name!r} in {self.base / DESCRIPTOR}")

    def resource(self, name: str) -> Resource:
        if name not in self._cache:
            spec = self.spec(name)
            needs_bib = any(f.get("x-bibkey") for f in spec["schema"]["fields"])
            res = read_resource(spec, self.base, self.bib_keys if needs_bib else None, self.verify_hash)
            self._check_foreign_keys(spec, res)
            self._cache[name] = res
        return self._cache[name]

    def table(self, name: str) -> pd.DataFrame:
        return self.resource(name).frame

    def _check_foreign_keys(self, spec: dict, res: Resource) -> None:
        for fk in spec["schema"].get("foreignKeys", []):
            col, target = fk["fields"], fk["reference"]
            known = set(self.table(target["resource"])[target["fields"]].dropna())
            for i, value in enumerate(res.frame[col]):
                if value is not None and value == value and value not in known:
                    raise DataError(res.path, f"{value!r} is not a {target['fields']} of resource "
                                              f"{target['resource']!r}", i + 1, col, res.lines[i])

    def validate_all(self) -> list[str]:
        """Load every resource; return their names (raises on the first problem)."""
        return [self.resource(spec["name"]).name for spec in self.descriptor["resources"]]


def rehash(root: Path = ROOT) -> list[str]:
    """Record each resource's current sha256 in the descriptor; returns the changed names."""
    path = Path(root) / "data" / DESCRIPTOR
    desc = json.loads(path.read_text(encoding="utf-8"))
    changed = []
    for spec in desc["resources"]:
        digest = "sha256:" + sha256(Path(root) / "data" / spec["path"])
        if spec.get("hash") != digest:
            spec["hash"] = digest
            changed.append(spec["name"])
    path.write_text(json.dumps(desc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


_DEFAULT: Package | None = None


def package() -> Package:
    """The repository's own package, shared by every caller in one process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Package()
    return _DEFAULT

"""Loading and validating the data package (``data/datapackage.json``, a Frictionless data package).

Every resource is checked before any number is used, because a silently wrong number is worse
than no number:

* its path stays inside ``data/`` (no absolute path, no ``..``, no symlink out): a file outside
  the data directory is a file nobody reviews in the data diff;
* its sha256 equals the one recorded (a changed file is re-blessed only by ``rehash``);
* it is UTF-8 without a byte-order mark;
* every constraint its schema declares holds: types, ``required``, ``unique``, ``minLength`` /
  ``maxLength``, ``pattern``, ``enum``, ``minimum`` / ``maximum``, ``missingValues``, the primary
  key and foreign keys. These are checked by frictionless-py, the reference implementation of
  the Table Schema, so no declared constraint is silently ignored. A clean result is remembered
  per content hash (``_build/.edition-data/``), so the thirteen notebooks of a build pay for it
  once; the edition's own rule (``x-bibkey``: a source key must be in ``references.bib``) is
  checked here.

Numbers are parsed straight from the cell text to :class:`decimal.Decimal`, never through
``float``. Any failure raises :class:`DataError` naming the file, the row and the column.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Callable

import pandas as pd

from .. import ROOT
from ..core import atomic
from . import csvfile

DESCRIPTOR = "datapackage.json"
#: Bumped whenever what counts as valid changes, so remembered results are not trusted across it.
VALIDATION_VERSION = "1"
CACHE_DIR = Path("_build") / ".edition-data"


class DataError(ValueError):
    """Bad input, with its place: file, row (1-based data row), column and file line."""

    def __init__(self, path: Path | str, message: str, row: int | None = None,
                 column: str | None = None, line: int | None = None) -> None:
        self.path, self.row, self.column, self.line = Path(path), row, column, line
        self.reason = message
        where = str(path)
        if row is not None:
            where += f", row {row}" + (f" (line {line})" if line else "")
        elif line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def is_missing(value: Any) -> bool:
    """None or NaN: an empty cell, however it reached the frame."""
    return value is None or (isinstance(value, float) and value != value)


# --- where a resource may live ----------------------------------------------------------------

def resource_path(spec: dict, base: Path, descriptor: Path | None = None) -> Path:
    """The resource's file, refused unless it is a relative path that stays inside ``base``.

    Refused: absolute paths (``/etc/x.csv``, ``C:\\x.csv``), URLs, any ``..`` part, and a path
    whose real location (symlinks followed) is outside the data directory.
    """
    descriptor = descriptor or base / DESCRIPTOR
    name, raw = spec.get("name", "?"), spec.get("path")

    def refuse(why: str) -> DataError:
        return DataError(descriptor, f"resource {name!r}: path {raw!r} {why}; data files must be "
                                     "relative paths inside data/")
    if not isinstance(raw, str) or not raw.strip():
        raise refuse("is missing or not a string")
    posix, windows = PurePosixPath(raw), PureWindowsPath(raw)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or raw.startswith(("\\", "~")):
        raise refuse("is absolute")
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", raw):
        raise refuse("is a URL")
    if ".." in posix.parts or ".." in windows.parts:
        raise refuse("climbs out with '..'")
    path = base / raw
    try:
        inside = path.resolve().is_relative_to(base.resolve())
    except OSError as exc:
        raise refuse(f"cannot be resolved ({exc})") from None
    if not inside:
        raise refuse(f"leads outside data/ (to {path.resolve()})")
    return path


# --- reading the bytes -------------------------------------------------------------------------

def read_text(path: Path) -> str:
    """The file as text: UTF-8, no byte-order mark; otherwise a DataError naming the line."""
    data = Path(path).read_bytes()
    if data.startswith(codecs.BOM_UTF8):
        raise DataError(path, "starts with a UTF-8 byte-order mark (BOM): save it as UTF-8 without BOM",
                        line=1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise DataError(path, f"byte 0x{data[exc.start]:02x} is not UTF-8 (save the file as UTF-8)",
                        line=line) from None


# --- the descriptor ----------------------------------------------------------------------------

#: Deeper nesting than any data package needs; Python's JSON reader gives up (RecursionError)
#: not far beyond, naming no file, so the descriptor is refused here first, with its line.
MAX_DEPTH = 64


def load_descriptor(path: Path) -> dict:
    """data/datapackage.json as a dict, refused with a :class:`DataError` naming the file and
    line unless it is JSON, nested at most ``MAX_DEPTH`` deep, with a list of resources each of
    which is an object with a ``name``, a ``path`` and a ``schema`` with ``fields``. Every
    reader and the editor commands go through here, so none of them meets a KeyError."""
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise DataError(path, "file is missing") from None
    except OSError as exc:
        raise DataError(path, f"cannot be read: {exc.strerror or exc}") from None
    deep = _too_deep(text, MAX_DEPTH)
    if deep:
        raise DataError(path, f"is nested more than {MAX_DEPTH} levels deep", line=deep)
    try:
        desc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(path, f"is not valid JSON: {exc.msg}", line=exc.lineno) from None
    if not isinstance(desc, dict) or not isinstance(desc.get("resources"), list):
        raise DataError(path, "has no list of resources", line=1)
    lines = _resource_lines(text)
    for index, spec in enumerate(desc["resources"]):
        problem = _spec_problem(spec)
        if problem:
            line = lines[index] if index < len(lines) else 1
            name = spec.get("name") if isinstance(spec, dict) and isinstance(spec.get("name"), str) else None
            label = f"resource {name!r}" if name else f"resource {index + 1} of {len(desc['resources'])}"
            raise DataError(path, f"{label} {problem}", line=line)
    return desc


def _spec_problem(spec: Any) -> str | None:
    if not isinstance(spec, dict):
        return "is not an object"
    for key in ("name", "path"):
        if not isinstance(spec.get(key), str) or not spec[key].strip():
            return f"has no {key!r} (a non-empty string)"
    if "hash" in spec and not isinstance(spec["hash"], str):
        return "has a 'hash' that is not a string"
    schema = spec.get("schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        return "has no schema with a list of fields"
    for number, f in enumerate(schema["fields"], 1):
        if not isinstance(f, dict) or not isinstance(f.get("name"), str):
            return f"has a field ({number}) without a name"
        if not isinstance(f.get("constraints", {}), dict):
            return f"field {f['name']!r} has constraints that are not an object"
    return None


def _too_deep(text: str, limit: int) -> int | None:
    """The line where brackets outside strings first nest deeper than ``limit``, else None."""
    depth, in_string, escaped, line = 0, False, False, 1
    for ch in text:
        if ch == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return line
        elif ch in "]}":
            depth -= 1
    return None


def _resource_lines(text: str) -> list[int]:
    """The line on which each element of the top-level ``resources`` list starts (best effort:
    for error messages only; the values themselves come from ``json.loads``)."""
    found = re.search(r'"resources"\s*:\s*\[', text)
    if not found:
        return []
    decoder, i, lines = json.JSONDecoder(), found.end(), []
    try:
        while True:
            i = _skip_space(text, i)
            if i >= len(text) or text[i] == "]":
                return lines
            lines.append(text.count("\n", 0, i) + 1)
            _, i = decoder.raw_decode(text, i)
            i = _skip_space(text, i)
            if i < len(text) and text[i] == ",":
                i += 1
    except (ValueError, RecursionError):
        return lines


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


# --- cells -------------------------------------------------------------------------------------

_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")


def parse_cell(raw: str, ftype: str) -> Any:
    """One cell as its schema type (numbers as Decimal, straight from the text); ValueError if not."""
    if ftype in ("string", "any"):
        return raw
    if ftype == "number":
        if not _NUMBER.match(raw.strip()):
            raise ValueError("not a finite decimal number")
        try:
            return Decimal(raw.strip())
        except InvalidOperation:
            raise ValueError("not a finite decimal number") from None
    if ftype == "integer":
        if not _INTEGER.match(raw.strip()):
            raise ValueError("not an integer")
        return int(raw)
    if ftype == "date":
        return dt.date.fromisoformat(raw)
    if ftype == "boolean":
        if raw in ("true", "True", "TRUE", "1"):
            return True
        if raw in ("false", "False", "FALSE", "0"):
            return False
        raise ValueError("not true or false")
    raise ValueError(f"unknown field type {ftype!r} in the schema")


@dataclass
class Resource:
    """One validated CSV of the package."""

    name: str
    path: Path
    frame: pd.DataFrame
    lines: list[int] = field(default_factory=list)   # file line of each data row

    def line_of(self, row_index: int) -> int:
        return self.lines[row_index]


def _rows(path: Path, text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (start line, cells) of each data row."""
    try:
        header, rows = csvfile.parse(text)
    except csvfile.CsvSyntaxError as exc:
        raise DataError(path, f"is not valid CSV: {exc}", line=exc.line) from None
    if not header:
        raise DataError(path, "file is empty", line=1)
    return header, rows


def _header(path: Path, header: list[str], names: list[str]) -> None:
    missing = [n for n in names if n not in header]
    if missing:
        raise DataError(path, f"missing column(s): {', '.join(missing)}", column=missing[0], line=1)
    extra = [h for h in header if h not in names]
    if extra:
        raise DataError(path, f"unexpected column(s) not in the schema: {', '.join(extra)}",
                        column=extra[0], line=1)
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        raise DataError(path, f"column(s) named twice: {', '.join(dup)}", column=dup[0], line=1)


def read_resource(spec: dict, base: Path, bib_keys: set[str] | None = None,
                  verify_hash: bool = True) -> Resource:
    """Read one resource: its place, hash, encoding, header, and each cell typed (Decimal numbers).

    The schema's constraints are checked by :func:`constraint_errors` (frictionless); this reader
    refuses what would make the values themselves wrong.
    """
    path = resource_path(spec, base)
    if not path.is_file():
        raise DataError(path, f"file is missing (resource {spec.get('name')!r})")
    if verify_hash and spec.get("hash"):
        want = str(spec["hash"]).removeprefix("sha256:")
        got = sha256(path)
        if got != want:
            raise DataError(path, f"sha256 mismatch: datapackage.json records {want[:12]}…, the file "
                                  f"has {got[:12]}… (after editing data, run `python -m edition rehash`)")
    schema = spec["schema"]
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    missing_values = set(schema.get("missingValues", [""]))
    header, rows = _rows(path, read_text(path))
    _header(path, header, names)
    records, lines = [], []
    for rownum, (line, cells) in enumerate(rows, start=1):
        if len(cells) != len(header):
            raise DataError(path, f"has {len(cells)} cells, the header has {len(header)}",
                            row=rownum, line=line)
        raw = dict(zip(header, cells))
        record = {}
        for spec_f in fields:
            name, cell = spec_f["name"], raw[spec_f["name"]]
            if cell in missing_values:
                if spec_f.get("constraints", {}).get("required"):
                    raise DataError(path, "is empty but required", rownum, name, line)
                record[name] = None
                continue
            try:
                record[name] = parse_cell(cell, spec_f.get("type", "string"))
            except ValueError as exc:
                raise DataError(path, f"{cell!r} is not a valid {spec_f.get('type')}: {exc}",
                                rownum, name, line) from None
            if spec_f.get("x-bibkey") and bib_keys is not None and cell not in bib_keys:
                raise DataError(path, f"source key {cell!r} has no entry in references.bib",
                                rownum, name, line)
        records.append(record)
        lines.append(line)
    frame = pd.DataFrame.from_records(records, columns=names)
    for name, spec_f in zip(names, fields):
        if spec_f.get("type") == "number":  # keep Decimal (and None), never a float column
            frame[name] = pd.Series([r[name] for r in records], dtype=object, index=frame.index)
    return Resource(spec.get("name", path.stem), path, frame, lines)


# --- every declared constraint, through frictionless --------------------------------------------

HEADER_ERRORS = ("extra-label", "missing-label", "blank-label", "duplicate-label", "incorrect-label")
MAX_ERRORS = 20
_CONSTRAINT = re.compile(r'constraint "(?P<name>\w+)" is "(?P<value>.*)"', re.S)


def _sentence(error: Any, spec: dict) -> str:
    """A frictionless error as a sentence in the edition's words (the reason, not the place)."""
    kind = getattr(error, "type", "")
    cell = getattr(error, "cell", None)
    fname = getattr(error, "field_name", None)
    fspec = next((f for f in spec["schema"]["fields"] if f["name"] == fname), {})
    if kind == "constraint-error":
        m = _CONSTRAINT.search(getattr(error, "note", "") or "")
        name = m.group("name") if m else "?"
        cons = fspec.get("constraints", {})
        if name == "required":
            return "is empty but required"
        if name == "enum":
            return f"{cell!r} is not an allowed value (allowed: {', '.join(map(str, cons.get('enum', [])))})"
        if name == "pattern":
            return f"{cell!r} does not match the pattern {cons.get('pattern')}"
        if name in ("minimum", "maximum"):
            return f"{cell} is {'below' if name == 'minimum' else 'above'} the {name} {cons.get(name)}"
        if name in ("minLength", "maxLength"):
            return (f"{cell!r} is {'shorter' if name == 'minLength' else 'longer'} than the {name} "
                    f"{cons.get(name)}")
        return f"{cell!r} breaks the constraint {name} = {m.group('value') if m else '?'}"
    if kind == "unique-error":
        return f"{cell!r} appears more than once (values must be unique)"
    if kind == "primary-key":
        value = ", ".join(str(v) for v in _key_cells(error, spec))
        return f"duplicate key {value!r} (keys must be unique)"
    if kind == "foreign-key":
        value = ", ".join(str(v) for v in getattr(error, "field_cells", []) or [])
        ref = getattr(error, "reference_field_names", None) or ["?"]
        return (f"{value!r} is not a {', '.join(ref)} of resource "
                f"{getattr(error, 'reference_name', '?')!r}")
    if kind in ("extra-label", "missing-label", "duplicate-label", "blank-label", "incorrect-label"):
        label = getattr(error, "label", "")
        return {"extra-label": f"unexpected column {label!r} not in the schema",
                "missing-label": f"missing column {label!r}",
                "duplicate-label": f"column {label!r} named twice",
                "blank-label": "a column has no name",
                "incorrect-label": f"column {label!r} is not where the schema puts it"}[kind]
    if kind in ("missing-cell", "extra-cell"):
        return "the row has fewer cells than the header" if kind == "missing-cell" else \
            "the row has more cells than the header"
    if kind == "blank-row":
        return "the row is blank"
    if kind == "type-error":
        return f"{cell!r} is not a valid {fspec.get('type', 'value')}"
    return str(getattr(error, "message", error))


def primary_key(spec: dict) -> list[str]:
    keys = spec["schema"].get("primaryKey") or []
    return [keys] if isinstance(keys, str) else list(keys)


def _key_cells(error: Any, spec: dict) -> list[Any]:
    names = [f["name"] for f in spec["schema"]["fields"]]
    cells = list(getattr(error, "cells", []) or [])
    return [cells[names.index(k)] for k in primary_key(spec) if names.index(k) < len(cells)]


def _column(error: Any, spec: dict) -> str | None:
    """The column an error is in: its field, else the first key field of a key error."""
    if getattr(error, "field_name", None):
        return error.field_name
    if getattr(error, "type", "") == "primary-key":
        return (primary_key(spec) or [None])[0]
    if getattr(error, "type", "") == "foreign-key":
        return (getattr(error, "field_names", None) or [None])[0]
    if getattr(error, "label", None):
        return error.label
    return None


def _frictionless_descriptor(desc: dict, tables: dict[str, list[list[str]]]) -> dict:
    """The descriptor as frictionless should see it: each resource's rows given inline, as this
    module read them (UTF-8 checked, inside data/). Inline rows also spare frictionless its CSV
    dialect sniffing, whose regular expression takes minutes on cells full of quotes. Hashes are
    left to :func:`read_resource`, which names the fix."""
    out = {k: v for k, v in desc.items() if k != "resources"}
    out["resources"] = []
    for spec in desc.get("resources", []):
        if spec.get("name") not in tables:
            continue
        clean = {k: v for k, v in spec.items() if k not in ("hash", "bytes", "path", "encoding", "format")}
        clean["data"] = tables[spec["name"]]
        out["resources"].append(clean)
    return out


def constraint_errors(desc: dict, base: Path, tables: dict[str, list[list[str]]],
                      lines: dict[str, list[int]]) -> dict[str, list[DataError]]:
    """Every constraint error frictionless finds, by resource name, each with file, row, column."""
    from frictionless import Package as FPackage, system

    fdesc = _frictionless_descriptor(desc, tables)
    specs = {s["name"]: s for s in desc["resources"] if s.get("name") in tables}
    out: dict[str, list[DataError]] = {name: [] for name in specs}
    with system.use_context(trusted=False):
        report = FPackage(fdesc).validate()
    for task in report.tasks:
        spec = specs.get(task.name)
        if spec is None:
            continue
        path = base / spec["path"]
        header_broken = any(getattr(e, "type", "") in HEADER_ERRORS for e in task.errors)
        errors = [e for e in task.errors
                  if not (header_broken and getattr(e, "type", "") in ("missing-cell", "extra-cell"))]
        for error in errors[:MAX_ERRORS]:
            row_number = getattr(error, "row_number", None)
            row = row_number - 1 if row_number else None
            known = lines.get(task.name, [])
            line = known[row - 1] if row and row <= len(known) else (1 if row is None else None)
            out[task.name].append(DataError(path, _sentence(error, spec), row, _column(error, spec), line))
        if len(errors) > MAX_ERRORS:
            out[task.name].append(DataError(path, f"… and {len(errors) - MAX_ERRORS} more problems "
                                                  "(fix these first)", line=1))
    return out


def _content_key(desc_bytes: bytes, files: list[Path]) -> str:
    """What a remembered clean result depends on: the descriptor, every file, the validator
    (its version read from metadata: importing frictionless costs more than validating once)."""
    from importlib.metadata import version

    digest = hashlib.sha256(desc_bytes)
    digest.update(f"{VALIDATION_VERSION}/{version('frictionless')}".encode())
    for path in files:
        digest.update(path.name.encode() + b"\0" + Path(path).read_bytes() + b"\0")
    return digest.hexdigest()


class Package:
    """The data package, loaded resource by resource on first use and validated once."""

    def __init__(self, root: Path = ROOT, verify_hash: bool = True,
                 unverified: tuple[str, ...] = ()) -> None:
        self.root = Path(root)
        self.base = self.root / "data"
        self.verify_hash = verify_hash
        #: resources whose recorded hash is not checked (record-verdicts rewrites the claims file)
        self.unverified = tuple(unverified)
        self._cache: dict[str, Resource] = {}
        self._constraint_errors: dict[str, list[DataError]] | None = None

    @property
    def descriptor_path(self) -> Path:
        return self.base / DESCRIPTOR

    @cached_property
    def descriptor(self) -> dict:
        return load_descriptor(self.descriptor_path)

    @cached_property
    def bib_keys(self) -> set[str]:
        from .bib import bib_keys

        return bib_keys(self.root / "references.bib")

    def spec(self, name: str) -> dict:
        for spec in self.descriptor["resources"]:
            if spec.get("name") == name:
                return spec
        raise KeyError(f"no resource named {name!r} in {self.descriptor_path}")

    def resource(self, name: str) -> Resource:
        if name not in self._cache:
            spec = self.spec(name)
            res = self._read(spec)
            problems = self.constraint_problems().get(name, [])
            if problems:
                raise problems[0]
            self._cache[name] = res
        return self._cache[name]

    def _read(self, spec: dict, verify: bool = True, bib: bool = True) -> Resource:
        needs_bib = bib and any(f.get("x-bibkey") for f in spec["schema"]["fields"])
        verify = verify and self.verify_hash and spec.get("name") not in self.unverified
        keys = None
        if needs_bib:
            from .bib import BibError

            try:
                keys = self.bib_keys
            except BibError as exc:
                raise DataError(self.root / "references.bib", f"cannot be read, so source keys cannot "
                                f"be checked: {exc}") from None
        return read_resource(spec, self.base, keys, verify)

    def table(self, name: str) -> pd.DataFrame:
        return self.resource(name).frame

    def constraint_problems(self) -> dict[str, list[DataError]]:
        """Frictionless's findings for every resource; {} when this content was found clean before."""
        if self._constraint_errors is None:
            self._constraint_errors = self._validate_constraints()
        return self._constraint_errors

    def _validate_constraints(self) -> dict[str, list[DataError]]:
        desc = self.descriptor
        files = []
        for spec in desc["resources"]:
            try:
                path = resource_path(spec, self.base)
            except DataError:
                continue
            if path.is_file():
                files.append(path)
        key = _content_key(self.descriptor_path.read_bytes(), files)
        marker = self.root / CACHE_DIR / key
        if marker.exists():
            return {}
        tables, lines = {}, {}
        for spec in desc["resources"]:
            try:
                path = resource_path(spec, self.base)
                header, rows = _rows(path, read_text(path))
            except (DataError, KeyError, OSError):
                continue  # unreadable: read_resource reports it
            tables[spec["name"]] = [header] + [cells for _, cells in rows]
            lines[spec["name"]] = [line for line, _ in rows]
        try:
            found = constraint_errors(desc, self.base, tables, lines)
        except Exception as exc:  # noqa: BLE001 - a descriptor frictionless cannot read at all
            message = str(getattr(exc, "error", None) and exc.error.message or exc)
            raise DataError(self.descriptor_path, f"cannot be validated: {message}", line=1) from None
        if not any(found.values()):
            try:
                marker.parent.mkdir(parents=True, exist_ok=True)
                marker.touch()
            except OSError:
                pass  # a read-only checkout validates every time; nothing else changes
        return found

    def problems(self) -> list[DataError]:
        """Every problem in every resource, without stopping at the first: what the checker lists."""
        try:
            resources = self.descriptor["resources"]
        except DataError as exc:
            return [exc]
        found: list[DataError] = []
        for spec in resources:
            try:
                self._read_all(spec, found)
            except (KeyError, TypeError) as exc:
                found.append(DataError(self.descriptor_path, f"resource {spec.get('name')!r} is "
                                       f"incompletely described: {exc}", line=1))
        try:
            for errors in self.constraint_problems().values():
                found += errors
        except DataError as exc:
            found.append(exc)
        seen, unique = set(), []
        for e in found:
            # one problem per cell (own reader and frictionless may both see it); file-level
            # problems (hash, BOM, header) are all kept
            key = (str(e.path), e.row, e.column) if e.row is not None else (str(e.path), e.reason)
            if key not in seen:
                seen.add(key)
                unique.append(e)
        return unique

    def _read_all(self, spec: dict, found: list[DataError]) -> None:
        """Read a resource, noting each problem; a stale hash or an unreadable bibliography does
        not hide what else is wrong with the file."""
        verify, bib = True, True
        for _ in range(3):
            try:
                self._read(spec, verify=verify, bib=bib)
                return
            except DataError as exc:
                found.append(exc)
                if exc.reason.startswith("sha256 mismatch") and verify:
                    verify = False
                elif exc.path.name == "references.bib" and bib:
                    bib = False
                else:
                    return

    def validate_all(self) -> list[str]:
        """Load every resource; return their names (raises on the first problem)."""
        return [self.resource(spec["name"]).name for spec in self.descriptor["resources"]]


def record_verdicts(pkg: Package, resource: str, key: str,
                    judged: Callable[[Package], dict[str, str]]) -> list[tuple[str, str, str]]:
    """Write the verdicts judged now into a register's ``recorded_verdict`` column.

    Every other resource must still match its recorded hash (checked before anything is
    written), and only this register is re-hashed, so an unrelated, unreviewed edit is never
    blessed with it. Returns (id, recorded, now) for each row that changed.
    """
    check = Package(pkg.root, verify_hash=True, unverified=(resource,))
    check.validate_all()  # raises DataError naming any other file whose hash does not match
    now = judged(check)
    path = check.resource(resource).path
    fields, rows = csvfile.read_table(path)
    moved = [(r[key], r["recorded_verdict"], now[r[key]]) for r in rows if r["recorded_verdict"] != now[r[key]]]
    for r in rows:
        r["recorded_verdict"] = now[r[key]]
    csvfile.write_table(path, fields, rows)
    rehash(pkg.root, names=[resource])
    return moved


def rehash(root: Path = ROOT, names: list[str] | None = None) -> list[str]:
    """Record the current sha256 of each resource (or only those named); returns the changed names.

    ``names`` limits the blessing to what the caller means to bless: ``record-verdicts`` passes
    only ``claims``, so an unrelated edit elsewhere still fails its hash check.
    """
    base = Path(root) / "data"
    path = base / DESCRIPTOR
    desc = load_descriptor(path)
    changed = []
    for spec in desc["resources"]:
        if names is not None and spec["name"] not in names:
            continue
        file = resource_path(spec, base, path)
        try:
            digest = "sha256:" + sha256(file)
        except FileNotFoundError:
            raise DataError(file, f"file is missing (resource {spec['name']!r})") from None
        except OSError as exc:
            raise DataError(file, f"cannot be read (resource {spec['name']!r}): {exc.strerror or exc}") from None
        if spec.get("hash") != digest:
            spec["hash"] = digest
            changed.append(spec["name"])
    if changed:
        atomic.write_text(path, json.dumps(desc, indent=2, ensure_ascii=False) + "\n")
    return changed


_DEFAULT: Package | None = None


def package() -> Package:
    """The repository's own package, shared by every caller in one process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Package()
    return _DEFAULT

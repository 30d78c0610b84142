"""Loading and validating the data package (``data/datapackage.json``, a Frictionless data package).

Every resource is checked before any number is used, because a silently wrong number is worse
than no number:

* its path stays inside ``data/`` (no absolute path, no ``..``, no symlink out): a file outside
  the data directory is a file nobody reviews in the data diff;
* its sha256 equals the one recorded (a changed file is re-blessed only by ``rehash``);
* it is UTF-8 without a byte-order mark;
* every rule its schema declares holds: the header, the cells of each row, types, ``required``,
  ``unique``, ``minLength`` / ``maxLength``, ``pattern``, ``enum``, ``minimum`` / ``maximum``,
  ``missingValues``, the primary key and foreign keys. These are checked by frictionless-py, the
  reference implementation of the Table Schema, so no declared rule is silently ignored; the
  edition's own rules (``x-bibkey``: a source key must be in ``references.bib``; a typed cell must
  be read by :func:`parse_cell`) run in the same pass as frictionless checks
  (:mod:`edition.data.validation`). A clean result is remembered per content hash
  (``_build/.edition-data/``), so the thirteen notebooks of a build pay for it once.

This module reads: numbers are parsed straight from the cell text to :class:`decimal.Decimal`,
never through ``float``. Any failure raises :class:`DataError` naming the file, the row and the
column.
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
VALIDATION_VERSION = "2"
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
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
#: Why a cell is not its type, in the edition's words (the reader's and the checker's).
TYPE_WORDS = {"number": "not a finite decimal number", "integer": "not an integer",
              "date": "not a calendar date written YYYY-MM-DD", "boolean": "not true or false"}
_BOOLEAN = {"true": True, "True": True, "TRUE": True, "1": True,
            "false": False, "False": False, "FALSE": False, "0": False}


def type_words(ftype: str) -> str:
    """Why a cell is not of type ``ftype`` (or that the edition reads no such type)."""
    return TYPE_WORDS.get(ftype) or f"unknown field type {ftype!r} in the schema"


def parse_cell(raw: str, ftype: str) -> Any:
    """One cell as its schema type (numbers as Decimal, straight from the text); ValueError if not.

    Stricter than the Table Schema on purpose (ASCII digits, finite numbers, ISO dates): what
    this refuses and frictionless accepts is reported by the ``x-cell`` check."""
    if ftype in ("string", "any"):
        return raw
    if ftype not in TYPE_WORDS:
        raise ValueError(type_words(ftype))
    text = raw.strip() if ftype in ("number", "integer") else raw
    try:
        if ftype == "number" and _NUMBER.match(text):
            return Decimal(text)
        if ftype == "integer" and _INTEGER.match(text):
            return int(text)
        if ftype == "date" and _DATE.match(text):
            return dt.date.fromisoformat(text)
        if ftype == "boolean" and text in _BOOLEAN:
            return _BOOLEAN[text]
    except (InvalidOperation, ValueError):
        pass
    raise ValueError(TYPE_WORDS[ftype])


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


def read_resource(spec: dict, base: Path, verify_hash: bool = True) -> Resource:
    """Read one resource: its place, hash, encoding and CSV syntax, then each cell as its type.

    The schema's rules are not judged here but by frictionless (:mod:`edition.data.validation`),
    before :meth:`Package.resource` hands the table out: a cell that is empty or cannot be read
    is ``None`` here, and frictionless says why it is wrong.
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
    records = []
    for _, cells in rows:
        raw = dict(zip(header, cells))
        records.append({f["name"]: _value(raw.get(f["name"]), f, missing_values) for f in fields})
    frame = pd.DataFrame.from_records(records, columns=names)
    for name, spec_f in zip(names, fields):
        if spec_f.get("type") == "number":  # keep Decimal (and None), never a float column
            frame[name] = pd.Series([r[name] for r in records], dtype=object, index=frame.index)
    return Resource(spec.get("name", path.stem), path, frame, [line for line, _ in rows])


def _value(cell: str | None, spec_f: dict, missing_values: set[str]) -> Any:
    """A cell as its type; None when it is empty, absent or unreadable (frictionless says why)."""
    if cell is None or cell in missing_values:
        return None
    try:
        return parse_cell(cell, spec_f.get("type", "string"))
    except ValueError:
        return None


# --- every declared rule, through frictionless ------------------------------------------------

def primary_key(spec: dict) -> list[str]:
    keys = spec["schema"].get("primaryKey") or []
    return [keys] if isinstance(keys, str) else list(keys)


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

    def _read(self, spec: dict, verify: bool = True) -> Resource:
        verify = verify and self.verify_hash and spec.get("name") not in self.unverified
        return read_resource(spec, self.base, verify)

    def table(self, name: str) -> pd.DataFrame:
        return self.resource(name).frame

    def constraint_problems(self) -> dict[str, list[DataError]]:
        """What frictionless and the edition's checks find in each resource; {} when this content
        was found clean before."""
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
        uses_bib = [s["name"] for s in desc["resources"]
                    if any(f.get("x-bibkey") for f in s["schema"]["fields"])]
        bib = [self.root / "references.bib"] if uses_bib and (self.root / "references.bib").is_file() else []
        key = _content_key(self.descriptor_path.read_bytes(), files + bib)
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
        keys, unread = self._source_keys(uses_bib)
        from . import validation  # frictionless: imported only when something is validated

        try:
            found = validation.validate(desc, self.base, tables, lines, keys)
        except Exception as exc:  # noqa: BLE001 - a descriptor frictionless cannot read at all
            message = str(getattr(exc, "error", None) and exc.error.message or exc)
            raise DataError(self.descriptor_path, f"cannot be validated: {message}", line=1) from None
        for name in uses_bib if unread else ():
            found[name] = [unread, *found.get(name, [])]
        if not any(found.values()):
            try:
                marker.parent.mkdir(parents=True, exist_ok=True)
                marker.touch()
            except OSError:
                pass  # a read-only checkout validates every time; nothing else changes
        return found

    def _source_keys(self, needed: list[str]) -> tuple[set[str] | None, DataError | None]:
        """The keys of references.bib, when some field is ``x-bibkey`` (else None); an unreadable
        bibliography is a problem of each resource that needs it."""
        if not needed:
            return None, None
        from .bib import BibError

        try:
            return self.bib_keys, None
        except BibError as exc:
            return None, DataError(self.root / "references.bib", f"cannot be read, so source keys cannot "
                                   f"be checked: {exc}")

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
        return found

    def _read_all(self, spec: dict, found: list[DataError]) -> None:
        """Read a resource, noting what the edition itself refuses (its place, hash, encoding,
        CSV syntax); a stale hash does not hide what else is wrong with the file."""
        for verify in (True, False):
            try:
                self._read(spec, verify=verify)
                return
            except DataError as exc:
                found.append(exc)
                if not exc.reason.startswith("sha256 mismatch"):
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

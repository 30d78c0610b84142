"""The data package validated by frictionless-py, and its findings told in the edition's words.

frictionless, the reference implementation of the Table Schema, checks every rule a schema
declares: the header, the number of cells in each row, types, ``required`` and every other
constraint, ``missingValues``, the primary key and foreign keys. The edition's own rules run in
the same pass, as frictionless checks (classes, like frictionless's own ``checks``):

* :class:`BibKeyCheck` (``x-bibkey``): a cell of a field marked ``"x-bibkey": true`` must be the
  key of an entry in ``references.bib``;
* :class:`CellSyntaxCheck` (``x-cell``): a typed cell must also be read by the edition's own
  reader (:func:`~edition.data.datapackage.parse_cell`, numbers straight to ``Decimal``). The Table
  Schema accepts ``NaN``, ``INF``, digits of other scripts and ``2017-1-5``; the edition refuses
  them, because such a cell is a typing slip, never a figure of the paper.

What an editor reads is built from the errors' structured fields (``type``, ``field_name``,
``row_number``, ``cell``, ``labels``) through one table, :data:`SENTENCES`; the name of a broken
constraint comes from :meth:`frictionless.Field.read_cell`, whose notes are keyed by it, never from
the wording of a note. This module imports frictionless (about half a second), so
:mod:`edition.data.datapackage` imports it only when a validation actually runs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

import attrs
from frictionless import Check, Checklist, Package as FPackage, errors, system
from frictionless.table import Row

from .datapackage import DataError, parse_cell, primary_key, type_words

#: At most this many problems of one resource are listed (then how many more there are).
MAX_ERRORS = 20
LABEL_ERRORS = ("extra-label", "missing-label", "blank-label", "duplicate-label", "incorrect-label")


# --- the edition's rules as frictionless checks -------------------------------------------------

class BibKeyError(errors.CellError):
    type = "x-bibkey-error"
    title = "Unknown Source Key"
    description = "A field marked x-bibkey holds a key that has no entry in references.bib."
    template = ('The source key "{cell}" in row "{rowNumber}" and field "{fieldName}" has no entry in '
                "references.bib")


class CellSyntaxError(errors.CellError):
    type = "x-cell-error"
    title = "Cell Not Read"
    description = "A typed cell the Table Schema accepts but the edition's reader refuses."
    template = ('The cell "{cell}" in row "{rowNumber}" and field "{fieldName}" is not read by the edition: '
                "{note}")


def _cell_error(kind: type[errors.CellError], row: Row, number: int, note: str) -> errors.CellError:
    """An error at the cell as written (``CellError.from_row`` would give the value as read:
    ``６５４４`` read as a number prints as ``6544``)."""
    cells = [str(c) if c is not None else "" for c in row.cells]
    return kind(note=note, cells=cells, row_number=row.row_number,
                cell=cells[number - 1] if number <= len(cells) else "",
                field_name=row.fields[number - 1].name, field_number=number)


@attrs.define(kw_only=True, repr=False)
class BibKeyCheck(Check):
    """Each cell of a field marked ``x-bibkey`` is a key of references.bib (empty cells are
    ``required``'s business)."""

    type = "x-bibkey"
    Errors = [BibKeyError]

    keys: frozenset = attrs.field(factory=frozenset)

    def validate_row(self, row: Row) -> Iterable[errors.Error]:
        for number, field in enumerate(row.fields, start=1):
            if field.custom.get("x-bibkey") and row[field.name] is not None \
                    and str(row[field.name]) not in self.keys:
                yield _cell_error(BibKeyError, row, number, "has no entry in references.bib")


@attrs.define(kw_only=True, repr=False)
class CellSyntaxCheck(Check):
    """Each typed cell frictionless read is read by the edition's reader too; a cell frictionless
    could not read already has its ``type-error``, so it is not reported twice."""

    type = "x-cell"
    Errors = [CellSyntaxError]

    def validate_row(self, row: Row) -> Iterable[errors.Error]:
        for number, field in enumerate(row.fields, start=1):
            if field.type in ("string", "any") or row[field.name] is None or number > len(row.cells):
                continue
            try:
                parse_cell(str(row.cells[number - 1]), field.type)
            except ValueError as exc:
                yield _cell_error(CellSyntaxError, row, number, str(exc))


# --- the edition's words ----------------------------------------------------------------------

def _allowed(value: Any) -> str:
    return ", ".join(map(str, value or []))


#: What a broken constraint is called, by its name: (cell as written, the constraint's value).
CONSTRAINT_WORDS: dict[str, Callable[[str, Any], str]] = {
    "required": lambda cell, value: "is empty but required",
    "enum": lambda cell, value: f"{cell!r} is not an allowed value (allowed: {_allowed(value)})",
    "pattern": lambda cell, value: f"{cell!r} does not match the pattern {value}",
    "minimum": lambda cell, value: f"{cell} is below the minimum {value}",
    "maximum": lambda cell, value: f"{cell} is above the maximum {value}",
    "exclusiveMinimum": lambda cell, value: f"{cell} is not above the exclusiveMinimum {value}",
    "exclusiveMaximum": lambda cell, value: f"{cell} is not below the exclusiveMaximum {value}",
    "minLength": lambda cell, value: f"{cell!r} is shorter than the minLength {value}",
    "maxLength": lambda cell, value: f"{cell!r} is longer than the maxLength {value}",
}


class Context:
    """What a sentence may need besides the error: the resource's spec and frictionless's view
    of it (for the constraint names)."""

    def __init__(self, spec: dict, resource: Any) -> None:
        self.spec, self.resource = spec, resource

    def field(self, name: str | None) -> dict:
        return next((f for f in self.spec["schema"]["fields"] if f["name"] == name), {})

    def key_read(self, error: Any) -> bool:
        """Whether frictionless read any cell of a row's key (a ``primary-key`` error is a
        duplicate key, or a key it could not read at all)."""
        cells = zip(primary_key(self.spec), _key_cells(error, self.spec))
        schema = self.resource.schema
        return any(schema.get_field(name).read_cell(cell)[0] is not None for name, cell in cells)

    def constraint(self, error: Any) -> str | None:
        """The name of the constraint a ``constraint-error`` reports: frictionless reads the
        cell again, and its notes are keyed by constraint name."""
        _, notes = self.resource.schema.get_field(error.field_name).read_cell(error.cell)
        return next((name for name, note in (notes or {}).items() if note == error.note), None)


def _constraint(error: Any, ctx: Context) -> str:
    name = ctx.constraint(error)
    value = ctx.field(error.field_name).get("constraints", {}).get(name)
    words = CONSTRAINT_WORDS.get(name or "")
    return words(error.cell, value) if words else f"{error.cell!r} breaks the constraint {name} = {value}"


def _type(error: Any, ctx: Context) -> str:
    """A cell not read as its type: frictionless's ``type-error``, or the edition's stricter
    ``x-cell-error`` (whose note is the edition's reader's own reason)."""
    ftype = ctx.field(error.field_name).get("type", "value")
    why = error.note if error.type == CellSyntaxError.type else type_words(ftype)
    return f"{error.cell!r} is not a valid {ftype}: {why}"


def _key_cells(error: Any, spec: dict) -> list[str]:
    names = [f["name"] for f in spec["schema"]["fields"]]
    cells = list(error.cells or [])
    return [cells[names.index(k)] if names.index(k) < len(cells) else "" for k in primary_key(spec)]


def _primary_key(error: Any, ctx: Context) -> str:
    if not ctx.key_read(error):
        return "the row has no key (its key cells are empty or cannot be read)"
    return f"duplicate key {', '.join(_key_cells(error, ctx.spec))!r} (keys must be unique)"


def _header_faults(error: Any, spec: dict) -> tuple[list[str], list[str], list[str], list[str]]:
    """The header (every label error carries it) against the schema's names: missing, unexpected,
    named twice; and the names."""
    labels, names = list(error.labels or []), [f["name"] for f in spec["schema"]["fields"]]
    missing = [n for n in names if n not in labels]
    extra = [label for label in labels if label and label not in names]
    twice = sorted({label for label in labels if label and labels.count(label) > 1})
    return missing, extra, twice, names


def _header(error: Any, ctx: Context) -> str:
    """The header against the schema, said once for the resource: frictionless compares column
    by column, so one missing column makes every later one 'incorrect'; the edition names it."""
    missing, extra, twice, names = _header_faults(error, ctx.spec)
    parts = []
    if missing:
        parts.append(f"missing column(s): {', '.join(missing)}")
    if extra:
        parts.append(f"unexpected column(s) not in the schema: {', '.join(extra)}")
    if twice:
        parts.append(f"column(s) named twice: {', '.join(twice)}")
    if "" in error.labels:
        parts.append(f"column {list(error.labels).index('') + 1} has no name")
    return "; ".join(parts) or f"the columns are not in the schema's order ({', '.join(names)})"


def _header_column(error: Any, spec: dict) -> str | None:
    missing, extra, _, _ = _header_faults(error, spec)
    return (missing + extra)[0] if missing or extra else error.field_name or None


def _cell_count(error: Any, ctx: Context) -> str:
    return f"the row has {len(error.cells)} cells, the header has {len(ctx.spec['schema']['fields'])}"


def _foreign_key(error: Any, ctx: Context) -> str:
    value = ", ".join(str(v) for v in error.field_cells or [])
    fields = ", ".join(error.reference_field_names or ["?"])
    return f"{value!r} is not a {fields} of resource {error.reference_name!r}"


#: The edition's words for each kind of error frictionless (or an edition check) reports.
SENTENCES: dict[str, Callable[[Any, Context], str]] = {
    **{kind: _header for kind in LABEL_ERRORS},
    "missing-cell": _cell_count,
    "extra-cell": _cell_count,
    "blank-row": lambda e, ctx: "the row is blank",
    "type-error": _type,
    "constraint-error": _constraint,
    "unique-error": lambda e, ctx: f"{e.cell!r} appears more than once (values must be unique)",
    "primary-key": _primary_key,
    "foreign-key": _foreign_key,
    BibKeyError.type: lambda e, ctx: f"source key {e.cell!r} has no entry in references.bib",
    CellSyntaxError.type: _type,
}


def sentence(error: Any, ctx: Context) -> str:
    """The reason, in the edition's words (frictionless's own message for a kind not listed)."""
    words = SENTENCES.get(error.type)
    return words(error, ctx) if words else str(error.message)


def column(error: Any, spec: dict) -> str | None:
    """The column an error is in: the header's first wrong name, the cell's field, the first
    field of a key."""
    if error.type in LABEL_ERRORS:
        return _header_column(error, spec)
    if getattr(error, "field_name", None):
        return error.field_name
    if error.type == "primary-key":
        return (primary_key(spec) or [None])[0]
    if error.type == "foreign-key":
        return (error.field_names or [None])[0]
    return None


# --- one validation of the whole package ----------------------------------------------------

def frictionless_descriptor(desc: dict, tables: dict[str, list[list[str]]]) -> dict:
    """The descriptor as frictionless should see it: each resource's rows given inline, as the
    edition read them (UTF-8 checked, inside data/). Inline rows also spare frictionless its CSV
    dialect sniffing, whose regular expression takes minutes on cells full of quotes. Hashes are
    left to :func:`~edition.data.datapackage.read_resource`, which names the fix."""
    out = {k: v for k, v in desc.items() if k != "resources"}
    out["resources"] = []
    for spec in desc.get("resources", []):
        if spec.get("name") not in tables:
            continue
        clean = {k: v for k, v in spec.items() if k not in ("hash", "bytes", "path", "encoding", "format")}
        clean["data"] = tables[spec["name"]]
        out["resources"].append(clean)
    return out


def checklist(bib_keys: set[str] | None) -> Checklist:
    """frictionless's own checks and the edition's (no ``x-bibkey`` check without a bibliography:
    an unreadable references.bib is reported by itself)."""
    checks: list[Check] = [CellSyntaxCheck()]
    if bib_keys is not None:
        checks.append(BibKeyCheck(keys=frozenset(bib_keys)))
    return Checklist(checks=checks)


def validate(desc: dict, base: Path, tables: dict[str, list[list[str]]], lines: dict[str, list[int]],
             bib_keys: set[str] | None) -> dict[str, list[DataError]]:
    """Every problem frictionless and the edition's checks find, by resource, each with its file,
    row, column and line. A resource whose header is wrong gets that one problem: its cells were
    read under the wrong names. frictionless's errors that only repeat another are left out
    (:func:`_repeated`)."""
    fpackage = FPackage(frictionless_descriptor(desc, tables))
    specs = {s["name"]: s for s in desc["resources"] if s.get("name") in tables}
    out: dict[str, list[DataError]] = {name: [] for name in specs}
    with system.use_context(trusted=False):
        report = fpackage.validate(checklist(bib_keys))
    if report.errors:  # the package as a whole (its descriptor), not one resource
        raise ValueError(report.errors[0].message)
    for task in report.tasks:
        spec = specs.get(task.name)
        if spec is None:
            continue
        ctx = Context(spec, fpackage.get_resource(task.name))
        header = [e for e in task.errors if e.type in LABEL_ERRORS]
        found = header[:1] or [e for e in task.errors if not _repeated(e, ctx)]
        place = base / spec["path"], lines.get(task.name, [])
        out[task.name] = [_data_error(e, ctx, *place) for e in found[:MAX_ERRORS]]
        if len(found) > MAX_ERRORS:
            out[task.name].append(DataError(place[0], f"… and {len(found) - MAX_ERRORS} more problems "
                                                      "(fix these first)", line=1))
    return out


def _repeated(error: Any, ctx: Context) -> bool:
    """An error frictionless adds to another it reports at the same place: a type or constraint
    error at a cell past the end of the row (``missing-cell`` says the row is short), and a row
    without a key whose key fields are all ``required`` (``required``, ``type-error`` or
    ``blank-row`` already says why each key cell is empty)."""
    if error.type in ("type-error", "constraint-error"):
        return error.field_number > len(error.cells)
    if error.type == "primary-key" and not ctx.key_read(error):
        keys = primary_key(ctx.spec)
        return all(ctx.field(k).get("constraints", {}).get("required") for k in keys)
    return False


def _data_error(error: Any, ctx: Context, path: Path, lines: list[int]) -> DataError:
    """frictionless numbers rows from the header (row 1); the edition from the first data row,
    whose file line it knows (a quoted cell may span lines)."""
    row = error.row_number - 1 if getattr(error, "row_number", None) else None
    line = lines[row - 1] if row and row <= len(lines) else (1 if row is None else None)
    return DataError(path, sentence(error, ctx), row, column(error, ctx.spec), line)

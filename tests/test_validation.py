"""The data package's validation is frictionless's, with the edition's rules as frictionless checks.

These tests pin what edition/data/validation.py relies on in frictionless (5.21): custom checks
through ``checklist=``, the structured fields of its errors, and ``Field.read_cell`` naming the
constraint a cell breaks. If one fails after an upgrade of frictionless, the message says what
changed; adapt edition/data/validation.py, not the test.
"""
from __future__ import annotations

import pytest
from frictionless import Checklist, Resource, Schema, checks, errors, system

from edition.data.validation import (BibKeyCheck, CellSyntaxCheck, LABEL_ERRORS, SENTENCES, BibKeyError,
                                     CellSyntaxError)

UPGRADE = "frictionless changed {what}: see edition/data/validation.py"


def table(rows: list[list[str]], fields: list[dict]) -> Resource:
    return Resource(data=rows, schema=Schema.from_descriptor({"fields": fields}))


def found(resource: Resource, *own) -> list[tuple]:
    with system.use_context(trusted=False):
        report = resource.validate(Checklist(checks=list(own)))
    return [(e.type, e.row_number, e.field_name, e.cell) for e in report.tasks[0].errors]


def test_the_source_key_rule_is_a_frictionless_check():
    rows = [["id", "source_key"], ["1", "leegray2020"], ["2", "src_nowhere"], ["3", ""]]
    fields = [{"name": "id", "type": "integer"}, {"name": "source_key", "type": "string", "x-bibkey": True}]
    assert found(table(rows, fields)) == []  # frictionless alone knows nothing of x-bibkey
    assert found(table(rows, fields), BibKeyCheck(keys=frozenset({"leegray2020"}))) == [
        ("x-bibkey-error", 3, "source_key", "src_nowhere")]
    assert issubclass(BibKeyError, errors.CellError) and issubclass(CellSyntaxError, errors.CellError)


@pytest.mark.parametrize("ftype,cell", [
    ("number", "NaN"), ("number", "-INF"), ("number", "６５４４"), ("number", "1_000"),
    ("integer", "１２"), ("integer", "1_000"), ("date", "2017-1-5"),
])
def test_the_edition_refuses_cells_the_table_schema_reads(ftype, cell):
    """Why CellSyntaxCheck exists: each of these passes frictionless, and is a typing slip here."""
    resource = table([["x"], [cell]], [{"name": "x", "type": ftype}])
    assert found(resource) == [], UPGRADE.format(what=f"how it reads the {ftype} {cell!r}")
    assert found(table([["x"], [cell]], [{"name": "x", "type": ftype}]), CellSyntaxCheck()) == [
        ("x-cell-error", 2, "x", cell)]


def test_a_cell_frictionless_cannot_read_is_reported_once():
    resource = table([["x"], ["6.5 bn"]], [{"name": "x", "type": "number"}])
    assert found(resource, CellSyntaxCheck()) == [("type-error", 2, "x", "6.5 bn")]


@pytest.mark.parametrize("constraint,value,cell", [
    ("required", True, ""), ("enum", ["a", "b"], "c"), ("pattern", "[a-z]+", "A1"),
    ("minLength", 3, "ab"), ("maxLength", 2, "abc"),
])
def test_read_cell_names_the_constraint_each_error_reports(constraint, value, cell):
    """The edition names a broken constraint by Field.read_cell's notes (keyed by constraint
    name), matched to the error's note by equality; it never parses the note's wording."""
    schema = Schema.from_descriptor({"fields": [{"name": "id", "type": "string"}, {
        "name": "x", "type": "string", "constraints": {constraint: value}}]})
    resource = Resource(data=[["id", "x"], ["1", cell]], schema=schema)
    with system.use_context(trusted=False):
        errors = resource.validate().tasks[0].errors
    assert [e.type for e in errors] == ["constraint-error"], UPGRADE.format(what="its constraint errors")
    _, notes = schema.get_field("x").read_cell(errors[0].cell)
    assert list(notes) == [constraint] and notes[constraint] == errors[0].note, \
        UPGRADE.format(what="Field.read_cell's notes (keyed by constraint name, equal to the error's note)")


#: Errors frictionless's baseline check can raise that the edition never meets: the descriptor it
#: is given holds no hash, bytes, field or row counts, and the rows are inline (no source to
#: open); a file without a header is refused before frictionless reads it.
NEVER_MET = {"hash-count", "byte-count", "field-count", "row-count", "blank-header", "unmatched-header"}


def test_every_error_frictionless_can_report_has_the_edition_s_words():
    kinds = {error.type for error in checks.baseline.Errors} | {BibKeyError.type, CellSyntaxError.type}
    assert set(LABEL_ERRORS) <= kinds
    assert kinds - NEVER_MET <= set(SENTENCES), UPGRADE.format(what="the errors its baseline check raises")

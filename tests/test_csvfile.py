"""edition.data.csvfile: the one CSV reader/writer, with the line of every row."""
from __future__ import annotations

import pytest

from edition.data import csvfile


def test_rows_carry_their_first_line_even_after_a_multiline_cell():
    text = 'a,b\n1,"two\nlines"\n\n3,x\n'
    header, rows = csvfile.parse(text)
    assert header == ["a", "b"]
    assert rows == [(2, ["1", "two\nlines"]), (5, ["3", "x"])]
    assert csvfile.records(text)[1] == (5, {"a": "3", "b": "x"})


def test_empty_text_has_no_header():
    assert csvfile.parse("") == ([], [])


def test_a_syntax_error_names_its_line():
    import csv as csv_module
    old = csv_module.field_size_limit(8)
    try:
        with pytest.raises(csvfile.CsvSyntaxError) as err:
            csvfile.parse("a\nshort\nfar too long a cell\n")
        assert err.value.line == 3
    finally:
        csv_module.field_size_limit(old)


def test_a_register_round_trips(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text('id,note\nx,"a, b"\ny,\n', encoding="utf-8")
    fields, rows = csvfile.read_table(path)
    csvfile.write_table(path, fields, rows)
    assert path.read_text(encoding="utf-8") == 'id,note\nx,"a, b"\ny,\n'

"""Editorial notes: a broken slip note or mark makes the checker fail naming it; the register's
schema rejects a bad row; the page and Table 2 show what the register says."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from edition.render import editorial
from edition.data.datapackage import ROOT, DataError, Package, rehash
from tests.test_check import CH1, MINIBOOK, edit, errors, has, line_of

NOTES = "data/editorial_notes.csv"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    target = tmp_path / "book"
    shutil.copytree(MINIBOOK, target)
    return target


def csv_line(book: Path, note_id: str) -> int:
    return line_of(book / NOTES, note_id + ",")


def test_minibook_notes_and_marks_pass(book: Path) -> None:
    assert not [f for f in errors(book) if f.rule.startswith("editorial")]


def test_mark_naming_a_missing_note_fails(book: Path) -> None:
    edit(book / CH1, "Sanctions leak{sic}`ed-s1-01`", "Sanctions leak{sic}`ed-s1-99`")
    found = errors(book)
    assert has(found, "editorial-unknown", CH1, line_of(book / CH1, "{sic}`ed-s1-99`"))
    assert any("ed-s1-99" in f.message for f in found if f.rule == "editorial-unknown")
    # and the note that lost its mark is reported on its own row
    assert has(found, "editorial-unmarked", NOTES, csv_line(book, "ed-s1-01"))


def test_note_whose_block_does_not_exist_fails(book: Path) -> None:
    edit(book / NOTES, "ed-s1-02,slip,s1,note-1,", "ed-s1-02,slip,s1,note-99,")
    found = errors(book)
    assert has(found, "editorial-block", NOTES, csv_line(book, "ed-s1-02"))
    assert any("note-99" in f.message for f in found if f.rule == "editorial-block")
    # its marks now stand in another block than the register says
    assert has(found, "editorial-misplaced", CH1, line_of(book / CH1, "textile products{sic}"))


def test_reference_note_needs_a_bib_key(book: Path) -> None:
    edit(book / NOTES, "ed-ref-01,typo,ref,hufbauer1990,", "ed-ref-01,typo,ref,nosuchkey,")
    assert has(errors(book), "editorial-block", NOTES, csv_line(book, "ed-ref-01"))


def test_korean_mark_where_only_english_is_marked_fails(book: Path) -> None:
    edit(book / CH1, "국경 무역이 보여 주듯 제재는 샌다", "국경 무역이 보여 주듯 제재는 샌다{sic}`ed-s1-01`")
    found = errors(book)
    line = line_of(book / CH1, "샌다{sic}`ed-s1-01`")
    assert has(found, "editorial-marked", CH1, line)


def test_missing_korean_mark_of_a_note_marked_in_both_fails(book: Path) -> None:
    edit(book / CH1, "섬유제품{sic}`ed-s1-02`", "섬유제품")
    found = [f for f in errors(book) if f.rule == "editorial-unmarked"]
    assert [(f.path, f.line) for f in found] == [(NOTES, csv_line(book, "ed-s1-02"))]
    assert "ko block" in found[0].message


def test_duplicate_note_id_fails(book: Path) -> None:
    text = (book / NOTES).read_text(encoding="utf-8")
    last = text.strip().splitlines()[-1]
    (book / NOTES).write_text(text + last + "\n", encoding="utf-8")
    assert any(f.rule == "editorial-duplicate" for f in errors(book))


def test_table_note_whose_words_are_not_in_the_table_fails(book: Path) -> None:
    (book / "data" / "table2.csv").write_text("resolution,measure_en\n2375,ban on NK textile exports.\n",
                                              encoding="utf-8")
    with (book / NOTES).open("a", encoding="utf-8") as fh:
        fh.write("ed-s1-03,slip,s1,s4-t2,cap on natural gas liquids,cap on natural gas liquids,x,엑스,high,"
                 "bundled,row,행,both\n")
    found = errors(book)
    assert has(found, "editorial-unmarked", NOTES, csv_line(book, "ed-s1-03"))


# --- the register's schema ---------------------------------------------------------------------

def scratch(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return tmp_path


@pytest.mark.parametrize("column,bad", [("kind", "sic"), ("confidence", "certain"), ("marked", "fr"),
                                        ("evidence_kind", "hearsay"), ("note_id", "ed-s9-01")])
def test_bad_register_row_names_file_row_and_column(tmp_path: Path, column: str, bad: str) -> None:
    root = scratch(tmp_path)
    path = root / NOTES
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[4][column] = bad
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    rehash(root)
    with pytest.raises(DataError) as err:
        Package(root).table("editorial_notes")
    message = str(err.value)
    assert "editorial_notes.csv" in message and column in message and bad in message


# --- what the reader sees ----------------------------------------------------------------------

def test_mark_labels_follow_the_kind() -> None:
    frame = editorial.notes_table()
    kinds = dict(zip(frame["note_id"], frame["kind"]))
    query = next(n for n, k in kinds.items() if k == "query")
    slip = next(n for n, k in kinds.items() if k == "slip")
    repair = next(n for n, k in kinds.items() if k == "repair")
    assert editorial.mark_label(query) == "[?]"
    assert editorial.mark_label(slip) == "[sic]"
    assert editorial.mark_label(repair) is None  # repairs are listed, not marked
    assert editorial.mark_label("ed-s9-99") is None  # the build warns (and fails under -W)


def test_entries_carry_place_confidence_and_evidence_in_both_languages() -> None:
    with (ROOT / NOTES).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for kind in editorial.KINDS:
        want = [r for r in rows if r["kind"] == kind]
        en, ko = editorial.entries(None, kind, "en"), editorial.entries(None, kind, "ko")
        assert [e["note_id"] for e in en] == [r["note_id"] for r in want] == [e["note_id"] for e in ko]
        for r, e, k in zip(want, en, ko):
            assert r["evidence"] in e["evidence"] and r["evidence_ko"] in k["evidence"]
            assert e["explanation"] == r["explanation_en"] and k["explanation"] == r["explanation_ko"]
            assert e["linked"] == (r["section"] not in ("ref", "gen"))
        assert all("확실성" in k["confidence_text"] for k in ko)


def test_counts_rows_total_matches_the_register() -> None:
    with (ROOT / NOTES).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    head, table = editorial.counts_rows(None, "en")
    assert head == ("", "high", "moderate", "low", "total")
    assert table[-1][0] == "total" and table[-1][-1] == len(rows)
    by_conf = [sum(1 for r in rows if r["kind"] == "query" and r["confidence"] == c) for c in ("high", "moderate", "low")]
    assert ("queries", *by_conf, sum(by_conf)) in table
    assert editorial.counts_rows(None, "ko")[0][1:] == ("높음", "보통", "낮음", "합계")


def test_table2_carries_the_marks_of_its_notes() -> None:
    from edition.site.sphinxext.pages import Table2Directive

    with (ROOT / NOTES).open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["block"] == "s4-t2" and r["marked"] != "none"]
    with (ROOT / "data" / "table2.csv").open(encoding="utf-8") as fh:
        cells = [r["measure_en"] for r in csv.DictReader(fh)]
    notes = editorial.table_marks(Package(), "s4-t2")
    assert rows
    for r in rows:
        cell = next(c for c in cells if r["published"] in c)
        for lang in ("en", "ko"):
            found = [n.children[0]["editorial_id"] for n in Table2Directive.sic_marks(notes, cell, lang)]
            assert (r["note_id"] in found) == (r["marked"] in ("both", lang))


@pytest.mark.parametrize("section,block,en,ko", [
    ("s2", "s2-p04", "section 2, paragraph 4", "2절 4문단"),
    ("s3", "s3-q02", "section 3, quotation 2", "3절 인용문 2"),
    ("s2", "note-4", "note 4", "주 4"),
    ("s4", "s4-t2", "Table 2", "표 2"),
    ("s2", "s2-fig1", "Figure 1", "그림 1"),
    ("front", "front-yoyak", "front matter: 요약 (Korean abstract)", "앞부분: 요약"),
    ("ref", "jones2015", "References: jones2015", "참고문헌: jones2015"),
    ("gen", "all", "the whole edition", "편집본 전체"),
])
def test_location_in_words(section, block, en, ko) -> None:
    assert editorial.location(section, block, "en") == en
    assert editorial.location(section, block, "ko") == ko


def test_published_words_not_in_the_block_fail(book: Path) -> None:
    edit(book / NOTES, "ed-s1-01,typo,s1,s1-p01,Sanctions leak,", "ed-s1-01,typo,s1,s1-p01,Sanctions always leak,")
    found = [f for f in errors(book) if f.rule == "editorial-words"]
    assert [(f.path, f.line) for f in found] == [(NOTES, csv_line(book, "ed-s1-01"))]
    assert "Sanctions always leak" in found[0].message

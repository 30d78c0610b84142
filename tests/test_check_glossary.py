"""The glossary rule: a Korean form the glossary says to avoid is reported with file and line;
English text, titles in 「 」 and glosses in 〔 〕 are not searched; a glossary without the
avoid_ko column adds nothing."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from edition.check import run
from edition.check.glossary import GlossaryError, load_avoid

MINIBOOK = Path(__file__).parent / "fixtures" / "minibook"
CH1 = "chapters/01-one.md"
GLOSSARY = ("term_en,term_ko,note,avoid_ko\n"
            "dispatch of workers,인력송출,,노동자 파견;노동력 파견\n"
            "May 24th measures,5·24 조치,,5·24 제재\n")


@pytest.fixture
def book(tmp_path: Path) -> Path:
    target = tmp_path / "book"
    shutil.copytree(MINIBOOK, target)
    (target / "data" / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def _glossary_findings(root: Path):
    return [f for f in run(root).findings if f.rule == "glossary-avoid"]


def test_clean_book_has_no_glossary_finding(book: Path) -> None:
    assert _glossary_findings(book) == []


def test_avoided_form_in_a_korean_block_is_reported(book: Path) -> None:
    ch = book / CH1
    _edit(ch, "제재는 샌다", "제재는 노동자 파견으로 샌다")
    found = _glossary_findings(book)
    assert [(f.path, f.line) for f in found] == [(CH1, _line(ch, "노동자 파견으로"))]
    assert "인력송출" in found[0].message and "row 2" in found[0].message


def test_avoided_form_in_a_korean_heading_is_reported(book: Path) -> None:
    ch = book / CH1
    _edit(ch, "[1. 서론]{.lang-ko}", "[1. 5·24 제재와 서론]{.lang-ko}")
    assert [f.line for f in _glossary_findings(book)] == [_line(ch, "5·24 제재와")]


def test_titles_glosses_and_english_are_not_searched(book: Path) -> None:
    ch = book / CH1
    _edit(ch, "제재는 샌다", "제재는 「노동자 파견 실태」〔5·24 제재〕 샌다")
    assert _glossary_findings(book) == []


def test_glossary_without_avoid_column_adds_nothing(book: Path) -> None:
    (book / "data" / "glossary.csv").write_text("term_en,term_ko,note\nx,노동자 파견,\n", encoding="utf-8")
    _edit(book / CH1, "제재는 샌다", "제재는 노동자 파견으로 샌다")
    assert _glossary_findings(book) == []


def test_broken_glossary_is_named(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "glossary.csv").write_text("term_en,avoid_ko\nx,y\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="glossary.csv.*term_ko"):
        load_avoid(tmp_path)


def test_the_edition_follows_its_glossary() -> None:
    root = Path(__file__).resolve().parent.parent
    found = [f for f in run(root).findings if f.rule == "glossary-avoid"]
    assert not found, "\n".join(map(str, found))


def test_sic_marks_may_differ_between_the_languages(book: Path) -> None:
    """A slip marked in the English only (the Korean follows the intended sense), or in the Korean
    only (a slip of the Korean itself), is not a parity error."""
    ch = book / CH1
    _edit(ch, "Sanctions leak,", "Sanctions leak{sic}`ed-s1-01`,")
    _edit(ch, "제재는 샌다", "제재는 샌다{sic}`ed-s1-02`")
    parity = [f for f in run(book).findings if f.rule == "pair-parity"]
    assert parity == [], parity


def test_avoided_form_in_a_register_column_is_reported(book: Path) -> None:
    """The registers' Korean text reaches the ledger and the notes pages: it is held to the glossary
    too (file, line and column named); a form in “ ” (quoted, e.g. explaining a change) is not."""
    claims = book / "data" / "claims.csv"
    _edit(claims, "김승재가 센 북한 노동자", "김승재가 센 노동자 파견 인원")
    found = _glossary_findings(book)
    assert [(f.path, f.line) for f in found] == [("data/claims.csv", _line(claims, "노동자 파견 인원"))]
    assert "what_ko" in found[0].message
    _edit(claims, "김승재가 센 노동자 파견 인원", "김승재가 센 “노동자 파견” 인원")
    assert _glossary_findings(book) == []

"""The real book: repairs hold, every note and citation resolves, every claim reproduces its
printed text, and a changed data value is reported as drift naming the claim."""
import csv
import re

import pytest

from edition import ROOT
from edition.verdicts import claims
from edition.student.chapter import setup
from edition.data.bib import bib_keys
from edition.data.datapackage import Package, rehash

CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))
TEXT = {p.name: p.read_text(encoding="utf-8") for p in CHAPTERS}
ALL = "\n".join(TEXT.values())



def test_no_transcription_artifacts():
    assert "<sup>" not in ALL
    assert not re.search(r"[a-z]-\n\n[a-z]", ALL), "a word split across a page break"
    assert "\\$" not in ALL and "\\_" not in ALL


def test_all_32_notes_referenced_and_defined_once_in_order():
    refs = [int(n) for n in re.findall(r"\{note\}`(\d+)`", ALL)]
    defs = [int(n) for n in re.findall(r"^:+\{note-def\} (\d+)$", ALL, re.M)]
    assert sorted(defs) == list(range(1, 33))
    first = list(dict.fromkeys(refs))
    assert first == list(range(1, 33))


def test_every_citation_key_resolves_and_every_paper_entry_is_cited():
    keys = bib_keys(ROOT / "references.bib")
    cited = set()
    for roles in re.findall(r"\{cite:[a-z]+\}`([^`]*)`", ALL):
        for target in roles.split(","):
            cited.add(re.sub(r"\{[^}]*\}", "", target).strip())
    assert cited <= keys, cited - keys
    paper_and_notes = {k for k in keys if not k.startswith("src_")}
    assert paper_and_notes <= cited, paper_and_notes - cited


def test_every_claim_reproduces_its_printed_text():
    moved = [(c.claim_id, c.printed, c.text_en) for c in claims.load().values() if c.text_en != c.printed]
    assert not moved, f"claims whose value no longer prints as the paper does: {moved}"


def test_every_claim_is_glued_in_both_languages():
    for c in claims.load().values():
        if c.block.endswith(("-t1", "-t2")):
            continue  # table cells render from data/table*.csv
        assert f"{{glue:text}}`{c.claim_id}`" in ALL, c.claim_id
        assert f"{{glue:text}}`{c.claim_id}__ko`" in ALL, c.claim_id


def test_no_recorded_verdict_drifts():
    assert not claims.drift(claims.evaluate())


def test_changed_data_value_is_named_as_drift(book_copy):
    """Change KITA's 2019 total to 3,100m: the claims that rest on it must be reported as moved."""
    path = book_copy / "data" / "sourced_figures.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for r in rows:
        if r["figure_id"] == "a_2019_total_kita":
            r["value"] = "3100000000"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    rehash(book_copy)
    moved = claims.drift(claims.evaluate(Package(book_copy)))
    # both the total and "less than half that of 2016" (3.1 / 5.82 > 0.5) move
    assert [j.claim_id for j in moved] == ["s4_trade_total_2019", "s4_trade_2019_vs_2016"]
    with pytest.raises(claims.VerdictDrift, match="s4_trade_total_2019"):
        claims.assert_no_drift(moved)
    # the chapter's set-up cell is what nbval and the build run: it raises naming the claim
    with pytest.raises(claims.VerdictDrift, match=r"s4_trade_total_2019.*line \d+"):
        setup("s4", pkg=Package(book_copy), glue=False)


def test_the_checker_passes_on_the_real_book():
    from edition.check import run

    result = run(ROOT, online=False)
    errors = [f for f in result.findings if f.severity == "error"]
    assert not errors, "\n".join(map(str, errors[:10]))


def test_record_verdicts_writes_what_moved(book_copy):
    """After a reviewed data change, record-verdicts puts the new verdict into the register."""
    path = book_copy / "data" / "sourced_figures.csv"
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("a_2019_total_kita,"))
    path.write_text(text.replace(row, row.replace(",2805000000,", ",3100000000,")), encoding="utf-8")
    rehash(book_copy)
    moved = claims.record_verdicts(Package(book_copy))
    assert ("s4_trade_total_2019", "consistent with independent sources",
            "conflicts with independent sources") in moved
    assert not claims.drift(claims.evaluate(Package(book_copy)))


PAPER = ROOT / "source" / "paper" / "lee-gray-2020.md"


def test_published_korean_abstract_and_keywords_are_kept_exactly():
    raw = PAPER.read_text(encoding="utf-8")
    first = re.search(r"\*\*요약:\*\* (.*?노동부문의)", raw, re.S).group(1)
    second = re.search(r"\n(북·중 협력은 음성적 영역으로.*?제시할 것이다\.)", raw, re.S).group(1)
    keywords = re.search(r"\*\*주요어:\*\* (.*)", raw).group(1).strip()
    # editorial marks ({sic} beside the published slip) are apparatus, not text
    front = re.sub(r"\{sic\}`[^`]*`", "", TEXT["00-front.md"])
    assert f"**요약:** {first} {second}" in front
    assert f"**주요어:** {keywords}" in front


def test_setup_glues_exactly_as_myst_nb_does(monkeypatch):
    """chapter._glue writes myst-nb's glue output without importing myst-nb in the kernel."""
    import IPython.display

    from edition.student import chapter
    from myst_nb import glue

    seen = []
    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: seen.append((a, k)))
    import myst_nb.ext.glue as glue_mod
    monkeypatch.setattr(glue_mod, "ipy_display", lambda *a, **k: seen.append((a, k)))
    chapter._glue("s2_x__ko", "약 56억 3천만 달러")
    glue("s2_x__ko", "약 56억 3천만 달러", display=False)
    assert len(seen) == 2 and seen[0] == seen[1]
    assert "application/papermill.record/text/plain" in seen[0][0][0]

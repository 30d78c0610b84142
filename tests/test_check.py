"""python -m edition check: a valid mini-book passes; each kind of breakage is reported with its
rule, file and line."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from edition.data.blocks import fingerprint, parse_chapter, write_fingerprints
from edition.check import run, urls
from edition.check.model import WARNING, Finding
from edition.check.numbers import typed_numbers

ROOT = Path(__file__).resolve().parent.parent
MINIBOOK = Path(__file__).parent / "fixtures" / "minibook"
CH1 = "chapters/01-one.md"
CH2 = "chapters/02-two.md"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    target = tmp_path / "book"
    shutil.copytree(MINIBOOK, target)
    return target


def line_of(path: Path, text: str, start: int = 1) -> int:
    """1-based number of the first line at or after ``start`` containing ``text``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number >= start and text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def errors(root: Path) -> list[Finding]:
    return [f for f in run(root).findings if f.severity != WARNING]


def has(findings: list[Finding], rule: str, path: str, line: int) -> bool:
    return any(f.rule == rule and f.path == path and f.line == line for f in findings)


def test_minibook_passes_clean(book: Path) -> None:
    result = run(book)
    assert not result.failed, "\n".join(map(str, result.findings))
    assert {f.rule for f in result.findings} <= {"verdict-drift"}  # no data package in the fixture


def test_cli_exit_codes_and_summary(book: Path) -> None:
    ok = _cli("check", "--root", str(book))
    assert ok.returncode == 0 and ok.stdout.strip().splitlines()[-1].startswith("check: 0 errors")
    edit(book / CH1, "{cite:p}`hufbauer1990{92–93}`.\n::::", "{cite:p}`nosuchkey`.\n::::")
    bad = _cli("check", "--root", str(book))
    assert bad.returncode == 1
    assert re.search(r"^chapters/01-one\.md:\d+: \[cite-missing\] ", bad.stdout, re.M)
    assert "cite-missing 1" in bad.stdout.strip().splitlines()[-1]


def test_json_output(book: Path) -> None:
    (book / "references.bib").write_text(
        (book / "references.bib").read_text(encoding="utf-8").replace("@book{kim2020", "@book{kim2020x"),
        encoding="utf-8")
    out = _cli("check", "--json", "--root", str(book))
    data = json.loads(out.stdout)
    assert {"path", "line", "rule", "severity", "message"} <= set(data["findings"][0])
    assert data["summary"]["by_rule"]["cite-missing"]["errors"] == 2  # English and Korean
    assert data["summary"]["errors"] >= 1 and out.returncode == 1


def test_deleted_bib_entry(book: Path) -> None:
    bib = book / "references.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(re.sub(r"@book\{kim2020,.*?\n\}\n", "", text, flags=re.S), encoding="utf-8")
    found = errors(book)
    line = line_of(book / CH2, "Kim's {cite:yearpar}`kim2020`")
    assert has(found, "cite-missing", CH2, line)
    assert has(found, "source-unresolved", "data/claims.csv", 3)  # s2_workers cites kim2020


def test_uncited_and_duplicate_bib_entries(book: Path) -> None:
    bib = book / "references.bib"
    extra = "\n@misc{orphan,\n  howpublished = {Interview},\n  title = {{Interview}},\n  year = {2018}\n}\n"
    extra += "\n@misc{orphan,\n  howpublished = {Interview},\n  title = {{Interview}}\n}\n"
    bib.write_text(bib.read_text(encoding="utf-8") + extra, encoding="utf-8")
    found = errors(book)
    first = line_of(bib, "@misc{orphan")
    assert has(found, "bib-uncited", "references.bib", first)
    assert has(found, "bib-duplicate", "references.bib", line_of(bib, "@misc{orphan", first + 1))


def test_missing_required_field(book: Path) -> None:
    edit(book / "references.bib", "  publisher = {Nulpum Plus},\n", "")
    found = errors(book)
    assert has(found, "bib-fields", "references.bib", line_of(book / "references.bib", "@book{kim2020"))


def test_orphaned_note(book: Path) -> None:
    chapter = book / CH1
    edit(chapter, "shows{note}`5`", "shows", count=2)  # English and Korean references both gone
    edit(chapter, "샌다{note}`5`", "샌다")
    found = errors(book)
    assert has(found, "note-unreferenced", CH1, line_of(chapter, ":::::{note-def} 5"))
    assert any(f.rule == "note-numbering" and "5" in f.message for f in found)


def test_undefined_note(book: Path) -> None:
    chapter = book / CH1
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(re.sub(r":::::\{note-def\} 6\n.*?\n:::::\n", "", text, count=1, flags=re.S),
                       encoding="utf-8")
    found = errors(book)
    assert has(found, "note-undefined", CH1, line_of(chapter, "confirm.{note}`6`"))


def test_note_out_of_order(book: Path) -> None:
    chapter = book / CH1
    edit(chapter, "shows{note}`1` and the customs data confirm.{note}`2`",
         "shows{note}`2` and the customs data confirm.{note}`1`")
    edit(chapter, "샌다{note}`1` 세관 자료도 이를 확인한다.{note}`2`", "샌다{note}`2` 세관 자료도 이를 확인한다.{note}`1`")
    found = errors(book)
    assert has(found, "note-numbering", CH1, line_of(chapter, "shows{note}`2`"))


def test_korean_paragraph_missing_a_note(book: Path) -> None:
    chapter = book / CH1
    edit(chapter, "세관 자료도 이를 확인한다.{note}`4`", "세관 자료도 이를 확인한다.")
    found = errors(book)
    pair_line = line_of(chapter, ":::::{pair} s1-p02")
    korean = line_of(chapter, "::::{div} lang-ko", pair_line)
    assert has(found, "pair-parity", CH1, korean)
    assert any("s1-p02" in f.message and "notes 4" in f.message for f in found if f.rule == "pair-parity")


def test_korean_block_without_hangul(book: Path) -> None:
    chapter = book / CH2
    edit(chapter, "인터뷰, 2018년 6월 (주 18).", "Interview, June 2018.")
    found = errors(book)
    note = line_of(chapter, ":::::{note-def} 18")
    assert has(found, "pair-parity", CH2, line_of(chapter, "::::{div} lang-ko", note))


def test_typed_number(book: Path) -> None:
    chapter = book / CH2
    edit(chapter, "study counts more than", "study counts 32 percent of more than")
    found = errors(book)
    assert has(found, "typed-number", CH2, line_of(chapter, "32 percent"))


def test_malformed_url(book: Path) -> None:
    chapter = book / CH2
    edit(chapter, "<https://undocs.org/S/2020/840> {cite:p}`unpoe2020`\n::::\n::::{div} lang-ko",
         "<https://undocs.org/S/2020\\_840> {cite:p}`unpoe2020`\n::::\n::::{div} lang-ko")
    found = errors(book)
    assert has(found, "url-malformed", CH2, line_of(chapter, "2020\\_840"))


def test_malformed_bib_url(book: Path) -> None:
    edit(book / "references.bib", "url          = {https://www.kita.net/}", "url = {www.kita.net}")
    found = errors(book)
    assert has(found, "url-malformed", "references.bib", line_of(book / "references.bib", "@misc{kita_db"))


def test_garbled_bib_url(book: Path) -> None:
    """An address as the bundled MK China one was: EUC-KR bytes read as UTF-8 (U+FFFD û U+FFFD)."""
    bib = book / "references.bib"
    edit(bib, "url          = {https://www.kita.net/}", "url          = {https://www.kita.net/?cm=china_\ufffd\u00fb\ufffd}")
    found = errors(book)
    assert has(found, "url-malformed", "references.bib", line_of(bib, "@misc{kita_db"))
    assert any("U+FFFD" in f.message for f in found if f.rule == "url-malformed")


@pytest.mark.parametrize(("url", "why"), [
    ("https://example.org/caf\u00c3\u00a9", "mojibake"),
    ("https://example.org/?q=%EF%BF%BD", "U+FFFD"),
    ("https://example.org/?q=%FF%FE%FF", "decodes to no text"),
    ("https://example.org/\ufffd", "U+FFFD"),
])
def test_url_text_must_decode(url: str, why: str) -> None:
    assert why in (urls.problem(url) or "")


def test_every_url_in_the_bibliography_decodes() -> None:
    from edition.check.bibliography import field_value, load_bib

    bib = load_bib(ROOT)
    bad = {key: urls.problem(field_value(e, "url")) for key, (e, _) in bib.entries.items()
           if field_value(e, "url") and urls.problem(field_value(e, "url"))}
    assert bad == {}
    # Legitimate text: UTF-8 (Korean, Chinese) and the Korean legacy encoding stay valid.
    assert urls.problem("https://www.dailynk.com/%EB%B6%81%EC%A4%91/") is None
    assert urls.problem("http://china.mk.co.kr/?cm=china_%BD%C3%BB%E7") is None


def test_stale_fingerprint(book: Path) -> None:
    chapter = book / CH1
    edit(chapter, "Sanctions leak, as the border trade shows{note}`7`",
         "Sanctions always leak, as the border trade shows{note}`7`")
    found = errors(book)
    pair_line = line_of(chapter, ":::::{pair} s1-p04")
    fp_line = line_of(chapter, ":fp:", pair_line)
    stale = [f for f in found if f.rule == "pair-stale"]
    assert [(f.path, f.line) for f in stale] == [(CH1, fp_line)]
    assert "s1-p04" in stale[0].message


def test_claim_with_empty_source(book: Path) -> None:
    edit(book / "data" / "claims.csv", ",note:3,none,", ",,none,")
    found = errors(book)
    assert has(found, "claim-unsourced", "data/claims.csv", 2)


def test_unknown_and_unused_claims(book: Path) -> None:
    chapter = book / CH1
    edit(chapter, "{glue:text}`s1_trade_2011`", "{glue:text}`s1_trade_2012`")
    found = errors(book)
    assert has(found, "claim-unknown", CH1, line_of(chapter, "s1_trade_2012"))
    assert has(found, "claim-unused", "data/claims.csv", 2)
    assert has(found, "pair-parity", CH1, line_of(chapter, "::::{div} lang-ko", line_of(chapter, "s1_trade_2012")))


def test_unresolved_data_source(book: Path) -> None:
    (book / "data" / "sourced_figures.csv").write_text("figure_id,value,source_key\na,1,kim2020\nb,2,src_nowhere\n")
    found = errors(book)
    assert has(found, "source-unresolved", "data/sourced_figures.csv", 3)
    assert not has(found, "source-unresolved", "data/sourced_figures.csv", 2)


def test_verdict_drift_import_failure_is_one_warning(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "edition.verdicts.claims", None)
    drift = [f for f in run(book).findings if f.rule == "verdict-drift"]
    assert len(drift) == 1 and drift[0].severity == WARNING and "cannot be imported" in drift[0].message


def test_online_without_network_does_not_hang(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def no_network(url: str, method: str) -> urls.Probe:
        calls.append(url)
        return urls.Probe(None, "URLError: [Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(urls, "fetch", no_network)
    result = run(book, online=True)
    assert result.notes == ["network unavailable: 4 URLs not checked"]
    assert not result.failed and len(set(calls)) <= urls.PROBES


def test_online_reports_dead_links(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(url: str, method: str) -> urls.Probe:
        return urls.Probe(404, "Not Found") if "kita" in url else urls.Probe(200)

    monkeypatch.setattr(urls, "fetch", fake)
    dead = [f for f in run(book, online=True).findings if f.rule == "url-dead"]
    assert len(dead) == 1 and "kita" in dead[0].message and dead[0].severity != WARNING


def test_fingerprint_write_repairs_stale(book: Path) -> None:
    chapter = book / CH1
    edit(chapter, "Sanctions leak, as the border trade shows{note}`7`", "Sanctions leak, as trade shows{note}`7`")
    changed = write_fingerprints(chapter)
    assert [c.block.ident for c in changed] == ["s1-p04"]
    block = next(b for b in parse_chapter(chapter).blocks if b.ident == "s1-p04")
    assert block.stored_fp[1] == fingerprint(block.english) == block.fingerprint
    assert not [f for f in run(book).findings if f.rule == "pair-stale"]


def test_fingerprint_is_of_normalised_english() -> None:
    assert fingerprint("  a\n  b  ") == fingerprint("a b")
    import hashlib
    assert fingerprint("a b") == hashlib.sha256(b"a b").hexdigest()[:8]


@pytest.mark.parametrize("text", [
    "On 11 September 2017, UNSC Resolution 2375 banned exports",
    "the 7th Party Congress and the fourth and fifth nuclear tests, HS 61 and 62",
    "Trade {glue:text}`s2_x` {v}`s2_x` (Hufbauer {cite:p}`hufbauer1990{92–93}`){note}`28`",
    "<https://undocs.org/S/2020/840> [page](https://example.org/2020/10%25)",
    "2017년 9월 11일 결의 2375호, 제7차 당대회, 5개년 전략, ‘80일 전투’",
    "2010년 이른바 ‘5·24 조치’는, 5·24조치",
])
def test_not_typed_numbers(text: str) -> None:
    assert typed_numbers(text) == []


@pytest.mark.parametrize("text,found", [
    ("rose to $5.63 billion", "$5.63 billion"),
    ("32 percent of exports", "32 percent"),
    ("some 12% more", "12%"),
    ("1,500 workers", "1,500 workers"),
    ("2.3 million items", "2.3 million"),
    ("56억 달러", "56억"),
    ("1조 달러", "1조"),
    ("12만 명", "12만"),
    ("100달러", "100달러"),
    ("32%를", "32%"),
    ("300명의 노동자", "300명"),
    ("유예기간 90일", "90일"),
])
def test_typed_numbers(text: str, found: str) -> None:
    assert typed_numbers(text) and typed_numbers(text)[0].startswith(found.split()[0])


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "edition", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_duplicate_claim_id_is_found_at_its_second_line(book: Path) -> None:
    claims = book / "data" / "claims.csv"
    lines = claims.read_text(encoding="utf-8").splitlines()
    claims.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    found = run(book).findings
    dup = [f for f in found if f.rule == "claim-duplicate"]
    assert dup and dup[0].path == "data/claims.csv" and dup[0].line == len(lines) + 1, found
    assert "already at line 2" in dup[0].message

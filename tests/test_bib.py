"""references.bib: parses cleanly, holds exactly the keys of EDITING.md, and each entry is complete."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from edition.data.bib import parse_text
from edition.check.bibliography import REQUIRED, field_value

ROOT = Path(__file__).resolve().parent.parent
BIB = ROOT / "references.bib"
EDITING = ROOT / "EDITING.md"
KEY = re.compile(r"^[a-z][a-z0-9_]*$")
HEADERS = {"key", "reference", "note", "key(s)"}


def contract_keys() -> set[str]:
    """Every citation key named in the tables at the end of EDITING.md, plus `leegray2020`."""
    text = EDITING.read_text(encoding="utf-8").split("## Citation keys", 1)[1]
    text = re.split(r"\n## ", text, maxsplit=1)[0]  # that section only, not the ones after it
    keys: set[str] = set(re.findall(r"`([a-z][a-z0-9_]*)`", text.split("The original article", 1)[1]))
    for line in text.splitlines():
        if not line.startswith("|"):
            continue
        for cell in line.strip("|").split("|"):
            parts = [p.strip() for p in cell.split(",")]
            if all(KEY.match(p) for p in parts) and not set(parts) & HEADERS:
                keys.update(parts)
    return keys


@pytest.fixture(scope="module")
def library():
    return parse_text(BIB.read_text(encoding="utf-8"))


def test_parses_without_failed_blocks(library) -> None:
    assert library.failed_blocks == []


def test_no_duplicate_keys(library) -> None:
    keys = [e.key for e in library.entries]
    assert len(keys) == len(set(keys))


def test_exactly_the_contract_keys(library) -> None:
    expected = contract_keys()
    assert len(expected) == 35 + 28 + 1  # references, note sources, the article itself
    found = {e.key for e in library.entries if not e.key.startswith("src_")}
    assert found == expected, (sorted(expected - found), sorted(found - expected))


def test_no_doi_anywhere(library) -> None:
    assert [e.key for e in library.entries if "doi" in {k.lower() for k in e.fields_dict}] == []


def _missing(entry) -> list[str]:
    """Fields the entry's type needs, by the same table the checker's bib-fields rule uses."""
    need = REQUIRED.get(entry.entry_type.lower())
    if need is None:
        return [f"unexpected type {entry.entry_type}"]
    return ["/".join(alts) for alts in need if not any(field_value(entry, a) for a in alts)]


def test_required_fields(library) -> None:
    problems = {e.key: _missing(e) for e in library.entries if _missing(e)}
    assert problems == {}


def test_titles_brace_protected(library) -> None:
    raw = BIB.read_text(encoding="utf-8")
    titles = re.findall(r"^\s*title\s*=\s*(.*)$", raw, flags=re.M)
    assert titles and all(t.startswith("{{") for t in titles)


def test_urls_have_no_transcription_escapes(library) -> None:
    for entry in library.entries:
        if field_value(entry, "url"):
            url = str(entry.fields_dict["url"].value)
            assert "\\" not in url and " " not in url, entry.key


def test_data_sources_marker_at_end() -> None:
    lines = [l for l in BIB.read_text(encoding="utf-8").splitlines() if l.strip()]
    marker = "% --- data sources (from tools/build_sourced_figures.py, see source/README.md) ---"
    assert marker in lines
    after = lines[lines.index(marker) + 1:]
    assert all(l.startswith(("@", " ", "}", "%")) for l in after)
    assert all(k.startswith("src_") for k in re.findall(r"^@\w+\{([^,]+),", "\n".join(after), re.M))

"""The built site's editorial marks: each mark shows the label of its note's kind ([sic] for slips
and typos, [?] for queries), and every note the register says is marked has a mark in the site."""
from __future__ import annotations

import csv

import pytest

from .harness import ROOT, site_pages
from .helpers import resolve, soup_of

pytestmark = pytest.mark.browser

EDITORIAL = "chapters/editorial-notes.html"
LABEL = {"slip": "[sic]", "typo": "[sic]", "query": "[?]"}


def _register() -> dict[str, dict[str, str]]:
    with (ROOT / "data" / "editorial_notes.csv").open(encoding="utf-8") as fh:
        return {r["note_id"]: r for r in csv.DictReader(fh)}


def test_marks_show_their_kind_and_every_marked_note_is_marked(site):
    notes = _register()
    editorial = (site / EDITORIAL).resolve()
    seen, problems = set(), []
    for page in site_pages(site):
        for a in soup_of(site / page).select("a.sic"):
            target, frag = resolve(site, page, a.get("href", ""))
            if target != editorial or frag not in notes:
                problems.append(f"{page}: {a.get('href')} names no editorial note")
                continue
            seen.add(frag)
            want = LABEL.get(notes[frag]["kind"])
            if a.get_text(strip=True) != want:
                problems.append(f"{page}: mark for {frag} reads {a.get_text(strip=True)!r}, expected {want!r}")
    unmarked = sorted(n for n, r in notes.items() if r["marked"] != "none" and n not in seen)
    assert not problems, "\n  ".join(problems[:40])
    assert not unmarked, f"notes marked in the register but not in the site: {unmarked}"


def test_editorial_page_lists_every_note_in_both_languages(site):
    soup = soup_of(site / EDITORIAL)
    for nid, row in _register().items():
        en = soup.find(id=nid)
        ko = soup.find(id=f"{nid}-ko")
        assert en is not None and ko is not None, nid
        assert en.find_parent(lang="en") is not None and ko.find_parent(lang="ko") is not None, nid
        assert row["evidence_ko"] in ko.get_text(), nid

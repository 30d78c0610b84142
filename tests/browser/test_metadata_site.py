"""The built site's metadata (edition/meta.py): citation_* tags on every section page, the
edition's Dublin Core and OpenGraph tags and the version line on every page, the reference files
and the updates page; no sitemap and no og:url without a known site address."""
from __future__ import annotations

import re

import pytest

from .harness import is_redirect_stub, site_pages
from .helpers import resolve, soup_of

pytestmark = pytest.mark.browser

SECTIONS = [f"chapters/{n}.html" for n in ("00-front", "01-introduction", "02-integration",
                                           "03-political-economy", "04-sanctions", "05-workers",
                                           "06-conclusion")]
EXPECTED = {
    "citation_title": ["North Korea, Apparel Production Networks and UN Sanctions: Resilience through Informality"],
    "citation_author": ["Lee, Jong-Woon", "Gray, Kevin"],
    "citation_journal_title": ["Journal of the Economic Geographical Society of Korea"],
    "citation_volume": ["23"], "citation_issue": ["4"],
    "citation_firstpage": ["373"], "citation_lastpage": ["394"],
    "citation_publication_date": ["2020/12/31"],
    "citation_abstract_html_url": ["https://www.koreascience.or.kr/article/JAKO202008848920632.page"],
}


def _meta(soup, prefix: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in soup.head.find_all("meta"):
        name = m.get("name") or m.get("property") or ""
        if name.startswith(prefix):
            out.setdefault(name, []).append(m.get("content", ""))
    return out


@pytest.mark.parametrize("page", SECTIONS)
def test_section_pages_carry_the_articles_citation_tags(site, page):
    tags = _meta(soup_of(site / page), "citation_")
    for name, values in EXPECTED.items():
        assert tags.get(name) == values, (page, name, tags.get(name))
    assert "citation_doi" not in tags


def test_every_page_has_edition_tags_opengraph_and_version_line(site):
    for page in site_pages(site):
        if is_redirect_stub(site, page):
            continue
        soup = soup_of(site / page)
        dc = _meta(soup, "DC.")
        assert dc.get("DC.title") and dc.get("DC.source"), page
        og = _meta(soup, "og:")
        # sphinxext-opengraph tags pages made from documents (not genindex/search).
        assert og.get("og:title") or not page.startswith("chapters/"), page
        assert "og:url" not in og or og["og:url"][0].startswith("http"), f"{page}: relative og:url"
        line = soup.select_one(".edition-version")
        assert line is not None, f"{page}: no version line"
        assert re.search(r"Edition \d+\.\d+\.\d+ · built \d{4}-\d\d-\d\d", line.get_text()), line.get_text()
        assert "편집본" in line.get_text() and "빌드" in line.get_text()
        if not page.startswith("chapters/"):
            continue
        if page not in SECTIONS:
            assert "citation_title" not in _meta(soup, "citation_"), f"{page}: article tags off the paper"


def test_no_sitemap_without_a_site_address(site):
    from edition.publish import base_url

    if base_url() is None:
        assert not (site / "sitemap.xml").exists()
    else:
        assert (site / "sitemap.xml").is_file()


def test_how_to_cite_links_bibtex_and_ris(site):
    soup = soup_of(site / "chapters/how-to-cite.html")
    links = {a.get_text(): a["href"] for a in soup.select("a.cite-download")}
    assert set(links) == {"BibTeX (.bib)", "RIS (.ris)"}
    bib, _ = resolve(site, "chapters/how-to-cite.html", links["BibTeX (.bib)"])
    ris, _ = resolve(site, "chapters/how-to-cite.html", links["RIS (.ris)"])
    assert bib.read_text(encoding="utf-8").startswith("@article{leegray2020,")
    assert ris.read_text(encoding="utf-8").startswith("TY  - JOUR")


def test_updates_page_lists_dated_changes_and_is_linked_from_every_page(site):
    soup = soup_of(site / "chapters/changelog.html")
    rows = soup.select(".lang-en table.changelog tbody tr")
    assert len(rows) >= 5
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r.find("time")["datetime"]) for r in rows)
    other = soup_of(site / "chapters/01-introduction.html").select_one(".edition-version a")
    assert other is not None and other["href"].endswith("changelog.html")

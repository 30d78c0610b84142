"""The built site's metadata (edition/site/meta.py), read as Zotero and Google Scholar read it
(tests/browser/embedded_metadata.py): the article's citation_* tags on the front page only, with
the authors' abstract; the edition as its own work (DC, OpenGraph, JSON-LD agreeing) on every
page; the reference files (the article's and the edition's) and the updates page; no sitemap and
no og:url without a known site address. Expected values are typed from the journal's record
(shared/paper/README.md), not read through the code under test."""
from __future__ import annotations

import re

import pytest

from .embedded_metadata import head_meta, jsonld, zotero_item
from .harness import is_redirect_stub, site_pages
from .helpers import resolve, soup_of

pytestmark = pytest.mark.browser

FRONT = "chapters/00-front.html"
SECTIONS = [f"chapters/{n}.html" for n in ("01-introduction", "02-integration",
                                           "03-political-economy", "04-sanctions", "05-workers",
                                           "06-conclusion")]
TITLE = "North Korea, Apparel Production Networks and UN Sanctions: Resilience through Informality"
JOURNAL = "Journal of the Economic Geographical Society of Korea"
RECORD = "https://www.koreascience.or.kr/article/JAKO202008848920632.page"
ABSTRACT_START = "The strengthening of multilateral international sanctions against North Korea"
KOREAN_ABSTRACT_START = "본고는 북한이 임가공사업과 인력송출을 통해"
#: What an affiliation or a contact line looks like: none of it may pass for an abstract.
AFFILIATION = re.compile(r"@|Professor|University|Hanshin|Sussex|Director|교수|대학교")


def _meta(soup, prefix: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, content in head_meta(soup):
        if name.startswith(prefix):
            out.setdefault(name, []).append(content)
    return out


def test_zotero_saves_the_article_from_the_front_page(site):
    item = zotero_item(soup_of(site / FRONT))
    assert item.itemType == "journalArticle"
    assert item.title == TITLE
    assert item.creators == ["Lee, Jong-Woon", "Gray, Kevin"]
    assert item.fields["publicationTitle"] == JOURNAL
    assert (item.fields["volume"], item.fields["issue"], item.fields["pages"]) == ("23", "4", "373-394")
    assert item.fields["date"] == "2020/12/31"
    assert item.fields["abstractNote"].startswith(ABSTRACT_START)
    assert not AFFILIATION.search(item.fields["abstractNote"])
    assert "DOI" not in item.fields, "the article has no DOI"


@pytest.mark.parametrize("page", SECTIONS + ["chapters/how-to-cite.html", "chapters/ledger.html"])
def test_zotero_saves_the_edition_from_every_other_page(site, page):
    soup = soup_of(site / page)
    assert not _meta(soup, "citation_"), f"{page}: the article's tags off its page"
    item = zotero_item(soup)
    assert item.itemType == "webpage", (page, item.itemType)
    assert item.title.endswith("an executable bilingual edition") and TITLE in item.title
    assert item.creators == ["Contributors to the executable edition"]
    assert item.fields["date"] == "2026-11-26"
    assert item.fields["abstractNote"].startswith(ABSTRACT_START)
    assert not AFFILIATION.search(item.fields["abstractNote"])
    assert "publicationTitle" not in item.fields, "DC.source would become the edition's journal"
    assert "2020" in item.fields["rights"] and "MIT" in item.fields["rights"]


def test_google_scholar_front_page_shows_what_its_tags_say(site):
    """One page per work, with the abstract and the authors visible on it."""
    soup = soup_of(site / FRONT)
    tags = _meta(soup, "citation_")
    body = soup.select_one(".bd-article").get_text(" ", strip=True)
    assert tags["citation_abstract"][0][:80] in re.sub(r"\s+", " ", body)
    assert "Jong-Woon Lee" in body and "Kevin Gray" in body
    assert tags["citation_abstract_html_url"] == [RECORD]
    assert tags["citation_language"] == ["en"]


@pytest.mark.parametrize("page", [FRONT] + SECTIONS)
def test_jsonld_describes_the_edition_based_on_the_article(site, page):
    soup = soup_of(site / page)
    (data,) = jsonld(soup)
    assert data["@type"] == "ScholarlyArticle" and data["version"] == "1.0.0"
    assert data["datePublished"] == "2026-11-26" and data["inLanguage"] == ["en", "ko"]
    assert data["license"].endswith("/MIT")
    article = data["isBasedOn"]
    assert article["name"] == TITLE and article["url"] == RECORD
    assert [(a["givenName"], a["familyName"]) for a in article["author"]] == [("Jong-Woon", "Lee"), ("Kevin", "Gray")]
    issue = article["isPartOf"]
    assert issue["issueNumber"] == "4" and issue["isPartOf"]["volumeNumber"] == "23"
    assert issue["isPartOf"]["isPartOf"]["name"] == JOURNAL
    assert (article["pageStart"], article["pageEnd"]) == ("373", "394")
    assert data["hasPart"]["inLanguage"] == "ko" and data["hasPart"]["translationOfWork"] == {"@id": RECORD}
    desc = {d["@language"]: d["@value"] for d in data["description"]}
    assert desc["en"].startswith(ABSTRACT_START) and desc["ko"].startswith(KOREAN_ABSTRACT_START)
    # Dublin Core and OpenGraph agree with it.
    dc, og = _meta(soup, "DC."), _meta(soup, "og:")
    assert dc["DC.title"] == [data["name"]] and dc["DC.creator"] == [c["name"] for c in data["creator"]]
    assert dc["DC.date"] == [data["datePublished"]] and dc["DC.language"] == data["inLanguage"]
    assert dc["DC.description"] == og["og:description"] == [desc["en"]]
    assert "DC.identifier" not in dc or dc["DC.identifier"][0].startswith("http"), "an identifier is an address"
    assert not re.search(r"[가-힣]", og["og:title"][0]), "og:title runs English and Korean together"


def test_every_page_has_edition_tags_opengraph_and_version_line(site):
    for page in site_pages(site):
        if is_redirect_stub(site, page):
            continue
        soup = soup_of(site / page)
        dc = _meta(soup, "DC.")
        assert dc.get("DC.title") and dc.get("DC.relation") == [RECORD], page
        assert not any("version" in v for v in dc.get("DC.identifier", [])), page
        og = _meta(soup, "og:")
        # sphinxext-opengraph tags pages made from documents (not genindex/search).
        assert og.get("og:title") or not page.startswith("chapters/"), page
        assert "og:url" not in og or og["og:url"][0].startswith("http"), f"{page}: relative og:url"
        line = soup.select_one(".edition-version")
        assert line is not None, f"{page}: no version line"
        assert re.search(r"Edition \d+\.\d+\.\d+ · built \d{4}-\d\d-\d\d", line.get_text()), line.get_text()
        assert "편집본" in line.get_text() and "빌드" in line.get_text()
        if page != FRONT:
            assert "citation_title" not in _meta(soup, "citation_"), f"{page}: article tags off its page"


def test_no_sitemap_without_a_site_address(site):
    from edition.site.publish import base_url

    if base_url() is None:
        assert not (site / "sitemap.xml").exists()
    else:
        assert (site / "sitemap.xml").is_file()


def test_how_to_cite_links_bibtex_and_ris(site):
    """The article's reference files and the edition's own, which parse as what they claim."""
    import bibtexparser

    soup = soup_of(site / "chapters/how-to-cite.html")
    links = [(a.get_text(), a["href"]) for a in soup.select("a.cite-download")]
    assert [label for label, _ in links] == ["BibTeX (.bib)", "RIS (.ris)"] * 2
    files = [resolve(site, "chapters/how-to-cite.html", href)[0].read_text(encoding="utf-8") for _, href in links]
    assert files[0].startswith("@article{leegray2020,") and files[1].startswith("TY  - JOUR")
    edition = bibtexparser.parse_string(files[2])
    assert not edition.failed_blocks and edition.entries[0].entry_type == "misc"
    fields = {f.key: f.value for f in edition.entries[0].fields}
    assert fields["version"] == "1.0.0" and fields["related"] == "leegray2020"
    assert files[3].startswith("TY  - ELEC") and "ET  - 1.0.0" in files[3]
    written = soup.select_one(".cite-edition pre").get_text()
    assert "Version 1.0.0" in written and "Lee, Jong-Woon, and Kevin Gray. 2020." in written
    from edition.site.publish import base_url

    assert (base_url() or "No public address") in written


def test_updates_page_lists_dated_changes_and_is_linked_from_every_page(site):
    soup = soup_of(site / "chapters/changelog.html")
    rows = soup.select(".lang-en table.changelog tbody tr")
    assert len(rows) >= 5
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r.find("time")["datetime"]) for r in rows)
    other = soup_of(site / "chapters/01-introduction.html").select_one(".edition-version a")
    assert other is not None and other["href"].endswith("changelog.html")

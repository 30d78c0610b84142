"""Scholarly metadata (edition/site/meta.py), the BibTeX/RIS files (edition/render/citing.py), the sitemap
(edition/site/publish.py + sphinx-sitemap) and the changelog (edition/render/changelog.py).

Expected values are the article's identity as the journal prints it (shared/paper/README.md),
typed here, not read through the code under test."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from edition.render import changelog, citing
from edition.site import meta
from edition.data.datapackage import DataError

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = [
    ("citation_title", "North Korea, Apparel Production Networks and UN Sanctions: Resilience through Informality"),
    ("citation_author", "Lee, Jong-Woon"),
    ("citation_author", "Gray, Kevin"),
    ("citation_journal_title", "Journal of the Economic Geographical Society of Korea"),
    ("citation_volume", "23"),
    ("citation_issue", "4"),
    ("citation_firstpage", "373"),
    ("citation_lastpage", "394"),
    ("citation_publication_date", "2020/12/31"),
    ("citation_language", "en"),
]
RECORD = "https://www.koreascience.or.kr/article/JAKO202008848920632.page"


def test_article_tags_are_the_articles_identity():
    tags = meta.article_tags()
    assert [t for t in tags if t[0] not in ("citation_abstract", "citation_keywords", "citation_abstract_html_url")] == ARTICLE
    assert ("citation_abstract_html_url", RECORD) in tags
    abstract = dict(tags)["citation_abstract"]
    # The authors' abstract, without its bold label or any markup; no affiliation.
    assert abstract.startswith("The strengthening of multilateral international sanctions against North Korea")
    assert "**" not in abstract and "@" not in abstract and "University" not in abstract
    assert dict(tags)["citation_keywords"].startswith("North Korea; China; Production Networks")
    assert not any("doi" in name for name, _ in tags), "the article has no DOI"


def test_front_matter_read_from_the_transcription():
    from edition.data import front

    assert front.title("ko") == "북한 의류 생산네트워크와 UN 제재"
    assert front.abstract("ko").startswith("본고는 북한이"), "the authors' own Korean abstract (요약)"
    assert front.keywords("ko")[:2] == ["북한", "중국"]
    assert front.summary("One. Two two. Three three three.", 14) == "One. Two two."
    assert front.summary("A very long first sentence here.", 10).endswith("…")


def test_meta_html_escapes_hostile_values():
    out = meta.meta_html([("citation_title", '"><script>alert(1)</script>')])
    assert "<script>" not in out and "&quot;&gt;&lt;script&gt;" in out


def test_edition_tags_name_the_edition_and_its_source():
    tags = dict(meta.edition_tags())
    assert tags["DC.title"].endswith("an executable bilingual edition")
    assert tags["DC.relation"] == RECORD and "DC.source" not in tags
    assert tags["DC.date"] == "2026-11-26"
    assert "DC.identifier" not in tags, "no address known: no identifier (never a version string)"
    assert dict(meta.edition_tags("https://someone.github.io/ed/"))["DC.identifier"] == "https://someone.github.io/ed/"


def test_jsonld_escapes_and_carries_the_address():
    from edition.core.escape import script_json

    data = meta.jsonld("https://someone.github.io/ed/")
    assert data["@id"] == data["url"] == "https://someone.github.io/ed/"
    assert "url" not in meta.jsonld()
    out = meta.jsonld_html({"x": "</script><b>"})
    assert out.count("</script") == 1 and script_json({"x": "<"}) in meta.jsonld_html({"x": "<"})


def test_page_title_takes_the_english_span():
    from docutils import nodes

    doc = nodes.document(None, None)
    section = nodes.section()
    title = nodes.title("", "", nodes.inline("", "North Korea", classes=["lang-en"]), nodes.Text(" "),
                        nodes.inline("", "북한", classes=["lang-ko"]))
    section += title
    doc += section
    assert meta.page_title(doc, "fallback") == "North Korea"
    assert meta.page_title(None, "fallback") == "fallback"


def test_edition_citations_say_what_is_known():
    written = citing.edition_citation()
    assert "Version 1.0.0" in written and citing.NO_ADDRESS in written
    assert "Lee, Jong-Woon, and Kevin Gray. 2020." in written
    assert "released 2026-11-26. https://someone.github.io/ed/. Edition of: Lee" in citing.edition_citation(
        "https://someone.github.io/ed/")
    import bibtexparser

    lib = bibtexparser.parse_string(citing.edition_bibtex("https://someone.github.io/ed/"))
    assert not lib.failed_blocks
    fields = {f.key: f.value for f in lib.entries[0].fields}
    assert fields["url"] == "https://someone.github.io/ed/" and fields["version"] == "1.0.0"
    assert "373--394" in fields["note"]
    ris = citing.edition_ris().split("\r\n")
    assert ris[0] == "TY  - ELEC" and "ET  - 1.0.0" in ris and f"N1  - {citing.NO_ADDRESS}" in ris
    assert not any(line.startswith("UR  -") for line in ris)


def test_version_line_in_both_languages():
    line = meta.version_line("1.0.0", dt.date(2026, 11, 29), "changelog.html")
    assert 'lang="en">Edition 1.0.0 · built <time datetime="2026-11-29">2026-11-29</time>' in line
    assert "편집본 1.0.0 · <time datetime=\"2026-11-29\">2026년 11월 29일</time> 빌드" in line
    assert line.count('href="changelog.html"') == 2


def test_build_date_honours_source_date_epoch():
    assert meta.build_date({"SOURCE_DATE_EPOCH": "1767225600"}) == dt.date(2026, 1, 1)


def test_ris_record():
    ris = citing.ris_entry()
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - JOUR" and "ER  - " in lines
    for expected in ("AU  - Lee, Jong-Woon", "AU  - Gray, Kevin", "VL  - 23", "IS  - 4", "SP  - 373",
                     "EP  - 394", "PY  - 2020", "DA  - 2020/12/31",
                     "UR  - https://www.koreascience.or.kr/article/JAKO202008848920632.page"):
        assert expected in lines, expected
    assert not any(line.startswith("DO  -") for line in lines)


def test_downloads_written_and_linked(tmp_path):
    written = citing.write_downloads(tmp_path)
    assert {p.name for p in written} == {"lee-gray-2020.bib", "lee-gray-2020.ris",
                                         "lee-gray-2020-edition.bib", "lee-gray-2020-edition.ris"}
    bib = (tmp_path / citing.DOWNLOADS["bib"]).read_text(encoding="utf-8")
    assert bib.startswith("@article{leegray2020,") and "pages   = {373--394}" in bib
    assert [k for _, k in citing.DOWNLOAD_LINKS] == ["bib", "ris"]


# --- changelog --------------------------------------------------------------------------------

def test_changelog_renders_newest_first_in_both_languages():
    html = changelog.changelog_html()
    en, ko = html.split('<div class="lang-ko"')
    dates = [d for d in en.split('<time datetime="')[1:]]
    assert [d[:10] for d in dates] == sorted((d[:10] for d in dates), reverse=True)
    assert "Edition 1.0.0 released" in en and "편집본 1.0.0 공개" in ko
    # the Korean table writes its dates in Korean (the machine-readable ISO form stays in datetime=)
    assert '<time datetime="2026-11-26">2026년 11월 26일</time>' in ko
    assert ">2026-11-26<" not in ko and ">2026-11-26<" in en


@pytest.fixture
def scratch_pkg(tmp_path):
    from edition.data.datapackage import Package

    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return tmp_path


def _edit_changelog(root: Path, text: str):
    from edition.data.datapackage import Package, rehash

    (root / "data" / "changelog.csv").write_text(text, encoding="utf-8")
    rehash(root)
    return Package(root)


HEADER = "change_id,date,area,change_en,change_ko\n"


def test_changelog_out_of_order_names_the_row(scratch_pkg):
    pkg = _edit_changelog(scratch_pkg, HEADER + "c001,2026-11-26,text,a,가\nc002,2026-11-20,data,b,나\n")
    with pytest.raises(DataError, match=r"changelog.csv, row 2, column 'date'.*earlier"):
        changelog.entries(pkg)


def test_changelog_hostile_cell_is_escaped(scratch_pkg):
    pkg = _edit_changelog(scratch_pkg, HEADER + 'c001,2026-11-26,text,"<img src=x onerror=alert(1)>",가\n')
    out = changelog.changelog_html(pkg)
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out


def test_changelog_unknown_area_is_refused(scratch_pkg):
    with pytest.raises(DataError, match="area"):
        _edit_changelog(scratch_pkg, HEADER + "c001,2026-11-26,gossip,a,가\n").table("changelog")


# --- sitemap: only with a known site address ---------------------------------------------------

def _mini_project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text("extensions = ['edition.site.publish']\nproject = 'x'\n", encoding="utf-8")
    (src / "index.rst").write_text("Title\n=====\n\n.. toctree::\n\n   other\n", encoding="utf-8")
    (src / "other.rst").write_text("Other\n=====\n\ntext\n", encoding="utf-8")
    return src


def _build(src: Path, out: Path) -> None:
    from sphinx.application import Sphinx

    app = Sphinx(str(src), str(src), str(out), str(out / ".doctrees"), "html", status=None,
                 warning=None, freshenv=True)
    app.build()


def test_sitemap_lists_every_page_at_the_sites_address(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITION_BASE_URL", "https://someone.github.io/some-edition")
    for name in ("GITHUB_REPOSITORY", "GITHUB_SERVER_URL", "EDITION_REPOSITORY_URL"):
        monkeypatch.delenv(name, raising=False)
    out = tmp_path / "out"
    _build(_mini_project(tmp_path), out)
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://someone.github.io/some-edition/index.html</loc>" in sitemap
    assert "<loc>https://someone.github.io/some-edition/other.html</loc>" in sitemap
    assert "search.html" not in sitemap and "/en/" not in sitemap


def test_no_sitemap_without_a_site_address(tmp_path, monkeypatch):
    monkeypatch.delenv("EDITION_BASE_URL", raising=False)
    out = tmp_path / "out"
    _build(_mini_project(tmp_path), out)
    assert (out / "index.html").is_file()
    assert not (out / "sitemap.xml").exists()


def test_bad_publication_date_names_the_file(tmp_path):
    cff = tmp_path / "CITATION.cff"
    cff.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8")
                   .replace('date-published: "2020-12-31"', 'date-published: "2020-31-12"'), encoding="utf-8")
    with pytest.raises(ValueError, match=r"CITATION.cff: preferred-citation.date-published '2020-31-12'"):
        citing.published_date(cff)


def test_a_book_without_the_front_page_has_records_without_an_abstract(monkeypatch, tmp_path):
    """A scratch book (tests/browser/test_hostile_site.py) has no chapters/00-front.md."""
    from edition.data import front

    monkeypatch.setattr(front, "FRONT", tmp_path / "00-front.md")
    assert meta.description() is None
    assert "DC.description" not in dict(meta.edition_tags())
    data = meta.jsonld()
    assert "description" not in data and "abstract" not in data["isBasedOn"]
    assert "og:description" not in meta.opengraph_tags("Title", meta.description())


def test_a_front_page_without_its_abstract_is_an_error(tmp_path):
    from edition.data import front

    page = tmp_path / "00-front.md"
    page.write_text("# [T]{.lang-en} [제목]{.lang-ko}\n", encoding="utf-8")
    front._pairs.cache_clear()
    with pytest.raises(front.FrontMatterError, match=r"00-front.md: no en block in pair 'front-abstract'"):
        front.abstract("en", page)
    assert front.title("ko", page) == "제목"

"""Scholarly metadata (edition/meta.py), the BibTeX/RIS files (edition/citing.py), the sitemap
(edition/publish.py + sphinx-sitemap) and the changelog (edition/changelog.py).

Expected values are the article's identity as the journal prints it (shared/paper/README.md),
typed here, not read through the code under test."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from edition import changelog, citing, meta
from edition.data import DataError

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
    ("citation_abstract_html_url", "https://www.koreascience.or.kr/article/JAKO202008848920632.page"),
]


def test_article_tags_are_the_articles_identity():
    assert meta.article_tags() == ARTICLE
    assert not any("doi" in name for name, _ in meta.article_tags()), "the article has no DOI"


def test_meta_html_escapes_hostile_values():
    out = meta.meta_html([("citation_title", '"><script>alert(1)</script>')])
    assert "<script>" not in out and "&quot;&gt;&lt;script&gt;" in out


def test_edition_tags_name_the_edition_and_its_source():
    tags = dict(meta.edition_tags())
    assert tags["DC.title"].endswith("an executable bilingual edition")
    assert "Lee, Jong-Woon, and Kevin Gray. 2020." in tags["DC.source"]
    assert tags["DC.date"] == "2026-11-26"


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
    assert {p.name for p in written} == {"lee-gray-2020.bib", "lee-gray-2020.ris"}
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
    from edition.data import Package

    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return tmp_path


def _edit_changelog(root: Path, text: str):
    from edition.data import Package, rehash

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
    (src / "conf.py").write_text("extensions = ['edition.publish']\nproject = 'x'\n", encoding="utf-8")
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

"""Scholarly metadata in every page's ``<head>``, and the edition's version line on every page.

* The paper's section pages carry Highwire-style ``citation_*`` tags (what Google Scholar and
  Zotero read) for the *original article*: title, both authors, journal, volume, issue, first and
  last page, publication date, the KoreaScience record. Every value comes from ``references.bib``
  (entry ``leegray2020``) through :mod:`edition.citing`; the exact publication date from
  ``CITATION.cff`` (``preferred-citation.date-published``), else the year. The article has no
  DOI, so none is written.
* Every page carries Dublin Core tags (``DC.*``) for the *edition itself* (from CITATION.cff),
  with the article as its source, so the two are never confused.
* OpenGraph tags come from sphinxext-opengraph (social-card images off: no matplotlib, no
  network). Without a known site address (edition.publish) ``og:url`` would be a bare relative
  path, so it is removed rather than written wrong.
* The version line: "Edition 1.0.0 · built 2026-11-29 · Updates and corrections", in both
  languages, in the footer of every page. The build date is ``SOURCE_DATE_EPOCH`` when set
  (reproducible builds), else today (UTC).

Values reach HTML only through :mod:`edition.escape`.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from . import citing
from .escape import attr, text

#: The paper's own pages: the front matter and sections 1-6.
SECTION_PAGE = re.compile(r"^chapters/0[0-6]-")
CHANGELOG_DOC = "chapters/changelog"


def article_tags() -> list[tuple[str, str]]:
    """``citation_*`` name/content pairs for the original article, in Highwire order."""
    f = citing._fields(citing.ARTICLE_KEY, citing.BIB)
    first, _, last = f["pages"].partition("–")
    published = citing.published_date()
    date = published.strftime("%Y/%m/%d") if published else str(f["year"])
    tags = [("citation_title", f["title"])]
    tags += [("citation_author", f"{last_name}, {first_name}") for first_name, last_name in f["authors"]]
    tags += [("citation_journal_title", f["journal"]), ("citation_volume", str(f["volume"])),
             ("citation_issue", str(f["number"])), ("citation_firstpage", first),
             ("citation_lastpage", last), ("citation_publication_date", date),
             ("citation_language", "en")]
    if f.get("url"):
        tags.append(("citation_abstract_html_url", str(f["url"])))
    return tags


def edition_tags() -> list[tuple[str, str]]:
    """Dublin Core name/content pairs for the edition (CITATION.cff)."""
    cff = citing.citation_cff()
    tags = [("DC.title", cff["title"]), ("DC.type", "Text")]
    for a in cff.get("authors", []):
        tags.append(("DC.creator", a.get("name") or f'{a.get("family-names", "")}, {a.get("given-names", "")}'))
    tags += [("DC.date", str(cff.get("date-released", ""))), ("DC.language", "en"),
             ("DC.language", "ko"), ("DC.source", citing.article_reference("chicago"))]
    if cff.get("version"):
        tags.append(("DC.identifier", f'version {cff["version"]}'))
    return tags


def meta_html(tags: list[tuple[str, str]]) -> str:
    return "".join(f'<meta name="{attr(n)}" content="{attr(c)}" />\n' for n, c in tags)


def build_date(env: dict[str, str] | None = None) -> dt.date:
    env = os.environ if env is None else env
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def version_line(version: str, built: dt.date, changelog_href: str | None) -> str:
    """The footer line, English and Korean (the language switch shows one or both)."""
    iso = built.isoformat()
    ko_date = f"{built.year}년 {built.month}월 {built.day}일"
    link_en = link_ko = ""
    if changelog_href:
        link_en = f' · <a href="{attr(changelog_href)}">Updates and corrections</a>'
        link_ko = f' · <a href="{attr(changelog_href)}">수정 내역</a>'
    return (f'<p class="edition-version">'
            f'<span class="lang-en" lang="en">Edition {text(version)} · built '
            f'<time datetime="{attr(iso)}">{text(iso)}</time>{link_en}</span> '
            f'<span class="lang-ko" lang="ko">편집본 {text(version)} · '
            f'<time datetime="{attr(iso)}">{text(ko_date)}</time> 빌드{link_ko}</span></p>')


def _configure(app: Sphinx, config: Config) -> None:
    base = config.html_baseurl or ""
    config.ogp_site_url = base
    config.ogp_social_cards = {"enable": False}
    config.ogp_site_name = citing.citation_cff()["title"]
    config.ogp_type = "article"
    app.edition_built = build_date()  # type: ignore[attr-defined]


_OG_URL = re.compile(r'<meta property="og:url" content="[^"]*" />\n?')


def add_page_meta(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: Any) -> None:
    tags = edition_tags()
    if SECTION_PAGE.match(pagename):
        tags = article_tags() + tags
    metatags = context.get("metatags", "") or ""
    if not app.config.html_baseurl:
        metatags = _OG_URL.sub("", metatags)
    context["metatags"] = metatags + meta_html(tags)
    href = None
    if CHANGELOG_DOC in app.env.found_docs:
        href = context["pathto"](CHANGELOG_DOC)
    version = str(citing.citation_cff().get("version", ""))
    context["theme_extra_footer"] = version_line(version, app.edition_built, href)


def write_citation_files(app: Sphinx, exception: Exception | None) -> None:
    """The BibTeX and RIS files the how-to-cite page links to (edition.citing.DOWNLOADS)."""
    if exception is None and app.builder.format == "html":
        citing.write_downloads(app.outdir)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinxext.opengraph")
    app.connect("build-finished", write_citation_files)
    app.connect("config-inited", _configure, priority=700)
    # After sphinxext-opengraph has written its tags (priority 500).
    app.connect("html-page-context", add_page_meta, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}

"""Scholarly metadata in every page's ``<head>``, and the edition's version line on every page.

One honest record: a page says what it is, and the two works are never confused.

* The **article** (Lee and Gray 2020) is described with Highwire ``citation_*`` tags only on the
  front page, the one page that stands for the article: its title, authors, journal, volume,
  issue, pages, date and abstract (``citation_abstract``, the authors' own). Google Scholar asks
  for one such page per work with its abstract; tags on every section page would file each
  section as a copy of the article. Values come from ``references.bib`` (entry ``leegray2020``)
  through :mod:`edition.render.citing`, the abstract and key words from the transcription
  (:mod:`edition.data.front`). The article has no DOI, so none is written.
* The **edition** is described on every page, as its own work, three ways that agree: Dublin
  Core (``DC.*``), OpenGraph (``og:*``) and JSON-LD (schema.org ``ScholarlyArticle`` with
  ``isBasedOn`` the article, ``translationOfWork`` for its Korean translation, its own version,
  dates, licence and languages). Title, creator, date, languages, description and address are
  the same in all three. The description is the article's abstract (``og:description``; the
  JSON-LD gives it in English and in the authors' Korean). ``DC.identifier`` is the edition's
  address when the build knows it (edition.site.publish), else absent, never a version string.
  ``DC.source`` is not used: Zotero reads it as the item's publication title.
* OpenGraph tags come from sphinxext-opengraph (social-card images off: no matplotlib, no
  network); ``og:title`` is replaced by the page's English title (the heading carries English and
  Korean), ``og:description`` by the abstract, ``og:type`` is ``website``. Without a known site
  address ``og:url`` would be a bare relative path, so it is removed rather than written wrong.
* The version line: "Edition 1.0.0 · built 2026-11-29 · Updates and corrections", in both
  languages, in the footer of every page. The build date is ``SOURCE_DATE_EPOCH`` when set
  (reproducible builds), else today (UTC).

Values reach HTML only through :mod:`edition.core.escape` (JSON-LD through ``script_json``).
"""
from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..render import citing
from ..data import front
from ..core.escape import attr, script_json, text
from ..core.fmt import ko_date
from . import config as edition_config

#: The site's languages; the first is the default of every page.
LANGUAGES = ("en", "ko")
DESCRIPTION_LIMIT = 300


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
             ("citation_language", "en"), ("citation_abstract", front.abstract("en")),
             ("citation_keywords", "; ".join(front.keywords("en")))]
    if f.get("url"):
        tags.append(("citation_abstract_html_url", str(f["url"])))
    return tags


def edition_creators() -> list[str]:
    return [a.get("name") or f'{a.get("family-names", "")}, {a.get("given-names", "")}'
            for a in citing.citation_cff().get("authors", [])]


def rights() -> str:
    """Who holds what: the paper's text is the authors'; the edition's code and data its licence."""
    cff = citing.citation_cff()
    f = citing._fields(citing.ARTICLE_KEY, citing.BIB)
    names = " and ".join(f"{first} {last}" for first, last in f["authors"])
    return (f'Text of the article © {f["year"]} {names}; the edition\'s apparatus, code and data: '
            f'{cff.get("license", "see the repository")} licence.')


def has_front_matter() -> bool:
    """Whether the book has the article's front page (a scratch book built by the tests may not:
    its records then carry no abstract; a front page that lacks one is an error, see front)."""
    return front.FRONT.is_file()


def description(lang: str = "en") -> str | None:
    """The page description every record shares: the start of the article's abstract."""
    if not has_front_matter():
        return None
    return front.summary(front.abstract(lang), DESCRIPTION_LIMIT)


def edition_tags(base: str | None = None) -> list[tuple[str, str]]:
    """Dublin Core name/content pairs for the edition (CITATION.cff), agreeing with the JSON-LD."""
    cff = citing.citation_cff()
    f = citing._fields(citing.ARTICLE_KEY, citing.BIB)
    tags = [("DC.title", cff["title"]), ("DC.type", "Text")]
    tags += [("DC.creator", name) for name in edition_creators()]
    tags += [("DC.date", str(cff.get("date-released", "")))]
    tags += [("DC.language", lang) for lang in LANGUAGES]
    if description("en"):
        tags.append(("DC.description", description("en")))
    tags.append(("DC.rights", rights()))
    if f.get("url"):
        tags.append(("DC.relation", str(f["url"])))
    if base:
        tags.append(("DC.identifier", base))
    return tags


def _article_node() -> dict[str, Any]:
    f = citing._fields(citing.ARTICLE_KEY, citing.BIB)
    first, _, last = f["pages"].partition("–")
    published = citing.published_date()
    node: dict[str, Any] = {
        "@type": "ScholarlyArticle",
        "name": f["title"],
        "author": [{"@type": "Person", "givenName": given, "familyName": family, "name": f"{given} {family}"}
                   for given, family in f["authors"]],
        "datePublished": published.isoformat() if published else str(f["year"]),
        "inLanguage": "en",
        "pageStart": first, "pageEnd": last, "pagination": f"{first}-{last}",
        "isPartOf": {"@type": "PublicationIssue", "issueNumber": str(f["number"]),
                     "isPartOf": {"@type": "PublicationVolume", "volumeNumber": str(f["volume"]),
                                  "isPartOf": {"@type": "Periodical", "name": f["journal"]}}},
    }
    if has_front_matter():
        node.update(abstract=front.abstract("en"), keywords=front.keywords("en"))
    if f.get("url"):
        node["@id"] = node["url"] = str(f["url"])
    return node


def jsonld(base: str | None = None) -> dict[str, Any]:
    """The edition as schema.org data: its own work, based on the article, with a translation."""
    cff = citing.citation_cff()
    article = _article_node()
    ref = {"@id": article["@id"]} if "@id" in article else article
    creators = [{"@type": "Organization", "name": name} for name in edition_creators()]
    node: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": cff["title"],
        "creator": creators,
        "version": str(cff.get("version", "")),
        "datePublished": str(cff.get("date-released", "")),
        "inLanguage": list(LANGUAGES),
        "license": f'https://spdx.org/licenses/{cff["license"]}' if cff.get("license") else None,
        "copyrightNotice": rights(),
        "description": ([{"@language": lang, "@value": description(lang)} for lang in LANGUAGES]
                        if has_front_matter() else None),
        "keywords": list(cff.get("keywords", [])),
        "isBasedOn": article,
        "hasPart": {"@type": "CreativeWork", "inLanguage": "ko",
                    "translationOfWork": ref, "translator": creators,
                    "description": "The edition's Korean translation of the article's text and notes."},
    }
    if has_front_matter():
        node["hasPart"]["name"] = front.title("ko")
    if base:
        node["@id"] = node["url"] = base
    return {k: v for k, v in node.items() if v is not None}


def jsonld_html(data: dict[str, Any]) -> str:
    return f'<script type="application/ld+json">{script_json(data)}</script>\n'


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
    link_en = link_ko = ""
    if changelog_href:
        link_en = f' · <a href="{attr(changelog_href)}">Updates and corrections</a>'
        link_ko = f' · <a href="{attr(changelog_href)}">수정 내역</a>'
    return (f'<p class="edition-version">'
            f'<span class="lang-en" lang="en">Edition {text(version)} · built '
            f'<time datetime="{attr(iso)}">{text(iso)}</time>{link_en}</span> '
            f'<span class="lang-ko" lang="ko">편집본 {text(version)} · '
            f'<time datetime="{attr(iso)}">{text(ko_date(built))}</time> 빌드{link_ko}</span></p>')


def _configure(app: Sphinx, config: Config) -> None:
    base = config.html_baseurl or ""
    config.ogp_site_url = base
    config.ogp_social_cards = {"enable": False}
    config.ogp_site_name = citing.citation_cff()["title"]
    config.ogp_type = "website"
    config.ogp_description_length = DESCRIPTION_LIMIT
    app.edition_built = build_date()  # type: ignore[attr-defined]


_OG_URL = re.compile(r'<meta property="og:url" content="[^"]*" />\n?')
_OG_REPLACED = re.compile(r'<meta property="og:(?:title|description)" content="[^"]*" />\n?')


def page_title(doctree: Any, fallback: str) -> str:
    """The page's English title: the heading's English span when it carries one per language."""
    from docutils import nodes

    if doctree is None:
        return fallback
    for title in doctree.findall(nodes.title):
        english = [n for n in title.findall(nodes.inline) if "lang-en" in n.get("classes", [])]
        return (english[0] if english else title).astext().strip() or fallback
    return fallback


def opengraph_tags(title: str, summary: str | None) -> str:
    tags = [("og:title", title), ("og:description", summary or ""), ("og:locale", "en_GB"),
            ("og:locale:alternate", "ko_KR")]
    tags = [(n, c) for n, c in tags if c]
    return "".join(f'<meta property="{attr(n)}" content="{attr(c)}" />\n' for n, c in tags)


def add_page_meta(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: Any) -> None:
    base = app.config.html_baseurl or None
    # The same record on every page: made once a build (reading the bib, CITATION.cff and the
    # front page costs about 0.1 s).
    record = getattr(app, "edition_record", None)
    if record is None:
        record = app.edition_record = (edition_tags(base), jsonld(base), description("en"))  # type: ignore[attr-defined]
    tags, data, summary = record
    # The page that stands for the article (it carries the abstract): the only one with citation_*.
    if pagename == app.config.edition_article_page:
        tags = article_tags() + tags
    metatags = _OG_REPLACED.sub("", context.get("metatags", "") or "")
    if not base:
        metatags = _OG_URL.sub("", metatags)
    title = page_title(doctree, re.sub(r"<[^>]+>", "", str(context.get("title", ""))))
    if base:  # the page this record is printed on
        data = {**data, "mainEntityOfPage": f"{base.rstrip('/')}/{pagename}.html"}
    context["metatags"] = (metatags + opengraph_tags(title, summary) + meta_html(tags)
                           + jsonld_html(data))
    href = None
    if app.config.edition_changelog_page in app.env.found_docs:
        href = context["pathto"](app.config.edition_changelog_page)
    version = str(citing.citation_cff().get("version", ""))
    context["theme_extra_footer"] = version_line(version, app.edition_built, href)


def write_citation_files(app: Sphinx, exception: Exception | None) -> None:
    """The BibTeX and RIS files the how-to-cite page links to (edition.render.citing.DOWNLOADS)."""
    if exception is None and app.builder.format == "html":
        citing.write_downloads(app.outdir, app.config.html_baseurl or None)


def setup(app: Sphinx) -> dict[str, Any]:
    edition_config.register(app)
    app.setup_extension("sphinxext.opengraph")
    app.connect("build-finished", write_citation_files)
    app.connect("config-inited", _configure, priority=700)
    # After sphinxext-opengraph has written its tags (priority 500).
    app.connect("html-page-context", add_page_meta, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}

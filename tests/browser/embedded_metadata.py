"""What a reference manager and a scholarly index read from a page's ``<head>``.

A reduced mirror of Zotero's "Embedded Metadata" translator (zotero/translators,
``Embedded Metadata.js`` with ``RDF.js``; read 2026-12-07) and of Google Scholar's inclusion
guidelines, so the tests judge the page the way they do, not the way edition.site.meta means it:

* Highwire ``citation_*`` tags win: ``citation_journal_title`` makes the item a journal article,
  ``citation_title``, ``citation_author`` (all of them), ``citation_volume``, ``citation_issue``,
  ``citation_firstpage``/``citation_lastpage`` (joined "373-394"), ``citation_publication_date``,
  ``citation_abstract``, ``citation_language`` override anything else.
* What Highwire leaves empty is filled from the page's RDF, which the translator builds from
  ``DC.*`` (Dublin Core 1.1) and ``og:*`` tags: title (``DC.title``, then ``og:title``), creators
  (``DC.creator``), date (``DC.date``), language (``DC.language``, the first), the publication
  title (``DC.source``), rights (``DC.rights``), the abstract (``og:description`` first, then
  ``DC.description``), item type (``og:type`` "website" → webpage, "article" → a guessed journal
  article).
* Last, the "low quality" fallbacks: ``<meta name="description">`` as abstract, ``<title>``,
  ``<html lang>``.

Google Scholar (scholar.google.com/intl/en/scholar/inclusion.html): a page with citation_* tags
must be the work's own page, with the full text or the abstract visible, the authors shown.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

HIGHWIRE = {"citation_title": "title", "citation_publication_date": "date", "citation_date": "date",
            "citation_journal_title": "publicationTitle", "citation_volume": "volume",
            "citation_issue": "issue", "citation_abstract": "abstractNote", "citation_doi": "DOI",
            "citation_language": "language", "citation_publisher": "publisher"}


@dataclass
class Item:
    itemType: str = ""
    title: str = ""
    creators: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


def head_meta(soup) -> list[tuple[str, str]]:
    out = []
    for m in soup.head.find_all("meta"):
        name = m.get("name") or m.get("property") or ""
        if name:
            out.append((name, m.get("content", "")))
    return out


def _first(tags: list[tuple[str, str]], *names: str) -> str:
    for name in names:
        for n, v in tags:
            if n == name and v.strip():
                return v.strip()
    return ""


def _all(tags: list[tuple[str, str]], name: str) -> list[str]:
    return [v.strip() for n, v in tags if n == name and v.strip()]


def zotero_item(soup) -> Item:
    """The item Zotero's Embedded Metadata translator would save from this page (reduced)."""
    tags = head_meta(soup)
    item = Item()
    # RDF first (DC, og), then Highwire on top, as completeItem() does.
    og_type = _first(tags, "og:type")
    item.itemType = {"website": "webpage", "article": "journalArticle"}.get(og_type, "webpage")
    item.title = _first(tags, "DC.title", "og:title")
    item.creators = _all(tags, "DC.creator")
    for key, names in {"date": ("DC.date",), "language": ("DC.language",),
                       "publicationTitle": ("DC.source",), "rights": ("DC.rights",),
                       "abstractNote": ("og:description", "DC.description")}.items():
        value = _first(tags, *names)
        if value:
            item.fields[key] = value
    highwire = [n for n, _ in tags if n.startswith("citation_")]
    if highwire:
        if "citation_journal_title" in highwire or "citation_title" in highwire:
            item.itemType = "journalArticle"
        for name, key in HIGHWIRE.items():
            value = _first(tags, name)
            if value:
                if key == "title":
                    item.title = value
                else:
                    item.fields[key] = value
        authors = _all(tags, "citation_author")
        if authors:
            item.creators = authors
        first, last = _first(tags, "citation_firstpage"), _first(tags, "citation_lastpage")
        if first:
            item.fields["pages"] = first + (f"-{last}" if last else "")
    # Low-quality fallbacks.
    if not item.title and soup.title:
        item.title = soup.title.get_text(" ", strip=True)
    if "abstractNote" not in item.fields:
        desc = soup.head.find("meta", attrs={"name": "description"})
        if desc and desc.get("content"):
            item.fields["abstractNote"] = desc["content"]
    if "language" not in item.fields and soup.html.get("lang"):
        item.fields["language"] = soup.html["lang"]
    return item


def jsonld(soup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", attrs={"type": "application/ld+json"})]

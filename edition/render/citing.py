"""The "How to cite" page's references, rendered from the files that hold them.

The original article comes from its entry in ``references.bib`` (key ``leegray2020``), the edition
from ``CITATION.cff``, so the page can never disagree with either. Nothing is added that the
files do not say (the article has no DOI; none is printed).
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .. import ROOT
from ..core import atomic
from ..data.bib import ARTICLE_KEY, BIB, ArticleRecord, BibError, article_record, braces_balance, parsed_entry

CFF = ROOT / "CITATION.cff"

#: A BibTeX entry type or key the writer will print (ASCII, as BibTeX and every importer read them).
_BIBTEX_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:.\-]*")
#: Every character a line-based reader (RIS, or a BibTeX importer that splits lines) could take
#: as the end of a line or record: CR, LF, VT, FF, FS/GS/RS, NEL, LS, PS; and other C0/C1 controls.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def bibtex_entry(key: str = ARTICLE_KEY, path: Path = BIB) -> str:
    """The entry as BibTeX, written from its parsed fields (LaTeX kept, string macros resolved),
    so nothing outside the entry (an ``@string`` or ``@preamble`` holding a look-alike) can
    reach it and no field can close early: every value is brace-delimited and must balance its
    braces as BibTeX counts them (a backslash does not escape a brace there)."""
    entry = parsed_entry(Path(path), key)
    for name in (entry.entry_type, entry.key):
        if not _BIBTEX_NAME.fullmatch(name):
            raise BibError(f"{path}, line {entry.start_line + 1}: {name!r} is not a BibTeX name "
                           "the writer will print (ASCII letters, digits, _:.-)")
    width = max((len(f.key) for f in entry.fields), default=0)
    lines = []
    for f in entry.fields:
        if not _BIBTEX_NAME.fullmatch(f.key):
            raise BibError(f"{path}, line {f.start_line + 1}: field name {f.key!r} of {key!r} is not plain ASCII")
        lines.append(f"  {f.key:<{width}} = {{{_bibtex_value(str(f.value), f'{path}, line {f.start_line + 1}', f.key)}}}")
    return f"@{entry.entry_type}{{{entry.key},\n" + ",\n".join(lines) + "\n}"


def _bibtex_value(value: str, where: str, name: str) -> str:
    """A field's value for a brace-delimited BibTeX field: line breaks become spaces (as BibTeX
    reads them), and braces must balance, or the value could end the field or the entry."""
    if not braces_balance(value):
        raise BibError(f"{where}: field {name!r} has unbalanced braces (BibTeX counts every brace, "
                       "escaped or not); the BibTeX download would break at it")
    return _BREAKS.sub(" ", value)


def _fields(key: str, path: Path) -> dict:
    """The article's fields for the plain-text, tag and RIS forms, from the parsed record
    (:func:`edition.data.bib.article_record`)."""
    rec = article_record(Path(path), key)
    return {"authors": [(p.given, p.family) for p in rec.authors], "title": rec.title,
            "journal": rec.journal, "volume": rec.volume, "number": rec.number, "pages": rec.pages,
            "year": rec.year, "url": rec.url}


def article_reference(style: str = "chicago", key: str = ARTICLE_KEY, path: Path = BIB) -> str:
    """The article as plain text: ``chicago`` (author–date, as the journal's own references) or ``apa``."""
    f = _fields(key, path)
    names = f["authors"]
    if style == "chicago":
        people = [f"{names[0][1]}, {names[0][0]}"] + [f"{first} {last}" for first, last in names[1:]]
        who = people[0] if len(people) == 1 else ", ".join(people[:-1]) + ", and " + people[-1]
        return (f'{who}. {f["year"]}. “{f["title"]}.” {f["journal"]} {f["volume"]} ({f["number"]}): '
                f'{f["pages"]}. {f["url"]}')
    if style == "apa":
        def initials(first: str) -> str:
            return " ".join("-".join(p[0] + "." for p in part.split("-")) for part in first.split())
        people = [f"{last}, {initials(first)}" for first, last in names]
        who = people[0] if len(people) == 1 else ", ".join(people[:-1]) + ", & " + people[-1]
        return (f'{who} ({f["year"]}). {f["title"]}. {f["journal"]}, {f["volume"]}({f["number"]}), '
                f'{f["pages"]}. {f["url"]}')
    raise ValueError(f"unknown style {style!r} (chicago, apa)")


def citation_cff(path: Path = CFF) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def cff_differences(cff: dict, record: ArticleRecord) -> list[tuple[str, object, str]]:
    """Where CITATION.cff's preferred citation and the article's parsed record disagree, as
    (field of preferred-citation, its value, the record's value); empty when they agree."""
    pref = cff.get("preferred-citation")
    if not isinstance(pref, dict):
        return [("preferred-citation", pref, "an article record")]
    people = pref.get("authors") if isinstance(pref.get("authors"), list) else []
    cff_names = [(str(a.get("given-names", "")), str(a.get("family-names", ""))) if isinstance(a, dict) else (str(a), "")
                 for a in people]
    pairs = {"type": (pref.get("type"), record.entry_type), "title": (pref.get("title"), record.title),
             "journal": (pref.get("journal"), record.journal), "volume": (pref.get("volume"), record.volume),
             "issue": (pref.get("issue"), record.number), "start": (pref.get("start"), record.first_page),
             "end": (pref.get("end"), record.last_page), "year": (pref.get("year"), record.year),
             "url": (pref.get("url"), record.url)}
    found = [(k, a, b) for k, (a, b) in pairs.items() if ("" if a is None else str(a)) != (b or "")]
    bib_names = [(p.given, p.family) for p in record.authors]
    if cff_names != bib_names:
        found.append(("authors", "; ".join(f"{f}, {g}" for g, f in cff_names),
                      "; ".join(f"{f}, {g}" for g, f in bib_names)))
    return found


def cite_blocks(base: str | None = None) -> list[tuple[str, str, str]]:
    """What the page shows, as (label, text, class): the article in two styles and BibTeX, then
    the edition as its own work (written, BibTeX, RIS). ``base`` is the published address
    (edition.site.publish.base_url); the ``{how-to-cite}`` directive renders the blocks."""
    return [
        ("Chicago (author–date) · 시카고(저자–연도)", article_reference("chicago"), "cite-chicago"),
        ("APA", article_reference("apa"), "cite-apa"),
        ("BibTeX (references.bib)", bibtex_entry(), "cite-bibtex"),
        ("Edition · 편집본 (CITATION.cff)", edition_citation(base), "cite-edition"),
        ("Edition, Korean form · 편집본 (한국어 인용 형식)", edition_citation_ko(base), "cite-edition-ko"),
        ("Edition: BibTeX · 편집본 BibTeX", edition_bibtex(base), "cite-edition-bibtex"),
        ("Edition: RIS · 편집본 RIS", edition_ris(base), "cite-edition-ris"),
    ]


# --- the edition as its own work ------------------------------------------------------------------
#: Said where the address would go when the build was not told one (edition.site.publish): a local
#: build has no public address, and none is invented.
NO_ADDRESS = "No public address (a local build)."
EDITION_KEY = "leegray2020edition"


def _edition_fields(path: Path = CFF) -> dict:
    cff = citation_cff(path)
    authors = [a.get("name") or f'{a.get("family-names", "")}, {a.get("given-names", "")}'
               for a in cff.get("authors", [])]
    released = str(cff.get("date-released", ""))
    return {"title": str(cff["title"]), "authors": authors, "version": str(cff.get("version", "")),
            "date": released, "year": released[:4], "license": str(cff.get("license", ""))}


def edition_citation(base: str | None = None, path: Path = CFF, bib: Path = BIB) -> str:
    """The edition, written out: who, when, what, which version, on what it is based, where."""
    e = _edition_fields(path)
    where = f"{base}." if base else NO_ADDRESS
    return (f'{"; ".join(e["authors"])}. {e["year"]}. {e["title"]}. Version {e["version"]}, '
            f'released {e["date"]}. {where} Edition of: {article_reference("chicago", path=bib)}')


#: CITATION.cff's collective author in Korean; any other name is shown as CITATION.cff gives it.
AUTHORS_KO = {"Contributors to the executable edition": "실행 가능한 편집본 기여자"}


def edition_citation_ko(base: str | None = None, path: Path = CFF) -> str:
    """The edition in the Korean citation form (저자, 연도, 「제목」, 판, 공개일), from CITATION.cff;
    the title is the edition's own (English) title, not a translation of it."""
    from ..core.fmt import ko_date

    e = _edition_fields(path)
    authors = "·".join(AUTHORS_KO.get(a, a) for a in e["authors"])
    try:
        released = f"({ko_date(dt.date.fromisoformat(e['date']))} 공개)"
    except ValueError:
        released = ""
    where = f"{base}." if base else "공개 주소 없음(로컬 빌드)."
    return f'{authors}, {e["year"]}, 「{e["title"]}」, {e["version"]}판{released}. {where}'


def edition_bibtex(base: str | None = None, path: Path = CFF, bib: Path = BIB) -> str:
    """The edition as a BibTeX ``@misc`` entry (BibTeX and biblatex both read it), with the
    article it is based on in ``note`` and, for biblatex, ``related``."""
    e = _edition_fields(path)
    f = _fields(ARTICLE_KEY, bib)
    names = " and ".join(f"{last}" for _, last in f["authors"])
    fields = [("author", " and ".join("{" + a + "}" for a in e["authors"])),
              ("title", "{" + e["title"] + "}"), ("year", e["year"]), ("date", e["date"]),
              ("version", e["version"]),
              ("note", f'Edition of {names} ({f["year"]}), {f["journal"]} {f["volume"]}({f["number"]}): '
                       f'{f["pages"].replace("–", "--")}' + ("" if base else f". {NO_ADDRESS}")),
              ("related", ARTICLE_KEY), ("relatedtype", "origpubin"), ("langid", "english")]
    if base:
        fields.append(("url", base))
    width = max(len(k) for k, _ in fields)
    body = ",\n".join(f"  {k.ljust(width)} = {{{v}}}" for k, v in fields)
    return f"@misc{{{EDITION_KEY},\n{body}\n}}"


def edition_ris(base: str | None = None, path: Path = CFF, bib: Path = BIB) -> str:
    """The edition as an RIS record (type COMP would lose the text; it is an edited work: EDBOOK
    is for printed books, so ELEC, an electronic resource), with the article in a note."""
    e = _edition_fields(path)
    lines = ["TY  - ELEC"] + [f"AU  - {a}" for a in e["authors"]]
    lines += [f'TI  - {e["title"]}', f'PY  - {e["year"]}', f'DA  - {e["date"].replace("-", "/")}',
              f'ET  - {e["version"]}', "LA  - en", "LA  - ko",
              f'N1  - Edition of: {article_reference("chicago", path=bib)}']
    lines.append(f"UR  - {base}" if base else f"N1  - {NO_ADDRESS}")
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


#: Where the build writes the article's reference files (edition.site.meta, build-finished), relative
#: to the site's root; the how-to-cite page links to them.
DOWNLOADS = {"bib": "citation/lee-gray-2020.bib", "ris": "citation/lee-gray-2020.ris",
             "edition-bib": "citation/lee-gray-2020-edition.bib",
             "edition-ris": "citation/lee-gray-2020-edition.ris"}


def published_date(path: Path = CFF) -> dt.date | None:
    """The article's publication date from CITATION.cff's preferred citation (``date-published``,
    from the journal's record), or None: only the year is in references.bib."""
    value = citation_cff(path).get("preferred-citation", {}).get("date-published")
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{path}: preferred-citation.date-published {value!r} is not YYYY-MM-DD") from exc


def ris_entry(key: str = ARTICLE_KEY, path: Path = BIB, cff: Path = CFF) -> str:
    """The article as an RIS record (Zotero, EndNote, Mendeley), from the same fields."""
    f = _fields(key, path)
    first, _, last = f["pages"].partition("–")
    lines = ["TY  - JOUR"] + [f"AU  - {ln}, {fn}" for fn, ln in f["authors"]]
    lines += [f'TI  - {f["title"]}', f'T2  - {f["journal"]}', f'JO  - {f["journal"]}',
              f'VL  - {f["volume"]}', f'IS  - {f["number"]}', f"SP  - {first}", f"EP  - {last}",
              f'PY  - {f["year"]}']
    published = published_date(cff)
    if published:
        lines.append(f"DA  - {published:%Y/%m/%d}")
    if f.get("url"):
        lines.append(f'UR  - {f["url"]}')
    lines += ["LA  - en", "ER  - "]
    return "\r\n".join(_ris_line(line) for line in lines) + "\r\n"


def _ris_line(line: str) -> str:
    """One RIS line: a value can hold no line break or other control character (a newline in a
    title would start a second record), so each run of them becomes one space."""
    tag, sep, value = line.partition("  - ")
    return f"{tag}{sep}{' '.join(_BREAKS.sub(' ', value).split())}" if value else line


def write_downloads(outdir: Path, base: str | None = None) -> list[Path]:
    """Write the BibTeX and RIS files (the article's, the edition's) into a built site (UTF-8)."""
    written = []
    bodies = {"bib": lambda: bibtex_entry() + "\n", "ris": ris_entry,
              "edition-bib": lambda: edition_bibtex(base) + "\n", "edition-ris": lambda: edition_ris(base)}
    for kind, rel in DOWNLOADS.items():
        target = Path(outdir) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        body = bodies[kind]()
        atomic.write_bytes(target, body.encode("utf-8"))
        written.append(target)
    return written


#: The download links the ``{how-to-cite}`` directive shows: (label, key of DOWNLOADS).
DOWNLOAD_LINKS = (("BibTeX (.bib)", "bib"), ("RIS (.ris)", "ris"))
#: The same for the edition's own reference.
EDITION_DOWNLOAD_LINKS = (("BibTeX (.bib)", "edition-bib"), ("RIS (.ris)", "edition-ris"))

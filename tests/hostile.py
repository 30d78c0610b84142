"""Hostile copies of the edition's inputs: markup in every free-text CSV column and bib field.

Each payload, if it ever ran, would set ``window.__pwned`` and open a dialog; the browser test
watches for both. The fixtures are made from the real files at test time (so a new column or
entry is covered without editing this file) and rehashed, so the only thing wrong with them is
the markup.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAYLOADS = (
    "<script>window.__pwned='script';alert('script')</script>",
    "<img src=x onerror=\"window.__pwned='img';alert('img')\">",
    "\"><svg onload=\"window.__pwned='svg';alert('svg')\">",
    "javascript:window.__pwned='js-url';alert('js-url')",
    "</script><script>window.__pwned='end-script';alert('end-script')</script>",
)
PAYLOAD = " ".join(PAYLOADS)

#: String columns the code parses or filters on: markup there is refused or never shown, and
#: changing them would change what is computed rather than what is displayed.
PARSED = {
    "claims": {"printed", "args"},
    "sourced_figures": {"value_printed", "unit_printed", "series", "flow", "period"},
    "figure1": {"derivation"},
    "table1": {"region"},  # a key: claims name their Table 1 cell as "2015:Liaoning"
}


def free_text_columns(spec: dict) -> list[str]:
    """String columns without an enum or pattern (those refuse markup by themselves)."""
    out = []
    for f in spec["schema"]["fields"]:
        cons = f.get("constraints", {})
        if f.get("type", "string") != "string" or "enum" in cons or "pattern" in cons:
            continue
        if f.get("x-bibkey") or f["name"] in PARSED.get(spec["name"], set()):
            continue
        out.append(f["name"])
    return out


def poison_csv(path: Path, columns: list[str]) -> None:
    import csv

    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        for col in columns:
            row[col] = (row[col] + " " if row[col] else "x ") + PAYLOAD
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def poison_data(root: Path) -> dict[str, list[str]]:
    """Copy data/ under ``root`` with the payload in every free-text column; rehash. Returns the
    poisoned columns by resource."""
    from edition.data.datapackage import rehash

    shutil.copytree(ROOT / "data", root / "data", dirs_exist_ok=True)
    desc = json.loads((root / "data" / "datapackage.json").read_text(encoding="utf-8"))
    done = {}
    for spec in desc["resources"]:
        cols = free_text_columns(spec)
        if cols:
            poison_csv(root / "data" / spec["path"], cols)
            done[spec["name"]] = cols
    rehash(root)
    return done


HOSTILE_KEY = "hostile2020"
#: Every field of an entry that the bibliography style prints, each carrying markup.
HOSTILE_ENTRY = f"""
@misc{{{HOSTILE_KEY},
  author = {{Evil, Eve <img src=x onerror="window.__pwned='bib-author';alert(1)"> and Other, Oscar}},
  title = {{{{Title <script>window.__pwned='bib-title';alert(2)</script> "><svg onload="window.__pwned='bib-svg';alert(3)">}}}},
  howpublished = {{Outlet </script><script>window.__pwned='bib-end';alert(4)</script>}},
  note = {{Note <img src=x onerror="window.__pwned='bib-note';alert(5)">}},
  year = {{2020}},
  url = {{javascript:window.__pwned='bib-url';alert(6)}}
}}
"""


def poison_bib(root: Path) -> None:
    """references.bib under ``root``: the real entries plus one hostile entry."""
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    (root / "references.bib").write_text(text + HOSTILE_ENTRY, encoding="utf-8")


def live_markup(html: str) -> list[str]:
    """What of the payload was published as markup: an element with an event-handler attribute,
    a script whose code sets ``__pwned``, a link or source with a ``javascript:`` URL, or a
    ``</script>`` that ends a script early (its rest shows up as a new script)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Parser(HTMLParser):
        in_script = False

        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name.startswith("on") and "__pwned" in (value or ""):
                    found.append(f"<{tag} {name}=…>")
                if name in ("href", "src", "action", "formaction") and \
                        re.sub(r"[\x00-\x20]", "", value or "").lower().startswith("javascript:"):
                    found.append(f"<{tag} {name}=javascript:…>")
            self.in_script = tag == "script"

        def handle_endtag(self, tag):
            if tag == "script":
                self.in_script = False

        def handle_data(self, data):
            if self.in_script and re.search(r"(?<![\\'\"=])window\.__pwned\s*=", data) \
                    and "\\u003c" not in data[max(0, data.find("__pwned") - 60):data.find("__pwned")]:
                found.append("script sets __pwned")

    Parser(convert_charrefs=True).feed(html)
    return found


def script_bodies(html: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S)


# --- the site's own inputs: configuration, chapter prose, files in the source tree -------------

#: ``_config.yml`` text that every page shows (issue 23): published escaped, as text.
HOSTILE_CONFIG = {
    "title": "Edition </title><script>window.__pwned='config-title';alert('title')</script>",
    "author": "Eve <img src=x onerror=\"document.querySelectorAll('.pasted-text, td').forEach("
              "e => e.textContent = '$999 billion');window.__pwned='config-author';alert('author')\">",
    "copyright": "2026 \"><svg onload=\"window.__pwned='config-copyright';alert('copyright')\">",
}


def set_yaml_lines(path: Path, values: dict[str, str]) -> None:
    """Replace the first line ``key: …`` of a YAML file for each key (values as YAML strings)."""
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, n = re.subn(rf"^{key}: .*$", f"{key}: {json.dumps(value)}", text, count=1, flags=re.M)
        assert n == 1, key
    path.write_text(text, encoding="utf-8")


def poison_config(root: Path) -> None:
    """``_config.yml`` under *root* with the hostile title, author and copyright."""
    set_yaml_lines(root / "_config.yml", HOSTILE_CONFIG)


#: CITATION.cff fields of the edition that pages show (Dublin Core tags, og:site_name, the footer's
#: version line): published escaped. The article's own record (preferred-citation) is left alone.
HOSTILE_CFF = {
    "title": "Edition \"><script>window.__pwned='cff-title';alert('cff-title')</script>",
    "version": "1.0.0<img src=x onerror=\"window.__pwned='cff-version';alert('cff-version')\">",
    "  - name": "Eve \"/><svg onload=\"window.__pwned='cff-author';alert('cff-author')\">",
}


def poison_cff(root: Path) -> None:
    """CITATION.cff under *root* with the hostile edition title, version and author."""
    set_yaml_lines(root / "CITATION.cff", HOSTILE_CFF)


#: Chapter prose with raw HTML in each form MyST accepts, and a bidi override: the checker
#: refuses each (raw-html; 23b's rule for the characters), the build shows the HTML as text and
#: names each place. (line in the appended text, what): see RAW_PROSE_LINES.
HOSTILE_PROSE = """
Prose script <script>window.__pwned='prose-script';alert('prose-script')</script> here.

Prose image <img src=x onerror="window.__pwned='prose-img';alert('prose-img')"> here.

```{raw} html
<script>window.__pwned='raw-directive';alert('raw-directive')</script>
```

Reversed: abc\u202edcba\u202c here.
"""
#: Lines of HOSTILE_PROSE (1-based) holding raw HTML, and the one holding the bidi override.
RAW_PROSE_LINES = (2, 4, 6)
BIDI_PROSE_LINE = 10

#: Environment addresses that must be refused: (variable, value, what the message says).
HOSTILE_ADDRESSES = (
    ("EDITION_REPOSITORY_URL", "https://github.com/a/b\" onmouseover=\"window.__pwned='repo'\" x=\"",
     "EDITION_REPOSITORY_URL"),
    ("EDITION_REPOSITORY_URL", "https://github.com/a/b'onmouseover='x", "EDITION_REPOSITORY_URL"),
    ("EDITION_REPOSITORY_URL", "http://github.com/a/b", "EDITION_REPOSITORY_URL"),
    ("EDITION_REPOSITORY_URL", "https://github.com/a/b c", "EDITION_REPOSITORY_URL"),
    ("EDITION_REPOSITORY_URL", "https://user@github.com/a/b", "EDITION_REPOSITORY_URL"),
    ("EDITION_REPOSITORY_URL", "https://github.com/a/b?x=<script>", "EDITION_REPOSITORY_URL"),
    ("EDITION_BASE_URL", "https://x.github.io/e/\"><script>alert(1)</script>", "EDITION_BASE_URL"),
    ("EDITION_BASE_URL", "https://x.github.io/e\n/x", "EDITION_BASE_URL"),
    ("EDITION_BASE_URL", "javascript://x.org/%0aalert(1)", "EDITION_BASE_URL"),
    ("GITHUB_REPOSITORY", "a/b\"x", "GITHUB_REPOSITORY"),
    ("GITHUB_SERVER_URL", "https://github.com\" x=\"", "GITHUB_SERVER_URL"),
)
# === Data trust boundaries (issue 23, items 3-6; helper 23b) =======================================
# The article's record, look-alike identifiers, hidden characters, interrupted writes. Site-side
# cases (configuration, static files, raw HTML) are in the sections above and below this one.

ARTICLE_KEY = "leegray2020"
#: A forged record of the article, to be hidden where a regex would find it but a parser never
#: reads an entry: in an @string, a @preamble, a @comment.
FORGED_ARTICLE = ("@article{leegray2020, author = {Mallory, Eve}, title = {{A Forged Title}}, "
                  "journal = {Journal of Forgeries}, volume = {99}, number = {9}, pages = {1--2}, "
                  "year = {1999}, url = {https://evil.example/}}")
FORGED_WRAPPERS = {
    "string": '@string{fake = "x ' + FORGED_ARTICLE + '"}',
    "preamble": '@preamble{"' + FORGED_ARTICLE + '"}',
    "comment": "@comment{" + FORGED_ARTICLE + "}",
}
#: A title that, copied into RIS unchanged, ends the record and starts a second one.
RIS_BREAKOUT = "\nER  - \n\nTY  - JOUR\nTI  - Injected record"
#: A quoted field whose braces, copied into a brace-delimited BibTeX field, would close it and
#: add an author.
BIBTEX_BREAKOUT = 'note = "x}, author = {Mallory, Eve"'
#: Keys that read as ``kim2020`` but are not it.
LOOKALIKE_KEYS = {"cyrillic-i": "k\u0456m2020", "zero-width-space": "kim\u200b2020",
                  "fullwidth-k": "\uff4bim2020", "rn-for-m": "kirn2020"}


def bib_with(root: Path, before_article: str = "", replace: tuple[str, str] | None = None) -> Path:
    """references.bib under ``root``: the real one, with text inserted before the article's entry
    and/or one replacement made in it."""
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    at = text.index("@article{leegray2020,")
    text = text[:at] + before_article + ("\n\n" if before_article else "") + text[at:]
    if replace is not None:
        assert replace[0] in text
        text = text.replace(replace[0], replace[1], 1)
    path = root / "references.bib"
    path.write_text(text, encoding="utf-8")
    return path


def add_lookalike_entry(root: Path, key: str) -> None:
    """Another work under a key that reads as ``kim2020``, cited in place of kim2020."""
    bib = root / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + f"\n@misc{{{key},\n  author = {{Mallory, Eve}},\n"
                   "  title = {{Another work}},\n  howpublished = {Blog},\n  year = {2020}\n}\n",
                   encoding="utf-8")
    chapter = root / "chapters" / "02-integration.md"
    text = chapter.read_text(encoding="utf-8")
    assert "`kim2020{13–19}`" in text
    chapter.write_text(text.replace("`kim2020{13–19}`", f"`{key}{{13–19}}`"), encoding="utf-8")


def copy_whole_book(dest: Path) -> Path:
    """A scratch copy of everything the checker and the editor commands read."""
    for name in ("data", "chapters"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("references.bib", "_toc.yml", "_config.yml", "CITATION.cff"):
        shutil.copy(ROOT / name, dest / name)
    return dest

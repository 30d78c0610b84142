"""Rule ``raw-html``: a chapter holds no raw HTML and no ``{raw}`` or ``{eval-rst}`` block.

MyST would publish HTML written in the text as it stands (``<script>``, ``<img onerror=…>``), and
``{raw} html`` (or ``.. raw::`` inside ``{eval-rst}``) too; the edition's text needs none of it.
The chapters are read with MyST's own Markdown parser (markdown-it with the book's extensions),
so what is reported is what the build would take as HTML: an autolink ``<https://…>``, a ``<``
in prose or anything in code is not. Directive bodies (pairs, language blocks, notes) are parsed
in turn, with their lines. The build makes what slips through inert (edition/site/sphinxext/raw.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from .model import Book, Finding, read_yaml

RULE = "raw-html"
#: Directives whose body is not Markdown and holds no HTML: not looked into.
CODE_DIRECTIVES = frozenset({"code-cell", "code", "code-block", "sourcecode", "math", "literalinclude"})
#: Directives that pass their body to the page unescaped.
RAW_DIRECTIVES = frozenset({"raw", "eval-rst", "eval_rst"})
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w\-:]+)\}")
DEFAULT_EXTENSIONS = ["colon_fence", "attrs_block", "attrs_inline", "deflist", "dollarmath",
                      "substitution"]


def parser(extensions: list[str]) -> MarkdownIt:
    # linkify needs linkify-it-py and changes nothing this rule sees (it makes links, not HTML).
    wanted = {e for e in extensions if e != "linkify"}
    return create_md_parser(MdParserConfig(enable_extensions=wanted), RendererHTML)


def _inline_lines(token: Token, first: int) -> Iterator[tuple[int, str]]:
    line = first
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "html_inline":
            yield line, child.content
        line += child.content.count("\n") if child.type == "text" else 0


def raw_markup(md: MarkdownIt, text: str, offset: int = 0) -> Iterator[tuple[int, str]]:
    """(line, what) for each piece of raw markup in *text* (Markdown), lines counted from
    ``offset + 1``."""
    for token in md.parse(text):
        start = offset + (token.map[0] if token.map else 0) + 1
        if token.type == "html_block":
            yield start, f"HTML block {_preview(token.content)}"
        elif token.type == "inline":
            for line, content in _inline_lines(token, start):
                yield line, f"inline HTML {_preview(content)}"
        elif token.type in ("fence", "colon_fence"):
            m = _DIRECTIVE.match(token.info.strip())
            if not m:
                continue
            name = m.group("name")
            if name in RAW_DIRECTIVES:
                yield start, f"{{{name}}} block (its content goes to the page unescaped)"
            elif name not in CODE_DIRECTIVES:
                yield from raw_markup(md, token.content, start)


def _preview(content: str) -> str:
    return repr(" ".join(content.split())[:60])


def check_raw_html(book: Book) -> list[Finding]:
    config, _ = read_yaml(book.root, "_config.yml")
    parse = (config or {}).get("parse") if isinstance(config, dict) else None
    extensions = (parse or {}).get("myst_enable_extensions") if isinstance(parse, dict) else None
    md = parser(extensions if isinstance(extensions, list) else DEFAULT_EXTENSIONS)
    findings = []
    for chapter in book.chapters:
        for line, what in raw_markup(md, "\n".join(chapter.lines)):
            findings.append(Finding(chapter.rel, line, RULE,
                                    f"{what}: the chapters hold no raw HTML (write it in MyST; "
                                    "the build would show it as text)"))
    return findings

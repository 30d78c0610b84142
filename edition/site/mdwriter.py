"""A resolved doctree, in one language, as the plain Markdown JupyterLab renders (CommonMark + GFM).

Why from the doctree and not from the MyST source: by the time Sphinx writes a page, every
``{glue:text}`` holds the string the site shows ("$799 million", "7억 9,900만 달러"), every
``{cite:p}`` is the author–year text the site's bibliography style made, every verdict mark holds
its symbol and every note marker its number. Writing those nodes as Markdown gives the student
the page the reader sees, with no second parser or formatter of the chapter's markup.

Only the blocks of the chosen language are written (``lang_block``/``lang_span`` of the other
language are skipped). Links are handed to a ``link`` callback, which says where a link goes in the
notebook (another notebook, an anchor in this one, or nowhere), and the verdict and [sic] marks
met are collected so that the notebook can print a key of the symbols it uses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from docutils import nodes

from .sphinxext.nodes import lang_block, lang_of, lang_span, note_block, note_ref, sic_mark, verdict_mark

#: Characters Markdown (and JupyterLab's math) would read as markup: "$" starts TeX in JupyterLab.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|$~])")

#: What a link becomes: ``(node, lang) -> target or None`` (None keeps the text, drops the link).
Linker = Callable[[nodes.Element, str], "str | None"]


def escape(text: str) -> str:
    """Text as Markdown that shows exactly this text (no emphasis, math, HTML or links)."""
    return _SPECIAL.sub(r"\\\1", text)


def _no_link(node: nodes.Element, lang: str) -> str | None:
    return None


@dataclass
class Found:
    """What the writer met that the notebook must explain: verdict symbols, [sic] labels."""

    verdicts: set[str] = field(default_factory=set)
    sics: set[str] = field(default_factory=set)


class MarkdownWriter:
    """Writes one language of a doctree fragment; ``block()`` per top-level node."""

    def __init__(self, lang: str, link: Linker = _no_link, heading_offset: int = 0) -> None:
        self.lang = lang
        self.link = link
        self.heading_offset = heading_offset
        self.found = Found()

    # --- blocks ------------------------------------------------------------------------------
    def block(self, node: nodes.Node, depth: int = 1) -> str:
        """Markdown for a block node (paragraphs separated by blank lines), '' if nothing shows."""
        return "\n\n".join(p for p in self._blocks(node, depth) if p.strip()).strip("\n")

    def _blocks(self, node: nodes.Node, depth: int) -> list[str]:
        if isinstance(node, nodes.Text):
            return [escape(node.astext())]
        if not self._shown(node):
            return []
        if isinstance(node, (nodes.comment, nodes.target, nodes.substitution_definition, nodes.label,
                             nodes.system_message, nodes.raw)) or "toctree" in type(node).__name__:
            return []
        if isinstance(node, nodes.title):
            level = min(6, depth + self.heading_offset)
            return ["#" * level + " " + self.inline(node)]
        if isinstance(node, nodes.section):
            return [b for child in node.children for b in self._blocks(child, depth + 1 if isinstance(child, nodes.section) else depth)]
        if isinstance(node, nodes.paragraph):
            if "paper-note-num" in node["classes"]:
                return []  # the note's number is written by note_block
            return [self.inline(node)]
        if isinstance(node, note_block):
            return self._note(node, depth)
        if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            return [self._list(node, depth)]
        if isinstance(node, nodes.block_quote):
            inner = "\n\n".join(b for c in node.children for b in self._blocks(c, depth))
            return ["\n".join("> " + line if line else ">" for line in inner.splitlines())]
        if isinstance(node, nodes.literal_block):
            return ["```" + ("python" if "python" in node.get("language", "") else "") + "\n"
                    + node.astext() + "\n```"]
        if isinstance(node, nodes.math_block):
            return ["$$\n" + node.astext() + "\n$$"]
        if isinstance(node, nodes.table):
            return [self._table(node)]
        if isinstance(node, nodes.definition_list):
            return [self._deflist(node, depth)]
        if isinstance(node, nodes.Admonition):
            title = node.next_node(nodes.title)
            body = "\n\n".join(b for c in node.children if c is not title for b in self._blocks(c, depth))
            head = f"**{self.inline(title)}**\n\n" if title is not None else ""
            return ["\n".join("> " + line if line else ">" for line in (head + body).splitlines())]
        if type(node).__name__ == "dropdown_main":  # sphinx-design's dropdown
            return [self._details(node, depth)]
        if isinstance(node, nodes.TextElement):
            return [self.inline(node)]
        return [b for child in node.children for b in self._blocks(child, depth)]

    def _shown(self, node: nodes.Node) -> bool:
        if isinstance(node, (lang_block, lang_span)) or isinstance(node, nodes.Element) and lang_of(node.get("classes", [])):
            return lang_of(node["classes"]) in (None, self.lang)
        if isinstance(node, nodes.Element) and "visually-hidden" in node.get("classes", []):
            return False
        return True

    def _note(self, node: note_block, depth: int) -> list[str]:
        num = node["note_number"]
        word = "Note" if self.lang == "en" else "주"
        body = "\n\n".join(b for c in node.children for b in self._blocks(c, depth))
        return [f'<a id="note-{num}"></a>**{word} {num})** ' + body]

    def _list(self, node: nodes.Element, depth: int) -> str:
        ordered = isinstance(node, nodes.enumerated_list)
        out = []
        for i, item in enumerate(c for c in node.children if isinstance(c, nodes.list_item)):
            bullet = f"{i + 1}. " if ordered else "- "
            body = "\n\n".join(b for c in item.children for b in self._blocks(c, depth))
            lines = body.splitlines() or [""]
            out.append(bullet + lines[0] + "".join("\n" + " " * len(bullet) + l if l else "\n" for l in lines[1:]))
        return "\n".join(out)

    def _deflist(self, node: nodes.Element, depth: int) -> str:
        out = []
        for item in node.findall(nodes.definition_list_item):
            term = item.next_node(nodes.term)
            definition = item.next_node(nodes.definition)
            body = "\n\n".join(b for c in definition.children for b in self._blocks(c, depth)) if definition else ""
            out.append(f"**{self.inline(term)}**\n: " + body if term else body)
        return "\n\n".join(out)

    def _details(self, node: nodes.Element, depth: int) -> str:
        """A collapsed block (sphinx-design ``dropdown``) as ``<details>``, closed until clicked."""
        titles = [c for c in node.children if type(c).__name__ == "dropdown_title"]
        summary = self.inline(titles[0]) if titles else ("Solution" if self.lang == "en" else "풀이")
        body = "\n\n".join(b for c in node.children if c not in titles for b in self._blocks(c, depth))
        return f"<details>\n<summary>{summary}</summary>\n\n{body}\n\n</details>"

    def _table(self, node: nodes.table) -> str:
        rows = []
        for row in node.findall(nodes.row):
            cells = []
            for entry in row.children:
                text = "<br>".join(self.inline(p) if isinstance(p, nodes.TextElement) else
                                   self.block(p).replace("\n", " ") for p in entry.children)
                cells.append(text.replace("|", "\\|") or " ")
            rows.append(cells)
        if not rows:
            return ""
        width = max(len(r) for r in rows)
        rows = [r + [" "] * (width - len(r)) for r in rows]
        head, body = rows[0], rows[1:]
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * width]
        lines += ["| " + " | ".join(r) + " |" for r in body]
        return "\n".join(lines)

    # --- inline ------------------------------------------------------------------------------
    def inline(self, node: nodes.Node) -> str:
        """Markdown for the inline content of *node*, on one line."""
        return re.sub(r"[ \t]*\n[ \t]*", " ", "".join(self._inline(c) for c in node.children)).strip()

    def _verdict_symbol(self, node: verdict_mark) -> str:
        """The symbol a mark shows: on the site it holds no text (the stylesheet draws
        ``data-symbol``), so it is read from the node: the claim's symbol, with "⇄≠" when one of
        the paper's own figures disagrees (edition.verdicts.judge.combined_symbol). Each symbol is noted
        for the key."""
        from ..verdicts import judge
        from ..verdicts.judge import mark_for

        if "verdict" not in node:  # an unknown claim, already warned about
            return node.astext()
        own = mark_for(node["verdict"]).symbol
        symbol = node.get("symbol") or own
        self.found.verdicts.add(own)
        if symbol != own:
            self.found.verdicts.add(mark_for(judge.INTERNAL_BAD).symbol)
        return symbol

    def _inline(self, node: nodes.Node) -> str:
        if isinstance(node, nodes.Text):
            return escape(node.astext())
        if not self._shown(node):
            return ""
        if isinstance(node, (nodes.target, nodes.comment, nodes.raw, nodes.system_message)):
            return ""
        inner = "".join(self._inline(c) for c in node.children)
        if isinstance(node, verdict_mark):
            symbol = self._verdict_symbol(node)
            return self._linked(node, escape(symbol))
        if isinstance(node, sic_mark):
            self.found.sics.add(node.astext())
            return self._linked(node, escape(node.astext()))
        if isinstance(node, note_ref):
            num = node["note_number"]
            return f'<sup><a href="#note-{num}">{num})</a></sup>'
        if isinstance(node, nodes.superscript):
            return f"<sup>{inner}</sup>"
        if isinstance(node, nodes.subscript):
            return f"<sub>{inner}</sub>"
        if isinstance(node, nodes.emphasis):
            return _wrap("*", inner)
        if isinstance(node, nodes.strong):
            return _wrap("**", inner)
        if isinstance(node, nodes.literal):
            text = node.astext()
            fence = "``" if "`" in text else "`"
            return f"{fence}{text}{fence}"
        if isinstance(node, nodes.math):
            return f"${node.astext()}$"
        if isinstance(node, nodes.reference):
            return self._linked(node, inner)
        if isinstance(node, nodes.image):
            return ""
        return inner

    def _linked(self, node: nodes.Element, text: str) -> str:
        target = self.link(node, self.lang)
        if not target or not text.strip():
            return text
        return f"[{text}]({target.replace(' ', '%20').replace(')', '%29')})"


def _wrap(mark: str, inner: str) -> str:
    """Emphasis that CommonMark accepts: no space just inside the marks."""
    stripped = inner.strip()
    if not stripped:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()):]
    return f"{lead}{mark}{stripped}{mark}{trail}"

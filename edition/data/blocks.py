"""Read a MyST chapter into its blocks, with line numbers, as EDITING.md lays them out.

A chapter is front matter, code cells (```` ``` ```` fences), colon-fenced directives and prose.
The blocks that matter to the edition are ``{pair}`` and ``{note-def}`` directives, each holding
``{div} lang-en`` and ``{div} lang-ko`` blocks. Everything else outside code is "prose" too, so
that checks for typed numbers see headings and loose paragraphs as well.

The module also computes and writes the ``:fp:`` fingerprint of each block: the first 8 hex
digits of the sha256 of the English block's text with whitespace collapsed and stripped.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core import atomic

BLOCK_KINDS = ("pair", "note-def")
ROLE = re.compile(r"\{(?P<name>[A-Za-z][A-Za-z0-9_:+.\-]*)\}`(?P<body>[^`]*)`")
CODE_FENCE = re.compile(r"^\s*(?P<mark>`{3,}|~{3,})(?P<info>.*)$")
COLON_OPEN = re.compile(r"^\s*(?P<mark>:{3,})\{(?P<name>[A-Za-z0-9_\-:]+)\}\s*(?P<arg>.*?)\s*$")
COLON_CLOSE = re.compile(r"^\s*(?P<mark>:{3,})\s*$")
OPTION = re.compile(r"^\s*:(?P<key>[A-Za-z0-9_\-]+):\s*(?P<value>.*?)\s*$")
LANG_CLASS = re.compile(r"^lang-(?P<lang>[a-z]{2})$")


@dataclass
class Role:
    """One inline role, e.g. ``{note}`3``` → name "note", body "3", on its source line."""

    name: str
    body: str
    line: int


@dataclass
class LangDiv:
    """A ``{div} lang-xx`` block: its language, opening line and text lines."""

    lang: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)

    def roles(self) -> list[Role]:
        return find_roles(self.lines)


@dataclass
class Block:
    """A ``{pair}`` or ``{note-def}`` directive with its options and language blocks."""

    kind: str
    ident: str
    line: int
    end_line: int = 0
    options: dict[str, tuple[int, str]] = field(default_factory=dict)
    divs: list[LangDiv] = field(default_factory=list)

    def langs(self, lang: str) -> list[LangDiv]:
        return [d for d in self.divs if d.lang == lang]

    @property
    def english(self) -> str:
        found = self.langs("en")
        return found[0].text if found else ""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.english)

    @property
    def stored_fp(self) -> tuple[int, str] | None:
        return self.options.get("fp")


@dataclass
class TextLine:
    """A line of prose (outside code, front matter, fences and options)."""

    number: int
    text: str
    block: Block | None = None
    lang: str | None = None


@dataclass
class ChapterSource:
    """A parsed chapter: all lines, its blocks, prose lines and code lines."""

    path: Path
    rel: str
    lines: list[str]
    blocks: list[Block] = field(default_factory=list)
    prose: list[TextLine] = field(default_factory=list)
    code: list[tuple[int, str]] = field(default_factory=list)

    def roles(self) -> list[Role]:
        return find_roles([(t.number, t.text) for t in self.prose])


@dataclass
class _Frame:
    mark: int
    name: str
    block: Block | None = None
    div: LangDiv | None = None
    expect_options: bool = False


def normalise(text: str) -> str:
    """Whitespace collapsed to single spaces, stripped."""
    return " ".join(text.split())


def fingerprint(text: str) -> str:
    """First 8 hex digits of the sha256 of the normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:8]


def find_roles(lines: list[tuple[int, str]]) -> list[Role]:
    """Roles in consecutive numbered lines; a role may not span lines (MyST convention here)."""
    found: list[Role] = []
    for number, text in lines:
        for m in ROLE.finditer(text):
            found.append(Role(m.group("name"), m.group("body"), number))
    return found


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after the YAML front matter (0 when there is none)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return i + 1
    return len(lines)


class _Parser:
    def __init__(self, chapter: ChapterSource) -> None:
        self.ch = chapter
        self.stack: list[_Frame] = []
        self.code: tuple[str, int] | None = None

    def feed(self, number: int, line: str) -> None:
        if self.code is not None:
            self._in_code(number, line)
        elif (m := CODE_FENCE.match(line)) is not None:
            mark = m.group("mark")
            self.code = (mark[0], len(mark))
        elif (m := COLON_OPEN.match(line)) is not None:
            self._open(number, m)
        elif (m := COLON_CLOSE.match(line)) is not None and self._closes(len(m.group("mark"))):
            self._close(number)
        elif self.stack and self.stack[-1].expect_options and (m := OPTION.match(line)):
            frame = self.stack[-1]
            if frame.block is not None:
                frame.block.options[m.group("key")] = (number, m.group("value"))
        else:
            if self.stack:
                self.stack[-1].expect_options = False
            self._text(number, line)

    def _in_code(self, number: int, line: str) -> None:
        char, size = self.code  # type: ignore[misc]
        stripped = line.strip()
        if stripped and set(stripped) == {char} and len(stripped) >= size:
            self.code = None
        else:
            self.ch.code.append((number, line))

    def _open(self, number: int, m: re.Match[str]) -> None:
        name, arg = m.group("name"), m.group("arg")
        frame = _Frame(len(m.group("mark")), name, expect_options=True)
        if name in BLOCK_KINDS:
            frame.block = Block(name, arg, number)
            self.ch.blocks.append(frame.block)
        elif name == "div":
            lang = _lang_of(arg)
            owner = self._current_block()
            if lang and owner is not None:
                frame.div = LangDiv(lang, number)
                owner.divs.append(frame.div)
        self.stack.append(frame)

    def _closes(self, size: int) -> bool:
        return bool(self.stack) and size >= self.stack[-1].mark

    def _close(self, number: int) -> None:
        frame = self.stack.pop()
        if frame.block is not None:
            frame.block.end_line = number

    def _current_block(self) -> Block | None:
        for frame in reversed(self.stack):
            if frame.block is not None:
                return frame.block
        return None

    def _text(self, number: int, line: str) -> None:
        div = next((f.div for f in reversed(self.stack) if f.div is not None), None)
        if div is not None:
            div.lines.append((number, line))
        block = self._current_block()
        self.ch.prose.append(TextLine(number, line, block, div.lang if div else None))


def _lang_of(arg: str) -> str | None:
    for cls in arg.split():
        m = LANG_CLASS.match(cls)
        if m:
            return m.group("lang")
    return None


def source_lines(text: str) -> list[str]:
    """The text's lines as an editor numbers them: split at ``\\n`` only (a ``\\r`` before it
    dropped). ``str.splitlines`` would also split at U+2028, U+2029, form feeds and other
    separators, shifting every later line number and, on rewrite, turning them into newlines."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def parse_text(text: str, path: Path, rel: str | None = None) -> ChapterSource:
    """Parse chapter source text."""
    lines = source_lines(text)
    chapter = ChapterSource(path, rel or str(path), lines)
    parser = _Parser(chapter)
    for index in range(_front_matter_end(lines), len(lines)):
        parser.feed(index + 1, lines[index])
    return chapter


def parse_chapter(path: Path, root: Path | None = None) -> ChapterSource:
    """Parse a chapter file; ``rel`` is its path relative to ``root`` when given."""
    rel = str(path.relative_to(root)) if root is not None else str(path)
    return parse_text(read_source(path), path, rel)


def read_source(path: Path) -> str:
    """A chapter's text exactly as stored (UTF-8; no newline translation, so a rewrite can keep
    every byte it does not mean to change)."""
    return Path(path).read_bytes().decode("utf-8")


# --- fingerprints ------------------------------------------------------------------------------

@dataclass
class FpChange:
    block: Block
    old: str | None
    new: str


def fingerprint_changes(chapter: ChapterSource) -> list[FpChange]:
    """Each block's stored and current fingerprint."""
    changes = []
    for block in chapter.blocks:
        stored = block.stored_fp
        changes.append(FpChange(block, stored[1] if stored else None, block.fingerprint))
    return changes


def write_fingerprints(path: Path) -> list[FpChange]:
    """Rewrite the ``:fp:`` option of every block in ``path``; return what changed.

    Only the ``:fp:`` lines change: every other byte (line ends, U+2028, form feeds, a missing
    final newline) is written back as read, and the file is replaced atomically."""
    text = read_source(path)
    chapter = parse_text(text, path)
    pieces = text.split("\n")  # line k is pieces[k - 1], its "\r" (if any) kept
    changed = [c for c in fingerprint_changes(chapter) if c.old != c.new]
    for change in sorted(changed, key=lambda c: c.block.line, reverse=True):
        _apply(pieces, change)
    if changed:
        atomic.write_text(path, "\n".join(pieces))
    return changed


def _apply(pieces: list[str], change: FpChange) -> None:
    block = change.block
    stored = block.stored_fp
    if stored is not None:
        number = stored[0]
        old = pieces[number - 1]
        indent = re.match(r"^\s*", old).group(0)  # type: ignore[union-attr]
        pieces[number - 1] = f"{indent}:fp: {change.new}" + ("\r" if old.endswith("\r") else "")
        return
    at = block.line  # index just after the directive line
    eol = "\r" if pieces[at - 1].endswith("\r") else ""
    insert = [f":fp: {change.new}{eol}"]
    if not block.options and at < len(pieces) and pieces[at].strip():
        insert.append(eol)
    pieces[at:at] = insert

"""Typed numbers: statistics written into prose instead of glued from the claims register.

Roles (glue, cite locators, note numbers), inline code, URLs, link targets, attribute spans and
HTML are blanked first; what remains is matched against patterns that only a statistic fits.
Years, dates, resolution numbers, HS codes, ordinals and bare integers match none of them.
"""
from __future__ import annotations

import re

from ..data.blocks import ChapterSource, TextLine
from .model import Book, Finding

_BLANK = [
    re.compile(r"<!--.*?-->"),
    re.compile(r"\{[A-Za-z][\w:+.\-]*\}`[^`]*`"),     # roles
    re.compile(r"`[^`]*`"),                             # inline code
    re.compile(r"<[a-zA-Z][\w+.\-]*:[^<>]*>"),          # autolinks
    re.compile(r"\]\([^)]*\)"),                         # link targets
    re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+"),   # bare URLs
    re.compile(r"\{[.#][^{}]*\}"),                      # attribute spans {.lang-en}
    re.compile(r"</?[a-zA-Z][^<>]*>"),                  # HTML tags
    re.compile(r"(?i)\b(?:value\s+)?unit\s*[:：][^)\]\n]*|단위\s*[:：][^)\]\n]*"),  # "(unit: US$ 1,000)"
    re.compile(r"제\s?\d+\s?\S*"),                         # 제37조, 제7차: designations, ordinals
    re.compile(r"\d+\s?개년"),                             # 5개년 계획: a plan's name
    re.compile(r"\d+\s?일\s?전투"),                        # 80일 전투: a campaign's name
]
NUM = r"\d[\d,]*(?:\.\d+)?"
ENGLISH = [
    rf"(?:US\s?)?\$\s?{NUM}(?:\s?(?:thousand|million|billion|trillion)\b)?",
    rf"\b{NUM}\s?(?:%|percent\b|per\s+cent\b)",
    r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b",
    rf"\b{NUM}\s?(?:thousand|million|billion|trillion)\b",
    r"\b\d+\.\d+\b",
    rf"\b{NUM}\s?(?:tons?|tonnes?|km|kilomet(?:re|er)s?|[Yy]uan|RMB|barrels?|workers?|employees|people"
    r"|persons|factories|firms|companies|enterprises|items|pieces|countries|days|months)\b",
]
KOREAN = [
    rf"{NUM}\s?(?:억|만|천|조(?!치))",                 # not the 조 of 조치 (5·24 조치: a name)
    rf"{NUM}\s?(?:달러|위안|유로|퍼센트|프로)",
    rf"{NUM}\s?%",
    rf"{NUM}\s?(?:명|개국|개월|개사|개소|개|곳|톤|km|킬로미터|배럴|배(?!럴))",
    rf"(?<![월\d])(?<!월\s){NUM}\s?일",
]
PATTERN = re.compile("|".join(f"(?:{p})" for p in ENGLISH + KOREAN))


def blank(text: str) -> str:
    """The prose with everything that is not running text replaced by spaces."""
    for pattern in _BLANK:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def typed_numbers(text: str) -> list[str]:
    """Statistics typed in one line of prose (overlapping matches merged)."""
    return [m.group(0).strip() for m in PATTERN.finditer(blank(text))]


def check_numbers(book: Book) -> list[Finding]:
    findings = []
    for chapter in book.chapters:
        for line in chapter.prose:
            findings += _line(chapter, line)
    return findings


def _line(chapter: ChapterSource, line: TextLine) -> list[Finding]:
    where = f" in {line.block.kind} {line.block.ident}" if line.block else ""
    return [Finding(chapter.rel, line.number, "typed-number",
                    f"statistic {found!r} typed{where}: make it a claim and glue it")
            for found in typed_numbers(line.text)]

"""The two languages, and the one HTML wrapper for a block in one of them.

Notebook outputs that must stay HTML (charts, Tables 1–2, Figure 1's basis) show an English and
a Korean block; the site's CSS and language switch rely on their ``lang-xx`` class and ``lang``
attribute. Pages built by the Sphinx extension use nodes instead (:mod:`edition.site.sphinxext.nodes`).
"""
from __future__ import annotations

from typing import Callable

from . import escape

LANGS = ("en", "ko")

#: The languages notebook outputs show. The site shows both (its switch hides one); a student's
#: notebook shows its own language only (:func:`show_only`, called by its first cell).
_SHOWN: list[str] = list(LANGS)


def show_only(lang: str | None) -> None:
    """Outputs in *lang* only from now on (``None``: both again)."""
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    _SHOWN[:] = [lang] if lang else list(LANGS)


def shown() -> tuple[str, ...]:
    """The languages outputs are written in now."""
    return tuple(_SHOWN)


def lang_div(lang: str, inner_html: str, classes: str = "", **attrs: str) -> str:
    """``<div class="lang-xx …" lang="xx" …>inner</div>``; attribute values are escaped here."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    if lang not in _SHOWN:
        return ""
    cls = f"lang-{lang}" + (f" {classes}" if classes else "")
    extra = "".join(f' {name.replace("_", "-")}="{escape.attr(value)}"' for name, value in attrs.items())
    return f'<div class="{cls}" lang="{lang}"{extra}>{inner_html}</div>'


def both(render: Callable[[str], str], classes: str = "") -> str:
    """An English and a Korean block, each rendered by ``render(lang)``."""
    return "".join(lang_div(lang, render(lang), classes) for lang in LANGS)

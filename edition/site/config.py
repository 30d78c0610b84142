"""The edition's own configuration values (``edition_*``), declared once.

Why one module: a book sets these in ``_config.yml`` under ``sphinx.config``; Sphinx ignores a
value no extension declared (with a warning) and checks a declared one's type only by warning.
Declaring them all here, with what each must hold, gives one list that the build
(:func:`register`, called by each site extension that reads one), ``python -m edition.pdf``
(:func:`book_value`, outside Sphinx) and the checker (rules ``config-undeclared`` and
``config-value``) read alike, and a value that is not what it must be stops the build as it
starts, under Sphinx's "Configuration error:", naming ``_config.yml`` and the key, instead of
failing later inside whichever extension reads it. (Jupyter Book's command line then adds its
own traceback, as for every failed build.)

Environment variables still override some values where CI must (``EDITION_EXECUTION_WORKERS``,
``EDITION_REPOSITORY_URL``, ``EDITION_BASE_URL``; EDITING.md, "Configuration").
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.config import ENUM
from sphinx.errors import ConfigError

from ..core.escape import https_url

#: Where a book sets the values (named in every message).
WHERE = "_config.yml"
KEY_PREFIX = "sphinx.config."
#: The names that are the edition's (Sphinx would ignore an undeclared one, with a warning).
PREFIX = "edition_"
#: A path inside the book or the built site: word segments joined by ``/`` (no ``..``, no ``/`` first).
_INSIDE = re.compile(r"(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+")


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


def _inside(value: Any) -> bool:
    return isinstance(value, str) and _INSIDE.fullmatch(value) is not None


def _address(value: Any) -> bool:
    return isinstance(value, str) and (not value.strip() or https_url(value.strip()) is not None)


def _workers(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 1)


@dataclass(frozen=True)
class Value:
    """One configuration value: its default, what a change rebuilds (Sphinx's ``rebuild``), the
    types Sphinx is told, what it must hold (in words and as a test), and what it is for."""

    default: Any
    rebuild: str
    types: tuple[type, ...] | ENUM
    expect: str
    valid: Callable[[Any], bool]
    doc: str


FLAG = "true or false"
#: A flag's types for Sphinx: as an ENUM, Sphinx hands a quoted "no" over as it is (to be refused)
#: instead of reading every string but "0" as true.
FLAG_TYPES = ENUM(True, False)
PAGE = "a page of the book without its suffix (letters, digits, - and _, folders joined by /)"
CONFIG: dict[str, Value] = {
    "edition_execution_workers": Value(
        None, "", (int, type(None)), "a whole number of kernels (1 or more), or null for one per core",
        _workers, "kernels run at once to execute the chapters (EDITION_EXECUTION_WORKERS overrides it)"),
    "edition_repository_url": Value(
        "", "html", (str,), "an https address (https://host/path) or \"\"", _address,
        "the repository's address for the launch buttons (EDITION_REPOSITORY_URL, then GitHub Actions' "
        "GITHUB_SERVER_URL/GITHUB_REPOSITORY override it); none: no launch buttons"),
    "edition_base_url": Value(
        "", "html", (str,), "an https address (https://host/path) or \"\"", _address,
        "the published site's address: html_baseurl, sitemap, og:url (EDITION_BASE_URL overrides it)"),
    "edition_article_page": Value(
        "chapters/00-front", "html", (str,), PAGE, _inside,
        "the page that stands for the article: the only one with citation_* tags"),
    "edition_changelog_page": Value(
        "chapters/changelog", "html", (str,), PAGE, _inside,
        "the page the version line's 'Updates and corrections' links to"),
    "edition_pdf_dir": Value(
        "pdf", "html", (str,), "a folder inside the site (letters, digits, - and _, folders joined by /)",
        _inside, "the PDFs' folder in the built site: python -m edition.pdf writes there, the download "
        "menu links there"),
    "edition_remove_source_maps": Value(
        True, "html", FLAG_TYPES, FLAG, _flag, "delete the theme's JavaScript source maps from the built site"),
    "edition_drop_fontawesome_js": Value(
        True, "html", FLAG_TYPES, FLAG, _flag,
        "drop the theme's fontawesome.js (its CSS draws the same icons from the web font)"),
    "edition_search_index_only_on_search_page": Value(
        True, "html", FLAG_TYPES, FLAG, _flag, "load the search index on search.html only"),
    "edition_trim_icons": Value(
        True, "html", FLAG_TYPES, FLAG, _flag, "cut the theme's icon font to the icons the site uses"),
    "edition_trim_page_assets": Value(
        True, "html", FLAG_TYPES, FLAG, _flag,
        "leave out, page by page, the scripts and styles of content a page does not have"),
}


def problem(name: str, value: Any) -> str | None:
    """What is wrong with ``value`` for the declared value ``name``, or None."""
    declared = CONFIG[name]
    return None if declared.valid(value) else f"must be {declared.expect}, not {value!r}"


def undeclared(name: str) -> str:
    """Why an ``edition_*`` name that is not declared is refused, with the likely intended one."""
    close = difflib.get_close_matches(name, CONFIG, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"is not a value of the edition{hint}: edition/site/config.py declares each one"


def key(name: str) -> str:
    """How a message names a value: its file and its key there."""
    return f"{WHERE} {KEY_PREFIX + name!r}"


def _message(name: str, found: str) -> str:
    return f"{WHERE}: {KEY_PREFIX + name!r} {found}"


def _checked(name: str, value: Any) -> Any:
    found = problem(name, value)
    if found:
        raise ConfigError(_message(name, found))
    return value


def read(config: Any, name: str) -> Any:
    """The value of ``name`` in a Sphinx configuration (its default where the configuration does
    not have it), checked: a ConfigError names ``_config.yml`` and the key."""
    return _checked(name, getattr(config, name, CONFIG[name].default))


def check_all(app: Any, config: Any) -> None:
    """At ``config-inited``, before any extension reads a value: every value, every problem, and
    every ``edition_*`` name ``_config.yml`` gives that is not declared."""
    found = [_message(name, undeclared(name)) for name in config.overrides
             if name.startswith(PREFIX) and name not in CONFIG]
    found += [_message(name, p) for name in CONFIG if (p := problem(name, getattr(config, name)))]
    if found:
        raise ConfigError("\n".join(found))


def register(app: Any) -> None:
    """Declare every ``edition_*`` value and check them when the configuration is read. Each site
    extension that reads one calls this from its ``setup()``; the second call does nothing."""
    if next(iter(CONFIG)) in app.config:
        return
    for name, declared in CONFIG.items():
        app.add_config_value(name, declared.default, declared.rebuild, declared.types, declared.doc)
    # Before every edition handler of config-inited (the earliest is at 400).
    app.connect("config-inited", check_all, priority=100)


def book_value(root: Path, name: str) -> Any:
    """The value of ``name`` as the book at ``root`` sets it in ``_config.yml`` (else its
    default), checked: for the commands that run outside Sphinx (``python -m edition.pdf``)."""
    import yaml

    path = Path(root) / WHERE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{WHERE} cannot be read ({type(exc).__name__}): python -m edition check "
                          "names the line") from None
    sphinx = data.get("sphinx") if isinstance(data, dict) else None
    values = sphinx.get("config") if isinstance(sphinx, dict) else None
    return _checked(name, values.get(name, CONFIG[name].default) if isinstance(values, dict)
                    else CONFIG[name].default)

"""What the theme's templates receive from ``_config.yml``: checked once when the configuration is
read, and handed over escaped.

Why here and not in the templates: sphinx-book-theme and pydata-sphinx-theme write some values
raw (the title in the navbar, the author in the footer, the page title in the print header), and
patching each template would leave the next one open. So:

* at ``config-inited`` every configuration value a template can reach is checked, and a value
  that cannot be published stops the build with a message naming its ``_config.yml`` key:
  text that is not a string or holds control, bidi or invisible characters; an address that is
  not a well-formed https URL (:func:`edition.core.escape.https_url`); a theme option the theme
  publishes *as HTML* (``html.announcement``, ``html.extra_footer``, ``html.extra_navbar``:
  the edition writes its own footer); a logo or favicon that is not a file inside the book;
* at ``html-page-context`` (after the themes have filled the context) the text values are
  handed to the templates as :class:`markupsafe.Markup` holding their escaped text. A template
  that writes ``{{ author }}`` then prints it escaped, and one that writes ``{{ author|e }}``
  does not escape it twice (``|e`` leaves Markup as it is). Python code reading ``app.config``
  still sees the plain text (meta tags, PDFs escape it themselves).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from ..core import escape

#: Sphinx configuration values that templates print as text, with their ``_config.yml`` key.
TEXT_VALUES = {"html_title": "title", "author": "author", "copyright": "copyright",
               "project": "project", "html_short_title": "title"}
#: Page-context keys that hold plain text (from the configuration or a page's title) which some
#: template writes without ``|e``.
CONTEXT_TEXT = ("docstitle", "shorttitle", "project", "author", "copyright", "pagetitle",
                "page_description")
#: Theme options the theme writes as HTML: the edition sets none of them.
HTML_OPTIONS = {"announcement": "html.announcement", "extra_footer": "html.extra_footer",
                "extra_navbar": "html.extra_navbar"}
#: Where Jupyter Book puts other ``_config.yml`` keys among the theme options.
OPTION_KEYS = {"repository_url": "repository.url", "repository_branch": "repository.branch",
               "path_to_docs": "repository.path_to_book"}
#: Characters no option that is not prose needs, and that end an attribute, a tag or a script.
_MARKUP = set("<>\"'`\\")


def _text_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"must be text, not {type(value).__name__}"
    hidden = escape.hidden_characters(value)  # a one-line value: no newline either
    if hidden:
        return f"holds control or invisible characters ({', '.join(sorted(set(hidden)))})"
    return None


def _walk(value: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, path + (str(key),))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk(item, path + (str(i),))
    else:
        yield path, value


def _option_name(path: tuple[str, ...]) -> str:
    if len(path) == 1 and path[0] in HTML_OPTIONS:
        return HTML_OPTIONS[path[0]]
    if len(path) == 1 and path[0] in OPTION_KEYS:
        return OPTION_KEYS[path[0]]
    if path and path[0] in ("launch_buttons",):
        return ".".join(path)
    if path and path[0] == "analytics":
        return "html." + ".".join(path)
    return "html_theme_options." + ".".join(path)


def _option_problem(path: tuple[str, ...], value: Any) -> str | None:
    if not isinstance(value, str):
        return None  # flags and numbers: the theme prints none of them
    if path and path[-1] in HTML_OPTIONS and value.strip():
        return "is published by the theme as HTML: the edition sets none (leave it empty)"
    if path and path[-1].endswith("_url"):
        if value and escape.https_url(value) is None:
            return f"{value!r} is not a well-formed https address"
        return None
    problem = _text_problem(value)
    if problem:
        return problem
    if set(value) & _MARKUP:
        return f"{value!r} holds one of < > \" ' ` \\ (an option is a name or a word, not markup)"
    return None


def _file_problem(srcdir: Path, value: Any) -> str | None:
    """A logo or favicon: empty, or a file inside the book (Sphinx copies it to _static/)."""
    if not value:
        return None
    if not isinstance(value, str) or "://" in value:
        return f"{value!r} must be a file inside the book (no address)"
    path = (srcdir / value).resolve()
    if not path.is_relative_to(srcdir.resolve()) or not path.is_file():
        return f"{value!r} is not a file inside the book"
    return None


def config_problems(config: Config, srcdir: Path) -> list[str]:
    """Every configuration value a page can show that cannot be published, as messages."""
    found = []
    for name, key in TEXT_VALUES.items():
        value = getattr(config, name, None)
        if value is None or (name == "html_short_title" and value == config.html_title):
            continue
        problem = _text_problem(value)
        if problem:
            found.append(f"_config.yml: {key!r} {problem}")
    baseurl = config.html_baseurl or ""
    if baseurl and escape.https_url(baseurl) is None:
        found.append(f"_config.yml: 'html.baseurl' {baseurl!r} is not a well-formed https address")
    for name, key in (("html_logo", "logo"), ("html_favicon", "html.favicon")):
        problem = _file_problem(srcdir, getattr(config, name, None))
        if problem:
            found.append(f"_config.yml: {key!r} {problem}")
    # (Not html_context: extensions keep their own code there, e.g. sphinx-copybutton's.)
    for path, value in _walk(config.html_theme_options or {}):
        problem = _option_problem(path, value)
        if problem:
            found.append(f"_config.yml: {_option_name(path)!r} {problem}")
    return found


def check_config(app: Sphinx, config: Config) -> None:
    problems = config_problems(config, Path(app.srcdir))
    if problems:
        raise ConfigError("values that would reach every page cannot be published:\n  "
                          + "\n  ".join(problems))


def escape_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                   doctree: Any) -> None:
    """Hand the templates their text values as escaped Markup (see the module's docstring)."""
    for key in CONTEXT_TEXT:
        value = context.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            context[key] = Markup(escape.text(value))


def setup(app: Sphinx) -> dict[str, Any]:
    # After Jupyter Book's translation of _config.yml and edition.site.publish's addresses (600).
    app.connect("config-inited", check_config, priority=650)
    # After the themes (sphinx-book-theme sets "author" and "pagetitle" at the default 500).
    app.connect("html-page-context", escape_context, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}

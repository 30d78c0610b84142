"""Sphinx extension for the reader's site: assets, the language switch and build hygiene.

What it does, site-wide:

* publishes only the files of ``_static/`` it lists (:data:`STATIC_FILES`): anything else there,
  a new script above all (Jupyter Book would load every ``_static/**/*.js`` on every page),
  stops the build with a message naming it, until it is listed here with its reason;
* registers ``_static/edition.js`` (the language switch; runs in ``<head>`` before the body
  renders, so a Korean reader never sees an English flash) and ``_static/edition.css``;
* on pages that hold a chart, and only there, adds the vendored Vega libraries in dependency
  order (vega -> vega-embed). The charts are compiled from Vega-Lite to Vega at build time
  (edition/render/charts.py, vl-convert), so no page loads the Vega-Lite compiler (see
  ``_static/lib/README.txt``);
* removes what Jupyter Book 1 adds on its own: it puts every ``_static/**/*.js`` and
  ``*.css`` into ``html_js_files``/``html_css_files`` in filesystem order, which would load
  the 0.8 MB of Vega on every page, in an arbitrary order;
* at ``build-finished``: deletes the theme's source maps (``*.map``, ~3.4 MB that readers
  never need) and drops the theme's ``fontawesome.js`` (1.5 MB of SVG icons; the theme's CSS
  already draws the same icons from its web font), so no page weighs more than it must.
  It also keeps the search index (searchtools.js, language_data.js, searchindex.js: ~0.2 MB
  and growing with the text) to search.html: pydata-sphinx-theme loads it on every page for a
  search-as-you-type box that is off. Pages without a sphinx-design component skip its
  stylesheet and tab script. Each build-finished step can be switched off: ``edition_remove_source_maps``,
  ``edition_drop_fontawesome_js``, ``edition_search_index_only_on_search_page``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging

from ..core import escape
from ..render.labcharts import VENDORED_JS
from . import config as edition_config

logger = logging.getLogger(__name__)


#: Every file of ``_static/`` that is published, and why; the build refuses any other file
#: (``config-inited``). Hidden files (``.name``) are never copied by Sphinx, so never listed.
STATIC_FILES = {
    "edition.css": "the edition's layout (pairs, notes, marks, print)",
    "edition.js": "the language switch, in <head> before the body renders",
    "edition-ko.js": "the Korean interface of the theme's controls",
    "previews.js": "hover, focus and tap previews (edition/site/previews.py)",
    "lib/README.txt": "where the vendored libraries come from",
    "lib/vega/vega.min.js": "Figure 1's renderer (VENDORED_JS)",
    "lib/vega/LICENSE": "vega's BSD-3 licence, shipped with it",
    "lib/vega-embed/vega-embed.min.js": "Figure 1's embedding and tooltips (VENDORED_JS)",
    "lib/vega-embed/LICENSE": "vega-embed's BSD-3 licence, shipped with it",
}

SWITCH_JS = "edition.js"
#: The Korean interface (labels, titles, footer, search messages in Korean mode); after the switch.
KOREAN_UI_JS = "edition-ko.js"
EDITION_CSS = "edition.css"

#: What only a chart output puts into a page body (edition/render/charts.py's embedding script).
CHART_MARKERS = ("vegaEmbed(",)

_FONTAWESOME_TAG = re.compile(
    r'[ \t]*(?:<!-- So that users can add custom icons -->\s*)?'
    r'<script\b[^>]*\bsrc="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*></script>[ \t]*\n?'
)


def _asset_name(entry: Any) -> str:
    return entry[0] if isinstance(entry, (tuple, list)) else entry


def _managed_js(name: str | None) -> bool:
    return bool(name) and (name in (SWITCH_JS, KOREAN_UI_JS) or name.startswith("lib/"))


def tidy_asset_config(app: Sphinx, config: Config) -> None:
    """Take our assets out of the lists Jupyter Book filled by globbing ``_static``.

    They are registered once, in the right order, by :func:`setup` and :func:`add_page_assets`.
    """
    config.html_js_files = [e for e in config.html_js_files if not _managed_js(_asset_name(e))]
    config.html_css_files = [e for e in config.html_css_files
                             if _asset_name(e) != EDITION_CSS]


def unlisted_static_files(srcdir: Path, static_paths: list[str]) -> list[str]:
    """Files (and links) under the static folders that :data:`STATIC_FILES` does not list."""
    found: set[str] = set()
    for folder in dict.fromkeys(static_paths):
        base = srcdir / folder
        if base.is_symlink() or not base.is_dir():
            continue  # a linked folder is refused by edition.site.sourcetree when it leads out
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(base)
            if any(part.startswith(".") for part in rel.parts):
                continue  # never copied (Sphinx excludes **/.*)
            if (path.is_file() or path.is_symlink()) and rel.as_posix() not in STATIC_FILES:
                found.add(f"{folder}/{rel.as_posix()}")
    return sorted(found)


def refuse_unlisted_static(app: Sphinx, config: Config) -> None:
    unlisted = unlisted_static_files(Path(app.srcdir), list(config.html_static_path))
    if unlisted:
        raise ConfigError(
            "only the listed files of _static/ are published, and these are not listed: "
            + ", ".join(unlisted) + ". Add each to STATIC_FILES in edition/site/assets.py with its "
            "reason (a script there runs on every page), or remove it.")


def page_has_chart(context: dict[str, Any]) -> bool:
    body = context.get("body") or ""
    return any(marker in body for marker in CHART_MARKERS)


def dedupe_inline_scripts(context: dict[str, Any]) -> None:
    """Drop repeated inline scripts.

    sphinx-thebe and sphinx-togglebutton register their inline configuration twice (once
    with the file name ``None``, once ``''``), so every page declared ``const THEBE_JS_URL``
    twice: a SyntaxError in the console of every page.
    """
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen: set[tuple] = set()
    kept = []
    for js in scripts:
        attrs = getattr(js, "attributes", {}) or {}
        key = (getattr(js, "filename", js) or "", tuple(sorted(attrs.items())))
        if key in seen:
            continue
        seen.add(key)
        kept.append(js)
    scripts[:] = kept


def fix_bibliography_roles(context: dict[str, Any]) -> None:
    """docutils writes the bibliography as role="list" holding role="doc-biblioentry" items.
    DPUB-ARIA 1.1 deprecates doc-biblioentry (use listitem), and axe-core then finds a list
    whose children are not list items (aria-required-children, critical)."""
    body = context.get("body")
    if isinstance(body, str) and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


_SD_CLASS = re.compile(r'class="(?:[^"]*\s)?sd-')
_DESIGN_ASSETS = ("sphinx-design.min.css", "design-tabs.js")


def drop_unused_design_assets(context: dict[str, Any]) -> None:
    """sphinx-design is loaded for its `div` directive only; its 55 kB stylesheet and tab
    script serve no page that has no sphinx-design component (class "sd-…")."""
    body = context.get("body") or ""
    if _SD_CLASS.search(body):
        return
    for key in ("css_files", "script_files"):
        assets = context.get(key)
        if isinstance(assets, list):
            assets[:] = [a for a in assets
                         if not str(getattr(a, "filename", a) or "").endswith(_DESIGN_ASSETS)]


def add_page_assets(app: Sphinx, pagename: str, templatename: str,
                    context: dict[str, Any], doctree: Any) -> None:
    """Vega and vega-embed on the pages that draw a chart, in dependency order."""
    dedupe_inline_scripts(context)
    # pydata-sphinx-theme logs "Got invalid theme mode: ." (console.error) on a reader's first
    # visit unless the page names a default colour mode; "auto" is the theme's own fallback.
    if not context.get("default_mode"):
        context["default_mode"] = "auto"
    fix_bibliography_roles(context)
    drop_unused_design_assets(context)
    if not page_has_chart(context):
        return
    for i, (path, _pkg, _version) in enumerate(VENDORED_JS):
        app.add_js_file(path, priority=511 + i)


_SEARCH_TAGS = re.compile(
    r'[ \t]*<script\b[^>]*\bsrc="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|'
    r'searchindex\.js)[^"]*"[^>]*></script>[ \t]*\n?'
)


def drop_search_index_outside_search(outdir: Path) -> int:
    """pydata-sphinx-theme loads the whole search index on every page for its search-as-you-type
    box; with that box off (the default) only search.html uses it. Remove it elsewhere."""
    changed = 0
    for page in outdir.rglob("*.html"):
        rel = page.relative_to(outdir).as_posix()
        if rel == "search.html" or rel.startswith("_"):
            continue
        text = page.read_text(encoding="utf-8")
        new = _SEARCH_TAGS.sub("", text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def drop_fontawesome_js(outdir: Path) -> int:
    """Remove the theme's fontawesome.js tag from every page and the file itself."""
    changed = 0
    for page in outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = _FONTAWESOME_TAG.sub("", text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    for name in ("fontawesome.js", "fontawesome.js.LICENSE.txt"):
        (outdir / "_static" / "scripts" / name).unlink(missing_ok=True)
    return changed


def remove_source_maps(outdir: Path) -> int:
    removed = 0
    for path in (outdir / "_static").rglob("*.map"):
        if path.is_file():
            path.unlink()
            removed += 1
    return removed


def finish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    if app.config.edition_remove_source_maps:
        n = remove_source_maps(outdir)
        logger.info("edition.site.assets: removed %d source map(s)", n)
    if app.config.edition_drop_fontawesome_js:
        n = drop_fontawesome_js(outdir)
        logger.info("edition.site.assets: dropped fontawesome.js from %d page(s)", n)
    theme_options = app.config.html_theme_options or {}
    if app.config.edition_search_index_only_on_search_page and not theme_options.get(
            "search_as_you_type"):
        n = drop_search_index_outside_search(outdir)
        logger.info("edition.site.assets: search index kept to search.html (%d page(s) lightened)", n)


def _has_scheme(uri: str) -> bool:
    """Whether a link target names a scheme (``x:``); relative links and fragments do not."""
    probe = re.sub(r"[\x00-\x20\x7f]", "", uri)
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", probe))


def unlink_unsafe_urls(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Every link of every page, whatever made it (bibliography, MyST, a directive): a target with
    a scheme other than http, https or mailto is not published as a link. Its text stays, inert,
    and a warning names the page (the strict build fails on it)."""
    for ref in list(doctree.findall(nodes.reference)):
        uri = ref.get("refuri")
        if not isinstance(uri, str) or not _has_scheme(uri) or escape.safe_url(uri) is not None:
            continue
        logger.warning("link target %r is not an http, https or mailto URL: published as text, "
                       "not as a link", uri, location=ref, type="edition", subtype="url")
        inert = nodes.inline(ref.rawsource, "", *ref.children, classes=["unsafe-link"])
        ref.replace_self(inert)


def setup(app: Sphinx) -> dict[str, Any]:
    from .bibstyle import register_formatting_style

    register_formatting_style()
    app.connect("doctree-resolved", unlink_unsafe_urls)
    edition_config.register(app)  # edition_remove_source_maps, edition_drop_fontawesome_js, …
    # Before Sphinx turns the lists into tuples (priority 800).
    app.connect("config-inited", tidy_asset_config, priority=400)
    app.connect("config-inited", refuse_unlisted_static, priority=410)
    # Only the repository is published; configuration text reaches the theme checked and escaped.
    app.setup_extension("edition.site.sourcetree")
    app.setup_extension("edition.site.theme_context")
    # First of all scripts: it only sets attributes on <html> and must run before the body.
    app.add_js_file(SWITCH_JS, priority=100)
    app.add_js_file(KOREAN_UI_JS, priority=101)
    # Last of all stylesheets, so it can override the theme.
    app.add_css_file(EDITION_CSS, priority=900)
    app.connect("html-page-context", add_page_assets)
    app.connect("build-finished", finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}

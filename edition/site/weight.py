"""Page weight: cut the theme's Font Awesome down to the icons the built site really uses.

Why: every page loads ``pydata-sphinx-theme.css``, which carries the whole Font Awesome 6 icon
table (about 1,900 ``.fa-x:before{content:…}`` rules, 86 kB) and three web fonts (solid 156 kB,
brands 118 kB, regular 25 kB), while the site draws about twenty solid icons. With the chart
libraries on top, the two chart pages weighed up to 1.99 MB against a 1.5 MB budget.

What it does at ``build-finished`` (HTML builder only; ``edition_trim_icons: false`` in
``_config.yml`` turns it off), in the *output* folder (the theme's installed files are never touched):

1. collects the icon classes (``fa-…``) used by every built page and every shipped script;
2. keeps only the icon rules that one of them names;
3. drops the ``@font-face`` of the brands and regular faces when no page asks for them
   (``fa-brands``/``fab``, ``fa-regular``/``far``, or a link the theme decorates with a brand
   icon, class ``github``/``gitlab``), and deletes those font files;
4. replaces the solid face with a subset (fontTools, read from the theme's ``.ttf``, written as
   zlib WOFF so no Brotli is needed) holding only the glyphs still named: by
   the kept icon rules and by any private-use character written into a stylesheet (the theme's
   own ``--pst-icon-…`` variables, sphinx-book-theme's chevrons).

Also sphinx-design's stylesheet, cut to the ``sd-`` classes the pages use (:func:`trim_rules`).

And, page by page (``html-page-context``; ``edition_trim_page_assets: false`` turns it off):
the copy-button and highlighting assets only where there is a code block, the toggle-button ones
only where something toggles, sphinx-design's stylesheet only where a design component is (its
tabs script only where tabs are), and no Thebe (live code is offered through Binder only).

``tests/browser/test_static_site.py`` checks that every icon class a page uses still has a rule.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from . import config as edition_config

logger = logging.getLogger(__name__)

THEME_CSS = Path("_static/styles/pydata-sphinx-theme.css")
WEBFONTS = Path("_static/vendor/fontawesome/webfonts")
SUBSET_NAME = "fa-solid-900.subset.woff"

_ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:"([^"]*)"\}')
_ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
_FONT_FACE = re.compile(r"@font-face\{[^}]*\}")
_PUA = re.compile("[\ue000-\uf8ff]")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})")
_BRAND_USE = re.compile(r'class="[^"]*\b(?:fa-brands|fab|github|gitlab)\b')
_REGULAR_USE = re.compile(r'class="[^"]*\b(?:fa-regular|far)\b')


def used_icon_classes(outdir: Path) -> tuple[set[str], str]:
    """Every ``fa-…`` class named by a built page or a shipped script, and the pages' joint text
    (for the brand/regular checks)."""
    names: set[str] = set()
    pages = []
    for path in outdir.rglob("*.html"):
        text = path.read_text(encoding="utf-8", errors="replace")
        pages.append(text)
        names.update(_ICON_CLASS.findall(text))
    for path in (outdir / "_static").rglob("*.js"):
        if "lib" in path.relative_to(outdir / "_static").parts[:1]:
            continue  # the vendored chart libraries draw no theme icon
        names.update(_ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names, "\n".join(pages)


def _codepoints(content: str) -> set[int]:
    """Code points of a CSS ``content`` string (escapes like ``\\f135`` or literal characters)."""
    points = {int(h, 16) for h in _CSS_ESCAPE.findall(content)}
    points.update(ord(c) for c in _CSS_ESCAPE.sub("", content))
    return points


def trim_icon_rules(css: str, used: set[str]) -> tuple[str, set[int], int]:
    """The stylesheet without icon rules no used class names, the kept rules' code points and
    how many rules were dropped."""
    kept_points: set[int] = set()
    dropped = 0

    def keep(m: re.Match) -> str:
        nonlocal dropped
        classes = {sel.split(":")[0][1:] for sel in m.group(1).split(",") if sel}
        if classes & used:
            kept_points.update(_codepoints(m.group(2)))
            return m.group(0)
        dropped += 1
        return ""

    return _ICON_RULE.sub(keep, css), kept_points, dropped


def drop_font_faces(css: str, family: str, weight: str) -> str:
    """Remove the ``@font-face`` for one Font Awesome face."""
    def keep(m: re.Match) -> str:
        face = m.group(0)
        return "" if family in face and f"font-weight:{weight}" in face else face
    return _FONT_FACE.sub(keep, css)


def stylesheet_codepoints(outdir: Path) -> set[int]:
    """Private-use characters written straight into any shipped stylesheet (icon variables)."""
    points: set[int] = set()
    for path in (outdir / "_static").rglob("*.css"):
        text = path.read_text(encoding="utf-8", errors="replace")
        text = _ICON_RULE.sub("", text)  # the icon table is judged rule by rule
        points.update(ord(c) for c in _PUA.findall(text))
        points.update(p for p in (int(h, 16) for h in _CSS_ESCAPE.findall(text)) if 0xE000 <= p <= 0xF8FF)
    return points


def subset_solid_font(source: Path, target: Path, points: set[int]) -> int:
    """Write the solid face cut to *points* as WOFF (zlib: no Brotli needed); its size."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(points))
    sub.subset(font)
    subset.save_font(font, str(target), options)
    return target.stat().st_size


def point_solid_face_at(css: str, name: str) -> str:
    """Make the solid face's ``src`` the subset file only."""
    def fix(m: re.Match) -> str:
        face = m.group(0)
        if "Font Awesome" in face and "font-weight:900" in face:
            return re.sub(r"src:[^;}]*", f'src:url(../vendor/fontawesome/webfonts/{name}) format("woff")', face)
        return face
    return _FONT_FACE.sub(fix, css)


def trim_fontawesome(outdir: Path) -> dict[str, Any]:
    """Apply the steps of the module docstring to a built site; what was done, for the log."""
    css_path = outdir / THEME_CSS
    fonts = outdir / WEBFONTS
    if not css_path.is_file():
        return {"skipped": f"no {THEME_CSS}"}
    css = css_path.read_text(encoding="utf-8")
    before = len(css.encode("utf-8"))
    used, pages = used_icon_classes(outdir)
    css, points, dropped = trim_icon_rules(css, used)
    report: dict[str, Any] = {"icon_rules_dropped": dropped, "dropped_faces": []}
    for family, weight, pattern, stem in (("Brands", "400", _BRAND_USE, "fa-brands-400"),
                                          ("Free", "400", _REGULAR_USE, "fa-regular-400")):
        if pattern.search(pages):
            continue
        css = drop_font_faces(css, f"Font Awesome\\ 6 {family}", weight)
        for ext in (".woff2", ".ttf"):
            (fonts / (stem + ext)).unlink(missing_ok=True)
        report["dropped_faces"].append(stem)
    solid = fonts / "fa-solid-900.ttf"  # the TrueType twin: reading WOFF2 would need Brotli
    if solid.is_file():
        points |= stylesheet_codepoints(outdir)
        report["glyphs_kept"] = len(points)
        report["subset_bytes"] = subset_solid_font(solid, fonts / SUBSET_NAME, points)
        css = point_solid_face_at(css, SUBSET_NAME)
        for ext in (".woff2", ".ttf"):
            (fonts / ("fa-solid-900" + ext)).unlink(missing_ok=True)
    css_path.write_text(css, encoding="utf-8")
    report["css_bytes"] = (before, len(css.encode("utf-8")))
    return report


DESIGN_CSS = Path("_static/sphinx-design.min.css")
_SD_CLASS = re.compile(r"\.(sd-[A-Za-z0-9_-]+)")
_SD_USE = re.compile(r'class="([^"]*)"')
_STRING = re.compile(r"'[^']*'|\"[^\"]*\"")


def used_design_classes(outdir: Path) -> set[str]:
    """Every ``sd-…`` class written into a built page (sphinx-design's components: here the
    dropdowns of "Run it yourself")."""
    used: set[str] = set()
    for page in outdir.rglob("*.html"):
        for classes in _SD_USE.findall(page.read_text(encoding="utf-8", errors="replace")):
            used.update(c for c in classes.split() if c.startswith("sd-"))
    return used


def trim_rules(css: str, used: set[str]) -> tuple[str, int]:
    """The stylesheet without the selectors that name an ``sd-`` class no page uses (a rule goes
    when none of its selectors is left; at-rules are kept, their rules trimmed the same way).

    Why: sphinx-design's 55 kB stylesheet styles every component it offers (cards, grids, tabs,
    badges, buttons, colours); the site draws dropdowns only. Parsed with tinycss2, so a comma or
    brace inside a string or an attribute selector cannot cut a rule in the wrong place."""
    import tinycss2

    dropped = 0

    def selectors(prelude: list) -> list[str]:
        text = tinycss2.serialize(prelude).strip()
        parts, depth, start = [], 0, 0
        for i, ch in enumerate(text):
            depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(ch, 0)
            if ch == "," and depth == 0:
                parts.append(text[start:i].strip()); start = i + 1
        parts.append(text[start:].strip())
        return parts

    def walk(nodes: list) -> str:
        nonlocal dropped
        out = []
        for node in nodes:
            if node.type == "qualified-rule":
                keep = [sel for sel in selectors(node.prelude)
                        if set(_SD_CLASS.findall(_STRING.sub("", sel))) <= used]
                if not keep:
                    dropped += 1
                    continue
                out.append(",".join(keep) + "{" + tinycss2.serialize(node.content) + "}")
            elif node.type == "at-rule" and node.content is not None and node.lower_at_keyword in ("media", "supports"):
                inner = walk(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True))
                if inner:
                    out.append("@" + node.at_keyword + tinycss2.serialize(node.prelude) + "{" + inner + "}")
            elif node.type in ("at-rule", "qualified-rule"):
                out.append(tinycss2.serialize([node]))
        return "".join(out)

    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return walk(rules), dropped


def trim_design_css(outdir: Path) -> dict[str, Any]:
    """sphinx-design's stylesheet in the output folder cut to the classes the pages use."""
    path = outdir / DESIGN_CSS
    if not path.is_file():
        return {"skipped": f"no {DESIGN_CSS}"}
    css = path.read_text(encoding="utf-8")
    trimmed, dropped = trim_rules(css, used_design_classes(outdir))
    path.write_text(trimmed, encoding="utf-8")
    return {"design_rules_dropped": dropped, "design_css_bytes": (len(css.encode()), len(trimmed.encode()))}


#: Page assets that serve one kind of content only: (file suffixes, test on the page body).
_CODE = re.compile(r'<pre\b|class="[^"]*\bhighlight')
_TOGGLE = re.compile(r'class="(?:[^"]*\s)?(?:toggle|dropdown|tag_hide-[a-z-]+|tag_dropdown-[a-z-]+)(?=[\s"])')
_DESIGN = re.compile(r'class="(?:[^"]*\s)?sd-[a-z]')
_TABS = re.compile(r'class="(?:[^"]*\s)?sd-tab-')
_PER_CONTENT = (
    (("copybutton.js", "clipboard.min.js", "copybutton.css", "pygments.css"), _CODE),
    (("togglebutton.js", "togglebutton.css"), _TOGGLE),
    (("sphinx-design.min.css",), _DESIGN),
    (("design-tabs.js",), _TABS),
)
_THEBE = ("sphinx-thebe.js", "sphinx-thebe.css")


def _name(asset: Any) -> str:
    return str(getattr(asset, "filename", asset) or "")


def _inline(asset: Any) -> str:
    return str((getattr(asset, "attributes", None) or {}).get("body", ""))


def drop_unused_page_assets(app: Sphinx, pagename: str, templatename: str,
                            context: dict[str, Any], doctree: Any) -> None:
    """Leave out, page by page, the scripts and styles of content the page does not have: code
    blocks (copy button, highlighting), toggles, and Thebe (off: live code runs on Binder only)."""
    if not app.config.edition_trim_page_assets:
        return
    body = context.get("body") or ""
    unused: list[str] = []
    for names, present in _PER_CONTENT:
        if not present.search(body):
            unused.extend(names)
    thebe_on = bool(((app.config.html_theme_options or {}).get("launch_buttons") or {}).get("thebe"))
    if not thebe_on:
        unused.extend(_THEBE)
    for key in ("css_files", "script_files"):
        assets = context.get(key)
        if not isinstance(assets, list):
            continue
        assets[:] = [a for a in assets
                     if not _name(a).endswith(tuple(unused))
                     and not (not thebe_on and "THEBE_JS_URL" in _inline(a))]


def finish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.edition_trim_icons:
        return
    report = trim_fontawesome(Path(app.outdir))
    report.update(trim_design_css(Path(app.outdir)))
    logger.info("edition.site.weight: %s", report)


def setup(app: Sphinx) -> dict[str, Any]:
    edition_config.register(app)  # edition_trim_icons, edition_trim_page_assets
    app.connect("html-page-context", drop_unused_page_assets, priority=550)
    # After edition.site.assets's build-finished (which drops fontawesome.js from the pages).
    app.connect("build-finished", finish, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}

"""Checks of the built files themselves (no browser): assets, order, size hygiene."""
from __future__ import annotations

import re

import pytest

from edition.render.labcharts import VENDORED_JS

from .harness import site_pages
from .helpers import soup_of

pytestmark = pytest.mark.browser


def _scripts(soup) -> list[str]:
    return [s.get("src", "") if s.get("src") else "inline:" + (s.string or "")[:60]
            for s in soup.head.find_all("script")]


def test_no_source_maps_shipped(site):
    maps = sorted(p.relative_to(site).as_posix() for p in (site / "_static").rglob("*.map"))
    assert not maps, f"source maps in the output: {maps}"


def test_switch_script_runs_first_in_head(site):
    for page in site_pages(site):
        soup = soup_of(site / page)
        if soup.head is None:
            continue
        tag = soup.head.find("script", src=re.compile(r"_static/edition\.js"))
        if tag is None and "Refresh" in str(soup.head):
            continue  # the root redirect stub
        assert tag is not None, f"{page}: edition.js not in <head>"
        assert not tag.has_attr("defer") and not tag.has_attr("async"), f"{page}: edition.js deferred"
        assert soup.body is None or not soup.body.find("script", src=re.compile("edition\\.js"))
        assert str(soup).count("_static/edition.js") == 1, f"{page}: edition.js loaded twice"
        assert str(soup).count("_static/edition.css") == 1, f"{page}: edition.css loaded twice"


def test_vega_only_on_chart_pages_and_in_order(site):
    names = [path for path, _, _ in VENDORED_JS]
    for page in site_pages(site):
        soup = soup_of(site / page)
        if soup.head is None:
            continue
        scripts = _scripts(soup)
        found = [next((i for i, s in enumerate(scripts) if name in s), None) for name in names]
        body = str(soup.body or "")
        has_chart = "vegaEmbed(" in body
        if not has_chart:
            assert found == [None] * len(names), f"{page}: Vega loaded without a chart"
            continue
        assert None not in found, f"{page}: chart page lacks {names}: {scripts}"
        assert found == sorted(found), f"{page}: Vega libraries out of order"
        assert not any("vega-lite" in s for s in scripts), f"{page}: loads the Vega-Lite compiler"
        assert "cdn.jsdelivr.net" not in "".join(scripts)


def test_no_duplicate_inline_scripts(site):
    """A `const` declared twice in two inline scripts is a SyntaxError on every page."""
    for page in site_pages(site):
        soup = soup_of(site / page)
        if soup.head is None:
            continue
        inline = [s.string.strip() for s in soup.find_all("script")
                  if not s.get("src") and s.string and s.string.strip()
                  and s.get("type") in (None, "text/javascript")]
        dupes = {s[:60] for s in inline if inline.count(s) > 1}
        assert not dupes, f"{page}: inline scripts repeated: {dupes}"


def test_icons_still_drawn_without_fontawesome_js(site):
    """edition.site.assets drops the 1.5 MB fontawesome.js: every icon class used must have a rule in
    the theme's CSS, which draws it from the Font Awesome web font instead."""
    css = (site / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    skip = {"fa-lg", "fa-solid", "fa-regular", "fa-brands", "fa-fw", "fa-2x"}
    missing = set()
    for page in site_pages(site):
        html = (site / page).read_text(encoding="utf-8")
        assert "fontawesome.js" not in html, f"{page} still loads fontawesome.js"
        for cls in set(re.findall(r"\bfa-[a-z0-9-]+", html)) - skip:
            if not re.search(rf"\.{re.escape(cls)}:(?:before|after)", css):
                missing.add(f"{cls} ({page})")
    assert not missing, f"icon classes with no CSS glyph: {sorted(missing)}"

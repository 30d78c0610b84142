"""The reader's site assets, checked without a build: vendored Vega, compiled charts, CSS contrast,
the language-switch script, and edition/site/assets.py's helpers."""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from edition.site import assets as site

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "_static"
AXE = ROOT / "tests" / "browser" / "assets" / "axe-core"


def test_vendored_vega_is_the_release_vl_convert_compiles_for():
    """Charts are compiled to Vega at build time; the page's vega must run that Vega."""
    import vl_convert as vlc

    versions = {pkg: version for _, pkg, version in site.VENDORED_JS}
    assert versions["vega"] == vlc.get_vega_version()
    assert "vega-lite" not in versions, "the Vega-Lite compiler is not loaded by any page"


def test_charts_are_embedded_as_vega_not_vega_lite():
    from edition.render.charts import figure1_html
    from edition.data.datapackage import package

    out = figure1_html(package())
    assert out.count('mode:"vega"') == 4
    assert "vega.github.io/schema/vega/v6" in out
    assert "schema/vega-lite" not in out


@pytest.mark.parametrize("path, pkg, version", site.VENDORED_JS)
def test_vendored_file_present_licensed_and_recorded(path, pkg, version):
    f = STATIC / path
    assert f.is_file(), f"{path} missing from _static"
    licence = f.parent / "LICENSE"
    assert licence.is_file() and "Redistribution and use" in licence.read_text(encoding="utf-8")
    text = f.read_text(encoding="utf-8")
    assert f'"{version}"' in text, f"{path} does not carry its version {version}"
    # The provenance table names the file's exact bytes.
    readme = (STATIC / "lib" / "README.txt").read_text(encoding="utf-8")
    digest = hashlib.sha256(f.read_bytes()).hexdigest()
    row = next((line for line in readme.splitlines() if line.strip().startswith(pkg + " ")), "")
    assert version in row and digest in row, f"README.txt row for {pkg} out of date"


def test_no_other_scripts_in_static_lib():
    """JB1 globs _static/**/*.js; edition/site/assets.py manages exactly these files."""
    found = sorted(p.relative_to(STATIC).as_posix() for p in (STATIC / "lib").rglob("*.js"))
    assert found == sorted(p for p, _, _ in site.VENDORED_JS)


def test_axe_core_vendored_with_licence():
    assert (AXE / "axe.min.js").is_file()
    assert "Mozilla Public License" in (AXE / "LICENSE").read_text(encoding="utf-8")


def test_asset_config_is_tidied():
    config = SimpleNamespace(
        html_js_files=["edition.js", "lib/vega/vega.min.js", ("lib/vega-embed/vega-embed.min.js", {}),
                       "other.js"],
        html_css_files=["edition.css", ("edition.css", {}), "other.css"],
    )
    site.tidy_asset_config(None, config)
    assert config.html_js_files == ["other.js"]
    assert config.html_css_files == ["other.css"]


def test_page_has_chart():
    assert site.page_has_chart({"body": '<div id="altair-viz-1"></div><script>vegaEmbed(x)</script>'})
    assert not site.page_has_chart({"body": "<p>no chart</p>"})
    assert not site.page_has_chart({})


def test_bibliography_entries_become_list_items():
    ctx = {"body": '<div role="list" class="citation-list"><div class="citation" id="a" '
                   'role="doc-biblioentry"><p>x</p></div></div>'}
    site.fix_bibliography_roles(ctx)
    assert 'role="listitem"' in ctx["body"] and "doc-biblioentry" not in ctx["body"]


def test_design_assets_only_where_used():
    class Asset(SimpleNamespace):
        pass

    def ctx(body):
        return {"body": body,
                "css_files": [Asset(filename="_static/sphinx-design.min.css"), Asset(filename="_static/x.css")],
                "script_files": [Asset(filename="_static/design-tabs.js"), Asset(filename="_static/y.js")]}

    plain = ctx("<p>text</p>")
    site.drop_unused_design_assets(plain)
    assert [a.filename for a in plain["css_files"]] == ["_static/x.css"]
    assert [a.filename for a in plain["script_files"]] == ["_static/y.js"]
    card = ctx('<div class="sd-card sd-shadow-sm">x</div>')
    site.drop_unused_design_assets(card)
    assert len(card["css_files"]) == 2 and len(card["script_files"]) == 2


def test_dedupe_inline_scripts():
    class JS(SimpleNamespace):
        pass

    a = JS(filename=None, attributes={"body": "const X = 1"})
    b = JS(filename="", attributes={"body": "const X = 1"})
    c = JS(filename="x.js", attributes={})
    ctx = {"script_files": [a, c, b]}
    site.dedupe_inline_scripts(ctx)
    assert ctx["script_files"] == [a, c]


def test_build_finished_helpers(tmp_path):
    static = tmp_path / "_static" / "scripts"
    static.mkdir(parents=True)
    (static / "fontawesome.js").write_text("x")
    (static / "bootstrap.js.map").write_text("{}")
    page = tmp_path / "p.html"
    page.write_text('<head>\n  <!-- So that users can add custom icons -->\n  <script defer '
                    'src="_static/scripts/fontawesome.js?digest=1"></script>\n  <link rel="x" />\n</head>')
    assert site.remove_source_maps(tmp_path) == 1
    assert site.drop_fontawesome_js(tmp_path) == 1
    assert "fontawesome" not in page.read_text()
    assert "<link" in page.read_text()
    assert not (static / "fontawesome.js").exists()
    assert site.drop_fontawesome_js(tmp_path) == 0  # idempotent

    search_tags = ('<script src="../_static/searchtools.js"></script>\n'
                   '<script src="../_static/language_data.js"></script>\n'
                   '<script src="../searchindex.js"></script>\n')
    (tmp_path / "chapters").mkdir()
    chapter = tmp_path / "chapters" / "c.html"
    chapter.write_text("<head>\n" + search_tags + "</head>")
    search = tmp_path / "search.html"
    search.write_text("<head>\n" + search_tags.replace("../", "") + "</head>")
    assert site.drop_search_index_outside_search(tmp_path) == 1
    assert "search" not in chapter.read_text()
    assert "searchindex.js" in search.read_text()


# --- CSS ------------------------------------------------------------------------------------

def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    rgb = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


LIGHT_BG, DARK_BG = "#ffffff", "#14181e"  # pydata-sphinx-theme 0.17 backgrounds


def test_mark_colours_meet_wcag_aa():
    css = (STATIC / "edition.css").read_text(encoding="utf-8")
    rules = re.findall(
        r"^(html\[data-theme=\"dark\"\] )?(?:\.verdict\.|a\.)(verdict-[a-z]+|sic)\s*\{[^}]*?color:\s*(#[0-9a-fA-F]{3,6})",
        css, flags=re.M)
    assert len(rules) >= 12, "expected light and dark colours for six verdicts"
    low = [(dark or "light", name, colour, round(contrast(colour, DARK_BG if dark else LIGHT_BG), 2))
           for dark, name, colour in rules
           if contrast(colour, DARK_BG if dark else LIGHT_BG) < 4.5]
    assert not low, f"below 4.5:1: {low}"
    # … also on the highlight of a ledger row reached from a mark.
    light_target = re.search(r"\.edition-table tr:target > \* \{ background-color: (#[0-9a-f]{6})", css).group(1)
    dark_target = re.search(r"html\[data-theme=\"dark\"\] \.edition-table tr:target > \* \{ background-color: (#[0-9a-f]{6})", css).group(1)
    for dark, name, colour in rules:
        bg = dark_target if dark else light_target
        assert contrast(colour, bg) >= 4.5, (name, colour, bg)


def test_korean_font_stack_downloads_nothing():
    css = (STATIC / "edition.css").read_text(encoding="utf-8")
    assert "@font-face" not in css and "url(" not in css
    assert '"Noto Sans KR", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic"' in css
    assert "word-break: keep-all" in css


# --- the switch script ----------------------------------------------------------------------

def test_edition_js_parses():
    """Every script of the edition's own parses (node ships on the development and CI machines;
    its absence is a broken environment, not a reason to skip)."""
    assert shutil.which("node"), "node is needed to syntax-check _static/*.js (apt-get install nodejs)"
    for script in sorted(STATIC.glob("*.js")):
        subprocess.run(["node", "--check", str(script)], check=True)


def test_page_assets_only_for_content_the_page_has():
    from edition.site import weight

    class Asset(SimpleNamespace):
        pass

    def ctx(body):
        return {"body": body,
                "css_files": [Asset(filename="_static/pygments.css"), Asset(filename="_static/copybutton.css"),
                              Asset(filename="_static/togglebutton.css"), Asset(filename="_static/sphinx-thebe.css"),
                              Asset(filename="_static/edition.css")],
                "script_files": [Asset(filename="_static/copybutton.js", attributes={}),
                                 Asset(filename="_static/togglebutton.js", attributes={}),
                                 Asset(filename=None, attributes={"body": 'const THEBE_JS_URL = "x";'}),
                                 Asset(filename="_static/edition.js", attributes={})]}

    app = SimpleNamespace(config=SimpleNamespace(edition_trim_page_assets=True,
                                                 html_theme_options={"launch_buttons": {"thebe": False}}))
    plain = ctx("<p>text</p>")
    weight.drop_unused_page_assets(app, "p", "page.html", plain, None)
    assert [a.filename for a in plain["css_files"]] == ["_static/edition.css"]
    assert [a.filename for a in plain["script_files"]] == ["_static/edition.js"]
    code = ctx('<div class="highlight-ipython3 notranslate"><div class="highlight"><pre>x</pre></div></div>'
               '<details class="toggle-details">')
    weight.drop_unused_page_assets(app, "p", "page.html", code, None)
    names = [a.filename for a in code["css_files"]]
    assert "_static/pygments.css" in names and "_static/copybutton.css" in names
    assert "_static/togglebutton.css" not in names  # "toggle-details" is not a toggle


def test_design_stylesheet_keeps_only_the_selectors_of_used_classes():
    """sphinx-design's stylesheet cut to the sd- classes the pages use (edition.site.weight.trim_rules):
    an unused selector leaves its list, a rule with none left goes, at-rules keep their used rules,
    rules that name no sd- class stay, and a comma inside an attribute selector does not split."""
    from edition.site.weight import trim_rules

    css = (":root{--sd-color-card-text:#000}"
           ".sd-card,.sd-tab-set{display:flex}"
           ".sd-badge{color:red}"
           "a[title='x,.sd-badge'].sd-card{color:blue}"
           "@media (min-width:576px){.sd-col{width:50%}.sd-card>hr{margin:0}}"
           "@keyframes sd-grow{0%{opacity:0}100%{opacity:1}}")
    out, dropped = trim_rules(css, {"sd-card"})
    assert out == (":root{--sd-color-card-text:#000}"
                   ".sd-card{display:flex}"
                   'a[title="x,.sd-badge"].sd-card{color:blue}'  # tinycss2 writes strings in double quotes
                   "@media (min-width:576px){.sd-card>hr{margin:0}}"
                   "@keyframes sd-grow{0%{opacity:0}100%{opacity:1}}")
    assert dropped == 2

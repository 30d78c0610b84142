"""Hostile and careless input: markup in every free-text column is published as text; ids and
hrefs from data are refused unless they match their schema pattern; data stays in data/;
editor commands bless only what they say; every declared constraint is enforced."""
from __future__ import annotations

import csv
import os
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from edition import escape
from edition.data import DataError, Package, is_missing, rehash, sha256
from tests.hostile import PAYLOAD, ROOT, free_text_columns, live_markup, poison_bib, poison_data, script_bodies


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Package, dict[str, list[str]]]:
    root = tmp_path_factory.mktemp("hostile")
    columns = poison_data(root)
    poison_bib(root)
    return Package(root), columns


def copy_book(tmp_path: Path) -> Path:
    """The data package and bibliography of the real book, in a scratch root."""
    root = tmp_path / "book"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "references.bib", root / "references.bib")
    return root


def set_cell(path: Path, row: int, column: str, value: str, rehash_root: Path | None = None) -> None:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    rows[row - 1][column] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    if rehash_root is not None:
        rehash(rehash_root)


def set_spec(root: Path, name: str, **changes) -> None:
    path = root / "data" / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    spec = next(r for r in desc["resources"] if r["name"] == name)
    spec.update(changes)
    path.write_text(json.dumps(desc, indent=2), encoding="utf-8")


# --- markup in every free-text column is inert ---------------------------------------------------

def test_every_resource_has_its_free_text_columns_poisoned(hostile):
    _, columns = hostile
    desc = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for spec in desc["resources"]:
        assert columns.get(spec["name"], []) == free_text_columns(spec)
    assert {"basis_note", "basis_note_ko"} <= set(columns["figure1"])
    assert {"published", "edition", "explanation_en", "explanation_ko"} <= set(columns["editorial_notes"])
    assert {"what", "what_ko", "editor_note", "editor_note_ko"} <= set(columns["claims"])
    assert {"region_ko"} <= set(columns["table1"])
    assert {"measure_en", "measure_ko"} <= set(columns["table2"])


def _renderings(pkg: Package) -> dict[str, str]:
    from edition.charts import figure1_html
    from edition.claims import evaluate
    from edition.series import basis_caption_html
    from edition.tables import discrepancies_html, table1_html, table2_html

    return {"figure1": figure1_html(pkg), "basis": basis_caption_html(pkg), "table1": table1_html(pkg),
            "table2": table2_html(pkg),
            "discrepancies": discrepancies_html(evaluate(pkg))}


def test_markup_from_every_csv_is_published_as_text(hostile):
    pkg, _ = hostile
    shown = _renderings(pkg)
    for name, markup in shown.items():
        assert live_markup(markup) == [], name
    escaped = "&lt;script&gt;window.__pwned="
    # The ledger and editorial-notes pages are docutils nodes built by directives (escaped by
    # construction); tests/browser/test_hostile_site.py builds them from this data and opens them.
    for name in ("basis", "table1", "table2", "figure1"):
        assert escaped in shown[name], f"{name}: the payload should be shown as text"


def test_chart_script_cannot_be_ended_by_a_note(hostile):
    pkg, _ = hostile
    from edition.charts import figure1_html

    markup = figure1_html(pkg)
    bodies = [b for b in script_bodies(markup) if "vegaEmbed(" in b]  # the JupyterLab loader only tests for vegaEmbed
    assert len(bodies) == 4
    for body in bodies:
        assert "</script" not in body.lower() and "<!--" not in body and "<" not in body
        assert "\\u003c/script\\u003e" in body  # the note is there, escaped


def test_unescaped_json_would_have_ended_the_script():
    """The test above can fail: json.dumps alone lets a note close the script."""
    note = {"basis": PAYLOAD}
    assert live_markup(f"<script>var s={json.dumps(note)};</script>")
    assert not live_markup(f"<script>var s={escape.script_json(note)};</script>")


# --- ids and hrefs from data are validated by their schema pattern --------------------------------

@pytest.mark.parametrize("resource,column,value", [
    ("editorial_notes", "block", '"><svg onload="alert(1)">'),
    ("editorial_notes", "block", "javascript:alert(1)"),
    ("editorial_notes", "note_id", 'ed-s1-01" onmouseover="alert(1)'),
    ("claims", "block", "s1-p01#x<script>"),
    ("claims", "claim_id", "s1_x<script>"),
    ("sourced_figures", "source_key", "kim2020`{raw:html}`<script>"),
    ("figure1", "figure_id", "a</script>"),
])
def test_ids_and_hrefs_from_data_must_match_their_pattern(tmp_path, resource, column, value):
    root = copy_book(tmp_path)
    pkg = Package(root)
    path = root / "data" / pkg.spec(resource)["path"]
    set_cell(path, 2, column, value, rehash_root=root)
    with pytest.raises(DataError) as err:
        Package(root).table(resource)
    e = err.value
    assert e.path.name == path.name and e.row == 2 and e.column == column and e.line == 3
    # a source key is also refused when no bibliography entry has it
    assert "pattern" in str(e) or (column == "source_key" and "has no entry in references.bib" in str(e))


def test_ids_go_through_safe_id_where_html_is_built():
    with pytest.raises(ValueError, match="not a safe id"):
        escape.safe_id('x" onload="y')


# --- data stays in data/ ------------------------------------------------------------------------

@pytest.mark.parametrize("bad,why", [
    ("/etc/hostname", "is absolute"),
    ("../references.bib", "climbs out with '..'"),
    ("sub/../../x.csv", "climbs out with '..'"),
    ("C:\\data\\table1.csv", "is absolute"),
    ("https://example.org/table1.csv", "is a URL"),
])
def test_resource_paths_outside_data_are_refused(tmp_path, bad, why):
    root = copy_book(tmp_path)
    set_spec(root, "table1", path=bad)
    with pytest.raises(DataError) as err:
        Package(root).table("table1")
    assert "resource 'table1'" in str(err.value) and why in str(err.value)
    assert err.value.path.name == "datapackage.json"


def test_a_symlink_out_of_data_is_refused(tmp_path):
    root = copy_book(tmp_path)
    outside = tmp_path / "outside.csv"
    shutil.copy(root / "data" / "table1.csv", outside)
    (root / "data" / "linked.csv").symlink_to(outside)
    set_spec(root, "table1", path="linked.csv")
    with pytest.raises(DataError, match=r"resource 'table1'.*leads outside data/"):
        Package(root).table("table1")


# --- editor commands bless only what they say ---------------------------------------------------

def _hashes(root: Path) -> dict[str, str]:
    desc = json.loads((root / "data" / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: r["hash"] for r in desc["resources"]}


def test_record_verdicts_refuses_when_another_file_changed(tmp_path):
    from edition.__main__ import main

    root = copy_book(tmp_path)
    glossary = root / "data" / "glossary.csv"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "unreviewed,검토 안 됨,\n", encoding="utf-8")
    claims_before = (root / "data" / "claims.csv").read_bytes()
    hashes_before = _hashes(root)
    assert main(["record-verdicts", "--root", str(root)]) == 2
    assert (root / "data" / "claims.csv").read_bytes() == claims_before
    assert _hashes(root) == hashes_before


def test_record_verdicts_rehashes_only_the_claims_file(tmp_path, capsys):
    from edition.__main__ import main

    root = copy_book(tmp_path)
    claims = root / "data" / "claims.csv"
    set_cell(claims, 1, "recorded_verdict", "differs")   # a stale verdict to record …
    set_cell(claims, 1, "editor_note", "reviewed")      # … in a reviewed edit of the register
    hashes_before = _hashes(root)
    assert main(["record-verdicts", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    first = next(csv.DictReader(claims.open(encoding="utf-8")))
    assert f"{first['claim_id']}: 'differs' -> " in out
    after = _hashes(root)
    assert after["claims"] == "sha256:" + sha256(claims) != hashes_before["claims"]
    assert {k: v for k, v in after.items() if k != "claims"} == \
        {k: v for k, v in hashes_before.items() if k != "claims"}


def test_rehash_names_each_file_it_rehashes(tmp_path, capsys):
    from edition.__main__ import main

    root = copy_book(tmp_path)
    for name in ("glossary.csv", "table2.csv"):
        path = root / "data" / name
        path.write_text(path.read_text(encoding="utf-8").replace("\n", "\r\n", 1), encoding="utf-8")
    assert main(["rehash", "--root", str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "re-hashed data/table2.csv (resource table2)" in out
    assert "re-hashed data/glossary.csv (resource glossary)" in out
    assert out[-1].startswith("2 file(s) re-hashed")
    assert main(["rehash", "--root", str(root)]) == 0
    assert capsys.readouterr().out.strip() == "all hashes already current"


# --- every declared constraint; numbers straight to Decimal ---------------------------------------

def _field(root: Path, resource: str, name: str, **constraints) -> None:
    path = root / "data" / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    spec = next(r for r in desc["resources"] if r["name"] == resource)
    f = next(f for f in spec["schema"]["fields"] if f["name"] == name)
    f.setdefault("constraints", {}).update(constraints)
    path.write_text(json.dumps(desc, indent=2), encoding="utf-8")


@pytest.mark.parametrize("resource,column,constraint,row,value,words", [
    ("glossary", "term_ko", {"unique": True}, 3, None, "appears more than once"),
    ("glossary", "note", {"minLength": 3}, 2, "ab", "shorter than the minLength 3"),
    ("glossary", "term_en", {"maxLength": 60}, 2, "x" * 61, "longer than the maxLength 60"),
    ("table2", "measure_en", {}, 2, "", "is empty but required"),
    ("table2", "resolution", {}, 2, "9999", "above the maximum 2397"),
    ("table2", "category", {}, 2, "Textiles", "'Textiles' is not an allowed value"),
    ("table2", "adopted", {}, 2, "2017-13-40", "not a valid date"),
    ("editorial_notes", "note_id", {}, 2, "ed-s1-1", "does not match the pattern"),
    ("figure1", "figure_id", {}, 2, "no_such_figure", "is not a figure_id of resource 'sourced_figures'"),
])
def test_each_declared_constraint_is_enforced(tmp_path, resource, column, constraint, row, value, words):
    root = copy_book(tmp_path)
    if constraint:
        _field(root, resource, column, **constraint)
    path = root / "data" / Package(root).spec(resource)["path"]
    if value is None:  # a duplicate of the previous row's value
        prev = list(csv.DictReader(path.open(encoding="utf-8")))[row - 2][column]
        value = prev
    set_cell(path, row, column, value, rehash_root=root)
    with pytest.raises(DataError) as err:
        Package(root).table(resource)
    e = err.value
    assert (e.path.name, e.row, e.column) == (path.name, row, column), str(e)
    assert e.line == row + 1 and words in str(e)


def test_missing_values_declared_by_a_schema_are_missing(tmp_path):
    root = copy_book(tmp_path)
    path = root / "data" / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    spec = next(r for r in desc["resources"] if r["name"] == "glossary")
    spec["schema"]["missingValues"] = ["", "n/a"]
    path.write_text(json.dumps(desc), encoding="utf-8")
    set_cell(root / "data" / "glossary.csv", 1, "note", "n/a", rehash_root=root)
    assert is_missing(Package(root).table("glossary")["note"].iloc[0])
    set_cell(root / "data" / "glossary.csv", 1, "term_ko", "n/a", rehash_root=root)
    with pytest.raises(DataError, match=r"row 1 \(line 2\), column 'term_ko': is empty but required"):
        Package(root).table("glossary")


def test_numbers_are_parsed_straight_to_decimal(tmp_path):
    root = copy_book(tmp_path)
    path = root / "data" / "sourced_figures.csv"
    exact = "6544700000.123456789012345678901"
    set_cell(path, 1, "value", exact, rehash_root=root)
    value = Package(root).table("sourced_figures")["value"].iloc[0]
    assert isinstance(value, Decimal) and value == Decimal(exact) and str(value) == exact
    assert float(exact) != Decimal(exact)  # the same text through float would lose digits
    claims = Package(ROOT).table("claims")["value"]
    assert all(isinstance(v, Decimal) for v in claims)


@pytest.mark.parametrize("bad", ["NaN", "inf", "1,000", "0x10", "1e"])
def test_non_finite_or_odd_numbers_are_refused(tmp_path, bad):
    root = copy_book(tmp_path)
    set_cell(root / "data" / "sourced_figures.csv", 1, "value", bad, rehash_root=root)
    with pytest.raises(DataError, match=r"row 1 \(line 2\), column 'value'"):
        Package(root).table("sourced_figures")


def test_bom_and_non_utf8_are_refused_with_their_line(tmp_path):
    root = copy_book(tmp_path)
    path = root / "data" / "table2.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    rehash(root)
    with pytest.raises(DataError, match=r"table2\.csv, line 1: starts with a UTF-8 byte-order mark"):
        Package(root).table("table2")
    data = path.read_bytes()[3:].split(b"\n")
    data[4] = data[4] + b"\xff"
    path.write_bytes(b"\n".join(data))
    rehash(root)
    with pytest.raises(DataError, match=r"table2\.csv, line 5: byte 0xff is not UTF-8"):
        Package(root).table("table2")


def test_validation_is_remembered_per_content(tmp_path):
    root = copy_book(tmp_path)
    Package(root).validate_all()
    markers = list((root / "_build" / ".edition-data").iterdir())
    assert len(markers) == 1
    set_cell(root / "data" / "glossary.csv", 1, "note", "changed", rehash_root=root)
    Package(root).validate_all()
    assert len(list((root / "_build" / ".edition-data").iterdir())) == 2


# --- links with another scheme are never published, whatever made them --------------------------

def test_links_with_other_schemes_are_unlinked_in_the_build(caplog):
    from docutils import nodes
    from docutils.utils import new_document
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser

    from edition.site import unlink_unsafe_urls

    doc = new_document("page", get_default_settings(Parser))
    para = nodes.paragraph()
    targets = ["javascript:alert(1)", "java\tscript:alert(1)", " JAVASCRIPT:alert(1)",
               "data:text/html,<script>alert(1)</script>", "vbscript:x", "https://example.org/",
               "mailto:editor@example.org", "ledger.html#claim-s1_x", "#note-3", "//example.org/x"]
    for t in targets:
        para += nodes.reference("", f"text {t}", refuri=t)
    doc += para
    unlink_unsafe_urls(None, doc, "page")
    kept = [r["refuri"] for r in doc.findall(nodes.reference)]
    assert kept == ["https://example.org/", "mailto:editor@example.org", "ledger.html#claim-s1_x",
                    "#note-3", "//example.org/x"]
    assert "text javascript:alert(1)" in doc.astext()  # the text stays, inert


def test_the_bibliography_style_prints_unsafe_urls_as_text():
    from pybtex.database import Entry
    from pybtex.plugin import find_plugin

    from edition.bibstyle import register_formatting_style

    register_formatting_style()
    style = find_plugin("pybtex.style.formatting", "edition")()
    good = Entry("misc", fields={"title": "T", "year": "2020", "url": "https://example.org/a"})
    bad = Entry("misc", fields={"title": "T", "year": "2020", "url": "javascript:alert(1)"})
    good.key, bad.key = "good", "bad"
    html_good = style.format_entry("good", good).text.render_as("html")
    html_bad = style.format_entry("bad", bad).text.render_as("html")
    assert '<a href="https://example.org/a">' in html_good
    assert "<a " not in html_bad and "javascript:alert(1)" in html_bad


def test_an_entry_without_url_gets_no_url_and_no_warning(caplog):
    from pybtex.database import Entry
    from pybtex.plugin import find_plugin

    from edition.bibstyle import register_formatting_style

    register_formatting_style()
    entry = Entry("misc", fields={"title": "T", "year": "2020"})
    entry.key = "plain"
    text = find_plugin("pybtex.style.formatting", "edition")().format_entry("plain", entry).text
    assert "URL" not in text.render_as("text")
    assert "is not an http" not in caplog.text


# --- the site's own inputs: environment addresses, configuration, the source tree, prose --------

from tests.hostile import (  # noqa: E402
    BIDI_PROSE_LINE, HOSTILE_ADDRESSES, HOSTILE_CONFIG, HOSTILE_PROSE, RAW_PROSE_LINES)


@pytest.mark.parametrize("variable,value,named", HOSTILE_ADDRESSES)
def test_environment_addresses_are_refused_unless_well_formed_https(variable, value, named):
    from edition import publish

    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "a/b", variable: value}
    with pytest.raises(publish.AddressError, match=named):
        publish.repository_url(env) if variable != "EDITION_BASE_URL" else publish.base_url(env)


def test_a_refused_address_stops_the_build_as_a_configuration_error(monkeypatch):
    from types import SimpleNamespace

    from sphinx.errors import ConfigError

    from edition import publish

    monkeypatch.setenv("EDITION_REPOSITORY_URL", HOSTILE_ADDRESSES[0][1])
    config = SimpleNamespace(html_theme_options={}, html_baseurl="")
    with pytest.raises(ConfigError, match=r"environment: EDITION_REPOSITORY_URL .* not a well-formed https"):
        publish._on_config(SimpleNamespace(), config)


def _config(**values):
    from types import SimpleNamespace

    base = {"html_title": "North Korea, Apparel Production Networks and UN Sanctions — an executable edition",
            "author": "Jong-Woon Lee and Kevin Gray (text); edition contributors (apparatus)",
            "copyright": "2020 the authors (text); 2026 edition contributors (code and data)",
            "project": "Python", "html_short_title": None, "html_baseurl": "", "html_logo": "",
            "html_favicon": "",
            "html_theme_options": {"search_bar_text": "Search this book...", "repository_url": "",
                                   "repository_branch": "main", "extra_footer": "", "announcement": "",
                                   "launch_buttons": {"binderhub_url": "https://mybinder.org",
                                                      "notebook_interface": "jupyterlab"},
                                   "analytics": {"plausible_analytics_url": "https://plausible.io/js/script.js"}}}
    base.update(values)
    return SimpleNamespace(**base)


def test_the_real_configuration_and_markup_in_text_values_are_accepted():
    """Title, author and copyright are text: markup in them is escaped where it reaches a page
    (below), not refused; the real values (an em dash, parentheses, a semicolon) pass."""
    from edition.theme_context import config_problems

    assert config_problems(_config(), ROOT) == []
    assert config_problems(_config(html_title=HOSTILE_CONFIG["title"], author=HOSTILE_CONFIG["author"],
                                   copyright=HOSTILE_CONFIG["copyright"]), ROOT) == []


@pytest.mark.parametrize("change,words", [
    ({"html_title": "Edition\u202e noitide"}, "'title' holds control or invisible characters (U+202E)"),
    ({"author": "Eve\u200bMallory"}, "'author' holds control or invisible characters (U+200B)"),
    ({"copyright": ["2026"]}, "'copyright' must be text, not list"),
    ({"html_baseurl": "https://x.org/\" onload=\"x"}, "'html.baseurl' 'https://x.org/\" onload=\"x' is not a well-formed https"),
    ({"html_logo": "/etc/passwd"}, "'logo' '/etc/passwd' is not a file inside the book"),
    ({"html_favicon": "https://evil.example/f.ico"}, "'html.favicon' 'https://evil.example/f.ico' must be a file inside the book"),
])
def test_configuration_values_that_cannot_be_published_are_named(change, words):
    from edition.theme_context import config_problems

    problems = config_problems(_config(**change), ROOT)
    assert len(problems) == 1 and problems[0].startswith("_config.yml: ") and words in problems[0], problems


@pytest.mark.parametrize("option,value,words", [
    ("announcement", "<script>alert(1)</script>", "'html.announcement' is published by the theme as HTML"),
    ("extra_footer", "<b>x</b>", "'html.extra_footer' is published by the theme as HTML"),
    ("repository_branch", "main\" onmouseover=\"alert(1)", "'repository.branch' 'main\" onmouseover"),
    ("repository_url", "https://github.com/a/b\"x", "'repository.url' 'https://github.com/a/b\"x' is not a well-formed https"),
    ("search_bar_text", "Search\u202e", "holds control or invisible characters (U+202E)"),
])
def test_theme_options_that_cannot_be_published_are_named(option, value, words):
    from edition.theme_context import config_problems

    config = _config()
    config.html_theme_options[option] = value
    problems = config_problems(config, ROOT)
    assert len(problems) == 1 and words in problems[0], problems


def test_launch_button_addresses_must_be_https():
    from edition.theme_context import config_problems

    config = _config()
    config.html_theme_options["launch_buttons"]["binderhub_url"] = "javascript:alert(1)//"
    assert config_problems(config, ROOT) == [
        "_config.yml: 'launch_buttons.binderhub_url' 'javascript:alert(1)//' is not a well-formed https address"]


def test_configuration_text_reaches_the_templates_escaped_once():
    """Whether a template writes ``{{ author }}`` or ``{{ author|e }}``, the reader sees the text."""
    from jinja2 import Environment

    from edition.theme_context import escape_context

    context = {"docstitle": HOSTILE_CONFIG["title"], "author": HOSTILE_CONFIG["author"],
               "copyright": HOSTILE_CONFIG["copyright"], "pagetitle": "A <b> & B", "body": "<p>kept</p>"}
    escape_context(None, "page", "page.html", context, None)
    env = Environment()
    for key in ("docstitle", "author", "copyright", "pagetitle"):
        raw = env.from_string("{{ v }}").render(v=context[key])
        escaped = env.from_string("{{ v|e }}").render(v=context[key])
        assert raw == escaped and "<" not in raw and live_markup(f"<p>{raw}</p>") == [], key
    assert env.from_string("{{ v }}").render(v=context["pagetitle"]) == "A &lt;b&gt; &amp; B"
    assert context["body"] == "<p>kept</p>"  # HTML the page was built as stays HTML


# --- only the repository is published ------------------------------------------------------------

def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "book"
    for folder in ("chapters", "_static/lib", "data"):
        (root / folder).mkdir(parents=True)
    (root / "_toc.yml").write_text("format: jb-book\nroot: chapters/a\nchapters:\n  - file: chapters/passwd\n",
                                   encoding="utf-8")
    (root / "chapters" / "a.md").write_text("# A\n", encoding="utf-8")
    return root


def test_symlinks_leading_out_of_the_repository_are_found_anywhere(tmp_path):
    from edition.sourcetree import links_out

    root = _tree(tmp_path)
    (root / "_static" / "env.txt").symlink_to("/proc/self/environ")
    (root / "chapters" / "passwd.md").symlink_to("/etc/passwd")
    (root / "data" / "deep").mkdir()
    (root / "data" / "deep" / "up").symlink_to("../../..", target_is_directory=True)
    (root / "_static" / "gone.js").symlink_to(tmp_path / "nowhere.js")
    (root / "_static" / "lib" / "inside.md").symlink_to("../../chapters/a.md")  # stays inside: fine
    venv = root / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (venv / "bin" / "python").symlink_to("/usr/bin/python3")  # a Python environment: not walked
    found = dict(links_out(root))
    assert found == {"_static/env.txt": "/proc/self/environ", "chapters/passwd.md": "/etc/passwd",
                     "data/deep/up": "../../..",
                     "_static/gone.js": f"{tmp_path / 'nowhere.js'} (which does not exist)"}


def test_the_build_refuses_a_link_out_before_reading_anything(tmp_path):
    from types import SimpleNamespace

    from sphinx.errors import ConfigError

    from edition.sourcetree import refuse_links_out

    root = _tree(tmp_path)
    (root / "_static" / "env.txt").symlink_to("/proc/self/environ")
    with pytest.raises(ConfigError, match=r"_static/env\.txt is a symbolic link to /proc/self/environ, "
                                          r"outside the repository"):
        refuse_links_out(SimpleNamespace(srcdir=str(root)), None)
    (root / "_static" / "env.txt").unlink()
    refuse_links_out(SimpleNamespace(srcdir=str(root)), None)  # nothing else to refuse


def test_the_checker_names_each_link_out_and_does_not_read_it(tmp_path):
    from edition.check.model import load_book

    root = _tree(tmp_path)
    (root / "_static" / "env.txt").symlink_to("/proc/self/environ")
    (root / "chapters" / "passwd.md").symlink_to("/etc/passwd")
    book = load_book(root)
    links = sorted((f.path, f.rule) for f in book.problems if f.rule == "symlink")
    assert links == [("_static/env.txt", "symlink"), ("chapters/passwd.md", "symlink")]
    assert [c.rel for c in book.chapters] == ["chapters/a.md"]  # /etc/passwd was not read


def test_an_unlisted_file_in_static_stops_the_build(tmp_path):
    from types import SimpleNamespace

    from sphinx.errors import ConfigError

    from edition.site import STATIC_FILES, refuse_unlisted_static, unlisted_static_files

    root = _tree(tmp_path)
    for rel in STATIC_FILES:
        (root / "_static" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "_static" / rel).write_text("x", encoding="utf-8")
    (root / "_static" / ".DS_Store").write_text("x", encoding="utf-8")  # never copied by Sphinx
    assert unlisted_static_files(root, ["_static"]) == []
    (root / "_static" / "x.js").write_text("alert(1)", encoding="utf-8")
    (root / "_static" / "lib" / "extra.css").write_text("*{}", encoding="utf-8")
    assert unlisted_static_files(root, ["_static", "_static"]) == ["_static/lib/extra.css", "_static/x.js"]
    with pytest.raises(ConfigError, match=r"these are not listed: _static/lib/extra\.css, _static/x\.js\. "
                                          r"Add each to STATIC_FILES in edition/site\.py"):
        refuse_unlisted_static(SimpleNamespace(srcdir=str(root)), SimpleNamespace(html_static_path=["_static"]))


def test_every_file_of_the_real_static_folder_is_listed_and_exists():
    from edition.site import STATIC_FILES, unlisted_static_files

    assert unlisted_static_files(ROOT, ["_static"]) == []
    assert all((ROOT / "_static" / rel).is_file() for rel in STATIC_FILES)


# --- raw HTML in chapter prose --------------------------------------------------------------------

def test_the_checker_refuses_raw_html_in_chapters_with_file_and_line(tmp_path):
    from edition.check.model import load_book
    from edition.check.rawhtml import check_raw_html

    root = _tree(tmp_path)
    shutil.copy(ROOT / "_config.yml", root / "_config.yml")
    head = "# A\n\n:::::{pair} a-p01\n::::{div} lang-en\nInside <img src=x onerror=alert(1)>.\n::::\n:::::\n"
    (root / "chapters" / "a.md").write_text(head + HOSTILE_PROSE + "\n<!-- x -->\n\n"
                                            "Fine: <https://example.org/>, a < b, `<b>`.\n", encoding="utf-8")
    found = [(f.line, f.message.split(":")[0]) for f in check_raw_html(load_book(root))]
    offset = head.count("\n")
    lines = [offset + n for n in RAW_PROSE_LINES]
    assert [line for line, _ in found] == [5, lines[0], lines[0], lines[1], lines[2],
                                           offset + BIDI_PROSE_LINE + 2]
    assert found[0][1] == "inline HTML '<img src=x onerror=alert(1)>'"
    assert {found[1][1], found[2][1]} == {"inline HTML '<script>'", "inline HTML '</script>'"}
    assert found[3][1].startswith("inline HTML '<img src=x onerror=")
    assert found[4][1] == "{raw} block (its content goes to the page unescaped)"
    assert found[5][1] == "HTML block '<!-- x -->'"
    assert all(f.rule == "raw-html" and f.path == "chapters/a.md" for f in check_raw_html(load_book(root)))


def test_the_real_chapters_hold_no_raw_html():
    from edition.check.model import load_book
    from edition.check.rawhtml import check_raw_html

    assert check_raw_html(load_book(ROOT)) == []


def test_the_build_shows_raw_html_of_the_text_as_text_and_keeps_cell_outputs():
    """edition/sphinxext/raw.py on a doctree: raw nodes of the text become their source as text;
    a notebook cell's output (inside myst-nb's container, which no Markdown can make) stays."""
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from edition.sphinxext.raw import inert_raw

    doc = new_document("chapter.md", get_default_settings(Parser))
    para = nodes.paragraph("", "Prose ")
    para += nodes.raw("", "<img src=x onerror=alert(1)>", format="html")
    doc += para
    doc += nodes.raw("", "<script>alert(2)</script>", format="html", classes=["output", "text_html"])
    output = nodes.container(nb_element="cell_code_output", classes=["cell_output"])
    output += nodes.raw("", "<div id='figure1-en'></div>", format="html", classes=["output", "text_html"])
    doc += output
    inert_raw(None, doc)
    kept = [n.astext() for n in doc.findall(nodes.raw)]
    assert kept == ["<div id='figure1-en'></div>"]
    assert [type(n).__name__ for n in doc.findall(lambda n: "refused-raw" in getattr(n, "get", lambda *_: [])("classes", []))] \
        == ["literal", "literal_block"]  # inline in the paragraph, a block where a block was
    assert "<img src=x onerror=alert(1)>" in para.astext()


def test_bidi_controls_and_invisible_characters_in_page_text_are_warned(caplog):
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from edition.sphinxext.raw import flag_hidden_characters

    doc = new_document("chapter.md", get_default_settings(Parser))
    doc += nodes.paragraph("", "Line one\nline two\twith a tab.")  # running text: fine
    doc += nodes.paragraph("", "abc\u202edcba\u202c and zero\u200bwidth")
    with caplog.at_level("WARNING"):
        flag_hidden_characters(None, doc)
    warned = [r.getMessage() for r in caplog.records if "bidi-control" in r.getMessage()]
    assert len(warned) == 1 and "(U+202E, U+202C, U+200B)" in warned[0], warned


def test_the_checker_names_an_unlisted_static_file(tmp_path):
    from edition.check import _static
    from edition.check.model import load_book

    root = _tree(tmp_path)
    (root / "_static" / "x.js").write_text("alert(1)", encoding="utf-8")
    found = _static(load_book(root))
    assert [(f.path, f.rule) for f in found] == [("_static/x.js", "static-unlisted")]
    assert "the build refuses to publish it" in found[0].message


def test_a_page_cannot_include_a_file_from_outside(tmp_path):
    """``{literalinclude}`` of ``../../etc/hostname`` stops the build as the page is read,
    naming it; nothing is written (a plain Sphinx build with MyST, ~2 s)."""
    import subprocess
    import sys

    src = tmp_path / "book"
    (src / "sub").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["myst_parser", "edition.sourcetree"]\n', encoding="utf-8")
    (src / "index.md").write_text("# Root\n\n```{toctree}\nsub/index\n```\n", encoding="utf-8")
    up = "../" * (len(src.resolve().parts) + 1)
    (src / "sub" / "index.md").write_text(f"# Leak\n\n```{{literalinclude}} {up}etc/hostname\n```\n",
                                          encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(src / "_build")],
                         capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode != 0
    assert "Only the repository is published" in run.stderr
    assert "sub/index.md includes /etc/hostname, outside the repository" in run.stderr
    assert not (src / "_build" / "sub").exists()


def test_a_page_cannot_show_or_offer_a_file_from_outside(tmp_path):
    from types import SimpleNamespace

    from edition.sourcetree import files_from_outside

    env = SimpleNamespace(images={"pics/a.png": ({"chapters/x"}, "a.png"),
                                  "../../etc/logo.png": ({"chapters/x"}, "logo.png")},
                          dlfiles={"../secret.txt": ({"chapters/y"}, "h/secret.txt"),
                                   "data/table1.csv": ({"chapters/y"}, "h/table1.csv")},
                          doc2path=lambda doc, base=True: f"{doc}.md")
    assert files_from_outside(tmp_path, env) == [
        "chapters/x.md shows the image ../../etc/logo.png, outside the repository",
        "chapters/y.md offers for download ../secret.txt, outside the repository"]

"""The edition's configuration values (edition/site/config.py): one declaration that _config.yml,
the build, ``python -m edition.pdf`` and the checker all follow; a value that is not what it must
be stops the build naming _config.yml and the key; environment variables override where CI must."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from sphinx.errors import ConfigError

from edition.site import config

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "config" / "_config.yml"
MINIBOOK = Path(__file__).parent / "fixtures" / "minibook"

#: What the edition declares, written out here (not read from the module under test).
DECLARED = {
    "edition_execution_workers": None, "edition_repository_url": "", "edition_base_url": "",
    "edition_article_page": "chapters/00-front", "edition_changelog_page": "chapters/changelog",
    "edition_pdf_dir": "pdf", "edition_remove_source_maps": True, "edition_drop_fontawesome_js": True,
    "edition_search_index_only_on_search_page": True, "edition_trim_icons": True,
    "edition_trim_page_assets": True,
}


def _book_values() -> dict:
    data = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return {k: v for k, v in data["sphinx"]["config"].items() if k.startswith("edition_")}


def test_config_yml_lists_every_declared_value_and_no_other():
    assert set(_book_values()) == set(config.CONFIG) == set(DECLARED)


def test_config_yml_gives_each_value_its_default():
    assert _book_values() == DECLARED
    assert {name: value.default for name, value in config.CONFIG.items()} == DECLARED


def test_every_value_has_a_one_line_doc_and_a_rebuild_kind():
    for name, value in config.CONFIG.items():
        assert value.doc and "\n" not in value.doc, name
        assert value.rebuild in ("", "env", "html"), name
        assert value.valid(value.default), name


@pytest.mark.parametrize("name, value, expected", [
    ("edition_trim_icons", "no", "'sphinx.config.edition_trim_icons' must be true or false, not 'no'"),
    ("edition_trim_page_assets", 0, "must be true or false, not 0"),
    ("edition_execution_workers", "4", "must be a whole number of kernels (1 or more), or null"),
    ("edition_execution_workers", 0, "not 0"),
    ("edition_execution_workers", True, "not True"),
    ("edition_pdf_dir", "../../outside", "must be a folder inside the site"),
    ("edition_pdf_dir", "/tmp", "not '/tmp'"),
    ("edition_article_page", 5, "must be a page of the book without its suffix"),
    ("edition_changelog_page", "chapters/changelog.md", "not 'chapters/changelog.md'"),
    ("edition_base_url", "http://example.org/x", "must be an https address"),
    ("edition_repository_url", 'https://github.com/a/b" onmouseover="alert(1)', "must be an https address"),
    ("edition_repository_url", None, "not None"),
])
def test_a_value_that_is_not_what_it_must_be_names_the_file_and_key(name, value, expected):
    from types import SimpleNamespace

    with pytest.raises(ConfigError, match=r"^_config\.yml: 'sphinx\.config\." + name + "' ") as caught:
        config.read(SimpleNamespace(**{name: value}), name)
    assert expected in str(caught.value)


def _sphinx(tmp_path: Path, extensions: list[str], **overrides):
    """A real Sphinx application on an empty project, with _config.yml's values as Jupyter Book
    passes them (overrides); its configuration, once read."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    (src / "conf.py").write_text(f"extensions = {extensions!r}\n", encoding="utf-8")
    (src / "index.rst").write_text("x\n=\n", encoding="utf-8")
    with docutils_namespace():
        return Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html",
                      confoverrides=overrides, status=None, warning=None).config


def test_register_declares_every_value_once_whichever_extension_calls_it(tmp_path):
    # Two extensions that each call register(): the second call does nothing (no "already present").
    found = _sphinx(tmp_path, ["edition.site.pdf_links", "edition.site.meta"], edition_pdf_dir="print/pdfs")
    assert found.edition_pdf_dir == "print/pdfs"
    assert found.edition_trim_icons is True
    assert all(name in found for name in DECLARED)


def test_a_site_address_in_config_yml_turns_the_sitemap_on(tmp_path, monkeypatch):
    """edition.site.publish decides in setup(), before the configuration is checked, whether to
    load sphinx-sitemap: it must already see the value _config.yml gives."""
    monkeypatch.delenv("EDITION_BASE_URL", raising=False)
    found = _sphinx(tmp_path, ["edition.site.publish"], edition_base_url="https://someone.github.io/e")
    assert found.html_baseurl == "https://someone.github.io/e/"
    assert "sitemap_filename" in found  # declared by sphinx_sitemap: it was loaded
    (tmp_path / "none").mkdir()
    assert "sitemap_filename" not in _sphinx(tmp_path / "none", ["edition.site.publish"])


def test_the_build_stops_on_a_bad_value_and_on_an_undeclared_name(tmp_path):
    with pytest.raises(ConfigError) as caught:
        _sphinx(tmp_path, ["edition.site.pdf_links"], edition_trim_icons="false", edition_trim_icon=False)
    assert str(caught.value).splitlines() == [
        "_config.yml: 'sphinx.config.edition_trim_icon' is not a value of the edition (did you mean "
        "edition_trim_icons?): edition/site/config.py declares each one",
        "_config.yml: 'sphinx.config.edition_trim_icons' must be true or false, not 'false'",
    ]


def test_book_value_reads_the_books_config_yml(tmp_path):
    assert config.book_value(tmp_path, "edition_pdf_dir") == "pdf"  # no _config.yml: the default
    (tmp_path / "_config.yml").write_text("sphinx:\n  config:\n    edition_pdf_dir: print\n", encoding="utf-8")
    assert config.book_value(tmp_path, "edition_pdf_dir") == "print"
    assert config.book_value(ROOT, "edition_pdf_dir") == "pdf"
    shutil.copy(FIXTURE, tmp_path / "_config.yml")
    with pytest.raises(ConfigError, match=r"'sphinx\.config\.edition_pdf_dir' must be a folder inside the site"):
        config.book_value(tmp_path, "edition_pdf_dir")
    (tmp_path / "_config.yml").write_text("sphinx: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"_config\.yml cannot be read \(.*\): python -m edition check names the line"):
        config.book_value(tmp_path, "edition_pdf_dir")


def test_the_pdf_command_refuses_a_folder_outside_the_site_before_printing(tmp_path, monkeypatch, capsys):
    from edition.print import pdf

    shutil.copy(FIXTURE, tmp_path / "_config.yml")
    monkeypatch.setattr(pdf, "ROOT", tmp_path)
    monkeypatch.delenv("EDITION_BASE_URL", raising=False)
    assert pdf.main(["--site", str(tmp_path / "nowhere")]) == 2
    assert "edition.pdf: _config.yml: 'sphinx.config.edition_pdf_dir' must be a folder inside the site" \
        in capsys.readouterr().err


def test_the_checker_names_each_bad_edition_value_at_its_line(tmp_path, capsys):
    from edition.__main__ import main

    root = tmp_path / "book"
    shutil.copytree(MINIBOOK, root)
    shutil.copy(FIXTURE, root / "_config.yml")
    assert main(["check", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert ("_config.yml:10: [config-undeclared] 'sphinx.config.edition_trim_icon' is not a value of "
            "the edition (did you mean edition_trim_icons?)") in out
    for line, name in ((11, "edition_pdf_dir"), (12, "edition_execution_workers"),
                       (13, "edition_repository_url"), (14, "edition_remove_source_maps")):
        assert f"_config.yml:{line}: [config-value] 'sphinx.config.{name}' must be " in out
    assert "_config.yml:9:" not in out  # edition_trim_icons: true is fine


def test_the_real_config_yml_has_no_config_finding():
    from edition.check.book_config import check_book_config
    from edition.check.model import load_book

    assert check_book_config(load_book(ROOT)) == []


# --- EDITION_EXECUTION_WORKERS over edition_execution_workers over one per core -------------------

def test_workers_environment_over_config_over_cores(monkeypatch):
    import os

    from edition.site.execution import workers

    monkeypatch.delenv("EDITION_EXECUTION_WORKERS", raising=False)
    assert workers(10, 3) == 3
    assert workers(2, 3) == 2  # never more than the chapters to run
    assert workers(64, None) == min(os.cpu_count() or 1, 64)
    monkeypatch.setenv("EDITION_EXECUTION_WORKERS", "1")
    assert workers(10, 3) == 1
    monkeypatch.setenv("EDITION_EXECUTION_WORKERS", "two")
    with pytest.raises(ConfigError, match=r"environment: EDITION_EXECUTION_WORKERS 'two' is not a whole number"):
        workers(10, 3)


def test_the_download_menu_links_to_the_configured_pdf_folder():
    from types import SimpleNamespace

    from edition.site.pdf_links import add_pdf_links

    app = SimpleNamespace(config=SimpleNamespace(edition_pdf_dir="print/pdfs"))
    menu = {"label": "download-buttons", "buttons": []}
    context = {"header_buttons": [menu], "pathto": lambda target, resource: f"../{target}"}
    add_pdf_links(app, "chapters/02-integration", "page.html", context, None)
    assert [b["url"] for b in menu["buttons"]] == [
        "../print/pdfs/lee-gray-2020-edition-en.pdf", "../print/pdfs/lee-gray-2020-edition-ko.pdf",
        "../print/pdfs/lee-gray-2020-edition-both.pdf"]

"""``python -m edition.lab``: the setting that makes JupyterLab open .md chapters as notebooks, and
the chapter it opens. (The real JupyterLab run is tests/browser/test_jupyterlab.py.)"""
from __future__ import annotations

import json

import pytest

from edition import CHAPTERS, ROOT, lab

PLUGIN = "@jupyterlab/docmanager-extension:plugin"


def test_settings_live_in_the_environment_not_the_users_home(tmp_path):
    path = lab.settings_file(tmp_path)
    assert path == tmp_path / "etc" / "jupyter" / "labconfig" / "default_setting_overrides.json"


def test_configure_writes_the_jupytext_viewer_once(tmp_path):
    path = lab.settings_file(tmp_path)
    assert lab.configure(path) is True
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data[PLUGIN]["defaultViewers"] == {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}
    mtime = path.stat().st_mtime_ns
    assert lab.configure(path) is False  # nothing to change: not rewritten
    assert path.stat().st_mtime_ns == mtime
    assert lab.viewers(path)["myst"] == "Jupytext Notebook"


def test_configure_keeps_other_settings_and_a_viewer_the_user_chose(tmp_path):
    path = lab.settings_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({PLUGIN: {"defaultViewers": {"markdown": "Markdown Preview"}},
                                "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}),
                    encoding="utf-8")
    assert lab.configure(path) is True
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data[PLUGIN]["defaultViewers"] == {"markdown": "Markdown Preview", "myst": "Jupytext Notebook"}
    assert data["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}


def test_viewers_of_a_missing_file_is_empty(tmp_path):
    assert lab.viewers(tmp_path / "none.json") == {}


@pytest.mark.parametrize("name", [None, "chapters/04-sanctions.md", "04-sanctions.md", "04-sanctions"])
def test_chapter_names_a_student_may_type(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    want = CHAPTERS / ("run-it-yourself.md" if name is None else "04-sanctions.md")
    assert lab.chapter_path(name) == want.resolve()


def test_unknown_chapter_is_refused_in_both_languages_with_the_list():
    with pytest.raises(SystemExit) as err:
        lab.chapter_path("07-epilogue")
    text = str(err.value)
    assert "No chapter '07-epilogue'" in text and "장 '07-epilogue'" in text and "04-sanctions" in text


def test_jupyterlab_is_served_from_the_repository_root_on_the_chapter():
    argv = lab.lab_argv(CHAPTERS / "02-integration.md", ["--no-browser"])
    assert argv == [f"--ServerApp.root_dir={ROOT}", str(CHAPTERS / "02-integration.md"), "--no-browser"]


def test_configure_only_stops_before_jupyterlab(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(lab, "settings_file", lambda prefix=None: tmp_path / "s.json")
    assert lab.main(["--configure-only"]) == 0
    assert "open .md chapters as notebooks" in capsys.readouterr().out
    assert lab.main(["--configure-only"]) == 0
    assert capsys.readouterr().out == ""  # already set: says nothing

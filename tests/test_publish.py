"""Launch links are real or absent (edition/site/publish.py), and no placeholder address is left
anywhere in the repository; the Pages workflow runs the README's test command."""
from __future__ import annotations

import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from edition.site import publish

ROOT = Path(__file__).resolve().parent.parent
GH = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "someone/some-edition"}


def _config(**theme):
    launch = {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"}
    return SimpleNamespace(html_theme_options={"launch_buttons": launch, **theme}, html_baseurl="")


def test_repository_from_github_actions_environment():
    assert publish.repository_url(GH) == "https://github.com/someone/some-edition"
    assert publish.repository_url({**GH, "EDITION_REPOSITORY_URL": "https://example.org/a/b/"}) == \
        "https://example.org/a/b"


def test_no_address_when_the_environment_has_none():
    assert publish.repository_url({}) is None
    assert publish.repository_url({"GITHUB_REPOSITORY": "a/b"}) is None  # no server: no guess
    assert publish.base_url({}) is None


@pytest.mark.parametrize("env, what", [
    ({"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "no-slash"}, "owner/name"),
    ({"EDITION_REPOSITORY_URL": "javascript:alert(1)"}, "http"),
    ({"EDITION_REPOSITORY_URL": "ftp://x.org/a/b"}, "http"),
])
def test_bad_repository_address_is_refused(env, what):
    with pytest.raises(ValueError, match=what):
        publish.repository_url(env)


def test_base_url_ends_with_slash_and_refuses_other_schemes():
    assert publish.base_url({"EDITION_BASE_URL": "https://someone.github.io/some-edition"}) == \
        "https://someone.github.io/some-edition/"
    with pytest.raises(ValueError, match="EDITION_BASE_URL"):
        publish.base_url({"EDITION_BASE_URL": "data:text/html,x"})


def test_addresses_from_config_yml_unless_the_environment_gives_one():
    assert publish.repository_url({}, "https://example.org/a/b/") == "https://example.org/a/b"
    assert publish.repository_url(GH, "https://example.org/a/b") == "https://github.com/someone/some-edition"
    assert publish.repository_url({"EDITION_REPOSITORY_URL": "https://x.org/c/d"}, "https://example.org/a/b") == \
        "https://x.org/c/d"
    assert publish.base_url({}, "https://x.org/e") == "https://x.org/e/"
    assert publish.base_url({"EDITION_BASE_URL": "https://y.org/f"}, "https://x.org/e") == "https://y.org/f/"
    config = _config()
    config.edition_repository_url, config.edition_base_url = "https://example.org/a/b", "https://x.org/e/"
    assert publish.apply_addresses(config, {}) == {"repository": "https://example.org/a/b", "base": "https://x.org/e/"}
    assert config.html_theme_options["repository_url"] == "https://example.org/a/b"
    assert config.html_theme_options["launch_buttons"]["binderhub_url"] == "https://mybinder.org"


@pytest.mark.parametrize("function, key", [(publish.repository_url, "edition_repository_url"),
                                           (publish.base_url, "edition_base_url")])
def test_a_bad_configured_address_names_its_key(function, key):
    with pytest.raises(publish.AddressError,
                       match=rf"^_config\.yml 'sphinx\.config\.{key}' 'ftp://x\.org/a' is not a well-formed https"):
        function({}, "ftp://x.org/a")


def test_without_address_no_launch_button_and_no_baseurl():
    config = _config()
    found = publish.apply_addresses(config, {})
    assert found == {"repository": None, "base": None}
    opts = config.html_theme_options
    assert opts["repository_url"] == ""
    assert not any(opts["launch_buttons"].get(k) for k in ("binderhub_url", "jupyterhub_url", "colab_url", "thebe"))
    assert config.html_baseurl == ""


def test_with_address_launch_buttons_point_at_it():
    config = _config()
    publish.apply_addresses(config, {**GH, "EDITION_BASE_URL": "https://someone.github.io/some-edition/"})
    opts = config.html_theme_options
    assert opts["repository_url"] == "https://github.com/someone/some-edition"
    assert opts["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert config.html_baseurl == "https://someone.github.io/some-edition/"
    assert config.sitemap_url_scheme == "{link}"


def test_config_holds_no_repository_address():
    cfg = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    # Empty, not absent: Jupyter Book would otherwise fill in its own repository.
    assert cfg["repository"]["url"] == ""


def _tracked_text_files() -> list[Path]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    files = [ROOT / f for f in out.decode().split("\0") if f]
    return [f for f in files if f.is_file() and f.suffix in {
        ".md", ".yml", ".yaml", ".py", ".cff", ".txt", ".toml", ".ini", ".json", ".csv", ".sh", ".js",
        ".css", ".html", ".cfg", ""}]


#: Repository addresses that were, or would be, placeholders: the invented one the edition used to
#: carry, Jupyter Book's own default repository, and template stand-ins.
PLACEHOLDERS = ("github.com/edition/", "executablebooks/jupyter-book", "github.com/your-",
                "github.com/your_", "github.com/<", "github.com/USERNAME", "github.com/{")


def test_no_placeholder_address_anywhere():
    hits = []
    for path in _tracked_text_files():
        if path.resolve() == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        hits += [f"{path.relative_to(ROOT)}: {p}" for p in PLACEHOLDERS if p in text]
    assert not hits, hits


def test_pages_workflow_runs_the_readme_test_command_and_publishes_the_site():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash tools/test.sh" in readme
    steps = wf["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "bash tools/test.sh" in runs
    test_step = next(s for s in steps if s.get("run") == "bash tools/test.sh")
    assert "steps.pages.outputs.base_url" in test_step["env"]["EDITION_BASE_URL"]
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"
    assert any(str(s.get("uses", "")).startswith("actions/deploy-pages") for s in wf["jobs"]["deploy"]["steps"])
    assert wf["permissions"]["pages"] == "write"

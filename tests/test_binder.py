"""Binder's configuration as repo2docker reads it, checked offline against repo2docker's documented rules.

The rules (repo2docker documentation, "Configuration files", and its Python build pack):

* Configuration files are looked for in ``binder/`` or ``.binder/`` (never both: that is an error);
  when such a folder exists, the files at the top of the repository are ignored.
* A ``Dockerfile`` replaces every other file; ``environment.yml`` selects the conda build pack and
  makes ``runtime.txt`` ignored; ``Pipfile``, ``default.nix``, ``Project.toml``, ``install.R``,
  ``DESCRIPTION`` select other build packs. None of them may be in the folder.
* ``runtime.txt`` is one line ``python-x.y``; it is split on ``-`` into a name and a version, and
  the version must satisfy ``requires-python`` of a top-level ``pyproject.toml``.
* ``requirements.txt`` is installed with ``pip install -r`` from the repository root; a line that is
  a local reference (``-r``, ``-c``, ``-e .``) makes repo2docker copy the whole repository first.
* Without a ``binder/`` folder, a top-level ``pyproject.toml`` with ``[project]`` and
  ``[build-system]`` makes the repository "a Python package": repo2docker then also runs
  ``pip install .``, a non-editable copy of ``edition`` whose ``ROOT`` would be site-packages, far
  from ``data/`` — every chapter would fail on Binder. The ``binder/`` folder is what prevents it.
* ``postBuild`` runs once after the environment is installed; it must be executable, start with
  ``#!/bin/bash`` to be a shell script, and should ``set -e`` so a failure stops the build.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version
from pip._internal.network.session import PipSession
from pip._internal.req.req_file import parse_requirements

from edition import ROOT

BINDER = ROOT / "binder"
#: Files that make repo2docker choose another build pack, or ignore ours, if they sit in binder/.
OTHER_BUILDPACKS = ("Dockerfile", "environment.yml", "Pipfile", "Pipfile.lock", "default.nix",
                    "Project.toml", "JuliaProject.toml", "REQUIRE", "install.R", "DESCRIPTION")
#: Files repo2docker would read at the top level if binder/ did not exist: misleading beside it.
TOP_LEVEL_CONFIG = ("runtime.txt", "postBuild", "start", "apt.txt", "environment.yml", "Dockerfile",
                    "requirements3.txt", "default.nix")


def _runtime() -> tuple[str, str]:
    """repo2docker's parsing of runtime.txt: split on '-', 2 parts for 'python-x.y'."""
    text = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    parts = text.split("-")
    assert len(parts) == 2 and all(parts), f"binder/runtime.txt: {text!r} is not 'python-x.y'"
    return parts[0], parts[1]


def test_binder_folder_is_the_one_repo2docker_reads():
    assert BINDER.is_dir(), "no binder/ folder"
    assert not (ROOT / ".binder").exists(), "binder/ and .binder/ together are an error for repo2docker"
    misleading = [n for n in TOP_LEVEL_CONFIG if (ROOT / n).exists()]
    assert not misleading, f"ignored by repo2docker because binder/ exists: {misleading}"
    others = [n for n in OTHER_BUILDPACKS if (BINDER / n).exists()]
    assert not others, f"binder/ holds files that select another build pack: {others}"
    assert {p.name for p in BINDER.iterdir()} == {"requirements.txt", "runtime.txt", "postBuild"}


def test_runtime_names_a_python_the_package_accepts():
    name, version = _runtime()
    assert name == "python"
    assert re.fullmatch(r"3\.\d+", version), f"python-{version}: give major.minor"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert Version(version) in SpecifierSet(project["requires-python"]), (
        "repo2docker refuses a runtime.txt version outside pyproject.toml's requires-python")
    assert Version(version) >= Version("3.11")


def test_requirements_install_the_students_environment_from_the_repository_root(monkeypatch):
    text = (BINDER / "requirements.txt").read_text(encoding="utf-8")
    lines = [ln.split("#", 1)[0].strip() for ln in text.splitlines()]
    assert [ln for ln in lines if ln] == ["-r ../requirements.txt"]
    monkeypatch.chdir(ROOT)  # repo2docker runs pip from the repository root
    reqs = list(parse_requirements("binder/requirements.txt", session=PipSession()))
    assert all(r.comes_from.startswith("-r binder/../requirements.txt") for r in reqs)
    editable = [r for r in reqs if r.is_editable]
    assert [r.requirement for r in editable] == ["."], "the edition is installed editable from the root"
    assert (ROOT / "pyproject.toml").is_file()
    pinned = {}
    for r in reqs:
        if r.is_editable:
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([0-9][0-9A-Za-z.\-+]*)", r.requirement)
        assert m, f"{r.comes_from}: {r.requirement!r} is not pinned exactly"
        pinned[m.group(1).lower()] = m.group(2)
    assert Version(pinned["jupyterlab"]).major == 4
    assert "jupytext" in pinned and "ipykernel" in pinned


def test_post_build_is_an_executable_bash_script_that_stops_on_error():
    path = BINDER / "postBuild"
    assert path.stat().st_mode & stat.S_IXUSR, "postBuild is not executable"
    if shutil.which("git") and (ROOT / ".git").exists():
        mode = subprocess.run(["git", "ls-files", "-s", "binder/postBuild"], cwd=ROOT,
                              capture_output=True, text=True).stdout.split(" ")[0]
        assert mode in ("", "100755"), f"git records binder/postBuild as {mode}, not executable"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "#!/bin/bash"
    assert re.search(r"^set -[a-z]*e", text, re.M), "postBuild must stop on the first error (set -e)"


def test_post_build_prepares_the_students_working_copies():
    """Binder opens the student's notebooks in work/ (the launch button points there): postBuild
    builds the book once and copies them in with the same command a student runs."""
    lines = [l for l in (BINDER / "postBuild").read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith("#")]
    assert lines[-1] == "python -m edition.lab --prepare-only"


NOTEBOOK_CHAPTERS = sorted(p.name for p in (ROOT / "chapters").glob("*.md")
                           if "```{code-cell}" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("chapter", NOTEBOOK_CHAPTERS)
def test_launch_opens_chapters_that_jupytext_reads_as_notebooks(chapter):
    """The launch URL's file (lab/tree/chapters/<x>.md) of every notebook chapter (the pages with
    code; the apparatus pages are plain MyST with no kernel) is a MyST notebook Jupytext opens."""
    import jupytext

    text = (ROOT / "chapters" / chapter).read_text(encoding="utf-8")
    assert "format_name: myst" in text.split("---", 2)[1]
    nb = jupytext.reads(text, fmt="md:myst")
    assert nb.metadata["kernelspec"]["name"] == "python3"

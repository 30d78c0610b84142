"""tools/python.sh: the scripts accept any Python from 3.11 on, the reader's choice first.

Interpreters are stand-ins (tiny scripts answering the version question) on a PATH of their own,
so each case is what a machine with exactly those Pythons would see; the last test uses the real
PATH and checks the chosen Python makes a venv.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from edition import ROOT

SELECT = ROOT / "tools" / "python.sh"
BASH = "/bin/bash"


def _fake(bin_dir: Path, name: str, version: str) -> None:
    path = bin_dir / name
    path.write_text(f'#!/bin/sh\n[ "$1" = -c ] && echo "{version}" && exit 0\nexit 3\n', encoding="utf-8")
    path.chmod(0o755)


def _choose(tmp_path: Path, pythons: dict[str, str], named: str | None = None,
            path: str | None = None) -> subprocess.CompletedProcess:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name, version in pythons.items():
        _fake(bin_dir, name, version)
    env = {"PATH": path or str(bin_dir), "HOME": str(tmp_path)}
    if named:
        env["PYTHON"] = named
    script = f'. "{SELECT}"; echo "chose $PYTHON $PYTHON_VERSION"'
    return subprocess.run([BASH, "-c", script, "build.sh"], env=env, capture_output=True, text=True,
                          timeout=30)


@pytest.mark.parametrize("pythons, chosen", [
    ({"python3": "3.11"}, "python3 3.11"),
    ({"python3": "3.13"}, "python3 3.13"),
    ({"python3": "3.10", "python3.12": "3.12"}, "python3.12 3.12"),       # too old python3 is skipped
    ({"python3.13": "3.13", "python3.11": "3.11"}, "python3.13 3.13"),    # no python3 at all
    ({"python": "3.12"}, "python 3.12"),
])
def test_first_suitable_python_is_chosen(tmp_path, pythons, chosen):
    run = _choose(tmp_path, pythons)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"chose {chosen}"


def test_the_python_the_reader_names_wins(tmp_path):
    run = _choose(tmp_path, {"python3": "3.11", "python3.13": "3.13"}, named="python3.13")
    assert run.stdout.strip() == "chose python3.13 3.13"


def test_a_named_python_that_is_too_old_is_refused_with_its_version(tmp_path):
    run = _choose(tmp_path, {"python3": "3.12", "python3.10": "3.10"}, named="python3.10")
    assert run.returncode == 1 and "chose" not in run.stdout
    assert "PYTHON=python3.10 is Python 3.10" in run.stderr and "3.11 or newer" in run.stderr


def test_a_named_python_that_does_not_exist_is_refused(tmp_path):
    run = _choose(tmp_path, {"python3": "3.12"}, named="python9")
    assert run.returncode == 1 and "PYTHON=python9: no such Python" in run.stderr


def test_no_suitable_python_says_what_was_tried_and_how_to_name_one(tmp_path):
    run = _choose(tmp_path, {"python3": "3.9", "python3.10": "3.10"})
    assert run.returncode == 1 and "chose" not in run.stdout
    assert "tried: python3 (3.9)" in run.stderr and "PYTHON=" in run.stderr


def test_no_python_at_all_says_so(tmp_path):
    run = _choose(tmp_path, {})
    assert run.returncode == 1 and "none on PATH" in run.stderr


def test_scripts_choose_their_python_in_one_place():
    for name in ("build.sh", "test.sh", "lab.sh"):
        text = (ROOT / "tools" / name).read_text(encoding="utf-8")
        assert ". tools/python.sh" in text, f"tools/{name} does not use tools/python.sh"
        assert "python3.11" not in text.replace("Python 3.11", ""), f"tools/{name} names python3.11"


def test_real_path_gives_a_python_that_makes_a_venv(tmp_path):
    run = _choose(tmp_path, {}, path=os.environ["PATH"])
    assert run.returncode == 0, run.stderr
    _, command, version = run.stdout.split()
    major, minor = map(int, version.split("."))
    assert (major, minor) >= (3, 11)
    made = subprocess.run([command, "-m", "venv", "--without-pip", str(tmp_path / "venv")],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "venv" / "bin" / "python").exists()

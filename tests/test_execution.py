"""The book's execution (edition/site/execution.py): chapters run in parallel into myst-nb's cache, and
the cache never serves outputs computed from older data.

A scratch Sphinx project with myst-nb in ``cache`` mode and two small notebooks, one of which reads
a data file: the same shape as the book, a few seconds to build.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from edition import ROOT
from edition.site.execution import EXECUTED, FINGERPRINT_FILE, fresh_cache, inputs_fingerprint

CONF = """
extensions = ["myst_nb", "edition.site.execution"]
nb_execution_mode = "cache"
nb_execution_raise_on_error = True
nb_execution_show_tb = True
exclude_patterns = ["_build", "data"]
"""

NOTEBOOK = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  name: python3
  display_name: Python 3
---
# {title}

```{{code-cell}} ipython3
{code}
```
"""


def scratch_book(root: Path, value: str = "41") -> Path:
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "index.md").write_text(
        "# Book\n\n```{toctree}\nreads\nsums\n```\n", encoding="utf-8")
    (root / "reads.md").write_text(NOTEBOOK.format(
        title="Reads", code='print("value", open("data/value.txt").read().strip())'), encoding="utf-8")
    (root / "sums.md").write_text(NOTEBOOK.format(title="Sums", code="print('sum', 1 + 1)"),
                                  encoding="utf-8")
    (root / "data" / "value.txt").write_text(value, encoding="utf-8")
    return root


def build(root: Path, fresh_env: bool = True) -> str:
    """Build like ``jupyter-book build --all`` (a fresh environment, the cache kept)."""
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", str(root), str(root / "_build" / "html")]
    if fresh_env:
        cmd.insert(3, "-E")
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-3000:]
    return log


def page(root: Path, name: str) -> str:
    return (root / "_build" / "html" / f"{name}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, list[str], dict[str, str]]:
    """Three builds of one book: clean, again with the same inputs (both ``--all``, the cache
    kept), and an incremental build after a data change."""
    root = scratch_book(tmp_path_factory.mktemp("execbook"))
    logs = [build(root)]
    pages = {name: page(root, name) for name in ("reads", "sums")}
    logs.append(build(root))
    (root / "data" / "value.txt").write_text("42", encoding="utf-8")
    logs.append(build(root, fresh_env=False))
    return root, logs, pages


def test_a_clean_build_executes_each_chapter_once_into_the_cache(builds):
    root, (log, _, _), pages = builds
    assert log.count(EXECUTED) == 2, log
    assert "Executed notebook in" not in log  # myst-nb itself executed nothing
    assert log.count("Using cached notebook") == 2, log
    assert "value 41" in pages["reads"] and "sum 2" in pages["sums"]
    assert (root / "_build" / ".jupyter_cache" / FINGERPRINT_FILE).exists()


def test_a_rebuild_with_the_same_inputs_executes_nothing(builds):
    _, (_, log, _), _ = builds
    assert EXECUTED not in log and "Executed notebook in" not in log, log
    assert log.count("Using cached notebook") == 2


def test_changed_data_executes_every_chapter_again(builds):
    """The trap of cache mode: the notebook's code is unchanged, only what it reads is not (and
    Sphinx, in an incremental build, would not even read the chapter again)."""
    root, (_, _, log), _ = builds
    assert log.count(EXECUTED) == 2, log
    assert "value 42" in page(root, "reads")


def test_a_failing_chapter_fails_the_build_with_myst_nbs_traceback(tmp_path):
    root = scratch_book(tmp_path)
    (root / "sums.md").write_text(NOTEBOOK.format(title="Sums", code="1 / 0"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-E", str(root),
                           str(root / "_build" / "html")], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    log = done.stdout + done.stderr
    assert done.returncode != 0
    assert "sums failed (CellExecutionError)" in log
    assert "ZeroDivisionError" in log  # myst-nb ran it again and reported the cell's error


def test_the_fingerprint_follows_the_data_not_the_chapters(tmp_path):
    root = scratch_book(tmp_path)
    before = inputs_fingerprint(root)
    (root / "reads.md").write_text("# changed prose\n", encoding="utf-8")
    assert inputs_fingerprint(root) == before  # the cache keys the chapters' code itself
    (root / "data" / "value.txt").write_text("41 ", encoding="utf-8")
    assert inputs_fingerprint(root) != before
    (root / "data" / "value.txt").write_text("41", encoding="utf-8")
    (root / "references.bib").write_text("@misc{x, title={X}}\n", encoding="utf-8")
    assert inputs_fingerprint(root) != before


def test_a_cache_filled_from_other_inputs_is_emptied(tmp_path):
    root = scratch_book(tmp_path / "book")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / FINGERPRINT_FILE).write_text("0" * 64 + "\n", encoding="utf-8")
    (cache / "stale-run").write_text("old outputs", encoding="utf-8")
    fresh_cache(cache, root)
    assert not (cache / "stale-run").exists()
    assert (cache / FINGERPRINT_FILE).read_text(encoding="utf-8").strip() == inputs_fingerprint(root)
    (cache / "kept-run").write_text("current outputs", encoding="utf-8")
    fresh_cache(cache, root)
    assert (cache / "kept-run").exists()

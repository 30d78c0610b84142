"""What edition/site/mystnb_api.py relies on in myst-nb, jupyter-cache and nbclient still holds.

After an upgrade, a failure here names the package, its version and the changed name: the fix
belongs in ``edition/site/mystnb_api.py`` (and nowhere else). The central check reads a tiny book
with myst-nb's own Sphinx parser and with :func:`mystnb_api.read_notebook` and compares the two:
same notebook (so the same cache key), same per-file settings.
"""
from __future__ import annotations

import copy
import dataclasses
import inspect
import io
from importlib.metadata import version
from pathlib import Path

import nbformat
import pytest
from docutils import nodes

from edition.site import mystnb_api

ADAPTER = "edition/site/mystnb_api.py"


def changed(package: str, name: str) -> str:
    return f"{package} {version(package)} changed {name}: see {ADAPTER}"


def parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


# --- names and signatures -----------------------------------------------------------------------

def test_myst_nbs_reader_keeps_its_signature():
    from myst_nb.core import read

    assert parameters(read.create_nb_reader)[:4] == ["path", "md_config", "nb_config", "content"], \
        changed("myst-nb", "myst_nb.core.read.create_nb_reader")
    assert "read" in {f.name for f in dataclasses.fields(read.NbReader)}, \
        changed("myst-nb", "myst_nb.core.read.NbReader.read")
    assert {"text", "path"} <= set(parameters(read.read_myst_markdown_notebook)), \
        changed("myst-nb", "myst_nb.core.read.read_myst_markdown_notebook")


SETTINGS = ("execution_mode", "execution_cache_path", "execution_in_temp",
            "execution_excludepatterns", "execution_timeout", "execution_allow_errors",
            "kernel_rgx_aliases", "metadata_key", "output_folder")


@pytest.mark.parametrize("field", SETTINGS)
def test_myst_nbs_settings_keep_each_field_the_adapter_reads(field):
    from myst_nb.core.config import NbParserConfig

    assert field in {f.name for f in dataclasses.fields(NbParserConfig)}, \
        changed("myst-nb", f"NbParserConfig.{field}")


def test_myst_nbs_settings_copy_with_changes():
    from myst_nb.core.config import NbParserConfig

    base = NbParserConfig()
    assert base.copy(execution_timeout=7).execution_timeout == 7, changed("myst-nb", "NbParserConfig.copy")
    assert base.metadata_key == "mystnb", changed("myst-nb", "NbParserConfig.metadata_key")


def test_myst_nbs_cache_mode_still_executes_as_the_adapter_does():
    """:func:`mystnb_api.execute` mirrors myst-nb's cache mode: jupyter-cache's
    ``single_nb_execution`` with the notebook's own ``execution`` metadata honoured."""
    import myst_nb.core.execute.cache as cache_mode

    source = inspect.getsource(cache_mode.NotebookClientCache)
    assert "single_nb_execution(" in source and "meta_override=True" in source, \
        changed("myst-nb", "NotebookClientCache (how cache mode executes)")


def test_jupyter_caches_interface_keeps_its_names():
    import jupyter_cache
    from jupyter_cache.base import CacheBundleIn, JupyterCacheAbstract

    assert parameters(jupyter_cache.get_cache)[0] == "path", changed("jupyter-cache", "get_cache")
    assert {"nb", "uri", "data"} <= {a.name for a in CacheBundleIn.__attrs_attrs__}, \
        changed("jupyter-cache", "CacheBundleIn")
    assert {"check_validity", "overwrite"} <= set(parameters(JupyterCacheAbstract.cache_notebook_bundle)), \
        changed("jupyter-cache", "cache_notebook_bundle")
    for name in ("match_cache_notebook", "merge_match_into_notebook"):
        assert callable(getattr(JupyterCacheAbstract, name, None)), changed("jupyter-cache", name)


def test_nbclient_keeps_its_names():
    import nbclient
    from nbclient import exceptions

    assert {"nb", "cwd"} <= set(parameters(nbclient.execute)), changed("nbclient", "execute")
    for trait in ("timeout", "allow_errors", "record_timing"):
        assert nbclient.NotebookClient.class_traits().get(trait) is not None, \
            changed("nbclient", f"NotebookClient.{trait}")
    for name in ("CellExecutionError", "CellTimeoutError"):
        assert hasattr(exceptions, name), changed("nbclient", name)


# --- the cache, round trip (no kernel) ----------------------------------------------------------

def code_notebook(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "P",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def test_a_stored_run_is_found_and_merged_into_the_unexecuted_notebook(tmp_path):
    cache = mystnb_api.open_cache(tmp_path / "cache")
    unexecuted = code_notebook("print(1)")
    assert not mystnb_api.is_cached(cache, unexecuted)
    assert mystnb_api.merged_from_cache(cache, unexecuted) is None
    executed = copy.deepcopy(unexecuted)
    executed.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    mystnb_api.store(cache, executed, tmp_path / "page.md", 1.5)
    assert mystnb_api.is_cached(cache, unexecuted)
    merged = mystnb_api.merged_from_cache(cache, unexecuted)
    assert merged.cells[0].outputs[0].text == "1\n"
    assert mystnb_api.is_cached(cache, code_notebook("print(2)")) is False


# --- execution: as jupyter-cache's single_nb_execution, which myst-nb's cache mode calls --------

def test_execute_gives_the_notebook_myst_nbs_cache_mode_would(tmp_path):
    """Same outputs and metadata as ``single_nb_execution(meta_override=True)``, the notebook's
    own ``execution`` settings honoured (here: a cell that raises is allowed). A chapter whose
    cell raises without that setting: tests/test_execution.py (the build reports it)."""
    from jupyter_cache.executors.utils import single_nb_execution

    nb = code_notebook("x = 6 * 7\nprint(x)", "1 / 0")
    nb.metadata["execution"] = {"allow_errors": True}
    ours, theirs = copy.deepcopy(nb), copy.deepcopy(nb)
    run = mystnb_api.execute(ours, str(tmp_path), 60, False)
    single_nb_execution(theirs, cwd=str(tmp_path), timeout=60, allow_errors=False, meta_override=True)
    assert run.error is None and run.notebook is ours and run.seconds > 0
    assert ours == theirs, changed("jupyter-cache", "single_nb_execution (what an executed notebook holds)")
    assert ours.cells[0].outputs[0].text == "42\n"
    assert ours.cells[1].outputs[0].ename == "ZeroDivisionError"
    assert "execution" not in ours.cells[0].metadata  # no timing metadata


# --- a tiny book read by myst-nb's Parser and by the adapter ------------------------------------

CONF = """
extensions = ["myst_nb"]
nb_execution_mode = "cache"
nb_kernel_rgx_aliases = {"edition-.*": "python3"}
exclude_patterns = ["_build"]
"""

MD_NOTEBOOK = """---
jupytext:
  text_representation:
    format_name: myst
kernelspec:
  name: {kernel}
  display_name: Python 3
{extra}---
# {title}

Some text.

```{{code-cell}} ipython3
:tags: [remove-input]
print("{title}")
```
"""


def ipynb() -> str:
    nb = code_notebook("from IPython.display import HTML\nHTML('<b>bold</b>')")
    nb.cells.insert(0, nbformat.v4.new_markdown_cell("# Stored"))
    nb.cells[1].outputs = [nbformat.v4.new_output(
        "display_data", data={"text/html": "<b>bold</b>", "text/plain": "<HTML>"})]
    return nbformat.writes(nb)


def tiny_book(root: Path) -> Path:
    pages = {
        "index.md": "# Book\n\n```{toctree}\nplain\naliased\noverridden\nbad\nstored\n```\n",
        "plain.md": "# Plain\n\nNo notebook here.\n",
        "aliased.md": MD_NOTEBOOK.format(kernel="edition-py", extra="", title="Aliased"),
        "overridden.md": MD_NOTEBOOK.format(
            kernel="python3", title="Overridden",
            extra="mystnb:\n  execution_timeout: 7\n  output_folder: elsewhere\n"),
        "bad.md": MD_NOTEBOOK.format(kernel="python3", title="Bad",
                                     extra="mystnb:\n  execution_timeout: not-a-number\n"),
        "stored.ipynb": ipynb(),
    }
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    for name, text in pages.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def readings(tmp_path_factory):
    """Build the tiny book once: what myst-nb's Parser handed to its execution client, what the
    adapter read for each page, the built app and its doctrees."""
    from sphinx.application import Sphinx

    import myst_nb.sphinx_ as parser_module
    from myst_nb.core.execute.base import NotebookClientBase

    root = tiny_book(tmp_path_factory.mktemp("contract"))
    parsed: dict[str, tuple] = {}

    def recording_client(notebook, source, nb_config, logger, *args, **kwargs):
        docname = Path(source).stem
        parsed[docname] = (copy.deepcopy(notebook), nb_config)
        return NotebookClientBase(notebook, Path(source), nb_config, logger)

    ours: dict[str, mystnb_api.Reading | None] = {}
    original = parser_module.create_client
    parser_module.create_client = recording_client
    try:
        out = root / "_build" / "html"
        app = Sphinx(str(root), str(root), str(out), str(root / "_build" / ".doctrees"), "html",
                     status=io.StringIO(), warning=io.StringIO(), freshenv=True)
        app.connect("env-before-read-docs", lambda app, env, docnames: ours.update(
            {d: mystnb_api.read_notebook(app, d) for d in docnames}))
        app.build()
    finally:
        parser_module.create_client = original
    return parsed, ours, app


def test_myst_nb_keeps_its_resolved_settings_on_the_environment(readings):
    _, _, app = readings
    from myst_nb.core.config import NbParserConfig
    from myst_parser.config.main import MdParserConfig

    assert isinstance(getattr(app.env, "mystnb_config", None), NbParserConfig), \
        changed("myst-nb", "env.mystnb_config")
    assert isinstance(getattr(app.env, "myst_config", None), MdParserConfig), \
        changed("myst-parser", "env.myst_config")
    build = Path(app.outdir).parent.resolve()
    assert mystnb_api.executed_notebook(app, "aliased") == build / "jupyter_execute" / "aliased.ipynb", \
        changed("myst-nb", "NbParserConfig.output_folder (resolved)")
    assert (build / "jupyter_execute" / "aliased.ipynb").is_file(), \
        changed("myst-nb", "where it writes the notebook it read")
    assert Path(app.env.mystnb_config.execution_cache_path) == build / ".jupyter_cache", \
        changed("myst-nb", "NbParserConfig.execution_cache_path (resolved)")


def test_the_adapter_reads_the_same_pages_as_notebooks(readings):
    parsed, ours, _ = readings
    assert set(parsed) == {"aliased", "overridden", "bad", "stored"}  # the fixture's notebooks
    assert {d for d, r in ours.items() if r is not None} == set(parsed), \
        changed("myst-nb", "which pages Parser.parse reads as notebooks (create_nb_reader)")


@pytest.mark.parametrize("docname", ["aliased", "overridden", "bad", "stored"])
def test_the_adapter_reads_each_notebook_as_myst_nbs_parser(readings, docname):
    parsed, ours, _ = readings
    notebook, settings = parsed[docname]
    reading = ours[docname]
    assert without_ids(reading.notebook) == without_ids(notebook), \
        changed("myst-nb", "Parser.parse (the notebook it reads)")
    assert reading.config == settings, changed("myst-nb", "Parser.parse (per-file settings)")
    assert reading.path == Path(readings[2].srcdir) / Path(docname).with_suffix(
        ".ipynb" if docname == "stored" else ".md")


def without_ids(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook without its cell ids (random at each reading; not part of the cache key)."""
    plain = copy.deepcopy(notebook)
    for cell in plain.cells:
        cell.pop("id", None)
    return plain


def test_the_fixture_exercises_the_alias_and_the_overrides(readings):
    """Expected values typed from the fixture, not computed: the comparison above means
    something only if these differ from the defaults."""
    _, ours, _ = readings
    assert ours["aliased"].notebook.metadata.kernelspec.name == "python3"
    assert ours["overridden"].config.execution_timeout == 7
    assert ours["overridden"].config.output_folder == ours["aliased"].config.output_folder
    assert ours["bad"].config.execution_timeout == 30  # a bad value: the global setting stays


def test_the_doctree_names_the_site_reads(readings):
    _, _, app = readings
    aliased = app.env.get_doctree("aliased")
    cells = list(aliased.findall(mystnb_api.is_code_cell))
    assert len(cells) == 1 and cells[0].get(mystnb_api.CELL_INDEX) == 1, \
        changed("myst-nb", f"the code cell's container ({mystnb_api.NB_ELEMENT}, {mystnb_api.CELL_INDEX})")
    stored = app.env.get_doctree("stored")
    raw = [n for n in stored.findall(nodes.raw) if "<b>bold</b>" in n.astext()]
    assert raw and any(mystnb_api.is_output(p) for p in _ancestors(raw[0])), \
        changed("myst-nb", "the containers of a cell's outputs")
    written = nbformat.read(mystnb_api.executed_notebook(app, "aliased"), as_version=4)
    # pinned as myst-nb 1.4 counts: the Markdown cell's title on line 8 (0-based, the front
    # matter being lines 0-7), the code cell's fence on line 13 (1-based)
    assert written.metadata.get(mystnb_api.SOURCE_MAP) == [8, 13], \
        changed("myst-nb", f"the notebook's {mystnb_api.SOURCE_MAP}")


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def test_glued_values_carry_the_glue_mime_type(monkeypatch):
    import myst_nb.ext.glue as glue_module

    shown = []
    monkeypatch.setattr(glue_module, "ipy_display", lambda data, *a, **k: shown.append(data))
    glue_module.glue("key", "text", display=False)
    assert shown and f"{mystnb_api.GLUE_MIME}text/plain" in shown[0], \
        changed("myst-nb", "the glue MIME type")

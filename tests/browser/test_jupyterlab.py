"""The student's path in a real JupyterLab: open a chapter as a notebook, run it, change it.

The server is started the way "Run it yourself" tells a student to (``python -m edition.lab``), on
127.0.0.1 with no token, in a temporary HOME, and always stopped (its whole process group) when the
module's tests end; it must answer within a bounded time. Chromium drives JupyterLab's own
interface: the menu's "Run All Cells", typing in a cell, Shift+Enter, a double click in the file
browser. No request may leave the machine (the offline guard of the site tests).

Screenshots: set ``EDITION_SHOTS`` to a folder to keep pictures of the notebook after "Run all"
and after the student's change.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from .harness import ROOT, OfflineGuard, PageLog
from .helpers import settle

pytestmark = pytest.mark.browser

START_TIMEOUT = 90      # s for the server to answer
LOAD_TIMEOUT = 120_000  # ms for JupyterLab to show the notebook with its kernel idle
RUN_TIMEOUT = 180_000   # ms for "Run all"

#: User settings of the temporary JupyterLab: every cell rendered (so the page holds every
#: output to check), and no news prompt over the notebook.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False},
}

CELLS_JS = """() => {
  const panel = document.querySelector('#jp-main-dock-panel .jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return null;
  return [...panel.querySelectorAll('.jp-CodeCell')].map(c => ({
    prompt: (c.querySelector('.jp-InputPrompt') || {}).textContent || '',
    source: [...c.querySelectorAll('.cm-content .cm-line')].map(l => l.textContent).join('\\n'),
    text: (c.querySelector('.jp-OutputArea') || {}).textContent || '',
    outputs: c.querySelectorAll('.jp-OutputArea-output').length,
    errors: c.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').length,
    svgs: [...c.querySelectorAll('.jp-OutputArea .edition-chart svg')]
            .filter(s => s.getBoundingClientRect().width > 200 && s.querySelector('.mark-line path, .mark-symbol path')).length,
    missing: c.querySelectorAll('.edition-chart-missing').length,
  }));
}"""

ALL_RAN_JS = """() => {
  const panel = document.querySelector('#jp-main-dock-panel .jp-NotebookPanel:not(.lm-mod-hidden)');
  const prompts = panel ? [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')] : [];
  return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


#: Every chart in the notebook's outputs has drawn (vega-embed puts its SVG in when the view has
#: rendered) or given up; what it drew is checked by CELLS_JS.
CHARTS_DONE_JS = """() => {
  const panel = document.querySelector('#jp-main-dock-panel .jp-NotebookPanel:not(.lm-mod-hidden)');
  return !!panel && [...panel.querySelectorAll('.jp-OutputArea .edition-chart')].every(
    (el) => el.querySelector('svg, canvas, .error'));
}"""


def _charts_drawn(page) -> None:
    """Wait for the outputs' charts to draw (what they show is asserted by the caller)."""
    try:
        page.wait_for_function(CHARTS_DONE_JS, timeout=30_000)
    except Exception:  # noqa: BLE001 - the cells' checks report the chart that did not draw
        pass
    settle(page)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab at the repository root, as ``python -m edition.lab`` starts it; its base URL."""
    tmp = tmp_path_factory.mktemp("jupyterlab")
    home, settings = tmp / "home", tmp / "settings"
    for name, value in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    env.update(HOME=str(home), JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"))
    port = _free_port()
    log_path = tmp / "lab.log"
    cmd = [sys.executable, "-m", "edition.lab", "chapters/run-it-yourself.md", "--no-browser",
           f"--port={port}", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0",
           "--IdentityProvider.token=", "--ServerApp.password=", "--allow-root",
           "--LabApp.extension_manager=readonly", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    with log_path.open("w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url + "api/status", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer within {START_TIMEOUT} s:\n"
                                f"{log_path.read_text()[-3000:]}")
                time.sleep(0.5)
        yield url
    finally:
        _stop(proc)
    assert proc.poll() is not None, "JupyterLab is still running"


@pytest.fixture(scope="module")
def lab_page(browser, lab):
    """One JupyterLab window for the module (loading JupyterLab is the slow part)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    ctx.set_default_timeout(60_000)
    guard = OfflineGuard().install(ctx)
    page = ctx.new_page()
    log = PageLog().attach(page)
    page.goto(lab + "lab/tree/chapters/run-it-yourself.md")
    yield page, log
    ctx.close()
    assert not guard.blocked, "JupyterLab tried to reach outside the machine:\n  " + "\n  ".join(guard.blocked)


def _shot(page, name: str, cell=None) -> None:
    folder = os.environ.get("EDITION_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    if cell is not None:
        cell.evaluate("c => c.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
    page.screenshot(path=str(Path(folder) / name))


def _wait_idle(page) -> None:
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-StatusBar-TextItem')].some(e => /\\|\\s*Idle/.test(e.textContent))",
        timeout=LOAD_TIMEOUT)


def _run_all(page) -> list[dict]:
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    page.wait_for_function(ALL_RAN_JS, timeout=RUN_TIMEOUT)
    _wait_idle(page)
    _charts_drawn(page)
    return page.evaluate(CELLS_JS)


def _cell(cells: list[dict], code: str) -> dict:
    found = [c for c in cells if code in c["source"]]
    assert len(found) == 1, f"expected one cell with {code!r}, found {len(found)}"
    return found[0]


def _assert_clean(cells: list[dict], where: str) -> None:
    for c in cells:
        first = c["source"].splitlines()[0] if c["source"] else "?"
        assert c["errors"] == 0, f"{where}: cell `{first}` shows an error:\n{c['text'][:1500]}"
        assert "Traceback" not in c["text"], f"{where}: cell `{first}` shows a traceback"
        assert c["missing"] == 0, f"{where}: cell `{first}` could not load the chart libraries"


def _wage_left(finance_change: float = 0) -> str:
    claims = pd.read_csv(ROOT / "data" / "claims.csv").set_index("claim_id")["value"].astype(float)
    wage = claims["s5_wage_monthly"]
    left = wage * (100 - claims["s5_wage_share_finance"] - finance_change - claims["s5_wage_share_trading"]) / 100
    return f"{left:.1f}"


def test_run_it_yourself_opens_as_a_notebook_runs_and_answers_a_change(lab_page):
    page, log = lab_page
    page.wait_for_selector("#jp-main-dock-panel .jp-NotebookPanel", timeout=LOAD_TIMEOUT)
    assert page.locator("#jp-main-dock-panel .jp-FileEditor").count() == 0, ".md opened as a text file"
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current")
    assert "run-it-yourself.md" in tab.inner_text()
    _wait_idle(page)
    cells = _run_all(page)
    assert len(cells) >= 15
    _assert_clean(cells, "run-it-yourself.md")
    code = [c for c in cells if c["source"].strip()]
    quiet = [c["source"].splitlines()[0] for c in code[1:] if c["outputs"] == 0]
    assert not quiet, f"exercise cells without output: {quiet}"

    # §1: the claim judged again with another publication's figure
    s1 = _cell(cells, 'pick = 0')
    assert "your sources" in s1["text"] and "bundled data" in s1["text"]
    # §2: Figure 1 redrawn from the student's copy (both languages, two charts each) ...
    for fig in ('figure1_display(mine', 'figure1_display(thinner'):
        assert _cell(cells, fig)["svgs"] >= 4, f"{fig}: Figure 1 not drawn"
    assert "value_before" in _cell(cells, "ex.series_changes(base, mine)")["text"]
    # ... the verdicts that move when a source's figure changes ...
    moved = _cell(cells, "ex.verdict_changes(base, what_if)")["text"]
    assert "s2_trade_total_2011" in moved and "conflicts with independent sources" in moved
    # ... Table 1's shares recomputed, and a share judged by hand
    assert "truncated" in _cell(cells, "ex.table1_rounding(base")["text"]
    assert "matches" in _cell(cells, "judge.compare(row")["text"]
    # §3-§6 and the apparatus
    assert "same basis" in _cell(cells, "ex.growth(exports")["text"]
    s4 = _cell(cells, 'claim = "s4_trade_2019_vs_2016"')["text"]
    assert "conflicts with independent sources" in s4 and "a_2019_total_kotra" in s4
    assert _wage_left() in _cell(cells, "ex.wage_split(")["text"]
    precision = _cell(cells, "ex.at_precisions(")["text"]
    assert "differs" in precision and "matches" in precision
    assert "paper_source" in _cell(cells, "ex.sourced_only(base)")["text"]
    _shot(page, "jupyterlab-run-it-yourself-top-after-run-all.png",
          page.locator("#jp-main-dock-panel .jp-NotebookPanel .jp-Cell").first.element_handle())
    figure_cell = page.locator(".jp-CodeCell").filter(has_text="figure1_display(mine").first
    _shot(page, "jupyterlab-run-it-yourself-after-run-all.png", figure_cell.element_handle())

    # A student's change, typed into the cell: a second year dropped from Figure 1.
    drop_cell = page.locator(".jp-CodeCell").filter(has_text="drop = [2011]").first.element_handle()
    before = _cell(cells, "drop = [2011]")
    assert "2008, 2009, 2011" not in before["text"]
    drop_cell.query_selector(".cm-line").click()
    page.keyboard.press("End")
    page.keyboard.press("Shift+Home")
    page.keyboard.type("drop = [2008, 2011]")  # JupyterLab does not close brackets by default
    assert drop_cell.query_selector(".cm-line").text_content() == "drop = [2008, 2011]"
    prompt = before["prompt"]
    page.keyboard.press("Shift+Enter")
    page.wait_for_function(
        """([prompt]) => {
          const c = [...document.querySelectorAll('.jp-CodeCell')].find(c => c.textContent.includes('drop = [2008, 2011]'));
          const p = c && c.querySelector('.jp-InputPrompt').textContent;
          return p && /\\[\\d+\\]/.test(p) && p !== prompt;
        }""", arg=[prompt], timeout=RUN_TIMEOUT)
    _wait_idle(page)
    _charts_drawn(page)
    after = _cell(page.evaluate(CELLS_JS), "drop = [2008, 2011]")
    assert after["errors"] == 0 and after["missing"] == 0
    assert "2008, 2009, 2011" in after["text"], "the figure's missing years did not follow the change"
    assert after["svgs"] >= 4, "Figure 1 was not redrawn after the change"
    _shot(page, "jupyterlab-run-it-yourself-after-change.png", drop_cell)
    assert not [e for e in log.errors if "pageerror" in e], log.errors


def test_a_section_chapter_opens_from_the_file_browser_as_a_notebook_and_runs(lab_page):
    page, log = lab_page
    page.wait_for_selector("#jp-main-dock-panel .jp-NotebookPanel", timeout=LOAD_TIMEOUT)
    item = page.locator(".jp-DirListing-item", has_text="02-integration.md").first
    item.dblclick()
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current")
    page.wait_for_function(
        "() => (document.querySelector('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current') || {})"
        ".textContent?.includes('02-integration.md')", timeout=LOAD_TIMEOUT)
    assert "02-integration.md" in tab.inner_text()
    assert page.locator("#jp-main-dock-panel .jp-FileEditor:not(.lm-mod-hidden)").count() == 0
    _wait_idle(page)
    cells = _run_all(page)
    _assert_clean(cells, "02-integration.md")
    assert _cell(cells, 'setup("s2")')["errors"] == 0  # the claims are judged, no drift
    assert _cell(cells, "ch.figure1()")["svgs"] >= 4, "the chapter's Figure 1 is not drawn"
    table1 = _cell(cells, "ch.table1()")["text"]
    assert "Liaoning" in table1 or "랴오닝" in table1

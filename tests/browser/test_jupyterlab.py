"""The student's path in a real JupyterLab: open the student's notebook, run it, do every exercise.

The server is started the way "Run it yourself" tells a student to (``python -m edition.lab``), on
127.0.0.1 with no token, in a temporary HOME and a temporary working folder (``EDITION_WORK``; the
notebooks are copied there from the built site), and always stopped (its whole process group) when
the module's tests end; it must answer within a bounded time. After every exercise is changed, run
and saved, ``git status`` must be what it was: the student's work never reaches the repository. Chromium drives JupyterLab's own
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
  const shown = prompts.filter(p => p.textContent.trim());  // a hidden input has no prompt text
  return shown.length > 0 && shown.every(p => /\\[\\d+\\]/.test(p.textContent));
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
def lab(tmp_path_factory, site):
    """JupyterLab on a working folder, as ``python -m edition.lab`` starts it; its base URL."""
    tmp = tmp_path_factory.mktemp("jupyterlab")
    home, settings = tmp / "home", tmp / "settings"
    for name, value in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    env.update(HOME=str(home), JUPYTERLAB_SETTINGS_DIR=str(settings), EDITION_WORK=str(tmp / "work"),
               EDITION_SITE=str(site),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"))
    port = _free_port()
    log_path = tmp / "lab.log"
    cmd = [sys.executable, "-m", "edition.lab", "run-it-yourself", "--no-browser",
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
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-GB")
    ctx.set_default_timeout(60_000)
    guard = OfflineGuard().install(ctx)
    page = ctx.new_page()
    log = PageLog().attach(page)
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
    # Stored outputs come with execution counts: clear them so that "every cell ran" means this run.
    page.locator(".lm-MenuBar-itemLabel", has_text="Edit").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Clear Outputs of All Cells").first.click()
    page.wait_for_function("() => ![...document.querySelectorAll('#jp-main-dock-panel .jp-NotebookPanel:not(.lm-mod-hidden) "
                           ".jp-CodeCell .jp-InputPrompt')].some(p => /\\[\\d+\\]/.test(p.textContent))")
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    try:
        page.wait_for_function(ALL_RAN_JS, timeout=RUN_TIMEOUT)
    except Exception:
        _shot(page, "jupyterlab-run-all-timeout.png")
        prompts = page.evaluate(CELLS_JS)
        pytest.fail("Run All did not finish: " + "; ".join(
            f"{c['prompt']} {c['source'][:40]!r} {c['text'][:300]!r}" for c in prompts or []))
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


#: Each exercise's Change, as a student types it: (line that starts with, the new line), and the
#: words its self-check and its Expect show afterwards.
CHANGES = [
    ("swap = {}  # {used: other}, the two ids",
     'swap = {"a_2015_china_imports_kiep": "a_2015_china_imports_kotra"}'),
    ('year, measure = 2011, "china_share"', 'year, measure = 2013, "total"'),
    ("drop = [2011]", "drop = [2011, 2012]"),
    ("decimals = 2", "decimals = 1"),
    ('year, region = 2014, "Shandong"', 'year, region = 2014, "Liaoning"'),
    ('hs, start, end = "62", 2009, 2015', 'hs, start, end = "62", 2003, 2015'),
    ("swap = {}  # {used: other}; {} keeps", 'swap = {"a_2019_total_kita": "a_2019_total_kotra"}'),
    ("wage, finance, trading = None, None, None", "wage, finance, trading = None, 30, None"),
    ('claim, steps = "s6_trade_total_2020h1", ["1"]', 'claim, steps = "s6_trade_total_2020h1", ["1", "5", "10"]'),
    ("answer = None", 'answer = "s5"'),
]
CHECKS_JS = """() => [...document.querySelectorAll('#jp-main-dock-panel .jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')]
  .filter(c => c.textContent.includes('# self-check'))
  .map(c => (c.querySelector('.jp-OutputArea') || {}).textContent || '')"""
MARKDOWN_JS = """() => [...document.querySelectorAll('#jp-main-dock-panel .jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell .jp-RenderedMarkdown')]
  .map(c => c.textContent).join('\\n')"""


def _git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


def _replace_line(page, starts: str, new: str) -> None:
    line = page.locator("#jp-main-dock-panel .jp-NotebookPanel:not(.lm-mod-hidden) .cm-line").filter(
        has_text=starts).first
    line.scroll_into_view_if_needed()
    line.click()
    page.keyboard.press("End")
    page.keyboard.press("Shift+Home")
    page.keyboard.insert_text(new)  # as pasted: no bracket or quote closing in between
    texts = page.locator(".cm-line").all_text_contents()
    assert new in texts, f"could not type {new!r}"


def _open(page, lab_url: str, path: str) -> None:
    page.goto(lab_url + "lab/tree/" + path + "?reset")  # a fresh workspace: this notebook only
    page.wait_for_selector("#jp-main-dock-panel .jp-NotebookPanel", timeout=LOAD_TIMEOUT)
    page.wait_for_function(
        "([name]) => (document.querySelector('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current') || {})"
        ".textContent?.includes(name)", arg=[path.split("/")[-1]], timeout=LOAD_TIMEOUT)
    _wait_idle(page)


def _no_markup(text: str, where: str) -> None:
    for markup in (":::", "{glue", "{cite", "{note", "{sic}", "{v}", "{pair}", "{.lang-", "lang-en", "lang-ko"):
        assert markup not in text, f"{where}: directive markup {markup!r} shows in the text"


def test_exercises_each_change_turns_its_self_check_right_and_the_repository_stays_clean(lab_page, lab):
    page, log = lab_page
    before = _git_status()
    _open(page, lab, "en/run-it-yourself.ipynb")
    _no_markup(page.evaluate(MARKDOWN_JS), "run-it-yourself (en)")
    cells = _run_all(page)
    _assert_clean(cells, "run-it-yourself (en)")
    checks = page.evaluate(CHECKS_JS)
    assert len(checks) == len(CHANGES), checks
    assert all("Not yet" in c for c in checks), checks  # nothing changed yet: every check says so
    for starts, new in CHANGES:
        _replace_line(page, starts, new)
    cells = _run_all(page)
    _shot(page, "jupyterlab-en-run-it-yourself-after-changes.png")
    _assert_clean(cells, "run-it-yourself (en), changed")
    checks = page.evaluate(CHECKS_JS)
    for (starts, new), said in zip(CHANGES, checks):
        assert "✓ Right" in said, f"after `{new}` the self-check says: {said}"
    # The Expects, as the outputs show them
    assert "conflicts with independent sources" in checks[6]
    assert "differs" in checks[8] and "10: matches" in checks[8]
    assert _cell(cells, "figure1_display(mine")["svgs"] >= 2, "Figure 1 not redrawn"
    _shot(page, "jupyterlab-en-run-it-yourself-checked.png",
          page.locator(".jp-CodeCell").filter(has_text="# self-check").nth(6).element_handle())
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current.jp-mod-dirty')",
                           timeout=30_000)  # saved: the tab's unsaved-changes dot is gone
    assert _git_status() == before, "the student's work reached the repository"
    assert not [e for e in log.errors if "pageerror" in e], log.errors


@pytest.mark.parametrize("lang, words", [("ko", ["7억 9,900만 달러", "직접 실행"]), ("en", ["$799 million"])])
def test_chapter_2_reads_as_the_site_shows_it(lab_page, lab, lang, words):
    page, log = lab_page
    _open(page, lab, f"{lang}/02-integration.ipynb")
    text = page.evaluate(MARKDOWN_JS)
    _no_markup(text, f"02-integration ({lang})")
    assert words[0] in text, f"{words[0]!r} not in the {lang} notebook"
    assert "Note 3)" in text or "주 3)" in text  # the paper's notes under their own numbers
    _shot(page, f"jupyterlab-{lang}-02-integration-top.png", page.locator(".jp-Cell").first.element_handle())
    para = page.locator(".jp-MarkdownCell").filter(has_text=words[0]).first
    _shot(page, f"jupyterlab-{lang}-02-integration.png", para.element_handle())


def test_korean_run_it_yourself_speaks_korean(lab_page, lab):
    page, log = lab_page
    _open(page, lab, "ko/run-it-yourself.ipynb")
    _no_markup(page.evaluate(MARKDOWN_JS), "run-it-yourself (ko)")
    cells = _run_all(page)
    _assert_clean(cells, "run-it-yourself (ko)")
    checks = page.evaluate(CHECKS_JS)
    assert checks and all("아직이다" in c and "Not yet" not in c for c in checks), checks
    text = "\n".join(c["text"] for c in cells)
    assert "판정" in text and "재계산 값" in text and "정밀도가 낮은 출처와만 부합" in text
    assert "agrees only with a rougher source" not in text
    _shot(page, "jupyterlab-ko-run-it-yourself.png",
          page.locator(".jp-CodeCell").filter(has_text="ex.rejudge(base, claim, swap)").first.element_handle())

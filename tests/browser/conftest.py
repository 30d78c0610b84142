"""Fixtures for the browser tests: the built site on 127.0.0.1, Chromium, an offline guard.

Which site: ``--site PATH`` (when this folder is on the command line, e.g.
``pytest tests/browser --site /tmp/sitebuild/_build/html``), else the environment variable
``EDITION_SITE``, else ``_build/html``. If it has not been built, every test here fails with
the reason (``pytest -m "not browser"`` is the fast path that needs no site). Chromium: ``--chromium PATH`` / ``EDITION_CHROMIUM``, else /usr/bin/chromium.

No test may reach the network: every request that is not to the local server fails (Chromium's
flags in harness.py) and is recorded, and a test that caused one fails (``browse.assert_offline()``,
and again at teardown).

Cost: opening a tab is what makes a page load slow here (a new renderer process: about 0.6 s a
page against 0.25 s for a navigation in a tab already open). ``browse.open`` gives a fresh context
and tab (for tests that depend on fresh storage, or that click, hover, type or change the media);
``browse.visit`` navigates a warm tab kept for the session, one per (mode, viewport, locale), whose
storage is emptied before every document (then the mode stored), so each load still sees what a
first visit with that stored mode sees. The warm tabs carry the same offline guard, checked for
every test that used them.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from . import background
from .harness import (
    DEFAULT_SITE,
    OfflineGuard,
    PageLog,
    SiteServer,
    chromium_path,
    launch_chromium,
    site_pages,
)

pytestmark = pytest.mark.browser

MODES = ("en", "ko", "both")


def pytest_addoption(parser):
    group = parser.getgroup("edition site")
    group.addoption("--site", default=None,
                    help="built HTML site to test (default: $EDITION_SITE or _build/html)")
    group.addoption("--chromium", default=None,
                    help="Chromium executable (default: $EDITION_CHROMIUM or /usr/bin/chromium)")


def _opt(config, name: str):
    try:
        return config.getoption(name)
    except ValueError:  # this conftest was not an initial one: options not registered
        return None


def site_root(config) -> Path:
    return Path(_opt(config, "--site") or os.environ.get("EDITION_SITE") or DEFAULT_SITE).resolve()


def _site_problem(site: Path) -> str | None:
    if not site.is_dir():
        return f"no built site at {site} (run `jupyter-book build .` or pass --site / EDITION_SITE)"
    if not site_pages(site):
        return f"{site} holds no HTML pages"
    return None


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser needs the built site: mark it ``browser`` even where a
    module forgot ``pytestmark``, so the fast path (``-m "not browser"``) never collects it."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def pytest_collection_finish(session):
    """Start the slow work that needs no browser (background.py) once the session's tests are known."""
    site = site_root(session.config)
    if session.items and _site_problem(site) is None:
        background.start(session, site)


def pytest_sessionfinish(session):
    background.stop(session)


def pytest_generate_tests(metafunc):
    """``page_path``: every page of the built site; ``mode``: en / ko / both."""
    if "page_path" in metafunc.fixturenames:
        site = site_root(metafunc.config)
        problem = _site_problem(site)
        if problem:
            params = [pytest.param(None, id="no-site")]  # the site fixture fails with the reason
        else:
            params = site_pages(site)
        metafunc.parametrize("page_path", params)
    if "mode" in metafunc.fixturenames:
        metafunc.parametrize("mode", MODES)


@pytest.fixture(scope="session")
def site(pytestconfig) -> Path:
    root = site_root(pytestconfig)
    problem = _site_problem(root)
    if problem:
        pytest.fail(problem)
    return root


@pytest.fixture(scope="session")
def base_url(site):
    with SiteServer(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(pytestconfig):
    exe = chromium_path(_opt(pytestconfig, "--chromium"))
    if exe is None:
        pytest.fail("no Chromium executable (install Debian `chromium` or set EDITION_CHROMIUM)")
    try:
        from playwright import sync_api
    except ImportError:
        pytest.fail("the playwright package is not installed (pip install -r requirements-dev.txt)")
    with sync_api.sync_playwright() as pw:
        browser = launch_chromium(pw, exe)
        yield browser
        browser.close()


#: Run in every document of a warm tab before its own scripts: the storage a fresh context has
#: (none), then the reader's stored mode if any (as ``Browse.open`` stores it).
FRESH_STORAGE = """(mode) => { try { localStorage.clear(); sessionStorage.clear();
  if (mode) localStorage.setItem('edition-lang', mode); } catch (e) {} }"""


class WarmTab:
    """One guarded context with one tab, navigated from page to page (no new renderer each time)."""

    def __init__(self, browser, mode: str | None, options: dict):
        self.context = browser.new_context(**options)
        self.context.set_default_timeout(30_000)
        self.guard = OfflineGuard().install(self.context)
        self.context.add_init_script(f"({FRESH_STORAGE})({json.dumps(mode)})")
        self.page = self.context.new_page()
        self.log: PageLog | None = None

    def visit(self, url: str, wait: str) -> tuple[object, PageLog]:
        if self.log is not None:
            self.log.detach()
        # Leave no hover behind: a pointer left on the last page's link would hover the next one.
        self.page.mouse.move(0, 0)
        self.log = PageLog().attach(self.page)
        self.page.goto(url, wait_until=wait)
        return self.page, self.log


class WarmTabs:
    """The session's warm tabs, by (mode, context options)."""

    def __init__(self, browser):
        self.browser = browser
        self.tabs: dict[tuple, WarmTab] = {}

    def get(self, mode: str | None, options: dict) -> WarmTab:
        key = (mode, tuple(sorted((k, repr(v)) for k, v in options.items())))
        tab = self.tabs.get(key)
        if tab is None or tab.page.is_closed():
            tab = self.tabs[key] = WarmTab(self.browser, mode, options)
        return tab

    def close(self) -> None:
        for tab in self.tabs.values():
            try:
                tab.context.close()
            except Exception:  # noqa: BLE001 - already gone
                pass


@pytest.fixture(scope="session")
def warm_tabs(browser):
    tabs = WarmTabs(browser)
    yield tabs
    tabs.close()


class Browse:
    """Opens pages of the local site in fresh, guarded browser contexts (``open``) or in the
    session's warm tabs (``visit``)."""

    def __init__(self, browser, base_url: str, warm: WarmTabs | None = None):
        self.browser = browser
        self.base_url = base_url
        self.guard = OfflineGuard()
        self.contexts = []
        self.warm = warm
        self.warm_used: dict[int, tuple[OfflineGuard, int]] = {}

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")

    def context(self, width: int = 1280, height: int = 900, locale: str = "en-GB", **kw):
        ctx = self.browser.new_context(viewport={"width": width, "height": height},
                                       locale=locale, **kw)
        ctx.set_default_timeout(30_000)
        self.guard.install(ctx)
        self.contexts.append(ctx)
        return ctx

    def open(self, path: str, context=None, mode: str | None = None, wait: str = "load", **kw):
        """A new page at *path*; with *mode*, the reader's stored language is set first."""
        ctx = context or self.context(**kw)
        if mode:
            ctx.add_init_script(
                f"try {{ localStorage.setItem('edition-lang', {mode!r}); }} catch (e) {{}}")
        page = ctx.new_page()
        log = PageLog().attach(page)
        page.goto(self.url(path), wait_until=wait)
        return page, log

    def visit(self, path: str, mode: str | None = None, wait: str = "load", width: int = 1280,
              height: int = 900, locale: str = "en-GB", **kw):
        """*path* in the warm tab for (*mode*, viewport, locale, options): for tests that read the
        page (and may follow in-page links) but leave no state a later load could see."""
        options = dict(viewport={"width": width, "height": height}, locale=locale, **kw)
        tab = self.warm.get(mode, options)
        guard = tab.guard
        self.warm_used.setdefault(id(guard), (guard, len(guard.blocked)))
        return tab.visit(self.url(path), wait)

    def blocked(self) -> list[str]:
        """Requests this test's pages tried to send outside the local site."""
        out = list(self.guard.blocked)
        for guard, start in self.warm_used.values():
            out += guard.blocked[start:]
        return out

    def forget_blocked(self) -> None:
        """For the harness's self-checks: the outside requests they made on purpose."""
        self.guard.blocked.clear()
        for guard, start in self.warm_used.values():
            del guard.blocked[start:]

    def assert_offline(self) -> None:
        blocked = self.blocked()
        assert not blocked, (
            "the page tried to reach outside the local site:\n  " + "\n  ".join(blocked))

    def close(self) -> None:
        for ctx in self.contexts:
            try:
                ctx.close()
            except Exception:  # noqa: BLE001 - already gone
                pass


@pytest.fixture
def browse(browser, base_url, warm_tabs):
    b = Browse(browser, base_url, warm_tabs)
    yield b
    b.close()
    b.assert_offline()

"""Small helpers shared by the browser test modules (page-side JavaScript and HTML parsing)."""
from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from .harness import is_redirect_stub

#: Pages checked in the single-language modes too (a prose chapter and the widest table), by the
#: accessibility and phone-width tests alike; every page is checked side by side.
SINGLE_LANGUAGE_SAMPLES = ("chapters/04-sanctions.html", "chapters/ledger.html")

#: Elements that will hold an Altair/Vega chart (before and after vega-embed ran).
CHART_SELECTOR = ".vega-embed, .edition-chart, [id^='altair-viz']"

WAIT_FOR_CHARTS = """
(sel) => Array.from(document.querySelectorAll(sel)).every(
  (el) => el.querySelector('svg, canvas') || el.querySelector('.error'))
"""

#: Facts about links on the page: where they point and whether source and target can be seen.
LINK_FACTS = """
(sel) => {
  const seen = (el) => !!el && el.getClientRects().length > 0
                      && getComputedStyle(el).visibility !== 'hidden';
  return Array.from(document.querySelectorAll(sel)).map((a) => {
    const href = a.getAttribute('href') || '';
    const u = new URL(href, location.href);
    const same = u.origin === location.origin && u.pathname === location.pathname;
    const id = decodeURIComponent(u.hash.replace(/^#/, ''));
    const target = same && id ? document.getElementById(id) : null;
    return {
      href, text: a.textContent.trim().slice(0, 40), cls: a.className,
      visible: seen(a), same, id, path: u.pathname, origin: u.origin === location.origin,
      exists: same ? !!target : null, targetVisible: same ? seen(target) : null,
    };
  });
}
"""


def wait_for_page(page, site: Path, page_path: str) -> None:
    """After goto: follow the root redirect stub and let charts draw."""
    if is_redirect_stub(site, page_path):
        page.wait_for_url(lambda url: not url.rstrip("/").endswith(page_path) and ".html" in url,
                          timeout=15_000)
        page.wait_for_load_state("load")
    if page.locator(CHART_SELECTOR).count():
        page.wait_for_function(WAIT_FOR_CHARTS, arg=CHART_SELECTOR, timeout=30_000)


#: Resolves once the page has nothing left to do: two animation frames (edition-ko.js localises
#: late content in the frame after a change) and then an idle main thread. A wait on a condition,
#: where a fixed sleep would be too long on an idle machine and too short on a loaded one.
SETTLED = """() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() =>
  (window.requestIdleCallback || ((f) => setTimeout(f, 0)))(() => done(true), {timeout: 2000}))))"""


def settle(page) -> None:
    """Wait until late work (deferred scripts, charts, localisation) is done."""
    page.evaluate(SETTLED)


@functools.lru_cache(maxsize=None)
def ids_of(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(el["id"] for el in soup.find_all(id=True))


@functools.lru_cache(maxsize=None)
def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def resolve(site: Path, page_path: str, href: str) -> tuple[Path, str]:
    """The file and fragment an href on *page_path* points at."""
    parts = urlsplit(href)
    if parts.path:
        target = (site / page_path).parent / unquote(parts.path)
    else:
        target = site / page_path
    return target.resolve(), unquote(parts.fragment)

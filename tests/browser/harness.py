"""Shared machinery for the browser tests and the screenshot helper.

* :class:`SiteServer` serves a built site from 127.0.0.1 on a free port (``http.server``).
* :func:`launch_chromium` starts the system Chromium through Playwright, offline-minded flags.
* :class:`OfflineGuard` watches every request of a browser context and **records** any that is
  not to this machine, so a test can fail on it; Chromium itself cannot send one (no name
  resolves but the loopback's, and everything not to the loopback goes to a proxy that is not
  there).
* :func:`site_pages` lists the reader-facing pages of a built site.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SITE = ROOT / "_build" / "html"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
AXE_JS = Path(__file__).resolve().parent / "assets" / "axe-core" / "axe.min.js"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    # No name but the loopback resolves ...
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    # ... and a request to an address goes to a proxy on a closed port of this machine (the
    # loopback itself is exempt): whatever a page asks for, nothing leaves the machine.
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1;localhost;[::1]",
]

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
HARMLESS_SCHEMES = {"data", "blob", "about", "chrome-error"}

#: Folders of a Sphinx build that are not reader pages (theme templates are copied to _static).
NOT_PAGES = ("_static", "_sources", "_images", "_downloads", ".doctrees", "jupyter_execute")


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as URL paths relative to its root, sorted."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if rel.parts and rel.parts[0] in NOT_PAGES:
            continue
        pages.append(rel.as_posix())
    return pages


def is_redirect_stub(site: Path, page: str) -> bool:
    """Jupyter Book's root index.html is a one-line meta-refresh to the first chapter."""
    text = (site / page).read_text(encoding="utf-8", errors="replace")
    return len(text) < 400 and 'http-equiv="Refresh"' in text.replace("refresh", "Refresh")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass

    def end_headers(self) -> None:
        # Every load sees the files as built: the browser may keep a copy (and the compiled
        # scripts that go with it, which makes a page load about a third cheaper) but asks
        # again each time (If-Modified-Since: 304 while the file is unchanged).
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


class SiteServer:
    """``with SiteServer(path) as url: ...`` serves *path* at ``url`` (http://127.0.0.1:port/)."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        handler = functools.partial(_QuietHandler, directory=str(self.directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> str:
        self.thread.start()
        return self.url

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def chromium_path(explicit: str | None = None) -> str | None:
    for candidate in (explicit, os.environ.get("EDITION_CHROMIUM"), DEFAULT_CHROMIUM,
                      "/usr/lib/chromium/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def launch_chromium(playwright, executable: str):
    return playwright.chromium.launch(executable_path=executable, headless=True,
                                      args=CHROMIUM_ARGS)


def is_local(url: str) -> bool:
    """A request that stays on this machine (or needs no network at all)."""
    parts = urlsplit(url)
    return parts.scheme in HARMLESS_SCHEMES or (
        parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS)


@dataclass
class OfflineGuard:
    """Record every request of a context that is not to this machine (Chromium's flags, above,
    make it fail). A listener rather than a route: routing every request through the test
    process would also switch off the browser's cache, and with it the compiled-script cache."""

    blocked: list[str] = field(default_factory=list)

    def install(self, context) -> "OfflineGuard":
        context.on("request", self._seen)
        return self

    def _seen(self, request) -> None:
        if not is_local(request.url):
            self.blocked.append(request.url)


@dataclass
class PageLog:
    """Console errors, uncaught exceptions and failed local requests of one page."""

    errors: list[str] = field(default_factory=list)

    def attach(self, page) -> "PageLog":
        self._page = page
        page.on("console", self._console)
        page.on("pageerror", self._pageerror)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        return self

    def detach(self) -> None:
        """Stop listening (a warm tab's next page gets a log of its own)."""
        page = getattr(self, "_page", None)
        if page is None:
            return
        for event, handler in (("console", self._console), ("pageerror", self._pageerror),
                               ("requestfailed", self._failed), ("response", self._response)):
            page.remove_listener(event, handler)
        self._page = None

    def _pageerror(self, exc) -> None:
        self.errors.append(f"pageerror: {exc}")

    def _console(self, msg) -> None:
        if msg.type == "error":
            loc = msg.location or {}
            if urlsplit(loc.get("url", "")).path == "/favicon.ico":
                # Chromium's own guess at a site icon (the site declares none), once a browser,
                # not a request of the page; unseen while the guard routed requests (Chromium
                # then skips it), so not a check any test made before.
                return
            self.errors.append(f"console.error: {msg.text} ({loc.get('url', '')}:{loc.get('lineNumber', '')})")

    def _failed(self, request) -> None:
        failure = request.failure or ""
        if not is_local(request.url):
            return  # reported by OfflineGuard
        self.errors.append(f"request failed: {request.url} ({failure})")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")

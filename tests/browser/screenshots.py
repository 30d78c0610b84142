"""Screenshots of pages of the built site in the three language modes, for people to look at.

    .venv/bin/python tests/browser/screenshots.py [PAGE ...] [--site _build/html] [--out DIR]
                                                  [--full-page] [--modes en,ko,both]

PAGE is a path inside the site (default: the first three chapters). For each page and mode it
saves ``<page>--<mode>--desktop.png`` (1280x900) and ``<page>--<mode>--375.png`` (375x740,
a small phone). Offline like the tests: any request outside the local server is blocked and
reported. Not a test; nothing is compared.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests.browser` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.browser.harness import (  # noqa: E402
    DEFAULT_SITE,
    OfflineGuard,
    PageLog,
    SiteServer,
    chromium_path,
    launch_chromium,
)
from tests.browser.helpers import CHART_SELECTOR, WAIT_FOR_CHARTS  # noqa: E402

VIEWPORTS = {"desktop": (1280, 900), "375": (375, 740)}
DEFAULT_PAGES = ("chapters/01-introduction.html", "chapters/02-integration.html",
                 "chapters/03-political-economy.html")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pages", nargs="*", default=list(DEFAULT_PAGES))
    ap.add_argument("--site", type=Path, default=DEFAULT_SITE)
    ap.add_argument("--out", type=Path, default=Path("screenshots"))
    ap.add_argument("--modes", default="en,ko,both")
    ap.add_argument("--full-page", action="store_true", help="capture the whole page height")
    ap.add_argument("--chromium", default=None)
    args = ap.parse_args(argv)

    site = args.site.resolve()
    if not site.is_dir():
        print(f"no built site at {site}", file=sys.stderr)
        return 2
    exe = chromium_path(args.chromium)
    if not exe:
        print("no Chromium found (set --chromium or EDITION_CHROMIUM)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    guard = OfflineGuard()
    problems = 0
    with SiteServer(site) as url, sync_playwright() as pw:
        browser = launch_chromium(pw, exe)
        for page_path in args.pages:
            if not (site / page_path).is_file():
                print(f"skip {page_path}: not in {site}", file=sys.stderr)
                continue
            stem = page_path.removesuffix(".html").replace("/", "_")
            for mode in modes:
                for label, (w, h) in VIEWPORTS.items():
                    ctx = browser.new_context(viewport={"width": w, "height": h},
                                              is_mobile=(label != "desktop"),
                                              has_touch=(label != "desktop"))
                    guard.install(ctx)
                    page = ctx.new_page()
                    log = PageLog().attach(page)
                    page.goto(f"{url}{page_path}?lang={mode}", wait_until="load")
                    if page.locator(CHART_SELECTOR).count():
                        page.wait_for_function(WAIT_FOR_CHARTS, arg=CHART_SELECTOR, timeout=30_000)
                    page.wait_for_timeout(250)
                    out = args.out / f"{stem}--{mode}--{label}.png"
                    page.screenshot(path=str(out), full_page=args.full_page)
                    print(out)
                    for err in log.errors:
                        problems += 1
                        print(f"  ! {err}", file=sys.stderr)
                    ctx.close()
        browser.close()
    for blocked in guard.blocked:
        problems += 1
        print(f"  ! blocked outside request: {blocked}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Measure the edition's build and reading costs (not a test).

    .venv/bin/python benchmarks/run.py                 # everything (~2-4 min on 2 cores)
    .venv/bin/python benchmarks/run.py --skip-tests    # builds and page weights only
    .venv/bin/python benchmarks/run.py --site _build/html --skip-build --skip-tests
                                                       # page weights of an existing build

What it measures, in a temporary copy of the repository (the working tree and its _build are
never touched):

1. clean build: ``jupyter-book build . --all`` into an empty ``_build``;
2. no-change rebuild: ``jupyter-book build .`` again, nothing edited;
3. each chapter's execution time, from the build's own record (myst-nb keeps it in the pickled
   Sphinx environment: ``env.nb_metadata[docname]["exec_data"]["runtime"]``);
4. the test suite: ``pytest`` in the repository, pointed at the fresh build (EDITION_SITE);
5. each page's weight: the HTML plus every local asset it references (scripts, stylesheets,
   preloads, images, icons; inside stylesheets, @import and url() — for each @font-face only
   the first source, the one a browser fetches). Raw bytes, and gzip-6 bytes for a server that
   compresses.

Targets: clean build < 60 s, no-change rebuild < 10 s, no page > 1.5 MB (1,500,000 bytes, raw).
Writes benchmarks/results.json and benchmarks/results.md. Exit status 0 unless --strict and a
target is missed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import pickle
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT_JSON = ROOT / "benchmarks" / "results.json"
OUT_MD = ROOT / "benchmarks" / "results.md"

TARGETS = {"clean_build_s": 60.0, "rebuild_s": 10.0, "page_bytes": 1_500_000}
COPY_EXCLUDE = {".venv", "venv", "_build", ".git", ".pytest_cache", "__pycache__",
                ".ipynb_checkpoints", "screenshots"}
NOT_PAGES = ("_static", "_sources", "_images", "_downloads", ".doctrees", "jupyter_execute")


# --- running things ---------------------------------------------------------------------------

def venv_bin(name: str) -> str:
    exe = Path(sys.executable).parent / name
    return str(exe) if exe.exists() else name


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None,
          log: Path | None = None) -> tuple[float, int, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    output = proc.stdout + proc.stderr
    if log:
        log.write_text(output, encoding="utf-8")
    return elapsed, proc.returncode, output


def copy_repo(dest: Path) -> None:
    def ignore(directory: str, names: list[str]) -> set[str]:
        return {n for n in names if n in COPY_EXCLUDE}
    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)


def build_env(copy: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The notebooks import `edition`; make them import the copy's, not the installed one.
    env["PYTHONPATH"] = str(copy) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def count_warnings(output: str) -> int:
    """Sphinx warnings ("…: WARNING: …"), not the kernel's "[IPKernelApp] WARNING | …" noise."""
    return len(re.findall(r"WARNING: ", output))


# --- execution times --------------------------------------------------------------------------

def execution_times(build_dir: Path) -> dict[str, dict]:
    pickle_path = build_dir / ".doctrees" / "environment.pickle"
    if not pickle_path.exists():
        return {}
    with pickle_path.open("rb") as fh:
        env = pickle.load(fh)
    times = {}
    for docname, meta in sorted(getattr(env, "nb_metadata", {}).items()):
        data = (meta or {}).get("exec_data") or {}
        if data:
            times[docname] = {"runtime_s": round(float(data.get("runtime") or 0.0), 3),
                              "succeeded": bool(data.get("succeeded")),
                              "method": data.get("method")}
    return times


# --- page weight ------------------------------------------------------------------------------

class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.refs.append(a["src"])
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if any(r in rel for r in ("stylesheet", "preload", "icon", "modulepreload")):
                self.refs.append(a["href"])
        elif tag in ("img", "source", "video", "audio", "iframe", "embed") and a.get("src"):
            self.refs.append(a["src"])
        elif tag == "object" and a.get("data"):
            self.refs.append(a["data"])
        if tag in ("img", "source") and a.get("srcset"):
            self.refs.extend(part.strip().split(" ")[0] for part in a["srcset"].split(","))


_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
_CSS_IMPORT = re.compile(r"@import\s+(?:url\()?\s*['\"]([^'\"]+)['\"]")
_FONT_FACE = re.compile(r"@font-face\s*{[^}]*}", re.S)


def _local(site: Path, base: Path, ref: str) -> Path | None:
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or ref.startswith(("data:", "#", "//")):
        return None
    path = unquote(parts.path)
    if not path:
        return None
    target = (site / path.lstrip("/")) if path.startswith("/") else (base.parent / path)
    target = target.resolve()
    return target if target.is_file() and site in target.parents else None


def _css_refs(css: str) -> list[str]:
    refs = []
    faces = _FONT_FACE.findall(css)
    rest = _FONT_FACE.sub("", css)
    for face in faces:  # a browser fetches one source per face: the first it supports
        urls = _CSS_URL.findall(face)
        if urls:
            refs.append(urls[0][1])
    refs += [u for _, u in _CSS_URL.findall(rest)]
    refs += _CSS_IMPORT.findall(rest)
    return refs


def page_assets(site: Path, page: Path) -> tuple[set[Path], list[str]]:
    parser = _Refs()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    assets: set[Path] = set()
    external: list[str] = []
    queue = [(page, r) for r in parser.refs]
    while queue:
        base, ref = queue.pop()
        target = _local(site, base, ref)
        if target is None:
            if urlsplit(ref).scheme in ("http", "https") or ref.startswith("//"):
                external.append(ref)
            continue
        if target in assets:
            continue
        assets.add(target)
        if target.suffix == ".css":
            css = target.read_text(encoding="utf-8", errors="replace")
            queue += [(target, r) for r in _css_refs(css)]
    return assets, external


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def page_weights(site: Path) -> list[dict]:
    rows = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if rel.parts[0] in NOT_PAGES:
            continue
        assets, external = page_assets(site, page)
        files = [page, *sorted(assets)]
        raw = sum(f.stat().st_size for f in files)
        biggest = sorted(assets, key=lambda f: f.stat().st_size, reverse=True)[:3]
        rows.append({
            "page": rel.as_posix(),
            "html_bytes": page.stat().st_size,
            "assets": len(assets),
            "total_bytes": raw,
            "total_gzip_bytes": sum(gz(f) for f in files),
            "largest_assets": [[f.relative_to(site).as_posix(), f.stat().st_size] for f in biggest],
            "external_refs": sorted(set(external)),
        })
    return rows


def browser_weights(site: Path, pages: list[str]) -> dict[str, dict] | None:
    """What Chromium actually fetches for a cold load of each page (fonts only when used,
    charts drawn). None if Playwright or Chromium is unavailable."""
    try:
        sys.path.insert(0, str(ROOT))
        from playwright.sync_api import sync_playwright

        from tests.browser.harness import OfflineGuard, SiteServer, chromium_path, launch_chromium
    except Exception:  # noqa: BLE001 - optional measurement
        return None
    exe = chromium_path()
    if not exe:
        return None
    out: dict[str, dict] = {}
    with SiteServer(site) as url, sync_playwright() as pw:
        browser = launch_chromium(pw, exe)
        for rel in pages:
            ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            guard = OfflineGuard().install(ctx)
            page = ctx.new_page()
            sizes: dict[str, int] = {}

            def on_response(resp, sizes=sizes):
                try:
                    sizes[resp.url] = len(resp.body())
                except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
                    pass
            page.on("response", on_response)
            page.goto(url + rel, wait_until="load")
            try:
                page.wait_for_load_state("networkidle", timeout=10_000)
            except Exception:  # noqa: BLE001
                pass
            out[rel] = {"bytes": sum(sizes.values()), "requests": len(sizes),
                        "blocked_outside": len(guard.blocked)}
            ctx.close()
        browser.close()
    return out


# --- tests ------------------------------------------------------------------------------------

def run_tests(site: Path | None) -> dict:
    env = dict(os.environ)
    if site:
        env["EDITION_SITE"] = str(site)
    elapsed, code, output = timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                                  cwd=ROOT, env=env)
    summary = next((line.strip("= ") for line in reversed(output.splitlines())
                    if re.search(r"\d+ (passed|failed|error)", line)), "")
    return {"seconds": round(elapsed, 1), "exit_code": code, "summary": summary}


# --- report -----------------------------------------------------------------------------------

def verdict(value, limit) -> str:
    if value is None:
        return "not measured"
    return "met" if value < limit else "MISSED"


def markdown(results: dict) -> str:
    b, t = results.get("build", {}), results.get("tests")
    lines = [
        "# Benchmarks",
        "",
        f"Run {results['when']} on {results['machine']['cpus']} CPU(s), load average "
        f"{results['machine']['loadavg']} (other work on the machine slows every figure).",
        "",
        "| measure | value | target | |",
        "|---|---:|---:|---|",
    ]
    if b:
        lines.append(f"| clean build (`jupyter-book build . --all`) | {b['clean_s']:.1f} s | < 60 s | "
                     f"{verdict(b['clean_s'], TARGETS['clean_build_s'])} |")
        lines.append(f"| no-change rebuild | {b['rebuild_s']:.1f} s | < 10 s | "
                     f"{verdict(b['rebuild_s'], TARGETS['rebuild_s'])} |")
    if t:
        lines.append(f"| test suite (`pytest`) | {t['seconds']:.1f} s | – | {t['summary']} |")
    pages = results.get("pages", [])
    if pages:
        heaviest = max(pages, key=lambda r: r["total_bytes"])
        lines.append(f"| heaviest page ({heaviest['page']}) | {heaviest['total_bytes'] / 1e6:.2f} MB "
                     f"(gzip {heaviest['total_gzip_bytes'] / 1e6:.2f} MB) | < 1.5 MB | "
                     f"{verdict(heaviest['total_bytes'], TARGETS['page_bytes'])} |")
    if b:
        lines += ["", f"Clean build exit code {b['clean_exit']}, {b['clean_warnings']} warning(s); "
                      f"rebuild exit code {b['rebuild_exit']}."]
    ex = results.get("execution", {})
    if ex:
        lines += ["", "## Chapter execution (from the clean build)", "",
                  "| chapter | seconds | succeeded |", "|---|---:|---|"]
        lines += [f"| {doc} | {v['runtime_s']:.2f} | {'yes' if v['succeeded'] else 'NO'} |"
                  for doc, v in ex.items()]
        lines.append(f"| **total** | {sum(v['runtime_s'] for v in ex.values()):.2f} | |")
    if pages:
        lines += ["", "## Page weight (HTML + every local asset it references)", "",
                  "*raw*: bytes of the HTML and every local file it references (the target's "
                  "measure); *gzip*: the same, compressed as a web server would send them; "
                  "*Chromium*: what a cold load in the browser actually fetched (fonts only when "
                  "used, charts drawn), uncompressed.", "",
                  "| page | assets | raw | gzip | Chromium | largest asset |",
                  "|---|---:|---:|---:|---:|---|"]
        for r in pages:
            big = r["largest_assets"][0] if r["largest_assets"] else ["", 0]
            br = r.get("browser")
            br_txt = f"{br['bytes'] / 1e3:,.0f} kB ({br['requests']} req.)" if br else "–"
            lines.append(f"| {r['page']} | {r['assets']} | {r['total_bytes'] / 1e3:,.0f} kB | "
                         f"{r['total_gzip_bytes'] / 1e3:,.0f} kB | {br_txt} | "
                         f"{big[0]} ({big[1] / 1e3:,.0f} kB) |")
        ext = sorted({u for r in pages for u in r["external_refs"]})
        if ext:
            lines += ["", "External references in page markup (not loaded by the tests' "
                          "offline browser): " + ", ".join(f"`{u}`" for u in ext)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Measure build time, execution, tests and page weight.")
    ap.add_argument("--skip-build", action="store_true", help="do not build (needs --site)")
    ap.add_argument("--skip-tests", action="store_true")
    ap.add_argument("--site", type=Path, help="measure this built site instead of a fresh build")
    ap.add_argument("--keep", action="store_true", help="keep the temporary copy")
    ap.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = ap.parse_args(argv)

    results: dict = {
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "loadavg": [round(x, 2) for x in os.getloadavg()],
                    "python": platform.python_version()},
        "targets": TARGETS,
    }
    site = args.site.resolve() if args.site else None
    tmp = None
    try:
        if not args.skip_build:
            tmp = Path(tempfile.mkdtemp(prefix="edition-bench-"))
            copy = tmp / "book"
            copy_repo(copy)
            env = build_env(copy)
            jb = venv_bin("jupyter-book")
            print("clean build …", flush=True)
            clean_s, clean_rc, clean_out = timed([jb, "build", ".", "--all"], copy, env,
                                                 tmp / "clean-build.log")
            print(f"  {clean_s:.1f} s (exit {clean_rc})", flush=True)
            print("no-change rebuild …", flush=True)
            re_s, re_rc, _ = timed([jb, "build", "."], copy, env, tmp / "rebuild.log")
            print(f"  {re_s:.1f} s (exit {re_rc})", flush=True)
            results["build"] = {"clean_s": round(clean_s, 2), "clean_exit": clean_rc,
                                "clean_warnings": count_warnings(clean_out),
                                "rebuild_s": round(re_s, 2), "rebuild_exit": re_rc}
            results["execution"] = execution_times(copy / "_build")
            if site is None:
                site = copy / "_build" / "html"
        if site is None:
            site = ROOT / "_build" / "html"
        if site.is_dir():
            print(f"page weights of {site} …", flush=True)
            results["site"] = str(site)
            results["pages"] = page_weights(site)
            measured = browser_weights(site, [r["page"] for r in results["pages"]])
            for row in results["pages"]:
                row["browser"] = (measured or {}).get(row["page"])
        if not args.skip_tests:
            print("test suite …", flush=True)
            results["tests"] = run_tests(site if site and site.is_dir() else None)
            print(f"  {results['tests']['seconds']} s: {results['tests']['summary']}", flush=True)
    finally:
        if tmp and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        elif tmp:
            print(f"kept {tmp}")

    missed = []
    b = results.get("build")
    if b and b["clean_s"] >= TARGETS["clean_build_s"]:
        missed.append("clean build")
    if b and b["rebuild_s"] >= TARGETS["rebuild_s"]:
        missed.append("rebuild")
    heavy = [r["page"] for r in results.get("pages", []) if r["total_bytes"] >= TARGETS["page_bytes"]]
    if heavy:
        missed.append(f"page weight ({', '.join(heavy)})")
    results["targets_missed"] = missed
    if tmp and not args.keep and results.get("site", "").startswith(str(tmp)):
        results["site"] += " (temporary copy, removed)"

    OUT_JSON.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    OUT_MD.write_text(markdown(results), encoding="utf-8")
    print(f"wrote {OUT_JSON.relative_to(ROOT)} and {OUT_MD.relative_to(ROOT)}")
    print("targets missed: " + (", ".join(missed) if missed else "none"))
    return 1 if (args.strict and missed) else 0


if __name__ == "__main__":
    raise SystemExit(main())

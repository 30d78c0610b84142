"""URLs: syntactically valid everywhere (chapters and references.bib); reachable with --online."""
from __future__ import annotations

import re
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes, urlsplit

from ..data.blocks import ROLE
from .bibliography import BIB_FILE, Bib, field_value
from .model import WARNING, Book, Finding

AUTOLINK = re.compile(r"<(?P<url>[a-zA-Z][\w+.\-]*:[^<>\n]*)>")
MD_LINK = re.compile(r"\]\((?P<url>[^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)")
BARE = re.compile(r"\b(?P<url>https?://[^\s<>()\[\]]+)")
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}\.?$|^localhost$")
TIMEOUT = 5.0
MAX_URLS = 200
WORKERS = 8
PROBES = 3
USER_AGENT = "Mozilla/5.0 (edition link check)"
#: Encodings a percent-encoded query may legitimately use: UTF-8, and the Korean legacy encoding
#: (EUC-KR / CP949) of older Korean news sites, which still expect it in their addresses.
PERCENT_ENCODINGS = ("utf-8", "cp949")


@dataclass(frozen=True)
class UrlUse:
    url: str
    path: str
    line: int
    kind: str  # autolink | link | bare | bib


def collect(book: Book, bib: Bib) -> list[UrlUse]:
    uses: list[UrlUse] = []
    for chapter in book.chapters:
        for line in chapter.prose:
            uses += _in_line(line.text, chapter.rel, line.number)
    for key, (entry, line) in bib.entries.items():
        url = field_value(entry, "url")
        if url:
            uses.append(UrlUse(url, BIB_FILE, line, "bib"))
    return uses


def _in_line(text: str, path: str, number: int) -> list[UrlUse]:
    text = ROLE.sub(lambda m: " " * len(m.group(0)), text)
    uses = [UrlUse(m.group("url"), path, number, "autolink") for m in AUTOLINK.finditer(text)]
    for m in MD_LINK.finditer(text):
        target = re.split(r"\s+[\"'(]", m.group("url").strip(), maxsplit=1)[0]
        if "://" in target or target.startswith(("http", "www.")):
            uses.append(UrlUse(ESCAPE.sub(r"\1", target), path, number, "link"))
    rest = MD_LINK.sub(lambda m: " " * len(m.group(0)), AUTOLINK.sub(lambda m: " " * len(m.group(0)), text))
    uses += [UrlUse(ESCAPE.sub(r"\1", m.group("url").rstrip(".,;:")), path, number, "bare")
             for m in BARE.finditer(rest)]
    return uses


def problem(url: str) -> str | None:
    """Why a URL is malformed, or None."""
    if re.search(r"\s", url):
        return "contains whitespace"
    if "\\" in url:
        return "contains a backslash (a transcription escape such as \\_ ?)"
    garbled = _garbled(url)
    if garbled:
        return garbled
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme or 'missing'!r} is not http/https"
    host = parts.hostname or ""
    try:
        ascii_host = host.encode("idna").decode("ascii") if host else ""
    except UnicodeError:
        return f"host {host!r} is not a valid domain name"
    if not ascii_host or not HOST.match(ascii_host):
        return f"host {host!r} is not a valid domain name"
    return None


def _mojibake(value: str) -> str | None:
    """A run of characters that is UTF-8 read as Latin-1/CP1252 ("Ã©" for "é"), or None."""
    for match in re.finditer(r"[\u0080-\u02ff\u2010-\u203a\u20ac\u2122]{2,}", value):
        run = match.group(0)
        for codec in ("cp1252", "latin-1"):
            try:
                fixed = run.encode(codec).decode("utf-8")
            except UnicodeError:
                continue
            if fixed != run:
                return run
    return None


def _garbled(url: str) -> str | None:
    """Why a URL's text is damaged (bytes lost or misread in a copy), or None.

    A U+FFFD replacement character (raw or percent-encoded) marks bytes already lost; a run such
    as "Ã©" is UTF-8 misread as Latin-1; percent-encoded bytes must spell text in UTF-8 or CP949.
    """
    if "\ufffd" in url:
        return "contains U+FFFD (bytes lost when the address was copied; repair it from its source)"
    run = _mojibake(url)
    if run:
        return f"contains {run!r}, UTF-8 misread as Latin-1 (mojibake)"
    for part in re.findall(r"(?:%[0-9A-Fa-f]{2})+", url):
        raw = unquote_to_bytes(part)
        decoded = [_decode(raw, enc) for enc in PERCENT_ENCODINGS]
        if all(d is None for d in decoded):
            return f"{part} decodes to no text in {' or '.join(PERCENT_ENCODINGS)}"
        if any(d is not None and ("\ufffd" in d or _mojibake(d)) for d in decoded):
            return f"{part} encodes U+FFFD or mojibake"
    return None


def _decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def check_malformed(uses: list[UrlUse]) -> list[Finding]:
    findings = []
    for use in uses:
        why = problem(use.url)
        if why:
            findings.append(Finding(use.path, use.line, "url-malformed", f"{use.kind} {use.url!r}: {why}"))
    return findings


# --- online ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Probe:
    status: int | None  # HTTP status, None when no response at all
    error: str = ""


def fetch(url: str, method: str) -> Probe:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return Probe(response.status)
    except urllib.error.HTTPError as exc:
        return Probe(exc.code, str(exc.reason))
    except Exception as exc:  # noqa: BLE001 - URLError, socket errors, timeouts, bad certificates
        return Probe(None, f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}")


def probe(url: str) -> Probe:
    """HEAD, then GET when HEAD gives no answer or an error status."""
    head = fetch(url, "HEAD")
    if head.status is not None and head.status < 400:
        return head
    get = fetch(url, "GET")
    return get if get.status is not None or head.status is None else head


def _bounded(url: str) -> Probe:
    """probe() in a thread, abandoned after both timeouts (name resolution has none of its own)."""
    box: list[Probe] = []
    thread = threading.Thread(target=lambda: box.append(probe(url)), daemon=True)
    thread.start()
    thread.join(2 * TIMEOUT + 1)
    return box[0] if box else Probe(None, "timed out")


def check_online(uses: list[UrlUse]) -> tuple[list[Finding], str | None]:
    """Dead links, and a message instead when the network is unavailable."""
    valid = [u for u in uses if problem(u.url) is None]
    first: dict[str, UrlUse] = {}
    for use in valid:
        first.setdefault(use.url, use)
    urls = list(first)[:MAX_URLS]
    skipped = len(first) - len(urls)
    results = _probe_all(urls)
    if results is None:
        return [], f"network unavailable: {len(first)} URLs not checked"
    findings = [_dead(first[u], r) for u, r in results.items() if _is_dead(r)]
    note = f"url cap {MAX_URLS}: {skipped} URLs not checked" if skipped else None
    return findings, note


def _probe_all(urls: list[str]) -> dict[str, Probe] | None:
    """None when the first few URLs all fail without any HTTP answer: no network."""
    results: dict[str, Probe] = {}
    for url in urls[:PROBES]:
        results[url] = _bounded(url)
    if results and all(r.status is None for r in results.values()):
        return None
    with ThreadPoolExecutor(WORKERS) as pool:
        for url, result in zip(urls[PROBES:], pool.map(_bounded, urls[PROBES:])):
            results[url] = result
    return results


def _is_dead(result: Probe) -> bool:
    return result.status is None or result.status >= 400


def _dead(use: UrlUse, result: Probe) -> Finding:
    gone = result.status in (404, 410) or result.status is None
    reason = f"HTTP {result.status}" if result.status else result.error
    return Finding(use.path, use.line, "url-dead", f"{use.url}: {reason}", "error" if gone else WARNING)

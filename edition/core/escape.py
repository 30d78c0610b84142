"""The one escaping helper: every value from data or the bibliography that reaches HTML
outside docutils nodes goes through one of these functions.

Why one module: the CSVs and ``references.bib`` are edited by hand by many people, so every cell
and field is treated as hostile. Docutils nodes escape by construction; the few places that
build HTML strings (notebook outputs, inline scripts, page-context hooks) must not each invent
their own escaping, or one of them will forget a context (attribute, URL, script).
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

#: URL schemes that may become a link. Anything else (javascript:, data:, vbscript:, file:) is
#: shown as text only.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
# Characters browsers strip or ignore inside a URL scheme ("java\tscript:" still runs).
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")


def text(value: Any) -> str:
    """Element content: ``<``, ``>`` and ``&`` escaped (quotes too, harmlessly)."""
    return html.escape(str(value), quote=True)


def attr(value: Any) -> str:
    """A double-quoted attribute value."""
    return html.escape(str(value), quote=True)


def script_json(value: Any) -> str:
    """JSON safe to place inside an inline ``<script>``: no ``</script>``, no ``<!--``, no
    HTML entity, no line separator can end or change the script."""
    out = json.dumps(value, ensure_ascii=False, separators=(",", ":"))  # compact: it is page weight
    return (out.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def safe_url(url: Any) -> str | None:
    """The URL if it may become a link (absolute ``http``, ``https`` or ``mailto``), else None."""
    if not isinstance(url, str):
        return None
    probe = _URL_NOISE.sub("", url)
    try:
        parts = urlsplit(probe)
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES:
        return None
    if parts.scheme.lower() in {"http", "https"} and not parts.netloc:
        return None
    return url.strip()


#: A well-formed ``https`` address as the build accepts it from outside (environment,
#: configuration): an ASCII host name (IDNs in punycode), an optional port, a path of RFC 3986
#: characters with ``%XX`` escapes; no user, no query, no fragment, and none of the characters
#: that end an attribute or a tag (quotes, ``<``, ``>``, backslash, space, backtick).
_HTTPS_URL = re.compile(
    r"https://"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
    r"(?::[0-9]{1,5})?"
    r"(?:/(?:[A-Za-z0-9._~!$&()*+,;=:@-]|%[0-9A-Fa-f]{2})*)*"
)


def https_url(value: Any) -> str | None:
    """The value if it is a well-formed ``https`` address (see ``_HTTPS_URL``), else None.

    Stricter than :func:`safe_url` on purpose: an address the build is *given* (not a link in
    the text) goes into attributes and theme templates that may not escape it, so it is refused
    rather than repaired."""
    if isinstance(value, str) and _HTTPS_URL.fullmatch(value):
        return value
    return None


#: Unicode categories of characters that make published text read otherwise than it is, or not
#: at all: Cc (controls), Cf (format: bidi controls such as U+202E, zero-width spaces and
#: joiners, the BOM, soft hyphens), Zl and Zp (line and paragraph separators).
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


def hidden_characters(value: str, allow: str = "") -> list[str]:
    """The control, bidi-control and invisible characters in *value* (as ``U+XXXX``, in order),
    except those in *allow* (e.g. ``"\n\t"`` for running text)."""
    return [f"U+{ord(c):04X}" for c in value
            if c not in allow and unicodedata.category(c) in HIDDEN_CATEGORIES]


def is_safe_id(value: Any) -> bool:
    """Whether a value from data may be used as an HTML id or fragment as it is."""
    return isinstance(value, str) and bool(_ID.match(value))


def safe_id(value: Any, *, what: str = "id") -> str:
    """The value, if it is a safe id; a ValueError naming it otherwise."""
    if not is_safe_id(value):
        raise ValueError(f"{what} {value!r} is not a safe id (letters, digits, _ . : - only)")
    return value

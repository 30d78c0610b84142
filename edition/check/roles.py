"""What the edition's roles name: citation keys with locators, note numbers, claim ids."""
from __future__ import annotations

import re

from ..data.blocks import Role

KO_SUFFIX = "__ko"
_CITE_ITEM = re.compile(r"^\s*(?:\{(?P<pre>[^{}]*)\})?(?P<key>[^{}\s,]+)(?:\{(?P<post>[^{}]*)\})?\s*$")


def is_cite(role: Role) -> bool:
    return role.name == "cite" or role.name.startswith("cite:")


def is_glue(role: Role) -> bool:
    return role.name == "glue" or role.name.startswith("glue:")


def split_items(body: str) -> list[str]:
    """Split at commas that are not inside braces (locators may hold commas)."""
    items, depth, current = [], 0, ""
    for char in body:
        depth += (char == "{") - (char == "}")
        if char == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    return [i for i in items if i.strip()]


def cite_items(role: Role) -> list[tuple[str, str]]:
    """(key, locator) for each work a cite role names; unparsable items come back whole."""
    found = []
    for item in split_items(role.body):
        m = _CITE_ITEM.match(item)
        found.append((m.group("key"), m.group("post") or "") if m else (item.strip(), ""))
    return found


def glue_key(role: Role) -> str:
    """The glue key of a glue role: drops a ``page.md::`` prefix and a ``:format`` suffix."""
    body = role.body.strip()
    if "::" in body:
        body = body.split("::", 1)[1]
    return body.split(":", 1)[0].strip()


def base_claim(key: str) -> str:
    """Claim id of an English or Korean glue key."""
    return key[: -len(KO_SUFFIX)] if key.endswith(KO_SUFFIX) else key

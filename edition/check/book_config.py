"""``_config.yml``'s ``edition_*`` values: each one declared, each one what it must be.

Why: Sphinx on its own ignores a value no extension declared (a warning naming neither the file
nor the likely intended name), so a misspelt ``edition_trim_icon: false`` would do nothing. The
build refuses it (edition/site/config.py, when the configuration is read); the checker says so
with the line, before any build, from the same declarations, so the two cannot disagree. Rules:
``config-undeclared``, ``config-value`` (a value that is not what it must be).
"""
from __future__ import annotations

import yaml

from ..site.config import CONFIG, KEY_PREFIX, PREFIX, WHERE, problem, undeclared
from .model import Book, Finding, read_text


def _entries(root: yaml.Node | None, path: tuple[str, ...]) -> list[tuple[yaml.Node, yaml.Node]]:
    """The key and value nodes of the mapping at ``path`` (``sphinx`` → ``config``), or none."""
    node = root
    for name in path:
        if not isinstance(node, yaml.MappingNode):
            return []
        node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == name), None)
    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def check_book_config(book: Book) -> list[Finding]:
    path = book.root / WHERE
    if not path.is_file():
        return []
    text, _ = read_text(path, WHERE)
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []  # reported by model.read_yaml (rule yaml), with its line
    findings = []
    for key, value in _entries(root, ("sphinx", "config")):
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        if not name.startswith(PREFIX):
            continue
        line = key.start_mark.line + 1
        if name not in CONFIG:
            findings.append(Finding(WHERE, line, "config-undeclared", f"{KEY_PREFIX + name!r} {undeclared(name)}"))
            continue
        found = problem(name, yaml.safe_load(yaml.serialize(value)))
        if found:
            findings.append(Finding(WHERE, line, "config-value", f"{KEY_PREFIX + name!r} {found}"))
    return findings

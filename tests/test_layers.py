"""The package's floors: no module imports a layer above its own (issue 24).

Each sub-package's docstring says what it may import, in one line ``May import: edition.x, ...``;
this test reads that line, so the docstring cannot drift from what is enforced. Imports inside
functions count, and so do extensions named in strings (``app.setup_extension("edition.x")``),
because Sphinx loads those as surely as an import statement.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "edition"
#: The commands at the top of the package: they may import anything, nothing imports them.
COMMANDS = {"__main__", "lab", "preview", "pdf"}
MAY = re.compile(r"^May import: (?P<names>.+?)\.?$", re.M | re.S)
EXTENSION_STRING = re.compile(r"""["'](edition(?:\.[a-z_]+)+)["']""")


def layers() -> dict[str, set[str]]:
    """Each sub-package and the sub-packages its docstring lets it import."""
    found = {}
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        m = MAY.search(doc.split("\n\n")[-1] if "May import" in doc.split("\n\n")[-1] else doc)
        assert m, f"{init.relative_to(PACKAGE.parent)}: its docstring has no 'May import:' line"
        names = " ".join(m["names"].split())
        allowed = {n.strip().removeprefix("edition.") for n in names.split(",")
                   if n.strip().startswith("edition.")}
        found[init.parent.name] = allowed
    return found


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """Every edition module or name the file at ``path`` imports, absolute, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found += [(node.lineno, f"{target}.{a.name}") for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            m = EXTENSION_STRING.fullmatch(f'"{node.value}"')
            if m and (PACKAGE.parent / (m[1].replace(".", "/") + ".py")).exists():
                found.append((node.lineno, m[1]))
    return [(line, t) for line, t in found if t == "edition" or t.startswith("edition.")]


def layer_of(module: str) -> str | None:
    """The sub-package a dotted name belongs to; None for the package root (importable by all)."""
    parts = module.split(".")
    if len(parts) < 2 or not ((PACKAGE / parts[1]).is_dir() or parts[1] in COMMANDS):
        return None
    return parts[1]


def test_every_subpackage_states_its_imports() -> None:
    got = layers()
    assert {"core", "data", "verdicts", "render", "student", "site", "print", "check"} <= set(got)
    assert got["core"] == set(), "the lowest layer imports nothing of the edition"


def test_no_flat_module_besides_the_commands() -> None:
    flat = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert flat <= COMMANDS, f"modules outside a layer: {sorted(flat - COMMANDS)}"


def test_no_layer_imports_one_above_it() -> None:
    allowed = layers()
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = layer_of(module_name(path))
        if here is None or here in COMMANDS:
            continue
        for line, target in imports(path):
            there = layer_of(target)
            if there is None or there == here:
                continue
            if there in COMMANDS or there not in allowed[here]:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target} "
                             f"({here} may not import {there})")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("source, expected", [
    ("from ..site import assets\n", "edition.site.assets"),
    ("def f():\n    from ..site.meta import version_line\n", "edition.site.meta.version_line"),
    ('app.setup_extension("edition.site.meta")\n', "edition.site.meta"),
])
def test_the_scan_sees_relative_imports_and_extension_strings(source, expected) -> None:
    """The scan itself: a relative import, one inside a function, and an extension named in a
    string are all found, so a render module reaching up into the site would be reported."""
    as_if = PACKAGE / "render" / "tables.py"
    assert expected in [t for _, t in imports(as_if, source)]
    assert layer_of(expected) == "site" and "site" not in layers()["render"]

"""edition.data.layout is the one home of the book's layout: the files that restate it must agree."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from edition.data import layout

ROOT = Path(__file__).resolve().parent.parent


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part["chapters"]]
    return files


def test_every_section_chapter_exists_and_is_in_the_toc_in_order():
    files = toc_files()
    docnames = [s.docname for s in layout.SECTIONS]
    assert [f for f in files if f in docnames] == docnames
    for s in layout.SECTIONS:
        assert (ROOT / s.path).is_file(), s.path


@pytest.mark.parametrize("s", layout.SECTIONS, ids=lambda s: s.key)
def test_each_chapter_sets_up_its_own_section(s):
    text = (ROOT / s.path).read_text(encoding="utf-8")
    assert re.findall(r'setup\("([a-z0-9]+)"', text) == [s.key]
    assert layout.section_of_file(s.path) == s.key


def test_the_data_schema_knows_exactly_the_layout_sections():
    desc = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    from edition.render.editorial import APPARATUS_SECTIONS

    enums = {r["name"]: f["constraints"]["enum"] for r in desc["resources"] for f in r["schema"]["fields"]
             if f["name"] == "section"}
    # editorial notes may also belong to the reference list or to the whole edition
    # and the original's last pages (notes and references) hold page breaks the edition cannot place
    extra = {"editorial_notes": list(APPARATUS_SECTIONS), "pagebreaks": ["notes-refs"]}
    assert enums and all(e == list(layout.SECTION_KEYS) + extra.get(name, []) for name, e in enums.items())


def test_unknown_section_is_refused_by_name():
    with pytest.raises(ValueError, match="s9.*front"):
        layout.section("s9")


@pytest.mark.parametrize("pid, ok", [("s2-p04", True), ("front-abstract", True), ("ledger-p01", True),
                                     ("s7-p01", False), ("s2-x01", False), ("notes-p01", False)])
def test_pair_id_pattern(pid, ok):
    assert bool(layout.pair_id_pattern().match(pid)) is ok

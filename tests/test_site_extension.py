"""The edition is one Sphinx extension (edition/site/__init__.py): _config.yml names it once, and it
sets up its parts in the order the pages were built with before (hooks of equal priority run in
the order they were registered, so the order is part of the output)."""
from __future__ import annotations

import re
from pathlib import Path

from edition.site import EXTENSIONS

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "edition" / "site"


def test_config_yml_names_the_edition_once_where_its_parts_stood():
    from jupyter_book.config import get_final_config

    final, _ = get_final_config(user_yaml=ROOT / "_config.yml", cli_config={"latex_individualpages": False},
                                sourcedir=ROOT)
    found = final["extensions"]
    assert [e for e in found if e.startswith("edition")] == ["edition.site"]
    # Where the former list of edition.site.* extensions stood, between the same neighbours.
    at = found.index("edition.site")
    assert found[at - 1:at + 2] == ["sphinx_book_theme", "edition.site", "sphinxcontrib.bibtex"]
    assert found.index("sphinx_design") < at


def test_the_parts_keep_the_order_of_the_former_extension_list():
    # _config.yml before: extra_extensions assets, execution, download, notebooks, reader (weight,
    # publish, meta, previews, pdf_links), search_ko, citations_ko; then the local sphinxext.
    # Parts added since come after them (redirect: the root address keeps ?lang=).
    assert EXTENSIONS == tuple(f"edition.site.{m}" for m in (
        "assets", "execution", "download", "notebooks", "weight", "publish", "meta", "previews",
        "pdf_links", "search_ko", "citations_ko", "sphinxext", "redirect"))


def test_every_site_module_with_a_setup_is_loaded():
    """A new extension module left out of EXTENSIONS would never run: each module that has a
    setup() is in EXTENSIONS or set up by one that is."""
    modules = {p.stem: p for p in SITE.glob("*.py") if p.stem != "__init__"}
    modules["sphinxext"] = SITE / "sphinxext" / "__init__.py"
    with_setup = {name for name, p in modules.items() if re.search(r"^def setup\(app", p.read_text(encoding="utf-8"), re.M)}
    loaded = {name.rpartition(".")[2] for name in EXTENSIONS}
    for name in list(loaded):
        loaded |= set(re.findall(r'setup_extension\("edition\.site\.([a-z_]+)"\)', modules[name].read_text(encoding="utf-8")))
    assert with_setup - loaded == set()
    assert not (SITE / "reader.py").exists()

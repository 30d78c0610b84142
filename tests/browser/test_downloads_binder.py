"""Every chapter that runs code offers its source as .md and the student's notebook (edition/site/notebooks.py)
in English and Korean, alone (.ipynb) and with all it needs (.zip), offline, from the site itself;
a Binder launch button opens the student's notebook in JupyterLab.

Pages with no code cell (the ledger, editorial notes, data sources, references, how to cite) are
built by directives from the data; they are plain MyST, run no kernel, and offer their .md only."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from .harness import ROOT, site_pages
from .helpers import resolve, soup_of

pytestmark = pytest.mark.browser


def chapter_pages(site: Path) -> list[str]:
    """The notebook chapters: pages whose source has a code cell."""
    pages = [p for p in site_pages(site) if p.startswith("chapters/")]
    return [p for p in pages
            if "```{code-cell}" in (ROOT / "chapters" / f"{Path(p).stem}.md").read_text(encoding="utf-8")]


def test_pages_without_code_run_no_kernel_and_offer_their_source(site):
    """A directive-built page is plain MyST: no kernel at build time, no notebook to download."""
    plain = [p for p in site_pages(site) if p.startswith("chapters/") and p not in chapter_pages(site)]
    assert "chapters/ledger.html" in plain
    for page in plain:
        links = _download_links(site, page)
        assert ".md" in links and ".ipynb" not in links, f"{page}: {sorted(links)}"
        text = (ROOT / "chapters" / f"{Path(page).stem}.md").read_text(encoding="utf-8")
        assert "kernelspec:" not in text, f"{page}: a kernelspec without code cells starts a kernel for nothing"


def _config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def _download_links(site: Path, page: str) -> dict[str, str]:
    soup = soup_of(site / page)
    menu = soup.select_one(".dropdown-download-buttons")
    assert menu is not None, f"{page}: no download menu"
    links = {Path(urlsplit(a["href"]).path).suffix: a["href"] for a in menu.select("a[href]")
             if "_sources/" in a["href"]}
    for a in menu.select("a[href]"):
        href = a["href"]
        if "notebooks/" in href:  # the student's notebooks: ".ipynb en", ".zip ko" …
            lang = "ko" if "/ko/" in href or href.endswith("-ko.zip") else "en"
            links[f"{Path(urlsplit(href).path).suffix} {lang}"] = href
    return links


def test_every_chapter_offers_md_and_ipynb(site):
    pages = chapter_pages(site)
    assert pages, "no chapter pages in the site"
    for page in pages:
        links = _download_links(site, page)
        stem = Path(page).stem
        assert ".ipynb" not in links, f"{page}: the MyST notebook (raw markup) is still offered"
        for ext in (".md", ".ipynb en", ".ipynb ko"):
            assert ext in links, f"{page}: no {ext} download (found {sorted(links)})"
            target, _ = resolve(site, page, links[ext])
            assert target.is_file(), f"{page}: {links[ext]} is not in the site"
            assert target.stem == stem
            assert not urlsplit(links[ext]).netloc, f"{page}: download leaves the site: {links[ext]}"
        for lang in ("en", "ko"):
            target, _ = resolve(site, page, links[f".zip {lang}"])
            assert target.is_file() and target.name == f"lee-gray-2020-notebooks-{lang}.zip", f"{page}: {target}"
        md, _ = resolve(site, page, links[".md"])
        text = md.read_text(encoding="utf-8")
        assert text.startswith("---") and "format_name: myst" in text, f"{page}: .md is not a MyST notebook"
        assert (ROOT / "chapters" / f"{stem}.md").is_file(), f"{page}: no chapters/{stem}.md"


def test_ipynb_downloads_are_executed_notebooks(site):
    for page in chapter_pages(site):
        target, _ = resolve(site, page, _download_links(site, page)[".ipynb en"])
        nb = json.loads(target.read_text(encoding="utf-8"))
        assert nb.get("nbformat") == 4, f"{target.name}: not an nbformat-4 notebook"
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert code, f"{target.name}: no code cells"
        shown = [c for c in code if not {"remove-cell", "student-setup"} & set(c.get("metadata", {}).get("tags", []))]
        if shown:
            assert any(c.get("outputs") for c in shown), f"{target.name}: downloaded without outputs"
        assert all(not any(o.get("output_type") == "error" for o in c.get("outputs", [])) for c in code)


def test_binder_buttons_open_the_students_notebooks_in_jupyterlab(site):
    """With a repository address from the build's environment (edition/site/publish.py), one Binder
    link per chapter; with none (as in a local or CI build), no launch button at all."""
    from edition.site.publish import repository_url

    cfg = _config()
    address = repository_url()
    if address is None:
        for page in chapter_pages(site):
            soup = soup_of(site / page)
            assert not soup.select(".dropdown-launch-buttons"), f"{page}: launch button without an address"
            assert "mybinder.org" not in str(soup), f"{page}: Binder link without an address"
        return
    repo = urlsplit(address).path.strip("/")
    branch = cfg["repository"].get("branch", "main")
    binder = cfg["launch_buttons"]["binderhub_url"].rstrip("/")
    assert cfg["launch_buttons"].get("notebook_interface") == "jupyterlab"
    for page in chapter_pages(site):
        soup = soup_of(site / page)
        links = [a["href"] for a in soup.select(".dropdown-launch-buttons a[href]")
                 if a["href"].startswith(binder)]
        assert len(links) == 2, f"{page}: expected an English and a Korean Binder link, found {links}"
        for link, lang in zip(links, ("en", "ko")):
            url = urlsplit(link)
            assert url.path == f"/v2/gh/{repo}/{branch}", f"{page}: {link}"
            (urlpath,) = parse_qs(url.query)["urlpath"]
            assert urlpath == f"lab/tree/work/{lang}/{Path(page).stem}.ipynb", f"{page}: {link}"


def test_binder_environment_prepares_the_students_notebooks():
    """Binder installs requirements.txt (with JupyterLab) and postBuild copies the student's notebooks
    into work/ (the full repo2docker rules are in tests/test_binder.py)."""
    reqs = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^jupyterlab==", reqs, re.M)
    assert "edition.lab --prepare-only" in (ROOT / "binder" / "postBuild").read_text(encoding="utf-8")


def test_download_menu_works_in_the_browser(browse, site):
    page_path = "chapters/run-it-yourself.html"
    if not (site / page_path).exists():
        page_path = chapter_pages(site)[0]
    page, log = browse.visit(page_path, width=1280, height=900)
    page.locator(".dropdown-download-buttons > button").click()
    for cls, ext in (("btn-download-source-button", ".md"), ("btn-download-student-notebook-en", ".ipynb"),
                     ("btn-download-student-notebook-ko", ".ipynb"), ("btn-download-student-bundle-ko", ".zip")):
        link = page.locator(f".dropdown-download-buttons a.{cls}")
        link.wait_for(state="visible")
        href = link.get_attribute("href")
        assert href.endswith(ext), href
        response = page.request.get(browse.url("chapters/") + href)  # relative to the chapter
        assert response.ok, f"{href}: HTTP {response.status}"
        if ext == ".ipynb":
            assert json.loads(response.text())["nbformat"] == 4
    assert log.errors == [], log.errors
    browse.assert_offline()

"""The download menu's links to the edition's PDFs.

The PDFs are made after the build by ``python -m edition.pdf`` (:mod:`edition.print.pdf`, which
imports their names from here and reads their folder, ``edition_pdf_dir``, from ``_config.yml``
as the build does); the links are the site's, so they live in the site layer and the build never
loads the printing code.
"""
from __future__ import annotations

from typing import Any

from . import config as edition_config


def pdf_name(mode: str) -> str:
    return f"lee-gray-2020-edition-{mode}.pdf"


def add_pdf_links(app: Any, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: Any) -> None:
    """Three entries in the theme's download menu (after sphinx-book-theme fills it)."""
    for group in context.get("header_buttons") or []:
        if group.get("label") != "download-buttons":
            continue
        for mode, label in (("en", "PDF (EN)"), ("ko", "PDF (한국어)"), ("both", "PDF (EN | 한국어)")):
            group["buttons"].append({
                "type": "link", "url": context["pathto"](f"{app.config.edition_pdf_dir}/{pdf_name(mode)}", 1),
                "text": label, "icon": "fas fa-file-pdf",
                "tooltip": "The whole edition as PDF / 편집본 전체 PDF",
                "label": f"download-edition-pdf-{mode}",
            })


def setup(app: Any) -> dict[str, Any]:
    edition_config.register(app)
    # sphinx-book-theme builds the menu at priority 501.
    app.connect("html-page-context", add_pdf_links, priority=520)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}

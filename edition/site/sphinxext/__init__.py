"""Sphinx extension: the edition's markup for bilingual text, the paper's notes, marks and pages.

Markup (in the MyST chapters; EDITING.md is the full contract)::

    :::::{pair} s1-p03
    :fp: 1a2b3c4d

    ::::{div} lang-en
    English paragraph with a note{note}`1` and a number {glue:text}`s1_x` {v}`s1_x`.
    ::::
    ::::{div} lang-ko
    같은 문단 …{note}`1` … {glue:text}`s1_x__ko` {v}`s1_x`.
    ::::
    :::::

    :::::{note-def} 1
    …
    :::::

Apparatus pages: ``{claims-ledger}``, ``{editorial-notes} slip|typo|query|repair``, ``{editorial-counts}``, ``{data-sources}``,
``{data-basis}``, and in the chapters ``{discrepancies} s4``.

Why an extension rather than footnotes: MyST renumbers footnotes 1..n per page, but readers
citing "note 28" must find note 28; and screen readers need ``lang`` on every block.

Layout of the package:

* :mod:`.nodes`: the edition's node classes and their HTML visitors (other builders fall back to
  the docutils node each one subclasses);
* :mod:`.markup`: pairs, notes, note markers, verdict and [sic] marks, read-time transforms;
* :mod:`.marks`: verdicts from the data (with the data files as page dependencies), and the
  post-transforms that link marks per builder and catch dead note markers;
* :mod:`.pages`: the directives that build the ledger, editorial-notes and data-sources pages;
* :mod:`.raw`: raw HTML in the text is published as text, with a warning.
"""
from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from .markup import LanguageNodes, NoteDefDirective, NoteRefIds, NoteRole, PairDirective, RelationRole, SicRole, UnescapeUrls, VerdictRole
from .marks import CheckNoteRefs, ResolveMarks
from .pagebreaks import PageBreaks
from .titleblock import EditionTitleDirective
from .placement import MarksKey, PlaceMarks, marks_key, visit_marks_key
from .nodes import HTML_VISITORS, lang_of  # noqa: F401  (lang_of: part of the public surface)
from .pages import DIRECTIVES
from .raw import flag_hidden_characters, inert_raw


def _register_bib_style() -> None:
    """The paper's referencing style, and pybtex's plain-text backend as a runtime plugin.

    Why the backend: sphinxcontrib-bibtex looks it up once per citation it resolves (about 300
    in the book), and pybtex answers a lookup that is not a runtime plugin by scanning the entry
    points of every installed package: about 2.5 s of a clean build. Registered here, the same
    class is found in a dictionary.
    """
    import pybtex.plugin
    from pybtex.backends.plaintext import Backend as PlaintextBackend
    from sphinxcontrib.bibtex.plugin import register_plugin

    from ..bibstyle import PaperReferenceStyle

    register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "paper", PaperReferenceStyle, force=True
    )
    pybtex.plugin.register_plugin("pybtex.backends", "plaintext", PlaintextBackend, force=True)


def _preload_data(app: Sphinx, env, docnames: list[str]) -> None:
    """Validate the whole data package and judge the claims once, in the main process.

    A data error stops the build with the file, row and column it names. Doing it here, before
    parallel readers fork, also lets every reader share the loaded data.
    """
    if not docnames:
        return
    from ...data.datapackage import DataError
    from .marks import book_package, judgements_by_id

    try:
        book_package(env).validate_all()
        judgements_by_id(env)
    except DataError as exc:
        raise ExtensionError(f"the data package is invalid: {exc}") from None


def _skip(self, node) -> None:
    from docutils import nodes

    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    _register_bib_style()
    for node, (visit, depart) in HTML_VISITORS.items():
        app.add_node(node, html=(visit, depart))
    app.add_node(marks_key, html=(visit_marks_key, None),
                 text=(_skip, None), latex=(_skip, None))
    app.add_directive("pair", PairDirective)
    app.add_directive("note-def", NoteDefDirective)
    app.add_directive("edition-title", EditionTitleDirective)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_role("note", NoteRole())
    app.add_role("v", VerdictRole())
    app.add_role("sic", SicRole())
    app.add_role("rel", RelationRole())
    app.add_transform(LanguageNodes)
    app.add_transform(NoteRefIds)
    app.add_transform(UnescapeUrls)
    app.add_transform(MarksKey)
    app.add_transform(PageBreaks)
    app.add_post_transform(PlaceMarks)
    app.add_post_transform(ResolveMarks)
    app.add_post_transform(CheckNoteRefs)
    app.connect("env-before-read-docs", _preload_data)
    app.connect("doctree-read", inert_raw)
    app.connect("doctree-read", flag_hidden_characters)
    # Every piece of state lives in the doctrees and in Sphinx's standard domain (labels), which
    # Sphinx itself merges after a parallel read; nothing is kept on the environment.
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "2"}

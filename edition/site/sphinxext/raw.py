"""Raw HTML written in a chapter's text is never published as HTML.

MyST passes HTML in Markdown (``<script>``, ``<img onerror=…>``) and the ``{raw} html``
directive (and ``.. raw::`` inside ``{eval-rst}``) straight into the page. The edition needs
none of it (MyST syntax covers its text), so the checker refuses it (rule ``raw-html``,
edition/check/rawhtml.py) and the build makes it inert: each raw node that did not come from a
notebook cell's output is replaced by its source shown as text, with a warning naming the file
and line (the strict build fails on it).

A notebook's outputs are raw HTML by design (Figure 1, the tables): myst-nb puts them inside a
container whose ``nb_element`` is ``cell_code_output`` or ``mime_bundle``, an attribute no
Markdown can set, and those are kept.

The same read also flags text that would read otherwise than it is on the page: bidi controls
and invisible characters (:func:`edition.core.escape.hidden_characters`), wherever the text came
from (chapter prose, a directive's data, the bibliography).
"""
from __future__ import annotations

from docutils import nodes
from sphinx.util import logging

from ...core import escape
from ..mystnb_api import is_output

logger = logging.getLogger(__name__)


def from_output(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if is_output(parent):
            return True
        parent = parent.parent
    return False


def _shown(node: nodes.raw) -> nodes.Element:
    source = node.astext()
    if isinstance(node.parent, nodes.TextElement):
        return nodes.literal(source, source, classes=["refused-raw"])
    return nodes.literal_block(source, source, classes=["refused-raw"])


def inert_raw(app, doctree: nodes.document) -> None:
    """Replace every raw node of the text (not of a cell's output) by its source, as text."""
    for node in list(doctree.findall(nodes.raw)):
        if from_output(node):
            continue
        preview = " ".join(node.astext().split())[:80]
        logger.warning("raw %s in the text is not published as markup (write it in MyST; "
                       "the checker's rule raw-html): %r", node.get("format", "markup"), preview,
                       location=node, type="edition", subtype="raw")
        node.replace_self(_shown(node))


#: Running text may hold line breaks and tabs; no other hidden character.
_TEXT_ALLOWED = "\n\t\r"


def flag_hidden_characters(app, doctree: nodes.document) -> None:
    """A bidi control (U+202E …) or an invisible character in the text of a page makes it read
    otherwise than it is: each text node holding one is a warning naming the file and line
    (the strict build fails). The text is left as written: the checker names the place to fix."""
    for node in doctree.findall(nodes.Text):
        found = escape.hidden_characters(str(node), allow=_TEXT_ALLOWED)
        if found:
            where = node.parent if node.parent is not None else doctree
            logger.warning("the text holds bidi-control or invisible characters (%s): %r",
                           ", ".join(dict.fromkeys(found)), " ".join(str(node).split())[:80],
                           location=where, type="edition", subtype="hidden")

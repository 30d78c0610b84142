"""Sphinx extension: the mark of an internal inconsistency, ``{rel}`rel_s2_hs60_repeat_2016```.

Placed beside every figure a relation of ``data/relations.csv`` involves, in both languages. It
links to the relation's row in the ledger, where the arithmetic and the editor's note stand, and
shows the relation's verdict computed now (a relation that has become consistent shows so, and the
register's drift check names it). Kept apart from :mod:`edition.sphinxext` so that the two can
change independently.
"""
from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

logger = logging.getLogger(__name__)
LEDGER_DOC = "chapters/ledger"


class RelationRole(SphinxRole):
    """A mark beside a figure that disagrees with another figure of the paper."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        ref = nodes.reference("", "", classes=["verdict", "relation-mark"])
        ref["relation_id"] = self.text.strip()
        return [nodes.superscript("", "", ref, classes=["relation-sup"])], []


def relation_mark(relation_id: str):
    """(slug, symbol, English label, Korean label) for a relation's verdict computed now."""
    from .marks import mark_for
    from .relations import evaluate

    verdicts = {c.relation.relation_id: c.verdict for c in evaluate()}
    return mark_for(verdicts[relation_id])


class ResolveRelationMarks(SphinxTransform):
    default_priority = 801

    def apply(self, **kwargs: Any) -> None:
        env = self.env
        for ref in list(self.document.findall(nodes.reference)):
            rid = ref.get("relation_id")
            if rid is None:
                continue
            try:
                mark = relation_mark(rid)
            except KeyError:
                logger.warning("unknown relation id %r in {rel} role", rid, location=ref,
                               type="edition", subtype="relation")
                continue
            depth = env.docname.count("/")
            ref["refuri"] = "../" * depth + LEDGER_DOC + ".html" + f"#{rid}"
            ref["classes"] += ["verdict-" + mark.slug]
            ref["reftitle"] = mark.title
            ref += nodes.inline("", mark.symbol, classes=["verdict-symbol"])
            ref += nodes.inline("", mark.label_en, classes=["visually-hidden", "lang-en"])
            ref += nodes.inline("", mark.label_ko, classes=["visually-hidden", "lang-ko"])


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_role("rel", RelationRole())
    app.add_transform(ResolveRelationMarks)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}

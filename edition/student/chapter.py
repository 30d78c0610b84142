"""The one call each chapter notebook makes: ``ch = setup("s2")``.

It loads and validates the data package, judges the section's claims, raises if any verdict
drifted from the register (so nbval and the build fail naming the claim), and glues every claim
as ``<claim_id>`` (English) and ``<claim_id>__ko`` (Korean) for the prose to use.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..verdicts import claims as claims_mod
from ..data import datapackage as data, layout


#: myst-nb's glue protocol (``myst_nb.glue(name, value, display=False)``): a display output with
#: the value's MIME bundle under this prefix and a "scrapbook" entry naming it.
GLUE_PREFIX = "application/papermill.record/"
#: False in a student's notebook (:mod:`edition.student.mode`): its prose already holds the numbers.
GLUE = True


def _glue(key: str, text: str) -> None:
    """``myst_nb.glue(key, str(text), display=False)``, without importing myst-nb in the kernel.

    Importing myst_nb.ext.glue pulls in nbformat and jsonschema (about 0.6 s per chapter);
    the output it writes is this one (tests/test_edition.py compares the two).
    """
    from IPython.core.formatters import format_display_data
    from IPython.display import display

    bundle, metadata = format_display_data(str(text))  # plain str: numpy scalars break {glue:text}
    metadata["scrapbook"] = {"name": key, "mime_prefix": GLUE_PREFIX}
    display({GLUE_PREFIX + k: v for k, v in bundle.items()}, raw=True, metadata=metadata)


@dataclass
class SectionNotebook:
    """What a section's notebook works with: its section, the data, its claims' judgements."""

    section: str
    package: data.Package
    judgements: list = field(default_factory=list)

    @property
    def claims(self) -> dict:
        return {j.claim_id: j for j in self.judgements}

    def figure1(self):
        """The rebuilt Figure 1 and, under it, the basis of each year's values."""
        from IPython.display import HTML

        from ..render.charts import figure1_html
        from ..data.series import basis_caption_html

        return HTML(figure1_html(self.package) + basis_caption_html(self.package))

    def table1(self):
        from ..render.tables import table1_display

        return table1_display(self.package)


def setup(section: str, pkg: data.Package | None = None, glue: bool = True) -> SectionNotebook:
    """Load, judge, check for drift and glue the claims of one section."""
    layout.section(section)  # ValueError naming the known sections
    pkg = pkg or data.package()
    judgements = claims_mod.evaluate(pkg, section=section)
    claims_mod.assert_no_drift(judgements)
    from ..verdicts import relations

    relations.assert_no_drift([c for c in relations.evaluate(pkg) if c.relation.section == section])
    if glue and GLUE:
        for j in judgements:
            _glue(j.claim_id, j.claim.text_en)
            _glue(j.claim_id + "__ko", j.claim.text_ko)
    return SectionNotebook(section, pkg, judgements)

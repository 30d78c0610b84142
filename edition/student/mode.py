"""What the first cell of a student's notebook switches on: outputs in the notebook's language.

The chapters run under the build with both languages in every HTML output (the site's switch
hides one) and glue every claim for the prose. A student's notebook shows one language, and its
prose already holds the numbers, so: HTML outputs in that language only (:mod:`edition.core.bilingual`),
the exercises' tables and verdicts in that language (:mod:`edition.student.exercises`), and no glue
records (JupyterLab has no renderer for them).
"""
from __future__ import annotations

from ..core import bilingual
from . import chapter, exercises


def use(lang: str) -> None:
    """Outputs in *lang* (``"en"`` or ``"ko"``) from now on, in this kernel."""
    bilingual.show_only(lang)
    exercises.use_language(lang)
    chapter.GLUE = False

"""Judging the paper's printed numbers: the vocabulary, rounding and marks (judge), the authority
and basis policy, the named recomputations, the relations between the paper's own figures, the
claims register and its second readings.

May import: edition.data, edition.core.
"""

"""Rounding-aware verdicts at their edges (statcheck/GRIM style)."""
from decimal import Decimal as D

import pytest

from edition.verdicts import judge


def test_table1_share_is_truncated_not_rounded():
    # Table 1, 2014: Liaoning 654,463 of 741,019 = 88.3194…%; printed 88.31 -> rounded would be 88.32
    share = D(654463) * 100 / D(741019)
    assert judge.compare("88.31", "0.01", share).verdict == judge.TRUNCATED


@pytest.mark.parametrize("recomputed,verdict", [
    ("5.625", judge.MATCHES),        # lower edge of [5.625, 5.635): rounds half up to 5.63
    ("5.6349", judge.MATCHES),       # just inside the upper edge
    ("5.635", judge.TRUNCATED),      # rounds to 5.64; only truncation gives 5.63
    ("5.6399", judge.TRUNCATED),
    ("5.64", judge.DIFFERS),
])
def test_half_unit_edges(recomputed, verdict):
    assert judge.compare("5.63", "0.01", recomputed).verdict == verdict


def test_just_below_lower_edge_differs():
    assert judge.compare("5.63", "0.01", "5.6249").verdict == judge.DIFFERS


def test_half_even_rounding_is_accepted_as_rounding():
    assert judge.compare("2.42", "0.01", "2.425").verdict == judge.MATCHES


@pytest.mark.parametrize("cmp_,recomputed,verdict", [
    (">", "1501", judge.MATCHES), (">", "1500", judge.DIFFERS),
    ("<", "1.9", judge.MATCHES), ("<", "2.0", judge.DIFFERS),
    ("<=", "2.0", judge.MATCHES), ("<=", "2.4", judge.MATCHES), ("<=", "2.6", judge.DIFFERS),
])
def test_comparators(cmp_, recomputed, verdict):
    printed = {">": "1500", "<": "2", "<=": "2"}[cmp_]
    assert judge.compare(printed, "1", recomputed, cmp_).verdict == verdict


def test_agreement_uses_either_precision():
    # the paper's "$799 million" and a source's "about 800" (printed in hundreds) agree
    assert judge.agrees(D(799e6), D(1e6), D(800e6), D(100e6))
    # but not with a source at 750 printed to the million
    assert not judge.agrees(D(799e6), D(1e6), D(750e6), D(1e6))


def test_bad_arguments():
    with pytest.raises(ValueError, match="comparator"):
        judge.compare("1", "1", "1", "~")
    with pytest.raises(ValueError, match="positive"):
        judge.compare("1", "0", "1")

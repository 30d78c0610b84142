"""edition.core.decimals: the one conversion to Decimal."""
from __future__ import annotations

from decimal import Decimal

import pytest

from edition.core.decimals import optional_decimal, to_decimal


@pytest.mark.parametrize("value, expected", [
    (5.63, Decimal("5.63")),            # via str: not 5.62999999999999989…
    ("1,500".replace(",", ""), Decimal("1500")),
    (Decimal("88.3195"), Decimal("88.3195")),
    (7, Decimal(7)),
    (" 2.5 ", Decimal("2.5")),
])
def test_to_decimal_keeps_the_number_as_written(value, expected):
    assert to_decimal(value) == expected


@pytest.mark.parametrize("bad", [True, "abc", float("nan"), float("inf"), "", "NaN"])
def test_to_decimal_refuses_what_is_not_a_finite_number(bad):
    with pytest.raises(ValueError):
        to_decimal(bad)


@pytest.mark.parametrize("value, expected", [(None, None), ("", None), (float("nan"), None),
                                             (800.0, Decimal(800)), ("2.50", Decimal("2.5"))])
def test_optional_decimal(value, expected):
    got = optional_decimal(value)
    assert got == expected and (got is None or str(got) == str(expected))


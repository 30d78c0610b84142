"""The formatter reproduces the paper's printed forms and writes Korean numbers as Korean readers expect."""
import datetime as dt
from decimal import Decimal

import pytest

from edition.core import fmt


@pytest.mark.parametrize("value,printed", [
    (5_630_000_000, "$5.63 billion"), (1_000_000_000, "US$ 1 billion"), (67_000_000, "$67 million"),
    (1.5, "$1.5"), (32, "32 percent"), (34, "34 per cent"), (88.31, "88.31"), (654_463_000, "654,463"),
    (1500, "1,500"), (11, "eleven"), (5000, "5,000 Yuan"), (1300, "1,300km"), (2, "more than doubled"),
])
def test_english_round_trip(value, printed):
    assert fmt.en(value, printed) == printed


def test_english_follows_the_value_not_the_printed_text():
    # a changed value changes the prose: the printed text only gives the form
    assert fmt.en(5_640_000_000, "$5.63 billion") == "$5.64 billion"
    assert fmt.en(12, "eleven") == "twelve"


def test_range_needs_its_upper_value():
    assert fmt.en(200, "200 to 300 tons", 300) == "200 to 300 tons"
    with pytest.raises(fmt.FormatError, match="value_high"):
        fmt.en(200, "200 to 300 tons")


def test_unprintable_forms_fail_loudly():
    with pytest.raises(fmt.FormatError):
        fmt.parse_printed("several thousand", 3000)
    with pytest.raises(fmt.FormatError):
        fmt.en(3, "more than doubled")


@pytest.mark.parametrize("value,printed,unit,suffix,korean", [
    (5_630_000_000, "$5.63 billion", "USD", "", "56억 3,000만 달러"),
    (800_000_000, "$800 million", "USD", "", "8억 달러"),
    (67_000_000, "$67 million", "USD", "", "6,700만 달러"),
    (1.5, "$1.5", "USD_per_item", "", "1.5달러"),
    (32, "32 percent", "percent", "", "32%"),
    (1500, "1,500", "count", "명", "1,500명"),
    (11, "eleven", "count", "개", "11개"),
    (5000, "5,000 Yuan", "CNY", "", "5,000위안"),
    (0.5, "less than half", "ratio", "", "절반"),
])
def test_korean(value, printed, unit, suffix, korean):
    assert fmt.ko(value, printed, unit, suffix) == korean


def test_precision_is_the_last_printed_digit():
    assert fmt.parse_printed("$5.63 billion", 5.63e9).step == Decimal(10) ** 7
    assert fmt.parse_printed("654,463", 654_463_000).step == 1000
    assert fmt.parse_printed("88.31", 88.31).step == Decimal("0.01")


def test_dates():
    day = dt.date(2017, 9, 11)
    assert fmt.ko_date(day) == "2017년 9월 11일"
    assert fmt.en_date(day) == "September 11, 2017"


@pytest.mark.parametrize("precision, expected", [("year", "2016"), ("month", "March 2016"),
                                                 ("day", "2 March 2016")])
def test_english_dates_at_their_printed_precision(precision, expected):
    import datetime as dt

    from edition.core.fmt import en_date_at

    assert en_date_at(dt.date(2016, 3, 2), precision) == expected

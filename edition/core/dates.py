"""Dates the paper prints as claims (Table 2's adoption dates, deadlines such as "the end of 2019").

A date claim stores its value as the number YYYYMMDD in ``claims.csv``; the printed form says how
much of it the paper states (a day, a month or a year) and therefore its precision. A deadline
printed as a month or a year means the last day of it. The English form is rebuilt from the value
in the printed template, the Korean one written as Korean readers write dates.
"""
from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from .fmt import FormatError, date_precision, en_date, en_date_at, ko_date_at

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}


def of_value(value) -> dt.date:
    """20191231 → date(2019, 12, 31); a clear error for anything that is not such a date."""
    n = int(Decimal(str(value)))
    try:
        return dt.date(n // 10000, n // 100 % 100, n % 100)
    except ValueError:
        raise FormatError(f"{value} is not a date written as YYYYMMDD") from None


def en(value, printed: str) -> str:
    """The printed English form rebuilt from the value; raises if the value no longer fits it."""
    day = of_value(value)
    kind = date_precision(printed)
    if kind == "year":
        text = f"the end of {day.year}"
        want = dt.date(day.year, 12, 31)
    elif kind == "month":
        text = en_date_at(day, "month")
        want = dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    elif not printed[:1].isdigit():  # the month first (March 2, 2016), else the day (2 March 2016)
        text, want = en_date(day), day
    else:
        text, want = en_date_at(day, "day"), day
    if want != day or text != printed:
        raise FormatError(f"date {value} cannot be printed as {printed!r}")
    return text


def ko(value, printed: str) -> str:
    """2019년 말 / 2019년 12월 / 2016년 3월 2일 (a year printed as a deadline is its end)."""
    kind = date_precision(printed)
    return ko_date_at(of_value(value), kind, end=kind == "year")


def same_at_precision(printed: str, claimed: dt.date, actual: dt.date) -> bool:
    """Does the actual date fall within what the printed form states?"""
    kind = date_precision(printed)
    if kind == "year":
        return claimed.year == actual.year
    if kind == "month":
        return (claimed.year, claimed.month) == (actual.year, actual.month)
    return claimed == actual

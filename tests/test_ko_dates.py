"""Korean dates only in ``edition.core.fmt`` (issue 24, D5): every Korean date the edition writes.

The footer's version line and the PDF cover wrote "2026년 12월 7일" with their own f-strings;
relations and dates dispatched on a date's precision themselves; the policy had its own Korean
period words and "…년" years. They all call fmt now. The expected strings below are written by
hand (Korean dates are not padded: 1월 1일, never 01월 01일), never produced by the code under test.
"""
from __future__ import annotations

import datetime as dt

import pytest

from edition.core import dates, fmt
from edition.print import pdf
from edition.site import meta
from edition.verdicts import relations
from edition.verdicts.refs import parse_ref
from tests.test_precision import _Pkg as _Table1  # a package holding only a hand-written Table 1

#: (date, as a day, as a month, as a year): one- and two-digit months and days, a leap day.
DATES = [
    (dt.date(2026, 12, 7), "2026년 12월 7일", "2026년 12월", "2026년"),
    (dt.date(2026, 1, 1), "2026년 1월 1일", "2026년 1월", "2026년"),
    (dt.date(2017, 9, 11), "2017년 9월 11일", "2017년 9월", "2017년"),
    (dt.date(2019, 2, 28), "2019년 2월 28일", "2019년 2월", "2019년"),
    (dt.date(2016, 3, 2), "2016년 3월 2일", "2016년 3월", "2016년"),
    (dt.date(2020, 10, 31), "2020년 10월 31일", "2020년 10월", "2020년"),
    (dt.date(2021, 11, 9), "2021년 11월 9일", "2021년 11월", "2021년"),
    (dt.date(2018, 5, 20), "2018년 5월 20일", "2018년 5월", "2018년"),
    (dt.date(2024, 2, 29), "2024년 2월 29일", "2024년 2월", "2024년"),
    (dt.date(2000, 12, 31), "2000년 12월 31일", "2000년 12월", "2000년"),
    (dt.date(1999, 7, 4), "1999년 7월 4일", "1999년 7월", "1999년"),
    (dt.date(2030, 6, 15), "2030년 6월 15일", "2030년 6월", "2030년"),
    (dt.date(2025, 8, 1), "2025년 8월 1일", "2025년 8월", "2025년"),
    (dt.date(2013, 4, 30), "2013년 4월 30일", "2013년 4월", "2013년"),
    (dt.date(2011, 10, 10), "2011년 10월 10일", "2011년 10월", "2011년"),
    (dt.date(2010, 3, 9), "2010년 3월 9일", "2010년 3월", "2010년"),
    (dt.date(2015, 11, 22), "2015년 11월 22일", "2015년 11월", "2015년"),
    (dt.date(2014, 1, 19), "2014년 1월 19일", "2014년 1월", "2014년"),
    (dt.date(2022, 12, 1), "2022년 12월 1일", "2022년 12월", "2022년"),
    (dt.date(2023, 9, 30), "2023년 9월 30일", "2023년 9월", "2023년"),
    (dt.date(2012, 2, 5), "2012년 2월 5일", "2012년 2월", "2012년"),
    (dt.date(2027, 7, 17), "2027년 7월 17일", "2027년 7월", "2027년"),
    (dt.date(2028, 10, 3), "2028년 10월 3일", "2028년 10월", "2028년"),
    (dt.date(2029, 6, 6), "2029년 6월 6일", "2029년 6월", "2029년"),
]


@pytest.mark.parametrize("day, as_day, as_month, as_year", DATES)
def test_a_date_at_each_precision(day, as_day, as_month, as_year):
    assert fmt.ko_date(day) == fmt.ko_date_at(day, "day") == as_day
    assert fmt.ko_month(day) == fmt.ko_date_at(day, "month") == as_month
    assert fmt.ko_year(day) == fmt.ko_date_at(day, "year") == as_year
    assert fmt.ko_date_at(day, "year", end=True) == f"{as_year} 말"


@pytest.mark.parametrize("day, as_day, as_month, as_year", DATES)
def test_the_footer_and_the_pdf_cover_write_the_build_date_as_fmt_does(day, as_day, as_month, as_year):
    line = meta.version_line("1.0.0", day, None)
    assert f'<time datetime="{day.isoformat()}">{as_day}</time> 빌드' in line
    for mode in ("ko", "both"):
        cover = pdf.title_html(mode, "1.0.0", day, "https://example.org/ed/")
        assert f"편집본 1.0.0 · {as_day} 빌드 · https://example.org/ed/</p>" in cover
    assert as_year not in pdf.title_html("en", "1.0.0", day)  # the English cover has no Korean line


@pytest.mark.parametrize("value, printed, korean", [
    (20191231, "the end of 2019", "2019년 말"),     # a deadline printed as a year is its end
    (20191231, "December 2019", "2019년 12월"),
    (20160302, "March 2, 2016", "2016년 3월 2일"),
    (20170911, "11 September 2017", "2017년 9월 11일"),
])
def test_a_printed_date_claim_in_korean(value, printed, korean):
    assert dates.ko(value, printed) == korean


@pytest.mark.parametrize("ref, korean", [
    ("date:2019", "2019년"), ("date:2019-02", "2019년 2월"), ("date:2019-02-28", "2019년 2월 28일"),
])
def test_a_relation_date_reference_in_korean(ref, korean):
    assert relations.resolve(parse_ref(ref), None, {}).text_ko == korean


@pytest.mark.parametrize("period, year, korean", [
    ("annual", 2019, "2019년 연간"),
    ("annual cap", 2017, "2017년 연간 상한"),
    ("annual (projection)", 2020, "2020년 연간(전망)"),
    ("Jan-Jun", 2020, "2020년 1~6월"),
    ("Q1", 2018, "2018년 1분기"),
    ("Dec", 2016, "2016년 12월"),
    ("Sep-Oct", 2018, "2018년 9~10월"),
    ("fiscal", 2015, "2015년 fiscal"),               # another form as it is written
    ("Jan-Jun", None, "1~6월"),
])
def test_a_figure_period_in_korean(period, year, korean):
    assert fmt.ko_period(period, year) == korean


def test_a_rank_out_of_order_in_korean():
    pkg = _Table1([(2014, 1, 10, ""), (2014, 2, 20, ""), (2015, 1, 5, ""), (2015, 2, 5, "")])
    out = relations.rank_order({}, pkg=pkg)
    assert out.arithmetic_en == "out of order: 2014 rank 2 ✗"
    assert out.arithmetic_ko == "순서가 맞지 않음: 2014년 2위 ✗"
    tied = relations.rank_order({}, pkg=_Table1([(2015, 1, 5, ""), (2015, 2, 5, ""), (2015, 3, 5, "")]))
    assert tied.arithmetic_ko.endswith(": 2015년 2위, 2015년 3위 ?")


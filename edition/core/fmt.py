"""Formatting numbers as the paper prints them (English) and as a Korean reader expects.

The English form is rebuilt from a claim's value and its printed text: the printed text gives the
template (currency sign, unit words, grouping, decimals, number words) and the value fills it. A
claim whose value no longer reproduces its printed text has moved, and that is what the tests and
the checker report. The Korean form uses the same value at the same precision, written in 억/만
for money, Babel's Korean grouping for counts, and Korean dates.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from .decimals import to_decimal

WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100, "hundred": 100,
}
WORD_OF = {v: k for k, v in WORDS.items() if k != "hundred"}
RATIO_WORDS_EN = {"half": Decimal("0.5"), "doubled": Decimal(2), "double": Decimal(2)}
RATIO_KO = {Decimal("0.5"): "절반", Decimal(2): "두 배"}
SCALES = {"billion": Decimal(10) ** 9, "million": Decimal(10) ** 6}

_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"\b(" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")\b", re.I)
_RATIO = re.compile(r"\b(half|doubled|double)\b")


class FormatError(ValueError):
    """A printed form the formatter cannot reproduce: the claim must be fixed, not guessed."""


@dataclass(frozen=True)
class Template:
    """What the printed text says about how to show a number."""

    text: str            # printed text with {0} (and {1} for a range) in place of numbers
    kind: str            # "digits", "word" or "ratio"
    decimals: int        # decimals printed in the scaled number
    grouping: bool       # thousands separator used
    scale: Decimal       # printed number × scale = value in the claim's unit

    @property
    def step(self) -> Decimal:
        """The value of one unit in the last printed digit: the precision of the claim."""
        return self.scale * decimal_step(self.decimals)


def _dec(x: float | int | str | Decimal) -> Decimal:
    return to_decimal(x)


def parse_printed(printed: str, value: float | Decimal) -> Template:
    """Read the template and precision from the printed text of a claim with the given value."""
    value = _dec(value)
    nums = list(_NUM.finditer(printed))
    if nums:
        first = nums[0].group(0)
        decimals = _decimals(first)
        grouping = "," in first or any("," in m.group(0) for m in nums)
        number = Decimal(first.replace(",", ""))
        text = printed
        for i, m in reversed(list(enumerate(nums))):
            text = text[: m.start()] + "{" + str(i) + "}" + text[m.end():]
        return Template(text, "digits", decimals, grouping, _scale(printed, value, number))
    word = _WORD.search(printed)
    if word:
        number = Decimal(WORDS[word.group(1).lower()])
        text = printed[: word.start()] + "{0}" + printed[word.end():]
        return Template(text, "word", 0, False, _scale(printed, value, number))
    ratio = _RATIO.search(printed)
    if ratio:
        return Template(printed, "ratio", 0, False, Decimal(1))
    raise FormatError(f"no number in printed text {printed!r}")


# --- printed precision -----------------------------------------------------------------------
#
# The one place that says how precise a printed text is: the step it claims (one unit of its last
# printed digit, in the unit of the value) and, for a date, how much of the date it states. The
# interval a printed figure stands for is edition.verdicts.judge.interval.

#: Scales of a source's printed unit: "2,440.3" in "USD million" is 2,440.3 × 10⁶ (a figure's
#: ``unit_printed`` begins with one of these; any other unit is printed as it stands).
UNIT_SCALES = {"USD billion": Decimal(10) ** 9, "USD million": Decimal(10) ** 6,
               "CNY billion": Decimal(10) ** 9, "million tonnes": Decimal(10) ** 6,
               "USD thousand": Decimal(10) ** 3}
#: Units whose printed form holds no number to format: words ("the majority") and dates.
NO_NUMBER_UNITS = ("qualitative", "date")
#: A ratio written as a word ("half", "doubled") claims one decimal of the ratio.
RATIO_WORD_STEP = Decimal("0.1")
#: The forms a printed date takes, and how much of the date each states: the paper's English
#: forms ("the end of 2019", "February 2019", "March 2, 2016", "2 March 2016") and the ISO forms
#: of a relation's ``date:`` reference ("2019", "2019-02", "2019-02-28").
DATE_FORMS = (
    (re.compile(r"^the end of (\d{4})$"), "year"),
    (re.compile(r"^([A-Z][a-z]+) (\d{4})$"), "month"),
    (re.compile(r"^([A-Z][a-z]+) (\d{1,2}), (\d{4})$"), "day"),
    (re.compile(r"^(\d{1,2}) ([A-Z][a-z]+) (\d{4})$"), "day"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
)


def decimal_step(decimals: int) -> Decimal:
    """One unit of the last of *decimals* printed decimals: 2 → 0.01, 0 → 1 (-1 → 1E+1)."""
    return Decimal(1).scaleb(-decimals)


def _decimals(number: str) -> int:
    """Decimals printed in a number written in digits: '2440.3' → 1, '800' → 0."""
    return len(number.split(".")[1]) if "." in number else 0


def round_zeros_step(number: str) -> Decimal:
    """The precision a round integer really claims: '800' → 100, '50' → 10, '2.6' → 0.1.

    A printed "$50 million" or "about 800" does not say whether its zeros are significant;
    when comparing with independent figures the edition gives it the benefit of the doubt.
    """
    number = str(number).replace(",", "")
    if "." in number:
        return decimal_step(_decimals(number))
    digits = number.lstrip("-")
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return Decimal(10) ** zeros


def printed_step(printed: str, value: float | Decimal | None = None, *, unit: str = "",
                 qualifier: str | None = None, round_zeros: bool = False) -> Decimal:
    """The step a printed text claims, in the unit of the value it stands for.

    With *value*, *printed* is a claim's printed text ("$5.63 billion" for 5.63e9 → 10⁷; "half" of
    unit "ratio" → 0.1; a claim of unit "qualitative" or "date" → 1). Without it, *printed* is a
    source's bare figure and *unit* its printed unit ("2,440.3" in "USD million" → 10⁵). With
    *round_zeros* (or a source's *qualifier*, "about 800"), round zeros count as rounding: the
    step grows to the last non-zero digit ("$800 million" → 10⁸), never below the digits' own.
    """
    if unit in NO_NUMBER_UNITS:
        return Decimal(1)
    if value is None:
        number = str(printed).replace(",", "")
        scale = next((s for u, s in UNIT_SCALES.items() if str(unit).startswith(u)), Decimal(1))
        if round_zeros or (qualifier and isinstance(qualifier, str)):
            return scale * round_zeros_step(number)
        return scale * decimal_step(_decimals(number))
    tpl = parse_printed(printed, value)
    if tpl.kind == "ratio" and unit == "ratio":
        return RATIO_WORD_STEP
    if round_zeros and tpl.kind == "digits":
        return max(tpl.step, tpl.scale * round_zeros_step(first_number(printed)))
    return tpl.step


def date_precision(printed: str) -> str:
    """'day', 'month' or 'year': how much of a date a printed text states (:data:`DATE_FORMS`)."""
    for form, precision in DATE_FORMS:
        if form.match(printed):
            return precision
    raise FormatError(f"no date form for printed text {printed!r}")


def _scale(printed: str, value: Decimal, number: Decimal) -> Decimal:
    for word, scale in SCALES.items():
        if word in printed:
            return scale
    if number == 0:
        return Decimal(1)
    ratio = value / number
    for power in (0, 3, 6, 9):
        scale = Decimal(10) ** power
        if abs(ratio - scale) <= scale * Decimal("0.0005") + Decimal("1e-12"):
            return scale
    return Decimal(1)


def _digits(x: Decimal, tpl: Template) -> str:
    q = decimal_step(tpl.decimals)
    scaled = (x / tpl.scale).quantize(q, rounding=ROUND_HALF_UP)
    s = f"{scaled:,.{tpl.decimals}f}" if tpl.grouping else f"{scaled:.{tpl.decimals}f}"
    return s


def en(value: float | Decimal, printed: str, value_high: float | Decimal | None = None) -> str:
    """The English text for a value, in the form the paper printed."""
    tpl = parse_printed(printed, value)
    value = _dec(value)
    if tpl.kind == "ratio":
        want = RATIO_WORDS_EN[_RATIO.search(printed).group(1)]
        if value != want:
            raise FormatError(f"ratio {value} cannot be written as {printed!r}")
        return printed
    if tpl.kind == "word":
        n = int((value / tpl.scale).to_integral_value(ROUND_HALF_UP))
        if n not in WORD_OF:
            raise FormatError(f"{n} has no number word for {printed!r}")
        word = WORD_OF[n]
        orig = _WORD.search(printed).group(1)
        word = word.capitalize() if orig[:1].isupper() else word
        return tpl.text.format(word)
    parts = [_digits(value, tpl)]
    if "{1}" in tpl.text:
        if value_high is None:
            raise FormatError(f"printed range {printed!r} needs value_high")
        parts.append(_digits(_dec(value_high), tpl))
    return tpl.text.format(*parts)


# --- Korean ---------------------------------------------------------------------------------
#
# One rule for every Korean number (claims, ledger, discrepancy boxes, sources): the value at the
# precision the English shows, never less. Amounts and counts of 10,000 or more are written in
# 억/만 with every digit kept (6억 5,446만 3,000달러, 1만 8,000달러, 8만 명, 50만 배럴); a
# counter follows digits directly (3,000명) and a 만/억 word after a space (8만 명). Counts of
# times take native numerals (네 차례). Percentages keep the printed decimals (79.90%).
#
# Comparators: one vocabulary for prose, ledger, relations and notes (data/glossary.csv, EDITING.md).
# "more than", "over", "exceeded" (">") read 이상, as Korean prose writes them (60억 달러 이상;
# 절반 이상): at the printed precision the bound itself is not a claim the edition can tell apart,
# and 초과 is a statute's word. "less than" ("<") reads 미만; "up to", "maximum" ("<=") 이하, and
# for a duration 이내 (24개월 이내, 3년 이내); "nearly" ("~<", the figure just under the bound) reads
# 거의 before the number (거의 30억 달러), never 이하. "more than doubled" reads 두 배 넘게 증가.

#: Units written in 억/만 when 10,000 or more (money and things counted).
MAN_UNITS = frozenset({"USD", "USD_per_item", "CNY", "count", "tonnes", "barrels"})
#: Units of a duration: "up to" reads 이내 after them.
DURATION_UNITS = frozenset({"days", "months", "years"})
#: Counters that take native Korean numerals (한/두/세/네 차례).
NATIVE_COUNTERS = frozenset({"차례", "번"})
NATIVE = {1: "한", 2: "두", 3: "세", 4: "네", 5: "다섯", 6: "여섯", 7: "일곱", 8: "여덟", 9: "아홉",
          10: "열"}
CURRENCY_KO = {"USD": "달러", "USD_per_item": "달러", "CNY": "위안"}
#: The comparators of data/claims.csv: "~<" is "nearly" (judged as "<=", worded apart).
COMPARATOR_KO = {"=": "", ">": "이상", "<": "미만", "<=": "이하", ">=": "이상", "~<": "거의"}
COMPARATOR_EN = {"=": "", ">": "more than", "<": "less than", "<=": "up to", ">=": "at least",
                 "~<": "nearly"}
#: Korean comparator words written before the number (the others follow it).
KO_BEFORE = frozenset({"거의"})
#: Ratio words take the same comparators (절반 미만, 절반 이상); "more than doubled" is a verb in
#: English and reads as one in Korean (두 배 넘게 증가).
RATIO_COMPARATOR_KO = COMPARATOR_KO
RATIO_SHOWN_KO = {("두 배", ">"): "두 배 넘게 증가"}


def comparator_ko(comparator: str, unit: str = "") -> str:
    """The Korean word for a comparator: 이상, 미만, 이하 (이내 after a duration), 거의."""
    if comparator not in COMPARATOR_KO:
        raise FormatError(f"unknown comparator {comparator!r}")
    if comparator == "<=" and unit in DURATION_UNITS:
        return "이내"
    return COMPARATOR_KO[comparator]


def _group(n: Decimal | int) -> str:
    return format_decimal(n, locale="ko_KR", decimal_quantization=False)


def ko_man(n: Decimal | int) -> str:
    """An integer in 억/만 with every digit kept: 654463000 -> "6억 5,446만 3,000"."""
    n = int(n)
    if n < 10_000:
        return _group(n)
    eok, rest = divmod(n, 100_000_000)
    man, units = divmod(rest, 10_000)
    parts = [f"{_group(eok)}억"] if eok else []
    if man:
        parts.append(f"{_group(man)}만")
    if units:
        parts.append(_group(units))
    return " ".join(parts)


def ko_with_counter(number: str, counter: str) -> str:
    """A counter after a number: straight after digits (3,000명), after a space after 만/억 (8만 명)."""
    if not counter:
        return number
    return f"{number} {counter}" if number[-1:] in ("만", "억") else f"{number}{counter}"


def ko_number(value: Decimal, unit: str) -> str:
    """The bare Korean number for a value already at its printed precision."""
    value = _dec(value)
    if unit in MAN_UNITS and value == value.to_integral_value() and value >= 10_000:
        return ko_man(value)
    return _group(value.normalize() if value == value.to_integral_value() else value)


def _at_step(value: Decimal, step: Decimal) -> Decimal:
    """The value rounded to one unit of its last printed digit (the precision the English shows)."""
    q = (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return q.quantize(Decimal(1)) if q == q.to_integral_value() else q.normalize()


def ko(value: float | Decimal, printed: str, unit: str, ko_suffix: str = "",
       value_high: float | Decimal | None = None) -> str:
    """The Korean text for a claim's value, at the precision the paper printed."""
    tpl = parse_printed(printed, value)
    value = _dec(value)
    if tpl.kind == "ratio":
        if value not in RATIO_KO:
            raise FormatError(f"no Korean ratio word for {value}")
        return RATIO_KO[value]
    counter = CURRENCY_KO.get(unit, "%" if unit == "percent" else ko_suffix)
    if unit == "percent":
        # the printed decimals, trailing zeros included (79.90%), as the English shows them
        return "~".join(_fixed(v, tpl) for v in (value, value_high) if v is not None) + "%"
    if ko_suffix in NATIVE_COUNTERS and value_high is None:
        n = int(_at_step(value, tpl.step))
        if n in NATIVE and n == value:
            return f"{NATIVE[n]} {ko_suffix}"
    low = ko_number(_at_step(value, tpl.step), unit)
    if value_high is not None:
        high = ko_number(_at_step(_dec(value_high), tpl.step), unit)
        return ko_with_counter(f"{low}~{high}", counter)
    return ko_with_counter(low, counter)


def with_comparator(text: str, comparator: str, lang: str, ratio: bool = False, unit: str = "") -> str:
    """A claim's number with its comparator as words: "60억 달러 이상", "more than $6 billion",
    "24개월 이내", "거의 30억 달러"."""
    table = COMPARATOR_EN if lang == "en" else (RATIO_COMPARATOR_KO if ratio else COMPARATOR_KO)
    if comparator not in table:
        raise FormatError(f"unknown comparator {comparator!r}")
    word = table[comparator] if lang == "en" else comparator_ko(comparator, unit)
    if lang == "ko" and ratio and (text, comparator) in RATIO_SHOWN_KO:
        return RATIO_SHOWN_KO[(text, comparator)]
    # English ratio words carry their comparator already ("less than half", "more than doubled").
    if not word or (lang == "en" and ratio):
        return text
    if lang == "en" or word in KO_BEFORE:
        return f"{word} {text}"
    return f"{text} {word}"


def figure(value: float | Decimal, unit: str, lang: str, ko_suffix: str = "",
           decimals: int | None = None) -> str:
    """A figure that has no printed template (a source's amount, a recomputation), formatted as
    the claims are: exact unless *decimals* is given, no spurious ".0", 억/만 in Korean."""
    d = _dec(value)
    if decimals is not None and d != d.to_integral_value():
        d = d.quantize(decimal_step(decimals), rounding=ROUND_HALF_UP)
    d = d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
    if lang == "en":
        digits = f"{d:,f}"
        if unit in ("USD", "USD_per_item"):
            return f"${digits}"
        if unit == "percent":
            return f"{digits}%"
        if unit == "CNY":
            return f"{digits} yuan"
        return digits
    counter = CURRENCY_KO.get(unit, "%" if unit == "percent" else ko_suffix)
    return ko_with_counter(ko_number(d, unit), counter)


def _fixed(value: float | Decimal, tpl: Template) -> str:
    """Digits with exactly the printed number of decimals, Korean grouping."""
    q = _q(_dec(value), tpl).quantize(decimal_step(tpl.decimals))
    return format_decimal(q, format="#,##0" + ("." + "0" * tpl.decimals if tpl.decimals else ""),
                          locale="ko_KR")


def _q(value: Decimal, tpl: Template) -> Decimal:
    q = decimal_step(tpl.decimals) * tpl.scale
    return (value / q).quantize(Decimal(1), rounding=ROUND_HALF_UP) * q


# Korean dates: the one place that writes them (claims, relations, the ledger, the footer's
# version line, the PDF cover, the policy's periods), as Korean readers write dates: no padding,
# 년/월/일 after each part (2017년 9월 11일).

def ko_date(day: dt.date) -> str:
    """2017년 9월 11일."""
    return format_date(day, format="long", locale="ko_KR")


def ko_month(day: dt.date) -> str:
    """2019년 2월: a date printed to the month."""
    return format_date(day, format="y년 M월", locale="ko_KR")


def ko_year(day: dt.date | int | str) -> str:
    """2019년: a date printed to the year, or a year on its own (a table's column, a ``t1:`` year)."""
    if not isinstance(day, dt.date):
        return f"{day}년"
    return format_date(day, format="y년", locale="ko_KR")


def ko_date_at(day: dt.date, precision: str, end: bool = False) -> str:
    """A date at the precision it was printed to (:func:`date_precision`): 2019년, 2019년 2월,
    2019년 2월 28일; with *end*, a year that means its last day ("the end of 2019") is 2019년 말."""
    if precision == "year":
        return f"{ko_year(day)} 말" if end else ko_year(day)
    if precision == "month":
        return ko_month(day)
    return ko_date(day)


def en_date_at(day: dt.date, precision: str) -> str:
    """A date at the precision it was printed to, in English: 2019, February 2019, 2 March 2016
    (the day-first form; :func:`en_date` is Table 2's month-first form)."""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return format_date(day, format="MMMM y", locale="en_US")
    return format_date(day, format="d MMMM y", locale="en_US")


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def ko_period(period: str, year: int | str | None = None) -> str:
    """A sourced figure's period (``sourced_figures.csv``) in Korean words, after its year if
    given: annual → 연간, Jan-Jun → 1~6월, Q1 → 1분기, Dec → 12월 ("2019년 1~6월"); another
    form as it is written (the Korean ledger shows no English codes)."""
    p = (period or "").strip()
    if p.startswith("annual"):
        words = "연간" + p[len("annual"):].replace(" cap", " 상한").replace(" (projection)", "(전망)")
    elif p[:1] == "Q" and p[1:].isdigit():
        words = f"{p[1:]}분기"
    elif all(m in _MONTHS_EN for m in p.split("-")):
        words = "~".join(str(_MONTHS_EN.index(m) + 1) for m in p.split("-")) + "월"
    else:
        words = p
    return words if year is None else f"{ko_year(year)} {words}"


def en_date(day: dt.date) -> str:
    """September 11, 2017 — as Table 2 prints its dates."""
    return format_date(day, format="long", locale="en_US")


def first_number(printed: str) -> str | None:
    """The first number written in digits in a printed form: "$5.63 billion" → "5.63"."""
    m = _NUM.search(printed)
    return m.group(0) if m else None

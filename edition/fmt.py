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
        return self.scale * (Decimal(10) ** -self.decimals)


def _dec(x: float | int | str | Decimal) -> Decimal:
    return to_decimal(x)


def parse_printed(printed: str, value: float | Decimal) -> Template:
    """Read the template and precision from the printed text of a claim with the given value."""
    value = _dec(value)
    nums = list(_NUM.finditer(printed))
    if nums:
        first = nums[0].group(0)
        decimals = len(first.split(".")[1]) if "." in first else 0
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
    q = Decimal(1).scaleb(-tpl.decimals)
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

def _group(n: Decimal | int) -> str:
    return format_decimal(n, locale="ko_KR", decimal_quantization=False)


def ko_money(value: Decimal, step: Decimal, currency: str = "달러") -> str:
    """Money in 억/만 as Korean writers do, at the printed precision: 56억 3,000만 달러."""
    value = (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    if value < 10_000 or step < 1:
        return f"{_group(value.normalize())}{currency}"
    eok, rest = divmod(int(value), 100_000_000)
    man = rest // 10_000
    parts = []
    if eok:
        parts.append(f"{_group(eok)}억")
    if man:
        parts.append(f"{_group(man)}만")
    return " ".join(parts) + f" {currency}"


def ko(value: float | Decimal, printed: str, unit: str, ko_suffix: str = "",
       value_high: float | Decimal | None = None) -> str:
    """The Korean text for a claim's value, at the precision the paper printed."""
    tpl = parse_printed(printed, value)
    value = _dec(value)
    if tpl.kind == "ratio":
        if value not in RATIO_KO:
            raise FormatError(f"no Korean ratio word for {value}")
        return RATIO_KO[value]
    if unit == "USD" or unit == "USD_per_item":
        text = ko_money(value, tpl.step)
        if value_high is not None:
            text = f"{ko_money(value, tpl.step).removesuffix(' 달러').removesuffix('달러')}~{ko_money(_dec(value_high), tpl.step)}"
        return text
    if unit == "CNY":
        return f"{_group(_q(value, tpl))}위안"
    number = _group(_q(value, tpl))
    if value_high is not None:
        number = f"{number}~{_group(_q(_dec(value_high), tpl))}"
    if unit == "percent":
        return f"{number}%"
    return f"{number}{ko_suffix}"


def _q(value: Decimal, tpl: Template) -> Decimal:
    q = Decimal(1).scaleb(-tpl.decimals) * tpl.scale
    return (value / q).quantize(Decimal(1), rounding=ROUND_HALF_UP) * q


def ko_date(day: dt.date) -> str:
    """2017년 9월 11일."""
    return format_date(day, format="long", locale="ko_KR")


def en_date(day: dt.date) -> str:
    """September 11, 2017 — as Table 2 prints its dates."""
    return format_date(day, format="long", locale="en_US")


def first_number(printed: str) -> str | None:
    """The first number written in digits in a printed form: "$5.63 billion" → "5.63"."""
    m = _NUM.search(printed)
    return m.group(0) if m else None

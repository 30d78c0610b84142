"""Korean numbers: every claim and every table cell, in both languages, checked against the data.

The expected values never come from edition.core.fmt: a small independent reader of Korean numbers
(``read_ko``) turns the Korean text back into a number, which must equal the register's value
exactly; comparators and counters are checked against hand-written tables; and hand-written
examples pin the forms a Korean reader expects.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction

import pytest

from edition.core import fmt
from edition.render import ledger, tables
from edition.verdicts.claims import NO_NUMBER_UNITS, evaluate, load
from edition.data.datapackage import package

NATIVE = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
RATIO = {"절반": Decimal("0.5"), "두 배": Decimal(2)}
COUNTERS = ("달러", "위안", "%", "명", "곳", "개국", "개월", "개", "벌", "년", "일", "톤", "배럴", "km", "차례")


def _one(text: str) -> Decimal:
    """"6억 5,446만 3,000" -> 654463000 (no fmt code involved)."""
    total = Decimal(0)
    rest = text.strip()
    for word, mult in (("억", 10 ** 8), ("만", 10 ** 4)):
        if word in rest:
            head, rest = rest.split(word, 1)
            total += Decimal(head.strip().replace(",", "")) * mult
    rest = rest.strip()
    if rest:
        total += Decimal(rest.replace(",", ""))
    return total


def read_ko(text: str) -> tuple[Decimal, Decimal | None, str]:
    """A Korean number back to (value, upper value of a range or None, counter)."""
    text = text.strip()
    if text in RATIO:
        return RATIO[text], None, ""
    m = re.fullmatch(r"(한|두|세|네|다섯|여섯|일곱|여덟|아홉|열) (차례|번)", text)
    if m:
        return Decimal(NATIVE[m.group(1)]), None, m.group(2)
    counter = next((c for c in sorted(COUNTERS, key=len, reverse=True) if text.endswith(c)), "")
    number = text[: len(text) - len(counter)].strip()
    assert re.fullmatch(r"[0-9억만,. ~]+", number), f"not a Korean number: {text!r}"
    if "~" in number:
        low, high = number.split("~")
        return _one(low), _one(high), counter
    return _one(number), None, counter


#: Every claim that prints a number (words such as "the majority" and dates have their own forms).
CLAIMS = [c for c in load().values() if c.unit not in NO_NUMBER_UNITS]
IDS = [c.claim_id for c in CLAIMS]


@pytest.mark.parametrize("claim", CLAIMS, ids=IDS)
def test_korean_number_reads_back_to_the_exact_value(claim):
    value, high, counter = read_ko(claim.text_ko)
    assert value == claim.value, f"{claim.claim_id}: {claim.text_ko!r} reads as {value}, not {claim.value}"
    assert high == claim.value_high
    want = {"USD": "달러", "USD_per_item": "달러", "CNY": "위안", "percent": "%", "ratio": ""}.get(
        claim.unit, claim.ko_suffix)
    assert counter == want, f"{claim.claim_id}: counter {counter!r}, expected {want!r}"


@pytest.mark.parametrize("claim", CLAIMS, ids=IDS)
def test_english_number_is_the_printed_form(claim):
    assert claim.text_en == claim.printed


#: Units counted in 만 from 10,000 up (Korean writes 8만 명, 50만 배럴, 1만 8,000달러).
MAN = {"USD", "USD_per_item", "CNY", "count", "tonnes", "barrels"}


@pytest.mark.parametrize("claim", CLAIMS, ids=IDS)
def test_no_western_grouping_past_ten_thousand(claim):
    if claim.unit in MAN:
        assert not re.search(r"\d{2,},\d{3}|\d,\d{3},\d{3}", claim.text_ko), claim.text_ko
    # no spurious ".0" (a printed "88.0" would keep it: the English shows it)
    if ".0" not in claim.printed:
        assert not re.search(r"\d\.0(?!\d)", claim.text_ko), claim.text_ko


@pytest.mark.parametrize("claim", [c for c in CLAIMS if c.unit == "percent"],
                         ids=[c.claim_id for c in CLAIMS if c.unit == "percent"])
def test_percent_keeps_the_printed_decimals(claim):
    printed = re.search(r"\d[\d,]*(?:\.(\d+))?", claim.printed)  # none for "ten percent"
    decimals = len(printed.group(1) or "") if printed else 0
    shown = re.fullmatch(r"[\d,]+(?:\.(\d+))?%", claim.text_ko)
    assert shown, claim.text_ko
    assert len(shown.group(1) or "") == decimals, (claim.printed, claim.text_ko)


#: The comparator vocabulary (data/glossary.csv, EDITING.md), written out by hand: "more than"
#: reads 이상 as Korean prose writes it, a duration's "up to" reads 이내, "nearly" 거의 before the number.
COMPARATOR_KO = {">": "이상", "<": "미만", "<=": "이하", "~<": "거의"}
COMPARATOR_EN = {">": "more than", "<": "less than", "<=": "up to", "~<": "nearly"}
DURATIONS = ("days", "months", "years")


@pytest.mark.parametrize("claim", [c for c in CLAIMS if c.comparator != "="],
                         ids=[c.claim_id for c in CLAIMS if c.comparator != "="])
def test_comparator_is_kept_outside_the_prose(claim):
    ko = claim.shown("ko")
    en = claim.shown("en")
    cmp_ = claim.wording or claim.comparator
    if claim.unit == "ratio":
        # 절반 미만, 절반 이상; "more than doubled" reads as a verb: 두 배 넘게 증가.
        assert ko in {"절반 미만", "절반 이상", "두 배 넘게 증가"}, ko
        assert "초과" not in ko
        assert any(w in en for w in ("less than", "more than", "up to")), en
    elif cmp_ == "~<":
        assert ko == f"거의 {claim.text_ko}"
        assert en == f"nearly {claim.text_en}"
    elif cmp_ == "<=" and claim.unit in DURATIONS:
        assert ko == f"{claim.text_ko} 이내"
        assert en == f"up to {claim.text_en}"
    else:
        assert ko == f"{claim.text_ko} {COMPARATOR_KO[cmp_]}"
        assert en == f"{COMPARATOR_EN[cmp_]} {claim.text_en}"


#: One classifier per counted noun (hand-written): what the English description counts.
CLASSIFIER = (("firms", "곳"), ("companies", "곳"), ("factories", "곳"), ("customs", "곳"),
              ("countries", "개국"), ("workers", "명"), ("nationals", "명"), ("jackets", "벌"),
              ("items", "벌"), ("visits", "차례"), ("north koreans", "명"))


@pytest.mark.parametrize("claim", [c for c in CLAIMS if c.unit == "count"],
                         ids=[c.claim_id for c in CLAIMS if c.unit == "count"])
def test_one_classifier_per_noun(claim):
    what = claim.what.lower()
    # the counted noun is the one named first ("workers … from Dandong factories" counts workers)
    hits = sorted((what.index(word), k) for word, k in CLASSIFIER if word in what)
    want = hits[0][1] if hits else None
    assert want is not None, f"{claim.claim_id}: add the counted noun of {claim.what!r} to CLASSIFIER"
    assert claim.ko_suffix == want, f"{claim.claim_id} counts {claim.what!r} with {claim.ko_suffix!r}"


@pytest.mark.parametrize("value,printed,unit,suffix,high,korean", [
    (18_000, "18", "USD", "", None, "1만 8,000달러"),
    (654_463_000, "654,463", "USD", "", None, "6억 5,446만 3,000달러"),
    (10_000, "10", "USD", "", None, "1만 달러"),
    (5_630_000_000, "$5.63 billion", "USD", "", None, "56억 3,000만 달러"),
    (209_000_000, "$209 million", "USD", "", None, "2억 900만 달러"),
    (80_000, "80,000", "count", "명", None, "8만 명"),
    (2_680, "2,680", "count", "명", None, "2,680명"),
    (500_000, "500,000 barrels", "barrels", "배럴", None, "50만 배럴"),
    (4, "four", "count", "차례", None, "네 차례"),
    (200, "200 to 300 tons", "tonnes", "톤", 300, "200~300톤"),
    (5_000, "5,000 Yuan", "CNY", "위안", None, "5,000위안"),
    (15_000, "15,000 Yuan", "CNY", "위안", None, "1만 5,000위안"),
    (Decimal("79.90"), "79.90", "percent", "", None, "79.90%"),
    (Decimal("88.31"), "88.31", "percent", "", None, "88.31%"),
    (32, "32 percent", "percent", "", None, "32%"),
])
def test_hand_written_korean(value, printed, unit, suffix, high, korean):
    assert fmt.ko(value, printed, unit, suffix, high) == korean


@pytest.mark.parametrize("text,comparator,ratio,unit,korean", [
    ("60억 달러", ">", False, "", "60억 달러 이상"), ("20억 달러", "<", False, "", "20억 달러 미만"),
    ("50만 배럴", "<=", False, "barrels", "50만 배럴 이하"), ("절반", "<", True, "", "절반 미만"),
    ("두 배", ">", True, "", "두 배 넘게 증가"), ("절반", ">", True, "", "절반 이상"), ("절반", "=", True, "", "절반"),
    ("30억 달러", "~<", False, "USD", "거의 30억 달러"), ("24개월", "<=", False, "months", "24개월 이내"),
    ("2년", "<=", False, "years", "2년 이내"), ("90일", "<=", False, "days", "90일 이내"),
])
def test_hand_written_comparators(text, comparator, ratio, unit, korean):
    assert fmt.with_comparator(text, comparator, "ko", ratio=ratio, unit=unit) == korean


def test_sources_amounts_are_formatted_like_claims():
    assert fmt.figure(1373710000.0, "USD", "ko") == "13억 7,371만 달러"
    assert fmt.figure(1373710000.0, "USD", "en") == "$1,373,710,000"
    assert fmt.figure(29.7, "percent", "ko") == "29.7%"
    assert fmt.figure(Decimal("32.25806451"), "percent", "en", decimals=4) == "32.2581%"


def _ledger_text(pkg, lang: str) -> dict[str, str]:
    """{claim_id: everything the ledger row says} from the ledger's records."""
    out = {}
    for r in ledger.ledger_rows(pkg, lang):
        parts = [r.what, r.printed, r.paper_source, r.block_label, r.nothing_independent, r.after_sources]
        parts += [f"{s.meta} {s.value} {s.verdict}" for s in r.sources]
        out[r.claim_id] = " | ".join(parts)
    return out


def test_ledger_and_boxes_have_no_spurious_decimals_or_raw_codes():
    pkg = package()
    for lang in ("en", "ko"):
        text = " ".join(_ledger_text(pkg, lang).values())
        assert not re.search(r"\d\.0(?!\d)", text), re.search(r".{40}\d\.0(?!\d).{10}", text).group(0)
    ko = " ".join(_ledger_text(pkg, "ko").values())
    for raw in ("note:", "cite:", "table:", "agrees", "주장", "GAC,", "other,"):
        assert raw not in ko, raw
    judged = evaluate(pkg)
    boxes = " ".join(tables.discrepancy_text(j, lang) for j in judged for lang in ("en", "ko"))
    assert not re.search(r"\d\.0(?!\d)", boxes)


# --- tables: every cell, both languages --------------------------------------------------------

def test_table1_every_cell_in_both_languages():
    pkg = package()
    data = pkg.table("table1")
    for lang in ("en", "ko"):
        frame = tables.table1_frame(pkg, lang)
        lab = tables.T1[lang]
        for year, rows in data.groupby("year"):
            sub = frame[str(year)]
            total = sum(int(v) for v in rows["value_kusd"])
            for i, r in enumerate(rows.sort_values("rank").to_dict("records")):
                cells = sub.iloc[i]
                assert cells[lab["region"]] == (r["region"] if lang == "en" else r["region_ko"])
                assert int(cells[lab["value"]].replace(",", "")) == int(r["value_kusd"])
                share = Fraction(int(r["value_kusd"]) * 100, total)
                assert abs(Fraction(cells[lab["recomputed"]]) - share) <= Fraction(1, 20000)
                printed = r["share_printed"] if isinstance(r["share_printed"], str) else ""
                assert cells[lab["printed"]] == (printed or lab["none"])
            total_row = sub.iloc[len(rows)]
            assert int(total_row[lab["value"]].replace(",", "")) == total


def test_a_ratios_sources_are_shown_in_their_own_unit():
    """s4_trade_2019_vs_2016 is a ratio checked against two trade totals: the totals are amounts."""
    pkg = package()
    row = _ledger_text(pkg, "ko")["s4_trade_2019_vs_2016"]
    assert "28억 500만 달러" in row and "2,805,000,000" not in row
    assert "절반 미만" in row
    assert "$2,805,000,000" in _ledger_text(pkg, "en")["s4_trade_2019_vs_2016"]

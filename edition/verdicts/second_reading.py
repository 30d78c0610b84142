"""The second reading: every assertion of error read again by a reader who did not write it.

``data/second_readings.csv`` holds one row per assertion the edition made (an editorial note of
kind slip or query, a relation judged inconsistent, a claim judged in conflict with independent
sources): what was asserted, the second reader's outcome and reading, and what the edition did.
Only what survives is kept: a *conflicts* or *inconsistent* verdict whose second reading is not
``upheld`` (or still ``pending``) is not shown as an error (:func:`survives`, used by
:mod:`edition.verdicts.claims` and :mod:`edition.verdicts.relations`); editorial notes are re-kinded or withdrawn
in their own register. The checker's rule ``second-reading`` requires a row for every current
assertion, so a new one is listed as pending until it is read.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..data.datapackage import Package, is_missing, package

#: Outcomes under which an assertion of error is kept as such.
KEPT = ("upheld", "pending")
OUTCOME_KO = {"upheld": "판정 유지", "downgraded": "판정 완화", "refuted": "1차 판정 철회", "not checkable": "확인 불가",
              "pending": "대기 중"}
LABEL = {"en": "Second reading", "ko": "재검토"}


@dataclass(frozen=True)
class Reading:
    item_id: str
    register: str
    asserted: str
    outcome: str
    reading_en: str
    reading_ko: str
    action_en: str
    action_ko: str

    def line(self, lang: str) -> str:
        """"Second reading: upheld. <reading> → <action>" in the reader's language."""
        if lang == "en":
            return f"{LABEL['en']}: {self.outcome}. {self.reading_en} → {self.action_en}".replace(". . ", ". ")
        return f"{LABEL['ko']}: {OUTCOME_KO.get(self.outcome, self.outcome)}. {self.reading_ko} → {self.action_ko}"


def _s(v) -> str:
    return "" if is_missing(v) else str(v)


def readings(pkg: Package | None = None) -> dict[str, Reading]:
    """The register keyed by item id ({} if the package has no such resource)."""
    pkg = pkg or package()
    try:
        frame = pkg.table("second_readings")
    except KeyError:
        return {}
    return {r["item_id"]: Reading(*(_s(r[k]) for k in ("item_id", "register", "asserted", "outcome", "reading_en",
                                                       "reading_ko", "action_en", "action_ko")))
            for r in frame.to_dict("records")}


def survives(item_id: str, pkg: Package | None = None) -> bool:
    """Is an assertion of error about ``item_id`` kept? Yes unless a second reading did not uphold it."""
    r = readings(pkg).get(item_id)
    return r is None or r.outcome in KEPT

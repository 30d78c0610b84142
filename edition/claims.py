"""The claims register: every number the paper prints, judged against the bundled data.

Each claim gets exactly one verdict (see :mod:`edition.judge`). The verdict recorded in the
register is what the edition last published; a verdict computed now that differs from it is
*drift*, and the notebooks raise on drift so that nbval and the build name the claim that moved.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from . import judge
from .data import DataError, Package, is_missing, package
from .fmt import FormatError, en, ko, parse_printed
from .recompute import Input, RecomputeError, run


@dataclass(frozen=True)
class Claim:
    claim_id: str
    section: str
    block: str
    printed: str
    value: Decimal
    value_high: Decimal | None
    unit: str
    comparator: str
    ko_suffix: str
    what: str
    what_ko: str
    period: str
    paper_source: str
    method: str
    args: str
    recorded_verdict: str
    editor_note: str
    row: int = 0
    line: int = 0

    @property
    def step(self) -> Decimal:
        if self.unit == "ratio" and parse_printed(self.printed, self.value).kind == "ratio":
            return Decimal("0.1")
        return parse_printed(self.printed, self.value).step

    @property
    def agree_step(self) -> Decimal:
        """Precision for agreement with independent figures: round printed zeros may be rounding."""
        from .fmt import _NUM
        from .recompute import round_number_step

        tpl = parse_printed(self.printed, self.value)
        m = _NUM.search(self.printed)
        if tpl.kind != "digits" or m is None:
            return self.step
        return max(self.step, tpl.scale * round_number_step(m.group(0)))

    @property
    def text_en(self) -> str:
        return en(self.value, self.printed, self.value_high)

    @property
    def text_ko(self) -> str:
        return ko(self.value, self.printed, self.unit, self.ko_suffix, self.value_high)


@dataclass(frozen=True)
class SourceCheck:
    """One independent figure and whether it agrees with the printed claim."""

    input: Input
    agrees: bool


@dataclass(frozen=True)
class Judgement:
    claim: Claim
    verdict: str
    recomputed: Decimal | None
    sources: tuple[SourceCheck, ...] = field(default_factory=tuple)
    inputs: tuple[Input, ...] = field(default_factory=tuple)

    @property
    def claim_id(self) -> str:
        return self.claim.claim_id

    @property
    def recorded_verdict(self) -> str:
        return self.claim.recorded_verdict

    @property
    def drifted(self) -> bool:
        return self.verdict != self.claim.recorded_verdict

    @property
    def slug(self) -> str:
        return judge.SLUGS[self.verdict]


class VerdictDrift(AssertionError):
    """Verdicts that no longer match the register: the data or a claim changed."""


def _s(v) -> str:
    return "" if v is None or v != v else str(v)


def _dec(v) -> Decimal | None:
    """A register value as Decimal: the loader already gives Decimal (never via float)."""
    if is_missing(v):
        return None
    d = v if isinstance(v, Decimal) else Decimal(str(v))
    return Decimal(int(d)) if d == d.to_integral_value() else d.normalize()


def load(pkg: Package | None = None) -> dict[str, Claim]:
    """The register as Claim objects, keyed by id, in register order."""
    pkg = pkg or package()
    res = pkg.resource("claims")
    out: dict[str, Claim] = {}
    for i, rec in enumerate(res.frame.to_dict("records")):
        claim = Claim(
            claim_id=rec["claim_id"], section=rec["section"], block=_s(rec["block"]),
            printed=rec["printed"], value=_dec(rec["value"]), value_high=_dec(rec["value_high"]),
            unit=rec["unit"], comparator=_s(rec["comparator"]) or "=", ko_suffix=_s(rec["ko_suffix"]),
            what=_s(rec["what"]), what_ko=_s(rec["what_ko"]), period=_s(rec["period"]),
            paper_source=_s(rec["paper_source"]), method=_s(rec["method"]) or "none",
            args=_s(rec["args"]), recorded_verdict=_s(rec["recorded_verdict"]),
            editor_note=_s(rec["editor_note"]), row=i + 1, line=res.lines[i],
        )
        try:
            claim.text_en, claim.text_ko
        except FormatError as exc:
            raise DataError(res.path, f"claim {claim.claim_id}: {exc}", i + 1, "printed", res.lines[i]) from None
        out[claim.claim_id] = claim
    return out


def judge_claim(claim: Claim, pkg: Package, claims: dict[str, Claim]) -> Judgement:
    """One claim's verdict from its method: the heart of the edition's checking."""
    try:
        result = run(claim.method, claim.args, pkg, claims)
    except RecomputeError as exc:
        res = pkg.resource("claims")
        raise DataError(res.path, f"claim {claim.claim_id}: {exc}", claim.row, "args", claim.line) from None
    if result is None:
        return Judgement(claim, judge.SOURCED, None)
    step, cmp_ = claim.step, claim.comparator
    if result.per_source or (result.independent and result.value is None):
        checks = tuple(SourceCheck(i, judge.agrees(claim.value, claim.agree_step, i.value, i.step, cmp_))
                       for i in result.inputs)
        verdict = judge.CONSISTENT if any(c.agrees for c in checks) else judge.CONFLICTS
        best = next((c.input.value for c in checks if c.agrees), checks[0].input.value)
        return Judgement(claim, verdict, best, checks, result.inputs)
    if result.independent:
        ok = judge.compare(claim.value, claim.agree_step, result.value, cmp_).verdict != judge.DIFFERS
        verdict = judge.CONSISTENT if ok else judge.CONFLICTS
        checks = tuple(SourceCheck(i, ok) for i in result.inputs if i.independent)
        return Judgement(claim, verdict, result.value, checks, result.inputs)
    verdict = judge.compare(claim.value, step, result.value, cmp_).verdict
    return Judgement(claim, verdict, result.value, (), result.inputs)


def evaluate(pkg: Package | None = None) -> list[Judgement]:
    """Every claim judged, in register order, computed once per package object.

    The cache lives on the package itself, so a student's modified copy of the data (a new
    Package) is always judged afresh.
    """
    pkg = pkg or package()
    cached = getattr(pkg, "_judgements", None)
    if cached is None:
        claims = load(pkg)
        cached = tuple(judge_claim(c, pkg, claims) for c in claims.values())
        pkg._judgements = cached
    return list(cached)


def by_id(pkg: Package | None = None) -> dict[str, Judgement]:
    return {j.claim_id: j for j in evaluate(pkg)}


def drift(judgements: list[Judgement]) -> list[Judgement]:
    return [j for j in judgements if j.drifted]


def assert_no_drift(judgements: list[Judgement]) -> None:
    """Raise naming every claim whose verdict moved away from the register's."""
    moved = drift(judgements)
    if moved:
        lines = [f"  {j.claim_id} (data/claims.csv line {j.claim.line}): recorded "
                 f"{j.recorded_verdict!r}, now {j.verdict!r}; printed {j.claim.printed!r}, "
                 f"recomputed {j.recomputed}" for j in moved]
        raise VerdictDrift(f"{len(moved)} claim verdict(s) drifted from the register:\n" + "\n".join(lines))


def record_verdicts(pkg: Package) -> list[tuple[str, str, str]]:
    """Write the verdicts computed now into the register: the editor's act after reviewing drift.

    Returns (claim_id, recorded, now) for each claim that changed. Only the claims file is
    written and re-hashed: every other resource must still match its recorded hash (checked
    before anything is written), so an unrelated, unreviewed edit is never blessed with it.
    """
    import csv

    from .data import rehash

    check = Package(pkg.root, verify_hash=True, unverified=("claims",))
    check.validate_all()  # raises DataError naming any other file whose hash does not match
    now = {j.claim_id: j.verdict for j in evaluate(check)}
    path = check.resource("claims").path
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    moved = [(r["claim_id"], r["recorded_verdict"], now[r["claim_id"]]) for r in rows
             if r["recorded_verdict"] != now[r["claim_id"]]]
    for r in rows:
        r["recorded_verdict"] = now[r["claim_id"]]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    rehash(pkg.root, names=["claims"])
    return moved


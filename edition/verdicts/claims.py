"""The claims register: every number the paper prints, judged against the bundled data.

Each claim gets exactly one verdict (see :mod:`edition.verdicts.judge`). The verdict recorded in the
register is what the edition last published; a verdict computed now that differs from it is
*drift*, and the notebooks raise on drift so that nbval and the build name the claim that moved.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from weakref import WeakKeyDictionary
from decimal import Decimal

from ..core import dates
from . import judge, policy
from ..data.datapackage import DataError, Package, is_missing, package
from ..core.decimals import optional_decimal
from ..core.fmt import NO_NUMBER_UNITS, FormatError, en, ko, parse_printed, printed_step, with_comparator
from .recompute import Input, RecomputeError, resolve, run
from .refs import Ref, RefError, one, parse_args, shown


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
    flow: str = ""        # the claim's basis for the verdict policy (edition.verdicts.policy)
    goods: str = ""
    printed_ko: str = ""  # Korean wording of a qualitative claim (unit "qualitative")
    wording: str = ""     # the register's comparator as written when it words one apart ("~<" nearly)

    @property
    def step(self) -> Decimal:
        """The precision of the printed figure (:func:`edition.core.fmt.printed_step`)."""
        return printed_step(self.printed, self.value, unit=self.unit)

    @property
    def agree_step(self) -> Decimal:
        """Precision for agreement with independent figures: round printed zeros may be rounding."""
        return printed_step(self.printed, self.value, unit=self.unit, round_zeros=True)

    @property
    def text_en(self) -> str:
        if self.unit == "qualitative":
            return self.printed
        if self.unit == "date":
            return dates.en(self.value, self.printed)
        return en(self.value, self.printed, self.value_high)

    @property
    def text_ko(self) -> str:
        if self.unit == "qualitative":
            if not self.printed_ko:
                raise FormatError(f"qualitative claim {self.printed!r} needs printed_ko")
            return self.printed_ko
        if self.unit == "date":
            return dates.ko(self.value, self.printed)
        return ko(self.value, self.printed, self.unit, self.ko_suffix, self.value_high)

    def shown(self, lang: str) -> str:
        """The number with its comparator in words ("60억 달러 이상", "more than $6 billion",
        "거의 30억 달러", "24개월 이내"), for places outside the prose (ledger, relations,
        discrepancy boxes), where no qualifier stands beside it (edition.core.fmt's one vocabulary)."""
        text = self.text_en if lang == "en" else self.text_ko
        if self.unit in NO_NUMBER_UNITS:
            return text
        ratio = parse_printed(self.printed, self.value).kind == "ratio"
        return with_comparator(text, self.wording or self.comparator, lang, ratio=ratio, unit=self.unit)


#: Comparators worded apart but judged as another: "nearly $3 billion" ("~<") bounds the figure
#: from above like "up to" ("<=") and reads "거의 30억 달러", never "30억 달러 이하".
JUDGED_AS = {"~<": "<="}



@dataclass(frozen=True)
class SourceCheck:
    """One independent figure, its role under the verdict policy and whether it agrees.

    role: "decisive" (best-ranked, on the claim's basis: it decided the verdict), "supporting"
    (same basis, lower rank), "rougher" (same basis, less precise than the printed figure),
    "context" (another basis: shown, never deciding) or "input" (an input of a recomputation).
    """

    input: Input
    agrees: bool | None
    role: str = "input"
    reason: str = ""
    reason_ko: str = ""


@dataclass(frozen=True)
class Judgement:
    claim: Claim
    verdict: str
    recomputed: Decimal | None
    sources: tuple[SourceCheck, ...] = field(default_factory=tuple)
    inputs: tuple[Input, ...] = field(default_factory=tuple)
    decided_by: tuple[str, ...] = field(default_factory=tuple)
    margins: tuple[policy.Margin, ...] = field(default_factory=tuple)  # deciding figures that disagree

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
    return None if is_missing(v) else optional_decimal(v)


def load(pkg: Package | None = None) -> dict[str, Claim]:
    """The register as Claim objects, keyed by id, in register order."""
    pkg = pkg or package()
    res = pkg.resource("claims")
    out: dict[str, Claim] = {}
    for i, rec in enumerate(res.frame.to_dict("records")):
        claim = Claim(
            claim_id=rec["claim_id"], section=rec["section"], block=_s(rec["block"]),
            printed=rec["printed"], value=_dec(rec["value"]), value_high=_dec(rec["value_high"]),
            unit=rec["unit"], comparator=JUDGED_AS.get(_s(rec["comparator"]), _s(rec["comparator"]) or "="),
            wording=_s(rec["comparator"]) if _s(rec["comparator"]) in JUDGED_AS else "", ko_suffix=_s(rec["ko_suffix"]),
            what=_s(rec["what"]), what_ko=_s(rec["what_ko"]), period=_s(rec["period"]),
            paper_source=_s(rec["paper_source"]), method=_s(rec["method"]) or "none",
            args=_s(rec["args"]), recorded_verdict=_s(rec["recorded_verdict"]),
            editor_note=_s(rec["editor_note"]), row=i + 1, line=res.lines[i],
            flow=_s(rec.get("flow")), goods=_s(rec.get("goods")), printed_ko=_s(rec.get("printed_ko")),
        )
        try:
            claim.text_en, claim.text_ko
        except FormatError as exc:
            raise DataError(res.path, f"claim {claim.claim_id}: {exc}", i + 1, "printed", res.lines[i]) from None
        try:  # the grammar, for every claim (the renderers read args too, not only the methods)
            parse_args(claim.args)
        except RefError as exc:
            raise DataError(res.path, f"claim {claim.claim_id}: {exc}", i + 1, "args", res.lines[i]) from None
        out[claim.claim_id] = claim
    return out


def judge_claim(claim: Claim, pkg: Package, claims: dict[str, Claim]) -> Judgement:
    """One claim's verdict from its method: the heart of the edition's checking."""
    if claim.method == "date":
        return _date(claim, pkg)
    try:
        result = run(claim.method, claim.args, pkg, claims)
    except RecomputeError as exc:
        res = pkg.resource("claims")
        raise DataError(res.path, f"claim {claim.claim_id}: {exc}", claim.row, "args", claim.line) from None
    if result is None:
        return Judgement(claim, judge.SOURCED, None)
    step, cmp_ = claim.step, claim.comparator
    if result.per_source or (result.independent and result.value is None):
        return _kept(_by_policy(claim, pkg, claims, result), pkg)
    if result.independent:
        return _derived(claim, pkg, claims, result)
    verdict = judge.compare(claim.value, step, result.value, cmp_).verdict
    return Judgement(claim, verdict, result.value, (), result.inputs)


def _figures(pkg: Package, claims: dict[str, Claim]) -> dict[str, policy.Figure]:
    """Every usable published figure as the policy sees it, built once per package."""
    if pkg in _FIGURES:
        return _FIGURES[pkg]
    out: dict[str, policy.Figure] = {}
    for r in pkg.table("sourced_figures").to_dict("records"):
        if r["status"] == "do_not_use" or r["value"] is None or r["value"] != r["value"]:
            continue
        i = resolve(Ref("fig", r["figure_id"]), pkg, claims)
        out[r["figure_id"]] = policy.Figure(
            r["figure_id"], i.value, i.step, int(r["year"]), _s(r["period"]), _s(r["flow"]),
            _s(r["hs_code"]), _s(r["unit"]), _s(r["basis"]), int(r["rank"]), _s(r["status"]),
            _s(r["source_key"]), i.label)
    _FIGURES[pkg] = out
    return out


#: The policy's view of the published figures, per package object (weakly keyed, like _JUDGED).
_FIGURES: WeakKeyDictionary = WeakKeyDictionary()


def _by_policy(claim: Claim, pkg: Package, claims: dict[str, Claim], result) -> Judgement:
    """A claim restating published figures, decided by the best-ranked same-basis ones."""
    figs = _figures(pkg, claims)
    listed = [shown(i.ref) for i in result.inputs]
    same, context = policy.collect(claim, figs.values(), listed)
    context += [(_dnu(i), "marked do not use in the data", "자료에서 사용 금지로 표시됨")
                for i in result.inputs if shown(i.ref) not in figs]
    cmp_ = claim.comparator

    def agrees(f: policy.Figure) -> bool:
        return judge.agrees(claim.value, claim.agree_step, f.value, f.step, cmp_)

    decision = policy.decide(claim, same, context, agrees)
    inputs = {i.ref: i for i in result.inputs}
    checks = []
    for c in decision.checks:
        ref = Ref("fig", c.figure.figure_id)
        inp = inputs.get(str(ref)) or resolve(ref, pkg, claims)
        checks.append(SourceCheck(inp, c.agrees, c.role, c.reason, c.reason_ko))
    decisive = [c for c in checks if c.role == "decisive"]
    best = next((c.input.value for c in decisive if c.agrees), decisive[0].input.value if decisive else None)
    return Judgement(claim, decision.verdict, best, tuple(checks), tuple(c.input for c in checks),
                     decision.decided_by, decision.margins)


def _kept(j: Judgement, pkg: Package) -> Judgement:
    """A *conflicts* verdict that its second reading did not uphold is not kept as such
    (:mod:`edition.verdicts.second_reading`): the sources, read again, do not decide the claim."""
    from dataclasses import replace

    from .second_reading import survives

    if j.verdict == judge.CONFLICTS and not survives(j.claim_id, pkg):
        return replace(j, verdict=judge.UNDECIDED)
    return j


def _date(claim: Claim, pkg: Package) -> Judgement:
    """A date the paper prints (Table 2's adoption dates, a deadline), against the date a published
    record gives (``fig=<figure_id>``, its ``period`` column), at the printed precision."""
    import datetime as dt

    res = pkg.resource("claims")
    parsed = parse_args(claim.args)  # follows the grammar: load() checked it
    try:
        fid = one(parsed, "fig").key if "fig" in parsed else ""
    except RefError as exc:
        raise DataError(res.path, f"claim {claim.claim_id}: {exc}", claim.row, "args", claim.line) from None
    figs = pkg.table("sourced_figures")
    rows = figs[figs["figure_id"] == fid]
    if rows.empty:
        raise DataError(res.path, f"claim {claim.claim_id}: no sourced figure {fid!r}", claim.row, "args", claim.line)
    r = rows.iloc[0]
    try:
        actual = dt.date.fromisoformat(str(r["period"]))
    except ValueError:
        raise DataError(res.path, f"claim {claim.claim_id}: figure {fid!r} has no date in its period column",
                        claim.row, "args", claim.line) from None
    claimed = dates.of_value(claim.value)
    inp = Input(str(Ref("fig", fid)), Decimal(actual.strftime("%Y%m%d")), Decimal(1), True, _s(r["source_key"]),
                _s(r["basis"]), f"{r['series']} {actual.isoformat()}")
    if r["status"] != "ok":
        check = SourceCheck(inp, None, "context", "flagged low quality in the data", "자료에서 품질이 낮다고 표시됨")
        return Judgement(claim, judge.SOURCED, None, (check,), (inp,))
    ok = dates.same_at_precision(claim.printed, claimed, actual)
    if claim.comparator == "<=":
        ok = ok and actual <= claimed
    verdict = judge.CONSISTENT if ok else judge.CONFLICTS
    return Judgement(claim, verdict, inp.value, (SourceCheck(inp, ok, "decisive"),), (inp,), (fid,))


def _dnu(i: Input) -> policy.Figure:
    return policy.Figure(shown(i.ref), i.value, i.step, 0, "", "", "", "", i.basis, 6,
                         "do_not_use", i.source_key or "", i.label)


def _derived(claim: Claim, pkg: Package, claims: dict[str, Claim], result) -> Judgement:
    """A claim recomputed from independent figures: each input may lie anywhere in its precision."""
    from dataclasses import replace

    from .recompute import METHODS, named_inputs

    central = judge.compare(claim.value, claim.agree_step, result.value, claim.comparator).verdict != judge.DIFFERS
    named = named_inputs(claim.args, pkg, claims)
    fn = METHODS[claim.method]
    ranges = {k: judge.interval(i.value, i.step) for k, i in named.items()}
    low, high = policy.interval(lambda vals: fn({k: replace(named[k], value=v) for k, v in vals.items()}).value,
                                ranges)
    verdict = policy.derived_verdict(claim, low, high, central)
    checks = tuple(SourceCheck(i, central, "input") for i in result.inputs if i.independent)
    return Judgement(claim, verdict, result.value, checks, result.inputs,
                     tuple(shown(i.ref) for i in result.inputs if i.independent))


#: Judgements per package object, each claim judged at most once. Keyed weakly by the package,
#: so a student's modified copy of the data (a new Package) is always judged afresh, and the
#: cache goes when the package does.
_JUDGED: WeakKeyDictionary = WeakKeyDictionary()


def evaluate(pkg: Package | None = None, section: str | None = None) -> list[Judgement]:
    """The claims judged, in register order: all of them, or only those of one ``section``.

    A chapter needs only its own section's verdicts; judging just those (instead of all
    claims in every chapter's kernel) is most of what a chapter's set-up cell costs.
    """
    pkg = pkg or package()
    if pkg not in _JUDGED:
        _JUDGED[pkg] = (load(pkg), {})
    claims, judged = _JUDGED[pkg]
    out = []
    for claim in claims.values():
        if section is not None and claim.section != section:
            continue
        if claim.claim_id not in judged:
            judged[claim.claim_id] = judge_claim(claim, pkg, claims)
        out.append(judged[claim.claim_id])
    return out


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
    from ..data.datapackage import record_verdicts as record

    return record(pkg, "claims", "claim_id", lambda check: {j.claim_id: j.verdict for j in evaluate(check)})


"""The reference language of the registers' ``args`` column: one grammar, parsed here only.

A claim (``data/claims.csv``) or a relation (``data/relations.csv``) names its inputs in ``args``::

    args := arg (";" arg)*            a=claim:s2_x;b=t1:2011:Dandong+Jilin
    arg  := name "=" item ("," item)* parts=claim:s2_a,claim:s2_b
    item := kind ":" key | word       t2m:2375:2 | a_2011_total_kita

An item is a *ref* when it starts with one of :data:`KINDS` and a colon; anything else is a plain
*word* (kind ``""``): a figure id where the argument implies the kind (:data:`IMPLIED`), a name
(``names=…``), or a mistake that the resolver then reports in its own words. Which kinds an
argument may use, and what a ref is worth, is the business of its reader: :mod:`.recompute` turns
refs into numbers with their provenance (``Input``), :mod:`.relations` into figures and dates at
their printed precision (``Value``); the renderers ask this module which claims and which cells of
Table 2 a row names (:func:`claims_in`, :func:`cells_in`), so no one splits the text by hand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: Every kind of ref, with the key it takes.
KINDS = {
    "fig": "<figure_id> of data/sourced_figures.csv (a published figure, independent of the paper)",
    "t1": "<year>:<region>[+<region>…]: a cell of Table 1, or several added up",
    "t1total": "<year>: a column total of Table 1",
    "t2": "<resolution>: the adoption date Table 2 prints",
    "t2m": "<resolution>:<measure_no>: one of Table 2's measures",
    "claim": "<claim_id>: another number or date the paper prints (data/claims.csv)",
    "date": "<YYYY | YYYY-MM | YYYY-MM-DD>: a date the text prints in words",
    "num": "<number>: a number the words imply (the remainder of 100 percent)",
    "res": "<number>: a resolution the text names",
}

#: Arguments whose plain words are refs of a kind the argument implies: a claim's ``ids=`` and
#: ``fig=`` list published figures by id; its ``t2=`` names the cell of Table 2 it stands in, by
#: the key a ``t2:`` (a resolution's date) or ``t2m:`` (a measure, ``<resolution>:<no>``) takes.
IMPLIED = {"ids": "fig", "fig": "fig", "t2": "t2"}


class RefError(ValueError):
    """``args`` that do not follow the grammar (the message names the argument)."""


@dataclass(frozen=True)
class Ref:
    """One item of an argument: ``kind`` is one of :data:`KINDS`, or ``""`` for a plain word."""

    kind: str
    key: str

    def __str__(self) -> str:
        """The ref as written in full: ``fig:a_2011_total_kita``; a word as itself."""
        return f"{self.kind}:{self.key}" if self.kind else self.key


def parse_ref(text: str, implied: str = "") -> Ref:
    """One item: ``"t1:2011:Dandong"`` → Ref("t1", "2011:Dandong"); a plain word takes the
    ``implied`` kind if there is one (``t2`` becomes ``t2m`` when the key names a measure)."""
    text = text.strip()
    kind, sep, key = text.partition(":")
    if sep and kind in KINDS:
        return Ref(kind, key)
    if implied == "t2" and ":" in text:
        return Ref("t2m", text)
    return Ref(implied, text)


def parse_args(text: str | None) -> dict[str, list[Ref]]:
    """``"a=claim:x,claim:y;b=t1:2011:Dandong"`` → {"a": [claim:x, claim:y], "b": [t1:2011:Dandong]}.

    Blank arguments and blank items are skipped; an argument without a name or an ``=``, or one
    given twice, is a :class:`RefError` naming it."""
    out: dict[str, list[Ref]] = {}
    for part in (text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep or not name:
            raise RefError(f"argument {part!r} is not key=value")
        if name in out:
            raise RefError(f"argument {name!r} is given twice")
        out[name] = [parse_ref(item, IMPLIED.get(name, "")) for item in value.split(",") if item.strip()]
    return out


def one(args: dict[str, list[Ref]], name: str) -> Ref:
    """The single ref of argument ``name`` (RefError naming it if it names none or several)."""
    refs = args[name]
    if len(refs) != 1:
        raise RefError(f"argument {name!r} takes one ref, not {len(refs)}")
    return refs[0]


def claims_in(args: dict[str, list[Ref]]) -> list[str]:
    """The claim ids the refs name, in order of the text (a claim named twice is listed once)."""
    return list(dict.fromkeys(r.key for refs in args.values() for r in refs if r.kind == "claim"))


def cells_in(args: dict[str, list[Ref]], kinds: tuple[str, ...] = ("t2", "t2m")) -> list[str]:
    """The keys of the refs of the given kinds (Table 2's cells: ``"2375"``, ``"2375:2"``), in order."""
    return list(dict.fromkeys(r.key for refs in args.values() for r in refs if r.kind in kinds))


def table1_cell(key: str) -> tuple[str, list[str]]:
    """A ``t1:`` key: ``"2011:Liaoning+Jilin"`` → ("2011", ["Liaoning", "Jilin"])."""
    year, _, regions = key.partition(":")
    return year, regions.split("+")


def table2_measure(key: str) -> tuple[str, str]:
    """A ``t2m:`` key: ``"2375:2"`` → ("2375", "2")."""
    res, _, no = key.partition(":")
    return res, no


def shown(ref: str) -> str:
    """A ref as the ledger and the exercises show it: a figure by its id alone, anything else whole."""
    r = parse_ref(ref)
    return r.key if r.kind == "fig" else ref


# --- where the paper says a figure comes from ----------------------------------------------------

#: The forms of data/claims.csv's ``paper_source`` column, with the key each takes (none for
#: ``text``: the paper gives no source). A second, smaller grammar than ``args``: it names the
#: paper's own apparatus, not a figure.
PAPER_SOURCE_FORMS = {"note": "[0-9]+", "cite": r"[A-Za-z0-9_\-:.]+", "table": "[0-9]+",
                      "figure": "[0-9]+", "text": None}
PAPER_SOURCE = re.compile("^(?:" + "|".join(k if v is None else f"{k}:{v}"
                                            for k, v in PAPER_SOURCE_FORMS.items()) + ")$")


def paper_source(code: str) -> tuple[str, str]:
    """``"note:3"`` → ("note", "3"), ``"cite:kim2020"`` → ("cite", "kim2020"), ``"text"`` →
    ("text", ""). The form is checked by :data:`PAPER_SOURCE` (the checker's rule
    source-unresolved); a reader shows an unknown kind as it is written."""
    kind, _, key = str(code).partition(":")
    return kind, key

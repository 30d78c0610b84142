"""Rule ``second-reading``: every assertion of error the edition makes has been read a second time.

An assertion is an editorial note of kind slip or query, a relation recorded as inconsistent, or a
claim recorded as in conflict with independent sources. Each needs a row in
``data/second_readings.csv`` (outcome ``pending`` until it is read); a row that says the assertion
was refuted must not face the same assertion still standing (a withdrawn note, a changed verdict);
and every row names an item its register holds, unless it records a withdrawn note.
"""
from __future__ import annotations

from .model import Book, Finding, read_csv

REGISTER = "data/second_readings.csv"
NOTE_ASSERTIONS = ("slip", "query")
CONFLICTS = "conflicts with independent sources"
INCONSISTENT = "inconsistent with the paper's own figures"


def _rows(book: Book, name: str) -> list:
    path = book.root / "data" / f"{name}.csv"
    return read_csv(path) if path.exists() else []


def check_second_reading(book: Book) -> list[Finding]:
    path = book.root / REGISTER
    if not path.exists():
        return []
    readings = {r.get("item_id"): r for r in read_csv(path)}
    notes = {r.get("note_id"): r for r in _rows(book, "editorial_notes")}
    rels = {r.get("relation_id"): r for r in _rows(book, "relations")}
    claims = {r.get("claim_id"): r for r in _rows(book, "claims")}
    asserted = ([("data/editorial_notes.csv", r, r.get("note_id"), r.get("kind")) for r in notes.values()
                 if r.get("kind") in NOTE_ASSERTIONS]
                + [("data/relations.csv", r, r.get("relation_id"), r.get("recorded_verdict")) for r in rels.values()
                   if r.get("recorded_verdict") == INCONSISTENT]
                + [("data/claims.csv", r, r.get("claim_id"), r.get("recorded_verdict")) for r in claims.values()
                   if r.get("recorded_verdict") == CONFLICTS])
    findings = []
    for file, row, ident, what in asserted:
        reading = readings.get(ident)
        if reading is None:
            findings.append(Finding(file, row.line, "second-reading",
                                    f"{ident} asserts an error ({what}) that has no second reading in {REGISTER} "
                                    f"(add a row with outcome 'pending')"))
        elif reading.get("outcome") == "refuted":
            findings.append(Finding(REGISTER, reading.line, "second-reading",
                                    f"{ident}: the second reading refuted it, but {file} still asserts {what!r}"))
    for ident, reading in readings.items():
        held = {"editorial_notes": notes, "relations": rels, "claims": claims}.get(reading.get("register"), {})
        if ident not in held and not (reading.get("register") == "editorial_notes"
                                      and reading.get("outcome") == "refuted"):
            findings.append(Finding(REGISTER, reading.line, "second-reading",
                                    f"{ident}: no such item in data/{reading.get('register')}.csv"))
    return findings

"""One home for each idea (issue 24): the tell-tale code of three ideas that used to be written
again in several modules stands in its home module only.

- Korean dates ("2019년 2월 28일") are formatted by ``edition/core/fmt.py`` (Babel): a second
  formatter shows itself as ``{…}년`` / ``{…}월`` in an f-string or a call of ``format_date``.
- The reference language of the registers (``claim:``, ``t1:``, ``date:`` …, and ``paper_source``'s
  ``note:3``) is parsed by ``edition/verdicts/refs.py``: a second parser splits at the colon.
- The precision a printed text claims is derived by ``edition/core/fmt.py``: a second derivation
  counts decimals (``split(".")[1]``, ``as_tuple().exponent``) or builds a power of ten from them.

The patterns are what those re-implementations looked like before the change; a new one written
another way would slip through, so this guards the old habits rather than proving the idea.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "edition"

IDEAS = {
    "Korean dates": ("core/fmt.py", r"\}년|\}월|format_date\("),
    "the reference language": ("verdicts/refs.py",
                               r'partition\(":"\)|(startswith|removeprefix)\("(fig|claim|t1|t1total|t2|t2m|date|num|res|note):"\)'),
    "printed precision": ("core/fmt.py",
                          r'split\("\."\)\[1\]|scaleb\(-|Decimal\(10\) \*\* ?-|as_tuple\(\)\.exponent'),
}


def places(pattern: str) -> dict[str, list[int]]:
    """Modules (relative to edition/) with a code line matching ``pattern``, and those lines."""
    found: dict[str, list[int]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.lstrip().startswith("#") and re.search(pattern, line):
                found.setdefault(path.relative_to(PACKAGE).as_posix(), []).append(no)
    return found


@pytest.mark.parametrize("idea", list(IDEAS))
def test_each_idea_lives_in_its_home(idea: str) -> None:
    home, pattern = IDEAS[idea]
    found = places(pattern)
    assert home in found, f"{idea}: its home {home} no longer matches; update this test"
    elsewhere = {m: lines for m, lines in found.items() if m != home}
    assert not elsewhere, f"{idea} is implemented again outside edition/{home}: {elsewhere}"


@pytest.mark.parametrize("line, idea", [
    ('    return f"{day.year}년 {day.month}월 {day.day}일"', "Korean dates"),
    ('    kind, _, rest = ref.partition(":")', "the reference language"),
    ('    decimals = len(text.split(".")[1]) if "." in text else 0', "printed precision"),
])
def test_the_patterns_catch_the_old_copies(line: str, idea: str) -> None:
    """Each pattern finds the line that the old second implementation was written with."""
    assert re.search(IDEAS[idea][1], line)

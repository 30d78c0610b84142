"""The ledger's labels are words, never the data files' codes, in both languages."""
from __future__ import annotations

import re

import pytest

from edition.render import labels, ledger
from edition.verdicts.claims import load
from edition.data.datapackage import package


@pytest.mark.parametrize("code,en,ko", [
    ("text", "none given in the text", "본문(출처 표시 없음)"),
    ("note:3", "note 3", "주 3"),
    ("table:1", "Table 1", "표 1"),
    ("cite:leeleekim2019", "citation Lee, Lee and Kim 2019", "Lee·Lee·Kim 2019"),
    ("cite:choi2015", "citation Choi et al. 2015", "Choi 외 2015"),
    ("cite:kita2020", "citation KITA 2020", "KITA 2020"),
])
def test_paper_source(code, en, ko):
    assert labels.paper_source(code, "en") == en
    assert labels.paper_source(code, "ko") == ko


@pytest.mark.parametrize("block,en,ko", [
    ("s2-p04", "§2, paragraph 4", "2절 4문단"), ("note-22", "note 22", "주 22"),
    ("s2-t1", "Table 1", "표 1"), ("s2-fig1", "Figure 1", "그림 1"),
    ("s3-q02", "§3, quotation 2", "3절 인용문 2"), ("front-abstract", "abstract", "초록"),
])
def test_block(block, en, ko):
    assert labels.block(block, "en") == en
    assert labels.block(block, "ko") == ko


def test_every_claim_has_worded_labels():
    for c in load().values():
        for lang in ("en", "ko"):
            assert ":" not in labels.paper_source(c.paper_source, lang), c.paper_source
            assert not re.fullmatch(r"(s\d|note|front)-.*", labels.block(c.block, lang)), c.block


def test_korean_ledger_has_no_codes_for_bases():
    rows = ledger.ledger_rows(package(), "ko")
    metas = " ".join(s.meta for r in rows for s in r.sources)
    assert "GAC" not in metas and "other" not in metas
    assert "중국 해관총서" in metas
    assert ledger.HEADERS["ko"][0] == "검증 대상 수치"
    assert all(":" not in r.paper_source and r.block_label for r in rows)

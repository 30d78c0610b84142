"""edition/paged.py without a browser: the Korean-font guard and the vendored Paged.js check."""
from __future__ import annotations

import stat

import pytest

from edition import paged


def _fake_fc_list(tmp_path, output: str, code: int = 0):
    script = tmp_path / "fc-list"
    script.write_text(f"#!/bin/sh\nprintf '{output}'\nexit {code}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_korean_font_found(tmp_path):
    fc = _fake_fc_list(tmp_path, "Noto Sans CJK KR,Noto Sans CJK JP\\nNanumGothic\\n")
    assert paged.require_korean_font(fc) == ["NanumGothic", "Noto Sans CJK JP", "Noto Sans CJK KR"]


def test_no_korean_font_is_an_error(tmp_path):
    with pytest.raises(RuntimeError, match="fonts-noto-cjk"):
        paged.require_korean_font(_fake_fc_list(tmp_path, ""))


def test_no_fc_list_is_an_error(tmp_path):
    with pytest.raises(RuntimeError, match="cannot list fonts"):
        paged.require_korean_font(str(tmp_path / "missing-fc-list"))


def test_failing_fc_list_is_an_error(tmp_path):
    with pytest.raises(RuntimeError, match="cannot list fonts"):
        paged.require_korean_font(_fake_fc_list(tmp_path, "", code=2))


def test_the_vendored_paged_js_is_the_release_named():
    text = paged.paged_js()
    assert text.lstrip().startswith("/**") and "Paged.js v0.4.3" in text[:200]

"""edition/print/paged.py without a browser: the Korean-font guard and the vendored Paged.js check."""
from __future__ import annotations

import stat

import pytest

from edition.print import paged


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


def test_print_faces_found(tmp_path):
    fc = _fake_fc_list(tmp_path, "Liberation Serif\\nLiberation Sans\\nNanumMyeongjo,나눔명조\\n"
                                 "NanumGothic\\nDejaVu Sans\\nDroid Sans Fallback\\n")
    assert paged.require_print_faces(fc) is None


def test_a_missing_print_face_names_its_package(tmp_path):
    fc = _fake_fc_list(tmp_path, "Liberation Serif\\nLiberation Sans\\nDejaVu Sans\\nNoto Sans CJK KR\\n")
    with pytest.raises(RuntimeError, match=r"NanumMyeongjo \(Debian: fonts-nanum\).*fonts-droid-fallback"):
        paged.require_print_faces(fc)
    with pytest.raises(RuntimeError, match="cannot list fonts"):
        paged.require_print_faces(str(tmp_path / "missing-fc-list"))


def test_stamp_sets_the_information_and_a_readable_mode(tmp_path):
    """edition.print.pdfinfo.stamp on a one-page PDF: the information written, readable by others."""
    import os

    import pikepdf

    from edition.print import pdfinfo

    path = tmp_path / "x.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(path)
    os.chmod(path, 0o600)  # as Playwright writes it
    mask = os.umask(0o022)
    try:
        pdfinfo.stamp(path, pdfinfo.document_info("ko"))
    finally:
        os.umask(mask)
    assert oct(path.stat().st_mode & 0o777) == "0o644"
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/Title"]) == "북한 의류 생산네트워크와 UN 제재 — 실행 가능한 편집본"
        assert str(pdf.Root.Lang) == "ko"
    assert not list(tmp_path.glob("*.tmp"))

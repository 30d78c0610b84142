"""The site's root address (edition/site/redirect.py): the front page, with the link's ?lang= and
#anchor carried across; the meta refresh and a link for a browser without scripts."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from edition.site.redirect import redirect_html

ROOT = Path(__file__).resolve().parent.parent


def test_the_redirect_keeps_query_and_fragment() -> None:
    assert redirect_html("chapters/00-front.html") == (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n'
        '<script>location.replace("chapters/00-front.html" + location.search + location.hash)</script>\n'
        '<meta http-equiv="Refresh" content="0; url=chapters/00-front.html" />\n'
        '</head><body><a href="chapters/00-front.html">chapters/00-front.html</a></body></html>\n')


def test_a_hostile_root_document_name_stays_a_path() -> None:
    html = redirect_html('x"><img src=x onerror=alert(1)></script><script>alert(2)//.html')
    assert html.count("<script>") == 1 and html.count("</script>") == 1
    assert "<img" not in html and 'onerror' not in html.replace("onerror%3D", "")
    assert '"x%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%3C/script%3E' in html


def _build(tmp_path: Path, builder: str) -> Path:
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True, exist_ok=True)
    (book / "conf.py").write_text('extensions = ["edition.site.redirect"]\nroot_doc = "chapters/start"\n',
                                  encoding="utf-8")
    (book / "chapters" / "start.rst").write_text("Start\n=====\n\nText.\n", encoding="utf-8")
    out = tmp_path / builder
    done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", builder, str(book), str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("builder, target", [("html", "chapters/start.html"),
                                             ("dirhtml", "chapters/start/"),
                                             ("singlehtml", "chapters/start.html")])
def test_the_build_writes_the_redirect_to_the_root_document(tmp_path, builder, target) -> None:
    out = _build(tmp_path, builder)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert (out / target).is_file() or (out / target / "index.html").is_file()
    assert f'location.replace("{target}" + location.search + location.hash)' in index
    assert f'content="0; url={target}"' in index

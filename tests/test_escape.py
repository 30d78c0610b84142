"""The one escaping helper: each hostile shape of input comes out inert."""
import json

import pytest

from edition.core import escape


def test_script_json_cannot_close_the_script():
    out = escape.script_json({"note": "</script><script>alert(1)</script><!-- & \u2028"})
    assert "</script" not in out.lower() and "<!--" not in out and "&" not in out
    assert "\u2028" not in out
    assert json.loads(out)["note"].startswith("</script>")


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " javascript:x",
    "data:text/html,<b>x</b>", "vbscript:msgbox", "file:///etc/passwd", "//evil.example/x",
    "http:/nohost", "", None, 42,
])
def test_unsafe_urls_are_refused(url):
    assert escape.safe_url(url) is None


@pytest.mark.parametrize("url", ["https://undocs.org/S/2020/840", "http://example.org/a?b=1&c=2",
                                 "mailto:editor@example.org", "HTTPS://EXAMPLE.ORG"])
def test_safe_urls_pass(url):
    assert escape.safe_url(url) == url


def test_text_and_attr_escape_markup():
    assert escape.text('<img src=x onerror="a()">') == "&lt;img src=x onerror=&quot;a()&quot;&gt;"
    assert escape.attr('" onmouseover="x') == "&quot; onmouseover=&quot;x"


@pytest.mark.parametrize("value", ['s2-p04" onclick="x', "a b", "", "<x>", "-lead", None])
def test_unsafe_ids_are_refused(value):
    assert not escape.is_safe_id(value)
    with pytest.raises(ValueError, match="not a safe id"):
        escape.safe_id(value, what="block")


def test_safe_ids_pass():
    assert escape.safe_id("s2-p04") == "s2-p04"
    assert escape.safe_id("claim-s2_trade_total_2013") == "claim-s2_trade_total_2013"

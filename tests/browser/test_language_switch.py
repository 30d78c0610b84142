"""The language switch: modes, memory across pages and visits, layout, keyboard."""
from __future__ import annotations

import pytest

from .harness import site_pages

pytestmark = pytest.mark.browser

MODE_OF = "() => document.documentElement.getAttribute('data-lang-mode')"
LANG_OF = "() => document.documentElement.getAttribute('lang')"
STORED = "() => localStorage.getItem('edition-lang')"
PRESSED = """() => Array.from(document.querySelectorAll('.edition-lang-switch button'))
                 .filter((b) => b.getAttribute('aria-pressed') === 'true')
                 .map((b) => b.dataset.langMode)"""


def _chapter_pages(site) -> list[str]:
    """Pages that hold at least one English/Korean pair, in reading order."""
    pages = [p for p in site_pages(site) if p.startswith("chapters/")]
    with_pairs = [p for p in pages if 'class="pair' in (site / p).read_text(encoding="utf-8")]
    if len(with_pairs) < 2:
        pytest.fail("fewer than two pages with English/Korean pairs in the built site")
    return with_pairs


def _state(page) -> tuple[str, str, list[str]]:
    return page.evaluate(MODE_OF), page.evaluate(LANG_OF), page.evaluate(PRESSED)


def _shown(page, selector: str) -> bool:
    return page.locator(selector).first.is_visible()


def _click_mode(page, mode: str) -> None:
    page.locator(f".edition-lang-switch button[data-lang-mode='{mode}']").click()


def test_switch_changes_mode_and_is_remembered(browse, site):
    first, second = _chapter_pages(site)[:2]
    ctx = browse.context(locale="en-GB")
    page = ctx.new_page()
    page.goto(browse.url(first))

    # No stored choice, English browser: English.
    assert _state(page) == ("en", "en", ["en"])
    assert _shown(page, ".pair > .lang-en") and not _shown(page, ".pair > .lang-ko")

    _click_mode(page, "ko")
    assert _state(page) == ("ko", "ko", ["ko"])
    assert _shown(page, ".pair > .lang-ko") and not _shown(page, ".pair > .lang-en")
    assert page.evaluate(STORED) == "ko"
    h1 = page.locator("article h1").first
    if h1.locator(".lang-en").count():
        assert not h1.locator(".lang-en").is_visible() and h1.locator(".lang-ko").is_visible()

    # Another page, a reload, and a new visit (new tab, same profile) keep it.
    page.goto(browse.url(second))
    assert _state(page) == ("ko", "ko", ["ko"])
    page.reload()
    assert _state(page) == ("ko", "ko", ["ko"])
    page.close()
    page = ctx.new_page()
    page.goto(browse.url(first))
    assert _state(page) == ("ko", "ko", ["ko"])

    # ?lang= wins over the stored choice and becomes the stored choice.
    page.goto(browse.url(second) + "?lang=both")
    assert _state(page) == ("both", "en", ["both"])
    page.goto(browse.url(first))
    assert page.evaluate(MODE_OF) == "both"

    # Switching on a page opened with ?lang= updates the address, so a reload keeps the choice.
    page.goto(browse.url(first) + "?lang=both")
    _click_mode(page, "en")
    assert "lang=en" in page.url
    page.reload()
    assert _state(page) == ("en", "en", ["en"])
    browse.assert_offline()


@pytest.mark.parametrize("locale, expected", [("ko-KR", "ko"), ("ko", "ko"), ("en-US", "en"),
                                              ("fr-FR", "en")])
def test_browser_language_decides_without_a_stored_choice(browse, site, locale, expected):
    page, _ = browse.open(_chapter_pages(site)[0], locale=locale)
    assert page.evaluate(MODE_OF) == expected


def test_side_by_side_keeps_pairs_level(browse, site):
    page, log = browse.visit(_chapter_pages(site)[0], mode="both", width=1400)
    rows = page.evaluate("""() => Array.from(document.querySelectorAll('.pair')).map((p) => {
        const en = p.querySelector(':scope > .lang-en').getBoundingClientRect();
        const ko = p.querySelector(':scope > .lang-ko').getBoundingClientRect();
        return {id: p.id, cols: getComputedStyle(p).gridTemplateColumns.split(' ').length,
                enTop: en.top, koTop: ko.top, enRight: en.right, koLeft: ko.left,
                enW: en.width, koW: ko.width};
    })""")
    assert rows
    for r in rows:
        assert r["cols"] == 2, r
        assert abs(r["enTop"] - r["koTop"]) <= 1, f"{r['id']} not level: {r}"
        assert r["enRight"] <= r["koLeft"] + 1, f"{r['id']} columns overlap: {r}"
        assert r["enW"] > 150 and r["koW"] > 150, f"{r['id']} columns too narrow: {r}"
    assert log.errors == []


def test_notes_show_the_selected_language(browse, site):
    pages = [p for p in _chapter_pages(site) if "paper-note" in (site / p).read_text(encoding="utf-8")]
    if not pages:
        pytest.fail("no paper notes in the built site")
    ctx = browse.context()
    page = ctx.new_page()
    page.goto(browse.url(pages[0]))
    note = page.locator("aside.paper-note").first
    for mode, en, ko in (("en", True, False), ("ko", False, True), ("both", True, True)):
        _click_mode(page, mode)
        assert note.locator(":scope > .lang-en").is_visible() is en, mode
        assert note.locator(":scope > .lang-ko").is_visible() is ko, mode


def test_plain_text_titles_are_split(browse, site):
    """Navigation titles rendered as plain text ("1. Introduction 1. 서론") follow the mode."""
    page, _ = browse.visit(_chapter_pages(site)[1], mode="ko")
    cases = {
        "1. Introduction 1. 서론": ["1. Introduction", "1. 서론"],
        "3. UN Sanctions 3. UN 제재": ["3. UN Sanctions", "3. UN 제재"],
        "References 참고문헌": ["References", "참고문헌"],
        "Ledger of claims 주장 대장": ["Ledger of claims", "주장 대장"],
        "Front": None,
        "서론": None,
        "1. Introduction": None,
    }
    for text, expected in cases.items():
        assert page.evaluate("(t) => window.editionLang.guessSplit(t)", text) == expected, text
    # In Korean mode no visible navigation title shows English and Korean together.
    mixed = page.evaluate(r"""() => Array.from(document.querySelectorAll(
            '.prev-next-title, .bd-sidebar a'))
        .filter((el) => el.getClientRects().length)
        .map((el) => el.innerText.trim())
        .filter((t) => /[A-Za-z]{3,}/.test(t) && /[\uAC00-\uD7AF]/.test(t))""")
    assert mixed == [], mixed


def test_keyboard_reaches_switch_and_changes_mode(browse, site):
    page, _ = browse.visit(_chapter_pages(site)[0], mode="ko")
    page.locator("body").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.edition-lang-switch')"):
            break
    else:
        pytest.fail("Tab never reached the language switch")

    focused = page.evaluate("""() => { const b = document.activeElement, s = getComputedStyle(b);
        return {mode: b.dataset.langMode, tag: b.tagName, outline: s.outlineStyle,
                width: parseFloat(s.outlineWidth)}; }""")
    assert focused["tag"] == "BUTTON"
    assert focused["outline"] != "none" and focused["width"] >= 2, f"no visible focus: {focused}"
    assert focused["mode"] == "en"

    page.keyboard.press("Enter")
    assert page.evaluate(MODE_OF) == "en"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.dataset.langMode") == "ko"
    page.keyboard.press("Space")
    assert page.evaluate(MODE_OF) == "ko"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate(MODE_OF) == "both"
    assert page.evaluate(PRESSED) == ["both"]


def test_theme_labels_follow_the_language(browse, site):
    """In Korean mode the theme's own labels are Korean (and English again after switching back)."""
    page = browse.context(locale="en-GB").new_page()
    page.goto(browse.url(_chapter_pages(site)[0]))
    label = page.locator(".search-button__default-text").first
    prev_title = "() => document.querySelector('[title=\"previous page\"], [data-edition-en-title=\"previous page\"]')?.getAttribute('title')"
    assert label.inner_text().strip() == "Search"
    _click_mode(page, "ko")
    assert label.inner_text().strip() == "검색"
    assert page.evaluate(prev_title) in (None, "이전 페이지")
    _click_mode(page, "en")
    assert label.inner_text().strip() == "Search"


@pytest.mark.parametrize("asked", ["ko", "both"])
def test_the_root_address_keeps_the_language_asked_for(browse, asked):
    """A link to the site's root with ?lang= and an anchor lands on the front page in that mode,
    at that anchor (a bare meta refresh used to drop both: the browser's language decided)."""
    page, _ = browse.open(f"?lang={asked}#abstract", locale="en-GB")
    page.wait_for_url(f"**/chapters/00-front.html?lang={asked}#abstract")
    page.wait_for_load_state("load")
    assert page.evaluate(MODE_OF) == asked

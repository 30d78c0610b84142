"""Figure 1 (an Altair chart) draws offline and shows a tooltip on hover."""
from __future__ import annotations

import pytest

from .helpers import CHART_SELECTOR, WAIT_FOR_CHARTS, settle

pytestmark = pytest.mark.browser

FIGURE_PAGE = "chapters/02-integration.html"

#: Points (page coordinates) on the chart's marks: the centre of each point mark, and the middle
#: of each other SVG mark taken *on* its outline for lines, so hovering there hits the mark.
MARK_POINTS = """
(chart) => {
  const pts = [];
  const svg = chart.querySelector('svg');
  if (!svg) return pts;
  // the points of the lines first: they carry the tooltips (a line's own path does not)
  const marks = [...svg.querySelectorAll('.mark-symbol path'),
                 ...svg.querySelectorAll('[role="graphics-symbol"], .role-mark path, .role-mark rect, .role-mark circle')];
  for (const m of marks) {
    let x, y;
    // a point is hovered at its centre; a line on its outline (its centre may be off the line)
    if (!m.closest('.mark-symbol') && m.getTotalLength && m.getScreenCTM && m.getAttribute('d')) {
      try {
        const len = m.getTotalLength();
        const p = m.getPointAtLength(len / 2).matrixTransform(m.getScreenCTM());
        x = p.x; y = p.y;
      } catch (e) { /* fall through */ }
    }
    if (x === undefined) {
      const r = m.getBoundingClientRect();
      if (!r.width && !r.height) continue;
      x = r.left + r.width / 2; y = r.top + r.height / 2;
    }
    pts.push([x + window.scrollX, y + window.scrollY]);
    if (pts.length >= 40) break;
  }
  return pts;
}
"""

TOOLTIP_SHOWN = """() => {
  const t = document.getElementById('vg-tooltip-element');
  return !!t && t.classList.contains('visible') && t.textContent.trim().length > 0
         && t.getClientRects().length > 0;
}"""


def test_figure1_renders_and_shows_a_tooltip(browse, site):
    if not (site / FIGURE_PAGE).exists():
        pytest.fail(f"{FIGURE_PAGE} not in the built site")
    html = (site / FIGURE_PAGE).read_text(encoding="utf-8")
    if "vegaEmbed(" not in html and "vega-embed" not in html:
        pytest.fail(f"{FIGURE_PAGE} holds no Altair chart")

    page, log = browse.visit(FIGURE_PAGE, width=1280, height=1000)
    page.wait_for_function(WAIT_FOR_CHARTS, arg=CHART_SELECTOR, timeout=30_000)
    chart = page.locator(CHART_SELECTOR).first
    assert chart.locator("svg, canvas").count() >= 1, "chart did not render"
    assert chart.locator(".error").count() == 0, chart.inner_text()
    chart.scroll_into_view_if_needed()
    # The side notes are placed after load and the chart fits its column again: take the marks'
    # points once its drawing has kept its place for a few frames.
    previous = None
    for _ in range(40):
        settle(page)
        box = chart.locator("svg, canvas").first.bounding_box()
        if box == previous:
            break
        previous = box

    handle = chart.element_handle()
    points = page.evaluate(MARK_POINTS, handle)
    if not points:  # canvas renderer: sweep the drawing
        box = chart.locator("svg, canvas").first.bounding_box()
        points = [[box["x"] + box["width"] * i / 16, box["y"] + box["height"] * j / 10]
                  for j in range(1, 10) for i in range(1, 16)]
    shown = False
    # A quick pass (vega-tooltip opens in the pointer event's handler: two frames are plenty),
    # then, if no mark showed one, the patient pass (400 ms a mark) before giving up.
    for patient in (False, True):
        for x, y in points:
            page.mouse.move(x - page.evaluate("window.scrollX"), y - page.evaluate("window.scrollY"))
            try:
                if patient:
                    page.wait_for_function(TOOLTIP_SHOWN, timeout=400)
                else:
                    settle(page)
                    assert page.evaluate(TOOLTIP_SHOWN)
                shown = True
                break
            except Exception:  # noqa: BLE001 - try the next mark
                continue
        if shown:
            break
    assert shown, f"no tooltip after hovering {len(points)} points of Figure 1"
    text = page.locator("#vg-tooltip-element").inner_text()
    assert text.strip(), "empty tooltip"
    assert log.errors == [], log.errors
    browse.assert_offline()


CHART_FIT = """() => Array.from(document.querySelectorAll('.figure1 .edition-chart'))
  .filter((el) => el.getClientRects().length > 0)
  .map((el) => {
    const svg = el.querySelector('svg');
    const box = el.getBoundingClientRect();
    const s = svg ? svg.getBoundingClientRect() : {width: 0, right: 0};
    return {id: el.id, container: Math.round(box.width), svg: Math.round(s.width),
            right: Math.round(s.right), vw: document.documentElement.clientWidth,
            scroll: document.documentElement.scrollWidth};
  })"""


@pytest.mark.parametrize("width", [1300, 375])
def test_figure1_fills_the_column_on_desktop_and_phone(browse, site, width):
    """Two charts (trade lines, China's share), each as wide as the text column: no fixed 600 px."""
    if not (site / FIGURE_PAGE).exists():
        pytest.fail(f"{FIGURE_PAGE} not in the built site")
    page, log = browse.visit(FIGURE_PAGE, width=width, height=900, is_mobile=width < 500,
                             has_touch=width < 500)
    page.wait_for_function(WAIT_FOR_CHARTS, arg=CHART_SELECTOR, timeout=30_000)
    settle(page)
    charts = page.evaluate(CHART_FIT)
    assert [c["id"] for c in charts] == ["figure1-en", "figure1-share-en"], charts
    for c in charts:
        assert c["svg"] >= c["container"] - 4, f"chart narrower than its column: {c}"
        assert c["svg"] <= c["container"] + 1 and c["right"] <= c["vw"] + 1, f"chart overflows: {c}"
        assert c["scroll"] <= c["vw"] + 1, f"page scrolls sideways: {c}"
    if width == 375:
        assert all(c["svg"] < 375 for c in charts)
    else:
        assert all(c["svg"] > 600 for c in charts), charts
    assert log.errors == [], log.errors

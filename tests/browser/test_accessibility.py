"""axe-core audit of every page in every language mode: no serious or critical violation.

axe-core is vendored in tests/browser/assets/axe-core (MPL-2.0) and injected from disk, so the
audit needs no network either.
"""
from __future__ import annotations

import pytest

from .harness import AXE_JS
from .helpers import wait_for_page

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")

RUN_AXE = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('')),
    count: v.nodes.length,
  }));
}"""


def test_axe_no_serious_violations(browse, site, page_path, mode):
    if not AXE_JS.exists():
        pytest.fail(f"axe-core not vendored at {AXE_JS}")
    page, _ = browse.open(page_path, mode=mode)
    wait_for_page(page, site, page_path)
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(RUN_AXE)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    report = "\n".join(
        f"  [{v['impact']}] {v['id']}: {v['help']} ({v['count']} node(s))\n      "
        + "\n      ".join(v["nodes"]) for v in blocking)
    assert not blocking, f"{page_path} [{mode}]: axe violations\n{report}"
    browse.assert_offline()

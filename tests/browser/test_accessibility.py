"""axe-core audit: no serious or critical violation.

Every page is audited in side-by-side mode, where both languages' blocks are shown with their
``lang`` attributes (the content of the other two modes is a subset of it); the single-language
modes are audited on a section page and the ledger, where the interface itself changes language.
The test budget (README's test command under 5 minutes) does not allow three audits of every page.

axe-core is vendored in tests/browser/assets/axe-core (MPL-2.0) and injected from disk, so the
audit needs no network either.
"""
from __future__ import annotations

import pytest

from .harness import AXE_JS
from .helpers import SINGLE_LANGUAGE_SAMPLES, wait_for_page

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


def _audit(browse, site, path: str, mode: str) -> None:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core not vendored at {AXE_JS}")
    page, _ = browse.visit(path, mode=mode)  # a warm tab: axe's script goes with the next load
    wait_for_page(page, site, path)
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(RUN_AXE)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    report = "\n".join(
        f"  [{v['impact']}] {v['id']}: {v['help']} ({v['count']} node(s))\n      "
        + "\n      ".join(v["nodes"]) for v in blocking)
    assert not blocking, f"{path} [{mode}]: axe violations\n{report}"
    browse.assert_offline()


def test_axe_no_serious_violations(browse, site, page_path):
    _audit(browse, site, page_path, "both")


@pytest.mark.parametrize("view", ["en", "ko"])
@pytest.mark.parametrize("sample", SINGLE_LANGUAGE_SAMPLES)
def test_axe_in_single_language_modes(browse, site, sample, view):
    _audit(browse, site, sample, view)

"""The loader that draws Figure 1 in JupyterLab (edition.render.labcharts); the drawing itself is checked in a
real JupyterLab by tests/browser/test_jupyterlab.py."""
from __future__ import annotations

import re

from edition import ROOT
from edition.render import charts, labcharts
from edition.data.datapackage import Package
from edition.render.labcharts import VENDORED_JS


def test_loader_loads_the_vendored_files_in_order_from_the_repository():
    paths = labcharts.library_paths()
    assert paths == [f"_static/{p}" for p, _, _ in VENDORED_JS]
    for path in paths:
        assert (ROOT / path).is_file(), f"{path} is not in the repository"
    script = labcharts.loader_html("figure1")
    assert script.index("vega/vega.min.js") < script.index("vega-embed.min.js")  # no vega-lite: specs are compiled to Vega
    assert "http" not in script.replace("jupyter-config-data", "")  # only the Jupyter server's files/


def test_loader_is_a_no_op_outside_jupyterlab_and_unique_per_figure():
    a, b = labcharts.loader_html("figure1"), labcharts.loader_html("figure1-mine")
    assert a != b  # the site refuses two identical inline scripts on a page
    assert "if(window.vegaEmbed)return;" in a and "if(!cfg)return;" in a
    assert "vegaEmbed(" not in a  # not a chart marker: pages without a chart load no Vega


def test_hostile_figure_id_cannot_end_the_script():
    script = labcharts.loader_html('x"</script><script>alert(1)//')
    assert script.count("</script>") == 1 and script.endswith("</script>")
    assert "<script>alert" not in script


def test_every_figure1_carries_its_own_loader_after_it():
    html = charts.figure1_html(Package(), "figure1-test")
    tail = html.rsplit("</div>", 1)[1]
    assert tail == labcharts.loader_html("figure1-test")
    assert re.search(r'<div class="figure1" id="figure1-test">', html)

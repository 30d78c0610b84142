"""Figure 1 drawn in JupyterLab too, from the Vega libraries the repository already vendors.

On the built site the pages load ``_static/lib`` (vega, vega-embed) themselves, and each
chart's inline script calls ``vegaEmbed`` once they are there. In JupyterLab nothing defines
``vegaEmbed``: JupyterLab 4 renders Vega-Lite only up to version 5, and Altair 6 writes version 6,
so a student running a chapter would see the titles and an empty box instead of the redrawn figure.

:func:`loader_html` is a small script placed after a figure's HTML. On the built site (no
``jupyter-config-data`` element) or wherever ``vegaEmbed`` exists it does nothing. In JupyterLab it
loads the same vendored files from the Jupyter server's ``files/`` endpoint (the server runs at the
repository root: ``python -m edition.lab`` and Binder both do), then runs the figure's chart scripts
again. No request leaves the Jupyter server; if the files cannot be found, the output says why.
"""
from __future__ import annotations

from ..core.escape import script_json

#: The vendored releases, in load order: (path under _static, npm package, exact version).
#: vega must be the release vl-convert compiles for (tests/test_site_assets.py checks).
VENDORED_JS = (
    ("lib/vega/vega.min.js", "vega", "6.2.0"),
    ("lib/vega-embed/vega-embed.min.js", "vega-embed", "7.0.2"),
)

#: JupyterLab has no edition.css: the charts' container must be as wide as the output, as on the site
#: (vega-embed's own style makes it an inline block, which is zero wide for a "container" chart).
LAB_CSS = (".jp-OutputArea .edition-chart,.jp-OutputArea .edition-chart.vega-embed{display:block;width:100%;"
           "min-width:0}.jp-OutputArea .figure1 .chart-title{font-weight:600;margin:.75rem 0 .25rem}")

#: Shown in the output when the libraries cannot be loaded (JupyterLab started outside the repository).
MISSING = ("The chart needs the repository's _static/lib: start JupyterLab at the repository root "
           "(python -m edition.lab). / 그림을 그리려면 저장소의 _static/lib가 필요하다. 저장소 "
           "최상위에서 JupyterLab을 시작하라(python -m edition.lab).")


def library_paths() -> list[str]:
    """The vendored libraries, in load order, as paths from the repository root."""
    return [f"_static/{path}" for path, _name, _version in VENDORED_JS]


def loader_html(figure_id: str) -> str:
    """The script, placed right after the element *figure_id*, that draws its charts in JupyterLab.

    The id makes each loader's text unique on a page (two identical inline scripts are refused by
    the site's checks) and finds the figure even if the script is moved away from it.
    """
    return (
        "<script>(function(){"
        "var me=document.currentScript;"
        "if(window.vegaEmbed)return;"
        "var cfg=document.getElementById('jupyter-config-data');if(!cfg)return;"
        "var base=(JSON.parse(cfg.textContent).baseUrl||'/')+'files/';"
        "if(!document.getElementById('edition-lab-css')){var st=document.createElement('style');"
        f"st.id='edition-lab-css';st.textContent={script_json(LAB_CSS)};document.head.appendChild(st);}}"
        f"var libs={script_json(library_paths())};"
        "if(!window.editionVegaLoad){window.editionVegaLoad=libs.reduce(function(p,src){"
        "return p.then(function(){return new Promise(function(ok,fail){"
        "var s=document.createElement('script');s.src=base+src;s.onload=ok;"
        "s.onerror=function(){fail(src);};document.head.appendChild(s);});});},Promise.resolve());}"
        f"var id={script_json(figure_id)};"
        "var box=me&&me.previousElementSibling;if(!box||box.id!==id)box=document.getElementById(id);"
        "if(!box)return;"
        "window.editionVegaLoad.then(function(){"
        "box.querySelectorAll('script').forEach(function(s){"
        "var t=document.createElement('script');t.textContent=s.textContent;s.replaceWith(t);});"
        "},function(){window.editionVegaLoad=null;"
        "var p=document.createElement('p');p.className='edition-chart-missing';"
        f"p.textContent={script_json(MISSING)};box.appendChild(p);}});"
        "})();</script>"
    )

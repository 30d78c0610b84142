"""A Jupyter kernel that cannot import the repository's ``edition``: for the downloaded notebooks,
which must stop cleanly without their bundle (tests/test_download_guard.py) and run on the
bundle's own copy with it (tests/browser/test_downloaded_notebooks.py)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The kernel's launcher: without the editable install's finder, the repository on sys.path, or
#: any folder named ``edition``.
HIDE_EDITION = (
    "import sys; "
    "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in getattr(f, '__module__', '')"
    " and 'editable' not in getattr(type(f), '__module__', '')]; "
    "sys.path[:] = [p for p in sys.path if 'edition' not in p.split('/')[-1:] and p != '" + str(ROOT) + "']; "
    "from ipykernel.kernelapp import launch_new_instance; launch_new_instance()"
)


def kernel_without_edition(share: Path, name: str, display_name: str) -> None:
    """Write kernelspec *name* under *share* (point ``JUPYTER_PATH`` at it)."""
    spec = share / "kernels" / name
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-c", HIDE_EDITION, "-f", "{connection_file}"],
        "display_name": display_name, "language": "python"}), encoding="utf-8")

#!/usr/bin/env bash
# Build the site into _build/html from a fresh machine with Python 3.11 or newer (no network needed
# after pip). The Python is chosen by tools/python.sh: PYTHON=python3.12 bash tools/build.sh names one.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || { . tools/python.sh && "$PYTHON" -m venv .venv; }
.venv/bin/pip install -q -r requirements.txt
.venv/bin/jupyter-book build . --all -W -n --keep-going

#!/usr/bin/env bash
# Build the site into _build/html from a fresh machine with Python 3.11 (no network needed after pip).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3.11 -m venv .venv
.venv/bin/pip install -q -r requirements.txt
.venv/bin/jupyter-book build . --all -W -n --keep-going

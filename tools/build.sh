#!/usr/bin/env bash
# Build the site into _build/html from a fresh machine with Python 3.11 or newer (no network needed
# after pip and apt), then print the edition as PDF into _build/html/pdf/ (English, Korean,
# bilingual) with Chromium (edition/print/pdf.py). The Python is chosen by tools/python.sh:
# PYTHON=python3.12 bash tools/build.sh names one.
set -euo pipefail
cd "$(dirname "$0")/.."
# The browser and the PDF fonts (TrueType faces only: no Type 3).
PACKAGES="chromium fonts-noto-cjk fonts-nanum fonts-liberation fonts-dejavu-core fonts-droid-fallback"
missing=$(dpkg-query -W -f='${Status}\n' $PACKAGES 2>&1 | grep -cv '^install ok installed$' || true)
if [ "$missing" -ne 0 ]; then
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -q && $SUDO apt-get install -y -q $PACKAGES
fi
[ -x .venv/bin/python ] || { . tools/python.sh && "$PYTHON" -m venv .venv; }
.venv/bin/pip install -q -r requirements-pdf.txt
.venv/bin/jupyter-book build . --all -W -n --keep-going
.venv/bin/python -m edition.pdf

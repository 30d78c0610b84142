#!/usr/bin/env bash
# Every test, from a fresh machine with Python 3.11 (root, or sudo for the browser install):
# the browser, the environment, the checker, the strict book build and the whole pytest suite
# (unit tests, every chapter under nbval, browser tests against the built site).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -q && $SUDO apt-get install -y -q chromium fonts-noto-cjk
fi
[ -x .venv/bin/python ] || python3.11 -m venv .venv
.venv/bin/pip install -q -r requirements-dev.txt
.venv/bin/python -m edition check
rm -rf _build
.venv/bin/jupyter-book build . --all -W -n --keep-going
.venv/bin/python -m pytest

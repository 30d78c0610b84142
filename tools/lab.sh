#!/usr/bin/env bash
# The student's one command: make the environment (first time only) and open "Run it yourself" as a
# notebook in JupyterLab (a copy in work/). Another chapter: bash tools/lab.sh 04-sanctions --lang ko
# Any Python 3.11 or newer (PYTHON=python3.12 bash tools/lab.sh to choose one).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  . tools/python.sh
  "$PYTHON" -m venv .venv
fi
.venv/bin/pip install -q -r requirements.txt
exec .venv/bin/python -m edition.lab "$@"

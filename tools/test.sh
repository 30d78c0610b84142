#!/usr/bin/env bash
# Every test, from a fresh machine with Python 3.11 (root, or sudo for the browser install):
# the browser, the environment, the checker, unit tests and every chapter under nbval, the strict
# book build (reusing nbval's runs: each notebook executes once), browser tests against the site.
# Fast path while editing: .venv/bin/python -m pytest -m "not browser"
set -euo pipefail
cd "$(dirname "$0")/.."
# The browser, the PDF fonts (TrueType faces only: no Type 3) and, for the tests, poppler.
PACKAGES="chromium fonts-noto-cjk fonts-nanum fonts-liberation fonts-dejavu-core fonts-droid-fallback poppler-utils"
missing=$(dpkg-query -W -f='${Status}\n' $PACKAGES 2>&1 | grep -cv '^install ok installed$' || true)
if [ "$missing" -ne 0 ]; then
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -q && $SUDO apt-get install -y -q $PACKAGES
fi
[ -x .venv/bin/python ] || { . tools/python.sh && "$PYTHON" -m venv .venv; }
.venv/bin/pip install -q -r requirements-dev.txt
.venv/bin/python -m edition check
rm -rf _build && mkdir -p _build

# 1. Unit tests and every chapter under nbval, on two workers (a chapter's cells stay together).
#    Each chapter is executed here, once: the nbval plugin (tests/nbval_myst.py) stores each
#    passing run in the build's execution cache.
EDITION_NB_CACHE=_build/.jupyter_cache .venv/bin/python -m pytest -m "not browser" -n 2 --dist loadfile

# 2. The strict build, reusing those runs (the book's execute_notebooks: cache; edition/site/execution.py
#    discards the cache if the data or code changed since).
.venv/bin/jupyter-book build . --all -W -n --keep-going 2>&1 | tee _build/build.log
notebooks=$(grep -l '^```{code-cell}' chapters/*.md | wc -l)
reused=$(grep -c 'Using cached notebook' _build/build.log || true)
executed=$(grep -c 'edition: executed\|Executed notebook in' _build/build.log || true)
if [ "$reused" -ne "$notebooks" ] || [ "$executed" -ne 0 ]; then
  echo "tools/test.sh: the build reused $reused of $notebooks nbval runs and executed $executed chapter(s) again" >&2
  exit 1
fi

# 3. The PDFs of the edition (English, Korean, bilingual) from the built site, then browser tests
#    against the site (tests/browser/test_pdf.py reads the PDFs).
.venv/bin/python -m edition.pdf
#    Browser tests against the built site.
.venv/bin/python -m pytest -m browser

# shellcheck shell=bash
# The one place that chooses the Python the edition's scripts use (sourced by tools/build.sh,
# tools/test.sh and tools/lab.sh). Any Python 3.11 or newer will do:
#   - the one the reader names wins:      PYTHON=python3.12 bash tools/build.sh
#   - otherwise the first suitable one of: python3, python3.14, python3.13, python3.12, python3.11, python
# Sets PYTHON (the command) and PYTHON_VERSION (major.minor); stops with a message if none fits.
EDITION_MIN_PYTHON="3.11"

edition_python_version() {  # print "major.minor" of interpreter $1, or fail
  local out
  out=$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || return 1
  [[ $out =~ ^[0-9]+\.[0-9]+$ ]] || return 1
  printf '%s\n' "$out"
}

edition_python_ok() {  # is version $1 at least EDITION_MIN_PYTHON?
  local major=${1%%.*} minor=${1#*.}
  local need_major=${EDITION_MIN_PYTHON%%.*} need_minor=${EDITION_MIN_PYTHON#*.}
  (( major > need_major || (major == need_major && minor >= need_minor) ))
}

edition_choose_python() {
  local cand version tried=()
  if [[ -n ${PYTHON:-} ]]; then
    if ! version=$(edition_python_version "$PYTHON"); then
      echo "PYTHON=$PYTHON: no such Python interpreter (it must run '$PYTHON -c ...')." >&2
      return 1
    fi
    if ! edition_python_ok "$version"; then
      echo "PYTHON=$PYTHON is Python $version; the edition needs Python $EDITION_MIN_PYTHON or newer." >&2
      return 1
    fi
    PYTHON_VERSION=$version
    return 0
  fi
  for cand in python3 python3.14 python3.13 python3.12 python3.11 python; do
    command -v "$cand" >/dev/null 2>&1 || continue
    version=$(edition_python_version "$cand") || continue
    tried+=("$cand ($version)")
    if edition_python_ok "$version"; then
      PYTHON=$cand
      PYTHON_VERSION=$version
      return 0
    fi
  done
  echo "No Python $EDITION_MIN_PYTHON or newer found (tried: ${tried[*]:-none on PATH})." >&2
  echo "Install one, or name it: PYTHON=/path/to/python3.12 bash $0" >&2
  return 1
}

edition_choose_python || exit 1
export PYTHON PYTHON_VERSION

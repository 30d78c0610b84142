"""Fault injection for the editor commands: ``python -m tests.faults K ARGS…`` runs
``python -m edition ARGS…`` and kills the process with SIGKILL (``kill -9``) at its K-th write
point, counting from 1. The points are: a file opened for writing (it may just have been
truncated), each ``write()`` to such a file (half of the data is written and flushed first, so a
write is torn as a crash would tear it), each ``os.fsync`` and each ``os.replace``/``os.rename``
(before it happens). ``K = 0`` kills nowhere and prints the number of points reached to stderr
as ``fault-points: N``, so a test can interrupt a command at every point it has.
"""
from __future__ import annotations

import builtins
import io
import os
import runpy
import signal
import sys

_count = 0
_target = 0


def _point() -> None:
    global _count
    _count += 1
    if _count == _target:
        os.kill(os.getpid(), signal.SIGKILL)


class _Writer:
    """A file opened for writing, whose writes are fault points."""

    def __init__(self, fh) -> None:
        self._fh = fh

    def write(self, data):
        global _count
        if _count + 1 == _target and len(data) > 1:
            self._fh.write(data[: len(data) // 2])
            self._fh.flush()
        _point()
        return self._fh.write(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._fh.__exit__(*exc)

    def __iter__(self):
        return iter(self._fh)

    def __getattr__(self, name):
        return getattr(self._fh, name)


def _wrap_open(real):
    def opener(file, mode="r", *args, **kwargs):
        fh = real(file, mode, *args, **kwargs)
        if any(c in mode for c in "wax+"):
            _point()
            return _Writer(fh)
        return fh
    return opener


def _wrap(real):
    def call(*args, **kwargs):
        _point()
        return real(*args, **kwargs)
    return call


def main(argv: list[str]) -> None:
    global _target
    _target = int(argv[0])
    opener = _wrap_open(io.open)
    builtins.open = io.open = opener
    os.fsync, os.replace, os.rename = _wrap(os.fsync), _wrap(os.replace), _wrap(os.rename)
    sys.argv = ["python -m edition", *argv[1:]]
    code = 0
    try:
        runpy.run_module("edition", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    print(f"fault-points: {_count}", file=sys.stderr)
    sys.exit(code)


if __name__ == "__main__":
    main(sys.argv[1:])

"""Fault injection for the editor commands: interrupt a command at its K-th write point.

The points are: a file opened for writing (it may just have been truncated), each ``write()``
to such a file (half of the data is written and flushed first, so the write is torn as a crash
tears it), each ``os.fsync`` and each ``os.replace``/``os.rename`` (before it happens).

In a test, ``with Faults(k): main([...])`` raises :class:`Interrupted` at point ``k`` (no
``finally`` of the command's own code is trusted to tidy up: the files are checked as they are
at that moment). From a shell, ``python -m tests.faults K ARGS…`` runs ``python -m edition
ARGS…`` and sends itself SIGKILL (``kill -9``) at point K; ``K = 0`` kills nowhere and prints
``fault-points: N`` to stderr, the number of points an uninterrupted run has.
"""
from __future__ import annotations

import builtins
import io
import os
import runpy
import signal
import sys
from typing import Callable


class Interrupted(BaseException):
    """The simulated crash (a BaseException, so no ``except Exception`` of the command catches it)."""


def _raise() -> None:
    raise Interrupted


def _kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class Faults:
    """Patch the write points for the duration of a ``with`` block; ``count`` is how many were met."""

    def __init__(self, target: int, action: Callable[[], None] = _raise) -> None:
        self.target, self.action, self.count = target, action, 0
        self._saved: tuple = ()

    def point(self) -> None:
        self.count += 1
        if self.count == self.target:
            self.action()

    def __enter__(self) -> "Faults":
        self._saved = (builtins.open, io.open, os.fsync, os.replace, os.rename)
        real_open = io.open
        faults = self

        class Writer:
            def __init__(self, fh) -> None:
                self._fh = fh

            def write(self, data):
                if faults.count + 1 == faults.target and len(data) > 1:
                    self._fh.write(data[: len(data) // 2])
                    self._fh.flush()
                faults.point()
                return self._fh.write(data)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return self._fh.__exit__(*exc)

            def __iter__(self):
                return iter(self._fh)

            def __getattr__(self, name):
                return getattr(self._fh, name)

        def opener(file, mode="r", *args, **kwargs):
            fh = real_open(file, mode, *args, **kwargs)
            if any(c in mode for c in "wax+"):
                faults.point()
                return Writer(fh)
            return fh

        def wrap(real):
            def call(*args, **kwargs):
                faults.point()
                return real(*args, **kwargs)
            return call

        builtins.open = io.open = opener
        os.fsync, os.replace, os.rename = wrap(os.fsync), wrap(os.replace), wrap(os.rename)
        return self

    def __exit__(self, *exc) -> None:
        builtins.open, io.open, os.fsync, os.replace, os.rename = self._saved


def main(argv: list[str]) -> None:
    sys.argv = ["python -m edition", *argv[1:]]
    faults = Faults(int(argv[0]), _kill)
    code = 0
    with faults:
        try:
            runpy.run_module("edition", run_name="__main__", alter_sys=True)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    print(f"fault-points: {faults.count}", file=sys.stderr)
    sys.exit(code)


if __name__ == "__main__":
    main(sys.argv[1:])

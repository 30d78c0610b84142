"""Writing a file so that an interruption leaves either the old file or the new one, never a part.

Every file the editor commands rewrite (``rehash`` → data/datapackage.json, ``record-verdicts``
→ the registers, ``fingerprint --write`` → chapters) goes through :func:`write_bytes`: the data
goes to a temporary file in the same folder (same file system, so the rename is atomic), is
flushed and fsynced, takes the original's permissions, and then replaces the original with
``os.replace``; the folder is fsynced so the rename itself survives a power cut. A ``kill -9``
at any point leaves the original untouched or the new file whole (tests/test_hostile.py
interrupts each command at every write point).
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (the file may not exist yet)."""
    path = Path(path)
    if path.is_symlink():  # rewrite what the link points to; the link stays a link
        path = path.resolve()
    folder = path.parent
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_folder(folder)


def write_text(path: Path, text: str) -> None:
    """:func:`write_bytes` of UTF-8 text, written exactly as given (no newline translation)."""
    write_bytes(path, text.encode("utf-8"))


def _mode_for(path: Path) -> int:
    """The original's permission bits, or what ``open()`` would give a new file (0666 less umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # a platform without directory handles: the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

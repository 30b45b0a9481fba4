"""The one way files are written: a temporary file beside the target, flushed to disk, then renamed."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path

__all__ = ["TEMP_SUFFIX", "atomic_write", "fsync_folder"]

#: Temporary files are ``.<name>.<random>.tmp`` beside their target; readers skip them.
TEMP_SUFFIX = ".tmp"


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Write ``path`` so that readers see the old file or the whole new one, never a part.

    ``write(temporary)`` writes the content to a temporary file in the same folder, which is
    flushed to disk (``fsync``) before it replaces ``path``; the folder is flushed after the
    rename on POSIX, so a power cut leaves one version or the other. The temporary file gets
    the usual permissions, so the result is as readable as any file the user writes; it is
    removed if anything fails.

    Parameters
    ----------
    path : Path
        The file to write; its folder is created if missing.
    write : callable
        Called with the temporary path; writes the whole content there.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}"
    try:
        write(temporary)
        _fsync_file(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename) to disk; a no-op where folders can't be opened."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

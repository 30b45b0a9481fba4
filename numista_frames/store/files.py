"""The one way files are written: a temporary file beside the target, flushed to disk, then renamed."""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Callable
from pathlib import Path

__all__ = ["TEMP_SUFFIX", "atomic_write", "check_writable", "fsync_folder"]

#: Temporary files are ``.<name>.<random>.tmp`` beside their target; readers skip them.
TEMP_SUFFIX = ".tmp"


def atomic_write(path: Path, write: Callable[[Path], object], *, durable: bool = True) -> None:
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
    durable : bool
        Flush the file and its folder to disk (default). Caches that can be rebuilt pass
        False: readers still see one whole version, but a power cut may lose the last write.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _naming(exc, path) from exc
    temporary = path.parent / f".{path.name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}"
    try:
        write(temporary)
        if durable:
            _fsync_file(temporary)
        os.replace(temporary, path)
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno is not None:
            raise _naming(exc, path) from exc
        raise
    if durable:
        fsync_folder(path.parent)


def check_writable(path: Path) -> None:
    """Raise an error naming ``path`` if it cannot be written, before any work is done.

    Missing folders are fine (they are created); a file where a folder should be, or a folder
    this user may not write to, is not.

    Raises
    ------
    NotADirectoryError
        A part of the path is a file.
    PermissionError
        The nearest existing folder is not writable.
    IsADirectoryError
        ``path`` is a folder.
    """
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "this is a folder; give a file name", str(path))
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, f"{folder} is a file, not a folder", str(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, f"the folder {folder} is not writable", str(path))


def _naming(exc: OSError, path: Path) -> OSError:
    """The same kind of error, naming the file asked for (not a temporary file or a parent)."""
    if isinstance(exc, FileExistsError) and exc.filename != str(path):  # mkdir met a file
        return NotADirectoryError(errno.ENOTDIR, f"{exc.filename} is a file, not a folder",
                                  str(path))
    return type(exc)(exc.errno, exc.strerror, str(path))


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

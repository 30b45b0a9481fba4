"""Keeping the stores healthy: stale temp files, quarantined part files, state moved to data_dir."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import threading
import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path

from numista_frames.exceptions import RecoveredStoreWarning
from numista_frames.settings import Settings
from numista_frames.store.files import TEMP_SUFFIX, atomic_write

__all__ = ["QUARANTINE", "STALE_TEMP_AGE", "DataMovedWarning", "QuarantineWarning",
           "adopt_legacy_state", "open_folder", "quarantine", "remove_stale_temps"]

logger = logging.getLogger(__name__)

#: A temp file older than this was left by a writer that was killed: no live writer takes so long.
STALE_TEMP_AGE = timedelta(hours=1)
#: Folder, beside a dataset, where unreadable files are moved (never deleted).
QUARANTINE = "_quarantine"

_lock = threading.Lock()
_opened: set[Path] = set()
_adopted: set[tuple[Path, Path]] = set()


class QuarantineWarning(RecoveredStoreWarning):
    """An unreadable store file was moved aside; everything readable is still served."""


class DataMovedWarning(UserWarning):
    """State that cannot be fetched again was moved from the cache folder to ``data_dir``."""


def remove_stale_temps(folder: Path, *, now: datetime | None = None,
                       max_age: timedelta = STALE_TEMP_AGE) -> list[Path]:
    """Delete ``.<name>.<random>.tmp`` files under ``folder`` last written before ``now - max_age``.

    Such files are left by a writer killed between writing and renaming; a younger one may
    belong to a writer still at work, so it is kept.

    Returns
    -------
    list of Path
        The files deleted.
    """
    if not folder.is_dir():
        return []
    cutoff = (now or datetime.now(UTC)).timestamp() - max_age.total_seconds()
    removed = []
    for path in folder.rglob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
    if removed:
        logger.info("removed %d temp file(s) left by interrupted writes under %s",
                    len(removed), folder)
    return removed


def open_folder(folder: Path) -> None:
    """Housekeeping done the first time this process uses a store folder (stale temp files)."""
    with _lock:
        if folder in _opened:
            return
        _opened.add(folder)
    remove_stale_temps(folder)


def quarantine(path: Path, root: Path, reason: object) -> Path | None:
    """Move an unreadable file of the dataset ``root`` into ``<root's parent>/_quarantine/<root name>/``.

    The file keeps its place relative to ``root``, so it can be put back by hand; a warning
    names it. Returns where it went (None if it was already gone).
    """
    target = root.parent / QUARANTINE / root.name / path.relative_to(root)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    except FileNotFoundError:
        return None  # another reader moved it first
    except OSError as exc:
        warnings.warn(f"skipping the unreadable file {path} ({reason}); it could not be moved "
                      f"aside: {exc}", QuarantineWarning, stacklevel=3)
        return None
    warnings.warn(f"skipping the unreadable file {path} ({reason}); moved it to {target}. "
                  "Every other observation is still read.", QuarantineWarning, stacklevel=3)
    return target


def adopt_legacy_state(settings: Settings) -> list[str]:
    """Move a price history and a quota ledger from ``cache_dir`` (their old place) to ``data_dir``.

    Done once per (cache_dir, data_dir) per process. The history folder is renamed in one step
    when the new place is empty, else merged file by file (part files have unique names);
    the ledger moves only when no ledger exists yet in ``data_dir``. A
    :class:`DataMovedWarning` says what moved where.

    Returns
    -------
    list of str
        One line per thing moved (empty when there was nothing to move).
    """
    pair = (settings.cache_dir, settings.data_dir)
    with _lock:
        if pair in _adopted:
            return []
        _adopted.add(pair)
    if settings.cache_dir.resolve() == settings.data_dir.resolve():
        return []
    moved = []
    old_history = settings.cache_dir / settings.history_path.name
    if old_history.is_dir() and _move_dataset(old_history, settings.history_path):
        moved.append(f"the price history from {old_history} to {settings.history_path}")
    old_ledger = settings.cache_dir / settings.ledger_path.name
    if old_ledger.is_file():
        if settings.ledger_path.exists():
            logger.warning("an old quota ledger remains at %s; the ledger in use is %s",
                           old_ledger, settings.ledger_path)
        else:
            _move_ledger(old_ledger, settings.ledger_path)
            moved.append(f"the quota ledger from {old_ledger} to {settings.ledger_path}")
    if moved:
        warnings.warn(f"numista_frames moved {' and '.join(moved)}: what cannot be fetched again "
                      "now lives in data_dir (NUMISTA_FRAMES_DATA_DIR), which cache cleaners and "
                      "clear_cache() never touch.", DataMovedWarning, stacklevel=3)
    return moved


def _move_dataset(old: Path, new: Path) -> bool:
    """Rename ``old`` to ``new`` (atomic) or merge its files into ``new``; True if anything moved."""
    new.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(old)
    if not new.exists():
        try:
            os.rename(old, new)
            return True
        except OSError:
            pass  # another file system (or a race): merge file by file below
    files = sorted(p for p in old.rglob("*") if p.is_file() and not p.name.endswith(TEMP_SUFFIX))
    for path in files:
        _move_file(path, new / path.relative_to(old))
    _remove_empty_folders(old)
    return bool(files)


def _remove_empty_folders(root: Path) -> None:
    """Remove ``root`` and its folders if empty; a file written meanwhile (by another process
    still using the old place) is kept, never deleted, and moved on a later run."""
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        with contextlib.suppress(OSError):
            folder.rmdir()
    with contextlib.suppress(OSError):
        root.rmdir()


def _move_file(path: Path, target: Path) -> None:
    """Move one file: a rename on one file system, else an atomic copy then delete."""
    if target.exists():
        path.unlink()
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(path, target)
    except OSError:
        atomic_write(target, lambda temporary: shutil.copyfile(path, temporary))
        path.unlink()


def _move_ledger(old: Path, new: Path) -> None:
    """Fold the ledger's write-ahead log into the file, then move the one file."""
    with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(old)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _move_file(old, new)
    log = Path(f"{old}-wal")  # still there only if the checkpoint failed: it holds rows
    if log.exists():
        _move_file(log, Path(f"{new}-wal"))
    Path(f"{old}-shm").unlink(missing_ok=True)

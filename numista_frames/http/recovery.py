"""Damaged SQLite stores (HTTP cache, quota ledger): recognised, moved aside, never deleted."""

from __future__ import annotations

import sqlite3
import warnings
from datetime import UTC, datetime
from pathlib import Path

from numista_frames.exceptions import RecoveredStoreWarning

__all__ = ["is_corruption", "move_aside"]

#: What SQLite says of a file that is not (or no longer) a database; "locked" or "disk I/O
#: error" are passing conditions, not damage, and never move a file.
_DAMAGE = ("file is not a database", "database disk image is malformed", "file is encrypted",
           "malformed database schema", "unsupported file format")


def is_corruption(exc: BaseException) -> bool:
    """Whether an SQLite error means the file itself is damaged.

    Examples
    --------
    >>> is_corruption(sqlite3.DatabaseError("file is not a database"))
    True
    >>> is_corruption(sqlite3.OperationalError("database is locked"))
    False
    """
    return isinstance(exc, sqlite3.DatabaseError) and any(
        text in str(exc).lower() for text in _DAMAGE)


def move_aside(path: Path, what: str, *, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its WAL files) to ``<name>.corrupt-<UTC timestamp>``.

    A fresh file is then created by its next user. One :class:`RecoveredStoreWarning` says what
    happened and where the old file went; nothing is deleted, so it can still be inspected.

    Parameters
    ----------
    path : Path
        The damaged SQLite file.
    what : str
        What it held, for the warning (``"HTTP cache"``, ``"quota ledger"``).
    now : datetime, optional
        The time in the new name (default: now, UTC).

    Returns
    -------
    Path
        Where the file went.
    """
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    if path.exists():
        path.rename(aside)
    for suffix in ("-wal", "-shm", "-journal"):  # kept beside it, under names SQLite won't reuse
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            sidecar.rename(path.with_name(f"{sidecar.name}.corrupt-{stamp}"))
    warnings.warn(f"the {what} at {path} was damaged (not a readable SQLite database); it was "
                  f"moved aside to {aside.name} and a fresh one started. Nothing is lost but what "
                  "it held; you may delete the old file once you no longer need it",
                  RecoveredStoreWarning, stacklevel=2)
    return aside

"""The watchlist file: what the price tracker follows and what it learned, safe under two processes."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pandas as pd
import pyarrow.parquet as pq

from numista_frames.store.files import atomic_write
from numista_frames.store.frame_cache import to_table

__all__ = ["COLUMNS", "KEY", "WatchState", "Watchlist", "conform", "empty_resources"]

#: One row per watched price resource (type_id, issue_id, currency) and what the tracker knows.
#: ``weight`` NaN means "the price level"; ``prices`` is the last observation as JSON
#: ``{grade: price}``; ``unchanged_days`` and ``changed_intervals`` (JSON list of days) are
#: the change-rate estimator's sufficient statistics; ``source`` says why it is watched
#: (``issue``, ``type``, ``collection:<id>`` or ``collection:me``).
COLUMNS: dict[str, str] = {
    "type_id": "int64",
    "issue_id": "int64",
    "currency": "string",
    "weight": "float64",
    "quantity": "float64",
    "source": "string",
    "added_at": "datetime64[ns, UTC]",
    "last_checked": "datetime64[ns, UTC]",
    "last_changed": "datetime64[ns, UTC]",
    "checks": "int64",
    "changes": "int64",
    "unchanged_days": "float64",
    "changed_intervals": "string",
    "prices": "string",
}
KEY = ["type_id", "issue_id", "currency"]
_MISSING: dict[str, Any] = {"int64": 0, "float64": float("nan"), "datetime64[ns, UTC]": pd.NaT}
_META_KEY = b"numista_frames_watchlist"


def empty_resources() -> pd.DataFrame:
    """A resources table with every column and no row."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in COLUMNS.items()})


@dataclass
class WatchState:
    """Everything in the watchlist file.

    Attributes
    ----------
    resources : DataFrame
        One row per watched price resource (columns :data:`COLUMNS`).
    types : dict
        Watched types (all their issues), by type id as a string: ``currency``, ``weight``,
        ``added_at`` and ``discovered_at`` (ISO times; None until the issue list is known).
    collections : dict
        Watched collections by id as a string (``"me"``: the key's whole collection):
        ``currency``, ``weight``, ``added_at``, ``listed_at``.
    spent : dict
        Requests the tracker spent per ``YYYY-MM`` (of the runs' ``now``).
    """

    resources: pd.DataFrame = field(default_factory=empty_resources)
    types: dict[str, dict[str, Any]] = field(default_factory=dict)
    collections: dict[str, dict[str, Any]] = field(default_factory=dict)
    spent: dict[str, int] = field(default_factory=dict)


class Watchlist:
    """The watchlist at ``path`` (a Parquet file), read and changed under a lock file beside it.

    Every change is a read-modify-write inside :meth:`update`, holding an exclusive lock on
    ``<path>.lock`` (``fcntl`` on POSIX, ``msvcrt`` on Windows), and each write is atomic
    (:func:`numista_frames.store.files.atomic_write`): two processes adding entries at once
    both see their entries kept, and a crash leaves the old file or the new one.

    Parameters
    ----------
    path : pathlib.Path
        The file (``Settings.watchlist_path``); created on the first change.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def lock_path(self) -> Path:
        """The lock file beside the watchlist."""
        return self.path.with_name(self.path.name + ".lock")

    def read(self) -> WatchState:
        """The current state (empty when there is no file yet); takes no lock (a file is
        replaced whole, so a reader sees one version)."""
        try:
            table = pq.read_table(self.path)
        except FileNotFoundError:
            return WatchState()
        meta = json.loads((table.schema.metadata or {}).get(_META_KEY, b"{}"))
        frame = table.to_pandas()
        resources = conform(frame)
        return WatchState(resources, dict(meta.get("types", {})),
                          dict(meta.get("collections", {})),
                          {k: int(v) for k, v in meta.get("spent", {}).items()})

    def write(self, state: WatchState) -> None:
        """Replace the file with ``state`` (atomically); call it inside :meth:`locked`."""
        meta = {"types": state.types, "collections": state.collections, "spent": state.spent}
        table = to_table(conform(state.resources), attrs={})
        metadata = dict(table.schema.metadata or {})
        metadata[_META_KEY] = json.dumps(meta, default=str).encode()
        table = table.replace_schema_metadata(metadata)
        atomic_write(self.path, lambda temporary: pq.write_table(table, temporary))

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the exclusive lock (other processes' :meth:`update` wait)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+b") as handle:
            _lock(handle)
            try:
                yield
            finally:
                _unlock(handle)

    def update(self, change: Callable[[WatchState], WatchState | None]) -> WatchState:
        """Read, change and write the state under the lock; returns the state written.

        ``change`` may modify the state in place (returning None) or return a new one.
        """
        with self.locked():
            state = self.read()
            changed = change(state)
            state = state if changed is None else changed
            self.write(state)
        return state


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """The resources table with exactly :data:`COLUMNS`, in order, with their dtypes."""
    out = empty_resources() if frame.empty else frame.copy()
    for name, dtype in COLUMNS.items():
        if name not in out.columns:
            out[name] = pd.Series(_MISSING.get(dtype, pd.NA), index=out.index, dtype=dtype)
    out = out.loc[:, list(COLUMNS)]
    for name in ("checks", "changes"):
        out[name] = out[name].fillna(0)
    return out.astype(COLUMNS).reset_index(drop=True)


if os.name == "posix":
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
else:  # pragma: no cover - Windows
    import msvcrt
    import time

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        while True:
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
                return
            except OSError:
                time.sleep(0.05)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]

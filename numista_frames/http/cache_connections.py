"""The client's own connections to the HTTP cache file: a pool of read-only ones, one for the
writer thread.

requests-cache shares one SQLite connection between all threads of a session, under one lock.
A thread holding that lock while SQLite runs gives up the GIL, and may wait milliseconds to get
it back while the others queue behind it. Here no Python lock is held while SQLite runs: a
reader takes an idle connection of the pool (or opens one) and puts it back (WAL lets readers
go on while one writes), and the writer thread writes on its own.

Readers open the file read-only. A read-only connection, unlike a read-write one, never deletes
``<file>-wal`` when it closes, so one left open on a damaged file that was set aside can never
delete the fresh file's WAL by its name. The write connection is closed before a damaged file
is set aside (:meth:`CacheConnections.reset`).
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any

from numista_frames.http.write_behind import insert_batch

__all__ = ["CacheConnections"]

#: What reading a cache file says while it is being made again after a damaged one was set aside.
_BEING_MADE = re.compile(r"no such table|unable to open database file")
#: How long a statement waits for another process's write to end.
BUSY_TIMEOUT = 30.0


class CacheConnections:
    """Connections to one HTTP cache file (its tables made by requests-cache).

    Parameters
    ----------
    path : pathlib.Path
        The SQLite file; it exists (the session made it) before the first read or write.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._resolved: Path | None = None
        self._generation = 0
        self._pid = os.getpid()
        self._lock = threading.Lock()  # the pool of readers (never held while SQLite runs)
        self._write_lock = threading.Lock()  # the write connection (held through a commit)
        self._writer: sqlite3.Connection | None = None
        self._idle: list[sqlite3.Connection] = []  # read-only, each used by one thread at a time

    @property
    def file(self) -> Path:
        """The file's absolute, resolved path: one name for it in the process, however the
        cache dir was spelled (its writer queue and the batches watching it go by it)."""
        if self._resolved is None:
            self._resolved = self.path.resolve()
        return self._resolved

    def read(self, table: str, key: str) -> bytes | None:
        """The value of ``key`` in ``table``, on a read-only connection of the pool."""
        row = self._on_reader(f"SELECT value FROM {table} WHERE key=?", (key,))
        return None if not row else bytes(row[0][0])

    def keys(self, table: str, limit: int) -> set[str] | None:
        """Every key of ``table``, or None if it holds more than ``limit`` (reading them all
        would cost more than it saves); an empty set while the file is not made yet."""
        rows = self._on_reader(f"SELECT key FROM {table} LIMIT ?", (limit + 1,))
        return None if len(rows) > limit else {key for (key,) in rows}

    def _on_reader(self, sql: str, params: tuple[object, ...]) -> list[tuple[Any, ...]]:
        """The rows of a query run on a read-only connection of the pool (none while the file
        or its table is not made yet)."""
        if self._pid != os.getpid():
            self.reset()
        with self._lock:
            generation = self._generation
            con = self._idle.pop() if self._idle else None
        try:
            if con is None:
                con = sqlite3.connect(f"{self.file.as_uri()}?mode=ro", uri=True,
                                      timeout=BUSY_TIMEOUT, check_same_thread=False)
            rows = con.execute(sql, params).fetchall()
        except BaseException as exc:
            if con is not None:
                con.close()  # read-only: closing it never touches the file
            if isinstance(exc, sqlite3.OperationalError) and _BEING_MADE.search(str(exc)):
                return []  # set aside and not yet made again: nothing cached
            raise
        with self._lock:
            if generation == self._generation and self._pid == os.getpid():
                self._idle.append(con)
                con = None
        if con is not None:  # the file was reset meanwhile: this one saw the old file
            con.close()
        return rows

    def write(self, table: str, rows: list[tuple[str, bytes, int]]) -> None:
        """Insert or replace ``(key, value, expires)`` rows of ``table`` in one transaction."""
        if self._pid != os.getpid():
            self.reset()
        with self._write_lock:
            con = self._writer
            if con is None:
                con = self._writer = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT,
                                                     isolation_level=None,
                                                     check_same_thread=False)
                con.execute("PRAGMA synchronous=NORMAL")  # as requests-cache's: WAL, a cache
            insert_batch(con, f"INSERT OR REPLACE INTO {table} (key,value,expires) "
                         "VALUES (?,?,?)", rows)

    def reset(self) -> None:
        """Close every connection (before the file is set aside, and when the client closes);
        the next read or write opens new ones. A connection left open would keep SQLite's view
        of the old file alive in this process, and the next opener of that path would share it.
        """
        with self._write_lock, self._lock:
            if self._pid == os.getpid():  # a forked child never closes its parent's connections
                for con in [*self._idle, *filter(None, [self._writer])]:
                    con.close()
            self._idle, self._writer, self._pid = [], None, os.getpid()
            self._generation += 1

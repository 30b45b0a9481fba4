"""Answers on their way into the HTTP cache: queued by the request threads, written in batches
by one thread per cache file.

A write to the cache's SQLite file usually takes tens of microseconds, and now and then, when the
disk is busy, tens of milliseconds. Behind a writer thread neither holds up a request: each
request thread hands its row over and goes on, and the writer commits whatever has piled up in
one transaction. Until a row is committed it is answered from here, so nothing fetched is ever
fetched again in this process; the loaders wait for the writer before they return
(:meth:`CacheWriter.flush`), and so does interpreter exit.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

__all__ = ["CacheWriter", "Row", "RowSink", "flush_all", "writer_for"]

logger = logging.getLogger(__name__)

#: ``(cache key, pickled row, expires as a Unix time)``, as requests-cache's table holds them.
Row = tuple[str, bytes, int]
#: How long the writer thread waits for more rows before it ends (a new row starts it again).
IDLE_SECONDS = 2.0


class RowSink(Protocol):
    """Who writes a batch of rows into the cache file (the client that fetched them)."""

    def _write_rows(self, rows: list[Row]) -> None: ...


class CacheWriter:
    """The queue of rows for one HTTP cache file, and the thread that writes them.

    Parameters
    ----------
    name : str
        Shown in the thread's name and in log messages.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._reset()

    def _reset(self) -> None:
        self._pid = os.getpid()
        self._cond = threading.Condition(threading.Lock())
        self._pending: dict[str, tuple[RowSink, bytes, int]] = {}
        self._writing: dict[str, tuple[RowSink, bytes, int]] = {}
        self._thread: threading.Thread | None = None

    def _check_fork(self) -> None:
        if self._pid != os.getpid():  # a forked child: the parent's thread and rows are not ours
            self._reset()

    def submit(self, sink: RowSink, row: Row) -> None:
        """Queue ``row`` for ``sink`` to write; returns at once."""
        self._check_fork()
        key, blob, expires = row
        with self._cond:
            self._pending[key] = (sink, blob, expires)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name=f"numista-frames-cache-writer {self.name}")
                self._thread.start()
            else:
                self._cond.notify_all()

    def get(self, key: str) -> bytes | None:
        """The row of ``key`` while it waits to be written, else None."""
        self._check_fork()
        with self._cond:
            entry = self._pending.get(key) or self._writing.get(key)
        return None if entry is None else entry[1]

    def __len__(self) -> int:
        with self._cond:
            return len(self._pending) + len(self._writing)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued row is written (or has failed and been logged).

        Returns False if ``timeout`` seconds passed first.
        """
        self._check_fork()
        if threading.current_thread() is self._thread:
            return not self._pending
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._writing, timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                if not self._pending and not self._cond.wait_for(lambda: bool(self._pending),
                                                                  IDLE_SECONDS):
                    self._thread = None
                    return
                batch, self._pending = self._pending, {}
                self._writing = batch
            try:
                self._write(batch)
            finally:
                with self._cond:
                    self._writing = {}
                    self._cond.notify_all()

    def _write(self, batch: dict[str, tuple[RowSink, bytes, int]]) -> None:
        by_sink: dict[int, tuple[RowSink, list[Row]]] = {}
        for key, (sink, blob, expires) in batch.items():
            by_sink.setdefault(id(sink), (sink, []))[1].append((key, blob, expires))
        for sink, rows in by_sink.values():
            try:
                sink._write_rows(rows)
            except Exception:  # the answers were returned all the same; the thread goes on
                logger.exception("could not store %d answers in the HTTP cache %s", len(rows),
                                 self.name)


_writers: dict[Path, CacheWriter] = {}
_writers_lock = threading.Lock()


def writer_for(path: Path) -> CacheWriter:
    """The process's writer of the cache file at ``path`` (one per file, shared by clients)."""
    with _writers_lock:
        writer = _writers.get(path)
        if writer is None:
            writer = _writers[path] = CacheWriter(str(path))
        return writer


def flush_all(timeout: float | None = 30.0, *, on_timeout: Callable[[CacheWriter], None]
              | None = None) -> None:
    """Wait for every writer of the process (run at interpreter exit)."""
    with _writers_lock:
        writers = list(_writers.values())
    for writer in writers:
        if not writer.flush(timeout) and on_timeout is not None:
            on_timeout(writer)


def _warn_unwritten(writer: CacheWriter) -> None:
    logger.warning("%d answers were not yet in the HTTP cache %s at exit", len(writer),
                   writer.name)


atexit.register(flush_all, on_timeout=_warn_unwritten)

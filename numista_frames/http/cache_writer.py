"""Answers on their way into the HTTP cache: one :class:`~.write_behind.WriteBehind` per cache
file, shared by the clients of the process.

Each request thread hands its row over and goes on; the writer commits whatever has piled up in
one transaction. Until a row is committed it is answered from the queue
(:meth:`~.write_behind.WriteBehind.get`), so nothing fetched is fetched again in this process.

A batch of requests may take the keys of the file once, when it begins (:class:`Presence`), and
read the file only for those: every key this process queues meanwhile is added to them, so an
answer written since is still read.
"""

from __future__ import annotations

import logging
import threading
import weakref
from pathlib import Path
from typing import Any, Protocol

from numista_frames.http.write_behind import WriteBehind, shared

__all__ = ["Presence", "Row", "RowSink", "announce", "queue_row", "queued_row", "watch",
           "writer_for"]

logger = logging.getLogger(__name__)

#: ``(cache key, pickled row, expires as a Unix time)``, as requests-cache's table holds them.
Row = tuple[str, bytes, int]


class RowSink(Protocol):
    """Who writes a batch of rows into the cache file (the client that fetched them)."""

    def _write_rows(self, rows: list[Row]) -> None: ...


def _write(items: list[tuple[RowSink, Row]]) -> None:
    """Each client's rows in one call (its session, its handling of a damaged file)."""
    by_sink: dict[int, tuple[RowSink, list[Row]]] = {}
    for sink, row in items:
        by_sink.setdefault(id(sink), (sink, []))[1].append(row)
    for sink, rows in by_sink.values():
        try:
            sink._write_rows(rows)
        except Exception:  # the answers were returned all the same; the others are written
            logger.exception("could not store %d answers in the HTTP cache", len(rows))


def writer_for(path: Path) -> WriteBehind:
    """The process's queue of rows for the cache file at ``path``.

    Submit ``(sink, row)`` under the row's cache key: a newer answer replaces one still queued.
    """
    return shared(f"HTTP cache {path}", _write)


def queued_row(path: Path, key: str) -> bytes | None:
    """The pickled row of ``key`` while it waits to be written to ``path``, else None."""
    item: Any = writer_for(path).get(key)
    return None if item is None else item[1][1]


def queue_row(path: Path, sink: RowSink, row: Row) -> None:
    """Hand ``row`` to the writer of ``path`` (``sink`` writes it), telling the batches watching
    the file (:func:`announce`).

    Both under the watchers' lock: a batch that begins meanwhile (:func:`watch`) either is told
    or finds the row in the queue.
    """
    with _watchers_lock:
        _announce(path, row[0])
        writer_for(path).submit(row[0], (sink, row))


def announce(path: Path, key: str) -> None:
    """Let every batch watching ``path`` (:func:`watch`) know that ``key`` is on its way there."""
    with _watchers_lock:
        _announce(path, key)


def _announce(path: Path, key: str) -> None:
    for presence in _watchers.get(path, ()):
        presence.keys.add(key)


class Presence:
    """The keys of a cache file when a batch began, and those this process queued since.

    A key not among them is not in the file, so a read of the file for it can be spared; an
    answer another process writes into the file during the batch is not seen by it (fetched
    again, as when two processes fetch the same answers at once).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.keys: set[str] = set()

    def __contains__(self, key: object) -> bool:
        return key in self.keys


_watchers: dict[Path, weakref.WeakSet[Presence]] = {}
_watchers_lock = threading.Lock()


def watch(path: Path) -> Presence:
    """A :class:`Presence` of ``path`` holding the keys queued for it now, and learning every
    key queued from now on; add the file's own keys to it after this call (a key leaves the
    queue only once it is in the file), so that none is missed."""
    presence = Presence(path)
    with _watchers_lock:
        _watchers.setdefault(path, weakref.WeakSet()).add(presence)
        presence.keys.update(str(key) for key in writer_for(path).queued_keys())
    return presence

"""Answers on their way into the HTTP cache: one :class:`~.write_behind.WriteBehind` per cache
file, shared by the clients of the process.

Each request thread hands its row over and goes on; the writer commits whatever has piled up in
one transaction. Until a row is committed it is answered from the queue
(:meth:`~.write_behind.WriteBehind.get`), so nothing fetched is fetched again in this process.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Protocol

from numista_frames.http.write_behind import WriteBehind, shared

__all__ = ["Row", "RowSink", "queued_row", "writer_for"]

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

"""Writes handed to a thread of their own: queued by any thread at no cost, written in batches.

A commit to a SQLite file usually takes tens of microseconds, and now and then, when the disk is
busy, tens of milliseconds; a thread that waits for it while holding a lock (or for the GIL to
come back after it) holds up every thread behind it. Behind a :class:`WriteBehind` no request
waits for the disk. Items stay readable (:meth:`WriteBehind.get`) until written; whoever needs
them on disk calls :meth:`WriteBehind.flush` (the loaders before they return, readers of the
file, ``close``), and interpreter exit flushes every queue.
"""

from __future__ import annotations

import atexit
import logging
import os
import sqlite3
import threading
import weakref
from collections.abc import Callable, Hashable, Sequence
from typing import Any

__all__ = ["GATHER_SECONDS", "IDLE_SECONDS", "WriteBehind", "flush_all", "insert_batch", "shared"]

logger = logging.getLogger(__name__)

#: How long a writer thread waits for more items before it ends (the next item starts one).
IDLE_SECONDS = 2.0
#: How long the writer lets items gather once one is queued, unless someone waits for them: one
#: wake-up of the thread and one commit for the many items of a burst of requests, rather than
#: one each (every wake-up takes the GIL from the threads that are making requests).
GATHER_SECONDS = 0.01


class WriteBehind:
    """A queue of items and the thread that hands them, in batches, to ``write``.

    Parameters
    ----------
    name : str
        Shown in the thread's name and in log messages.
    write : callable
        Called with a list of queued values (in the order queued) from the writer thread; what
        it raises is logged and the thread goes on.

    Notes
    -----
    Items are keyed: a value queued under a key already waiting replaces it (the newer answer
    wins). Give each item its own key (a counter) to keep them all.
    """

    def __init__(self, name: str, write: Callable[[list[Any]], None]) -> None:
        self.name = name
        self._write = write
        self._reset()
        _ALL.add(self)

    def _reset(self) -> None:
        self._pid = os.getpid()
        self._cond = threading.Condition(threading.Lock())
        self._pending: dict[Hashable, Any] = {}
        self._writing: dict[Hashable, Any] = {}
        self._thread: threading.Thread | None = None
        self._sleeping = False  # the thread waits for items: a new one must wake it
        self._flushing = 0  # threads waiting in flush(): the thread stops gathering
        self._submitted = 0  # items queued so far
        self._done = 0  # of those, how many were written (or failed) by now

    def _check_fork(self) -> None:
        if self._pid != os.getpid():  # a forked child: the parent's thread and items are not ours
            self._reset()

    def submit(self, key: Hashable, value: Any) -> None:
        """Queue ``value`` under ``key``; returns at once."""
        self._check_fork()
        with self._cond:
            self._pending[key] = value
            self._submitted += 1
            if self._thread is not None:
                if self._sleeping:
                    self._cond.notify_all()
                return
            thread = threading.Thread(target=self._run, daemon=True,
                                      name=f"numista-frames-writer {self.name}")
            try:
                thread.start()
            except RuntimeError:  # no new thread at interpreter shutdown: written here instead
                pass
            else:
                self._thread = thread
                return
        self._run(once=True)

    def get(self, key: Hashable) -> Any:
        """The value queued under ``key`` while it waits to be written, else None."""
        self._check_fork()
        with self._cond:
            value = self._pending.get(key)
            return self._writing.get(key) if value is None else value

    def queued_keys(self) -> list[Hashable]:
        """The keys of every item queued or being written now."""
        self._check_fork()
        with self._cond:
            return [*self._pending, *self._writing]

    def __len__(self) -> int:
        with self._cond:
            return len(self._pending) + len(self._writing)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every item queued before this call is written (or has failed and been
        logged); items queued meanwhile by other threads are not waited for.

        Returns False if ``timeout`` seconds passed first. From the writer thread itself (a
        ``write`` that reads what it writes to), returns at once.
        """
        self._check_fork()
        if threading.current_thread() is self._thread:
            return False
        with self._cond:
            target = self._submitted
            self._flushing += 1
            self._cond.notify_all()
            try:
                return self._cond.wait_for(lambda: self._done >= target, timeout)
            finally:
                self._flushing -= 1

    def _run(self, *, once: bool = False) -> None:
        while True:
            with self._cond:
                if not self._pending and (once or not self._sleep()):
                    if not once:
                        self._thread = None
                    return
                if not once:  # let a burst gather: a flush, or exit, cuts this short
                    self._cond.wait_for(lambda: self._flushing > 0, GATHER_SECONDS)
                batch, self._pending = self._pending, {}
                self._writing = batch
                taken = self._submitted
            try:
                self._write(list(batch.values()))
            except Exception:  # what was queued was used all the same; the thread goes on
                logger.exception("could not write %d items to %s", len(batch), self.name)
            finally:
                with self._cond:
                    self._writing = {}
                    self._done = max(self._done, taken)
                    self._cond.notify_all()

    def _sleep(self) -> bool:
        """Wait (holding the condition) for an item; False after :data:`IDLE_SECONDS` without."""
        self._sleeping = True
        try:
            return self._cond.wait_for(lambda: bool(self._pending), IDLE_SECONDS)
        finally:
            self._sleeping = False


def insert_batch(con: sqlite3.Connection, statement: str, rows: Sequence[Sequence[Any]]) -> None:
    """Run ``statement`` for every row in one transaction on an autocommit connection
    (``isolation_level=None``); on any failure, commit included, nothing of it stays."""
    con.execute("BEGIN IMMEDIATE")
    try:
        con.executemany(statement, rows)
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise


_ALL: weakref.WeakSet[WriteBehind] = weakref.WeakSet()
_SHARED: dict[str, WriteBehind] = {}
_SHARED_LOCK = threading.Lock()


def shared(name: str, write: Callable[[list[Any]], None]) -> WriteBehind:
    """The process's one queue called ``name`` (a store and its file), made with ``write`` the
    first time it is asked for: every writer of the file queues there, every reader waits there.
    """
    with _SHARED_LOCK:
        queue = _SHARED.get(name)
        if queue is None:
            queue = _SHARED[name] = WriteBehind(name, write)
        return queue


def flush_all(timeout: float | None = 30.0, *, when: str = "at exit") -> None:
    """Wait for every queue of the process (at interpreter exit, and as a loader returns);
    ``when`` goes in the warning about a queue still not written after ``timeout`` seconds."""
    for queue in list(_ALL):
        if not queue.flush(timeout):
            logger.warning("%d items were not yet written to %s %s (the disk is slow or stalled)",
                           len(queue), queue.name, when)


atexit.register(flush_all)

"""The quota ledger: every request that really reaches the network, in SQLite (thread- and process-safe)."""

from __future__ import annotations

import hashlib
import html
import itertools
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

from numista_frames.http.recovery import is_corruption, move_aside
from numista_frames.http.write_behind import insert_batch, shared
from numista_frames.settings import DEFAULT_API_URL

__all__ = ["OUTCOMES", "QuotaLedger", "QuotaStatus", "is_local_api", "key_id", "month_bounds"]

logger = logging.getLogger(__name__)
T = TypeVar("T")

#: How an attempt ended, as far as the quota is concerned.
#: "quota_spent": the API answered 429 "Quota exceeded" (it says the month is spent).
OUTCOMES = ("answered", "no_answer", "not_sent", "quota_spent")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS requests (
    ts       TEXT    NOT NULL,   -- UTC, ISO 8601
    key_id   TEXT    NOT NULL,   -- sha256 of the API key, first 16 hex digits (never the key)
    method   TEXT    NOT NULL,
    endpoint TEXT    NOT NULL,   -- e.g. "types", "prices", "collected_items"
    family   TEXT    NOT NULL,   -- "catalogue", "prices", "user", "oauth", "image_search"
    status   INTEGER,            -- HTTP status; NULL when no answer arrived
    outcome  TEXT    NOT NULL,   -- "answered", "no_answer" (sent, then timeout or dropped
                                 -- connection: probably billed) or "not_sent" (no connection)
    api      TEXT    NOT NULL DEFAULT ''   -- the API URL the request went to
);
CREATE INDEX IF NOT EXISTS requests_key_ts ON requests (key_id, ts);
CREATE TABLE IF NOT EXISTS events (
    ts     TEXT NOT NULL,       -- UTC, ISO 8601
    kind   TEXT NOT NULL,       -- "restarted" (a damaged ledger was set aside) or "unrecorded"
    detail TEXT NOT NULL DEFAULT ''
);
"""
#: Added after the first release: ledgers written before it hold requests of one API (api '').
_MIGRATIONS = ("ALTER TABLE requests ADD COLUMN api TEXT NOT NULL DEFAULT ''",)


def key_id(api_key: str | None) -> str:
    """A stable, non-reversible id of an API key (the key itself never reaches the disk).

    Examples
    --------
    >>> key_id("abc") == key_id("abc") != key_id("abd")
    True
    """
    return hashlib.sha256((api_key or "").encode()).hexdigest()[:16]


def is_local_api(api_url: str) -> bool:
    """Whether an API URL is on this machine (a fake, a proxy): never the real month's quota.

    Examples
    --------
    >>> is_local_api("http://127.0.0.1:8765/v3"), is_local_api("https://api.numista.com/v3")
    (True, False)
    """
    host = (urlsplit(api_url).hostname or "").lower()
    return host in ("localhost", "::1") or host.startswith("127.")


def month_bounds(now: datetime) -> tuple[datetime, datetime]:
    """Start of this UTC calendar month and start of the next.

    Examples
    --------
    >>> [d.isoformat() for d in month_bounds(datetime(2026, 12, 5, tzinfo=UTC))]
    ['2026-12-01T00:00:00+00:00', '2027-01-01T00:00:00+00:00']
    """
    now = now.astimezone(UTC)
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(
        month=start.month + 1
    )
    return start, end


@dataclass(frozen=True)
class QuotaStatus:
    """Requests spent by one key on one API in one UTC calendar month, as the local ledger saw them.

    Attributes
    ----------
    used : int
        Requests that reached the server this month (any status, or none when the answer
        was lost after sending; attempts that could not connect are not counted).
    limit : int
        The monthly quota in the settings.
    month : str
        ``YYYY-MM`` (UTC).
    resets_at : datetime
        When the month ends (UTC).
    spent_per_api : bool
        The API itself answered "Quota exceeded" this month (then nothing is left, whatever
        the local count: requests from other machines count too).
    api : str
        The API URL these requests went to (each API has its own count: a fake on this
        machine never spends the real month).
    uncertain : bool
        The count may understate use: this month the ledger was found damaged and restarted,
        or a request could not be recorded.
    """

    used: int
    limit: int
    month: str
    resets_at: datetime
    spent_per_api: bool = False
    api: str = ""
    uncertain: bool = False

    @property
    def remaining(self) -> int:
        """Requests left this month (never negative; 0 once the API said the quota is spent)."""
        return 0 if self.spent_per_api else max(0, self.limit - self.used)

    def __str__(self) -> str:
        text = (f"{self.used} of {self.limit} requests used in {self.month} (UTC), "
                f"{self.remaining} remaining; resets {self.resets_at:%Y-%m-%d %H:%M} UTC")
        if self.api:
            text += f" [{self.api}{' (this machine)' if is_local_api(self.api) else ''}]"
        if self.spent_per_api:
            text += " (the API answered 'Quota exceeded': the month's quota is spent)"
        if self.uncertain:
            text += (" (uncertain: the ledger restarted or missed a request this month, so "
                     "more may have been used)")
        return text

    def __repr__(self) -> str:
        return (f"QuotaStatus(used={self.used}, limit={self.limit}, remaining={self.remaining}, "
                f"month={self.month!r}, api={self.api!r}, uncertain={self.uncertain})")

    def _repr_html_(self) -> str:
        rows = [("used", self.used), ("limit", self.limit), ("remaining", self.remaining),
                ("month (UTC)", self.month), ("resets", f"{self.resets_at:%Y-%m-%d %H:%M} UTC"),
                ("API", self.api or "?")]
        body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>"
                       for k, v in rows)
        return f"<p>{html.escape(str(self))}</p><table>{body}</table>"


class QuotaLedger:
    """Append-only record of network requests, shared by threads and processes.

    Rows are queued (:meth:`record` returns at once) and written in batches by a thread of
    their own, on one SQLite connection per process (WAL journal, busy timeout); many processes
    can write at once without losing a row. Reads, :meth:`close` and interpreter exit wait for
    the queue first, so a count always includes every request this process made. The file
    and its folder are created on first use, never in the constructor. A damaged file is moved
    aside (``<name>.corrupt-<UTC timestamp>``, never deleted) and a fresh ledger started; the
    month's count is then marked uncertain.

    Parameters
    ----------
    path : pathlib.Path
        The SQLite file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        # One connection per process, used under one lock: a write is one short insert, and
        # when a damaged file is replaced no other thread still holds a connection to it (an
        # old connection closing later would delete the new file's WAL by name).
        self._lock = threading.RLock()
        self._con: sqlite3.Connection | None = None
        self._pid = 0
        self._ready = False
        # Rows are written by a thread of their own, in batches: a request thread never holds
        # the lock across a commit (nor waits for the GIL inside one) while others queue.
        # One queue per file in a process, whichever object wrote: every reader sees it all.
        self._queue = shared(f"quota ledger {path}", self._write_rows)

    @classmethod
    def at(cls, path: Path) -> QuotaLedger:
        """The process's ledger for ``path`` (one per file, so its connection is reused)."""
        with _LEDGERS_LOCK:
            ledger = _LEDGERS.get(path)
            if ledger is None:
                ledger = _LEDGERS[path] = cls(path)
            return ledger

    def _run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` on the connection; a damaged file is set aside and the work redone."""
        with self._lock:
            try:
                return work(self._connect())
            except sqlite3.DatabaseError as exc:
                if not is_corruption(exc):
                    raise
            if self._replace():
                self._connect().execute(
                    "INSERT INTO events (ts, kind, detail) VALUES (?, ?, ?)",
                    (_iso(datetime.now(UTC)), "restarted", "a damaged ledger was set aside"))
            return work(self._connect())

    def _connect(self) -> sqlite3.Connection:
        if self._con is not None:
            if self._pid == os.getpid():
                return self._con
            _INHERITED.append(self._con)  # a forked child never closes its parent's connection
        if not self._ready:
            self._create()
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None,
                              check_same_thread=False)
        con.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable at each checkpoint
        self._con, self._pid = con, os.getpid()
        return con

    def close(self) -> None:
        """Write what is queued and close this process's connection (the next use opens a new
        one)."""
        self.flush()
        self._close()

    def _close(self) -> None:
        with self._lock:
            if self._con is not None and self._pid == os.getpid():
                self._con.close()
            self._con = None

    def _create(self) -> None:
        """Create the file and its tables; another process doing the same at once is waited for
        (switching to WAL can answer "locked" at once, without SQLite's busy wait)."""
        deadline = time.monotonic() + 30
        while True:
            try:
                return self._create_once()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _create_once(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=30)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable at each checkpoint
            con.executescript(f"BEGIN;\n{_SCHEMA}\nCOMMIT;")  # one transaction, one flush
            columns = {row[1] for row in con.execute("PRAGMA table_info(requests)")}
            if "api" not in columns:
                for statement in _MIGRATIONS:
                    try:
                        con.execute(statement)
                    except sqlite3.OperationalError as exc:  # another process migrated it first
                        if "duplicate column" not in str(exc):
                            raise
            con.commit()
        finally:
            con.close()
        self._ready = True

    def _replace(self) -> bool:
        """Set a damaged ledger aside and start a fresh one (the caller holds the lock).

        Returns whether this call replaced it (``False``: another process already had).
        """
        self._close()
        if self.path.exists() and self._healthy():
            return False
        self._ready = False
        if self.path.exists():
            move_aside(self.path, "quota ledger")
        self._create()
        return True

    def _healthy(self) -> bool:
        """Whether the file reads as a ledger now (a busy database is not a damaged one)."""
        try:
            con = sqlite3.connect(self.path, timeout=30)
            try:
                con.execute("SELECT COUNT(*) FROM requests").fetchone()
                return True
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:
            return not is_corruption(exc)

    def _event(self, kind: str, detail: str) -> None:
        self._run(lambda con: con.execute("INSERT INTO events (ts, kind, detail) VALUES (?, ?, ?)",
                                          (_iso(datetime.now(UTC)), kind, detail)))

    def record(
        self, *, key: str, method: str, endpoint: str, family: str, status: int | None,
        outcome: str | None = None, when: datetime | None = None, api: str = "",
    ) -> None:
        """Append one request (``key`` is the hashed :func:`key_id`, never the key).

        ``outcome`` defaults to ``"answered"`` when a status is given, else ``"no_answer"``;
        ``api`` is the API URL the request went to.
        """
        outcome = outcome or ("answered" if status is not None else "no_answer")
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}; got {outcome!r}")
        ts = _iso(when or datetime.now(UTC))
        self._queue.submit(next(_SEQ), (ts, key, method, endpoint, family, status, outcome, api))

    def flush(self) -> None:
        """Wait until every request recorded in this process is in the file (reads do)."""
        self._queue.flush()

    def _write_rows(self, rows: list[tuple[object, ...]]) -> None:
        """The writer thread's batch, in one transaction; a failure is logged and the month
        marked uncertain (the requests were made all the same)."""
        try:
            self._run(lambda con: insert_batch(
                con, "INSERT INTO requests (ts, key_id, method, endpoint, family, status, "
                "outcome, api) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows))
        except (sqlite3.Error, OSError) as exc:
            logger.warning("could not record %d requests in the quota ledger %s: %s; this "
                           "month's count is marked uncertain", len(rows), self.path, exc)
            self.mark_unrecorded(f"{len(rows)} requests: {exc}")

    def mark_unrecorded(self, detail: str) -> None:
        """A request went out but could not be recorded: this month's count is uncertain."""
        try:
            self._event("unrecorded", detail)
        except (sqlite3.Error, OSError) as exc:
            _UNRECORDED.add(str(self.path))  # remembered for this process at least
            logger.warning("could not mark the quota ledger %s uncertain: %s", self.path, exc)

    def used(self, key: str, *, now: datetime | None = None, api: str | None = None) -> int:
        """Requests that reached the server this UTC month (every one but those never sent)."""
        self.flush()
        if not self.path.exists():
            return 0
        start, end = month_bounds(now or datetime.now(UTC))
        query = ("SELECT COUNT(*) FROM requests WHERE key_id = ? AND ts >= ? AND ts < ? "
                 "AND outcome != 'not_sent'")
        args: tuple[str, ...] = (key, _iso(start), _iso(end))
        query, args = _of_api(query, args, api)
        (count,) = self._run(lambda con: con.execute(query, args).fetchone())
        return int(count)

    def status(self, key: str, limit: int, *, now: datetime | None = None,
               api: str | None = None) -> QuotaStatus:
        """Used / limit / remaining for this UTC calendar month (of one API, when given).

        Waits for this process's queued rows (:meth:`used`, called first, does).
        """
        now = now or datetime.now(UTC)
        start, end = month_bounds(now)
        return QuotaStatus(self.used(key, now=now, api=api), limit, f"{start:%Y-%m}", end,
                           self._spent_per_api(key, start, end, api), api or "",
                           self._uncertain(start, end))

    def _spent_per_api(self, key: str, start: datetime, end: datetime, api: str | None) -> bool:
        if not self.path.exists():
            return False
        query = ("SELECT 1 FROM requests WHERE key_id = ? AND ts >= ? AND ts < ? "
                 "AND outcome = 'quota_spent'")
        args: tuple[str, ...] = (key, _iso(start), _iso(end))
        query, args = _of_api(query, args, api)
        row = self._run(lambda con: con.execute(query + " LIMIT 1", args).fetchone())
        return row is not None

    def _uncertain(self, start: datetime, end: datetime) -> bool:
        if str(self.path) in _UNRECORDED:
            return True
        if not self.path.exists():
            return False
        row = self._run(lambda con: con.execute(
            "SELECT 1 FROM events WHERE ts >= ? AND ts < ? LIMIT 1", (_iso(start), _iso(end))
        ).fetchone())
        return row is not None

    def last_write(self, key: str, family: str = "user") -> datetime | None:
        """When this key last sent a POST/PATCH/DELETE to an endpoint of ``family``."""
        self.flush()
        if not self.path.exists():
            return None
        (ts,) = self._run(lambda con: con.execute(
            "SELECT MAX(ts) FROM requests WHERE key_id = ? AND family = ? "
            "AND method IN ('POST', 'PATCH', 'DELETE') AND outcome != 'not_sent'",
            (key, family)).fetchone())
        return None if ts is None else datetime.fromisoformat(ts)

    def rows(self, key: str | None = None) -> list[tuple[str, str, str, str, str, int | None, str]]:
        """Every recorded request (ts, key_id, method, endpoint, family, status, outcome)."""
        self.flush()
        if not self.path.exists():
            return []
        query = "SELECT ts, key_id, method, endpoint, family, status, outcome FROM requests"
        args: tuple[str, ...] = ()
        if key is not None:
            query, args = query + " WHERE key_id = ?", (key,)
        return self._run(lambda con: list(con.execute(query + " ORDER BY ts", args)))


#: Ledgers of this process that missed a request and could not even note it.
_UNRECORDED: set[str] = set()
_LEDGERS: dict[Path, QuotaLedger] = {}
#: Connections inherited across a fork, kept open (closing one could end the parent's WAL).
_INHERITED: list[sqlite3.Connection] = []
_LEDGERS_LOCK = threading.Lock()
_SEQ = itertools.count()  # each row its own key in a queue: none replaces another


def _of_api(query: str, args: tuple[str, ...], api: str | None) -> tuple[str, tuple[str, ...]]:
    """Narrow a query to one API; rows from before the ledger knew APIs count for the real one."""
    if api is None:
        return query, args
    if api == DEFAULT_API_URL:
        return query + " AND api IN (?, '')", (*args, api)
    return query + " AND api = ?", (*args, api)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="microseconds")

"""The quota ledger: every request that really reaches the network, in SQLite (thread- and process-safe)."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["OUTCOMES", "QuotaLedger", "QuotaStatus", "key_id", "month_bounds"]

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
    outcome  TEXT    NOT NULL    -- "answered", "no_answer" (sent, then timeout or dropped
                                 -- connection: probably billed) or "not_sent" (no connection)
);
CREATE INDEX IF NOT EXISTS requests_key_ts ON requests (key_id, ts);
"""


def key_id(api_key: str | None) -> str:
    """A stable, non-reversible id of an API key (the key itself never reaches the disk).

    Examples
    --------
    >>> key_id("abc") == key_id("abc") != key_id("abd")
    True
    """
    return hashlib.sha256((api_key or "").encode()).hexdigest()[:16]


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
    """Requests spent by one key in one UTC calendar month, as the local ledger saw them.

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
    """

    used: int
    limit: int
    month: str
    resets_at: datetime
    spent_per_api: bool = False

    @property
    def remaining(self) -> int:
        """Requests left this month (never negative; 0 once the API said the quota is spent)."""
        return 0 if self.spent_per_api else max(0, self.limit - self.used)

    def __str__(self) -> str:
        text = (f"{self.used} of {self.limit} requests used in {self.month} (UTC), "
                f"{self.remaining} remaining; resets {self.resets_at:%Y-%m-%d %H:%M} UTC")
        if self.spent_per_api:
            text += " (the API answered 'Quota exceeded': the month's quota is spent)"
        return text


class QuotaLedger:
    """Append-only record of network requests, shared by threads and processes.

    Every call opens its own short SQLite connection (WAL journal, busy timeout), so the
    ledger is safe to use from many threads and processes at once. The file and its folder
    are created on first write, never in the constructor.

    Parameters
    ----------
    path : pathlib.Path
        The SQLite file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ready = False
        self._init_lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            with self._init_lock:
                if not self._ready:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    with closing(sqlite3.connect(self.path, timeout=30)) as con:
                        con.execute("PRAGMA journal_mode=WAL")
                        con.executescript(_SCHEMA)
                    self._ready = True
        return sqlite3.connect(self.path, timeout=30, isolation_level=None)

    def record(
        self, *, key: str, method: str, endpoint: str, family: str, status: int | None,
        outcome: str | None = None, when: datetime | None = None,
    ) -> None:
        """Append one request (``key`` is the hashed :func:`key_id`, never the key).

        ``outcome`` defaults to ``"answered"`` when a status is given, else ``"no_answer"``.
        """
        outcome = outcome or ("answered" if status is not None else "no_answer")
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}; got {outcome!r}")
        ts = (when or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")
        with closing(self._connect()) as con:
            con.execute(
                "INSERT INTO requests (ts, key_id, method, endpoint, family, status, outcome) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (ts, key, method, endpoint, family, status, outcome),
            )

    def used(self, key: str, *, now: datetime | None = None) -> int:
        """Requests that reached the server this UTC month (every one but those never sent)."""
        if not self.path.exists():
            return 0
        start, end = month_bounds(now or datetime.now(UTC))
        with closing(self._connect()) as con:
            (count,) = con.execute(
                "SELECT COUNT(*) FROM requests WHERE key_id = ? AND ts >= ? AND ts < ? "
                "AND outcome != 'not_sent'",
                (key, start.isoformat(timespec="microseconds"), end.isoformat(timespec="microseconds")),
            ).fetchone()
        return int(count)

    def status(self, key: str, limit: int, *, now: datetime | None = None) -> QuotaStatus:
        """Used / limit / remaining for this UTC calendar month."""
        now = now or datetime.now(UTC)
        start, end = month_bounds(now)
        return QuotaStatus(self.used(key, now=now), limit, f"{start:%Y-%m}", end,
                           self._spent_per_api(key, start, end))

    def _spent_per_api(self, key: str, start: datetime, end: datetime) -> bool:
        if not self.path.exists():
            return False
        with closing(self._connect()) as con:
            row = con.execute(
                "SELECT 1 FROM requests WHERE key_id = ? AND ts >= ? AND ts < ? "
                "AND outcome = 'quota_spent' LIMIT 1",
                (key, start.isoformat(timespec="microseconds"),
                 end.isoformat(timespec="microseconds"))).fetchone()
        return row is not None

    def last_write(self, key: str, family: str = "user") -> datetime | None:
        """When this key last sent a POST/PATCH/DELETE to an endpoint of ``family``."""
        if not self.path.exists():
            return None
        with closing(self._connect()) as con:
            (ts,) = con.execute(
                "SELECT MAX(ts) FROM requests WHERE key_id = ? AND family = ? "
                "AND method IN ('POST', 'PATCH', 'DELETE') AND outcome != 'not_sent'",
                (key, family)).fetchone()
        return None if ts is None else datetime.fromisoformat(ts)

    def rows(self, key: str | None = None) -> list[tuple[str, str, str, str, str, int | None, str]]:
        """Every recorded request (ts, key_id, method, endpoint, family, status, outcome)."""
        if not self.path.exists():
            return []
        query = "SELECT ts, key_id, method, endpoint, family, status, outcome FROM requests"
        args: tuple[str, ...] = ()
        if key is not None:
            query, args = query + " WHERE key_id = ?", (key,)
        with closing(self._connect()) as con:
            return list(con.execute(query + " ORDER BY ts", args))

"""The quota ledger: records, monthly counts, threads and processes."""

from __future__ import annotations

import multiprocessing
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from numista_frames.http.ledger import QuotaLedger, key_id, month_bounds


def _record(ledger: QuotaLedger, key: str, when: datetime, status: int | None = 200,
            outcome: str | None = None) -> None:
    ledger.record(key=key, method="GET", endpoint="types", family="catalogue", status=status,
                  outcome=outcome, when=when)


def test_ledger__counts_this_utc_month_for_this_key(tmp_path: Path) -> None:
    ledger = QuotaLedger(tmp_path / "q.sqlite")
    me, other = key_id("mine"), key_id("other")
    _record(ledger, me, datetime(2026, 10, 31, 23, 59, 59, tzinfo=UTC))
    _record(ledger, me, datetime(2026, 11, 1, 0, 0, 0, tzinfo=UTC))
    _record(ledger, me, datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC))
    _record(ledger, me, datetime(2026, 11, 15, tzinfo=UTC), status=None)  # sent, answer lost
    _record(ledger, me, datetime(2026, 11, 16, tzinfo=UTC), None, "not_sent")  # never connected
    _record(ledger, other, datetime(2026, 11, 15, tzinfo=UTC))
    status = ledger.status(me, 2000, now=datetime(2026, 11, 26, tzinfo=UTC))
    assert (status.used, status.limit, status.remaining, status.month) == (3, 2000, 1997, "2026-11")
    assert status.resets_at == datetime(2026, 12, 1, tzinfo=UTC)
    assert "3 of 2000 requests used in 2026-11" in str(status)
    outcomes = [row[6] for row in ledger.rows(me)]
    assert outcomes == ["answered", "answered", "no_answer", "not_sent", "answered"]


def test_ledger__remaining_never_negative(tmp_path: Path) -> None:
    ledger = QuotaLedger(tmp_path / "q.sqlite")
    now = datetime(2026, 11, 26, tzinfo=UTC)
    for _ in range(3):
        _record(ledger, "k", now)
    assert ledger.status("k", 2, now=now).remaining == 0


def test_ledger__constructor_and_reads_create_nothing(tmp_path: Path) -> None:
    ledger = QuotaLedger(tmp_path / "sub" / "q.sqlite")
    assert ledger.used("k") == 0 and ledger.rows() == []
    assert not (tmp_path / "sub").exists()


def test_ledger__never_holds_the_key(tmp_path: Path) -> None:
    ledger = QuotaLedger(tmp_path / "q.sqlite")
    _record(ledger, key_id("VERY-SECRET-KEY"), datetime.now(UTC))
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert b"VERY-SECRET-KEY" not in raw


def test_month_bounds__december_rolls_over() -> None:
    start, end = month_bounds(datetime(2026, 12, 31, 23, 0, tzinfo=UTC))
    assert (start, end) == (datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))


def test_ledger__many_threads(tmp_path: Path) -> None:
    ledger = QuotaLedger(tmp_path / "q.sqlite")
    now = datetime.now(UTC)
    threads = [threading.Thread(target=lambda: [_record(ledger, "k", now) for _ in range(25)])
               for _ in range(8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert ledger.used("k", now=now) == 200


def _write_many(path: str, n: int) -> None:
    ledger = QuotaLedger(Path(path))
    for _ in range(n):
        _record(ledger, "k", datetime.now(UTC))


@pytest.mark.slow
def test_ledger__many_processes(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_many, args=(str(path), 40)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert QuotaLedger(path).used("k") == 160


def test_ledger__the_apis_quota_answer_means_nothing_is_left(tmp_path: Path) -> None:
    ledger = QuotaLedger(tmp_path / "q.sqlite")
    now = datetime(2026, 11, 26, tzinfo=UTC)
    _record(ledger, "k", now)
    assert ledger.status("k", 2000, now=now).remaining == 1999
    _record(ledger, "k", now, status=429, outcome="quota_spent")
    status = ledger.status("k", 2000, now=now)
    assert (status.used, status.remaining, status.spent_per_api) == (2, 0, True)
    assert "Quota exceeded" in str(status)
    assert ledger.status("k", 2000, now=datetime(2026, 12, 1, tzinfo=UTC)).remaining == 2000

"""The quota ledger: records, monthly counts, threads and processes."""

from __future__ import annotations

import multiprocessing
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from numista_frames.http.ledger import QuotaLedger, key_id, month_bounds
from numista_frames.testing import FakeNumista

from .conftest import make_client, run_stalled_until_exit


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


def test_ledger__counts_per_api_and_a_fake_never_spends_the_real_month(tmp_path: Path) -> None:
    ledger = QuotaLedger(tmp_path / "q.sqlite")
    key = key_id("k")
    for api in ("http://127.0.0.1:8765/v3", "http://127.0.0.1:8765/v3", "https://api.numista.com/v3"):
        ledger.record(key=key, method="GET", endpoint="types", family="catalogue", status=200, api=api)
    real = ledger.status(key, 2000, api="https://api.numista.com/v3")
    fake = ledger.status(key, 2000, api="http://127.0.0.1:8765/v3")
    assert (real.used, fake.used) == (1, 2)
    assert "api.numista.com" in str(real) and "this machine" in str(fake)
    assert "<table>" in fake._repr_html_() and "used=2" in repr(fake)


def test_ledger__an_unrecorded_request_makes_the_month_uncertain(tmp_path: Path) -> None:
    ledger = QuotaLedger(tmp_path / "q.sqlite")
    key = key_id("k")
    ledger.record(key=key, method="GET", endpoint="types", family="catalogue", status=200)
    assert ledger.status(key, 2000).uncertain is False
    ledger.mark_unrecorded("types: disk I/O error")
    status = ledger.status(key, 2000)
    assert status.uncertain is True and "uncertain" in str(status)
    next_month = datetime(2099, 1, 15, tzinfo=UTC)
    assert ledger.status(key, 2000, now=next_month).uncertain is False


def test_ledger__a_ledger_of_the_first_release_is_migrated(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript("CREATE TABLE requests (ts TEXT NOT NULL, key_id TEXT NOT NULL, method TEXT "
                      "NOT NULL, endpoint TEXT NOT NULL, family TEXT NOT NULL, status INTEGER, "
                      "outcome TEXT NOT NULL);")
    con.execute("INSERT INTO requests VALUES (?, ?, 'GET', 'types', 'catalogue', 200, 'answered')",
                (datetime.now(UTC).isoformat(), key_id("k")))
    con.commit()
    con.close()
    ledger = QuotaLedger(path)
    assert ledger.status(key_id("k"), 2000, api="https://api.numista.com/v3").used == 1
    assert ledger.status(key_id("k"), 2000, api="http://127.0.0.1:1/v3").used == 0



def test_ledger__replaced_while_threads_hold_it__the_fresh_one_keeps_its_rows(tmp_path: Path) -> None:
    """Threads that used a ledger later found damaged leave nothing that can undo the fresh one
    (a connection to the old file, closed late, would delete ``<name>-wal`` by name)."""
    import gc
    import warnings

    from numista_frames.exceptions import RecoveredStoreWarning

    path = tmp_path / "q.sqlite"
    ledger, me = QuotaLedger(path), key_id("mine")
    now = datetime.now(UTC)  # the restart is noted at the real time
    go_on = threading.Event()

    def worker() -> None:
        _record(ledger, me, now)
        go_on.wait(10)
        _record(ledger, me, now)

    workers = [threading.Thread(target=worker) for _ in range(4)]
    for w in workers:
        w.start()
    while ledger.used(me, now=now) < 4:
        pass
    ledger.close()
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\0" * (len(data) - 100))  # the header is gone
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _record(ledger, me, now)
        ledger.flush()  # the writer notices the damage and starts afresh
    assert [w.category for w in caught] == [RecoveredStoreWarning]
    go_on.set()
    for w in workers:
        w.join()
    del workers, w
    gc.collect()  # whatever the finished threads held is released now
    _record(ledger, me, now)
    status = ledger.status(me, 2000, now=now)
    assert (status.used, status.uncertain) == (6, True)
    assert len(list(tmp_path.glob("q.sqlite.corrupt-*"))) == 1


def test_ledger__requests_never_wait_for_its_disk_and_counts_include_them(
        fake: FakeNumista, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    write_rows = QuotaLedger._write_rows

    def stalled(self: QuotaLedger, rows: list[tuple[object, ...]]) -> None:
        assert release.wait(30), "the test never released the ledger"
        write_rows(self, rows)

    monkeypatch.setattr(QuotaLedger, "_write_rows", stalled)
    with make_client(fake, tmp_path / "cache", data_dir=tmp_path / "data") as client:
        ids = [int(t["id"]) for t in client.get_types(q="dollar", count=5)["types"]]
        for tid in ids:
            client.get_type(tid)  # would hang here if a request waited for its ledger row
        release.set()
        assert client.quota().used == 6  # a read waits for what is queued


def test_ledger__a_failed_batch_is_logged_and_marks_the_month_uncertain(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import logging
    import sqlite3

    ledger = QuotaLedger(tmp_path / "q.sqlite")
    run = QuotaLedger._run
    broken = iter([True])

    def failing_once(self: QuotaLedger, work: Any) -> Any:
        if next(broken, False):
            raise sqlite3.OperationalError("disk I/O error")
        return run(self, work)

    monkeypatch.setattr(QuotaLedger, "_run", failing_once)
    with caplog.at_level(logging.WARNING, logger="numista_frames"):
        _record(ledger, "k", datetime.now(UTC))
        ledger.flush()
    assert any("could not record 1 requests" in r.getMessage() for r in caplog.records)
    assert ledger.status("k", 2000).uncertain is True


def test_ledger__process_exit_writes_what_is_queued(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite"
    run_stalled_until_exit("numista_frames.http.ledger:QuotaLedger._write_rows", f"""
from pathlib import Path
from numista_frames.http.ledger import QuotaLedger
ledger = QuotaLedger.at(Path({str(path)!r}))
for _ in range(7):
    ledger.record(key="k", method="GET", endpoint="types", family="catalogue", status=200)
assert len(ledger._queue) == 7, "written before exit"
""")
    assert QuotaLedger(path).used("k") == 7

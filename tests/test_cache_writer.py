"""The HTTP cache's writer thread: requests never wait for the disk, nothing is fetched twice,
loaders and the process return only with every answer in the file."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import numista_frames as nf
from numista_frames.http.cache_writer import Row
from numista_frames.http.client_base import ClientBase
from numista_frames.http.write_behind import WriteBehind
from numista_frames.testing import FakeNumista

from .conftest import make_client, run_stalled_until_exit


def _rows_in_file(client: nf.Client) -> int:
    con = sqlite3.connect(client.settings.http_cache_path)
    try:
        return int(con.execute("SELECT COUNT(*) FROM responses").fetchone()[0])
    finally:
        con.close()


def _type_ids(client: nf.Client, n: int) -> list[int]:
    return [int(t["id"]) for t in client.get_types(q="dollar", count=n)["types"]]


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The disk stalls: every write waits until the event is set."""
    release = threading.Event()
    insert = ClientBase._insert

    def stalled(client: Any, rows: list[Row]) -> None:
        assert release.wait(30), "the test never released the writer"
        insert(client, rows)

    monkeypatch.setattr(ClientBase, "_insert", stalled)
    yield release
    release.set()


def test_writer__requests_never_wait_for_the_disk(
        fake: FakeNumista, client: nf.Client, held: threading.Event) -> None:
    ids = _type_ids(client, 20)
    fake.clear_log()
    for tid in ids:
        client.get_type(tid)  # would hang here if a request waited for its write
    assert fake.request_count("/types/") == 20
    held.set()
    client.flush()
    assert _rows_in_file(client) == 21  # the search and the 20 types


def test_writer__an_answer_on_its_way_is_never_fetched_again(
        fake: FakeNumista, client: nf.Client, cache_dir: Path, held: threading.Event) -> None:
    tid = _type_ids(client, 1)[0]
    first = client.get_type(tid)
    fake.clear_log()
    assert client.get_type(tid) == first
    assert client.get_type(tid, cache_only=True) == first
    with make_client(fake, cache_dir) as other:  # another client of the same file
        assert other.get_type(tid) == first
        held.set()
    assert fake.request_count() == 0
    assert client.counts.cached == 2


def test_writer__a_loader_returns_with_its_answers_in_the_file(
        fake: FakeNumista, configured: FakeNumista) -> None:
    client = nf.Client()
    ids = _type_ids(client, 30)
    nf.types_df(ids, progress=False)
    assert _rows_in_file(client) == 31  # read straight from the file, no flush


def test_writer__every_loader_returns_with_its_ledger_rows_on_disk(
        cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """image_search_df makes its requests outside the common job runner: its rows are on disk
    all the same (a folder removed right after the call is not written into again)."""
    from numista_frames.http import write_behind

    monkeypatch.setattr(write_behind, "GATHER_SECONDS", 60.0)  # nothing written unasked
    picture = tmp_path / "coin.jpg"
    picture.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 200)
    with FakeNumista(image_search=True) as api:
        nf.configure(api_url=api.url, api_key=api.api_key, cache_dir=cache_dir,
                     requests_per_second=None)
        nf.image_search_df(picture, progress=False)
    con = sqlite3.connect(nf.get_settings().ledger_path)
    try:
        assert con.execute("SELECT COUNT(*) FROM requests").fetchone()[0] == 1
    finally:
        con.close()


def test_writer__a_failed_write_is_logged_and_the_thread_goes_on(
        fake: FakeNumista, client: nf.Client, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    ids = _type_ids(client, 2)
    insert = ClientBase._insert
    failures = iter([sqlite3.OperationalError("disk I/O error")])

    def once_broken(client: Any, rows: list[Row]) -> None:
        failure = next(failures, None)
        if failure is not None:
            raise failure
        insert(client, rows)

    client.flush()
    monkeypatch.setattr(ClientBase, "_insert", once_broken)
    with caplog.at_level(logging.WARNING, logger="numista_frames"):
        client.get_type(ids[0])
        client.flush()
        client.get_type(ids[1])
        client.flush()
    assert any("could not store 1 answers" in r.getMessage() and "disk I/O error"
               in r.getMessage() for r in caplog.records)
    fake.clear_log()
    client.get_type(ids[1])  # written after the failure
    assert fake.request_count() == 0


def test_writer__process_exit_writes_what_is_queued(fake: FakeNumista, cache_dir: Path) -> None:
    with make_client(fake, cache_dir) as client:
        ids = _type_ids(client, 5)
    run_stalled_until_exit("numista_frames.http.client_base:ClientBase._insert", f"""
import numista_frames as nf
from numista_frames.http.cache_writer import writer_for
client = nf.Client(api_url={fake.url!r}, api_key={fake.api_key!r}, cache_dir={str(cache_dir)!r},
                   requests_per_second=None)
for tid in {ids!r}:
    client.get_type(tid)
assert len(writer_for(client.settings.http_cache_path.resolve())) >= 4, "written before exit"
""")
    fake.clear_log()
    with make_client(fake, cache_dir) as client:
        for tid in ids:
            client.get_type(tid)
    assert fake.request_count() == 0


def _filled(name: str, n: int) -> tuple[WriteBehind, list[list[int]]]:
    """A queue that has been handed 0 .. n-1, and the batches it wrote (so far)."""
    written: list[list[int]] = []
    queue = WriteBehind(name, written.append)
    for i in range(n):
        queue.submit(i, i)
    return queue, written


def test_write_behind__keeps_order_one_thread_at_most_none_when_idle(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from numista_frames.http import write_behind

    monkeypatch.setattr(write_behind, "IDLE_SECONDS", 0.0)
    queue, written = _filled("test queue", 50)
    queue.submit(3, 3)  # queued again under a key still waiting, or written twice: never lost
    assert queue.flush(10)
    values = [v for batch in written for v in batch]
    assert sorted(set(values)) == list(range(50))
    assert [v for v in values if v != 3] == [v for v in range(50) if v != 3]  # in order
    assert queue.get(1) is None and len(queue) == 0
    assert sum("writer test queue" in t.name for t in threading.enumerate()) <= 1


def test_write_behind__a_burst_is_written_at_once_and_a_flush_cuts_the_gathering_short(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from numista_frames.http import write_behind

    monkeypatch.setattr(write_behind, "GATHER_SECONDS", 60.0)
    queue, written = _filled("burst", 20)
    assert queue.get(7) == 7  # gathering: still queued, and read from there
    assert queue.flush(10), "the flush waited for the gathering to end"
    assert written == [list(range(20))]  # one batch: one commit for the burst


def test_write_behind__a_failing_write_is_logged_and_the_next_batch_written(
        caplog: pytest.LogCaptureFixture) -> None:
    calls: list[list[str]] = []

    def write(values: list[str]) -> None:
        calls.append(values)
        if len(calls) == 1:
            raise OSError("disk I/O error")

    queue = WriteBehind("flaky", write)
    with caplog.at_level(logging.ERROR, logger="numista_frames"):
        queue.submit("a", "a")
        assert queue.flush(10)
        queue.submit("b", "b")
        assert queue.flush(10)
    assert calls == [["a"], ["b"]]
    assert any("could not write 1 items to flaky" in r.getMessage() for r in caplog.records)


def test_readers__never_wait_for_a_write_in_progress(
        fake: FakeNumista, client: nf.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from numista_frames.http.cache_connections import CacheConnections

    ids = _type_ids(client, 2)
    first = client.get_type(ids[0])
    client.flush()
    inside, release = threading.Event(), threading.Event()
    write = CacheConnections.write

    def slow_commit(self: CacheConnections, table: str, rows: list[Row]) -> None:
        with self._write_lock:  # held through a commit the disk is slow to finish
            con = sqlite3.connect(self.path, isolation_level=None)
            con.execute("BEGIN IMMEDIATE")
            inside.set()
            assert release.wait(30), "the test never released the write"
            con.execute("ROLLBACK")
            con.close()
        write(self, table, rows)

    monkeypatch.setattr(CacheConnections, "write", slow_commit)
    client.get_type(ids[1])  # its row goes to the writer, which stalls inside a transaction
    assert inside.wait(10)
    fake.clear_log()
    answers: list[Any] = []
    reader = threading.Thread(target=lambda: answers.extend(
        [client.get_type(ids[0]), client.get_type(ids[1])]))  # the second from the queue
    reader.start()
    reader.join(10)  # a reader waiting for the write would still be waiting
    done = not reader.is_alive()
    release.set()
    reader.join()
    client.flush()
    assert done, "a read waited for a write in progress"
    assert answers[0] == first and answers[1]["id"] == ids[1]
    assert fake.request_count() == 0


def test_write_behind__a_flush_waits_only_for_what_was_queued_before_it() -> None:
    gates = {"a": threading.Event(), "b": threading.Event()}
    written: list[str] = []

    def write(values: list[str]) -> None:
        for value in values:
            assert gates[value].wait(30)
            written.append(value)

    queue = WriteBehind("gated", write)
    queue.submit("a", "a")
    flushed = threading.Event()
    flusher = threading.Thread(target=lambda: (queue.flush(30), flushed.set()))
    flusher.start()
    while not (queue._writing and queue._cond._waiters):  # type: ignore[attr-defined]
        pass  # "a" is being written, and the flush waits for it
    queue.submit("b", "b")  # queued after the flush began, by someone else
    gates["a"].set()
    assert flushed.wait(10), "the flush waited for an item queued after it"
    assert written == ["a"]
    gates["b"].set()
    assert queue.flush(10) and written == ["a", "b"]
    flusher.join()


def test_write_behind__with_no_thread_to_be_had_the_caller_writes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[str] = []
    queue = WriteBehind("no threads", written.extend)

    def refuse(self: threading.Thread) -> None:
        raise RuntimeError("can't create new thread at interpreter shutdown")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    queue.submit("a", "a")  # written here and now, not lost
    assert written == ["a"] and len(queue) == 0
    assert queue.flush(1)


# -- a batch reads the file's keys once ------------------------------------------------------------

@pytest.fixture
def file_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys read from HTTP cache files one at a time."""
    from numista_frames.http.cache_connections import CacheConnections

    keys: list[str] = []
    read = CacheConnections.read

    def counted(self: CacheConnections, table: str, key: str) -> bytes | None:
        keys.append(key)
        return read(self, table, key)

    monkeypatch.setattr(CacheConnections, "read", counted)
    return keys


def test_batch_reads__a_cold_batch_reads_the_keys_once_not_the_file_per_request(
        fake: FakeNumista, configured: FakeNumista, file_reads: list[str]) -> None:
    client = nf.Client()
    ids = _type_ids(client, 20)
    client.flush()
    fake.clear_log()
    file_reads.clear()
    nf.types_df(ids, progress=False)
    assert fake.request_count("/types/") == 20
    assert file_reads == []  # every key was missing from the keys read at the start
    nf.clear_cache(kind="types")  # the frames, and the answers: all fetched again, once each
    nf.types_df(ids, progress=False)
    assert fake.request_count("/types/") == 40


def test_batch_reads__an_answer_this_process_wrote_meanwhile_is_read_not_fetched(
        fake: FakeNumista, client: nf.Client, file_reads: list[str]) -> None:
    ids = _type_ids(client, 2)
    client.flush()
    file_reads.clear()
    with client.batch_reads(10):  # the file's keys now: the search's answer alone
        other = threading.Thread(target=client.get_type, args=(ids[0],))  # not in the batch
        other.start()
        other.join()
        client.flush()  # written: no longer in the queue, and not among the keys read
        fake.clear_log()
        client.get_type(ids[0])
        assert fake.request_count() == 0, "fetched again: the batch missed a key written since"
        client.get_type(ids[1])
        assert fake.request_count() == 1
    assert len(file_reads) == 2 and len(set(file_reads)) == 1  # the first id's, by each thread


def test_batch_reads__an_answer_queued_before_the_batch_and_written_after_is_read(
        fake: FakeNumista, client: nf.Client, held: threading.Event) -> None:
    ids = _type_ids(client, 1)
    client.get_type(ids[0])  # queued; the writer stalls over it
    with client.batch_reads(10):  # the keys read now: the file has neither answer yet
        held.set()
        client.flush()  # written: no longer in the queue, and not among the file's keys read
        fake.clear_log()
        client.get_type(ids[0])
        assert fake.request_count() == 0, "fetched again: the batch missed a key then queued"


def test_batch_reads__a_file_of_many_answers_is_read_a_key_at_a_time(
        fake: FakeNumista, client: nf.Client, file_reads: list[str]) -> None:
    ids = _type_ids(client, 60)
    for tid in ids[:55]:
        client.get_type(tid)
    client.flush()
    file_reads.clear()
    with client.batch_reads(1):  # 56 answers in the file: more than 50 a request
        client.get_type(ids[59])
    assert len(file_reads) == 1

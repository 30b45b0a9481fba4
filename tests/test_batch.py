"""Concurrent batches: order, per-id failures, the quota stop."""

from __future__ import annotations

import threading
import time

import pytest

from numista_frames.exceptions import NotFoundError, QuotaExceededError, TransportError
from numista_frames.http import batch


def test_run_batch__results_in_key_order_and_failures_collected() -> None:
    def fetch(key: int) -> int:
        if key == 3:
            raise NotFoundError(404, "http://x/types/3", "nope")
        return key * 10

    result = batch.run_batch([5, 4, 3, 2, 1], fetch, workers=3, progress=False, desc="things")
    assert list(result.results.items()) == [(5, 50), (4, 40), (2, 20), (1, 10)]
    assert [k for k, _ in result.failures] == [3]


def test_run_batch__quota_stops_and_says_how_many_are_left() -> None:
    started = []
    lock = threading.Lock()

    def fetch(key: int) -> int:
        with lock:
            started.append(key)
        if key == 2:
            raise QuotaExceededError(429, "http://x", "Quota exceeded")
        time.sleep(0.005)
        return key

    with pytest.raises(QuotaExceededError, match=r"of 50 things were not fetched") as info:
        batch.run_batch(list(range(50)), fetch, workers=3, progress=False, desc="things")
    assert info.value.status_code == 429
    assert len(started) <= 6, "what had not started when the quota ran out never starts"
    left = int(str(info.value).split("spent: ")[1].split(" of")[0])
    assert left == 50 - (len(started) - 1), "every key that ran, but the one that hit the quota"


def test_run_batch__an_unreachable_api_stops_the_batch() -> None:
    def fetch(key: int) -> int:
        raise TransportError("connection refused", connected=False)

    with pytest.raises(TransportError, match="refused"):
        batch.run_batch(list(range(20)), fetch, workers=2, progress=False, desc="things")


def test_run_batch__other_errors_stop_the_batch() -> None:
    def fetch(key: int) -> int:
        raise ValueError("a bug")

    with pytest.raises(ValueError, match="a bug"):
        batch.run_batch([1, 2], fetch, workers=2, progress=False, desc="things")


def test_run_batch__empty() -> None:
    assert batch.run_batch([], lambda k: k, workers=4, progress=None, desc="x").results == {}


# -- early: the first answers worked on while the last are in flight ---------------------------------

def test_run_batch__early_gets_the_first_keys_done_in_order_while_the_last_are_in_flight() -> None:
    keys = list(range(20, 0, -1))
    last = threading.Event()  # the last three keys answer only once early has run
    seen: list[tuple[list[int], bool]] = []

    def fetch(key: int) -> int:
        if key == 15:
            raise NotFoundError(404, "http://x/types/15", "nope")  # one id: the batch goes on
        if key <= 3:
            assert last.wait(10), "early never ran"
        return key * 10

    def early(done: dict[int, int]) -> None:
        seen.append((list(done), not last.is_set()))
        last.set()

    result = batch.run_batch(keys, fetch, workers=3, progress=False, desc="things", early=early)
    [(early_keys, in_flight)] = seen
    assert in_flight, "early ran after the last answers came"
    assert early_keys == [k for k in keys if k > 3 and k != 15]  # in key order, the failed left out
    assert list(result.results) == [k for k in keys if k != 15]  # all of them in the result too
    assert [k for k, _ in result.failures] == [15]


def test_run_batch__early_is_skipped_when_the_batch_stops_or_is_small() -> None:
    called: list[dict[int, int]] = []

    def quota(key: int) -> int:
        if key == 1:
            raise QuotaExceededError(429, "http://x", "Quota exceeded")
        time.sleep(0.002)
        return key

    with pytest.raises(QuotaExceededError):
        batch.run_batch(list(range(30)), quota, workers=3, progress=False, desc="things",
                        early=called.append)
    batch.run_batch([1, 2], lambda k: k, workers=3, progress=False, desc="things",
                    early=called.append)  # all of it in flight at once: nothing to overlap
    assert called == []


@pytest.mark.parametrize("with_early", [False, True])
def test_run_batch__the_progress_bar_moves_as_answers_come(
        with_early: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not only at the end (nor only once the last are in flight, with early): one worker, and
    key 5 answers only once the bar shows the five before it."""
    shown = threading.Event()
    got: list[dict[int, int]] = []

    class Bar:
        count = 0

        def update(self, n: int) -> None:
            self.count += n
            if self.count == 5:
                shown.set()

        def close(self) -> None:
            pass

    monkeypatch.setattr(batch, "_bar", lambda total, progress, desc: Bar())

    def fetch(key: int) -> int:
        if key == 5:
            assert shown.wait(10), "the bar did not move as answers came"
        return key

    result = batch.run_batch(list(range(10)), fetch, workers=1, progress=True, desc="things",
                             early=got.append if with_early else None)
    assert list(result.results) == list(range(10))
    assert len(got) == int(with_early)
    if with_early:  # at least the nine before the last (which may be done by then too)
        assert list(got[0])[:9] == list(range(9))

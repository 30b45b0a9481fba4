"""The concurrency caps and the adaptive rate."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable

from numista_frames.http import throttle as t


def _peak_concurrency(slot: Callable[[], object], threads: int = 12, calls: int = 5) -> int:
    active, peak, lock = 0, 0, threading.Lock()

    def work() -> None:
        nonlocal active, peak
        for _ in range(calls):
            with slot():  # type: ignore[attr-defined]
                with lock:
                    active += 1
                    peak = max(peak, active)
                time.sleep(0.002)
                with lock:
                    active -= 1

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    return peak


def test_client_slot__cap_holds_across_threads() -> None:
    client = t.ClientThrottle(t.AccountThrottle(None), max_concurrent=3)
    assert _peak_concurrency(client.slot) == 3


def test_account_slot__two_clients_of_one_account_never_pass_ten() -> None:
    account = t.AccountThrottle(None)
    a, b = t.ClientThrottle(account, 8), t.ClientThrottle(account, 8)
    active, peak, lock = 0, 0, threading.Lock()

    def work(client: t.ClientThrottle) -> None:
        nonlocal active, peak
        for _ in range(5):
            with client.slot():
                with lock:
                    active += 1
                    peak = max(peak, active)
                time.sleep(0.003)
                with lock:
                    active -= 1

    pool = [threading.Thread(target=work, args=(c,)) for c in [a, b] * 10]
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    assert peak == t.MAX_CONCURRENT_CAP


def test_throttled__halves_the_rate_once_per_cooldown_down_to_a_floor() -> None:
    now = [0.0]
    account = t.AccountThrottle(8.0, clock=lambda: now[0])
    account.throttled()
    account.throttled()  # same burst: ignored
    assert account.rate == 4.0
    for _ in range(10):
        now[0] += t.DECREASE_COOLDOWN
        account.throttled()
    assert account.rate == t.MIN_RATE


def test_throttled__without_a_ceiling_starts_from_the_account_cap() -> None:
    account = t.AccountThrottle(None)
    account.throttled()
    assert account.rate == t.MAX_CONCURRENT_CAP * t.DECREASE_FACTOR


def test_succeeded__recovers_gradually_after_quiet_periods() -> None:
    now = [0.0]
    account = t.AccountThrottle(8.0, clock=lambda: now[0])
    account.throttled()
    now[0] += t.DECREASE_COOLDOWN
    account.throttled()
    assert account.rate == 2.0
    account.succeeded()
    assert account.rate == 2.0, "no recovery before RECOVERY_SECONDS"
    rates = []
    for _ in range(5):
        now[0] += t.RECOVERY_SECONDS
        account.succeeded()
        rates.append(account.rate)
    assert rates == [3.0, 4.5, 6.75, 8.0, 8.0]


def test_succeeded__unlimited_throttle_returns_to_no_ceiling() -> None:
    now = [0.0]
    account = t.AccountThrottle(None, clock=lambda: now[0])
    account.throttled()
    for _ in range(4):
        now[0] += t.RECOVERY_SECONDS
        account.succeeded()
    assert account.rate is None


class _FakeTime:
    """A clock and a sleep that advances it: pacing is checked without waiting."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_pacing__none_by_default_then_spaced_after_a_throttle() -> None:
    fake = _FakeTime()
    account = t.AccountThrottle(None, clock=fake.clock, sleep=fake.sleep)
    for _ in range(20):
        with account.slot():
            pass
    assert fake.slept == [], "no ceiling: nothing but the concurrency cap holds requests back"
    account.throttled()  # 10 -> 5 requests/s
    starts = []
    for _ in range(6):
        with account.slot():
            starts.append(fake.now)
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(starts)]
    assert gaps == [0.2] * 5


def test_pacing__a_lower_rate_applies_to_the_next_start() -> None:
    fake = _FakeTime()
    account = t.AccountThrottle(2.0, clock=fake.clock, sleep=fake.sleep)
    for _ in range(2):
        with account.slot():
            pass
    assert fake.now == 0.5  # the second start waited half a second
    account.set_ceiling(1.0)
    with account.slot():
        pass
    assert fake.now == 1.0  # spaced from the last start at the rate in force then


def test_throttle_pause__never_zero() -> None:
    pauses = [t.throttle_pause(0.5) for _ in range(50)]
    assert min(pauses) >= 0.25 and max(pauses) <= 0.75


def test_account_throttle__one_per_key_and_the_lowest_ceiling_wins() -> None:
    a = t.account_throttle("http://x/v3", "k-lowest", 10.0)
    assert t.account_throttle("http://x/v3", "k-lowest", 10.0) is a
    assert t.account_throttle("http://x/v3", "other", 10.0) is not a
    assert t.account_throttle("http://x/v3", "k-lowest", 5.0) is a
    assert a.ceiling == 5.0 and a.rate == 5.0
    t.account_throttle("http://x/v3", "k-lowest", 20.0)  # a later, higher ceiling does not win
    t.account_throttle("http://x/v3", "k-lowest", None)
    assert a.ceiling == 5.0 and a.rate == 5.0

"""The concurrency caps and the adaptive rate."""

from __future__ import annotations

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


def test_rate_change__keeps_the_calls_already_made_in_the_window() -> None:
    account = t.AccountThrottle(2.0)
    for _ in range(2):
        with account.slot():
            pass
    account.set_ceiling(1.0)
    start = time.monotonic()
    with account.slot():
        pass
    assert time.monotonic() - start > 0.5, "a lower rate must not start from an empty window"


def test_window__whole_calls_per_period() -> None:
    assert t._window(10.0) == (10, 1.0)
    assert t._window(2.5) == (2, 0.8)
    assert t._window(0.5) == (1, 2.0)


def test_throttle_pause__never_zero() -> None:
    pauses = [t.throttle_pause(0.5) for _ in range(50)]
    assert min(pauses) >= 0.25 and max(pauses) <= 0.75


def test_account_throttle__one_per_key_latest_ceiling_wins() -> None:
    a = t.account_throttle("http://x/v3", "k", 10.0)
    assert t.account_throttle("http://x/v3", "k", 10.0) is a
    assert t.account_throttle("http://x/v3", "other", 10.0) is not a
    assert t.account_throttle("http://x/v3", "k", 5.0) is a
    assert a.ceiling == 5.0 and a.rate == 5.0

"""The concurrency cap and the adaptive rate."""

from __future__ import annotations

import threading
import time

from numista_frames import throttle as t


def test_slot__cap_holds_across_threads() -> None:
    throttle = t.AdaptiveThrottle(max_concurrent=3, requests_per_second=None)
    active, peak, lock = 0, 0, threading.Lock()

    def work() -> None:
        nonlocal active, peak
        for _ in range(5):
            with throttle.slot():
                with lock:
                    active += 1
                    peak = max(peak, active)
                time.sleep(0.002)
                with lock:
                    active -= 1

    threads = [threading.Thread(target=work) for _ in range(12)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert peak == 3


def test_throttled__halves_the_rate_down_to_a_floor() -> None:
    throttle = t.AdaptiveThrottle(max_concurrent=4, requests_per_second=8.0)
    throttle.throttled()
    assert throttle.rate == 4.0
    for _ in range(10):
        throttle.throttled()
    assert throttle.rate == t.MIN_RATE


def test_throttled__without_a_ceiling_starts_from_twice_the_concurrency() -> None:
    throttle = t.AdaptiveThrottle(max_concurrent=4, requests_per_second=None)
    throttle.throttled()
    assert throttle.rate == 4.0


def test_succeeded__recovers_gradually_after_quiet_periods() -> None:
    now = [0.0]
    throttle = t.AdaptiveThrottle(max_concurrent=4, requests_per_second=8.0, clock=lambda: now[0])
    throttle.throttled()
    throttle.throttled()
    assert throttle.rate == 2.0
    throttle.succeeded()
    assert throttle.rate == 2.0, "no recovery before RECOVERY_SECONDS"
    rates = []
    for _ in range(5):
        now[0] += t.RECOVERY_SECONDS
        throttle.succeeded()
        rates.append(throttle.rate)
    assert rates == [3.0, 4.5, 6.75, 8.0, 8.0]


def test_succeeded__unlimited_throttle_returns_to_no_ceiling() -> None:
    now = [0.0]
    throttle = t.AdaptiveThrottle(max_concurrent=2, requests_per_second=None, clock=lambda: now[0])
    throttle.throttled()
    for _ in range(4):
        now[0] += t.RECOVERY_SECONDS
        throttle.succeeded()
    assert throttle.rate is None


def test_window__whole_calls_per_period() -> None:
    assert t._window(10.0) == (10, 1.0)
    assert t._window(2.5) == (2, 0.8)
    assert t._window(0.5) == (1, 2.0)


def test_shared_throttle__one_per_key_and_limits() -> None:
    a = t.shared_throttle("http://x/v3", "k", 4, 10.0)
    assert t.shared_throttle("http://x/v3", "k", 4, 10.0) is a
    assert t.shared_throttle("http://x/v3", "other", 4, 10.0) is not a
    assert t.shared_throttle("http://x/v3", "k", 5, 10.0) is not a

"""The throttle beneath the cache: concurrency caps plus an adaptive request-rate ceiling."""

from __future__ import annotations

import hashlib
import logging
import math
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

from ratelimit import RateLimitDecorator, sleep_and_retry

from numista_frames.settings import MAX_CONCURRENT_CAP

__all__ = ["AccountThrottle", "ClientThrottle", "account_throttle"]

logger = logging.getLogger(__name__)

#: The rate never drops below this many requests per second, however often the API throttles.
MIN_RATE = 0.5
#: After a throttle-429 the rate is multiplied by this ...
DECREASE_FACTOR = 0.5
#: ... but only once per cool-down, so a burst of simultaneous 429s counts as one signal ...
DECREASE_COOLDOWN = 1.0
#: ... and, every RECOVERY_SECONDS without another one, raised by this factor up to the ceiling.
INCREASE_FACTOR = 1.5
RECOVERY_SECONDS = 10.0


def _noop() -> None:
    return None


def _window(rate: float) -> tuple[int, float]:
    """Split a rate into ratelimit's (calls, period): whole calls per window, at least one.

    Examples
    --------
    >>> _window(10.0)
    (10, 1.0)
    >>> _window(0.5)
    (1, 2.0)
    """
    calls = max(1, math.floor(rate))
    return calls, calls / rate


class AccountThrottle:
    """What Numista limits per account: simultaneous requests (10) and, adaptively, the rate.

    Shared by every client of one key and API in the process (see :func:`account_throttle`).
    Only requests that go to the network pass through it: it sits beneath the cache.

    Parameters
    ----------
    requests_per_second : float or None
        Ceiling on the rate; ``None`` for none (an adaptive rate still applies after a 429).
    clock : callable, optional
        Monotonic clock, replaceable in tests.
    """

    def __init__(self, requests_per_second: float | None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._slots = threading.BoundedSemaphore(MAX_CONCURRENT_CAP)
        self._lock = threading.Lock()
        self._clock = clock
        self.ceiling = requests_per_second
        self._rate = requests_per_second
        self._changed_at = self._decreased_at = -math.inf
        # One limiter for the throttle's life; a rate change edits it in place, so the calls
        # already made in the current window still count.
        self._limiter = RateLimitDecorator(calls=1, period=1.0)
        self._wait = sleep_and_retry(self._limiter(_noop))
        self._apply(requests_per_second)

    @property
    def rate(self) -> float | None:
        """The rate ceiling in force now (None: no ceiling)."""
        return self._rate

    def set_ceiling(self, requests_per_second: float | None) -> None:
        """Adopt a new configured ceiling (the most recently configured client wins)."""
        with self._lock:
            if requests_per_second != self.ceiling:
                self.ceiling = requests_per_second
                self._set_rate(requests_per_second)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the account's slots, paced by the current rate, for one request."""
        with self._slots:
            if self._rate is not None:
                self._wait()
            yield

    def throttled(self) -> None:
        """The API answered throttle-429: halve the rate, once per cool-down."""
        with self._lock:
            now = self._clock()
            if now - self._decreased_at < DECREASE_COOLDOWN:
                return
            current = self._rate if self._rate is not None else float(MAX_CONCURRENT_CAP)
            self._set_rate(max(MIN_RATE, current * DECREASE_FACTOR))
            self._decreased_at = now
            logger.info("throttled by the API; pacing at %.2f requests/s", self._rate)

    def succeeded(self) -> None:
        """A request went through: recover the rate gradually towards the ceiling."""
        if self._rate == self.ceiling:
            return
        with self._lock:
            if self._rate is None or self._clock() - self._changed_at < RECOVERY_SECONDS:
                return
            raised = self._rate * INCREASE_FACTOR
            if self.ceiling is not None and raised >= self.ceiling:
                self._set_rate(self.ceiling)
            elif self.ceiling is None and raised >= MAX_CONCURRENT_CAP:
                self._set_rate(None)
            else:
                self._set_rate(raised)

    def _set_rate(self, rate: float | None) -> None:
        self._rate = rate
        self._changed_at = self._clock()
        self._apply(rate)

    def _apply(self, rate: float | None) -> None:
        if rate is None:
            return
        calls, period = _window(rate)
        with self._limiter.lock:
            self._limiter.clamped_calls = calls
            self._limiter.period = period


class ClientThrottle:
    """One client's own concurrency cap on top of its account's throttle.

    Parameters
    ----------
    account : AccountThrottle
        The shared per-account throttle.
    max_concurrent : int
        This client's cap (at most the account's 10).
    """

    def __init__(self, account: AccountThrottle, max_concurrent: int) -> None:
        self.account = account
        self.max_concurrent = max_concurrent
        self._slots = threading.BoundedSemaphore(max_concurrent)

    @property
    def rate(self) -> float | None:
        """The account's rate ceiling in force now."""
        return self.account.rate

    @contextmanager
    def slot(self) -> Iterator[None]:
        """A slot of this client and one of the account, for one network request."""
        with ExitStack() as stack:
            stack.enter_context(self._slots)
            stack.enter_context(self.account.slot())
            yield

    def throttled(self) -> None:
        """Forward a throttle-429 to the account."""
        self.account.throttled()

    def succeeded(self) -> None:
        """Forward a success to the account."""
        self.account.succeeded()


def throttle_pause(backoff_factor: float) -> float:
    """Seconds to wait before retrying a throttle-429 at least: jittered, never zero.

    urllib3's backoff is 0 before the first retry; after a throttle that would send every
    waiting thread back at once.
    """
    return backoff_factor * (0.5 + random.random())


_accounts: dict[str, AccountThrottle] = {}
_accounts_lock = threading.Lock()


def account_throttle(api_url: str, api_key: str | None,
                     requests_per_second: float | None) -> AccountThrottle:
    """The throttle of one account (API key) on one API in this process.

    Numista's limits are per key, so every client of the same key and URL shares it, whatever
    its own ``max_concurrent``. The key is only used through a hash.
    """
    name = hashlib.sha256(f"{api_url}\0{api_key or ''}".encode()).hexdigest()[:16]
    with _accounts_lock:
        throttle = _accounts.get(name)
        if throttle is None:
            throttle = _accounts[name] = AccountThrottle(requests_per_second)
    throttle.set_ceiling(requests_per_second)
    return throttle

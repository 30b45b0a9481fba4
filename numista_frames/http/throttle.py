"""The throttle beneath the cache: concurrency caps plus an adaptive request-rate ceiling."""

from __future__ import annotations

import hashlib
import logging
import math
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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


class AccountThrottle:
    """What Numista limits per account: simultaneous requests (10) and, adaptively, the rate.

    Shared by every client of one key and API in the process (see :func:`account_throttle`).
    Only requests that go to the network pass through it: it sits beneath the cache. By default
    nothing but the concurrency cap holds requests back; after a throttle-429 requests are
    spaced at an adaptive rate, which relaxes again after quiet periods.

    Parameters
    ----------
    requests_per_second : float or None
        Ceiling on the rate; ``None`` for none (an adaptive rate still applies after a 429).
    clock : callable, optional
        Monotonic clock in seconds, replaceable in tests.
    sleep : callable, optional
        How to wait, replaceable in tests (with a clock that it advances).
    """

    def __init__(self, requests_per_second: float | None, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._slots = threading.BoundedSemaphore(MAX_CONCURRENT_CAP)
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep
        self.ceiling = requests_per_second
        self._rate = requests_per_second
        self._changed_at = self._decreased_at = -math.inf
        self._next_start = -math.inf  # when the next paced request may start

    @property
    def rate(self) -> float | None:
        """The rate in force now, requests per second (None: not paced)."""
        return self._rate

    def set_ceiling(self, requests_per_second: float | None) -> None:
        """Adopt a client's configured ceiling: the lowest ceiling of the account's clients wins."""
        with self._lock:
            lowest = _lowest(self.ceiling, requests_per_second)
            if lowest != self.ceiling:
                self.ceiling = lowest
                if self._rate is None or (lowest is not None and self._rate > lowest):
                    self._set_rate(lowest)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the account's slots, paced by the current rate, for one request."""
        with self._slots:
            self._pace()
            yield

    def _pace(self) -> None:
        """Space request starts 1/rate apart on the throttle's clock (no wait when not paced)."""
        if self.rate is None:  # not paced, as by default: no lock to take
            return
        with self._lock:
            if self._rate is None:
                return
            now = self._clock()
            start = max(now, self._next_start)
            self._next_start = start + 1.0 / self._rate
        if start > now:
            self._sleep(start - now)

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
        """A request went through: relax the rate towards the ceiling after quiet periods."""
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


def _lowest(a: float | None, b: float | None) -> float | None:
    """The lower of two ceilings, None meaning no ceiling.

    Examples
    --------
    >>> _lowest(None, 5.0), _lowest(2.0, 5.0), _lowest(None, None)
    (5.0, 2.0, None)
    """
    if a is None:
        return b
    return a if b is None else min(a, b)


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
        with self._slots, self.account.slot():
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

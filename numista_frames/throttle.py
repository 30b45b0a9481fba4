"""The throttle beneath the cache: a concurrency cap plus an adaptive request-rate ceiling."""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ratelimit import limits, sleep_and_retry

__all__ = ["AdaptiveThrottle", "shared_throttle"]

logger = logging.getLogger(__name__)

#: The rate never drops below this many requests per second, however often the API throttles.
MIN_RATE = 0.5
#: After a throttle-429 the rate is multiplied by this ...
DECREASE_FACTOR = 0.5
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


class AdaptiveThrottle:
    """Caps simultaneous requests and paces them; slows down when the API throttles.

    Only requests that really go to the network pass through it (it sits beneath the
    requests-cache session), so cache hits never wait. The cap holds across threads.

    Parameters
    ----------
    max_concurrent : int
        Requests allowed in flight at once.
    requests_per_second : float or None
        Ceiling on the rate; ``None`` for none (the adaptive rate still applies after a 429).
    clock : callable, optional
        Monotonic clock, replaceable in tests.
    """

    def __init__(
        self,
        max_concurrent: int,
        requests_per_second: float | None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_concurrent = max_concurrent
        self.ceiling = requests_per_second
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._lock = threading.Lock()
        self._clock = clock
        self._rate: float | None = requests_per_second
        self._changed_at = clock()
        self._limiter = self._make_limiter(requests_per_second)

    @property
    def rate(self) -> float | None:
        """The rate ceiling in force now (None: no ceiling)."""
        return self._rate

    @staticmethod
    def _make_limiter(rate: float | None) -> Callable[[], None] | None:
        if rate is None:
            return None
        calls, period = _window(rate)
        limiter: Callable[[], None] = sleep_and_retry(limits(calls=calls, period=period)(_noop))
        return limiter

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the concurrent slots, paced by the current rate, for one request."""
        with self._slots:
            limiter = self._limiter
            if limiter is not None:
                limiter()
            yield

    def throttled(self) -> None:
        """The API answered throttle-429: halve the rate (not below ``MIN_RATE``)."""
        with self._lock:
            current = self._rate if self._rate is not None else float(self.max_concurrent) * 2
            self._set_rate(max(MIN_RATE, current * DECREASE_FACTOR))
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
            elif self.ceiling is None and raised >= self.max_concurrent * 2:
                self._set_rate(None)
            else:
                self._set_rate(raised)

    def _set_rate(self, rate: float | None) -> None:
        self._rate = rate
        self._changed_at = self._clock()
        self._limiter = self._make_limiter(rate)


_shared: dict[str, AdaptiveThrottle] = {}
_shared_lock = threading.Lock()


def shared_throttle(
    api_url: str, api_key: str | None, max_concurrent: int, requests_per_second: float | None
) -> AdaptiveThrottle:
    """The throttle for one account and API in this process, shared by every client of it.

    Numista's limits are per key, so clients with the same key, URL and limits share one
    throttle (and so one concurrency cap); the key is only used as a hash.
    """
    digest = hashlib.sha256(f"{api_url}\0{api_key or ''}".encode()).hexdigest()[:16]
    name = f"{digest}:{max_concurrent}:{requests_per_second}"
    with _shared_lock:
        if name not in _shared:
            _shared[name] = AdaptiveThrottle(max_concurrent, requests_per_second)
        return _shared[name]

"""Faults and limits of the fake Numista API: injected faults, the concurrency gate, the quota."""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["ANSWERED_FAULTS", "FAULT_KINDS", "ConcurrencyGate", "FaultPlan", "QuotaCounter"]

#: Every fault kind ``FakeNumista.inject`` accepts.
FAULT_KINDS: tuple[str, ...] = (
    "throttle",
    "quota",
    "500",
    "502",
    "503",
    "drop",
    "drop_after",
    "slow",
    "malformed",
)
#: Faults answered instead of the request (the request itself is not processed).
ANSWERED_FAULTS: frozenset[str] = frozenset({"throttle", "quota", "500", "502", "503", "drop"})


def check_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """Validate fault kinds.

    Parameters
    ----------
    kinds : Iterable of str
        Kinds from :data:`FAULT_KINDS`.

    Returns
    -------
    tuple of str
        The kinds.

    Raises
    ------
    ValueError
        For an unknown kind.
    """
    checked = tuple(kinds)
    unknown = [kind for kind in checked if kind not in FAULT_KINDS]
    if unknown:
        raise ValueError(f"unknown fault kind(s) {unknown}; choose from {FAULT_KINDS}")
    return checked


@dataclass(frozen=True)
class _Scripted:
    kind: str
    path: str | None
    method: str | None = None

    def matches(self, method: str, path: str) -> bool:
        return ((self.path is None or self.path in path)
                and (self.method is None or self.method == method.upper()))


class FaultPlan:
    """Which requests fail, and how: a scripted queue first, then random faults (thread-safe)."""

    def __init__(self) -> None:
        self._script: list[_Scripted] = []
        self._rate = 0.0
        self._kinds: tuple[str, ...] = ("500",)
        self._rng = random.Random(0)
        self._lock = threading.Lock()

    def inject(self, kinds: Sequence[str], path: str | None = None,
               method: str | None = None) -> None:
        """Queue faults, each consumed by the next request whose path contains ``path``.

        Parameters
        ----------
        kinds : Sequence of str
            Kinds from :data:`FAULT_KINDS`, in the order they strike.
        path : str, optional
            A substring the request path (relative to ``/v3``) must contain.
        method : str, optional
            Only requests of this HTTP method.

        Raises
        ------
        ValueError
            For an unknown kind.
        """
        wanted = None if method is None else method.upper()
        entries = [_Scripted(kind, path, wanted) for kind in check_kinds(kinds)]
        with self._lock:
            self._script.extend(entries)

    def set_rate(self, rate: float, kinds: Sequence[str] = ("500",), seed: int = 0) -> None:
        """Make each unscripted request fail with probability ``rate``.

        Parameters
        ----------
        rate : float
            Between 0 and 1.
        kinds : Sequence of str
            The kinds drawn from (uniformly).
        seed : int
            Seed of the random draws, for repeatable runs.

        Raises
        ------
        ValueError
            For a rate outside [0, 1], no kinds or an unknown kind.
        """
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"rate must be between 0 and 1, got {rate}")
        checked = check_kinds(kinds)
        if not checked:
            raise ValueError("kinds must name at least one fault kind")
        with self._lock:
            self._rate, self._kinds, self._rng = rate, checked, random.Random(seed)

    def clear(self) -> None:
        """Forget scripted faults and stop random ones."""
        with self._lock:
            self._script.clear()
            self._rate = 0.0

    def draw(self, path: str, method: str = "GET") -> str | None:
        """The fault for a request arriving now, or None.

        Parameters
        ----------
        path : str
            The request path relative to the base.
        method : str
            Its HTTP method.

        Returns
        -------
        str or None
            The fault kind.
        """
        with self._lock:
            for index, entry in enumerate(self._script):
                if entry.matches(method, path):
                    del self._script[index]
                    return entry.kind
            if self._rate and self._rng.random() < self._rate:
                return self._rng.choice(self._kinds)
        return None


class ConcurrencyGate:
    """Count requests in flight and refuse those above the limit (thread-safe).

    Parameters
    ----------
    limit : int
        How many requests may be in flight at once.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._in_flight = 0
        self._max = 0
        self._lock = threading.Lock()

    @property
    def max_in_flight(self) -> int:
        """The most requests seen in flight at once (rejected ones included)."""
        return self._max

    def enter(self) -> bool:
        """Count a request in; return False when that many were already in flight."""
        with self._lock:
            admitted = self._in_flight < self.limit
            self._in_flight += 1
            self._max = max(self._max, self._in_flight)
        return admitted

    def leave(self) -> None:
        """Count a request out (call once per :meth:`enter`)."""
        with self._lock:
            self._in_flight -= 1

    def reset_max(self) -> None:
        """Restart the observation of :attr:`max_in_flight` from the current count."""
        with self._lock:
            self._max = self._in_flight


def _month() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m")


class QuotaCounter:
    """Requests per API key in the current UTC month, against an optional limit (thread-safe).

    Parameters
    ----------
    limit : int or None
        Requests allowed per key and month; None for no limit.
    """

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self._used: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def spend(self, key: str) -> bool:
        """Count one request for ``key``; return False (and count nothing) when exhausted."""
        slot = (key, _month())
        with self._lock:
            used = self._used.get(slot, 0)
            if self.limit is not None and used >= self.limit:
                return False
            self._used[slot] = used + 1
        return True

    def used(self, key: str) -> int:
        """Requests counted for ``key`` this month."""
        with self._lock:
            return self._used.get((key, _month()), 0)

    def reset(self) -> None:
        """Forget every count (as if a new month began)."""
        with self._lock:
            self._used.clear()

"""Market mode of the fake: price estimates that move over simulated time, every change recorded."""

from __future__ import annotations

import math
import random
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from numista_frames.testing.vocabulary import JsonDict

__all__ = ["DEFAULT_MIX", "Market", "PriceChange"]

#: (share of issues, changes per day): most never change within a year, some about monthly,
#: a few weekly.
DEFAULT_MIX: tuple[tuple[float, float], ...] = ((0.75, 0.0), (0.2, 1 / 30), (0.05, 1 / 7))


@dataclass(frozen=True)
class PriceChange:
    """One true change of an issue's estimates: at ``at``, every grade was multiplied by
    ``factor`` (relative to the catalogue's prices, the issue's level went from
    ``old_level`` to ``new_level``)."""

    type_id: int
    issue_id: int
    at: datetime
    factor: float
    old_level: float
    new_level: float


@dataclass
class _Issue:
    rate: float
    rng: random.Random
    times: list[datetime] = field(default_factory=list)
    levels: list[float] = field(default_factory=lambda: [1.0])  # level after each change
    horizon: datetime | None = None


class Market:
    """Estimates that change at random moments, at a rate of each issue's own.

    Each issue draws its rate from ``mix`` (or takes it from ``rates``), deterministically from
    ``seed`` and its id; its changes are a Poisson process from ``start``, each multiplying
    every grade's estimate by a random factor (a few percent to a few tens). The market's
    clock only moves when told (:meth:`advance`, :meth:`set_time`); the fake serves the
    estimates as of that clock, so a test runs months in seconds.

    Parameters
    ----------
    start : datetime
        When the clock starts (aware; naive means UTC).
    seed : int
        Seed of every draw.
    mix : sequence of (share, rate)
        Shares of issues and their changes per day (shares are normalised).
    rates : mapping, optional
        Changes per day of particular issue ids (overrides ``mix``).

    Examples
    --------
    >>> market = Market(datetime(2026, 1, 1, tzinfo=UTC), rates={7: 1.0})
    >>> market.advance(days=30)
    >>> len(market.changes(issue_ids=[7])) > 10
    True
    """

    def __init__(self, start: datetime, *, seed: int = 0,
                 mix: Sequence[tuple[float, float]] = DEFAULT_MIX,
                 rates: Mapping[int, float] | None = None) -> None:
        self.start = _aware(start)
        self.now = self.start
        self.seed = seed
        total = sum(share for share, _ in mix)
        if not mix or total <= 0 or any(rate < 0 for _, rate in mix):
            raise ValueError("mix must hold (share, rate) pairs with shares > 0 and rates >= 0")
        self.mix = tuple((share / total, rate) for share, rate in mix)
        self.rates = dict(rates or {})
        self._issues: dict[int, _Issue] = {}
        self._types: dict[int, int] = {}
        self._lock = threading.Lock()

    # -- the clock ----------------------------------------------------------------------------

    def advance(self, days: float = 0.0, *, seconds: float = 0.0) -> None:
        """Move the clock forward."""
        if days < 0 or seconds < 0:
            raise ValueError("the market's clock only moves forward; use set_time to go back")
        with self._lock:
            self.now = self.now + timedelta(days=days, seconds=seconds)

    def set_time(self, when: datetime) -> None:
        """Set the clock (aware; naive means UTC)."""
        with self._lock:
            self.now = _aware(when)

    # -- what the fake serves -------------------------------------------------------------------

    def rate(self, issue_id: int) -> float:
        """The issue's true change rate (changes per day)."""
        with self._lock:
            return self._issue(issue_id).rate

    def level(self, issue_id: int, when: datetime | None = None) -> float:
        """The issue's price level (factor over the catalogue's estimates) at ``when``."""
        with self._lock:
            return self._level(issue_id, self.now if when is None else _aware(when))

    def adjust(self, type_id: int, issue_id: int, body: JsonDict) -> JsonDict:
        """The catalogue's prices body with the estimates as of the clock (the route's hook)."""
        with self._lock:
            self._types[issue_id] = type_id
            level = self._level(issue_id, self.now)
        prices = [{**p, "price": round(float(p["price"]) * level, 4)}
                  for p in body.get("prices") or []]
        return {**body, "prices": prices}

    def changes(self, *, issue_ids: Iterable[int] | None = None,
                until: datetime | None = None) -> list[PriceChange]:
        """Every true change from the start until ``until`` (default: the clock), by time.

        ``issue_ids`` default to the issues asked for so far.
        """
        end = self.now if until is None else _aware(until)
        with self._lock:
            wanted = list(self._issues) if issue_ids is None else [int(i) for i in issue_ids]
            out = []
            for issue_id in wanted:
                issue = self._issue(issue_id)
                self._extend(issue, end)
                for n, at in enumerate(issue.times):
                    if at <= end:
                        out.append(PriceChange(self._types.get(issue_id, 0), issue_id, at,
                                               issue.levels[n + 1] / issue.levels[n],
                                               issue.levels[n], issue.levels[n + 1]))
        return sorted(out, key=lambda c: (c.at, c.issue_id))

    # -- internals (under the lock) ---------------------------------------------------------------

    def _issue(self, issue_id: int) -> _Issue:
        issue = self._issues.get(issue_id)
        if issue is None:
            rng = random.Random(f"{self.seed}:{issue_id}")
            rate = self.rates.get(issue_id)
            if rate is None:
                pick, rate = rng.random(), self.mix[-1][1]
                for share, candidate in self.mix:
                    if pick < share:
                        rate = candidate
                        break
                    pick -= share
            issue = self._issues[issue_id] = _Issue(float(rate), rng)
        return issue

    def _extend(self, issue: _Issue, until: datetime) -> None:
        """Draw the issue's changes up to ``until`` (once drawn, never redrawn)."""
        if issue.rate <= 0:
            return
        while issue.horizon is None or issue.horizon < until:
            last = issue.times[-1] if issue.times else self.start
            gap = issue.rng.expovariate(issue.rate)
            at = last + timedelta(days=gap)
            factor = math.exp(issue.rng.choice((-1, 1)) * issue.rng.uniform(0.03, 0.25))
            issue.times.append(at)
            issue.levels.append(issue.levels[-1] * factor)
            issue.horizon = at

    def _level(self, issue_id: int, when: datetime) -> float:
        issue = self._issue(issue_id)
        self._extend(issue, when)
        done = sum(1 for at in issue.times if at <= when)
        return issue.levels[done]


def _aware(when: datetime) -> datetime:
    if not isinstance(when, datetime):
        raise TypeError(f"a datetime is needed; got {type(when).__name__}")
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


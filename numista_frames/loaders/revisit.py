"""The revisit policy, pure: change rates from irregular checks, priorities, and a budget's split.

A watched price is a resource that changes at random moments, at its own unknown rate
``λ`` (changes per day; a Poisson process). Each check tells only *whether* it changed since
the previous check, not how often. Cho and Garcia-Molina ("Estimating frequency of change",
ACM TOIT 2003) give the estimator for checks at irregular intervals: with intervals
``t_i`` after which a change was seen (set C) and intervals after which none was (set U),
the likelihood is ``Π_C (1 - e^{-λ t_i}) Π_U e^{-λ t_i}``, and its maximum solves

    Σ_C t_i / (e^{λ t_i} - 1) = Σ_U t_i.

A resource seen only a few times would get 0 (never changed yet) or infinity (changed every
time), so a Gamma(``1 + a``, ``b``) prior is added with ``a = prior_rate * prior_days`` and
``b = prior_days``: ``prior_days`` days of pretend observation at ``prior_rate``. The most
probable rate then solves

    Σ_C t_i / (e^{λ t_i} - 1) + a / λ = Σ_U t_i + b,

whose left side falls from infinity to 0 as λ grows, so bisection finds the one root. The
prior rate is the watchlist's pooled rate (all resources' intervals taken together,
:func:`pooled_rate`): where most prices never move, a new one is not assumed to move
monthly. A resource never checked has the prior rate.

A check of a resource last seen ``t`` days ago catches a change with probability
``1 - e^{-λ t}`` (one check sees at most one change: the value now differs or not). Spending
the check on it *now* rather than later gains only the changes that waiting would lose: a
change is lost when another one overwrites it before it is seen. Checking every ``I`` days
catches changes at the rate ``(1 - e^{-λI}) / I``; the value of checking a little more often
(its derivative in the check frequency ``1/I``) is

    weight * (1 - (1 + λI) e^{-λI}),

and with a fixed budget the value-weighted number of changes caught is largest when every
resource is checked as this reaches one common threshold (a Lagrange multiplier; Cho and
Garcia-Molina, "Effective page refresh policies", ICDE 2003, solve the freshness variant).
So the priority of a resource last checked ``t`` days ago is
``weight * (1 - (1 + λt) e^{-λt})``, and each run checks the highest ones its budget pays
for. (The greedy ``weight * (1 - e^{-λt})`` spends far too much on costly resources that
rarely change: bench/bench_tracking.py measures both.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

__all__ = [
    "DEFAULT_INDEX",
    "DEFAULT_MAX_INTERVAL_DAYS",
    "DEFAULT_PRIOR_DAYS",
    "DEFAULT_PRIOR_RATE",
    "DUE_PROBABILITY",
    "Plan",
    "change_probability",
    "daily_budget",
    "days_left_in_month",
    "due_after",
    "estimate_rate",
    "loss_probability",
    "plan_checks",
    "pooled_rate",
    "priority",
    "regular_rate",
]

#: Every watched price is checked at least this often while the budget allows.
DEFAULT_MAX_INTERVAL_DAYS = 90.0
#: The rate assumed before any observation: about one change a month.
DEFAULT_PRIOR_RATE = 1 / 30
#: How much that assumption weighs: as much as this many days of observation.
DEFAULT_PRIOR_DAYS = 30.0
#: A resource is due once it more likely changed than not since its last check.
DUE_PROBABILITY = 0.5
#: Most of a run's budget that overdue resources take ahead of the priorities (the rest of
#: them compete by priority): a budget too small for the starvation bound still goes where
#: changes are.
OVERDUE_SHARE = 0.5
#: The priority index :func:`numista_frames.track` uses (see :func:`priority`).
DEFAULT_INDEX = "marginal"
_MAX_RATE = 50.0  # changes per day; beyond this every check sees a change anyway


def estimate_rate(changed_intervals: Sequence[float], unchanged_days: float, *,
                  prior_rate: float = DEFAULT_PRIOR_RATE,
                  prior_days: float = DEFAULT_PRIOR_DAYS) -> float:
    """The most probable change rate (per day) from checks at irregular intervals.

    Parameters
    ----------
    changed_intervals : sequence of float
        Lengths in days of the intervals after which a change was seen (set C).
    unchanged_days : float
        Total length in days of the intervals after which none was seen (Σ over U).
    prior_rate, prior_days : float
        The Gamma prior: ``prior_days`` days of pretend observation at ``prior_rate``
        (see the module docstring). ``prior_days=0`` gives Cho and Garcia-Molina's
        maximum-likelihood estimate (0 before any change; capped at 50 a day when every
        check saw a change).

    Returns
    -------
    float
        Changes per day.

    Examples
    --------
    >>> estimate_rate([], 0.0) == DEFAULT_PRIOR_RATE            # never checked: the prior
    True
    >>> round(estimate_rate([], 270.0), 5)                    # 9 quiet months
    0.00333
    >>> round(estimate_rate([10.0] * 5, 50.0, prior_days=0), 4)  # half the checks saw one
    0.0693
    """
    changed = np.asarray([t for t in changed_intervals if t > 0], dtype=float)
    unchanged_days = 0.0 if math.isnan(unchanged_days) else unchanged_days
    a = max(prior_rate, 0.0) * max(prior_days, 0.0)
    right = max(unchanged_days, 0.0) + max(prior_days, 0.0)
    if changed.size == 0:
        return 0.0 if right <= 0 else min(a / right, _MAX_RATE)
    if right <= 0:
        return _MAX_RATE

    def left(rate: float) -> float:
        return float(np.sum(changed / np.expm1(np.minimum(rate * changed, 700.0)))) + a / rate

    low, high = 1e-9, _MAX_RATE
    if left(high) >= right:
        return _MAX_RATE
    for _ in range(100):  # bisection in log space: rates span orders of magnitude
        mid = math.sqrt(low * high)
        if left(mid) > right:
            low = mid
        else:
            high = mid
        if high / low < 1 + 1e-9:
            break
    return math.sqrt(low * high)


def pooled_rate(changed_intervals: Sequence[Sequence[float]], unchanged_days: float, *,
                prior_rate: float = DEFAULT_PRIOR_RATE,
                prior_days: float = DEFAULT_PRIOR_DAYS) -> float:
    """The rate of all watched resources taken together: the prior of each one.

    Empirical Bayes: where most watched prices never move, a price never checked is assumed
    to move as rarely as the watched ones do on average, not once a month. Before anything
    is observed it is ``prior_rate``.

    Examples
    --------
    >>> pooled_rate([[], [10.0]], 600.0) < DEFAULT_PRIOR_RATE
    True
    """
    return estimate_rate([t for intervals in changed_intervals for t in intervals],
                         unchanged_days, prior_rate=prior_rate, prior_days=prior_days)


def regular_rate(checks: int, changes: int, interval_days: float) -> float:
    """Cho and Garcia-Molina's bias-reduced estimator for checks at one regular interval.

    ``r = -log((n - X + 0.5) / (n + 0.5)) / I`` for ``n`` checks ``I`` days apart of which
    ``X`` saw a change. A cross-check of :func:`estimate_rate` (they agree for many checks).

    Examples
    --------
    >>> round(regular_rate(10, 5, 10.0), 4)
    0.0647
    """
    if checks <= 0 or interval_days <= 0:
        raise ValueError("checks and interval_days must be > 0")
    if not 0 <= changes <= checks:
        raise ValueError(f"changes must be between 0 and checks ({checks}); got {changes}")
    return -math.log((checks - changes + 0.5) / (checks + 0.5)) / interval_days


def change_probability(rate: float | np.ndarray, elapsed_days: float | np.ndarray
                       ) -> np.ndarray:
    """``1 - e^{-rate * elapsed}``: the chance a check now sees a change (or catches one).

    Examples
    --------
    >>> float(change_probability(1 / 30, 30.0).round(3))
    0.632
    """
    rate_ = np.asarray(rate, dtype=float)
    elapsed = np.asarray(elapsed_days, dtype=float)
    return np.asarray(-np.expm1(-rate_ * np.maximum(elapsed, 0.0)))


def loss_probability(rate: float | np.ndarray, elapsed_days: float | np.ndarray
                     ) -> np.ndarray:
    """``1 - (1 + rate * elapsed) e^{-rate * elapsed}``: the chance of two or more changes
    since the last check, i.e. that a change already happened *and* was overwritten.

    Examples
    --------
    >>> float(loss_probability(1 / 30, 30.0).round(3))
    0.264
    """
    x = np.asarray(rate, dtype=float) * np.maximum(np.asarray(elapsed_days, dtype=float), 0.0)
    return np.asarray(-np.expm1(-x) - x * np.exp(-x))


def priority(weight: float | np.ndarray, rate: float | np.ndarray,
             elapsed_days: float | np.ndarray, *, index: str = "marginal") -> np.ndarray:
    """The value of checking a resource now rather than later.

    ``index="marginal"`` (the default): ``weight * (1 - (1 + λt) e^{-λt})``, the value of
    one more check per unit of time (see the module docstring); ``index="changed"``:
    ``weight * (1 - e^{-λt})``, the value a check now is expected to catch (greedy, it
    spends too much on costly resources that rarely change).

    Examples
    --------
    >>> float(priority(500.0, 1 / 30, 30.0).round(1)), float(priority(1.0, 1 / 30, 30.0).round(3))
    (132.1, 0.264)
    >>> float(priority(500.0, 1 / 30, 30.0, index="changed").round(1))
    316.1
    """
    if index == "changed":
        chance = change_probability(rate, elapsed_days)
    elif index == "marginal":
        chance = loss_probability(rate, elapsed_days)
    else:
        raise ValueError(f"index must be 'marginal' or 'changed'; got {index!r}")
    return np.asarray(np.asarray(weight, dtype=float) * chance)


def due_after(rate: float, max_interval_days: float = DEFAULT_MAX_INTERVAL_DAYS) -> float:
    """Days after a check when a resource falls due: it more likely changed than not
    (``ln 2 / rate``), and never later than ``max_interval_days``.

    Examples
    --------
    >>> round(due_after(1 / 30), 1), due_after(0.0)
    (20.8, 90.0)
    """
    if rate <= 0:
        return max_interval_days
    return min(math.log(1 / (1 - DUE_PROBABILITY)) / rate, max_interval_days)


@dataclass(frozen=True)
class Plan:
    """Which resources a run checks: positions into the candidates, in the order to fetch.

    Attributes
    ----------
    chosen : list of int
        Positions of the resources to check, forced ones first.
    forced : list of int
        The chosen resources that were never checked or overdue (``max_interval``).
    skipped : list of int
        Due resources (never checked, overdue, or more likely changed than not) that the
        budget could not pay for.
    """

    chosen: list[int]
    forced: list[int]
    skipped: list[int]


def plan_checks(weight: Sequence[float] | np.ndarray, rate: Sequence[float] | np.ndarray,
                elapsed_days: Sequence[float] | np.ndarray, budget: int, *,
                max_interval_days: float = DEFAULT_MAX_INTERVAL_DAYS,
                index: str = "marginal", overdue_share: float | None = None) -> Plan:
    """Choose at most ``budget`` resources to check now, each costing one request.

    First the resources never checked (``elapsed`` NaN or infinite), then those not checked
    for ``max_interval_days`` (overdue), longest waiting first, up to ``overdue_share`` of the
    budget, so that none starves while the budget allows (a daily budget of
    ``N / (overdue_share * max_interval_days)`` for ``N`` resources). Then the highest
    :func:`priority` (the value of checking now rather than later) among the rest, overdue
    ones included, ties to the longest waiting.

    Parameters
    ----------
    weight, rate, elapsed_days : array-like
        Per resource: value weight (> 0), change rate per day, days since its last check
        (NaN: never checked).
    budget : int
        Most checks to choose.
    max_interval_days : float
        The starvation bound.
    index : {"marginal", "changed"}
        The priority index (see :func:`priority`).
    overdue_share : float, optional
        Most of the budget overdue resources take ahead of the priorities (default
        :data:`OVERDUE_SHARE`, a half): a budget too small for the starvation bound still
        goes where changes are.

    Returns
    -------
    Plan

    Examples
    --------
    >>> plan_checks([1.0, 500.0, 1.0], [0.03, 0.03, 0.03], [10.0, 10.0, float("nan")], 2).chosen
    [2, 1]
    """
    w = np.asarray(weight, dtype=float)
    lam = np.asarray(rate, dtype=float)
    elapsed = np.asarray(elapsed_days, dtype=float)
    never = ~np.isfinite(elapsed)
    wait = np.where(never, np.inf, elapsed)
    forced_mask = never | (elapsed >= max_interval_days)
    forced = sorted(np.flatnonzero(forced_mask).tolist(), key=lambda i: -wait[i])
    budget = max(int(budget), 0)
    share = OVERDUE_SHARE if overdue_share is None else overdue_share
    first = [i for i in forced if never[i]]
    overdue = [i for i in forced if not never[i]][:max(1, math.ceil(budget * share))]
    ahead = set(first) | set(overdue)
    score = priority(w, lam, np.where(never, 0.0, elapsed), index=index)
    rest = [int(i) for i in np.lexsort((-wait, -score)) if int(i) not in ahead]
    chosen = (first + overdue + rest)[:budget]
    taken = set(chosen)
    due = forced_mask | (change_probability(lam, np.where(never, 0.0, elapsed))
                         >= DUE_PROBABILITY)
    skipped = [int(i) for i in np.flatnonzero(due) if int(i) not in taken]
    return Plan(chosen, [i for i in chosen if forced_mask[i]], skipped)


def days_left_in_month(now: datetime) -> int:
    """Days left in ``now``'s UTC month, today included.

    Examples
    --------
    >>> days_left_in_month(datetime(2026, 2, 27, 12, tzinfo=UTC))
    2
    """
    now = now.astimezone(UTC)
    first_next = (datetime(now.year + 1, 1, 1, tzinfo=UTC) if now.month == 12
                  else datetime(now.year, now.month + 1, 1, tzinfo=UTC))
    return (first_next.date() - now.date()).days


def daily_budget(remaining: int, reserve: int, now: datetime) -> int:
    """The default budget of one run: the month's remaining quota less the reserve, spread
    evenly over the days left in the UTC month, and never more than what remains.

    Examples
    --------
    >>> daily_budget(2000, 200, datetime(2026, 4, 1, tzinfo=UTC))   # 1800 over 30 days
    60
    >>> daily_budget(150, 200, datetime(2026, 4, 1, tzinfo=UTC))    # inside the reserve
    0
    """
    spare = max(int(remaining) - max(int(reserve), 0), 0)
    return max(0, min(spare // max(days_left_in_month(now), 1), int(remaining)))

"""The watchlist file (store/watchlist.py) and the pure revisit policy (loaders/revisit.py)."""

from __future__ import annotations

import math
import multiprocessing
import random
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from numista_frames.loaders import revisit as rv
from numista_frames.store.watchlist import COLUMNS, Watchlist, WatchState


def _add(path: str, first: int, count: int) -> None:
    """Add ``count`` entries one update at a time (run in another process)."""
    store = Watchlist(Path(path))
    for i in range(first, first + count):
        def change(state: WatchState, i: int = i) -> None:
            row = pd.DataFrame({"type_id": [i], "issue_id": [i], "currency": ["EUR"]})
            state.resources = pd.concat([state.resources, row], ignore_index=True)
            state.types[str(i)] = {"currency": "EUR"}
        store.update(change)


def _watch_many(first: int, count: int) -> None:
    """nf.watch one issue at a time (run in another process, with the test's data dir)."""
    import numista_frames as nf

    for i in range(first, first + count):
        nf.watch(i, issue_ids=[i + 100_000])


def test_watch__two_processes_watching_at_once_lose_nothing(tmp_path: Path) -> None:
    import numista_frames as nf

    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_watch_many, args=(first, 12)) for first in (1, 501)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    listed = nf.watchlist()
    assert sorted(listed["type_id"]) == [*range(1, 13), *range(501, 513)]
    assert (listed["issue_id"] == listed["type_id"] + 100_000).all()


def test_watchlist__empty_file_reads_as_empty_state(tmp_path: Path) -> None:
    state = Watchlist(tmp_path / "w.parquet").read()
    assert state.resources.empty and list(state.resources.columns) == list(COLUMNS)
    assert state.types == {} and state.collections == {} and state.spent == {}


def test_watchlist__round_trip_keeps_rows_dtypes_and_sources(tmp_path: Path) -> None:
    store = Watchlist(tmp_path / "data" / "w.parquet")
    now = pd.Timestamp("2026-03-01T00:00Z")

    def change(state: WatchState) -> None:
        state.resources = pd.DataFrame({"type_id": [1, 2], "issue_id": [10, 20],
                                        "currency": ["EUR", "USD"], "added_at": [now, now],
                                        "checks": [0, 3], "prices": ['{"vf": 2.0}', None]})
        state.types["1"] = {"currency": "EUR", "discovered_at": None}
        state.spent["2026-03"] = 7

    store.update(change)
    state = store.read()
    assert state.resources["issue_id"].tolist() == [10, 20]
    assert state.resources["checks"].tolist() == [0, 3]
    assert state.resources["added_at"].dtype == "datetime64[ns, UTC]"
    assert state.resources["last_checked"].isna().all()
    assert state.types == {"1": {"currency": "EUR", "discovered_at": None}}
    assert state.spent == {"2026-03": 7}
    assert not list(store.path.parent.glob("*.tmp"))


def test_watchlist__two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "w.parquet")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add, args=(path, first, 15)) for first in (1, 1001)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    state = Watchlist(Path(path)).read()
    assert sorted(state.resources["type_id"]) == [*range(1, 16), *range(1001, 1016)]
    assert len(state.types) == 30


def test_estimate_rate__no_observation_is_the_prior() -> None:
    assert rv.estimate_rate([], 0.0) == pytest.approx(rv.DEFAULT_PRIOR_RATE)
    assert rv.estimate_rate([], 0.0, prior_rate=0.1, prior_days=5) == pytest.approx(0.1)


def test_estimate_rate__quiet_resources_fall_and_busy_ones_rise() -> None:
    quiet = rv.estimate_rate([], 300.0)
    busy = rv.estimate_rate([7.0] * 10, 0.0)
    assert quiet < rv.DEFAULT_PRIOR_RATE < busy
    assert rv.estimate_rate([], 300.0, prior_days=0) == 0.0


def test_estimate_rate__matches_cho_regular_estimator_for_many_checks() -> None:
    # 400 checks 5 days apart, 100 of them saw a change.
    irregular = rv.estimate_rate([5.0] * 100, 5.0 * 300, prior_days=0)
    assert irregular == pytest.approx(rv.regular_rate(400, 100, 5.0), rel=0.01)
    assert irregular == pytest.approx(-math.log(300 / 400) / 5, rel=1e-6)


def test_estimate_rate__recovers_simulated_rates_from_irregular_checks() -> None:
    rng = random.Random(4)
    for true in (1 / 7, 1 / 30, 1 / 200):
        changed, unchanged = [], 0.0
        for _ in range(600):
            gap = rng.choice([1.0, 3.0, 7.0, 20.0])
            if rng.random() < 1 - math.exp(-true * gap):
                changed.append(gap)
            else:
                unchanged += gap
        assert rv.estimate_rate(changed, unchanged) == pytest.approx(true, rel=0.25)


def test_estimate_rate__every_check_changed_without_prior_is_capped() -> None:
    assert rv.estimate_rate([1.0, 1.0], 0.0, prior_days=0) == 50.0


def test_priority__marginal_index_and_greedy_index() -> None:
    w, lam, t = np.array([500.0, 1.0]), np.array([0.1, 0.1]), np.array([10.0, 10.0])
    assert rv.priority(w, lam, t).tolist() == pytest.approx([500 * (1 - 2 * math.exp(-1)),
                                                            1 - 2 * math.exp(-1)])
    assert rv.priority(w, lam, t, index="changed").tolist() == pytest.approx(
        [500 * (1 - math.exp(-1)), 1 - math.exp(-1)])
    assert float(rv.change_probability(0.2, 0.0)) == 0.0
    with pytest.raises(ValueError, match="index"):
        rv.priority(w, lam, t, index="other")


def test_priority__marginal_index_prefers_busy_cheap_over_quiet_costly() -> None:
    # 500 EUR that changes once a year, seen a month ago; 20 EUR that changes weekly, a week ago.
    weight, rate, elapsed = [500.0, 20.0], [1 / 365, 1 / 7], [30.0, 7.0]
    quiet, busy = rv.priority(weight, rate, elapsed).tolist()
    assert busy > quiet  # waiting on the quiet one loses almost nothing
    greedy_quiet, greedy_busy = rv.priority(weight, rate, elapsed, index="changed").tolist()
    assert greedy_quiet > greedy_busy  # the greedy index would spend on the costly one


def test_plan_checks__never_checked_and_overdue_come_first() -> None:
    plan = rv.plan_checks([1.0, 900.0, 1.0, 1.0], [0.0, 1.0, 0.0, 0.0],
                          [91.0, 5.0, float("nan"), 1.0], 2)
    assert plan.chosen == [2, 0]
    assert plan.forced == [2, 0]
    assert plan.skipped == [1]  # due (changed almost surely) but not afforded


def test_plan_checks__spends_on_value_times_change_chance() -> None:
    weight, rate, elapsed = [1.0, 100.0, 50.0], [0.5, 0.01, 0.5], [10.0, 10.0, 10.0]
    assert rv.plan_checks(weight, rate, elapsed, 2).chosen == [2, 0]
    assert rv.plan_checks(weight, rate, elapsed, 2, index="changed").chosen == [2, 1]
    assert rv.plan_checks([1.0], [0.1], [1.0], 0).chosen == []
    assert rv.plan_checks([1.0], [0.1], [1.0], -3).chosen == []


def test_due_after__half_life_capped_by_max_interval() -> None:
    assert rv.due_after(math.log(2) / 10) == pytest.approx(10.0)
    assert rv.due_after(1e-6) == rv.DEFAULT_MAX_INTERVAL_DAYS


def test_daily_budget__spreads_the_month_and_keeps_the_reserve() -> None:
    day = datetime(2026, 12, 31, 23, tzinfo=UTC)
    assert rv.days_left_in_month(day) == 1
    assert rv.daily_budget(500, 200, day) == 300
    assert rv.daily_budget(2000, 200, datetime(2026, 12, 1, tzinfo=UTC)) == 1800 // 31
    assert rv.daily_budget(0, 0, day) == 0
    assert rv.daily_budget(100, 200, day) == 0


def test_plan_checks__overdue_take_at_most_their_share_ahead() -> None:
    # four quiet overdue resources and two busy costly ones, four checks
    weight, rate = [1.0] * 4 + [100.0, 100.0], [0.0] * 4 + [0.2, 0.2]
    elapsed = [120.0, 110.0, 100.0, 95.0, 10.0, 10.0]
    plan = rv.plan_checks(weight, rate, elapsed, 4, overdue_share=0.5)
    assert plan.chosen == [0, 1, 4, 5] and plan.forced == [0, 1]
    assert rv.plan_checks(weight, rate, elapsed, 4, overdue_share=1.0).chosen == [0, 1, 2, 3]

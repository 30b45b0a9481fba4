"""nf.watch / nf.watchlist / nf.unwatch / nf.track against the fake (loaders/tracking.py)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.testing import FakeNumista, Market

T0 = datetime(2026, 3, 1, 6, tzinfo=UTC)


def _types(fake: FakeNumista, count: int) -> list[int]:
    """Types of the sample catalogue that have issues with prices."""
    out = []
    for type_id in fake.catalogue.type_ids:
        issues = fake.catalogue.get_issues(type_id)
        if 0 < len(issues) <= 4 and fake.catalogue.get_prices(type_id, issues[0]["id"])["prices"]:
            out.append(type_id)
        if len(out) == count:
            return out
    raise AssertionError("the sample catalogue has too few priced types")


def _sent(fake: FakeNumista) -> int:
    return fake.request_count()


def test_watch__spends_no_request_and_lists_pending_types(configured: FakeNumista) -> None:
    ids = _types(configured, 3)
    frame = nf.watch(ids)
    assert _sent(configured) == 0
    assert frame.empty and frame.attrs["pending_types"] == sorted(ids)
    frame = nf.watch(ids[0], issue_ids=configured.catalogue.get_issues(ids[0])[0]["id"])
    assert _sent(configured) == 0 and len(frame) == 1


def test_watch__bad_arguments_raise_before_anything(configured: FakeNumista) -> None:
    with pytest.raises(ValueError, match="nothing to watch"):
        nf.watch()
    with pytest.raises(ValueError, match="need their type"):
        nf.watch(issue_ids=[5])
    with pytest.raises(ValueError, match="weight"):
        nf.watch(1, weight=-2)
    with pytest.raises(ValueError, match="currency"):
        nf.watch(1, currency="euro")
    with pytest.raises(ValueError, match="budget"):
        nf.track(budget=-1)
    with pytest.raises(TypeError, match="now"):
        nf.track(budget=1, now=12)
    assert _sent(configured) == 0


def test_track__discovers_checks_and_stamps_history_with_now(configured: FakeNumista) -> None:
    ids = _types(configured, 2)
    nf.watch(ids)
    report = nf.track(budget=50, now=T0)
    issues = sum(len(configured.catalogue.get_issues(t)) for t in ids)
    assert report.spent == _sent(configured) == len(ids) + issues
    assert report.checked == issues and report.changes.empty
    history = nf.price_history_df(ids)
    assert not history.empty
    assert set(history["observed_at"]) == {pd.Timestamp(T0)}
    listed = nf.watchlist(now=T0)
    assert len(listed) == issues and (listed["checks"] == 1).all()
    assert (listed["last_checked"] == pd.Timestamp(T0)).all()
    assert listed["price"].notna().any()


def test_track__never_spends_past_the_budget(configured: FakeNumista) -> None:
    ids = _types(configured, 6)
    nf.watch(ids)
    for day, budget in enumerate([0, 1, 2, 3, 5, 4, 7]):
        before = _sent(configured)
        report = nf.track(budget=budget, now=T0 + timedelta(days=day))
        assert _sent(configured) - before == report.spent <= budget


def test_track__budget_zero_sends_nothing(configured: FakeNumista) -> None:
    nf.watch(_types(configured, 2))
    report = nf.track(budget=0, now=T0)
    assert report.spent == 0 == _sent(configured) and report.checked == 0
    assert "0 of 0" in repr(report)


def test_track__dry_run_spends_only_discovery(configured: FakeNumista) -> None:
    ids = _types(configured, 2)
    nf.watch(ids)
    plan = nf.track(budget=40, now=T0, dry_run=True)
    assert plan.dry_run and plan.spent == len(ids) == _sent(configured)
    assert plan.checked == 0 and len(plan.plan) > 0
    assert set(plan.plan["reason"]) == {"first check"}
    assert nf.price_history_df(ids).empty
    again = nf.track(budget=40, now=T0, dry_run=True)
    assert again.spent == 0 and len(again.plan) == len(plan.plan)
    assert "would check" in repr(again) and "<table" in again._repr_html_()


def test_track__retries_count_against_the_budget(configured: FakeNumista) -> None:
    nf.watch(_types(configured, 3))
    configured.set_fault_rate(0.5, kinds=("500",), seed=3)
    for day in range(4):
        before = _sent(configured)
        report = nf.track(budget=6, now=T0 + timedelta(days=day))
        assert _sent(configured) - before <= 6
        assert report.spent == _sent(configured) - before


def _move(fake: FakeNumista, type_id: int, issue_id: int, factor: float) -> None:
    prices: Any = fake.catalogue._prices  # the sample catalogue's stored estimates
    prices[issue_id] = {g: p * factor for g, p in prices[issue_id].items()}


def test_track__reports_changes_with_old_and_new(configured: FakeNumista) -> None:
    type_id = _types(configured, 1)[0]
    issue_id = configured.catalogue.get_issues(type_id)[0]["id"]
    nf.watch(type_id, issue_ids=[issue_id])
    nf.track(budget=5, now=T0)
    _move(configured, type_id, issue_id, 1.5)
    t1 = T0 + timedelta(days=100)
    report = nf.track(budget=5, now=t1)
    assert report.checked == 1 and not report.changes.empty
    row = report.changes.iloc[0]
    assert row["new_price"] == pytest.approx(row["old_price"] * 1.5, rel=1e-3)
    assert row["pct_change"] == pytest.approx(50.0, rel=1e-3)
    assert row["old_observed_at"] == pd.Timestamp(T0)
    assert row["new_observed_at"] == pd.Timestamp(t1)
    assert len(report.alerts(40)) == len(report.changes) and report.alerts(60).empty
    listed = nf.watchlist(now=t1)
    assert listed["changes"].tolist() == [1] and listed["rate"].iloc[0] > 0
    history = nf.price_history_df(type_id, issue_ids=issue_id)
    assert sorted(set(history["observed_at"])) == [pd.Timestamp(T0), pd.Timestamp(t1)]


def test_unwatch__removes_entries(configured: FakeNumista) -> None:
    ids = _types(configured, 2)
    nf.watch(ids)
    nf.track(budget=50, now=T0)
    count = len(nf.watchlist())
    removed = nf.unwatch(ids[0])
    assert 0 < removed < count and set(nf.watchlist()["type_id"]) == {ids[1]}
    with pytest.raises(ValueError, match="nothing to unwatch"):
        nf.unwatch()


def test_watch__collection_is_followed_and_costs_inside_the_budget(
        configured: FakeNumista) -> None:
    nf.watch(collection=True)
    assert _sent(configured) == 0
    items = nf.collection_df()
    with_issue = items.dropna(subset=["issue_id"])
    configured.clear_log()
    first = nf.track(budget=3, now=T0)
    assert _sent(configured) == first.spent <= 3
    report = nf.track(budget=400, now=T0 + timedelta(days=1))
    listed = nf.watchlist(now=T0 + timedelta(days=1))
    expected = set(zip(with_issue["type_id"], with_issue["issue_id"], strict=True))
    assert set(zip(listed["type_id"], listed["issue_id"], strict=True)) == expected
    assert report.checked > 0 and (listed["source"] == "collection:me").all()
    # An item added later is watched from the next run (after the listing is due again).
    extra = _types(configured, 8)[-1]
    issue = configured.catalogue.get_issues(extra)[0]["id"]
    nf.add_collected_items(pd.DataFrame({"type_id": [extra], "issue_id": [issue]}), progress=False)
    nf.track(budget=400, now=T0 + timedelta(days=3))
    assert (extra, issue) in set(zip(nf.watchlist()["type_id"], nf.watchlist()["issue_id"],
                                     strict=True))


def test_track__default_budget_spreads_the_month_and_never_passes_the_quota(
        configured: FakeNumista) -> None:
    nf.configure(monthly_quota=60, quota_reserve=0)
    nf.watch(_types(configured, 20))
    day = datetime(2026, 4, 1, 6, tzinfo=UTC)
    spent = 0
    for n in range(30):
        report = nf.track(now=day + timedelta(days=n))
        assert report.budget <= 60 - spent
        spent += report.spent
    assert 50 <= spent <= 60
    nf.configure(quota_reserve=10)
    assert nf.track(now=datetime(2026, 5, 1, tzinfo=UTC)).budget == (60 - 10) // 31
    assert nf.track(budget=10**6, now=datetime(2026, 4, 30, 23, tzinfo=UTC)).spent == 0


@pytest.fixture
def market(cache_dir: Path) -> Iterator[tuple[FakeNumista, Market]]:
    """The fake in market mode (half the issues never change, half about every 5 days)."""
    moving = Market(T0, seed=1, mix=((0.5, 0.0), (0.5, 1 / 5)))
    with FakeNumista(market=moving) as api:
        nf.configure(api_url=api.url, api_key=api.api_key, cache_dir=cache_dir,
                     requests_per_second=None, backoff_factor=0.001, max_retries=2)
        yield api, moving


@pytest.mark.slow
def test_track__no_price_starves_over_simulated_months(
        market: tuple[FakeNumista, Market]) -> None:
    api, moving = market
    ids = _types(api, 12)
    nf.watch(ids)
    count = sum(len(api.catalogue.get_issues(t)) for t in ids)
    budget = max(3, -(-count // 20))  # enough for every price once in 20 days, no more
    seen: dict[tuple[int, int], list[pd.Timestamp]] = {}
    for day in range(100):
        now = T0 + timedelta(days=day)
        moving.set_time(now)
        report = nf.track(budget=budget, now=now, max_interval=30)
        assert report.spent <= budget
        for key in zip(report.plan["type_id"], report.plan["issue_id"], strict=True):
            seen.setdefault((int(key[0]), int(key[1])), []).append(pd.Timestamp(now))
    assert len(seen) == count
    assert moving.changes(), "the market moved"
    for times in seen.values():
        gaps = [(b - a).days for a, b in itertools.pairwise(times)]
        assert max(gaps, default=0) <= 30 + 1, gaps  # the starvation bound (plus one run)


def test_track__fetches_past_the_http_cache_only_what_it_chose(configured: FakeNumista) -> None:
    ids = _types(configured, 4)
    nf.watch(ids)
    nf.track(budget=100, now=T0)
    issues = len(nf.watchlist())
    configured.clear_log()
    report = nf.track(budget=3, now=T0 + timedelta(days=2))  # the HTTP cache is still fresh
    fetched = {(e.path.split("/")[2], e.path.split("/")[4]) for e in configured.log
               if e.path.endswith("/prices")}
    chosen = {(str(t), str(i)) for t, i in zip(report.plan["type_id"], report.plan["issue_id"],
                                              strict=True)}
    assert configured.request_count("/types") == report.checked == 3 == len(fetched)
    assert fetched == chosen
    assert len(report.skipped) <= issues - 3
    assert "<p><b>TrackReport</b>" in report._repr_html_()
    assert repr(report).startswith("TrackReport(tracked at ") and "\n" not in repr(report)


def test_track__a_spent_quota_stops_the_run_and_keeps_what_was_fetched(
        configured: FakeNumista) -> None:
    ids = _types(configured, 3)
    nf.watch(ids)
    plan = nf.track(budget=50, now=T0, dry_run=True).plan
    third = (int(plan["type_id"].iloc[2]), int(plan["issue_id"].iloc[2]))
    configured.inject("quota", path=f"/issues/{third[1]}/prices")
    report = nf.track(budget=50, now=T0)
    assert report.checked == 2 and len(report.skipped) == len(plan) - 3 and report.spent == 3
    assert [type(e).__name__ for _, e in report.failures] == ["QuotaExceededError"]
    assert nf.price_history_df(ids)["issue_id"].nunique() == 2
    assert int(nf.watchlist()["checks"].sum()) == 2

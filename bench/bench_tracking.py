"""Benchmark of the price tracker: changes caught per request, against round-robin and weekly refresh.

Run: ``python bench/bench_tracking.py [--issues 300] [--days 180] [--monthly 600] [--seeds 1]``.
The fake runs in market mode (most issues never change within a year, a fifth about monthly,
a twentieth weekly). Types of the sample catalogue adding up to about ``--issues`` issues are
watched with ``nf.watch(type_ids)``; then ``nf.track(now=day)`` runs once per simulated day
with a monthly quota of ``--monthly`` requests and no reserve (its default budget spreads the
month evenly). Every request the fake sees is counted.

Score: the value-weighted share of true changes captured. A change counts when the tracker
observed the issue after it and before the issue's next change (it saw the new value); its
value is the issue's price level (``unc`` or its highest grade). The same score is computed
for round-robin at the same daily budgets (issue lists first, then issues in turn) and for
"refresh everything weekly" (with what it spends).
"""

from __future__ import annotations

import argparse
import bisect
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numista_frames as nf
from numista_frames.loaders import revisit as rv
from numista_frames.testing import FakeNumista, load_sample_catalogue
from numista_frames.testing.market import Market, PriceChange

START = datetime(2026, 1, 1, 6, tzinfo=UTC)
GRADES = ["g", "vg", "f", "vf", "xf", "au", "unc"]


def pick_types(issues: int) -> tuple[list[int], dict[int, list[int]], dict[int, float]]:
    """Types with prices whose issues add up to about ``issues``; their issues and levels."""
    catalogue = load_sample_catalogue()
    types, by_type, level = [], {}, {}
    for type_id in catalogue.type_ids:
        listed = [int(i["id"]) for i in catalogue.get_issues(type_id)]
        if not 1 <= len(listed) <= 6:
            continue
        priced = {}
        for issue_id in listed:
            prices = {p["grade"]: float(p["price"])
                      for p in catalogue.get_prices(type_id, issue_id)["prices"]}
            grade = next((g for g in reversed(GRADES) if g in prices), None)
            if grade is None:
                break
            priced[issue_id] = prices[grade]
        else:
            types.append(type_id)
            by_type[type_id] = listed
            level.update(priced)
            if sum(map(len, by_type.values())) >= issues:
                break
    return types, by_type, level


def score(changes: list[PriceChange], seen: dict[int, list[datetime]],
          level: dict[int, float]) -> tuple[float, int]:
    """Value-weighted share of changes captured, and how many were captured."""
    by_issue: dict[int, list[datetime]] = {}
    for change in changes:
        by_issue.setdefault(change.issue_id, []).append(change.at)
    got = total = 0.0
    caught = 0
    for issue_id, times in by_issue.items():
        looks = sorted(seen.get(issue_id, []))
        for n, at in enumerate(times):
            end = times[n + 1] if n + 1 < len(times) else datetime.max.replace(tzinfo=UTC)
            k = bisect.bisect_left(looks, at)
            hit = k < len(looks) and looks[k] < end
            total += level[issue_id]
            if hit:
                got += level[issue_id]
                caught += 1
    return (got / total if total else 0.0), caught


def simulate(budgets: list[int], by_type: dict[int, list[int]],
             choose: Callable[[int, int, list[int]], list[int]]) -> tuple[dict[int, list[datetime]], int]:
    """A simulated tracker: issue lists first (one request each), then ``choose(day, k, issues)``."""
    pending = list(by_type)
    known: list[int] = []
    seen: dict[int, list[datetime]] = {}
    spent = 0
    for day, budget in enumerate(budgets):
        now = START + timedelta(days=day)
        while pending and budget > 0:
            known.extend(by_type[pending.pop(0)])
            budget, spent = budget - 1, spent + 1
        for issue_id in choose(day, budget, known):
            seen.setdefault(issue_id, []).append(now)
            spent += 1
    return seen, spent


def round_robin() -> Callable[[int, int, list[int]], list[int]]:
    cursor = [0]

    def choose(day: int, budget: int, issues: list[int]) -> list[int]:
        if not issues:
            return []
        picked = [issues[(cursor[0] + n) % len(issues)] for n in range(min(budget, len(issues)))]
        cursor[0] += len(picked)
        return picked
    return choose


def weekly(day: int, budget: int, issues: list[int]) -> list[int]:
    return list(issues) if day % 7 == 0 else []


def run_tracker(args: argparse.Namespace, seed: int, type_ids: list[int], issues: list[int]
                ) -> tuple[dict[int, list[datetime]], list[int], int, int, Market, float]:
    """Our policy, for real: nf.track once a simulated day against the fake in market mode."""
    market = Market(START, seed=seed)
    tmp = Path(tempfile.mkdtemp(prefix="nf-track-"))
    budgets, over = [], 0
    try:
        with FakeNumista(market=market) as api:
            nf.configure(api_url=api.url, api_key=api.api_key, cache_dir=tmp / "cache",
                         data_dir=tmp / "data", monthly_quota=args.monthly, quota_reserve=0,
                         requests_per_second=None)
            nf.watch(type_ids)
            month_spent: dict[str, int] = {}
            began = time.perf_counter()
            for day in range(args.days):
                now = START + timedelta(days=day)
                market.set_time(now)
                before = api.request_count()
                report = nf.track(now=now, progress=False)
                sent = api.request_count() - before
                over += max(0, sent - report.budget)
                month_spent[f"{now:%Y-%m}"] = month_spent.get(f"{now:%Y-%m}", 0) + sent
                budgets.append(report.budget)
            elapsed = time.perf_counter() - began
            began = time.perf_counter()
            history = nf.price_history_df(type_ids)
            print(f"  price_history_df of the {len(type_ids)} types: {len(history)} rows in "
                  f"{time.perf_counter() - began:.2f} s")
            seen: dict[int, list[datetime]] = {}
            for issue_id, at in history[["issue_id", "observed_at"]].drop_duplicates().itertuples(
                    index=False):
                seen.setdefault(int(issue_id), []).append(at.to_pydatetime())
            over_month = sum(max(0, n - args.monthly) for n in month_spent.values())
            market.set_time(START + timedelta(days=args.days))
            market.changes(issue_ids=issues)
            return seen, budgets, sum(month_spent.values()), over + over_month, market, elapsed
    finally:
        nf.reset_configuration()
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--issues", type=int, default=300)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--monthly", type=int, default=600)
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--index", default="marginal", choices=["marginal", "changed"],
                        help="the policy's priority index (revisit.priority)")
    parser.add_argument("--overdue-share", type=float, default=rv.OVERDUE_SHARE,
                        help="most of a run's budget overdue prices take first")
    args = parser.parse_args()
    rv.DEFAULT_INDEX = args.index
    rv.OVERDUE_SHARE = args.overdue_share
    type_ids, by_type, level = pick_types(args.issues)
    issues = [i for t in type_ids for i in by_type[t]]
    print(f"{len(type_ids)} types, {len(issues)} issues, {args.days} days, "
          f"{args.monthly} requests a month")
    for seed in range(args.seeds):
        seen, budgets, spent, over, market, elapsed = run_tracker(args, seed, type_ids, issues)
        end = START + timedelta(days=args.days)
        changes = market.changes(issue_ids=issues, until=end)
        ours, caught = score(changes, seen, level)
        rr_seen, rr_spent = simulate(budgets, by_type, round_robin())
        rr, rr_caught = score(changes, rr_seen, level)
        wk_seen, wk_spent = simulate([10**9] * args.days, by_type, weekly)
        wk, wk_caught = score(changes, wk_seen, level)
        print(f"seed {seed}: {len(changes)} true changes; tracker {elapsed:.1f} s for "
              f"{args.days} runs; over budget by {over} request(s)")
        print(f"  policy       {ours:6.1%} of value ({caught} changes), {spent} requests")
        print(f"  round-robin  {rr:6.1%} of value ({rr_caught} changes), {rr_spent} requests")
        print(f"  weekly       {wk:6.1%} of value ({wk_caught} changes), {wk_spent} requests")
        print(f"  policy / round-robin = {ours / rr if rr else float('inf'):.2f}x by value, "
              f"{caught / rr_caught if rr_caught else float('inf'):.2f}x by count; "
              f"{sum(budgets)} requests of budget in all")


if __name__ == "__main__":
    main()

"""One tracking run, start to end: budget, discovery, plan, checks, history and watchlist."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from numista_frames.exceptions import NotFoundError
from numista_frames.frames import normalize as nz
from numista_frames.http.batch import _bar  # the loaders' one progress bar
from numista_frames.http.client import Client
from numista_frames.http.ledger import QuotaLedger, key_id
from numista_frames.loaders import revisit as rv
from numista_frames.loaders import track_state as ts
from numista_frames.loaders.prices import snapshot_rows
from numista_frames.loaders.track_report import CHANGE_COLUMNS, PLAN_COLUMNS, TrackReport, frame_of
from numista_frames.loaders.track_run import (
    Found,
    Key,
    check_prices,
    discover,
    list_collections,
    next_day,
    parse_prices,
    spending,
)
from numista_frames.store.frame_cache import PriceSnapshots
from numista_frames.store.watchlist import Watchlist, WatchState

__all__ = ["month_remaining", "run", "watch_frame"]

logger = logging.getLogger(__name__)


def watch_frame(state: WatchState, now: datetime) -> pd.DataFrame:
    """The public watchlist frame of a state (see :func:`numista_frames.watchlist`)."""
    frame = state.resources
    rate = ts.rates(frame)
    level, grade = ts.price_levels(frame)
    due = [rv.due_after(r) for r in rate]
    next_due = (frame["last_checked"] + pd.to_timedelta(due, unit="D")).dt.floor("s")
    next_due = next_due.fillna(frame["added_at"])
    out = pd.DataFrame({
        "type_id": frame["type_id"].astype("Int64"), "issue_id": frame["issue_id"].astype("Int64"),
        "currency": frame["currency"], "weight": ts.effective_weights(frame),
        "added_at": frame["added_at"], "last_checked": frame["last_checked"],
        "last_changed": frame["last_changed"], "checks": frame["checks"].astype("Int64"),
        "changes": frame["changes"].astype("Int64"), "rate": rate, "next_due": next_due,
        "price": level, "price_grade": pd.Series(grade, dtype="string"),
        "source": frame["source"]})
    out = out.sort_values(["type_id", "issue_id", "currency"], kind="stable").reset_index(drop=True)
    out.attrs["pending_types"] = sorted(int(t) for t, i in state.types.items()
                                        if not i.get("discovered_at"))
    out.attrs["collections"] = sorted(state.collections)
    out.attrs["as_of"] = now.isoformat()
    return out


def month_remaining(client: Client, state: WatchState, now: datetime) -> int:
    """The month's quota left: the ledger's count or the tracker's own, whichever is larger."""
    s = client.settings
    status = QuotaLedger.at(s.ledger_path).status(key_id(s.api_key), s.monthly_quota, now=now,
                                                  api=s.api_url)
    if status.spent_per_api:
        return 0
    own = state.spent.get(f"{now:%Y-%m}", 0)
    return max(0, s.monthly_quota - max(status.used, own))


def run(client: Client, store: Watchlist, state: WatchState, now: datetime, limit: int,
         dry_run: bool, progress: bool | None, max_interval: float) -> TrackReport:
    lang = client.settings.lang
    found = Found()
    bodies: dict[Key, dict[str, Any]] = {}
    failures: list[tuple[Any, BaseException]] = []
    with spending(client, limit) as spender:
        try:
            discover(spender, state, now, lang, found)
            if found.stopped is None:
                list_collections(spender, state, now, found)
            ts.apply_found(state, found, now)
            planned, skipped = _plan(state, now, spender.left(), max_interval)
            keys = [] if dry_run or found.stopped else [
                (int(t), int(i), str(c)) for t, i, c in zip(
                    planned["type_id"].tolist(), planned["issue_id"].tolist(),
                    planned["currency"].tolist(), strict=True)]
            bar = _bar(len(keys), progress, "prices")
            try:
                check_prices(spender, keys, lang, bodies, failures,
                             None if bar is None else bar.update)
            finally:
                if bar is not None:
                    bar.close()
        finally:
            spent = spender.spent
            changes = _save(client, store, state, found, bodies, failures, now, spent)
    left_over = planned.iloc[len(bodies) + len(failures):] if not dry_run else planned.iloc[:0]
    skipped = pd.concat([left_over, skipped], ignore_index=True) if len(left_over) else skipped
    return TrackReport(now=now, budget=limit, spent=spent, checked=len(bodies), changes=changes,
                       plan=planned, skipped=skipped,
                       next_run=_next_run(state, now, skipped, spent >= limit),
                       dry_run=dry_run, discovered=found.count,
                       failures=[*found.failures, *failures])


def _plan(state: WatchState, now: datetime, budget: int,
          max_interval: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The prices to check (in order) and the due ones left out, as :data:`PLAN_COLUMNS` frames."""
    frame = state.resources
    weight, rate = ts.effective_weights(frame), ts.rates(frame)
    elapsed = ts.elapsed_days(frame, now)
    plan = rv.plan_checks(weight, rate, elapsed, budget, max_interval_days=max_interval,
                          index=rv.DEFAULT_INDEX)
    score = rv.priority(weight, rate, np.nan_to_num(elapsed, nan=0.0), index=rv.DEFAULT_INDEX)

    reasons = np.where(~np.isfinite(elapsed), "first check",
                       np.where(elapsed >= max_interval, "overdue", "priority"))

    def rows(positions: list[int]) -> pd.DataFrame:
        at = np.asarray(positions, dtype=int)
        picked = frame.iloc[at]
        return frame_of([], PLAN_COLUMNS) if not positions else pd.DataFrame({
            "type_id": picked["type_id"].to_numpy(), "issue_id": picked["issue_id"].to_numpy(),
            "currency": picked["currency"].to_numpy(), "reason": reasons[at],
            "weight": weight[at], "rate": rate[at], "priority": score[at], "cost": 1,
        }).astype(PLAN_COLUMNS)

    return rows(plan.chosen), rows(plan.skipped)


def _save(client: Client, store: Watchlist, state: WatchState, found: Found,
          bodies: dict[Key, dict[str, Any]], failures: list[tuple[Any, BaseException]],
          now: datetime, spent: int) -> pd.DataFrame:
    """Append the observations to the history (stamped ``now``) and record the run."""
    prices = {k: parse_prices(b) for k, b in bodies.items()}
    gone = [k for k, exc in failures if isinstance(exc, NotFoundError)]
    changes, _ = ts.apply_checks(state, prices, gone, now)
    if bodies:
        records = [nz.PriceRecord(t, i, body, None, now) for (t, i, _), body in bodies.items()]
        try:
            PriceSnapshots(client.settings.history_path).append(
                snapshot_rows(nz.normalize_prices(records), observed_at=now))
        except OSError as exc:
            logger.warning("could not add %d price observations to the history: %s",
                           len(records), exc)
    month = f"{now:%Y-%m}"

    def merge(fresh: WatchState) -> None:
        ts.apply_found(fresh, found, now)
        ts.copy_checked(fresh, state, [*prices, *gone])
        fresh.spent[month] = fresh.spent.get(month, 0) + spent

    store.update(merge)
    return frame_of(changes, CHANGE_COLUMNS)


def _next_run(state: WatchState, now: datetime, skipped: pd.DataFrame,
              exhausted: bool) -> datetime:
    """Tomorrow, when the budget ran out or some due prices were skipped (a new day brings a
    new budget); else when the next watched price falls due."""
    tomorrow = next_day(now)
    frame = watch_frame(state, now)
    if not skipped.empty or exhausted or frame.empty:
        return tomorrow
    due = frame["next_due"].min()
    return tomorrow if pd.isna(due) else max(min(due.floor("us").to_pydatetime(), tomorrow + timedelta(
        days=rv.DEFAULT_MAX_INTERVAL_DAYS)), now + timedelta(hours=1))

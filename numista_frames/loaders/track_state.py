"""The tracker's bookkeeping on the watchlist: weights, rates, due times, and applying what a
run learned (pure functions of a :class:`~numista_frames.store.watchlist.WatchState`)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from numista_frames.checks import GRADES
from numista_frames.loaders import revisit as rv
from numista_frames.loaders.track_report import change_rows
from numista_frames.loaders.track_run import Found, Key, encode_prices
from numista_frames.store.watchlist import KEY, WatchState, conform

__all__ = ["add_resources", "apply_checks", "apply_found", "effective_weights", "elapsed_days",
           "price_levels", "rates"]

#: Changed intervals kept per resource (the estimate needs no more; the oldest go first).
_KEEP_INTERVALS = 200


def _prices(raw: Any) -> dict[str, float] | None:
    if raw is None or raw is pd.NA or (isinstance(raw, float) and math.isnan(raw)):
        return None
    return {str(k): float(v) for k, v in json.loads(raw).items()}


def price_levels(resources: pd.DataFrame) -> tuple[np.ndarray, list[str | None]]:
    """The last known ``unc`` price of each resource, else its highest grade's (NaN if none)."""
    levels, grades = [], []
    for raw in resources["prices"]:
        prices = _prices(raw) or {}
        grade = next((g for g in reversed(GRADES) if g in prices), None)
        levels.append(prices[grade] if grade else np.nan)
        grades.append(grade)
    return np.asarray(levels, dtype=float), grades


def effective_weights(resources: pd.DataFrame) -> np.ndarray:
    """Each resource's weight: the one given to :func:`watch`, else its price level times
    its quantity (the collection value it stands for); never seen: the median of the known."""
    given = resources["weight"].to_numpy(dtype=float)
    quantity = np.nan_to_num(resources["quantity"].to_numpy(dtype=float), nan=1.0)
    level = price_levels(resources)[0] * np.where(quantity > 0, quantity, 1.0)
    weight = np.where(np.isfinite(given) & (given > 0), given, level)
    known = weight[np.isfinite(weight) & (weight > 0)]
    fill = float(np.median(known)) if known.size else 1.0
    return np.where(np.isfinite(weight) & (weight > 0), weight, fill)


def rates(resources: pd.DataFrame) -> np.ndarray:
    """Each resource's estimated change rate per day (:func:`revisit.estimate_rate`), with
    the watchlist's pooled rate as the prior (:func:`revisit.pooled_rate`)."""
    changed = [json.loads(ci) if isinstance(ci, str) else []
               for ci in resources["changed_intervals"]]
    quiet = np.nan_to_num(resources["unchanged_days"].to_numpy(dtype=float), nan=0.0)
    prior = rv.pooled_rate(changed, float(quiet.sum()))
    out = [rv.estimate_rate(c, float(u), prior_rate=prior) for c, u in zip(changed, quiet,
                                                                          strict=True)]
    return np.asarray(out, dtype=float)


def elapsed_days(resources: pd.DataFrame, now: datetime) -> np.ndarray:
    """Days since each resource's last check (NaN: never checked)."""
    last = resources["last_checked"]
    days = (pd.Timestamp(now) - last).dt.total_seconds() / 86400
    return np.asarray(days.to_numpy(dtype=float, na_value=np.nan), dtype=float)


def add_resources(state: WatchState, rows: Iterable[Mapping[str, Any]]) -> int:
    """Add resources not yet watched (keyed by type, issue, currency); returns how many."""
    have = set(map(tuple, state.resources[KEY].itertuples(index=False)))
    new = []
    for row in rows:
        key = (int(row["type_id"]), int(row["issue_id"]), str(row["currency"]))
        if key not in have:
            have.add(key)
            new.append(dict(row))
    if new:
        frame = conform(pd.DataFrame(new))
        state.resources = frame if state.resources.empty else conform(
            pd.concat([state.resources, frame], ignore_index=True))
    return len(new)


def apply_found(state: WatchState, found: Found, now: datetime) -> None:
    """Record discovered issue lists and collection listings (idempotent: also applied again
    to the state re-read at the end of a run)."""
    stamp = pd.Timestamp(now).isoformat()
    rows: list[dict[str, Any]] = []
    for type_id, issues in found.issues.items():
        info = state.types.get(str(type_id))
        if info is None:
            continue  # unwatched meanwhile
        info["discovered_at"] = stamp
        rows.extend({"type_id": type_id, "issue_id": i, "currency": info["currency"],
                     "weight": _float(info.get("weight")), "quantity": np.nan,
                     "source": "type", "added_at": now} for i in issues)
    add_resources(state, rows)
    for name, items in found.items.items():
        info = state.collections.get(name)
        if info is None:
            continue
        info["listed_at"] = stamp
        _sync_collection(state, f"collection:{name}", info, items, now)


def _float(value: Any) -> float:
    return float("nan") if value is None else float(value)


def _sync_collection(state: WatchState, source: str, info: Mapping[str, Any],
                     items: list[tuple[int, int, float]], now: datetime) -> None:
    """Watch the collection's issues, with their quantities; forget those no longer in it."""
    currency = info["currency"]
    held = {(t, i, currency): q for t, i, q in items}
    frame = state.resources
    keys = list(map(tuple, frame[KEY].itertuples(index=False)))
    gone = [(frame["source"].iloc[n] == source) and k not in held for n, k in enumerate(keys)]
    state.resources = frame[~np.asarray(gone, dtype=bool)].reset_index(drop=True)
    add_resources(state, [{"type_id": t, "issue_id": i, "currency": c,
                           "weight": _float(info.get("weight")), "quantity": q,
                           "source": source, "added_at": now} for (t, i, c), q in held.items()])
    index = {k: n for n, k in enumerate(map(tuple, state.resources[KEY].itertuples(index=False)))}
    for key, quantity in held.items():
        state.resources.loc[index[key], "quantity"] = quantity


def apply_checks(state: WatchState, bodies: Mapping[Key, Mapping[str, float]],
                 missing: Iterable[Key], now: datetime) -> tuple[list[dict[str, Any]], int]:
    """Record checked prices on the state (statistics, last prices); returns the change rows
    and how many resources changed. ``missing`` were checked but are gone (404)."""
    frame = state.resources
    index = {k: n for n, k in enumerate(map(tuple, frame[KEY].itertuples(index=False)))}
    changes: list[dict[str, Any]] = []
    moved = 0
    stamp = pd.Timestamp(now)
    for key in [*bodies, *missing]:
        n = index.get(key)
        if n is None:
            continue
        new = bodies.get(key)
        row: dict[str, Any] = {str(k): val for k, val in frame.iloc[n].items()}
        _set(frame, n, last_checked=stamp, checks=int(row["checks"]) + 1)
        if new is None:
            continue
        old = _prices(row["prices"])
        _set(frame, n, prices=encode_prices(dict(new)))
        if old is None:
            continue  # the first observation: a baseline, not a change
        last = row["last_checked"]
        elapsed = (stamp - last).total_seconds() / 86400 if pd.notna(last) else 0.0
        if dict(new) != old:
            moved += 1
            changes.extend(change_rows(key, old, new, None if pd.isna(last) else last, now))
            _set(frame, n, last_changed=stamp, changes=int(row["changes"]) + 1)
            if elapsed > 0:
                kept = json.loads(row["changed_intervals"]) if isinstance(
                    row["changed_intervals"], str) else []
                _set(frame, n, changed_intervals=json.dumps(
                    [*kept, round(elapsed, 6)][-_KEEP_INTERVALS:]))
        elif elapsed > 0:
            _set(frame, n, unchanged_days=float(np.nan_to_num(row["unchanged_days"])) + elapsed)
    return changes, moved


def copy_checked(target: WatchState, source: WatchState, keys: Iterable[Key]) -> None:
    """Copy the tracker's columns of ``keys`` from ``source`` onto ``target`` (the state
    re-read under the lock at the end of a run, which may have gained or lost entries)."""
    columns = ["last_checked", "last_changed", "checks", "changes", "unchanged_days",
               "changed_intervals", "prices"]
    src = {k: n for n, k in enumerate(map(tuple, source.resources[KEY].itertuples(index=False)))}
    index = {k: n for n, k in enumerate(map(tuple, target.resources[KEY].itertuples(index=False)))}
    for key in keys:
        n, m = index.get(key), src.get(key)
        if n is not None and m is not None:
            _set(target.resources, n, **{c: source.resources[c].iloc[m] for c in columns})


def _set(frame: pd.DataFrame, position: int, **values: Any) -> None:
    """Set some cells of one row (the resources frame has a RangeIndex)."""
    for column, value in values.items():
        frame.at[position, column] = value

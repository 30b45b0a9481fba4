"""Price history that builds itself: the watchlist and the quota-budgeted tracker (nf.watch, nf.track)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd

from numista_frames import checks as v
from numista_frames.http.client import Client
from numista_frames.loaders import revisit as rv
from numista_frames.loaders import track_state as ts
from numista_frames.loaders.jobs import current_client, loader
from numista_frames.loaders.track_core import month_remaining, run, watch_frame
from numista_frames.loaders.track_report import TrackReport
from numista_frames.settings import get_settings
from numista_frames.store.watchlist import Watchlist, WatchState

__all__ = ["TrackReport", "track", "unwatch", "watch", "watchlist"]


def _store() -> Watchlist:
    return Watchlist(get_settings().watchlist_path)


def _when(now: Any) -> datetime:
    """``now`` as an aware UTC datetime (naive means UTC); the current time when None."""
    if now is None:
        return datetime.now(UTC)
    if not isinstance(now, datetime | pd.Timestamp | str):
        raise TypeError(f"now must be a datetime (or an ISO 8601 string); got {type(now).__name__}")
    try:
        stamp = pd.Timestamp(now)
    except ValueError:
        raise ValueError(f"now must be a date and time; got {now!r}") from None
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return stamp.floor("us").to_pydatetime()  # datetime holds microseconds


def _issue_pairs(type_ids: list[int] | None, issue_ids: Any) -> list[tuple[int, int]]:
    """(type_id, issue_id) pairs from ``issue_ids``: ids with one type, or pairs."""
    items = list(issue_ids) if isinstance(issue_ids, list | tuple | set) else [issue_ids]
    if items and all(isinstance(i, tuple | list) and len(i) == 2 for i in items):
        if type_ids:
            raise ValueError("give issue_ids as (type_id, issue_id) pairs or with one type id, "
                             "not both")
        return [(v.positive_int(t, "type_id"), v.positive_int(i, "issue_id")) for t, i in items]
    issues = v.positive_ints(issue_ids, "issue_ids")
    if not type_ids or len(type_ids) != 1:
        raise ValueError("issue_ids need their type: pass one type id with them "
                         "(watch(1254, issue_ids=[2034, 2035])) or (type_id, issue_id) pairs; "
                         "watching issues alone would cost a request to learn their types")
    return [(type_ids[0], i) for i in issues]


def watch(type_ids: Any = None, *, issue_ids: Any = None, collection: bool | int | None = None,
          currency: str | None = None, weight: float | None = None) -> pd.DataFrame:
    """Add prices to the watchlist that :func:`track` follows; spends no request.

    Parameters
    ----------
    type_ids : int or iterable of int, optional
        Types to follow with all their issues (their issue lists are read by :func:`track`,
        inside its budget).
    issue_ids : int, iterable of int, or iterable of (type_id, issue_id), optional
        Only these issues: with exactly one type id, or as pairs.
    collection : True or int, optional
        ``True``: the key's whole collection (OAuth); an int: that collection. It is
        followed: items added later are watched from the next run.
    currency : str, optional
        Currency of the prices (default: the ``currency`` setting).
    weight : float, optional
        Value weight of these prices; default: their price level (or the collection value
        they stand for), so a 500 EUR coin is checked more often than a 1 EUR one.

    Returns
    -------
    DataFrame
        The watchlist after the change (see :func:`watchlist`).

    Raises
    ------
    ValueError, TypeError
        For a bad argument, or when nothing is given to watch.
    """
    ids = None if type_ids is None else v.positive_ints(type_ids, "type_ids")
    pairs = [] if issue_ids is None else _issue_pairs(ids, issue_ids)
    whole = [] if ids is None or issue_ids is not None else ids
    if collection is not None and collection is not True:
        collection = v.positive_int(collection, "collection")
    if collection is False or (not whole and not pairs and collection is None):
        raise ValueError("nothing to watch: pass type ids, issue_ids or collection=True")
    cur = v.check_currency(get_settings().currency if currency is None else currency)
    if weight is not None and (isinstance(weight, bool) or not isinstance(weight, int | float)
                               or not weight > 0):
        raise ValueError(f"weight must be a number > 0; got {weight!r}")
    now = datetime.now(UTC)
    info = {"currency": cur, "weight": weight, "added_at": now.isoformat()}

    def change(state: WatchState) -> None:
        for t in whole:
            state.types.setdefault(str(t), {**info, "discovered_at": None})["weight"] = weight
        if collection is not None:
            name = "me" if collection is True else str(collection)
            state.collections.setdefault(name, {**info, "listed_at": None})["weight"] = weight
        ts.add_resources(state, [{"type_id": t, "issue_id": i, "currency": cur,
                                  "weight": np.nan if weight is None else float(weight),
                                  "quantity": np.nan, "source": "issue", "added_at": now}
                                 for t, i in pairs])
        if weight is not None:
            _reweigh(state, whole, pairs, cur, float(weight))

    _store().update(change)
    return watchlist()


def _reweigh(state: WatchState, types: list[int], pairs: list[tuple[int, int]], currency: str,
             weight: float) -> None:
    """Give a new weight to already watched resources named again."""
    frame = state.resources
    mine = (frame["currency"] == currency) & (
        frame["type_id"].isin(types) | pd.Series(list(zip(frame["type_id"], frame["issue_id"],
                                                          strict=True)), dtype=object).isin(pairs))
    frame.loc[mine.to_numpy(dtype=bool), "weight"] = weight


def unwatch(type_ids: Any = None, *, issue_ids: Any = None, collection: bool | int | None = None,
            currency: str | None = None) -> int:
    """Remove prices from the watchlist; spends no request.

    Parameters
    ----------
    type_ids, issue_ids, collection
        What to stop following, as in :func:`watch` (a type id removes the type and all its
        watched issues; ``collection`` stops following it and drops the issues it brought).
    currency : str, optional
        Only entries in this currency (default: every currency).

    Returns
    -------
    int
        How many watched prices were removed.

    Raises
    ------
    ValueError, TypeError
        For a bad argument, or when nothing is named.
    """
    ids = None if type_ids is None else v.positive_ints(type_ids, "type_ids")
    pairs = set() if issue_ids is None else set(_issue_pairs(ids, issue_ids))
    whole = set() if ids is None or issue_ids is not None else set(ids)
    name = None if collection is None else ("me" if collection is True else
                                            str(v.positive_int(collection, "collection")))
    if not whole and not pairs and name is None:
        raise ValueError("nothing to unwatch: pass type ids, issue_ids or collection")
    cur = None if currency is None else v.check_currency(currency)
    removed = 0

    def change(state: WatchState) -> None:
        nonlocal removed
        frame = state.resources
        in_cur = np.ones(len(frame), bool) if cur is None else (frame["currency"] == cur).to_numpy()
        hit = np.asarray([t in whole or (t, i) in pairs or s == f"collection:{name}"
                          for t, i, s in zip(frame["type_id"], frame["issue_id"],
                                             frame["source"].fillna(""), strict=True)], bool)
        removed = int((hit & in_cur).sum())
        state.resources = frame[~(hit & in_cur)].reset_index(drop=True)
        for t in whole:
            if cur is None or state.types.get(str(t), {}).get("currency") == cur:
                state.types.pop(str(t), None)
        if name is not None:
            state.collections.pop(name, None)

    _store().update(change)
    return removed


def watchlist(*, now: Any = None) -> pd.DataFrame:
    """The watched prices: one row per (type_id, issue_id, currency); spends no request.

    Parameters
    ----------
    now : datetime, optional
        The time ``next_due`` is reckoned from (default: now, UTC).

    Returns
    -------
    DataFrame
        type_id, issue_id, currency, weight (the one in use), added_at, last_checked,
        last_changed, checks, changes, rate (estimated changes per day), next_due, price and
        price_grade (the last ``unc`` price, or the highest grade present), source. Types
        whose issue lists are not read yet have no row until :func:`track` reads them;
        ``df.attrs["pending_types"]`` lists them.
    """
    when = _when(now)
    state = _store().read()
    return watch_frame(state, when)


@loader
def track(*, budget: int | None = None, now: Any = None, dry_run: bool = False,
          progress: bool | None = None, max_interval: float = rv.DEFAULT_MAX_INTERVAL_DAYS,
          client: Client | None = None) -> TrackReport:
    """Check the watched prices most likely to have moved, within a request budget.

    One run reads the issue lists of newly watched types and lists followed collections,
    then fetches past the HTTP cache the prices the revisit policy picks (see
    :mod:`numista_frames.loaders.revisit`): first those never checked or not checked for
    ``max_interval`` days, then those with the highest value times chance of a change. The
    observations are appended to the price history stamped with ``now``.

    Parameters
    ----------
    budget : int, optional
        Most requests to spend, all included (issue lists, collection listings, tokens,
        retries). Default: the month's remaining quota less the ``quota_reserve`` setting,
        spread evenly over the days left in the UTC month. Never more than the month's
        remaining quota (the ledger's count, or what the tracker spent in ``now``'s month).
    now : datetime or str, optional
        The run's time (default: the current UTC time; naive means UTC). Every decision uses
        it and every observation is stamped with it, so a simulation runs months in seconds.
    dry_run : bool
        Return the plan (what would be checked, at what cost) without fetching prices; issue
        lists not yet known are read (and counted).
    progress : bool, optional
        A progress bar over the price checks (default: in a terminal, for several).
    max_interval : float
        Days after which a watched price is checked whatever its estimate (while the budget
        allows): the starvation bound.
    client : Client, optional
        The client to use; default: the one of :func:`numista_frames.configure`.

    Returns
    -------
    TrackReport

    Raises
    ------
    ValueError, TypeError
        For a bad argument, before any request.
    ConfigurationError
        Without an API key.
    """
    when = _when(now)
    if budget is not None and (isinstance(budget, bool) or not isinstance(budget, int | np.integer)
                               or budget < 0):
        raise ValueError(f"budget must be an integer >= 0 (requests); got {budget!r}")
    if isinstance(max_interval, bool) or not isinstance(max_interval, int | float) or not max_interval > 0:
        raise ValueError(f"max_interval must be a number of days > 0; got {max_interval!r}")
    c = current_client()
    store = Watchlist(c.settings.watchlist_path)
    state = store.read()
    remaining = month_remaining(c, state, when)
    limit = (rv.daily_budget(remaining, c.settings.quota_reserve, when) if budget is None
             else min(int(budget), remaining))
    return run(c, store, state, when, limit, dry_run, progress, float(max_interval))

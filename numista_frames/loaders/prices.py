"""Fetching price estimates: issues first, then one request per issue, every network answer kept."""

from __future__ import annotations

import logging
from typing import Any

import pandas as pd

from numista_frames.exceptions import OfflineError
from numista_frames.frames import normalize as nz
from numista_frames.http.batch import is_per_id, run_batch
from numista_frames.http.client import Client
from numista_frames.http.records import RequestRecord
from numista_frames.loaders.jobs import Fetched, count_missing
from numista_frames.store.frame_cache import PriceSnapshots

__all__ = ["PriceFetch", "snapshot_rows"]

logger = logging.getLogger(__name__)

Key = tuple[int, int]


def snapshot_rows(prices: pd.DataFrame, *, observed_at: Any = None) -> pd.DataFrame:
    """Price-history observations from a ``prices`` frame (``fetched_at`` becomes ``observed_at``).

    ``observed_at`` (a tz-aware time), when given, stamps every row instead: the price
    tracker stamps a run's observations with the run's ``now``.

    Examples
    --------
    >>> body = {"currency": "EUR", "prices": [{"grade": "vf", "price": 2.5}]}
    >>> frame = nz.normalize_prices([(1, 2, body)], fetched_at="2026-11-26T00:00:00Z")
    >>> snapshot_rows(frame).columns.tolist()
    ['type_id', 'issue_id', 'currency', 'grade', 'price', 'observed_at']
    """
    rows = prices.loc[:, ["type_id", "issue_id", "currency", "grade", "price", "fetched_at"]]
    rows = rows.rename(columns={"fetched_at": "observed_at"}).reset_index(drop=True)
    if observed_at is not None:
        rows["observed_at"] = pd.Series(pd.Timestamp(observed_at), index=rows.index,
                                        dtype=rows["observed_at"].dtype)
    return rows


class PriceFetch:
    """The requests behind :func:`numista_frames.prices_df` and their dry-run count."""

    def __init__(self, type_ids: list[int], issue_ids: list[int] | None, currency: str,
                 lang: str) -> None:
        self.type_ids, self.issue_ids = type_ids, issue_ids
        self.currency, self.lang = currency, lang

    def _keys(self, issues: dict[int, list[dict[str, Any]]]) -> dict[Key, dict[str, Any]]:
        wanted = None if self.issue_ids is None else set(self.issue_ids)
        return {(t, int(i["id"])): i for t in self.type_ids for i in issues.get(t, [])
                if wanted is None or int(i["id"]) in wanted}

    def fetch(self, client: Client, refresh: bool, progress: bool | None) -> Fetched:
        workers = client.settings.max_concurrent
        lists = run_batch(self.type_ids, lambda t: client.get_issues(t, lang=self.lang,
                                                                     refresh=refresh),
                          workers=workers, progress=progress, desc="issue lists",
                          cache=client)
        keys = self._keys(lists.results)
        done: dict[Key, tuple[dict[str, Any], RequestRecord]] = {}

        def one(key: Key) -> None:
            with client.track() as records:
                body = client.get_prices(*key, currency=self.currency, lang=self.lang,
                                         refresh=refresh)
            done[key] = (body, records[-1])

        try:
            got = run_batch(list(keys), one, workers=workers, progress=progress, desc="prices",
                            cache=client)
        finally:
            self._keep(client, keys, done)  # even when the quota stopped the batch
        rows = [nz.PriceRecord(t, i, done[(t, i)][0], keys[(t, i)], done[(t, i)][1].fetched_at)
                for (t, i) in keys if (t, i) in done]
        return Fetched(nz.normalize_prices(rows),
                       [*lists.failures, *got.failures, *self._strangers(lists.results, keys)])

    def _strangers(self, issues: dict[int, Any], keys: dict[Key, Any]) -> list[tuple[Any, Exception]]:
        """Asked-for issue ids that belong to none of the types (once their lists are known)."""
        if self.issue_ids is None or len(issues) < len(self.type_ids):
            return []
        found = {i for _, i in keys}
        return [(i, LookupError(f"issue {i} is not an issue of type(s) "
                                f"{', '.join(map(str, self.type_ids))}"))
                for i in self.issue_ids if i not in found]

    def _keep(self, client: Client, keys: dict[Key, dict[str, Any]],
              done: dict[Key, tuple[dict[str, Any], RequestRecord]]) -> None:
        fresh = [nz.PriceRecord(t, i, body, keys[(t, i)], record.fetched_at)
                 for (t, i), (body, record) in done.items() if not record.from_cache]
        if not fresh:
            return
        try:
            PriceSnapshots(client.settings.history_path).append(
                snapshot_rows(nz.normalize_prices(fresh)))
        except OSError as exc:
            logger.warning("could not add %d price observations to the history: %s",
                           len(fresh), exc)

    def plan(self, client: Client, refresh: bool) -> int:
        spent, issues = 0, {}
        for t in self.type_ids:
            try:
                issues[t] = client.get_issues(t, lang=self.lang, cache_only=True)
                continue
            except OfflineError:
                pass
            spent += 1  # fetched now to learn the issues; the real call reuses the answer ...
            try:
                issues[t] = client.get_issues(t, lang=self.lang)
            except Exception as exc:
                if not is_per_id(exc):
                    raise
                spent += 1  # ... unless it failed: errors are not cached, it is sent again
        lists = len(self.type_ids) if refresh else 0
        return spent + lists + count_missing(
            self._keys(issues), lambda k: client.get_prices(*k, currency=self.currency,
                                                            lang=self.lang, cache_only=True),
            refresh)

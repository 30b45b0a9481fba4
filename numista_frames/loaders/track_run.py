"""One tracking run's requests: the budget's counter, issue-list discovery, collection listing
and price checks, every request counted before and after it is sent."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pandas as pd

from numista_frames.exceptions import (
    NotFoundError,
    NumistaError,
    OfflineError,
    QuotaExceededError,
    TransportError,
)
from numista_frames.http.batch import is_per_id
from numista_frames.http.client import Client
from numista_frames.http.ledger import QuotaLedger, key_id
from numista_frames.http.records import RequestRecord
from numista_frames.store.watchlist import WatchState

__all__ = ["Found", "Spender", "check_prices", "discover", "list_collections", "parse_prices"]

logger = logging.getLogger(__name__)

#: A watched type's issue list is read again after this many days (new issues appear rarely).
REDISCOVER_DAYS = 180.0
#: A watched collection is listed at most once in this many hours.
RELIST_HOURS = 20.0

Key = tuple[int, int, str]


class Spender:
    """Counts every request of a run against its budget, before and after sending.

    Spent is the larger of two counts: the quota ledger's rows for this key and API since the
    run began (every attempt, retries included) and the answered network requests recorded in
    the run's context. A request is sent only when its worst case fits what is left: a client
    with fewer retries is used near the end of the budget, so retries never overshoot it.

    Parameters
    ----------
    client : Client
        The run's client.
    budget : int
        Requests the run may spend.
    records : list of RequestRecord
        The list :meth:`Client.track` fills for the run.
    """

    def __init__(self, client: Client, budget: int, records: list[RequestRecord]) -> None:
        self.client, self.budget, self._records = client, max(int(budget), 0), records
        self._ledger = QuotaLedger.at(client.settings.ledger_path)
        self._key = key_id(client.settings.api_key)
        self._start = self._ledger_used()
        self._tails: dict[int, Client] = {}

    def _ledger_used(self) -> int:
        try:
            return self._ledger.used(self._key, api=self.client.settings.api_url)
        except (sqlite3.Error, OSError):
            return 0

    @property
    def spent(self) -> int:
        """Requests spent since the run began."""
        network = sum(not r.from_cache for r in self._records)
        return max(network, self._ledger_used() - self._start)

    def left(self) -> int:
        """Requests still affordable."""
        return max(self.budget - self.spent, 0)

    def client_for(self, cost: int) -> Client | None:
        """A client whose worst case (``cost`` requests, every retry taken) fits, else None."""
        left = self.left()
        if cost < 1 or left < cost:
            return None
        full = self.client.settings.max_retries
        retries = min(full, (left - cost) // cost)
        if retries >= full:
            return self.client
        tail = self._tails.get(retries)
        if tail is None:
            tail = self._tails[retries] = Client(self.client.settings.replace(max_retries=retries))
        return tail

    def close(self) -> None:
        """Close the clients made for the end of the budget."""
        for tail in self._tails.values():
            tail.close()


@contextmanager
def spending(client: Client, budget: int) -> Iterator[Spender]:
    """A :class:`Spender` for a run, counting what is sent inside the ``with`` block."""
    with client.track() as records:
        spender = Spender(client, budget, records)
        try:
            yield spender
        finally:
            spender.close()


@dataclass
class Found:
    """What discovery learned: issue ids per type, items per collection, failures."""

    issues: dict[int, list[int]] = field(default_factory=dict)
    items: dict[str, list[tuple[int, int, float]]] = field(default_factory=dict)
    failures: list[tuple[Any, BaseException]] = field(default_factory=list)
    stopped: BaseException | None = None

    @property
    def count(self) -> int:
        """Issue lists and collection listings read."""
        return len(self.issues) + len(self.items)


def _age_days(stamp: Any, now: datetime) -> float:
    if not stamp:
        return float("inf")
    return (now - pd.Timestamp(stamp).to_pydatetime()).total_seconds() / 86400


def discover(spender: Spender, state: WatchState, now: datetime, lang: str,
             found: Found) -> None:
    """Read the issue lists of watched types never read, or read ``REDISCOVER_DAYS`` ago.

    Types never read come first; re-reads take at most a tenth of the budget. With the budget
    spent, only answers still in the HTTP cache are used.
    """
    ages = {int(t): _age_days(info.get("discovered_at"), now) for t, info in state.types.items()}
    new = sorted(t for t, age in ages.items() if age == float("inf"))
    old = sorted((t for t, age in ages.items() if REDISCOVER_DAYS <= age < float("inf")),
                 key=lambda t: -ages[t])[:max(1, spender.budget // 10)]
    for type_id in [*new, *old]:
        client = spender.client_for(1)
        try:
            if client is None:  # the budget is spent: what the HTTP cache still holds is free
                issues = spender.client.get_issues(type_id, lang=lang, cache_only=True)
            else:
                issues = client.get_issues(type_id, lang=lang)
        except OfflineError:
            return  # the others are most likely not cached either
        except NumistaError as exc:
            if isinstance(exc, NotFoundError):
                found.issues[type_id] = []  # a type gone from the catalogue: nothing to follow
            if _stop(exc, type_id, found):
                return
            continue
        found.issues[type_id] = [int(i["id"]) for i in issues if i.get("id") is not None]


def list_collections(spender: Spender, state: WatchState, now: datetime,
                     found: Found) -> None:
    """List each watched collection (at most once per ``RELIST_HOURS``), when affordable."""
    for name, info in sorted(state.collections.items()):
        if _age_days(info.get("listed_at"), now) * 24 < RELIST_HOURS:
            continue
        client = spender.client_for(1 + spender.client.token_cost())
        if client is None:
            continue
        try:
            body = client.get_collected_items(collection=None if name == "me" else int(name))
        except NumistaError as exc:
            if _stop(exc, f"collection {name}", found):
                return
            continue
        found.items[name] = _collected(body)


def _collected(body: Any) -> list[tuple[int, int, float]]:
    """(type_id, issue_id, quantity) per collected issue; items without an issue are left out."""
    totals: dict[tuple[int, int], float] = {}
    for item in (body or {}).get("items") or []:
        type_id = (item.get("type") or {}).get("id")
        issue_id = (item.get("issue") or {}).get("id")
        if type_id is None or issue_id is None:
            continue
        key = (int(type_id), int(issue_id))
        totals[key] = totals.get(key, 0.0) + float(item.get("quantity") or 1)
    return [(t, i, q) for (t, i), q in sorted(totals.items())]


def _stop(exc: NumistaError, key: Any, found: Found) -> bool:
    """Record a failure; True when it concerns every request (the run stops sending)."""
    found.failures.append((key, exc))
    if is_per_id(exc) or isinstance(exc, NotFoundError):
        return False
    found.stopped = exc
    return True


def parse_prices(body: Any) -> dict[str, float]:
    """``{grade: price}`` from a prices body.

    Examples
    --------
    >>> parse_prices({"currency": "EUR", "prices": [{"grade": "vf", "price": 2}]})
    {'vf': 2.0}
    """
    out = {}
    for entry in (body or {}).get("prices") or []:
        grade, price = entry.get("grade"), entry.get("price")
        if grade is not None and price is not None:
            out[str(grade)] = round(float(price), 6)
    return out


def check_prices(spender: Spender, keys: Sequence[Key], lang: str,
                 bodies: dict[Key, dict[str, Any]], failures: list[tuple[Any, BaseException]],
                 progress: Callable[[int], None] | None = None) -> None:
    """Fetch each key's prices past the HTTP cache while the budget allows, into ``bodies``
    (filled as they come, so an error that stops the run keeps what was fetched)."""
    for key in keys:
        client = spender.client_for(1)
        if client is None:
            break
        try:
            bodies[key] = client.get_prices(key[0], key[1], currency=key[2], lang=lang,
                                            refresh=True)
        except NumistaError as exc:
            failures.append((key, exc))
            if isinstance(exc, QuotaExceededError) or (
                    isinstance(exc, TransportError) and not exc.connected):
                break
            if not (is_per_id(exc) or isinstance(exc, NotFoundError)):
                raise
        if progress is not None:
            progress(1)


def encode_prices(prices: dict[str, float]) -> str:
    """The stored form of a price observation (sorted JSON)."""
    return json.dumps(prices, sort_keys=True)


def next_day(now: datetime) -> datetime:
    """The start of the UTC day after ``now`` (when tomorrow's budget arrives)."""
    return (pd.Timestamp(now).floor("D") + timedelta(days=1)).to_pydatetime()

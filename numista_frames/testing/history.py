"""SYNTHETIC price history for the sample catalogue: monthly snapshots over three years.

Numista keeps no price history; the local one grows as prices are fetched. So that the demo,
the notebooks and the docs have movement to show, this makes invented monthly observations for
a subset of the sample's types, walking back from their current estimates. They are labelled
synthetic (``df.attrs["synthetic"] = True``) and must never be taken for real prices.
"""

from __future__ import annotations

import random
from typing import Any

import pandas as pd

from numista_frames.testing.catalogue import SampleCatalogue, load_sample_catalogue

__all__ = ["SAMPLE_HISTORY_TYPES", "sample_price_history"]

#: How many of the sample's dollar types get a synthetic history.
SAMPLE_HISTORY_TYPES = 12
_GRADES = ("g", "vg", "f", "vf", "xf", "au", "unc")


def _history_types(catalogue: SampleCatalogue, count: int) -> list[int]:
    """Dollar types with priced issues, first by id (deterministic)."""
    search = catalogue.search({"q": "dollar", "count": "100"})
    ids = [int(t["id"]) for t in search["types"]]
    priced = [t for t in ids if any(catalogue.get_prices(t, i["id"])["prices"]
                                    for i in catalogue.get_issues(t)[:3])]
    return priced[:count]


def sample_price_history(*, types: int = SAMPLE_HISTORY_TYPES, months: int = 36,
                         end: str = "2026-11-01", seed: int = 20261126,
                         catalogue: SampleCatalogue | None = None) -> pd.DataFrame:
    """Invented monthly price observations, ending at today's sample estimates.

    Parameters
    ----------
    types : int
        How many types (the first priced dollar types of the sample).
    months : int
        Monthly snapshots back from ``end``.
    end : str
        Date of the last snapshot (UTC, first of the month).
    seed : int
        Seed of the random walk (the same seed gives the same frame).

    Returns
    -------
    DataFrame
        Columns type_id, issue_id, currency ("EUR"), grade, price, observed_at; attrs say
        ``synthetic: True``. Import it with ``nf.import_price_history(frame)``.

    Examples
    --------
    >>> h = sample_price_history(types=1, months=3)
    >>> h["observed_at"].dt.strftime("%Y-%m").unique().tolist()
    ['2026-09', '2026-10', '2026-11']
    """
    cat = catalogue or load_sample_catalogue()
    rng = random.Random(seed)
    dates = pd.date_range(end=pd.Timestamp(end, tz="UTC"), periods=months, freq="MS")
    rows: list[dict[str, Any]] = []
    for type_id in _history_types(cat, types):
        for issue in cat.get_issues(type_id)[:3]:
            current = {p["grade"]: float(p["price"]) for p in cat.get_prices(type_id, issue["id"])["prices"]}
            if current:
                rows.extend(_walk(rng, type_id, int(issue["id"]), current, dates))
    frame = pd.DataFrame(rows, columns=["type_id", "issue_id", "currency", "grade", "price",
                                        "observed_at"])
    frame = frame.sort_values(["type_id", "issue_id", "observed_at"], kind="stable")
    frame = frame.reset_index(drop=True)
    frame.attrs.update(synthetic=True, source="SYNTHETIC sample data (not Numista prices)")
    return frame


def _walk(rng: random.Random, type_id: int, issue_id: int, current: dict[str, float],
          dates: pd.DatetimeIndex) -> list[dict[str, Any]]:
    """A multiplicative random walk backwards from today's prices, one factor per month for
    the whole issue (grades move together, keeping their order)."""
    factors, level = [], 1.0
    for _ in dates:
        factors.append(level)
        level /= 1.0 + rng.gauss(0.006, 0.03)  # a slow upward drift, seen backwards
    rows = []
    for date, factor in zip(reversed(dates), factors, strict=True):
        for grade in _GRADES:
            if grade in current:
                rows.append({"type_id": type_id, "issue_id": issue_id, "currency": "EUR",
                             "grade": grade, "price": round(current[grade] * factor, 2),
                             "observed_at": date})
    return rows

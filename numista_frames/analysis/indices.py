"""A price index over many types from the local price history (pure)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from numista_frames.checks import check_grade

__all__ = ["price_index"]

_COLUMNS = ("type_id", "grade", "price", "observed_at")


def price_index(history: pd.DataFrame, *, grade: str = "unc", freq: str = "MS",
                base: float = 100.0) -> pd.DataFrame:
    """A chained price index of the types in a price history, one row per period.

    Each type's price in a period is the median of its observations there (all its issues).
    Each period is then compared with the last period that had prices, over the types priced
    in **both** (the median of their price ratios), and the links are multiplied from
    ``base``. A type that appears, or stops being fetched, moves nothing: only like is
    compared with like, so one newly fetched type cannot make the index jump.

    Parameters
    ----------
    history : DataFrame
        ``nf.price_history_df()`` rows (``type_id, grade, price, observed_at``), in one currency.
    grade : str
        The grade whose prices are indexed (``"unc"``; any case).
    freq : str
        The period, a pandas frequency: ``"MS"`` (months), ``"W"``, ``"QS"`` ...
    base : float
        The index of the first period.

    Returns
    -------
    DataFrame
        Indexed by the period's start (UTC): ``index`` (float; NaN for a period sharing no type
        with the one before it), ``types`` (how many types the link compared) and ``priced``
        (how many types had a price in the period).

    Raises
    ------
    ValueError
        If columns are missing, the grade is unknown or the prices mix currencies.

    Examples
    --------
    >>> h = pd.DataFrame({"type_id": [1, 2, 1, 2, 3], "grade": "unc",
    ...     "price": [10.0, 20.0, 11.0, 22.0, 500.0],
    ...     "observed_at": pd.to_datetime(["2026-01-05", "2026-01-05", "2026-02-05",
    ...                                    "2026-02-05", "2026-02-05"], utc=True)})
    >>> price_index(h)["index"].round(1).tolist()  # type 3 is new in February: not compared
    [100.0, 110.0]
    """
    missing = [c for c in _COLUMNS if c not in history.columns]
    if missing:
        raise ValueError(f"price_index needs the columns {list(_COLUMNS)} of nf.price_history_df(); "
                         f"missing {missing}")
    wanted = check_grade(grade)
    if "currency" in history.columns and history["currency"].dropna().nunique() > 1:
        raise ValueError("the history holds several currencies: select one, e.g. "
                         "nf.price_history_df(currency='EUR')")
    rows = history[history["grade"].astype("string").str.lower() == wanted]
    rows = rows.dropna(subset=["price", "observed_at", "type_id"])
    empty = pd.DataFrame({"index": pd.Series(dtype="float64"), "types": pd.Series(dtype="Int64"),
                          "priced": pd.Series(dtype="Int64")},
                         index=pd.DatetimeIndex([], tz="UTC", name="period"))
    if rows.empty:
        return empty
    when = pd.to_datetime(rows["observed_at"], utc=True)
    period = when.dt.tz_localize(None).dt.to_period(_period_freq(freq)).dt.start_time
    prices = (rows.assign(period=period.dt.tz_localize("UTC"))
              .groupby(["period", "type_id"])["price"].median().unstack("type_id").sort_index())
    return _chain(prices, base)


def _period_freq(freq: str) -> str:
    """A period frequency for a start-anchored one ("MS" -> "M"; "QS" -> "Q")."""
    return {"MS": "M", "QS": "Q", "YS": "Y", "AS": "Y"}.get(freq, freq)


def _chain(prices: pd.DataFrame, base: float) -> pd.DataFrame:
    levels: list[float] = []
    compared: list[Any] = []
    last_row: pd.Series | None = None
    last_level = base
    for _, row in prices.iterrows():
        if last_row is None:
            levels.append(base)
            compared.append(pd.NA)
        else:
            both = row.notna() & last_row.notna() & (last_row > 0)
            if both.any():
                last_level *= float(np.median(row[both] / last_row[both]))
                levels.append(last_level)
            else:
                levels.append(np.nan)
            compared.append(int(both.sum()))
        if row.notna().any() and (last_row is None or levels[-1] == levels[-1]):
            last_row = row
    return pd.DataFrame({"index": pd.array(levels, dtype="float64"),
                         "types": pd.array(compared, dtype="Int64"),
                         "priced": pd.array(prices.notna().sum(axis=1).tolist(), dtype="Int64")},
                        index=prices.index.rename("period"))

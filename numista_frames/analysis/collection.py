"""Answers from frames: collection statistics, value, completion, price ladders, changes and rarity."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from numista_frames.analysis.value import (
    CollectionValue,
    _require,
    _typed,
    collection_value,
    price_summary,
    rarity,
)
from numista_frames.checks import CATEGORIES, GRADES
from numista_frames.frames.schema import GRADE_DTYPE, STRING_DTYPE

__all__ = [
    "CollectionStats",
    "CollectionValue",
    "collection_completion",
    "collection_stats",
    "collection_value",
    "price_changes",
    "price_summary",
    "rarity",
]

#: Row label of items without a grade in ``CollectionStats.by_grade``.
UNGRADED = "ungraded"
_UNKNOWN = "unknown"
_STATS_COLUMNS = ("type_id", "quantity", "for_swap", "issuer_name", "category", "grade", "gregorian_year")
_TYPES_COLUMNS = ("id", "composition", "value_currency_name")
_COUNTS = ["items", "pieces", "distinct_types"]
_LONG: dict[str, Any] = {"dimension": STRING_DTYPE, "key": STRING_DTYPE, "items": "int64",
                         "pieces": "int64", "distinct_types": "int64", "share": "float64"}


@dataclass(frozen=True)
class CollectionStats:
    """Counts of a collection, in total and broken down (see :func:`collection_stats`).

    Each breakdown has the columns ``items`` (rows), ``pieces`` (sum of quantity),
    ``distinct_types`` and ``share`` (of the pieces; the shares of a breakdown sum to 1).
    """

    totals: pd.Series
    by_issuer: pd.DataFrame
    by_category: pd.DataFrame
    by_grade: pd.DataFrame
    by_decade: pd.DataFrame
    by_composition: pd.DataFrame | None = None
    by_currency: pd.DataFrame | None = None

    def summary(self) -> str:
        """One line: items, pieces, distinct types, issuers and what is for swap."""
        t = self.totals
        return (f"{int(t['items']):,} items, {int(t['pieces']):,} pieces of "
                f"{int(t['distinct_types']):,} types from {len(self.by_issuer):,} issuers"
                f"; {int(t.get('for_swap_pieces', 0)):,} pieces for swap")

    def __repr__(self) -> str:
        top = ", ".join(f"{k} {int(v)}" for k, v in self.by_issuer["pieces"].head(3).items())
        return f"CollectionStats({self.summary()}; top issuers: {top})"

    def _repr_html_(self) -> str:
        table = self.by_issuer.head(10).to_html(float_format=lambda x: f"{x:.1%}")
        return f"<p>{html.escape(self.summary())}</p><p>Top issuers (pieces):</p>{table}"

    def to_frame(self) -> pd.DataFrame:
        """Every breakdown in one long frame, for CSV export.

        Returns
        -------
        DataFrame
            ``dimension`` (total, issuer, category, grade, decade, composition, currency),
            ``key`` (text; "unknown" for a missing decade), ``items``, ``pieces``,
            ``distinct_types``, ``share``; the first row is the whole collection.

        Examples
        --------
        >>> items = pd.DataFrame({"type_id": [1, 2], "quantity": [1, 3], "for_swap": False,
        ...     "issuer_name": "Canada", "category": "coin", "grade": ["vf", None],
        ...     "gregorian_year": [1967, 1971]})
        >>> long = collection_stats(items).to_frame()
        >>> long[long["dimension"] == "grade"][["key", "pieces", "share"]].values.tolist()[-2:]
        [['unc', 0, 0.0], ['ungraded', 3, 0.75]]
        """
        whole = self.totals[_COUNTS].to_frame("all").T.assign(share=1.0)
        parts: dict[str, pd.DataFrame | None] = {"total": whole}
        parts |= {"issuer": self.by_issuer, "category": self.by_category, "grade": self.by_grade,
                  "decade": self.by_decade, "composition": self.by_composition,
                  "currency": self.by_currency}
        frames = [_long(name, part) for name, part in parts.items() if part is not None]
        return pd.concat(frames, ignore_index=True).astype(_LONG)


def _long(dimension: str, part: pd.DataFrame) -> pd.DataFrame:
    keys = pd.Series(part.index.astype(object), dtype=object)
    keys = keys.map(lambda k: _UNKNOWN if pd.isna(k) else str(k))
    return pd.DataFrame({"dimension": dimension, "key": keys.to_numpy(),
                         **{name: part[name].to_numpy() for name in [*_COUNTS, "share"]}})


def collection_stats(items: pd.DataFrame, types: pd.DataFrame | None = None) -> CollectionStats:
    """Count a collection's items and pieces, in total and by issuer, category, grade and decade.

    Parameters
    ----------
    items : DataFrame
        The collection, as ``nf.collection_df()`` returns it. A missing quantity counts as 1.
    types : DataFrame, optional
        The collection's types, as ``nf.types_df()`` returns them: adds the breakdowns by
        composition and by face-value currency.

    Returns
    -------
    CollectionStats
        ``totals`` (items, pieces, distinct_types, for_swap_items, for_swap_pieces) and the
        breakdowns: by issuer (most pieces first), by category (all categories, zeros kept), by
        grade (g to unc, zeros kept, then "ungraded" if any item has no grade), by decade (of
        the issue's year, else its first year; NA last for items without a year), and with
        ``types`` by composition and currency (most pieces first). Missing labels read "unknown".

    Raises
    ------
    ValueError
        If a frame lacks a needed column.

    Examples
    --------
    >>> items = pd.DataFrame({"type_id": [1, 1, 2], "quantity": [1, 2, 1],
    ...     "for_swap": [False, True, False], "issuer_name": ["France", "France", "Canada"],
    ...     "category": "coin", "grade": ["vf", "vf", None], "gregorian_year": [1961, 1965, 1971]})
    >>> stats = collection_stats(items)
    >>> stats.totals.to_dict()
    {'items': 3, 'pieces': 4, 'distinct_types': 2, 'for_swap_items': 1, 'for_swap_pieces': 2}
    >>> stats.by_decade.reset_index().values.tolist()  # decade, items, pieces, distinct_types, share
    [[1960, 2, 3, 1, 0.75], [1970, 1, 1, 1, 0.25]]
    """
    _require(items, "items", _STATS_COLUMNS)
    frame = _stats_frame(items)
    return CollectionStats(
        totals=_totals(frame),
        by_issuer=_by_text(frame, frame["issuer_name"], "issuer_name"),
        by_category=_by_vocabulary(frame, "category", CATEGORIES, _UNKNOWN, ordered=False),
        by_grade=_by_vocabulary(frame, "grade", GRADES, UNGRADED, ordered=True),
        by_decade=_breakdown(frame, _decades(frame).rename("decade")),
        **_by_type_fields(frame, types),
    )


def _stats_frame(items: pd.DataFrame) -> pd.DataFrame:
    frame = _typed(items).astype({"for_swap": "boolean"})
    return frame.assign(quantity=frame["quantity"].fillna(1).astype("int64"),
                        for_swap=frame["for_swap"].fillna(False).astype(bool))


def _totals(frame: pd.DataFrame) -> pd.Series:
    swap = frame["for_swap"]
    totals = {"items": len(frame), "pieces": frame["quantity"].sum(),
              "distinct_types": frame["type_id"].nunique(), "for_swap_items": swap.sum(),
              "for_swap_pieces": frame["quantity"][swap].sum()}
    return pd.Series({name: int(count) for name, count in totals.items()}, dtype="int64", name="totals")


def _breakdown(frame: pd.DataFrame, key: pd.Series) -> pd.DataFrame:
    """items, pieces, distinct_types and share of the pieces per value of ``key`` (NA kept)."""
    out = frame.groupby(key, observed=False, dropna=False, sort=True).agg(
        items=("quantity", "size"), pieces=("quantity", "sum"), distinct_types=("type_id", "nunique"))
    out = out.astype(dict.fromkeys(_COUNTS, "int64"))
    total = out["pieces"].sum()
    return out.assign(share=out["pieces"] / total if total else 0.0)


def _by_text(frame: pd.DataFrame, labels: pd.Series, name: str) -> pd.DataFrame:
    key = labels.astype(STRING_DTYPE).fillna(_UNKNOWN).rename(name)
    out = _breakdown(frame, key)
    return out.sort_values(["pieces", "items"], ascending=False, kind="stable")


def _by_vocabulary(frame: pd.DataFrame, name: str, values: tuple[str, ...], missing: str, *,
                   ordered: bool) -> pd.DataFrame:
    """Every value of a fixed vocabulary, zeros kept, then ``missing`` only when some row lacks one."""
    dtype = pd.CategoricalDtype([*values, missing], ordered=ordered)
    out = _breakdown(frame, frame[name].astype(dtype).fillna(missing))
    if out.loc[missing, "items"] == 0:
        out = out.drop(index=missing)
        out.index = out.index.astype(pd.CategoricalDtype(list(values), ordered=ordered))
    out.index.name = name
    return out


def _decades(frame: pd.DataFrame) -> pd.Series:
    year = frame["gregorian_year"]
    if "min_year" in frame.columns:
        year = year.fillna(frame["min_year"])
    # Towards zero, so that 449 BC (-449) is in the 440s BC (-440), as AD years are.
    magnitude = year.abs() // 10 * 10
    return magnitude.mask((year < 0).fillna(False), -magnitude).astype("Int64")


def _by_type_fields(frame: pd.DataFrame, types: pd.DataFrame | None) -> dict[str, pd.DataFrame | None]:
    if types is None:
        return {"by_composition": None, "by_currency": None}
    _require(types, "types", _TYPES_COLUMNS)
    fields = _typed(types[list(_TYPES_COLUMNS)], {"id": "Int64"}).drop_duplicates("id")
    joined = frame[["type_id", "quantity"]].merge(fields, how="left", left_on="type_id", right_on="id")
    return {"by_composition": _by_text(joined, joined["composition"], "composition"),
            "by_currency": _by_text(joined, joined["value_currency_name"], "currency")}


def collection_completion(items: pd.DataFrame, issues: pd.DataFrame) -> pd.DataFrame:
    """For each type in a collection: how many of its issues are owned, and which are missing.

    Parameters
    ----------
    items : DataFrame
        The collection, as ``nf.collection_df()`` returns it.
    issues : DataFrame
        The issues of the collection's types, as ``nf.issues_df()`` returns them.

    Returns
    -------
    DataFrame
        One row per type with at least one item: ``type_id``, ``title`` (when ``items`` has
        it), ``issues_existing`` and ``issues_owned`` (Int64: distinct owned issues that the
        issues frame lists), ``completion`` (owned / existing, 0 to 1), ``missing_issue_ids``
        (a list of ints) and ``missing_years`` (text such as "1909 D, 1910 S", in the issues
        frame's order; an issue's comment follows in brackets). Most complete first. A type
        absent from ``issues`` has NA counts and completion, and nothing listed as missing:
        fetch its issues.

    Raises
    ------
    ValueError
        If a frame lacks a needed column.

    Examples
    --------
    >>> items = pd.DataFrame({"type_id": [7, 7], "issue_id": [70, 70]})
    >>> issues = pd.DataFrame({"type_id": 7, "issue_id": [70, 71, 72], "year": ["1909", "1909", "1910"],
    ...                        "mint_letter": [None, "D", "S"]})
    >>> done = collection_completion(items, issues)
    >>> done[["issues_existing", "issues_owned", "missing_issue_ids", "missing_years"]].values.tolist()
    [[3, 1, [71, 72], '1909 D, 1910 S']]
    """
    _require(items, "items", ("type_id", "issue_id"))
    _require(issues, "issues", ("type_id", "issue_id", "year", "mint_letter"))
    owned = _typed(items[["type_id", "issue_id"]]).dropna(subset=["type_id"])
    types = pd.Index(owned["type_id"].unique(), dtype="Int64", name="type_id").sort_values()
    listed = _typed(issues).dropna(subset=["type_id", "issue_id"]).drop_duplicates(["type_id", "issue_id"])
    listed = listed[listed["type_id"].isin(types)]
    have = listed.merge(owned.dropna(subset=["issue_id"]).drop_duplicates(), how="left", indicator=True)
    have = have.assign(owned=have["_merge"].eq("both"))
    counts = have.groupby("type_id")["owned"].agg(["size", "sum"]).reindex(types)
    out = pd.DataFrame({"issues_existing": counts["size"], "issues_owned": counts["sum"]}).astype("Int64")
    out.insert(0, "title", _titles(items, types))
    out["completion"] = (out["issues_owned"] / out["issues_existing"]).astype("float64")
    out = out.join(_missing(have[~have["owned"]], types))
    out = out.reset_index().sort_values(["completion", "type_id"], ascending=[False, True],
                                        na_position="last", kind="stable")
    return (out if "title" in items.columns else out.drop(columns="title")).reset_index(drop=True)


def _titles(items: pd.DataFrame, types: pd.Index) -> pd.Series:
    if "title" not in items.columns:
        return pd.Series(pd.NA, index=types, dtype=STRING_DTYPE)
    titles = _typed(items[["type_id", "title"]]).dropna().drop_duplicates("type_id")
    return titles.set_index("type_id")["title"].reindex(types)


def _missing(missing: pd.DataFrame, types: pd.Index) -> pd.DataFrame:
    """``missing_issue_ids`` (lists) and ``missing_years`` (text) per type; [] and "" when none."""
    labels = missing.assign(label=_issue_labels(missing)).groupby("type_id")
    ids = {type_id: [int(v) for v in group] for type_id, group in labels["issue_id"]}
    years = labels["label"].agg(", ".join).reindex(types).astype(STRING_DTYPE)
    return pd.DataFrame({
        "missing_issue_ids": pd.Series([ids.get(t, []) for t in types], index=types, dtype=object),
        "missing_years": years.fillna(""),
    }, index=types)


def _issue_labels(issues: pd.DataFrame) -> pd.Series:
    """"1909 D (Proof)": the year as written (else the Gregorian one), mint letter, comment."""
    label = issues["year"]
    if "gregorian_year" in issues.columns:
        label = label.fillna(issues["gregorian_year"].astype(STRING_DTYPE))
    label = label.fillna("#" + issues["issue_id"].astype(STRING_DTYPE))
    label = label + (" " + issues["mint_letter"]).fillna("")
    if "comment" in issues.columns:
        label = label + (" (" + _typed(issues[["comment"]], {"comment": STRING_DTYPE})["comment"] + ")"
                         ).fillna("")
    return label.astype(STRING_DTYPE)


_HISTORY_KEYS = ["type_id", "issue_id", "grade", "currency"]
_CHANGES: dict[str, Any] = {
    "type_id": "Int64", "issue_id": "Int64", "grade": GRADE_DTYPE, "currency": STRING_DTYPE,
    "start_date": pd.DatetimeTZDtype("ns", "UTC"), "start_price": "float64",
    "end_date": pd.DatetimeTZDtype("ns", "UTC"), "end_price": "float64",
    "change": "float64", "change_pct": "float64",
}
_ALIAS = re.compile(r"^\s*(\d+)\s*([A-Za-z]+)\s*$")
# Calendar units that pandas offsets no longer accept bare ("1Y", "6M"): read as calendar spans.
_CALENDAR = {"Y": "years", "y": "years", "YE": "years", "YS": "years", "A": "years", "M": "months",
             "ME": "months", "MS": "months", "W": "weeks", "w": "weeks", "D": "days", "d": "days"}


def _span(period: str | pd.DateOffset | pd.Timedelta | dt.timedelta) -> pd.DateOffset | pd.Timedelta:
    """A window length from an offset alias: "1Y" is a calendar year back, "6M" six months."""
    if isinstance(period, pd.DateOffset | pd.Timedelta):
        return period
    if isinstance(period, dt.timedelta):
        return pd.Timedelta(period)
    match = _ALIAS.match(period) if isinstance(period, str) else None
    if match and match[2] in _CALENDAR:
        calendar: dict[str, Any] = {_CALENDAR[match[2]]: int(match[1])}
        return pd.DateOffset(**calendar)
    try:
        return pd.Timedelta(period)
    except (TypeError, ValueError):
        raise ValueError(f"period must be a pandas offset alias such as '1Y', '6M' or '90D'; "
                         f"got {period!r}") from None


def _utc(moment: pd.Timestamp | dt.datetime | str) -> pd.Timestamp:
    stamp = pd.Timestamp(moment)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def price_changes(history: pd.DataFrame, *, period: str | pd.DateOffset | pd.Timedelta = "1Y",
                  end: pd.Timestamp | dt.datetime | str | None = None) -> pd.DataFrame:
    """How each issue's price at each grade moved over a period.

    Parameters
    ----------
    history : DataFrame
        Dated observations, as ``nf.price_history_df()`` returns them.
    period : str, DateOffset or Timedelta
        Length of the window ``[end - period, end]`` (both ends included): "1Y" (a calendar
        year), "6M" (calendar months), "2W", "90D", or any ``pd.Timedelta`` string.
    end : datetime or str, optional
        End of the window (naive times are UTC); by default the latest observation.

    Returns
    -------
    DataFrame
        One row per (type_id, issue_id, grade, currency) observed in the window: ``start_date``,
        ``start_price`` (its first observation there), ``end_date``, ``end_price`` (its last),
        ``change`` (end - start; 0 for a single observation) and ``change_pct`` (in percent;
        NA when the start price is 0).

    Raises
    ------
    ValueError
        If the frame lacks a needed column or the period cannot be read.

    Examples
    --------
    >>> history = pd.DataFrame({"type_id": 1, "issue_id": 10, "grade": "vf", "currency": "EUR",
    ...     "price": [8.0, 10.0, 12.0], "observed_at": ["2023-12-15", "2024-07-01", "2025-01-01"]})
    >>> changes = price_changes(history, period="1Y")
    >>> changes[["start_price", "end_price", "change", "change_pct"]].values.tolist()
    [[10.0, 12.0, 2.0, 20.0]]
    """
    _require(history, "history", [*_HISTORY_KEYS, "price", "observed_at"])
    span = _span(period)
    frame = _typed(history).dropna(subset=[*_HISTORY_KEYS, "price", "observed_at"])
    frame["observed_at"] = pd.to_datetime(frame["observed_at"], utc=True)
    last = _utc(end) if end is not None else frame["observed_at"].max()
    if pd.isna(last):
        return _changes(frame.iloc[:0])
    inside = frame["observed_at"].between(last - span, last, inclusive="both")
    return _changes(frame[inside])


def _changes(window: pd.DataFrame) -> pd.DataFrame:
    ordered = window.sort_values("observed_at", kind="stable")
    out = ordered.groupby(_HISTORY_KEYS, observed=True, sort=True).agg(
        start_date=("observed_at", "first"), start_price=("price", "first"),
        end_date=("observed_at", "last"), end_price=("price", "last")).reset_index()
    # One observation in the window says nothing about change: NA, not 0.
    seen_twice = out["end_date"] > out["start_date"]
    out["change"] = (out["end_price"] - out["start_price"]).where(seen_twice)
    out["change_pct"] = (out["change"] / out["start_price"] * 100).where(out["start_price"] != 0)
    return out[list(_CHANGES)].astype(_CHANGES).reset_index(drop=True)

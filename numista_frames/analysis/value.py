"""What things are worth: a collection valued item by item, grade premium ladders, price against rarity."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from numista_frames.checks import GRADES, check_grade
from numista_frames.frames.schema import CATEGORY_DTYPE, GRADE_DTYPE, STRING_DTYPE

__all__ = ["VALUE_SOURCES", "VALUE_SOURCE_DTYPE", "CollectionValue", "collection_value", "price_summary",
           "rarity"]

#: How an item's value was found, best first (see :func:`collection_value`).
VALUE_SOURCES = ("exact", "nearest_grade", "type_grade_median", "none")
VALUE_SOURCE_DTYPE = pd.CategoricalDtype(list(VALUE_SOURCES), ordered=False)

#: The loader each input frame comes from, named in error messages.
_LOADERS = {"items": "nf.collection_df()", "prices": "nf.prices_df()", "issues": "nf.issues_df()",
            "types": "nf.types_df()", "history": "nf.price_history_df()"}
_TYPED: dict[str, Any] = {
    "id": "Int64", "type_id": "Int64", "issue_id": "Int64", "quantity": "Int64", "mintage": "Int64",
    "gregorian_year": "Int64", "min_year": "Int64", "price": "float64", "price_value": "float64",
    "title": STRING_DTYPE, "issuer_name": STRING_DTYPE, "currency": STRING_DTYPE,
    "price_currency": STRING_DTYPE, "year": STRING_DTYPE, "mint_letter": STRING_DTYPE,
}
_ABOVE = len(GRADES)  # ranks every higher grade after every lower one
_PRICE_KEYS = ["type_id", "issue_id", "grade", "currency"]
_ITEM_COLUMNS = ("id", "type_id", "issue_id", "grade", "quantity", "price_value", "price_currency")
_PRICE_COLUMNS = ("type_id", "issue_id", "grade", "price", "currency")
_VALUE_COLUMNS: dict[str, Any] = {
    "id": "Int64", "type_id": "Int64", "issue_id": "Int64", "title": STRING_DTYPE, "grade": GRADE_DTYPE,
    "quantity": "Int64", "unit_value": "float64", "value": "float64", "currency": STRING_DTYPE,
    "value_source": VALUE_SOURCE_DTYPE, "price_paid": "float64", "price_paid_currency": STRING_DTYPE,
    "gain": "float64", "issuer_name": STRING_DTYPE, "priced_grade": GRADE_DTYPE,
}


def _require(frame: Any, what: str, columns: Iterable[str]) -> None:
    """Refuse a non-frame or a frame lacking columns, naming them and the loader that gives them."""
    loader = _LOADERS[what]
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what} must be a DataFrame (as {loader} returns); got {type(frame).__name__}")
    missing = [name for name in columns if name not in frame.columns]
    if missing:
        raise ValueError(f"the {what} frame lacks column(s) {', '.join(missing)}; "
                         f"pass the frame {loader} returns")


def _vocabulary(values: pd.Series, dtype: pd.CategoricalDtype, what: str) -> pd.Series:
    """Values as a fixed-vocabulary categorical; text is accepted, unknown values refused."""
    if values.dtype == dtype:
        return values
    text = values.astype(object)
    known = list(dtype.categories)
    unknown = sorted({str(v) for v in text[text.notna() & ~text.isin(known)]})
    if unknown:
        raise ValueError(f"unknown {what}(s) {', '.join(unknown)}; {what}s are {', '.join(known)}")
    return text.astype(dtype)


def _typed(frame: pd.DataFrame, dtypes: Mapping[str, Any] = _TYPED) -> pd.DataFrame:
    """A copy with the known columns in their schema dtypes (frames built by hand are accepted)."""
    out = frame.astype({name: dtype for name, dtype in dtypes.items() if name in frame.columns})
    if "grade" in out.columns:
        out["grade"] = _vocabulary(out["grade"], GRADE_DTYPE, "grade")
    if "category" in out.columns:
        out["category"] = _vocabulary(out["category"], CATEGORY_DTYPE, "category")
    if "currency" in out.columns:
        out["currency"] = out["currency"].str.upper()
    return out


def _single_currency(prices: pd.DataFrame) -> str:
    """The one currency of a prices frame ("" when empty); several are refused, never mixed."""
    found = sorted({str(c).upper() for c in prices["currency"].dropna().unique()})
    if len(found) > 1:
        raise ValueError(
            f"the prices frame mixes currencies ({', '.join(found)}), which cannot be added up; "
            f"call nf.prices_df(..., currency={found[0]!r}) to get prices in one currency")
    return found[0] if found else ""


def _price_table(prices: pd.DataFrame) -> pd.DataFrame:
    """One usable price per (type, issue, grade, currency): the latest fetched when repeated."""
    table = _typed(prices).dropna(subset=["type_id", "issue_id", "grade", "price"])
    if "fetched_at" in table.columns:
        table = table.sort_values("fetched_at", kind="stable", na_position="first")
    table = table.drop_duplicates(_PRICE_KEYS, keep="last")
    return table[[*_PRICE_KEYS, "price"]].reset_index(drop=True)


def _nearest_price(wanted: pd.DataFrame, table: pd.DataFrame, keys: list[str], *,
                   above: bool = True) -> pd.DataFrame:
    """For each wanted row (``_row``, keys, grade): the price at its grade or the nearest one.

    Lower grades come first (nearest first), then higher ones unless ``above`` is False; an
    ungraded row takes the lowest priced grade. Returns ``price``, ``priced_grade`` and
    ``exact`` indexed by ``_row``; rows with no candidate are absent.
    """
    priced = table[[*keys, "grade", "price"]].rename(columns={"grade": "priced_grade"})
    pairs = wanted.dropna(subset=keys).merge(priced, on=keys)
    want = pairs["grade"].cat.codes.to_numpy()
    have = pairs["priced_grade"].cat.codes.to_numpy()
    rank = np.where(want < 0, have, np.where(have <= want, want - have, _ABOVE + have - want))
    keep = np.ones(len(pairs), dtype=bool) if above else (want < 0) | (have <= want)
    pairs = pairs.assign(_rank=rank)[keep].sort_values(["_row", "_rank"], kind="stable")
    best = pairs.drop_duplicates("_row").set_index("_row")
    best["exact"] = (best["_rank"] == 0) & best["grade"].notna()
    return best[["price", "priced_grade", "exact"]]


@dataclass(frozen=True)
class CollectionValue:
    """A collection valued from price estimates (see :func:`collection_value`).

    Attributes
    ----------
    items : DataFrame
        One row per item: ``id, type_id, issue_id, title, grade, quantity, unit_value, value,
        currency, value_source, price_paid, price_paid_currency, gain``, then ``issuer_name``
        (for charts by issuer) and ``priced_grade`` (the grade whose price was used).
    total : float
        Sum of ``value`` where known (0.0 when none is).
    currency : str
        The prices' currency ("" for an empty prices frame).
    pieces, pieces_valued : int
        Sum of ``quantity``; the same where the value is known.
    coverage : float
        ``pieces_valued / pieces`` (0.0 for an empty collection).
    gain : float or None
        Sum of ``gain`` where known; None when no item has one.
    paid_pieces : int
        Pieces whose gain is known.
    """

    items: pd.DataFrame
    total: float
    currency: str
    pieces: int
    pieces_valued: int
    coverage: float
    gain: float | None
    paid_pieces: int

    def __repr__(self) -> str:
        return f"CollectionValue({self.summary()})"

    def _repr_html_(self) -> str:
        columns = [c for c in ("type_id", "title", "grade", "quantity", "unit_value", "value",
                               "value_source") if c in self.items.columns]
        top = (self.items.sort_values("value", ascending=False).head(10)[columns]
               if "value" in self.items.columns else self.items.head(0))
        return (f"<p>{html.escape(self.summary())}</p><p>Most valuable items:</p>"
                f"{top.to_html(index=False)}")

    def summary(self) -> str:
        """One sentence: the value, its coverage, the gain and the prices paid left out of it.

        Examples
        --------
        >>> value = CollectionValue(pd.DataFrame(), 1234.5, "EUR", 190, 160, 160 / 190, 20.0, 12)
        >>> print(value.summary().replace("; ", ";\\n"))
        Estimated value 1,234.50 EUR;
        value known for 160 of 190 pieces (84%);
        gain +20.00 EUR on 12 pieces paid in EUR
        """
        parts = [f"Estimated value {self.total:,.2f} {self.currency}".rstrip(),
                 f"value known for {self.pieces_valued} of {self.pieces} pieces ({self.coverage:.0%})"]
        if self.gain is not None:
            parts.append(f"gain {self.gain:+,.2f} {self.currency} on {self.paid_pieces} pieces "
                         f"paid in {self.currency}")
        pieces, currencies = self._paid_elsewhere()
        if pieces:
            parts.append(f"{pieces} pieces paid in {', '.join(currencies)} left out of the gain")
        elif self.gain is None:
            parts.append("no price paid to compare")
        return "; ".join(parts)

    def _paid_elsewhere(self) -> tuple[int, list[str]]:
        """Pieces with a price paid in another currency than the estimates', and those currencies."""
        if not {"price_paid", "price_paid_currency", "quantity"} <= set(self.items.columns):
            return 0, []
        paid = self.items[self.items["price_paid"].notna() & self.items["price_paid_currency"].notna()]
        other = paid[paid["price_paid_currency"] != self.currency]
        return int(other["quantity"].sum()), sorted(set(other["price_paid_currency"]))


def collection_value(items: pd.DataFrame, prices: pd.DataFrame) -> CollectionValue:
    """Estimate what each item of a collection is worth, and the total.

    Each item is valued from the estimates of its issue and grade; when that exact price is
    missing, a fallback is used and flagged in ``value_source``:

    * ``"exact"``: the item's issue has a price at the item's grade;
    * ``"nearest_grade"``: the same issue priced at the nearest grade *below* the item's grade;
      an item without a grade is valued at the lowest priced grade of its issue (an unknown
      grade is read as the worst one);
    * ``"type_grade_median"``: else (no issue, an unpriced issue, or an issue priced only above
      the item's grade) the median over the type's priced issues at the item's grade or the
      nearest grade below;
    * only then a *higher* grade: the issue's nearest (``"nearest_grade"``), else the type's
      (``"type_grade_median"``) — the one case where a value may be optimistic;
    * ``"none"``: nothing usable; ``unit_value`` and ``value`` are NA.

    ``value = unit_value * quantity`` (a missing quantity counts as 1) and ``price_paid =
    price_value * quantity``. ``gain = value - price_paid`` only where ``price_paid_currency``
    is the prices' currency; other currencies are never converted or mixed.

    Parameters
    ----------
    items : DataFrame
        The collection, as ``nf.collection_df()`` returns it.
    prices : DataFrame
        Estimates in one currency, as ``nf.prices_df(..., currency=...)`` returns them; an
        estimate repeated for the same issue and grade counts once (the latest fetched).

    Returns
    -------
    CollectionValue
        Per-item values and the totals, coverage and gain.

    Raises
    ------
    ValueError
        If a frame lacks a needed column, a grade is unknown, or the prices mix currencies.

    Examples
    --------
    >>> items = pd.DataFrame({"id": [1, 2], "type_id": [10, 10], "issue_id": [100, 100],
    ...     "grade": ["vf", "unc"], "quantity": [2, 1], "price_value": [2.0, None],
    ...     "price_currency": ["EUR", None]})
    >>> prices = pd.DataFrame({"type_id": [10, 10], "issue_id": [100, 100], "grade": ["f", "vf"],
    ...     "price": [1.0, 2.5], "currency": "EUR"})
    >>> value = collection_value(items, prices)
    >>> value.items[["id", "unit_value", "value", "value_source", "gain"]].values.tolist()
    [[1, 2.5, 5.0, 'exact', 1.0], [2, 2.5, 2.5, 'nearest_grade', nan]]
    >>> value.summary()
    'Estimated value 7.50 EUR; value known for 3 of 3 pieces (100%); gain +1.00 EUR on 2 pieces paid in EUR'
    """
    _require(items, "items", _ITEM_COLUMNS)
    _require(prices, "prices", _PRICE_COLUMNS)
    currency = _single_currency(prices)
    frame = _typed(items).reset_index(drop=True)
    found = _valuations(frame, _price_table(prices))
    return _summed(_value_rows(frame, found, currency), currency)


def _valuations(frame: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """``unit_value``, ``priced_grade`` and ``value_source`` for each row of ``frame``.

    Conservative order: the issue at the grade or the nearest grade below; else the type's
    median at the grade or below; only then a higher grade (the issue's, then the type's).
    """
    wanted = frame[["type_id", "issue_id", "grade"]].assign(_row=frame.index)
    medians = table.groupby(["type_id", "grade"], observed=True)["price"].median().reset_index()
    steps = [(table, ["type_id", "issue_id"], False, "issue"), (medians, ["type_id"], False, "type"),
             (table, ["type_id", "issue_id"], True, "issue"), (medians, ["type_id"], True, "type")]
    found: list[pd.DataFrame] = []
    origin: list[str] = []
    for source_table, keys, above, level in steps:
        rest = wanted[~wanted["_row"].isin([r for part in found for r in part.index])]
        found.append(_nearest_price(rest, source_table, keys, above=above))
        origin.append(level)
    best = pd.concat([part.assign(_level=level) for part, level in zip(found, origin, strict=True)])
    best = best[~best.index.duplicated()].reindex(frame.index)
    source = np.select([best["exact"].eq(True) & best["_level"].eq("issue"),
                        best["_level"].eq("issue"), best["_level"].eq("type")],
                       list(VALUE_SOURCES[:3]), VALUE_SOURCES[3])
    return pd.DataFrame({
        "unit_value": best["price"],
        "priced_grade": best["priced_grade"].astype(GRADE_DTYPE),
        "value_source": pd.Categorical(source, dtype=VALUE_SOURCE_DTYPE),
    }, index=frame.index)


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column of ``frame``, or an all-NA one of the right dtype when the frame lacks it."""
    if name in frame.columns:
        return frame[name]
    return pd.Series([pd.NA] * len(frame), index=frame.index, dtype=_VALUE_COLUMNS[name])


def _constant(text: str, index: pd.Index) -> pd.Series:
    """``text`` on every row of ``index`` (NA when empty), as text."""
    return pd.Series([text or None] * len(index), index=index, dtype=STRING_DTYPE)


def _value_rows(frame: pd.DataFrame, found: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The ``items`` frame of a CollectionValue."""
    quantity = frame["quantity"].fillna(1)
    value = found["unit_value"] * quantity.astype("float64")
    paid = frame["price_value"] * quantity.astype("float64")
    paid_currency = frame["price_currency"].str.upper()
    same = paid_currency.eq(currency).fillna(False).astype(bool) & value.notna() & paid.notna()
    out = pd.DataFrame({
        "id": frame["id"], "type_id": frame["type_id"], "issue_id": frame["issue_id"],
        "title": _column(frame, "title"), "grade": frame["grade"], "quantity": quantity,
        "unit_value": found["unit_value"], "value": value, "currency": _constant(currency, frame.index),
        "value_source": found["value_source"], "price_paid": paid,
        "price_paid_currency": paid_currency, "gain": (value - paid).where(same),
        "issuer_name": _column(frame, "issuer_name"), "priced_grade": found["priced_grade"],
    }, index=frame.index)
    return out.astype(_VALUE_COLUMNS)


def _summed(rows: pd.DataFrame, currency: str) -> CollectionValue:
    """Totals over the valued rows."""
    quantity = rows["quantity"].astype("int64")
    pieces = int(quantity.sum())
    valued = int(quantity[rows["value"].notna()].sum())
    gain = rows["gain"]
    return CollectionValue(
        items=rows, total=float(rows["value"].sum()), currency=currency, pieces=pieces,
        pieces_valued=valued, coverage=valued / pieces if pieces else 0.0,
        gain=float(gain.sum()) if gain.notna().any() else None,
        paid_pieces=int(quantity[gain.notna()].sum()))


def price_summary(prices: pd.DataFrame) -> pd.DataFrame:
    """Prices per issue and grade, with the grade premium ladder.

    Parameters
    ----------
    prices : DataFrame
        Estimates, as ``nf.prices_df()`` returns them (several currencies are kept apart; an
        estimate repeated for the same issue, grade and currency counts once, the latest).

    Returns
    -------
    DataFrame
        One row per (type_id, issue_id, grade, currency) with a price, grades in order:
        ``price``, ``currency``, ``premium`` (price / price of the next lower priced grade of the
        issue; NA for the lowest) and ``ladder`` (price / price of the issue's lowest priced grade).

    Raises
    ------
    ValueError
        If the frame lacks a needed column or holds an unknown grade.

    Examples
    --------
    >>> prices = pd.DataFrame({"type_id": 1, "issue_id": 10, "grade": ["f", "vf", "unc"],
    ...                        "price": [2.0, 3.0, 12.0], "currency": "EUR"})
    >>> price_summary(prices)[["grade", "premium", "ladder"]].values.tolist()
    [['f', nan, 1.0], ['vf', 1.5, 1.5], ['unc', 4.0, 6.0]]
    """
    _require(prices, "prices", _PRICE_COLUMNS)
    table = _price_table(prices).sort_values(["type_id", "issue_id", "currency", "grade"], kind="stable")
    issue = table.groupby(["type_id", "issue_id", "currency"], sort=False)["price"]
    below, lowest = issue.shift(1), issue.transform("first")
    table["premium"] = (table["price"] / below).where(below > 0)
    table["ladder"] = (table["price"] / lowest).where(lowest > 0)
    columns = ["type_id", "issue_id", "grade", "price", "currency", "premium", "ladder"]
    return table[columns].reset_index(drop=True)


_RARITY: dict[str, Any] = {
    "type_id": "Int64", "issue_id": "Int64", "year": STRING_DTYPE, "mint_letter": STRING_DTYPE,
    "mintage": "Int64", "grade": GRADE_DTYPE, "price": "float64", "price_per_million_mintage": "float64",
    "rank": "Int64", "currency": STRING_DTYPE,
}


def rarity(issues: pd.DataFrame, prices: pd.DataFrame, *, grade: str = "unc") -> pd.DataFrame:
    """Mintage against price: which issues are scarce, and what they cost for their scarcity.

    Parameters
    ----------
    issues : DataFrame
        Issues, as ``nf.issues_df()`` returns them; those without a known mintage are left out.
    prices : DataFrame
        Their estimates in one currency, as ``nf.prices_df(..., currency=...)`` returns them.
    grade : str
        The grade to compare at (g, vg, f, vf, xf, au, unc); an issue not priced at it takes its
        nearest lower priced grade, and none above.

    Returns
    -------
    DataFrame
        One row per issue with a known mintage: ``type_id, issue_id, year, mint_letter,
        mintage``, ``grade`` (the grade priced, NA when none), ``price``,
        ``price_per_million_mintage`` (price / (mintage / 1e6); NA for a zero mintage), ``rank``
        (1 = the smallest mintage, the rarest; ties share a rank) and ``currency``; rarest first.

    Raises
    ------
    ValueError
        If a frame lacks a needed column, the grade is unknown or the prices mix currencies.

    Examples
    --------
    >>> issues = pd.DataFrame({"type_id": 1, "issue_id": [10, 11, 12], "year": ["1909", "1910", "1911"],
    ...     "mint_letter": None, "mintage": [484_000, 2_000_000, None]})
    >>> prices = pd.DataFrame({"type_id": 1, "issue_id": [10, 11], "grade": ["unc", "xf"],
    ...     "price": [968.0, 30.0], "currency": "USD"})
    >>> rarity(issues, prices)[["issue_id", "grade", "price_per_million_mintage", "rank"]].values.tolist()
    [[10, 'unc', 2000.0, 1], [11, 'xf', 15.0, 2]]
    """
    if check_grade(grade) is None:
        raise ValueError("grade must be one of " + ", ".join(GRADES))
    _require(issues, "issues", ("type_id", "issue_id", "year", "mint_letter", "mintage"))
    _require(prices, "prices", _PRICE_COLUMNS)
    currency = _single_currency(prices)
    known = _typed(issues).dropna(subset=["type_id", "issue_id", "mintage"])
    known = known.drop_duplicates(["type_id", "issue_id"]).reset_index(drop=True)
    wanted = known[["type_id", "issue_id"]].assign(
        grade=pd.Categorical([grade] * len(known), dtype=GRADE_DTYPE), _row=known.index)
    found = _nearest_price(wanted, _price_table(prices), ["type_id", "issue_id"], above=False)
    found = found.reindex(known.index)
    millions = known["mintage"].astype("float64") / 1e6
    out = known[["type_id", "issue_id", "year", "mint_letter", "mintage"]].assign(
        grade=found["priced_grade"], price=found["price"],
        price_per_million_mintage=(found["price"] / millions).where(millions > 0),
        rank=known["mintage"].rank(method="min"), currency=_constant(currency, known.index))
    out = out.astype(_RARITY).sort_values(["rank", "type_id", "issue_id"], kind="stable")
    return out.reset_index(drop=True)

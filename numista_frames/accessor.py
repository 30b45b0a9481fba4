"""The ``df.nf`` accessor: the analysis and plotting helpers as methods of loader frames.

Importing numista_frames registers it. Each method checks that the frame has the columns it
needs (else ``AttributeError`` naming them and the loader that gives them) and forwards to the
plain function in :mod:`numista_frames.analysis` or :mod:`numista_frames.plotting`, where the logic
lives.

Examples
--------
>>> items = nf.collection_df()                                        # doctest: +SKIP
>>> items.nf.stats().by_issuer                                        # doctest: +SKIP
>>> items.nf.value(nf.prices_df(items["type_id"].unique())).summary() # doctest: +SKIP
>>> nf.price_history_df(1254).nf.plot_price_history()                 # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from numista_frames.analysis.collection import CollectionStats, CollectionValue

__all__ = ["NumistaAccessor"]

#: What each kind of frame must hold, and which loader gives it.
_NEEDS = {
    "items": (("id", "type_id", "issue_id", "quantity", "grade", "price_value", "price_currency",
               "category", "issuer_name", "gregorian_year"), "nf.collection_df()"),
    "prices": (("type_id", "issue_id", "grade", "price", "currency"), "nf.prices_df()"),
    "issues": (("type_id", "issue_id", "mintage"), "nf.issues_df()"),
    "history": (("type_id", "issue_id", "currency", "grade", "price", "observed_at"),
                "nf.price_history_df()"),
}


@pd.api.extensions.register_dataframe_accessor("nf")
class NumistaAccessor:
    """``df.nf``: numista_frames helpers for the frame in hand."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._df = frame

    def _need(self, kind: str, method: str) -> pd.DataFrame:
        columns, loader = _NEEDS[kind]
        missing = [c for c in columns if c not in self._df.columns]
        if missing:
            raise AttributeError(f"df.nf.{method}() needs the column(s) {', '.join(missing)} of "
                                 f"a {kind} frame, as {loader} returns it")
        return self._df

    # -- collections (self: the items of nf.collection_df()) ------------------------------------

    def stats(self, types: pd.DataFrame | None = None) -> CollectionStats:
        """:func:`numista_frames.analysis.collection.collection_stats` of these items."""
        from numista_frames.analysis.collection import collection_stats

        return collection_stats(self._need("items", "stats"), types)

    def value(self, prices: pd.DataFrame) -> CollectionValue:
        """:func:`numista_frames.analysis.collection.collection_value` of these items at ``prices``."""
        from numista_frames.analysis.collection import collection_value

        return collection_value(self._need("items", "value"), prices)

    def completion(self, issues: pd.DataFrame) -> pd.DataFrame:
        """:func:`numista_frames.analysis.collection.collection_completion` of these items."""
        from numista_frames.analysis.collection import collection_completion

        return collection_completion(self._need("items", "completion"), issues)

    def plot_collection(self, *, by: str = "issuer", ax: Axes | None = None,
                        **style: Any) -> Axes:
        """:func:`numista_frames.plotting.prices.plot_collection` of these items."""
        from numista_frames.plotting.prices import plot_collection

        return plot_collection(self._need("items", "plot_collection"), by=by, ax=ax, **style)

    def plot_value(self, prices: pd.DataFrame, *, by: str = "issuer", ax: Axes | None = None,
                   **style: Any) -> Axes:
        """:func:`numista_frames.plotting.prices.plot_value` of these items valued at ``prices``."""
        from numista_frames.plotting.prices import plot_value

        return plot_value(self.value(prices), by=by, ax=ax, **style)

    # -- prices (self: nf.prices_df()) ----------------------------------------------------------

    def price_summary(self) -> pd.DataFrame:
        """:func:`numista_frames.analysis.collection.price_summary` (grade premium ladder) of these prices."""
        from numista_frames.analysis.collection import price_summary

        return price_summary(self._need("prices", "price_summary"))

    def by_grade(self) -> pd.DataFrame:
        """These prices wide: one row per issue, one column per grade (in grade order).

        Examples
        --------
        >>> prices.nf.by_grade()                                          # doctest: +SKIP
        """
        frame = self._need("prices", "by_grade")
        if frame["currency"].nunique() > 1:
            raise ValueError("these prices are in several currencies; select one first "
                             "(prices[prices['currency'] == 'EUR'])")
        wide = frame.pivot_table(index=["type_id", "issue_id"], columns="grade", values="price",
                                 observed=False, dropna=False, aggfunc="last").dropna(how="all")
        labels = [c for c in ("year", "mint_letter", "currency") if c in frame.columns]
        issue = frame.drop_duplicates(["type_id", "issue_id"]).set_index(["type_id", "issue_id"])
        return issue[labels].join(wide, how="inner")

    def plot_prices(self, *, type_id: int | None = None, ax: Axes | None = None,
                    **style: Any) -> Axes:
        """:func:`numista_frames.plotting.prices.plot_prices` of these prices."""
        from numista_frames.plotting.prices import plot_prices

        return plot_prices(self._need("prices", "plot_prices"), type_id=type_id, ax=ax, **style)

    # -- issues (self: nf.issues_df()) -----------------------------------------------------------

    def rarity(self, prices: pd.DataFrame, *, grade: str = "unc") -> pd.DataFrame:
        """:func:`numista_frames.analysis.collection.rarity` of these issues: mintage against price."""
        from numista_frames.analysis.collection import rarity

        return rarity(self._need("issues", "rarity"), prices, grade=grade)

    # -- price history (self: nf.price_history_df()) --------------------------------------------

    def changes(self, *, period: str = "1Y", end: Any = None) -> pd.DataFrame:
        """:func:`numista_frames.analysis.collection.price_changes` over this history."""
        from numista_frames.analysis.collection import price_changes

        return price_changes(self._need("history", "changes"), period=period, end=end)

    def plot_price_history(self, *, type_id: int | None = None, issue_id: int | None = None,
                           ax: Axes | None = None, **style: Any) -> Axes:
        """:func:`numista_frames.plotting.prices.plot_price_history` of this history."""
        from numista_frames.plotting.prices import plot_price_history

        return plot_price_history(self._need("history", "plot_price_history"), type_id=type_id,
                                  issue_id=issue_id, ax=ax, **style)

    # -- any frame -------------------------------------------------------------------------------

    def to_parquet(self, path: Any, **kwargs: Any) -> Any:
        """:func:`numista_frames.to_parquet` of this frame (attribution and attrs kept)."""
        from numista_frames.store.export import to_parquet

        return to_parquet(self._df, path, **kwargs)

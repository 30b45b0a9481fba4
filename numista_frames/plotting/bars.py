"""Bar charts: a collection by issuer, decade, grade or category, and its estimated value."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from numista_frames.frames.schema import CATEGORY_DTYPE, GRADE_DTYPE

if TYPE_CHECKING:  # matplotlib is imported lazily, inside the functions that draw
    from matplotlib.axes import Axes

from numista_frames.checks import COLLECTION_DIMENSIONS, VALUE_DIMENSIONS
from numista_frames.plotting.base import (
    _BAR_COLOR,
    _ITEM_COLUMNS,
    _MAX_EMPTY_DECADES,
    _MUTED,
    _OTHER_COLOR,
    _TOP,
    CollectionStatsLike,
    CollectionValueLike,
    _Bars,
    _check_by,
    _finish,
    _grade_label,
    _new_axes,
    _no_data,
    _require,
    _thousands,
    _type_tag,
)

__all__ = ["plot_collection", "plot_value"]


def _top(sums: pd.Series[Any], top: int) -> _Bars:
    """The ``top`` largest, biggest first, the rest summed into "Other"."""
    ordered = sums.sort_values(ascending=False, kind="stable")
    head, rest = ordered.iloc[:top], ordered.iloc[top:]
    labels, values = [str(k) for k in head.index], [float(v) for v in head]
    if len(rest):
        labels.append(f"Other ({len(rest)})")
        values.append(float(rest.sum()))
    return _Bars(labels, values, bool(len(rest)))


def _draw_bars(ax: Axes, bars: _Bars, *, horizontal: bool, money: bool, style: dict[str, Any]) -> None:
    colors = [_BAR_COLOR] * len(bars.values)
    if bars.other:
        colors[-1] = _OTHER_COLOR
    positions = range(len(bars.values))
    defaults: dict[str, Any] = {"color": colors, "height" if horizontal else "width": 0.7}
    if horizontal:
        container = ax.barh(positions, bars.values, **{**defaults, **style})
        ax.set_yticks(positions, bars.labels)
        ax.invert_yaxis()  # largest on top
        ax.tick_params(axis="y", length=0)
    else:
        container = ax.bar(positions, bars.values, **{**defaults, **style})
        ax.set_xticks(positions, bars.labels)
        ax.tick_params(axis="x", length=0)
        _thin_labels(ax, bars.labels)
    if len(positions) <= 30:
        fmt = "{:,.2f}" if money and max(bars.values, default=0) < 100 else "{:,.0f}"
        ax.bar_label(container, labels=[fmt.format(v) for v in bars.values], padding=3, fontsize=8,
                     color=_MUTED)
    _thousands(ax.xaxis if horizontal else ax.yaxis)
    if horizontal:  # room for the bar labels
        ax.margins(x=0.08)
    else:
        ax.margins(y=0.08)


def _thin_labels(ax: Axes, labels: list[str]) -> None:
    """Slant crowded category labels; past 16 bars, label only every n-th."""
    every = math.ceil(len(labels) / 16)
    crowded = len(labels) * max(map(len, labels), default=0) > 80
    for i, label in enumerate(ax.get_xticklabels()):
        label.set_visible(i % every == 0)
        if crowded:
            label.set(rotation=40, ha="right", rotation_mode="anchor")


def _pieces(items: pd.DataFrame) -> pd.Series[Any]:
    # An item without a quantity is one piece.
    return pd.to_numeric(items["quantity"], errors="coerce").fillna(1)


def _decade_label(decade: int) -> str:
    return f"{decade}s" if decade >= 0 else f"{-decade}s BC"


def _decade_bars(decades: pd.Series[Any]) -> _Bars:
    """Pieces per decade, chronological; short runs of empty decades kept as zero bars."""
    decades = decades[decades.index.notna()]
    counts = dict(zip((int(d) for d in decades.index.to_list()), map(float, decades), strict=True))
    shown: list[int] = []
    for decade in sorted(counts):
        if shown and decade - shown[-1] <= 10 * (_MAX_EMPTY_DECADES + 1):
            shown.extend(range(shown[-1] + 10, decade, 10))
        shown.append(decade)
    return _Bars([_decade_label(d) for d in shown], [counts.get(d, 0.0) for d in shown], False)


def _grade_bars(counts: pd.Series[Any]) -> _Bars:
    counts = pd.Series(counts.to_numpy(), index=pd.Index(counts.index.to_list(), dtype=object))
    order = [*GRADE_DTYPE.categories, *(k for k in counts.index if k not in GRADE_DTYPE.categories)]
    counts = counts.reindex(order, fill_value=0)
    return _Bars([_grade_label(k) for k in counts.index], [float(v) for v in counts], False)


def _counts_from_items(items: pd.DataFrame, by: str) -> pd.Series[Any]:
    pieces = _pieces(items)
    if by == "decade":
        year = items["gregorian_year"].astype("Int64").fillna(items["min_year"].astype("Int64"))
        decade = (year.abs() // 10 * 10).where(year >= 0, -(year.abs() // 10 * 10))  # towards 0
        return pieces.groupby(decade, dropna=True).sum()
    if by == "grade":
        key = items["grade"].astype(GRADE_DTYPE).astype("object").fillna("ungraded")
        return pieces.groupby(key).sum()
    if by == "category":
        key = items["category"].astype(CATEGORY_DTYPE)
        return pieces.groupby(key, observed=False).sum()
    key = items["issuer_name"].astype("object").fillna("(unknown issuer)")
    return pieces.groupby(key).sum()


def _collection_bars(source: pd.DataFrame | CollectionStatsLike, by: str,
                     top: int) -> tuple[_Bars, float, str]:
    if isinstance(source, pd.DataFrame):
        _require(source, ("quantity", *_ITEM_COLUMNS[by]), "plot_collection")
        counts = _counts_from_items(source, by)
        total = float(_pieces(source).sum())
        tag = _type_tag(source["type_id"]) if "type_id" in source else ""
    else:
        table = getattr(source, f"by_{by}", None)
        if not isinstance(table, pd.DataFrame):
            raise TypeError("plot_collection needs an items frame or a CollectionStats; "
                            f"got {type(source).__name__}")
        _require(table, ("pieces",), f"plot_collection (CollectionStats.by_{by})")
        counts, total, tag = table["pieces"], float(source.totals["pieces"]), ""
    if by == "decade":
        return _decade_bars(counts), total, tag
    if by == "grade":
        return _grade_bars(counts), total, tag
    if by == "category":
        counts = counts.reindex(list(CATEGORY_DTYPE.categories) + [k for k in counts.index
                                                                   if k not in CATEGORY_DTYPE.categories])
        labels = [str(k).capitalize() for k in counts.index]
        return _Bars(labels, [float(v) for v in counts.fillna(0)], False), total, tag
    return _top(counts, top), total, tag


def plot_collection(items_or_stats: pd.DataFrame | CollectionStatsLike, *, by: str = "issuer",
                    top: int = _TOP, ax: Axes | None = None, **style: Any) -> Axes:
    """Draw the pieces of a collection by issuer, decade, grade or category as bars.

    Parameters
    ----------
    items_or_stats : DataFrame or CollectionStats
        The frame of ``nf.collection_df()`` (``quantity`` and the column(s) of ``by``) or the
        result of ``nf.collection_stats()``.
    by : {"issuer", "decade", "grade", "category"}
        Issuers: horizontal bars, most pieces on top, the rest summed as "Other". Decades:
        chronological, empty decades shown. Grades: in grade order, "ungraded" last. Categories:
        coin, banknote, exonumia.
    top : int
        How many issuers get a bar of their own.
    ax : matplotlib Axes, optional
        Where to draw; a new 8x4.5 in figure when omitted.
    **style
        Passed on to ``Axes.bar``/``Axes.barh`` (``color``, ``edgecolor``...).

    Returns
    -------
    matplotlib Axes
        Pieces (Σ quantity; an item without a quantity counts as one) per bar, labelled.

    Raises
    ------
    ValueError
        For an unknown ``by`` or missing columns.
    TypeError
        For something that is neither a frame nor a CollectionStats.

    Examples
    --------
    >>> ax = nf.plot_collection(nf.collection_df(), by="decade")  # doctest: +SKIP
    """
    _check_by(by, COLLECTION_DIMENSIONS, "plot_collection")
    bars, total, tag = _collection_bars(items_or_stats, by, top)
    ax = _new_axes(ax)
    title = f"Collection by {by} · {total:,.0f} pieces{tag}"
    unshown = total - sum(bars.values)
    if by == "decade" and unshown > 0:
        title += f" ({unshown:,.0f} without a year)"
    if not bars.values or not any(bars.values):
        return _no_data(ax, title)
    horizontal = by == "issuer"
    _draw_bars(ax, bars, horizontal=horizontal, money=False, style=style)
    (ax.set_xlabel if horizontal else ax.set_ylabel)("Pieces", fontsize=10)
    return _finish(ax, title, grid="x" if horizontal else "y")


def _value_key(frame: pd.DataFrame, by: str, items: pd.DataFrame | None) -> pd.Series[Any]:
    if by == "grade":
        _require(frame, ("grade",), "plot_value")
        return frame["grade"].astype(GRADE_DTYPE).astype("object").fillna("ungraded")
    if by == "type":
        _require(frame, ("type_id",), "plot_value")
        titles = frame["title"] if "title" in frame else pd.Series(pd.NA, index=frame.index)
        return pd.Series([_type_name(t, n) for t, n in zip(titles, frame["type_id"], strict=True)],
                         index=frame.index)
    if "issuer_name" not in frame and items is not None:
        _require(items, ("id", "issuer_name"), "plot_value (items)")
        _require(frame, ("id",), "plot_value")
        issuers = items.drop_duplicates("id").set_index("id")["issuer_name"]
        return frame["id"].map(issuers).astype("object").fillna("(unknown issuer)")
    _require(frame, ("issuer_name",), "plot_value (pass items=the collection frame to add it)")
    return frame["issuer_name"].astype("object").fillna("(unknown issuer)")


def _type_name(title: Any, type_id: Any) -> str:
    name = "" if pd.isna(title) else str(title)
    name = name if len(name) <= 38 else name[:37] + "…"
    return f"{name} (N# {type_id})".strip() if not pd.isna(type_id) else name or "(unknown type)"


def _value_title(value: CollectionValueLike, by: str, tag: str) -> str:
    return (f"Estimated value by {by} · {value.total:,.2f} {value.currency}{tag}\n"
            f"value known for {value.pieces_valued:,} of {value.pieces:,} pieces ({value.coverage:.0%})")


def plot_value(value: CollectionValueLike, *, by: str = "issuer", items: pd.DataFrame | None = None,
               top: int = _TOP, ax: Axes | None = None, **style: Any) -> Axes:
    """Draw a collection's estimated value by issuer, grade or type, with its coverage.

    Parameters
    ----------
    value : CollectionValue
        The result of ``nf.collection_value(items, prices)``.
    by : {"issuer", "grade", "type"}
        Issuers and types: horizontal bars, most valuable on top, the rest summed as "Other".
        Grades: in grade order.
    items : DataFrame, optional
        The collection frame, to look up ``issuer_name`` by item ``id`` when ``value.items``
        does not carry it.
    top : int
        How many issuers or types get a bar of their own.
    ax : matplotlib Axes, optional
        Where to draw; a new 8x4.5 in figure when omitted.
    **style
        Passed on to ``Axes.bar``/``Axes.barh``.

    Returns
    -------
    matplotlib Axes
        The title gives the total and "value known for N of M pieces".

    Raises
    ------
    ValueError
        For an unknown ``by`` or missing columns.

    Examples
    --------
    >>> ax = nf.plot_value(nf.collection_value(items, prices))  # doctest: +SKIP
    """
    _check_by(by, VALUE_DIMENSIONS, "plot_value")
    frame = value.items
    _require(frame, ("value",), "plot_value")
    values = pd.to_numeric(frame["value"], errors="coerce")
    sums = values.groupby(_value_key(frame, by, items)).sum(min_count=1).dropna()
    bars = _grade_bars(sums) if by == "grade" else _top(sums, top)
    ax = _new_axes(ax)
    title = _value_title(value, by, _type_tag(frame["type_id"]) if "type_id" in frame else "")
    if not bars.values or not any(bars.values):
        return _no_data(ax, title)
    horizontal = by != "grade"
    _draw_bars(ax, bars, horizontal=horizontal, money=True, style=style)
    (ax.set_xlabel if horizontal else ax.set_ylabel)(f"Estimated value ({value.currency})", fontsize=10)
    return _finish(ax, title, grid="x" if horizontal else "y")

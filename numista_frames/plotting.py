"""Charts of the frames and analysis results: each ``plot_*`` draws on an Axes and returns it."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import pandas as pd

from .schema import CATEGORY_DTYPE, GRADE_DTYPE
from .validate import positive_int

if TYPE_CHECKING:  # matplotlib is imported lazily, inside the functions that draw
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis

__all__ = [
    "CAPTION",
    "COLLECTION_DIMENSIONS",
    "VALUE_DIMENSIONS",
    "CollectionStatsLike",
    "CollectionValueLike",
    "plot_collection",
    "plot_price_history",
    "plot_prices",
    "plot_value",
]

#: Shown at the bottom right of every figure, as Numista's terms ask.
CAPTION = "Source: Numista"
#: What ``plot_collection(by=...)`` and ``plot_value(by=...)`` accept.
COLLECTION_DIMENSIONS = ("issuer", "decade", "grade", "category")
VALUE_DIMENSIONS = ("issuer", "grade", "type")

_FIGSIZE = (8.0, 4.5)
_TOP = 15
_MAX_LEGEND = 10
_MAX_EMPTY_DECADES = 4  # longer gaps between decades are skipped, not drawn as empty bars
_BAR_COLOR = "#4878a8"
_OTHER_COLOR = "#b4b4b4"
_MUTED = "0.35"
_PRICE_COLUMNS = ("type_id", "issue_id", "grade", "price", "currency")
_HISTORY_COLUMNS = ("type_id", "issue_id", "grade", "price", "currency", "observed_at")
_ITEM_COLUMNS = {"issuer": ("issuer_name",), "decade": ("gregorian_year", "min_year"),
                 "grade": ("grade",), "category": ("category",)}


class CollectionStatsLike(Protocol):
    """What ``plot_collection`` reads from an ``analysis.CollectionStats``."""

    @property
    def totals(self) -> pd.Series[Any]: ...
    @property
    def by_issuer(self) -> pd.DataFrame: ...
    @property
    def by_category(self) -> pd.DataFrame: ...
    @property
    def by_grade(self) -> pd.DataFrame: ...
    @property
    def by_decade(self) -> pd.DataFrame: ...


class CollectionValueLike(Protocol):
    """What ``plot_value`` reads from an ``analysis.CollectionValue``."""

    @property
    def items(self) -> pd.DataFrame: ...
    @property
    def total(self) -> float: ...
    @property
    def currency(self) -> str: ...
    @property
    def pieces(self) -> int: ...
    @property
    def pieces_valued(self) -> int: ...
    @property
    def coverage(self) -> float: ...


class _Bars(NamedTuple):
    labels: list[str]
    values: list[float]
    other: bool  # the last bar sums the rest


# -- shared helpers ----------------------------------------------------------------------------


def _require(df: Any, columns: Iterable[str], who: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"{who} needs a DataFrame; got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{who}: the frame lacks the column(s) {', '.join(missing)}; "
                         f"it has {', '.join(map(str, df.columns)) or 'none'}")


def _check_by(by: str, allowed: Sequence[str], who: str) -> None:
    if by not in allowed:
        raise ValueError(f"{who}: by must be one of {', '.join(map(repr, allowed))}; got {by!r}")


def _select(df: pd.DataFrame, **ids: int | None) -> pd.DataFrame:
    for column, wanted in ids.items():
        if wanted is not None:
            df = df[df[column].eq(positive_int(wanted, column)).fillna(False)]
    return df


def _one_currency(df: pd.DataFrame, who: str) -> str:
    currencies = sorted(set(df["currency"].dropna()))
    if len(currencies) > 1:
        raise ValueError(f"{who}: the prices are in several currencies ({', '.join(currencies)}); "
                         "select one, e.g. df[df['currency'] == 'EUR']")
    return str(currencies[0]) if currencies else ""


def _type_tag(type_ids: pd.Series[Any]) -> str:
    ids = type_ids.dropna().unique()
    return f" · N# {int(ids[0])}" if len(ids) == 1 else ""


def _grade_label(grade: Any) -> str:
    return str(grade).upper() if grade in GRADE_DTYPE.categories else str(grade)


def _new_axes(ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    # The bottom strip stays free for the caption.
    engine = ConstrainedLayoutEngine(rect=(0.0, 0.035, 1.0, 0.965))
    _, new = plt.subplots(figsize=_FIGSIZE, layout=engine)
    return new


SYNTHETIC_CAPTION = "SYNTHETIC sample data, not Numista prices"


def _caption(ax: Axes, text: str = CAPTION) -> None:
    fig = ax.get_figure(root=True)
    if fig is None or any(t.get_text() == text for t in fig.texts):
        return
    fig.text(0.99, 0.01, text, ha="right", va="bottom", fontsize=8, color="0.4")


def _finish(ax: Axes, title: str, *, grid: str = "y", caption: str = CAPTION) -> Axes:
    ax.set_title(title, fontsize=12, loc="center")
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["left", "bottom"]].set_color("0.6")
    ax.tick_params(colors="0.25", labelsize=9)
    if grid:
        ax.grid(axis=grid, color="0.9", linewidth=0.8)  # type: ignore[arg-type]
    ax.set_axisbelow(True)
    _caption(ax, caption)
    return ax


def _no_data(ax: Axes, title: str) -> Axes:
    ax.text(0.5, 0.5, "No data", transform=ax.transAxes, ha="center", va="center",
            fontsize=11, color="0.5")
    ax.set_xticks([])
    ax.set_yticks([])
    return _finish(ax, title, grid="")


def _number_text(value: float, locs: Sequence[float]) -> str:
    """A tick label with thousands separators and as many decimals as the tick step needs."""
    steps = [abs(b - a) for a, b in itertools.pairwise(locs) if b != a]
    if not steps:  # a single value (cursor readout): cents below 100
        return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    step = min(steps)
    decimals = max(0, min(4, -math.floor(math.log10(step)))) if step < 1 else 0
    return f"{value:,.{decimals}f}"


def _thousands(axis: Axis) -> None:
    from matplotlib.ticker import Formatter

    class _Thousands(Formatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            return _number_text(x, [])

        def format_ticks(self, values: Sequence[float]) -> list[str]:
            return [_number_text(v, values) for v in values]

    axis.set_major_formatter(_Thousands())


def _legend(ax: Axes, title: str, *, reverse: bool = False) -> None:
    ax.legend(title=title, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              fontsize=9, title_fontsize=9, reverse=reverse)


def _grade_colors() -> dict[Any, Any]:
    """One fixed color per grade, dark (g) to light (unc), the same on every chart."""
    from matplotlib import colormaps

    cmap = colormaps["viridis"]
    grades = list(GRADE_DTYPE.categories)
    return {g: cmap(0.05 + 0.8 * i / (len(grades) - 1)) for i, g in enumerate(grades)}


# -- plot_prices -------------------------------------------------------------------------------


def _issue_label(row: pd.Series[Any], several_types: bool) -> str:
    year = row.get("year")
    if pd.isna(year):
        year = row.get("gregorian_year")
    parts = [] if pd.isna(year) else [str(year)]
    for column in ("mint_letter", "comment"):
        if not pd.isna(row.get(column)):
            parts.append(str(row[column]) if column == "mint_letter" else f"({row[column]})")
    label = " ".join(parts) or f"issue {row['issue_id']}"
    return f"N# {row['type_id']} {label}" if several_types else label


def _year_colors(ax: Axes, years: pd.Series[Any]) -> Callable[[Any], Any]:
    """Color many issues by year, with a colorbar in place of a legend."""
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize
    from matplotlib.ticker import MaxNLocator, StrMethodFormatter

    known = years.dropna()
    low, high = (float(known.min()), float(known.max())) if len(known) else (0.0, 1.0)
    norm = Normalize(low, high if high > low else low + 1)
    cmap = colormaps["viridis"]
    fig = ax.get_figure(root=False)
    if fig is not None and len(known):
        bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, pad=0.02, aspect=30)
        bar.set_label("Issue year", fontsize=9)
        bar.ax.tick_params(labelsize=8)
        bar.locator = MaxNLocator(integer=True)
        bar.formatter = StrMethodFormatter("{x:.0f}")
        bar.outline.set_visible(False)
    return lambda year: "0.6" if pd.isna(year) else cmap(norm(float(year)))


def _price_lines(ax: Axes, data: pd.DataFrame, grades: list[Any], style: dict[str, Any]) -> None:
    position = {g: i for i, g in enumerate(grades)}
    issues = data.drop_duplicates(["type_id", "issue_id"])
    several_types = data["type_id"].nunique() > 1
    many = len(issues) > _MAX_LEGEND
    if many:
        year_of = issues.set_index(["type_id", "issue_id"])["gregorian_year"]
        color = _year_colors(ax, year_of)
    for i, (_, group) in enumerate(data.groupby(["type_id", "issue_id"], sort=False)):
        ordered = group.sort_values("grade")
        first = ordered.iloc[0]
        defaults: dict[str, Any] = {
            "label": _issue_label(first, several_types), "marker": None if many and len(ordered) > 1 else "o",
            "markersize": 4, "linewidth": 1.0 if many else 1.8, "alpha": 0.7 if many else 1,
            "color": color(first["gregorian_year"]) if many else f"C{i % 10}",
        }
        ax.plot([position[g] for g in ordered["grade"]], ordered["price"].to_numpy(), **{**defaults, **style})
    if not many:
        _legend(ax, "Issue")


def plot_prices(prices: pd.DataFrame, *, type_id: int | None = None, ax: Axes | None = None,
                **style: Any) -> Axes:
    """Draw estimated price against grade: one line per issue, grades in their order.

    Parameters
    ----------
    prices : DataFrame
        The frame of ``nf.prices_df()`` (needs ``type_id, issue_id, grade, price, currency``;
        ``year``, ``gregorian_year``, ``mint_letter`` and ``comment`` label the lines when present).
    type_id : int, optional
        Keep only this type (N#).
    ax : matplotlib Axes, optional
        Where to draw; a new 8x4.5 in figure when omitted.
    **style
        Passed on to ``Axes.plot`` for every line (``color``, ``linewidth``, ``marker``...).

    Returns
    -------
    matplotlib Axes
        With the grades on the x axis and the currency in the y label. Up to 10 issues get a
        legend; more are colored by year, with a colorbar.

    Raises
    ------
    ValueError
        If columns are missing, ``type_id`` is not a positive id, or the prices mix currencies.

    Examples
    --------
    >>> ax = nf.plot_prices(nf.prices_df(1031), type_id=1031)  # doctest: +SKIP
    >>> ax.figure.savefig("prices.png")  # doctest: +SKIP
    """
    _require(prices, _PRICE_COLUMNS, "plot_prices")
    data = _select(prices, type_id=type_id).dropna(subset=["grade", "price"])
    data = data.reindex(columns=[*data.columns, *(c for c in ("year", "gregorian_year", "mint_letter",
                                                                  "comment") if c not in data)])
    currency = _one_currency(data, "plot_prices")
    ax = _new_axes(ax)
    title = "Estimated price by grade" + _type_tag(data["type_id"])
    if data.empty:
        return _no_data(ax, title)
    # Chronological; an issue without a mint letter (often the main mint) before the lettered ones.
    data = (data.assign(_mint=data["mint_letter"].astype("object").fillna(""))
            .sort_values(["type_id", "gregorian_year", "_mint", "issue_id"], na_position="last"))
    grades = [g for g in GRADE_DTYPE.categories if (data["grade"] == g).any()]
    _price_lines(ax, data, grades, style)
    issues = len(data.drop_duplicates(["type_id", "issue_id"]))
    title += f" · {issues} issues" if issues > 1 else ""
    ax.set_xticks(range(len(grades)), [_grade_label(g) for g in grades])
    ax.set_xlabel("Grade", fontsize=10)
    ax.set_ylabel(f"Price ({currency})", fontsize=10)
    ax.set_ylim(bottom=0)
    _thousands(ax.yaxis)
    return _finish(ax, title)


# -- plot_price_history ------------------------------------------------------------------------


def _naive_utc(when: pd.Series[Any]) -> pd.Series[Any]:
    stamps = pd.to_datetime(when, utc=True)
    return stamps.dt.tz_localize(None)


def _history_lines(ax: Axes, data: pd.DataFrame, style: dict[str, Any]) -> int:
    """One line per grade; with several issues the median per day, each issue faint behind it."""
    colors = _grade_colors()
    data = data.assign(when=_naive_utc(data["observed_at"]))
    issues = data.groupby(["type_id", "issue_id"], dropna=False).ngroups
    for grade, group in data.groupby("grade", observed=True, sort=True):
        if issues > 1:
            for _, one in group.groupby(["type_id", "issue_id"], dropna=False):
                one = one.sort_values("when")
                ax.plot(one["when"].to_numpy(), one["price"].to_numpy(), color=colors[grade],
                        linewidth=0.6, alpha=0.25)
            daily = group.assign(when=group["when"].dt.floor("D"))
            group = daily.groupby("when")["price"].median().reset_index()
        group = group.sort_values("when")
        defaults = {"color": colors[grade], "linewidth": 1.8, "label": _grade_label(grade)}
        ax.plot(group["when"].to_numpy(), group["price"].to_numpy(), **{**defaults, **style})
    return issues


def _date_axis(ax: Axes) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def plot_price_history(history: pd.DataFrame, *, type_id: int | None = None, issue_id: int | None = None,
                       ax: Axes | None = None, **style: Any) -> Axes:
    """Draw price against time: one line per grade.

    With several issues in the selection each grade's line is the median over the issues
    (per UTC day), drawn over a faint line per issue; the title says so.

    Parameters
    ----------
    history : DataFrame
        The frame of ``nf.price_history_df()`` (``type_id, issue_id, currency, grade, price,
        observed_at``).
    type_id, issue_id : int, optional
        Keep only this type (N#) and/or issue.
    ax : matplotlib Axes, optional
        Where to draw; a new 8x4.5 in figure when omitted.
    **style
        Passed on to ``Axes.plot`` for each grade's line.

    Returns
    -------
    matplotlib Axes
        Dates on the x axis (concise labels), the currency in the y label, a legend of grades.

    Raises
    ------
    ValueError
        If columns are missing, an id is not a positive integer, or the prices mix currencies.

    Examples
    --------
    >>> ax = nf.plot_price_history(nf.price_history_df(1031), issue_id=5678)  # doctest: +SKIP
    """
    _require(history, _HISTORY_COLUMNS, "plot_price_history")
    data = _select(history, type_id=type_id, issue_id=issue_id)
    data = data.dropna(subset=["grade", "price", "observed_at"])
    currency = _one_currency(data, "plot_price_history")
    ax = _new_axes(ax)
    title = "Price history by grade" + _type_tag(data["type_id"])
    if data.empty:
        return _no_data(ax, title)
    issues = _history_lines(ax, data, style)
    if issues == 1 and not data["issue_id"].isna().all():
        title += f" · issue {int(data['issue_id'].dropna().iloc[0])}"
    elif issues > 1:
        title += f"\nmedian of {issues} issues"
    _date_axis(ax)
    ax.set_ylabel(f"Price ({currency})", fontsize=10)
    _thousands(ax.yaxis)
    _legend(ax, "Grade", reverse=True)  # best grade on top, as the lines usually are
    caption = (f"Source: Numista · {SYNTHETIC_CAPTION}" if history.attrs.get("synthetic")
               else CAPTION)
    return _finish(ax, title, caption=caption)


# -- bars: plot_collection and plot_value ------------------------------------------------------


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

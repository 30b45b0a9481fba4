"""Charts of the frames and analysis results: each ``plot_*`` draws on an Axes and returns it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from numista_frames.frames.schema import GRADE_DTYPE

if TYPE_CHECKING:  # matplotlib is imported lazily, inside the functions that draw
    from matplotlib.axes import Axes

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

from numista_frames.checks import COLLECTION_DIMENSIONS, VALUE_DIMENSIONS
from numista_frames.plotting.bars import plot_collection, plot_value
from numista_frames.plotting.base import (
    _HISTORY_COLUMNS,
    _MAX_LEGEND,
    _PRICE_COLUMNS,
    CAPTION,
    SYNTHETIC_CAPTION,
    CollectionStatsLike,
    CollectionValueLike,
    _finish,
    _grade_colors,
    _grade_label,
    _legend,
    _new_axes,
    _no_data,
    _one_currency,
    _require,
    _select,
    _thousands,
    _type_tag,
)


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
                yscale: str = "auto", summary: str = "auto", **style: Any) -> Axes:
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
    yscale : {"auto", "linear", "log"}
        ``"auto"``: logarithmic when the prices span more than two orders of magnitude (the
        largest over 100 times the smallest), so cheap issues are not flattened onto 0.
    summary : {"auto", "lines", "band"}
        ``"lines"``: one line per issue. ``"band"``: per grade, the median over the issues and
        the band from the 25th to the 75th percentile. ``"auto"``: a band past 30 issues.
    **style
        Passed on to ``Axes.plot`` for every line (``color``, ``linewidth``, ``marker``...).

    Returns
    -------
    matplotlib Axes
        With the grades on the x axis and the currency in the y label. Up to 10 issues get a
        legend; more are colored by year, with a colorbar; a band says so in its legend.

    Raises
    ------
    ValueError
        If columns are missing, ``type_id`` is not a positive id, the prices mix currencies, or
        ``yscale``/``summary`` is not one of its choices.

    Examples
    --------
    >>> ax = nf.plot_prices(nf.prices_df(1031), type_id=1031)  # doctest: +SKIP
    >>> ax.figure.savefig("prices.png")  # doctest: +SKIP
    """
    _require(prices, _PRICE_COLUMNS, "plot_prices")
    _choice(yscale, "yscale", ("auto", "linear", "log"))
    _choice(summary, "summary", ("auto", "lines", "band"))
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
    issues = len(data.drop_duplicates(["type_id", "issue_id"]))
    if summary == "band" or (summary == "auto" and issues > BAND_ABOVE):
        _price_band(ax, data, grades, issues, style)
        title += f"\nmedian and middle half of {issues} issues"
    else:
        _price_lines(ax, data, grades, style)
        title += f" · {issues} issues" if issues > 1 else ""
    ax.set_xticks(range(len(grades)), [_grade_label(g) for g in grades])
    ax.set_xlabel("Grade", fontsize=10)
    ax.set_ylabel(f"Price ({currency})", fontsize=10)
    _price_axis(ax, data["price"], yscale)
    return _finish(ax, title)


#: Past this many issues, ``plot_prices(summary="auto")`` draws a median and a band.
BAND_ABOVE = 30
#: ``yscale="auto"`` turns logarithmic when the largest price is over this many times the least.
LOG_SPAN = 100.0


def _choice(value: str, name: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")


def _price_axis(ax: Axes, price: pd.Series[Any], yscale: str) -> None:
    """A linear axis from 0, or a log axis fitted to the prices (``auto``: when they span
    more than two orders of magnitude)."""
    positive = price[price > 0]
    span = float(positive.max() / positive.min()) if len(positive) else 1.0
    if yscale == "log" or (yscale == "auto" and span > LOG_SPAN):
        from matplotlib.ticker import NullFormatter

        ax.set_yscale("log")
        if len(positive):
            ax.set_ylim(float(positive.min()) / 1.4, float(positive.max()) * 1.4)
        ax.yaxis.set_minor_formatter(NullFormatter())
    else:
        ax.set_ylim(bottom=0)
    _thousands(ax.yaxis)


def _price_band(ax: Axes, data: pd.DataFrame, grades: list[Any], issues: int,
                style: dict[str, Any]) -> None:
    """Per grade, the median over the issues and the band of their middle half (25-75 %)."""
    by_grade = data.groupby("grade", observed=True)["price"]
    stats = pd.DataFrame({"low": by_grade.quantile(0.25), "median": by_grade.median(),
                          "high": by_grade.quantile(0.75)}).reindex(grades)
    x = list(range(len(grades)))
    color = style.get("color", "C0")
    ax.fill_between(x, stats["low"].to_numpy(), stats["high"].to_numpy(), color=color, alpha=0.25,
                    linewidth=0, label="middle half (25–75 %)")
    defaults = {"color": color, "marker": "o", "markersize": 4, "linewidth": 2.0,
                "label": f"median of {issues} issues"}
    ax.plot(x, stats["median"].to_numpy(), **{**defaults, **style})
    _legend(ax, "Issues")


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
        if group["when"].nunique() <= 3:  # a history just begun: show its points, not nothing
            defaults.update(marker="o", markersize=6)
        ax.plot(group["when"].to_numpy(), group["price"].to_numpy(), **{**defaults, **style})
    _pad_single_day(ax, data["when"])
    return issues


def _paid_markers(ax: Axes, paid: pd.DataFrame, data: pd.DataFrame,
                  currency: str) -> pd.Series[Any]:
    """A star at each acquisition (date, price paid) of the types and issues drawn; returns
    the prices marked."""
    _require(paid, ("type_id", "issue_id", "acquisition_date", "price_value", "price_currency"),
             "plot_price_history(paid=...)")
    drawn = set(zip(data["type_id"], data["issue_id"], strict=True))
    types = {t for t, _ in drawn}
    keys = zip(paid["type_id"], paid["issue_id"], strict=True)  # no issue: the type will do
    mine = paid[[(t, i) in drawn or (pd.isna(i) and t in types) for t, i in keys]]
    mine = mine[mine["price_currency"].eq(currency).fillna(False)]
    mine = mine.dropna(subset=["acquisition_date", "price_value"])
    if not mine.empty:
        ax.plot(_naive_utc(mine["acquisition_date"]).to_numpy(), mine["price_value"].to_numpy(),
                linestyle="none", marker="*", markersize=13, color="black", label="paid",
                zorder=5)
    return mine["price_value"].astype("float64")


def _pad_single_day(ax: Axes, when: pd.Series[Any]) -> None:
    """One day of observations: that day in the middle, labelled by its date alone."""
    if when.dt.floor("D").nunique() == 1:
        from matplotlib.dates import DateFormatter
        from matplotlib.ticker import FixedLocator

        middle = when.min() + (when.max() - when.min()) / 2
        ax.set_xlim(middle - pd.Timedelta(days=1), middle + pd.Timedelta(days=1))
        ax.xaxis.set_major_locator(FixedLocator([_date_number(when.min())]))
        ax.xaxis.set_major_formatter(DateFormatter("%Y-%m-%d"))  # type: ignore[no-untyped-call]


def _date_number(moment: pd.Timestamp) -> float:
    from matplotlib.dates import date2num

    return float(date2num(moment.to_pydatetime()))  # type: ignore[no-untyped-call]


def _fit_y(ax: Axes, prices: pd.Series[Any]) -> None:
    """Y limits from the points drawn (not from 0, nor from lines drawn elsewhere)."""
    low, high = float(prices.min()), float(prices.max())
    pad = (high - low) * 0.12 if high > low else max(abs(high) * 0.15, 0.01)
    ax.set_ylim(max(0.0, low - pad) if low >= 0 else low - pad, high + pad)


def _date_axis(ax: Axes) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def plot_price_history(history: pd.DataFrame, *, type_id: int | None = None, issue_id: int | None = None,
                       paid: pd.DataFrame | None = None, ax: Axes | None = None,
                       **style: Any) -> Axes:
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
    paid : DataFrame, optional
        Collected items (rows of ``nf.collection_df()``): a marker at each one's
        ``acquisition_date`` and ``price_value`` (what was paid), for the items of the types
        and issues drawn whose price is in the history's currency.
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
    shown = data["price"].astype("float64")
    if paid is not None:
        shown = pd.concat([shown, _paid_markers(ax, paid, data, currency)])
    if issues == 1 and not data["issue_id"].isna().all():
        title += f" · issue {int(data['issue_id'].dropna().iloc[0])}"
    elif issues > 1:
        title += f"\nmedian of {issues} issues"
    if _naive_utc(data["observed_at"]).dt.floor("D").nunique() == 1:
        title += "\none observation so far: history grows as prices are fetched"
    else:
        _date_axis(ax)
    _fit_y(ax, shown)
    ax.set_ylabel(f"Price ({currency})", fontsize=10)
    _thousands(ax.yaxis)
    _legend(ax, "Grade", reverse=True)  # best grade on top, as the lines usually are
    caption = (f"Source: Numista · {SYNTHETIC_CAPTION}" if history.attrs.get("synthetic")
               else CAPTION)
    return _finish(ax, title, caption=caption)


# -- bars: plot_collection and plot_value ------------------------------------------------------

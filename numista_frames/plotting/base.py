"""What every chart shares: checks, the figure, the caption, axes and legends (no I/O)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import pandas as pd

from numista_frames.checks import positive_int
from numista_frames.frames.schema import GRADE_DTYPE

if TYPE_CHECKING:  # matplotlib is imported lazily, inside the functions that draw
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis

#: Shown at the bottom right of every figure, as Numista's terms ask.
CAPTION = "Source: Numista"
#: What ``plot_collection(by=...)`` and ``plot_value(by=...)`` accept.

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

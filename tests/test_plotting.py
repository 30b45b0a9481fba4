"""Charts: rendered with Agg, checked on their Axes (titles, labels, lines, bars, caption) and as PNGs."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.image as mimage
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from numista_frames.frames import schema
from numista_frames.plotting.prices import (
    CAPTION,
    plot_collection,
    plot_price_history,
    plot_prices,
    plot_value,
)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


# -- fixtures: small frames with the real columns and dtypes ----------------------------------


def frame(resource: str, **columns: list[Any]) -> pd.DataFrame:
    """A frame of ``resource`` with every schema column; those not given are all missing."""
    rows = len(next(iter(columns.values())))
    return pd.DataFrame({name: pd.array(columns.get(name, [None] * rows), dtype=dtype)
                         for name, dtype in schema.dtypes(resource).items()})


def prices_frame(currency: str = "EUR") -> pd.DataFrame:
    # Type 1031, three issues (1909, 1909 D, 1910 S), grades given out of order on purpose.
    grades = ["unc", "f", "vf", "xf", "f", "unc", "vf", "vg", "f"]
    return frame(
        "prices",
        type_id=[1031] * 9,
        issue_id=[7, 7, 7, 7, 8, 8, 8, 9, 9],
        grade=grades,
        price=[4.0, 1.0, 1.5, 2.5, 1.2, 6.0, 2.0, 0.5, 0.8],
        currency=[currency] * 9,
        year=["1909", "1909", "1909", "1909", "1909", "1909", "1909", "1910", "1910"],
        gregorian_year=[1909] * 7 + [1910] * 2,
        mint_letter=[None] * 4 + ["D"] * 3 + ["S"] * 2,
    )


def history_frame(issues: tuple[int, ...] = (7,), type_id: int = 1031) -> pd.DataFrame:
    dates = pd.date_range("2023-01-01", periods=24, freq="MS", tz="UTC")
    rows = [(type_id, issue, grade, base * (1 + i / 100) + issue / 10, when)
            for issue in issues for grade, base in (("f", 1.0), ("xf", 2.0), ("unc", 4.0))
            for i, when in enumerate(dates)]
    type_ids, issue_ids, grades, prices, observed = (list(c) for c in zip(*rows, strict=True))
    return frame("price_history", type_id=type_ids, issue_id=issue_ids, currency=["EUR"] * len(rows),
                 grade=grades, price=prices, observed_at=observed)


def items_frame() -> pd.DataFrame:
    issuers = ["United States"] * 4 + ["Canada"] * 3 + ["France", "Japan", None]
    return frame(
        "collected_items",
        id=list(range(1, 11)),
        type_id=[1031, 1031, 4328, 4328, 200, 201, 201, 300, 400, 500],
        title=["1 Cent"] * 2 + ["1 Dollar"] * 2 + ["Loon", "Cent", "Cent", "1 Franc", "1 Yen", "Token"],
        category=["coin"] * 9 + ["exonumia"],
        issuer_name=issuers,
        gregorian_year=[1909, 1910, 2010, 2010, 1987, 1967, 1968, None, 1990, None],
        min_year=[None] * 7 + [1960, None, None],
        quantity=[1, 3, 1, 1, 3, 1, 1, 1, 1, None],
        grade=["vf", "f", "unc", None, "xf", "vf", "vf", "au", "g", None],
    )


@dataclass(frozen=True)
class StatsStandIn:
    """The attributes of ``analysis.CollectionStats`` that plot_collection reads."""

    totals: pd.Series
    by_issuer: pd.DataFrame
    by_category: pd.DataFrame
    by_grade: pd.DataFrame
    by_decade: pd.DataFrame


def stats_stand_in() -> StatsStandIn:
    def table(index: list[Any], pieces: list[int]) -> pd.DataFrame:
        return pd.DataFrame({"items": pieces, "pieces": pieces}, index=pd.Index(index))

    return StatsStandIn(
        totals=pd.Series({"items": 12, "pieces": 12}),
        by_issuer=table(["Canada", "France"], [9, 3]),
        by_category=table(["coin", "banknote", "exonumia"], [10, 2, 0]),
        by_grade=table(["g", "vg", "f", "vf", "xf", "au", "unc", "ungraded"], [0, 1, 1, 2, 3, 2, 1, 2]),
        by_decade=table(pd.array([1960, 1980, None], dtype="Int64").tolist(), [4, 6, 2]),
    )


@dataclass(frozen=True)
class ValueStandIn:
    """The attributes of ``analysis.CollectionValue`` that plot_value reads."""

    items: pd.DataFrame
    total: float
    currency: str
    pieces: int
    pieces_valued: int
    coverage: float


def value_stand_in(with_issuer: bool = True) -> ValueStandIn:
    items = pd.DataFrame({
        "id": [1, 2, 3, 4, 5],
        "type_id": pd.array([1, 2, 3, 4, 5], dtype="Int64"),
        "title": ["A", "B", "C", "D", "E"],
        "grade": pd.Categorical(["vf", "xf", "f", None, "unc"], dtype=schema.GRADE_DTYPE),
        "quantity": pd.array([1, 2, 1, 1, 3], dtype="Int64"),
        "value": [1500.0, 2400.0, 10.0, None, 90.0],
    })
    if with_issuer:
        items["issuer_name"] = ["Canada", "Canada", "France", "Japan", "Spain"]
    return ValueStandIn(items, 4000.0, "EUR", 8, 7, 7 / 8)


# -- helpers -----------------------------------------------------------------------------------


def tick_labels(ax: Axes, axis: str = "x") -> list[str]:
    ax.get_figure(root=True).canvas.draw()  # type: ignore[union-attr]
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in labels if t.get_visible() and t.get_text()]


def caption_count(ax: Axes) -> int:
    fig = ax.get_figure(root=True)
    assert fig is not None
    return sum(t.get_text() == CAPTION for t in fig.texts)


def bar_sizes(ax: Axes) -> list[float]:
    """Bar lengths: widths of horizontal bars (their y axis has no label), heights of vertical ones."""
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    return [b.get_width() if not ax.get_ylabel() else b.get_height() for b in bars]


def legend_labels(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend is not None else []


PLOTS: dict[str, Callable[..., Axes]] = {
    "prices": lambda **kw: plot_prices(prices_frame(), **kw),
    "history": lambda **kw: plot_price_history(history_frame(), **kw),
    "collection": lambda **kw: plot_collection(items_frame(), **kw),
    "value": lambda **kw: plot_value(value_stand_in(), **kw),
}
EMPTY: dict[str, Callable[..., Axes]] = {
    "prices": lambda **kw: plot_prices(schema.empty_frame("prices"), **kw),
    "history": lambda **kw: plot_price_history(schema.empty_frame("price_history"), **kw),
    "collection": lambda **kw: plot_collection(schema.empty_frame("collected_items"), **kw),
    "value": lambda **kw: plot_value(ValueStandIn(value_stand_in().items.iloc[:0], 0.0, "EUR", 0, 0, 0.0),
                                     **kw),
}


# -- every plot --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PLOTS)
def test_plots__new_figure_with_caption_clean_spines(name: str) -> None:
    ax = PLOTS[name]()
    fig = ax.get_figure(root=True)
    assert fig is not None
    assert plt.get_fignums() == [fig.number]
    assert tuple(fig.get_size_inches()) == (8.0, 4.5)
    assert caption_count(ax) == 1
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()


@pytest.mark.parametrize("name", PLOTS)
def test_plots__given_ax_is_returned_and_no_figure_is_created(name: str) -> None:
    fig, axes = plt.subplots(1, 2)
    assert PLOTS[name](ax=axes[1]) is axes[1]
    assert plt.get_fignums() == [fig.number]
    assert caption_count(axes[1]) == 1


def test_plots__two_charts_on_one_figure_share_one_caption() -> None:
    _, axes = plt.subplots(1, 2)
    plot_prices(prices_frame(), ax=axes[0])
    plot_collection(items_frame(), ax=axes[1])
    assert caption_count(axes[0]) == 1


@pytest.mark.parametrize("name", EMPTY)
def test_plots__empty_data_gives_a_no_data_note(name: str) -> None:
    ax = EMPTY[name]()
    assert [t.get_text() for t in ax.texts] == ["No data"]
    assert caption_count(ax) == 1
    assert not ax.lines and not ax.patches


@pytest.mark.parametrize("name", PLOTS)
def test_plots__saved_png_is_a_real_image(name: str, tmp_path: Path) -> None:
    ax = PLOTS[name]()
    path = tmp_path / f"{name}.png"
    ax.get_figure(root=True).savefig(path, dpi=100)  # type: ignore[union-attr]
    pixels = mimage.imread(path)
    assert pixels.shape == (450, 800, 4)
    assert pixels[..., :3].std() > 0.05  # not blank: more than a few stray pixels


def test_plots__style_is_passed_to_the_main_call() -> None:
    ax = plot_prices(prices_frame(), color="red", linewidth=3)
    assert {line.get_color() for line in ax.lines} == {"red"}
    assert {line.get_linewidth() for line in ax.lines} == {3}
    ax = plot_collection(items_frame(), color="black")
    assert {tuple(p.get_facecolor()) for p in ax.patches} == {(0.0, 0.0, 0.0, 1.0)}


def test_plotting__importing_does_not_import_matplotlib() -> None:
    code = "import sys, numista_frames.plotting.prices; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# -- plot_prices -------------------------------------------------------------------------------


def test_plot_prices__one_line_per_issue_over_the_grades_in_order() -> None:
    ax = plot_prices(prices_frame())
    assert len(ax.lines) == 3
    assert tick_labels(ax) == ["VG", "F", "VF", "XF", "UNC"]
    assert legend_labels(ax) == ["1909", "1909 D", "1910 S"]
    first = ax.lines[0]  # 1909: f, vf, xf, unc at positions 1..4, prices sorted by grade
    assert list(first.get_xdata()) == [1, 2, 3, 4]  # type: ignore[arg-type]
    assert list(first.get_ydata()) == [1.0, 1.5, 2.5, 4.0]  # type: ignore[arg-type]


def test_plot_prices__title_has_the_n_number_and_currency_is_on_the_y_axis() -> None:
    ax = plot_prices(prices_frame("USD"))
    assert "N# 1031" in ax.get_title()
    assert ax.get_ylabel() == "Price (USD)"
    assert ax.get_xlabel() == "Grade"


def test_plot_prices__several_types_have_no_n_number_and_type_id_selects() -> None:
    other = prices_frame().assign(type_id=pd.array([99] * 9, dtype="Int64"))
    other["issue_id"] += 100
    both = pd.concat([prices_frame(), other], ignore_index=True)
    ax = plot_prices(both)
    assert "N#" not in ax.get_title()
    assert len(ax.lines) == 6
    assert legend_labels(ax)[2:4] == ["N# 99 1910 S", "N# 1031 1909"]
    ax = plot_prices(both, type_id=99)
    assert "N# 99" in ax.get_title() and len(ax.lines) == 3


def test_plot_prices__many_issues_are_colored_by_year_with_a_colorbar() -> None:
    rows = 12
    many = frame("prices", type_id=[5] * rows * 2, issue_id=[i for i in range(rows) for _ in (0, 1)],
                 grade=["f", "vf"] * rows, price=[1.0, 2.0] * rows, currency=["EUR"] * rows * 2,
                 gregorian_year=[1900 + i for i in range(rows) for _ in (0, 1)])
    ax = plot_prices(many)
    fig = ax.get_figure(root=True)
    assert fig is not None
    assert len(ax.lines) == rows
    assert ax.get_legend() is None
    assert len(fig.axes) == 2  # the colorbar
    assert ax.lines[0].get_color() != ax.lines[-1].get_color()


def _ladders(issues: int, top: float = 50.0) -> pd.DataFrame:
    """``issues`` issues of one type priced in F, VF and UNC; the last one up to ``top``."""
    rows = [(i, g, p * (1 + i / 10)) for i in range(issues) for g, p in (("f", 1.0), ("vf", 2.0),
                                                                         ("unc", 4.0))]
    rows[-1] = (issues - 1, "unc", top)
    return frame("prices", type_id=[5] * len(rows), issue_id=[r[0] for r in rows],
                 grade=[r[1] for r in rows], price=[r[2] for r in rows],
                 currency=["EUR"] * len(rows), gregorian_year=[1900 + r[0] for r in rows])


def test_plot_prices__log_axis_when_prices_span_more_than_two_orders_of_magnitude() -> None:
    assert plot_prices(_ladders(3, top=600.0)).get_yscale() == "log"  # 1 .. 600
    ax = plot_prices(_ladders(3, top=50.0))  # 1 .. 50
    assert ax.get_yscale() == "linear" and ax.get_ylim()[0] == 0
    assert plot_prices(_ladders(3, top=600.0), yscale="linear").get_yscale() == "linear"
    assert plot_prices(_ladders(3, top=50.0), yscale="log").get_yscale() == "log"
    low, high = plot_prices(_ladders(3, top=600.0)).get_ylim()
    assert 0.5 < low < 1.0 and 600 < high < 1000  # fitted to the prices, not to 0


def test_plot_prices__past_30_issues_a_median_and_a_middle_half_band() -> None:
    from matplotlib.collections import PolyCollection

    ax = plot_prices(_ladders(31))
    assert len(ax.lines) == 1 and len([c for c in ax.collections
                                      if isinstance(c, PolyCollection)]) == 1
    median = ax.lines[0].get_ydata()
    assert list(median) == pytest.approx([2.5, 5.0, 10.0])  # type: ignore[arg-type]
    assert "median and middle half of 31 issues" in ax.get_title()
    assert legend_labels(ax) == ["middle half (25–75 %)", "median of 31 issues"]
    assert len(plot_prices(_ladders(31), summary="lines").lines) == 31
    assert len(plot_prices(_ladders(30)).lines) == 30
    forced = plot_prices(_ladders(3), summary="band")
    assert len(forced.lines) == 1 and "of 3 issues" in forced.get_title()


@pytest.mark.parametrize(("name", "value"), [("yscale", "logarithmic"), ("summary", "median")])
def test_plot_prices__bad_choices_raise_before_drawing(name: str, value: str) -> None:
    with pytest.raises(ValueError, match=name):
        plot_prices(_ladders(3), **{name: value})
    assert plt.get_fignums() == []


def test_plot_prices__mixed_currencies_raise_before_drawing() -> None:
    mixed = pd.concat([prices_frame("EUR"), prices_frame("USD")], ignore_index=True)
    with pytest.raises(ValueError, match="several currencies"):
        plot_prices(mixed)
    assert plt.get_fignums() == []


def test_plot_prices__missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match=r"grade, price"):
        plot_prices(prices_frame().drop(columns=["grade", "price"]))


# -- plot_price_history ------------------------------------------------------------------------


def test_plot_price_history__one_line_per_grade_on_a_date_axis() -> None:
    ax = plot_price_history(history_frame())
    assert len(ax.lines) == 3
    assert legend_labels(ax) == ["UNC", "XF", "F"]  # best grade on top
    assert "N# 1031" in ax.get_title() and "issue 7" in ax.get_title()
    assert ax.get_ylabel() == "Price (EUR)"
    assert isinstance(ax.xaxis.get_major_locator(), mdates.AutoDateLocator)
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    assert "2024" in tick_labels(ax)
    assert len(ax.lines[0].get_xdata()) == 24  # type: ignore[arg-type]


def test_plot_price_history__several_issues_draw_the_median_per_grade() -> None:
    ax = plot_price_history(history_frame(issues=(7, 8, 9)))
    labelled = [line for line in ax.lines if not str(line.get_label()).startswith("_")]
    assert [line.get_label() for line in labelled] == ["F", "XF", "UNC"]
    assert len(ax.lines) == 3 + 9  # a faint line per issue and grade behind each median
    f_line = labelled[0]
    assert f_line.get_ydata()[0] == pytest.approx(1.0 + 0.8)  # type: ignore[index]  # median of .7 .8 .9
    assert "median of 3 issues" in ax.get_title()


def test_plot_price_history__one_observation_date_still_reads() -> None:
    one_day = history_frame(issues=(7,))
    one_day = one_day[one_day["observed_at"] == one_day["observed_at"].min()]
    one_day = one_day[one_day["grade"] != "unc"]  # F ~1.7 and XF ~2.7
    ax = plot_price_history(one_day)
    assert "one observation so far: history grows as prices are fetched" in ax.get_title()
    low, high = ax.get_ylim()
    assert 1.0 < low < 1.7 and 2.7 < high < 3.5  # from the points drawn, not 0 and not far above
    assert tick_labels(ax) == ["2023-01-01"]
    left, right = ax.get_xlim()
    assert right - left <= 2  # days: the date, not a week around it
    assert all(line.get_marker() == "o" for line in ax.lines)  # points, visible
    assert "one observation" not in plot_price_history(history_frame()).get_title()


def test_plot_price_history__y_limits_follow_the_points() -> None:
    ax = plot_price_history(history_frame())
    low, high = ax.get_ylim()
    prices = history_frame()["price"]
    assert low <= prices.min() and high >= prices.max() and high < prices.max() * 1.2


def test_plot_price_history__ids_select_and_unknown_ids_give_no_data() -> None:
    history = pd.concat([history_frame(issues=(7, 8)), history_frame(type_id=2)], ignore_index=True)
    ax = plot_price_history(history, type_id=1031, issue_id=8)
    assert len(ax.lines) == 3 and "issue 8" in ax.get_title()
    ax = plot_price_history(history, type_id=424242)
    assert [t.get_text() for t in ax.texts] == ["No data"]


def test_plot_price_history__bad_id_raises() -> None:
    with pytest.raises(ValueError, match="type_id"):
        plot_price_history(history_frame(), type_id=-1)


# -- plot_collection ---------------------------------------------------------------------------


def test_plot_collection__issuers_sorted_by_pieces_with_the_rest_as_other() -> None:
    ax = plot_collection(items_frame(), by="issuer", top=2)
    assert tick_labels(ax, "y") == ["United States", "Canada", "Other (3)"]
    assert bar_sizes(ax) == [6, 5, 3]  # Canada: 3 + 1 + 1; no quantity: 1
    assert ax.get_xlabel() == "Pieces"
    assert "14 pieces" in ax.get_title()


def test_plot_collection__by_grade_in_grade_order_then_ungraded() -> None:
    ax = plot_collection(items_frame(), by="grade")
    assert tick_labels(ax) == ["G", "VG", "F", "VF", "XF", "AU", "UNC", "ungraded"]
    assert bar_sizes(ax) == [1, 0, 3, 3, 3, 1, 1, 2]


def test_plot_collection__by_decade_is_chronological_and_says_what_has_no_year() -> None:
    ax = plot_collection(items_frame(), by="decade")
    labels = tick_labels(ax)
    assert labels[:3] == ["1900s", "1910s", "1920s"] and labels[-1] == "2010s"
    assert "1 without a year" in ax.get_title()


def test_plot_collection__by_category_keeps_every_category() -> None:
    ax = plot_collection(items_frame(), by="category")
    assert tick_labels(ax) == ["Coin", "Banknote", "Exonumia"]
    assert bar_sizes(ax) == [13, 0, 1]


def test_plot_collection__one_type_shows_its_n_number() -> None:
    ax = plot_collection(items_frame().iloc[:2])
    assert "N# 1031" in ax.get_title()


@pytest.mark.parametrize(("by", "labels"), [
    ("issuer", ["Canada", "France"]),
    ("grade", ["G", "VG", "F", "VF", "XF", "AU", "UNC", "ungraded"]),
    ("decade", ["1960s", "1970s", "1980s"]),
    ("category", ["Coin", "Banknote", "Exonumia"]),
])
def test_plot_collection__accepts_collection_stats(by: str, labels: list[str]) -> None:
    ax = plot_collection(stats_stand_in(), by=by)
    assert tick_labels(ax, "y" if by == "issuer" else "x") == labels
    assert "12 pieces" in ax.get_title()


def test_plot_collection__accepts_the_real_collection_stats() -> None:
    analysis = pytest.importorskip("numista_frames.analysis.collection")
    ax = plot_collection(analysis.collection_stats(items_frame()), by="issuer")
    assert tick_labels(ax, "y")[:2] == ["United States", "Canada"]


def test_plot_collection__bad_by_raises_before_drawing() -> None:
    with pytest.raises(ValueError, match="'issuer', 'decade', 'grade', 'category'"):
        plot_collection(items_frame(), by="mint")
    assert plt.get_fignums() == []


def test_plot_collection__bad_input_and_missing_columns() -> None:
    with pytest.raises(TypeError, match="CollectionStats"):
        plot_collection([1, 2, 3])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="issuer_name"):
        plot_collection(items_frame().drop(columns=["issuer_name"]))


# -- plot_value --------------------------------------------------------------------------------


def test_plot_value__value_by_issuer_with_coverage_in_the_title() -> None:
    ax = plot_value(value_stand_in())
    assert tick_labels(ax, "y") == ["Canada", "Spain", "France"]  # Japan: value unknown
    assert bar_sizes(ax) == [3900.0, 90.0, 10.0]
    assert "value known for 7 of 8 pieces (88%)" in ax.get_title()
    assert "4,000.00 EUR" in ax.get_title()
    assert ax.get_xlabel() == "Estimated value (EUR)"
    assert "4,000" in tick_labels(ax, "x")  # thousands separators


def test_plot_value__issuer_from_the_items_frame() -> None:
    value = value_stand_in(with_issuer=False)
    items = pd.DataFrame({"id": [1, 2, 3, 4, 5], "issuer_name": ["Peru", "Peru", "Chile", "Peru", None]})
    ax = plot_value(value, items=items)
    assert tick_labels(ax, "y") == ["Peru", "(unknown issuer)", "Chile"]
    with pytest.raises(ValueError, match="issuer_name"):
        plot_value(value)


def test_plot_value__by_grade_and_by_type() -> None:
    ax = plot_value(value_stand_in(), by="grade")
    assert tick_labels(ax) == ["G", "VG", "F", "VF", "XF", "AU", "UNC"]
    ax = plot_value(value_stand_in(), by="type", top=1)
    assert tick_labels(ax, "y") == ["B (N# 2)", "Other (3)"]
    with pytest.raises(ValueError, match="by must be one of"):
        plot_value(value_stand_in(), by="decade")


def test_plot_value__accepts_the_real_collection_value() -> None:
    analysis = pytest.importorskip("numista_frames.analysis.collection")
    items = items_frame()
    prices = frame("prices", type_id=[1031, 1031], issue_id=[11, 11], grade=["f", "vf"],
                   price=[1.0, 2.0], currency=["EUR", "EUR"])
    value = analysis.collection_value(items, prices)
    ax = plot_value(value)
    assert tick_labels(ax, "y") == ["United States"]
    assert f"of {value.pieces} pieces" in ax.get_title()

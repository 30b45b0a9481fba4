"""plot_price_history(paid=...): what was paid, marked at the acquisition date."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import numista_frames as nf


def _history() -> pd.DataFrame:
    when = pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01"], utc=True)
    return pd.DataFrame({"type_id": 5, "issue_id": 50, "currency": "EUR", "grade": "vf",
                         "price": [10.0, 12.0, 11.0], "observed_at": when})


def _items() -> pd.DataFrame:
    return pd.DataFrame({"type_id": [5, 5, 6, 5], "issue_id": [50, pd.NA, 60, 50],
                         "acquisition_date": pd.to_datetime(["2026-01-15", "2026-02-10",
                                                             "2026-01-20", None]),
                         "price_value": [9.5, 14.0, 3.0, 8.0],
                         "price_currency": ["EUR", "EUR", "EUR", "EUR"]}).astype(
        {"issue_id": "Int64"})


def test_plot_price_history__paid_marks_the_items_of_the_drawn_issues() -> None:
    ax = nf.plot_price_history(_history(), paid=_items())
    stars = [line for line in ax.get_lines() if line.get_label() == "paid"]
    assert len(stars) == 1
    assert sorted(stars[0].get_ydata().tolist()) == [9.5, 14.0]  # not type 6, not undated
    plt.close("all")


def test_plot_price_history__paid_in_another_currency_is_left_out() -> None:
    items = _items().assign(price_currency="USD")
    ax = nf.plot_price_history(_history(), paid=items)
    assert not [line for line in ax.get_lines() if line.get_label() == "paid"]
    plt.close("all")


def test_plot_price_history__paid_needs_its_columns() -> None:
    with pytest.raises(ValueError, match="acquisition_date"):
        nf.plot_price_history(_history(), paid=pd.DataFrame({"type_id": [5]}))
    plt.close("all")

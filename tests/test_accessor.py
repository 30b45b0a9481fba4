"""The df.nf accessor forwards to the plain functions and names missing columns."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from collections.abc import Iterator

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.settings import configured as settings_applied
from numista_frames.testing import FakeNumista, sample_price_history


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def frames(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """Fetched once for the module (the tests only read them), in a cache of their own."""
    root = tmp_path_factory.mktemp("accessor")
    with FakeNumista() as api, settings_applied(
            api_url=api.url, api_key=api.api_key, cache_dir=root / "cache", data_dir=root / "data",
            requests_per_second=None):
        items = nf.collection_df()
        types = items["type_id"].dropna().unique().tolist()[:15]
        subset = items[items["type_id"].isin(types)]
        fetched = {"items": subset, "prices": nf.prices_df(types, progress=False),
                   "issues": nf.issues_df(types, progress=False)}
    return fetched


def test_accessor__forwards_to_the_functions(frames: dict[str, pd.DataFrame]) -> None:
    items, prices, issues = frames["items"], frames["prices"], frames["issues"]
    assert items.nf.stats().totals.equals(nf.collection_stats(items).totals)
    value = items.nf.value(prices)
    assert value.total == nf.collection_value(items, prices).total
    assert 0 < value.coverage <= 1
    pd.testing.assert_frame_equal(items.nf.completion(issues),
                                  nf.collection_completion(items, issues))
    pd.testing.assert_frame_equal(prices.nf.price_summary(), nf.price_summary(prices))
    pd.testing.assert_frame_equal(issues.nf.rarity(prices), nf.rarity(issues, prices))


def test_accessor__by_grade_is_wide_in_grade_order(frames: dict[str, pd.DataFrame]) -> None:
    wide = frames["prices"].nf.by_grade()
    assert [str(c) for c in wide.columns] == ["year", "mint_letter", "currency",
                                              "g", "vg", "f", "vf", "xf", "au", "unc"]
    assert len(wide) == frames["prices"].groupby(["type_id", "issue_id"]).ngroups


def test_accessor__plots_and_history(configured: FakeNumista,
                                     frames: dict[str, pd.DataFrame]) -> None:
    nf.import_price_history(sample_price_history(types=2, months=13))
    history = nf.price_history_df()
    tid = int(history["type_id"].iloc[0])
    ax = history.nf.plot_price_history(type_id=tid)
    assert f"N# {tid}" in ax.get_title()
    changes = history.nf.changes(period="1Y")
    assert len(changes) == history.groupby(["type_id", "issue_id", "grade"], observed=True).ngroups
    assert frames["items"].nf.plot_collection(by="grade").get_title()
    assert "value known for" in frames["items"].nf.plot_value(frames["prices"]).get_title()


def test_accessor__missing_columns_raise_attribute_error_naming_them() -> None:
    frame = pd.DataFrame({"type_id": [1], "price": [2.0]})
    with pytest.raises(AttributeError, match=r"issue_id, grade, currency .*nf.prices_df\(\)"):
        frame.nf.price_summary()
    with pytest.raises(AttributeError, match=r"nf.collection_df\(\)"):
        frame.nf.stats()

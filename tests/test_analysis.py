"""Tests of analysis: collection statistics, value, completion, price ladders, changes, rarity."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.analysis import collection as an
from numista_frames.frames.normalize import (
    PriceRecord,
    normalize_collected_items,
    normalize_issues,
    normalize_prices,
    normalize_types,
)
from numista_frames.frames.schema import GRADE_DTYPE, STRING_DTYPE, empty_frame
from numista_frames.testing import load_sample_catalogue
from numista_frames.testing.collection import UserStore

NA = pd.NA
HISTORY_DTYPES: dict[str, Any] = {
    "type_id": "Int64", "issue_id": "Int64", "currency": STRING_DTYPE, "grade": GRADE_DTYPE,
    "price": "float64", "observed_at": pd.DatetimeTZDtype("ns", "UTC"),
}


def frame(resource: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A frame of a resource, with every schema column and dtype, from a few rows."""
    base = empty_frame(resource)
    return pd.DataFrame(rows, columns=base.columns).astype(base.dtypes.to_dict())


def history(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    """A price history frame (the contract's columns and dtypes) from tuples."""
    data = pd.DataFrame(rows, columns=list(HISTORY_DTYPES))
    data["observed_at"] = pd.to_datetime(data["observed_at"], utc=True)
    return data.astype(HISTORY_DTYPES)


def texts(values: pd.Series) -> list[Any]:
    """Values as Python objects, None for missing ones (NA does not compare)."""
    return values.astype(object).where(values.notna(), None).tolist()


def item(item_id: int, type_id: int, issue_id: Any, grade: Any, quantity: Any = 1,
         **fields: Any) -> dict[str, Any]:
    return {"id": item_id, "type_id": type_id, "issue_id": issue_id, "grade": grade, "quantity": quantity,
            "title": f"Type {type_id}", **fields}


def price(type_id: int, issue_id: int, grade: str, value: float, currency: str = "EUR",
          fetched_at: str = "2026-01-01T00:00:00Z") -> dict[str, Any]:
    return {"type_id": type_id, "issue_id": issue_id, "grade": grade, "price": value,
            "currency": currency, "fetched_at": pd.Timestamp(fetched_at)}


# -- collection_stats ---------------------------------------------------------------------------

@pytest.fixture
def stats_items() -> pd.DataFrame:
    return frame("collected_items", [
        item(1, 1, 11, "vf", 1, issuer_name="France", category="coin", for_swap=False, gregorian_year=1961),
        item(2, 1, 12, "vf", 2, issuer_name="France", category="coin", for_swap=True, gregorian_year=1965),
        item(3, 2, 21, None, 1, issuer_name="Canada", category="banknote", for_swap=False, min_year=1971),
        item(4, 3, 31, "unc", 4, issuer_name="Canada", category="coin", for_swap=True, gregorian_year=2001),
        item(5, 4, None, "g", None, category="coin"),
    ])


@pytest.fixture
def stats_types() -> pd.DataFrame:
    return frame("types", [
        {"id": 1, "composition": "Silver", "value_currency_name": "Franc"},
        {"id": 2, "composition": "Paper", "value_currency_name": "Dollar"},
        {"id": 3, "composition": "Silver", "value_currency_name": "Dollar"},
    ])


def test_collection_stats__totals_count_items_pieces_types_and_swaps(stats_items: pd.DataFrame) -> None:
    totals = an.collection_stats(stats_items).totals
    assert totals.to_dict() == {"items": 5, "pieces": 9, "distinct_types": 4, "for_swap_items": 2,
                                "for_swap_pieces": 6}
    assert totals.dtype == "int64"


def test_collection_stats__by_issuer_most_pieces_first_with_unknown(stats_items: pd.DataFrame) -> None:
    by_issuer = an.collection_stats(stats_items).by_issuer
    assert by_issuer.index.tolist() == ["Canada", "France", "unknown"]
    counts = by_issuer[["items", "pieces", "distinct_types"]].values.tolist()
    assert counts == [[2, 5, 2], [2, 3, 1], [1, 1, 1]]
    assert by_issuer["share"].tolist() == pytest.approx([5 / 9, 3 / 9, 1 / 9])


def test_collection_stats__by_category_keeps_every_category(stats_items: pd.DataFrame) -> None:
    by_category = an.collection_stats(stats_items).by_category
    assert by_category.index.tolist() == ["coin", "banknote", "exonumia"]
    assert by_category["pieces"].tolist() == [8, 1, 0]
    assert by_category["distinct_types"].tolist() == [3, 1, 0]


def test_collection_stats__by_grade_ordered_with_ungraded_last(stats_items: pd.DataFrame) -> None:
    by_grade = an.collection_stats(stats_items).by_grade
    assert by_grade.index.tolist() == ["g", "vg", "f", "vf", "xf", "au", "unc", "ungraded"]
    assert by_grade.index.dtype.ordered
    assert by_grade["pieces"].tolist() == [1, 0, 0, 3, 0, 0, 4, 1]
    assert by_grade["items"].tolist() == [1, 0, 0, 2, 0, 0, 1, 1]


def test_collection_stats__by_grade_has_no_ungraded_row_when_all_are_graded(
        stats_items: pd.DataFrame) -> None:
    by_grade = an.collection_stats(stats_items[stats_items["grade"].notna()]).by_grade
    assert by_grade.index.tolist() == ["g", "vg", "f", "vf", "xf", "au", "unc"]
    assert list(by_grade.index.categories) == ["g", "vg", "f", "vf", "xf", "au", "unc"]


def test_collection_stats__by_decade_from_year_or_first_year(stats_items: pd.DataFrame) -> None:
    by_decade = an.collection_stats(stats_items).by_decade
    assert by_decade.index.dtype == "Int64"
    assert by_decade.index.tolist()[:3] == [1960, 1970, 2000]
    assert by_decade.index[3] is NA
    assert by_decade["pieces"].tolist() == [3, 1, 4, 1]


def test_collection_stats__shares_sum_to_one(stats_items: pd.DataFrame, stats_types: pd.DataFrame) -> None:
    stats = an.collection_stats(stats_items, stats_types)
    for part in (stats.by_issuer, stats.by_category, stats.by_grade, stats.by_decade,
                 stats.by_composition, stats.by_currency):
        assert part is not None
        assert part["share"].sum() == pytest.approx(1.0)
        assert part["pieces"].sum() == 9


def test_collection_stats__composition_and_currency_with_a_types_frame(
        stats_items: pd.DataFrame, stats_types: pd.DataFrame) -> None:
    stats = an.collection_stats(stats_items, stats_types)
    assert stats.by_composition is not None and stats.by_currency is not None
    assert stats.by_composition[["items", "pieces", "distinct_types"]].to_dict("index") == {
        "Silver": {"items": 3, "pieces": 7, "distinct_types": 2},
        "Paper": {"items": 1, "pieces": 1, "distinct_types": 1},
        "unknown": {"items": 1, "pieces": 1, "distinct_types": 1},
    }
    assert stats.by_currency["pieces"].to_dict() == {"Dollar": 5, "Franc": 3, "unknown": 1}


def test_collection_stats__no_types_frame_no_composition(stats_items: pd.DataFrame) -> None:
    stats = an.collection_stats(stats_items)
    assert stats.by_composition is None and stats.by_currency is None


def test_collection_stats__to_frame_is_long(stats_items: pd.DataFrame, stats_types: pd.DataFrame) -> None:
    long = an.collection_stats(stats_items, stats_types).to_frame()
    assert long.columns.tolist() == ["dimension", "key", "items", "pieces", "distinct_types", "share"]
    assert long.iloc[0].tolist() == ["total", "all", 5, 9, 4, 1.0]
    assert long["dimension"].unique().tolist() == ["total", "issuer", "category", "grade", "decade",
                                                   "composition", "currency"]
    decades = long[long["dimension"] == "decade"]
    assert decades["key"].tolist() == ["1960", "1970", "2000", "unknown"]
    assert long.groupby("dimension")["share"].sum().tolist() == pytest.approx([1.0] * 7)


def test_collection_stats__empty_items() -> None:
    stats = an.collection_stats(empty_frame("collected_items"), empty_frame("types"))
    assert stats.totals.tolist() == [0, 0, 0, 0, 0]
    assert stats.by_issuer.empty and stats.by_decade.empty
    assert stats.by_composition is not None and stats.by_composition.empty
    assert stats.by_grade["pieces"].tolist() == [0] * 7
    assert stats.by_category.index.tolist() == ["coin", "banknote", "exonumia"]
    assert stats.by_issuer.columns.tolist() == ["items", "pieces", "distinct_types", "share"]
    assert stats.to_frame()["dimension"].tolist()[0] == "total"


def test_collection_stats__missing_columns_are_named(stats_items: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"lacks column\(s\) quantity, grade; .*nf\.collection_df\(\)"):
        an.collection_stats(stats_items.drop(columns=["quantity", "grade"]))
    with pytest.raises(ValueError, match=r"types frame lacks column\(s\) composition.*nf\.types_df\(\)"):
        an.collection_stats(stats_items, pd.DataFrame({"id": [1], "value_currency_name": ["Dollar"]}))


def test_collection_stats__unknown_grade_is_refused() -> None:
    items = pd.DataFrame({"type_id": [1], "quantity": [1], "for_swap": [False], "issuer_name": ["X"],
                          "category": ["coin"], "grade": ["mint"], "gregorian_year": [2000]})
    with pytest.raises(ValueError, match="unknown grade"):
        an.collection_stats(items)


# -- collection_value ---------------------------------------------------------------------------

@pytest.fixture
def value_prices() -> pd.DataFrame:
    return frame("prices", [
        price(10, 100, "f", 2.0),
        price(10, 100, "vf", 2.5, fetched_at="2025-06-01T00:00:00Z"),  # superseded by the later estimate
        price(10, 100, "vf", 3.0),
        price(10, 100, "unc", 10.0),
        price(10, 101, "vf", 5.0),
        price(10, 101, "xf", 8.0),
        price(20, 200, "unc", 50.0),
    ])


@pytest.fixture
def value_items() -> pd.DataFrame:
    return frame("collected_items", [
        item(1, 10, 100, "vf", 2, price_value=2.0, price_currency="EUR"),   # exact 3.0
        item(2, 10, 100, "xf", 1, price_value=5.0, price_currency="USD"),   # nearest below: vf 3.0
        item(3, 10, 101, "f", 1),                    # issue only above: the type's f median, 2.0
        item(4, 10, None, "vf", 1, price_value=10.0, price_currency="EUR"),  # median(3, 5) at vf
        item(5, 10, 102, "unc", 3),                                          # issue unpriced: unc 10.0
        item(6, 10, 100, None, 1),                                           # ungraded: lowest, f 2.0
        item(7, 99, 999, "vf", 2, price_value=1.0, price_currency="EUR"),   # nothing at all
        item(8, 20, 200, "vf", 1),                                           # only above: unc 50.0
    ])


def test_collection_value__each_fallback_is_flagged(
        value_items: pd.DataFrame, value_prices: pd.DataFrame) -> None:
    rows = an.collection_value(value_items, value_prices).items.set_index("id")
    assert rows["value_source"].astype(str).to_dict() == {
        1: "exact", 2: "nearest_grade", 3: "type_grade_median", 4: "type_grade_median",
        5: "type_grade_median", 6: "nearest_grade", 7: "none", 8: "nearest_grade"}
    assert rows["unit_value"].tolist()[:6] == [3.0, 3.0, 2.0, 4.0, 10.0, 2.0]
    assert math.isnan(rows.loc[7, "unit_value"])
    assert texts(rows["priced_grade"]) == ["vf", "vf", "f", "vf", "unc", "f", None, "unc"]


def test_collection_value__values_total_and_coverage(
        value_items: pd.DataFrame, value_prices: pd.DataFrame) -> None:
    value = an.collection_value(value_items, value_prices)
    assert value.items["value"].fillna(-1).tolist() == [6.0, 3.0, 2.0, 4.0, 30.0, 2.0, -1, 50.0]
    assert value.total == 97.0
    assert value.currency == "EUR"
    assert (value.pieces, value.pieces_valued) == (12, 10)
    assert value.coverage == pytest.approx(10 / 12)


def test_collection_value__gain_only_where_the_currency_matches(
        value_items: pd.DataFrame, value_prices: pd.DataFrame) -> None:
    value = an.collection_value(value_items, value_prices)
    gains = value.items.set_index("id")["gain"]
    assert gains[1] == 2.0  # 6.0 worth, 2 pieces at 2.0 EUR
    assert gains[4] == -6.0
    assert gains[[2, 3, 5, 6, 7, 8]].isna().all()  # paid in USD, not paid, or value unknown
    assert value.items.set_index("id").loc[2, "price_paid_currency"] == "USD"
    assert (value.gain, value.paid_pieces) == (-4.0, 3)


def test_collection_value__summary_says_coverage_and_what_is_left_out(
        value_items: pd.DataFrame, value_prices: pd.DataFrame) -> None:
    assert an.collection_value(value_items, value_prices).summary() == (
        "Estimated value 97.00 EUR; value known for 10 of 12 pieces (83%); "
        "gain -4.00 EUR on 3 pieces paid in EUR; 1 pieces paid in USD left out of the gain")


def test_collection_value__no_gain_without_prices_paid(
        value_items: pd.DataFrame, value_prices: pd.DataFrame) -> None:
    unpaid = value_items.assign(price_value=float("nan"))
    value = an.collection_value(unpaid, value_prices)
    assert value.gain is None and value.paid_pieces == 0
    assert value.summary().endswith("; no price paid to compare")


def test_collection_value__mixed_currencies_are_refused(
        value_items: pd.DataFrame, value_prices: pd.DataFrame) -> None:
    mixed = pd.concat([value_prices, frame("prices", [price(10, 100, "vf", 3.3, "USD")])])
    with pytest.raises(ValueError, match=r"mixes currencies \(EUR, USD\).*prices_df\(\.\.\., currency="):
        an.collection_value(value_items, mixed)


def test_collection_value__empty_inputs() -> None:
    value = an.collection_value(empty_frame("collected_items"), empty_frame("prices"))
    assert value.items.empty
    assert value.items.columns.tolist() == [
        "id", "type_id", "issue_id", "title", "grade", "quantity", "unit_value", "value", "currency",
        "value_source", "price_paid", "price_paid_currency", "gain", "issuer_name", "priced_grade"]
    assert value.items["grade"].dtype == GRADE_DTYPE
    assert (value.total, value.pieces, value.pieces_valued) == (0.0, 0, 0)
    assert (value.coverage, value.gain, value.paid_pieces) == (0.0, None, 0)


def test_collection_value__no_prices_values_nothing(value_items: pd.DataFrame) -> None:
    value = an.collection_value(value_items, empty_frame("prices"))
    assert (value.items["value_source"] == "none").all()
    assert (value.pieces_valued, value.coverage, value.currency) == (0, 0.0, "")


def test_collection_value__missing_columns_are_named(
        value_items: pd.DataFrame, value_prices: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"items frame lacks column\(s\) price_value"):
        an.collection_value(value_items.drop(columns="price_value"), value_prices)
    with pytest.raises(ValueError, match=r"prices frame lacks column\(s\) price.*nf\.prices_df\(\)"):
        an.collection_value(value_items, value_prices.drop(columns="price"))


# -- collection_completion ----------------------------------------------------------------------

@pytest.fixture
def completion_issues() -> pd.DataFrame:
    return frame("issues", [
        {"type_id": 7, "issue_id": 70, "year": "1909", "gregorian_year": 1909},
        {"type_id": 7, "issue_id": 71, "year": "1909", "gregorian_year": 1909, "mint_letter": "D"},
        {"type_id": 7, "issue_id": 72, "year": "1910", "gregorian_year": 1910, "mint_letter": "S"},
        {"type_id": 7, "issue_id": 73, "year": "1911", "gregorian_year": 1911, "comment": "Proof"},
        {"type_id": 8, "issue_id": 80, "year": "1950", "gregorian_year": 1950},
        {"type_id": 6, "issue_id": 60, "year": "1800", "gregorian_year": 1800},  # no item of type 6
    ])


@pytest.fixture
def completion_items() -> pd.DataFrame:
    return frame("collected_items", [
        item(1, 7, 70, "vf"), item(2, 7, 70, "xf"), item(3, 7, 72, "f"), item(4, 7, None, "f"),
        item(5, 8, 80, "unc"), item(6, 9, 90, "vf"), item(7, 7, 80, "vf"),  # 80 belongs to type 8
    ])


def test_collection_completion__owned_missing_and_years(
        completion_items: pd.DataFrame, completion_issues: pd.DataFrame) -> None:
    done = an.collection_completion(completion_items, completion_issues)
    assert done.columns.tolist() == ["type_id", "title", "issues_existing", "issues_owned", "completion",
                                     "missing_issue_ids", "missing_years"]
    assert done["type_id"].tolist() == [8, 7, 9]  # most complete first, unknown last
    seven = done.set_index("type_id").loc[7]
    assert (seven["issues_existing"], seven["issues_owned"], seven["completion"]) == (4, 2, 0.5)
    assert seven["missing_issue_ids"] == [71, 73]
    assert all(type(i) is int for i in seven["missing_issue_ids"])
    assert seven["missing_years"] == "1909 D, 1911 (Proof)"
    assert seven["title"] == "Type 7"


def test_collection_completion__complete_and_unknown_types(
        completion_items: pd.DataFrame, completion_issues: pd.DataFrame) -> None:
    done = an.collection_completion(completion_items, completion_issues).set_index("type_id")
    assert done.loc[8, ["issues_existing", "issues_owned", "completion"]].tolist() == [1, 1, 1.0]
    assert (done.loc[8, "missing_issue_ids"], done.loc[8, "missing_years"]) == ([], "")
    assert done.loc[9, "issues_existing"] is NA and done.loc[9, "issues_owned"] is NA
    assert math.isnan(done.loc[9, "completion"])
    assert done.loc[9, "missing_issue_ids"] == []
    assert done["issues_existing"].dtype == "Int64" and done["missing_years"].dtype == STRING_DTYPE


def test_collection_completion__without_titles(completion_items: pd.DataFrame,
                                               completion_issues: pd.DataFrame) -> None:
    done = an.collection_completion(completion_items[["type_id", "issue_id"]], completion_issues)
    assert "title" not in done.columns
    assert done["completion"].tolist()[:2] == [1.0, 0.5]


def test_collection_completion__empty_inputs(completion_issues: pd.DataFrame) -> None:
    done = an.collection_completion(empty_frame("collected_items"), empty_frame("issues"))
    assert done.empty
    assert done.dtypes.astype(str).tolist() == ["Int64", "string", "Int64", "Int64", "float64", "object",
                                                "string"]
    assert an.collection_completion(empty_frame("collected_items"), completion_issues).empty


def test_collection_completion__missing_columns_are_named(completion_items: pd.DataFrame,
                                                          completion_issues: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"issues frame lacks column\(s\) year, mint_letter.*issues_df"):
        an.collection_completion(completion_items, completion_issues[["type_id", "issue_id"]])
    with pytest.raises(ValueError, match=r"items frame lacks column\(s\) issue_id"):
        an.collection_completion(completion_items.drop(columns="issue_id"), completion_issues)


# -- price_summary ------------------------------------------------------------------------------

def test_price_summary__premium_ladder() -> None:
    prices = frame("prices", [
        price(1, 10, "unc", 12.0), price(1, 10, "f", 2.0), price(1, 10, "vf", 3.0),
        price(1, 11, "xf", 8.0), price(1, 11, "vf", 5.0),
        price(1, 12, "g", float("nan")), price(1, 12, "vg", 4.0),  # no estimate at g: vg is the lowest
    ])
    summary = an.price_summary(prices)
    assert summary.columns.tolist() == ["type_id", "issue_id", "grade", "price", "currency", "premium",
                                        "ladder"]
    assert summary[["issue_id", "grade"]].astype(object).values.tolist() == [
        [10, "f"], [10, "vf"], [10, "unc"], [11, "vf"], [11, "xf"], [12, "vg"]]
    assert summary["premium"].fillna(-1).tolist() == [-1, 1.5, 4.0, -1, 1.6, -1]
    assert summary["ladder"].tolist() == [1.0, 1.5, 6.0, 1.0, 1.6, 1.0]


def test_price_summary__currencies_kept_apart() -> None:
    prices = frame("prices", [price(1, 10, "f", 2.0), price(1, 10, "vf", 3.0, "USD"),
                              price(1, 10, "vf", 4.0)])
    summary = an.price_summary(prices)
    assert summary[["currency", "premium"]].fillna(-1).values.tolist() == [
        ["EUR", -1], ["EUR", 2.0], ["USD", -1]]


def test_price_summary__empty_and_missing_columns() -> None:
    summary = an.price_summary(empty_frame("prices"))
    assert summary.empty and summary["grade"].dtype == GRADE_DTYPE and summary["premium"].dtype == "float64"
    with pytest.raises(ValueError, match=r"lacks column\(s\) grade"):
        an.price_summary(empty_frame("prices").drop(columns="grade"))


# -- price_changes ------------------------------------------------------------------------------

@pytest.fixture
def price_history() -> pd.DataFrame:
    return history([
        (1, 10, "EUR", "vf", 5.0, "2023-06-01"),
        (1, 10, "EUR", "vf", 8.0, "2024-03-01"),
        (1, 10, "EUR", "vf", 9.0, "2024-09-01"),
        (1, 10, "EUR", "vf", 12.0, "2025-03-01"),
        (1, 10, "EUR", "unc", 20.0, "2024-12-01"),
        (1, 11, "EUR", "vf", 7.0, "2022-01-01"),
        (1, 11, "EUR", "vf", 9.0, "2022-06-01"),
    ])


def _changes(changes: pd.DataFrame) -> dict[str, list[Any]]:
    keyed = changes.assign(grade=changes["grade"].astype(str))
    def na(value: float) -> float | None:
        return None if pd.isna(value) else round(value, 4)

    return {f"{row.issue_id}/{row.grade}": [row.start_price, row.end_price, na(row.change),
                                            na(row.change_pct)]
            for row in keyed.itertuples()}


def test_price_changes__one_year(price_history: pd.DataFrame) -> None:
    changes = an.price_changes(price_history, period="1Y")
    # window [2024-03-01, 2025-03-01], both ends included; issue 11 was last seen in 2022
    # unc was seen once in the window: its change is unknown (NA), not 0
    assert _changes(changes) == {"10/vf": [8.0, 12.0, 4.0, 50.0], "10/unc": [20.0, 20.0, None, None]}
    vf = changes[changes["grade"] == "vf"].iloc[0]
    assert (vf["start_date"], vf["end_date"]) == (pd.Timestamp("2024-03-01", tz="UTC"),
                                                  pd.Timestamp("2025-03-01", tz="UTC"))


def test_price_changes__six_months(price_history: pd.DataFrame) -> None:
    changes = an.price_changes(price_history, period="6M")
    assert _changes(changes) == {"10/vf": [9.0, 12.0, 3.0, 33.3333], "10/unc": [20.0, 20.0, None, None]}


def test_price_changes__explicit_end_and_days(price_history: pd.DataFrame) -> None:
    assert _changes(an.price_changes(price_history, period="6M", end="2024-09-01")) == {
        "10/vf": [8.0, 9.0, 1.0, 12.5]}
    assert _changes(an.price_changes(price_history, period="90D")) == {
        "10/vf": [12.0, 12.0, None, None], "10/unc": [20.0, 20.0, None, None]}
    assert _changes(an.price_changes(price_history, period=pd.Timedelta(days=200),
                                     end=pd.Timestamp("2022-06-01"))) == {"11/vf": [7.0, 9.0, 2.0, 28.5714]}


def test_price_changes__bad_period_is_refused(price_history: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="offset alias such as '1Y'"):
        an.price_changes(price_history, period="fortnight")


def test_price_changes__empty_history() -> None:
    changes = an.price_changes(history([]))
    assert changes.empty
    assert changes.columns.tolist() == ["type_id", "issue_id", "grade", "currency", "start_date",
                                        "start_price", "end_date", "end_price", "change", "change_pct"]
    assert str(changes["start_date"].dtype) == "datetime64[ns, UTC]"


def test_price_changes__missing_columns_are_named(price_history: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"history frame lacks column\(s\) observed_at.*price_history_df"):
        an.price_changes(price_history.drop(columns="observed_at"))


# -- rarity -------------------------------------------------------------------------------------

@pytest.fixture
def rarity_issues() -> pd.DataFrame:
    return frame("issues", [
        {"type_id": 1, "issue_id": 10, "year": "1909", "mint_letter": "S", "mintage": 484_000},
        {"type_id": 1, "issue_id": 11, "year": "1910", "mintage": 2_000_000},
        {"type_id": 1, "issue_id": 12, "year": "1911"},  # mintage unknown
        {"type_id": 1, "issue_id": 13, "year": "1912", "mintage": 484_000},
    ])


@pytest.fixture
def rarity_prices() -> pd.DataFrame:
    return frame("prices", [price(1, 10, "unc", 968.0, "USD"), price(1, 11, "xf", 30.0, "USD"),
                            price(1, 11, "au", 40.0, "USD")])


def test_rarity__ranks_by_mintage_and_prices_per_million(rarity_issues: pd.DataFrame,
                                                         rarity_prices: pd.DataFrame) -> None:
    view = an.rarity(rarity_issues, rarity_prices)
    assert view.columns.tolist() == ["type_id", "issue_id", "year", "mint_letter", "mintage", "grade",
                                     "price", "price_per_million_mintage", "rank", "currency"]
    assert view["issue_id"].tolist() == [10, 13, 11]
    assert view["rank"].tolist() == [1, 1, 3]
    assert texts(view["grade"]) == ["unc", None, "au"]  # au: nearest lower to unc
    assert view["price_per_million_mintage"].fillna(-1).tolist() == [2000.0, -1, 20.0]
    assert set(view["currency"]) == {"USD"}


def test_rarity__at_another_grade_never_looks_above(rarity_issues: pd.DataFrame,
                                                    rarity_prices: pd.DataFrame) -> None:
    view = an.rarity(rarity_issues, rarity_prices, grade="xf").set_index("issue_id")
    assert view.loc[11, "price"] == 30.0 and view.loc[11, "price_per_million_mintage"] == 15.0
    assert math.isnan(view.loc[10, "price"])  # priced only at unc, above xf


def test_rarity__bad_grade_mixed_currencies_and_missing_columns(rarity_issues: pd.DataFrame,
                                                                rarity_prices: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="grade must be one of"):
        an.rarity(rarity_issues, rarity_prices, grade="mint")
    mixed = pd.concat([rarity_prices, frame("prices", [price(1, 13, "vf", 1.0, "EUR")])])
    with pytest.raises(ValueError, match="mixes currencies"):
        an.rarity(rarity_issues, mixed)
    with pytest.raises(ValueError, match=r"issues frame lacks column\(s\) mintage"):
        an.rarity(rarity_issues.drop(columns="mintage"), rarity_prices)


def test_rarity__empty_inputs(rarity_issues: pd.DataFrame) -> None:
    assert an.rarity(empty_frame("issues"), empty_frame("prices")).empty
    view = an.rarity(rarity_issues, empty_frame("prices"))
    assert view["rank"].tolist() == [1, 1, 3] and view["price"].isna().all()
    assert view["grade"].dtype == GRADE_DTYPE and view["rank"].dtype == "Int64"


# -- on the sample catalogue --------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    """User 1's collection with its types, issues and EUR prices, built from the fake's catalogue."""
    cat = load_sample_catalogue()
    items = normalize_collected_items(UserStore(cat).list_items(1, {}), user_id=1)
    type_ids = sorted(int(t) for t in items["type_id"].dropna().unique())
    issues = normalize_issues({t: cat.get_issues(t) for t in type_ids})
    records = [PriceRecord(int(t), int(i), cat.get_prices(int(t), int(i), "EUR"))
               for t, i in zip(issues["type_id"], issues["issue_id"], strict=True)]
    prices = normalize_prices(records, fetched_at="2026-01-01T00:00:00Z")
    types = normalize_types([cat.get_type(t) for t in type_ids])
    return {"items": items, "issues": issues, "prices": prices, "types": types}


def test_analysis__sample_collection_invariants(sample: dict[str, pd.DataFrame]) -> None:
    items = sample["items"]
    stats = an.collection_stats(items, sample["types"])
    pieces = int(items["quantity"].fillna(1).sum())
    assert stats.totals["pieces"] == pieces and stats.totals["items"] == len(items)
    assert stats.by_grade["pieces"].sum() == pieces

    value = an.collection_value(items, sample["prices"])
    assert 0 < value.coverage <= 1 and value.pieces == pieces
    assert (value.items["value"].dropna() >= 0).all() and value.total > 0
    valued = value.items["value"].notna()
    assert (value.items.loc[valued, "value_source"] != "none").all()
    assert (value.items.loc[~valued, "value_source"] == "none").all()
    assert value.items["value_source"].isna().sum() == 0
    paid_elsewhere = value.items["price_paid_currency"].ne("EUR").fillna(False).astype(bool)
    assert value.items.loc[paid_elsewhere, "gain"].isna().all()

    done = an.collection_completion(items, sample["issues"])
    assert len(done) == items["type_id"].nunique()
    assert done["completion"].between(0, 1).all()
    assert (done["issues_existing"] - done["issues_owned"] == done["missing_issue_ids"].map(len)).all()

    ladder = an.price_summary(sample["prices"])
    assert (ladder["ladder"] >= 0).all() and len(ladder) == len(sample["prices"])
    view = an.rarity(sample["issues"], sample["prices"])
    assert view["mintage"].notna().all() and view["rank"].min() == 1


def test_collection_stats__bc_years_fall_in_their_decade() -> None:
    items = frame("collected_items", [item(1, 1, None, "f", gregorian_year=-449),
                                      item(2, 2, None, "f", gregorian_year=-211),
                                      item(3, 3, None, "f", gregorian_year=1912)])
    decades = an.collection_stats(items).by_decade.index.tolist()
    assert decades == [-440, -210, 1910]  # 449 BC is in the 440s BC, as 1912 is in the 1910s


# -- price_index ---------------------------------------------------------------------------------


def _history(rows: list[tuple[int, str, float]]) -> pd.DataFrame:
    """(type_id, YYYY-MM-DD, UNC price) rows as a price history."""
    return pd.DataFrame({
        "type_id": pd.array([r[0] for r in rows], dtype="Int64"),
        "issue_id": pd.array([r[0] * 10 for r in rows], dtype="Int64"),
        "grade": pd.Categorical(["unc"] * len(rows), dtype=GRADE_DTYPE),
        "price": [r[2] for r in rows], "currency": "EUR",
        "observed_at": pd.to_datetime([r[1] for r in rows], utc=True)})


def test_price_index__a_type_new_in_the_last_month_moves_nothing() -> None:
    twelve = [(t, month, 10.0 * t * (1.0 + 0.01 * i)) for t in range(1, 13)
              for i, month in enumerate(["2026-01-10", "2026-02-10", "2026-03-10"])]
    alone = [(99, "2026-03-20", 5000.0)]  # priced once, in the last month only
    index = nf.price_index(_history(twelve + alone))
    assert index["index"].round(2).tolist() == [100.0, 101.0, 102.0]
    assert index["types"].tolist()[1:] == [12, 12] and index["priced"].tolist() == [12, 12, 13]


def _naive(history: pd.DataFrame) -> pd.Series:
    """Notebook 02's old chart: each type indexed to its first month, median across types."""
    monthly = history.groupby(["type_id", pd.Grouper(key="observed_at", freq="MS")])["price"] \
        .median().unstack("type_id")
    return (monthly / monthly.bfill().iloc[0] * 100).median(axis=1)


def test_price_index__one_type_alone_in_the_last_month_does_not_make_it_jump() -> None:
    """12 types: one rose 40 % in February, the rest held; in March only that one is fetched
    again (+1 %). The median of whatever was fetched jumps to that type's level; the chained
    index moves by what changed since February, over the types priced in both months."""
    rows = [(t, month, 10.0) for t in range(2, 13) for month in ("2026-01-10", "2026-02-10")]
    rows += [(1, "2026-01-10", 10.0), (1, "2026-02-10", 14.0), (1, "2026-03-10", 14.14)]
    history = _history(rows)
    assert _naive(history).round(1).tolist() == [100.0, 100.0, 141.4]  # the jump
    index = nf.price_index(history)
    assert index["index"].round(1).tolist() == [100.0, 100.0, 101.0]
    assert index["types"].tolist()[1:] == [12, 1]  # and the chart can say how thin the link is


def test_price_index__a_period_with_no_type_in_common_is_nan_and_the_chain_goes_on() -> None:
    rows = [(1, "2026-01-05", 10.0), (2, "2026-02-05", 50.0), (1, "2026-03-05", 12.0)]
    index = nf.price_index(_history(rows))
    assert index["index"].iloc[0] == 100 and pd.isna(index["index"].iloc[1])
    assert index["index"].iloc[2] == pytest.approx(120.0)  # March against January


def test_price_index__checks_its_input_and_handles_empty() -> None:
    with pytest.raises(ValueError, match="missing"):
        nf.price_index(pd.DataFrame({"type_id": [1]}))
    with pytest.raises(ValueError, match="grade"):
        nf.price_index(_history([(1, "2026-01-05", 1.0)]), grade="mint")
    mixed = _history([(1, "2026-01-05", 1.0), (2, "2026-01-05", 1.0)])
    mixed.loc[1, "currency"] = "USD"
    with pytest.raises(ValueError, match="currencies"):
        nf.price_index(mixed)
    assert nf.price_index(_history([])).empty

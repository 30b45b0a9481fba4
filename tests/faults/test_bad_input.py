"""Careless input: each case raises a clear ValueError/TypeError naming the argument, or works,
and in every case spends 0 requests before it knows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.testing import FakeNumista
from tests.faults.conftest import configure_for

IDS = [6149, 6542]


#: (call, the argument its message must name) for input that must be refused.
REFUSED = [
    pytest.param(lambda: nf.search_df("dollar", lang=""), "lang", id="search-lang-empty"),
    pytest.param(lambda: nf.types_df(IDS, lang=""), "lang", id="types-lang-empty"),
    pytest.param(lambda: nf.issuers_df(lang=""), "lang", id="issuers-lang-empty"),
    pytest.param(lambda: nf.types_df(IDS, lang="de"), "lang", id="types-lang-unknown"),
    pytest.param(lambda: nf.prices_df(6542, currency=""), "currency", id="prices-currency-empty"),
    pytest.param(lambda: nf.prices_df(6542, currency="XXQ"), "currency", id="prices-currency-not-iso"),
    pytest.param(lambda: nf.prices_df(6542, currency="EURO"), "currency", id="prices-currency-4"),
    pytest.param(lambda: nf.price_history_df(currency="XXQ"), "currency", id="history-currency-not-iso"),
    pytest.param(lambda: nf.search_df("dollar", size=(10, "x")), "size", id="search-size-text-bound"),
    pytest.param(lambda: nf.search_df("dollar", weight=("a", 3)), "weight", id="search-weight-text-bound"),
    pytest.param(lambda: nf.search_df("dollar", year=(1950, 1900)), "year", id="search-year-inverted"),
    pytest.param(lambda: nf.price_history_df(since="2026-05-01", until="2026-04-01"), "since",
                 id="history-since-after-until"),
    pytest.param(lambda: nf.publications_df(123), "L106610", id="publications-int"),
    pytest.param(lambda: nf.publications_df([104233]), "publication id", id="publications-int-list"),
    pytest.param(lambda: nf.types_df(pd.DataFrame({"id": IDS})), "type_ids", id="types-a-dataframe"),
    pytest.param(lambda: nf.types_df(np.array([IDS])), "type_ids", id="types-2d-array"),
    pytest.param(lambda: nf.types_df([6149, -3]), "type_ids", id="types-negative-id"),
    pytest.param(lambda: nf.types_df([6149, "x"]), "type_ids", id="types-text-id"),
    pytest.param(lambda: nf.types_df([6149, 2.5]), "type_ids", id="types-fractional-id"),
    pytest.param(lambda: nf.issues_df(None), "type_ids", id="issues-none"),
    pytest.param(lambda: nf.prices_df(6542, issue_ids=np.array([[31842]])), "issue_ids",
                 id="prices-issue-ids-2d"),
    pytest.param(lambda: nf.search_df("dollar", page_size=0), "page_size", id="search-page-size-0"),
    pytest.param(lambda: nf.search_df("dollar", max_results=-1), "max_results", id="search-max-results"),
    pytest.param(lambda: nf.collection_df(category="coins"), "category", id="collection-category"),
    pytest.param(lambda: nf.user_df("me"), "user_id", id="user-id-text"),
    pytest.param(lambda: nf.type_parts_df(IDS, part="rulerz"), "part", id="type-parts-unknown"),
    pytest.param(lambda: nf.add_collected_items([{"type_id": 6542}]), "DataFrame",
                 id="add-items-a-list"),
    pytest.param(lambda: nf.add_collected_items({"type_id": [6542]}), "DataFrame",
                 id="add-items-a-dict"),
    pytest.param(lambda: nf.add_collected_items(pd.DataFrame({"grade": ["vf"]})), "type",
                 id="add-items-no-type"),
    pytest.param(lambda: nf.add_collected_items(pd.DataFrame({"type_id": [6542], "grade": ["shiny"]})),
                 "grade", id="add-items-bad-grade"),
]
@pytest.mark.parametrize(("call", "names"), REFUSED)
def test_bad_input__refused_naming_the_argument_with_zero_requests(
        call: Callable[[], Any], names: str, fake: FakeNumista, cache_dir: Path) -> None:
    configure_for(fake.url, fake.api_key, cache_dir)
    with pytest.raises((ValueError, TypeError)) as caught:
        call()
    assert not isinstance(caught.value, nf.NumistaError)
    assert names in str(caught.value), str(caught.value)
    assert fake.request_count() == 0


#: (call, the equivalent plain call) for input that must simply work.
EQUIVALENT = [
    pytest.param(lambda: nf.types_df(np.array(IDS), progress=False),
                 lambda: nf.types_df(IDS, progress=False), id="types-numpy-array"),
    pytest.param(lambda: nf.types_df(pd.Index(IDS), progress=False),
                 lambda: nf.types_df(IDS, progress=False), id="types-pd-index"),
    pytest.param(lambda: nf.types_df(pd.Series([6149, 6149, 6542]).unique(), progress=False),
                 lambda: nf.types_df(IDS, progress=False), id="types-series-unique"),
    pytest.param(lambda: nf.issues_df(pd.Series(IDS).values, progress=False),
                 lambda: nf.issues_df(IDS, progress=False), id="issues-series-values"),
    pytest.param(lambda: nf.issues_df(np.int64(6542), progress=False),
                 lambda: nf.issues_df(6542, progress=False), id="issues-numpy-scalar"),
    pytest.param(lambda: nf.prices_df(np.array([6542]), issue_ids=np.array([31842]), progress=False),
                 lambda: nf.prices_df([6542], issue_ids=[31842], progress=False),
                 id="prices-numpy-ids"),
    pytest.param(lambda: nf.publications_df(pd.Index(["L104233"]), progress=False),
                 lambda: nf.publications_df(["L104233"], progress=False), id="publications-pd-index"),
]


def _rows(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.drop(columns=[c for c in ("fetched_at",) if c in frame.columns])
    out.attrs.clear()
    return out.reset_index(drop=True)


@pytest.mark.parametrize(("call", "plain"), EQUIVALENT)
def test_bad_input__array_likes_work_like_lists(call: Callable[[], pd.DataFrame],
                                                plain: Callable[[], pd.DataFrame],
                                                fake: FakeNumista, cache_dir: Path) -> None:
    configure_for(fake.url, fake.api_key, cache_dir)
    expected = _rows(plain())
    pd.testing.assert_frame_equal(_rows(call()), expected)


def test_bad_input__open_year_bound_works_or_is_refused_naming_year(
        fake: FakeNumista, cache_dir: Path) -> None:
    configure_for(fake.url, fake.api_key, cache_dir)
    outcome: Any
    try:
        outcome = nf.search_df("dollar", year=(None, 1900))
    except (ValueError, TypeError) as exc:
        outcome = exc
    if isinstance(outcome, Exception):
        assert "year" in str(outcome) and fake.request_count() == 0
        return
    frame = outcome
    closed = nf.search_df("dollar", year=(1, 1900))
    pd.testing.assert_frame_equal(_rows(frame), _rows(closed))


def test_bad_input__empty_frame_to_add_collected_items_spends_nothing(
        fake: FakeNumista, cache_dir: Path) -> None:
    configure_for(fake.url, fake.api_key, cache_dir)
    result = nf.add_collected_items(pd.DataFrame({"type_id": pd.array([], dtype="Int64")}))
    assert len(result) == 0 and fake.request_count() == 0


def test_bad_input__configure_refuses_empty_lang_and_currency() -> None:
    for name in ("lang", "currency"):
        with pytest.raises(ValueError, match=name):
            nf.configure(**{name: ""})


def test_bad_input__configure_refuses_a_currency_outside_iso_4217() -> None:
    with pytest.raises(ValueError, match="currency"):
        nf.configure(currency="XXQ")

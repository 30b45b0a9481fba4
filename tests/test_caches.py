"""cache_info, clear_cache, warm_cache."""

from __future__ import annotations

from datetime import timedelta

import pytest

import numista_frames as nf
from numista_frames.testing import FakeNumista


def _ids() -> list[int]:
    return [int(i) for i in nf.search_df("dollar", issuer="canada", max_results=3)["id"]]


def test_cache_info__lists_frames_http_answers_and_history(configured: FakeNumista) -> None:
    ids = _ids()
    nf.prices_df(ids[:1])
    info = nf.cache_info()
    assert list(info.columns) == ["kind", "key", "rows", "bytes", "fetched_at", "expires_at",
                                  "location"]
    kinds = set(info["kind"])
    assert {"search", "prices", "http/search", "http/issues", "http/prices", "price_history"} <= kinds
    frames = info[info["kind"] == "search"]
    assert frames["rows"].tolist() == [3] and (frames["bytes"] > 0).all()
    assert (info["expires_at"].dropna() > info["fetched_at"].dropna().min()).all()
    assert str(info["fetched_at"].dtype) == "datetime64[ns, UTC]"


def test_clear_cache__by_type_ids_spares_the_rest(configured: FakeNumista) -> None:
    ids = _ids()
    nf.types_df(ids)
    nf.types_df(ids[:1])
    removed = nf.clear_cache(type_ids=ids[1])
    assert removed == 2  # the frame holding it and its raw answer
    configured.clear_log()
    nf.types_df(ids[:1])
    assert configured.request_count() == 0
    nf.types_df(ids)
    assert configured.request_count() == 1


def test_clear_cache__by_kind_and_age(configured: FakeNumista) -> None:
    ids = _ids()
    nf.issues_df(ids)
    assert nf.clear_cache(kind="issues", older_than=timedelta(hours=1)) == 0
    assert nf.clear_cache(kind="issues") == 1 + len(ids)
    history_before = len(nf.cache_info().query("kind == 'price_history'"))
    nf.clear_cache()
    info = nf.cache_info()
    assert set(info["kind"]) <= {"price_history"}
    assert len(info) == history_before


def test_warm_cache__later_calls_cost_nothing(configured: FakeNumista) -> None:
    ids = _ids()
    summary = nf.warm_cache(ids, progress=False)
    assert summary["what"].tolist() == ["types", "issues", "prices"]
    assert (summary["requests_spent"] > 0).all()
    configured.clear_log()
    nf.types_df(ids)
    nf.issues_df(ids)
    nf.prices_df(ids)
    assert configured.request_count() == 0


def test_clear_cache__kinds_as_cache_info_spells_them_and_unknown_ones_refused(
        configured: FakeNumista) -> None:
    nf.user_df(1)
    assert nf.clear_cache(kind="http/users") == 1
    with pytest.raises(ValueError, match="unknown cache kind"):
        nf.clear_cache(kind="pricez")


def test_cache_info__after_clearing_everything_but_the_history(configured: FakeNumista) -> None:
    nf.prices_df(_ids()[:1])
    nf.clear_cache()
    info = nf.cache_info()
    assert set(info["kind"]) == {"price_history"}
    assert str(info["expires_at"].dtype) == "datetime64[ns, UTC]"

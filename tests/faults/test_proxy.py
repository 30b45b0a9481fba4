"""Faults a network causes (resets, cut bodies, garbage, HTML pages, empty and wrong-shape 200s),
injected by a TCP proxy in front of the fake; each followed by a clean rerun that must give the
rows a run against the fake directly gives: nothing poisoned the HTTP cache or the frame cache."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import numista_frames as nf
from numista_frames.testing import FakeNumista
from tests.faults.conftest import BY_NAME, assert_clear, assert_rows, attempt, baseline, configure_for
from tests.faults.proxy import PROXY_FAULTS, FaultProxy

#: Loaders driven through the proxy, with the request target (path and query) a fault strikes.
TARGETS = {
    "search_df": "/types?",
    "types_df": "/types/6149",
    "issues_df": "/issues",
    "prices_df": "/prices",
    "catalogues_df": "/catalogues",
    "publications_df": "/publications/",
    "collection_df": "/collected_items",
}
NETWORK_FAULTS = [k for k in PROXY_FAULTS if k != "wrong_shape"]

#: Well-formed JSON of the wrong shape for each endpoint family, answered with status 200.
WRONG_SHAPES: list[tuple[str, str, Any]] = [
    ("search_df", "types-null", {"count": 33, "types": None}),
    ("search_df", "types-missing", {"count": 33}),
    ("search_df", "types-text", {"count": 33, "types": "6149"}),
    ("search_df", "a-list", []),
    ("types_df", "no-id", {"title": "1 Dollar"}),
    ("types_df", "a-list", []),
    ("types_df", "null", None),
    ("issues_df", "a-dict", {"issues": []}),
    ("issues_df", "null", None),
    ("issues_df", "numbers", [1, 2]),
    ("prices_df", "empty-dict", {}),
    ("prices_df", "prices-null", {"currency": "EUR", "prices": None}),
    ("prices_df", "a-list", []),
    ("catalogues_df", "empty-dict", {}),
    ("catalogues_df", "catalogues-null", {"count": 3, "catalogues": None}),
    ("publications_df", "a-list", []),
    ("publications_df", "empty-dict", {}),
    ("collection_df", "items-null", {"item_count": 3, "items": None}),
    ("collection_df", "a-list", []),
    ("collection_df", "token-empty", {}),
]
_TOKEN_TARGET = "/oauth_token"

#: Cases that need a fix not merged yet (a strict xfail: it must fail until the fix lands).
PENDING: dict[str, str] = {}


def _marks(case_id: str) -> list[Any]:
    reason = PENDING.get(case_id)
    return [pytest.mark.xfail(reason=reason, strict=True)] if reason else []


def _network_cases(mode: str) -> list[Any]:
    return [pytest.param(name, kind, id=f"{name}-{kind}", marks=_marks(f"{mode}:{name}-{kind}"))
            for name in TARGETS for kind in NETWORK_FAULTS]


def _shape_cases(mode: str) -> list[Any]:
    return [pytest.param(name, body, _TOKEN_TARGET if label.startswith("token") else TARGETS[name],
                         id=f"{name}-{label}", marks=_marks(f"{mode}:{name}-{label}"))
            for name, label, body in WRONG_SHAPES]


def _through(proxy: FaultProxy, fake: FakeNumista, cache_dir: Path) -> None:
    configure_for(proxy.url, fake.api_key, cache_dir)


@pytest.mark.parametrize(("name", "kind"), _network_cases("once"))
def test_proxy_fault_once__retried_to_the_right_rows_then_clean_rerun(
        name: str, kind: str, fake: FakeNumista, proxy: FaultProxy, cache_dir: Path,
        tmp_path: Path) -> None:
    loader = BY_NAME[name]
    expected = baseline(loader)
    _through(proxy, fake, cache_dir)
    proxy.plan(kind, path=TARGETS[name])
    assert_rows(attempt(lambda: loader.call(tmp_path)), expected)
    assert proxy.spoiled() == 1
    assert_rows(attempt(lambda: loader.call(tmp_path)), expected)


@pytest.mark.parametrize(("name", "kind"), _network_cases("always"))
def test_proxy_fault_persistent__clear_error_then_clean_rerun(
        name: str, kind: str, fake: FakeNumista, proxy: FaultProxy, cache_dir: Path,
        tmp_path: Path) -> None:
    loader = BY_NAME[name]
    expected = baseline(loader)
    _through(proxy, fake, cache_dir)
    proxy.always(kind, path=TARGETS[name])
    first = attempt(lambda: loader.call(tmp_path))
    assert_clear(first, expected)
    assert first.error is not None or first.partial, "a spoiled answer was taken for data"
    proxy.clear()
    assert_rows(attempt(lambda: loader.call(tmp_path)), expected)


@pytest.mark.parametrize(("name", "body", "target"), _shape_cases("once"))
def test_wrong_shape_once__retried_to_the_right_rows_then_clean_rerun(
        name: str, body: Any, target: str, fake: FakeNumista, proxy: FaultProxy, cache_dir: Path,
        tmp_path: Path) -> None:
    loader = BY_NAME[name]
    expected = baseline(loader)
    _through(proxy, fake, cache_dir)
    proxy.plan("wrong_shape", path=target, body=body)
    first = attempt(lambda: loader.call(tmp_path))
    if target == _TOKEN_TARGET:  # a POST: a clear error is as good as a retry
        assert_clear(first, expected)
    else:
        assert_rows(first, expected)
    assert proxy.spoiled() == 1
    assert_rows(attempt(lambda: loader.call(tmp_path)), expected)


@pytest.mark.parametrize(("name", "body", "target"), _shape_cases("always"))
def test_wrong_shape_persistent__malformed_error_never_cached(
        name: str, body: Any, target: str, fake: FakeNumista, proxy: FaultProxy, cache_dir: Path,
        tmp_path: Path) -> None:
    loader = BY_NAME[name]
    expected = baseline(loader)
    _through(proxy, fake, cache_dir)
    proxy.always("wrong_shape", path=target, body=body)
    first = attempt(lambda: loader.call(tmp_path))
    assert_clear(first, expected)
    errors = [first.error] if first.error else list(nf.failures(first.frame)["error"])
    assert errors, "a wrong-shape answer was taken for data"
    names = {e if isinstance(e, str) else type(e).__name__ for e in errors}
    if target == _TOKEN_TARGET:  # a token request that failed is an authentication failure
        assert names <= {"MalformedResponseError", "AuthenticationError"}, names
    else:
        assert names == {"MalformedResponseError"}, names
        assert first.error is None or isinstance(first.error, nf.ServerError)
    proxy.clear()
    assert_rows(attempt(lambda: loader.call(tmp_path)), expected)


def test_malformed_error__names_the_endpoint_and_shows_the_first_bytes(
        fake: FakeNumista, proxy: FaultProxy, cache_dir: Path) -> None:
    configure_for(proxy.url, fake.api_key, cache_dir)
    proxy.always("wrong_shape", path="/catalogues", body={"unexpected": "shape-marker"})
    with pytest.raises(nf.ServerError) as caught:
        nf.catalogues_df()
    assert type(caught.value).__name__ == "MalformedResponseError"
    assert "/catalogues" in str(caught.value) and "shape-marker" in str(caught.value)
    assert proxy.spoiled() == 1 + QUICK_RETRIES, "retried like a 5xx"


QUICK_RETRIES = 2

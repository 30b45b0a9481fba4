"""What a newcomer trips over first: grades as typed, issuer hints, counts, one shape for loaders."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.checks import check_grades
from numista_frames.testing import FakeNumista


def test_grades__one_string_is_one_grade_and_case_does_not_matter() -> None:
    assert check_grades("vf") == ["vf"] and check_grades("VF") == ["vf"]
    assert check_grades(["F", "unc"]) == ["f", "unc"]
    with pytest.raises(ValueError, match="grade"):
        check_grades("very fine")


def test_price_history_df__grades_as_typed(configured: FakeNumista) -> None:
    from numista_frames.testing import sample_price_history

    nf.import_price_history(sample_price_history(types=2, months=3))
    one = nf.price_history_df(grades="VF")
    assert len(one) > 0 and set(one["grade"].astype(str)) == {"vf"}


def test_search_df__an_issuer_name_gets_the_code_it_meant(configured: FakeNumista) -> None:
    nf.issuers_df()  # cached: the hint looks codes up without spending a request
    spent = configured.request_count()
    with pytest.raises(nf.BadRequestError) as caught:
        nf.search_df(issuer="Canada")
    message = str(caught.value)
    assert "lowercase" in message and "nf.issuers_df()" in message and "canada" in message
    assert configured.request_count() - spent == 1  # the refused search itself, nothing more


def test_prices_df__a_currency_the_api_refuses_gets_a_hint(configured: FakeNumista) -> None:
    with pytest.raises(nf.BadRequestError) as caught:  # ISO 4217, but no rate in the fake
        nf.prices_df(1031, currency="XAF")
    message = str(caught.value)
    assert "'XAF' is an ISO 4217 code, but Numista does not give prices in it" in message
    assert "EUR" in message and "nf.configure(currency=...)" in message


@pytest.mark.parametrize(("call", "said"), [
    (lambda: nf.search_df("x", category="coins"), "did you mean 'coin'?"),
    (lambda: nf.search_df("x", lang="english"), "did you mean 'en'?"),
    (lambda: nf.prices_df(1031, currency="dollars"), "did you mean 'USD'?"),
    (lambda: nf.prices_df(1031, currency="euros"), "did you mean 'EUR'?"),
    (lambda: nf.prices_df(1031, currency="USDD"), "did you mean 'USD'?"),
])
def test_near_misses__category_lang_currency_suggest_the_value_before_any_request(
        configured: FakeNumista, call: object, said: str) -> None:
    with pytest.raises(ValueError, match=r"must be one of|ISO 4217") as caught:
        call()  # type: ignore[operator]
    assert str(caught.value).endswith(said)
    assert configured.request_count() == 0


def test_lang_and_category__any_case(configured: FakeNumista) -> None:
    upper = nf.search_df("dollar", lang="EN", category="Coin", max_results=5)
    assert upper.attrs["params"]["lang"] == "en" and upper.attrs["params"]["category"] == "coin"
    pd.testing.assert_frame_equal(upper, nf.search_df("dollar", category="coin", max_results=5))
    assert configured.request_count() == 1  # the same call, the same cache entry


def test_reference_lists__count_in_attrs(configured: FakeNumista) -> None:
    issuers = nf.issuers_df()
    assert issuers.attrs["count"] == len(issuers)
    assert nf.catalogues_df().attrs["count"] == len(nf.catalogues_df())
    collections = nf.collections_df()
    assert collections.attrs["count"] == len(collections)


def test_collection_df__type_ids_like_every_loader_and_the_old_spelling_warns(
        configured: FakeNumista) -> None:
    items = nf.collection_df()
    two = items["type_id"].dropna().unique()[:2].tolist()
    both = nf.collection_df(type_ids=two)
    assert set(both["type_id"]) == set(two)
    assert len(both) == int(items["type_id"].isin(two).sum())
    with pytest.warns(FutureWarning, match="type_ids"):
        old = nf.collection_df(type_id=two[0])
    pd.testing.assert_frame_equal(old.reset_index(drop=True),
                                  nf.collection_df(type_ids=two[0]).reset_index(drop=True))


def test_loaders__one_shape_for_defaults_and_keywords() -> None:
    client_default = inspect.signature(nf.Client.get_types).parameters["count"].default
    assert inspect.signature(nf.search_df).parameters["page_size"].default == client_default == 100
    image = inspect.signature(nf.Client.search_by_image).parameters["max_results"].default
    assert inspect.signature(nf.image_search_df).parameters["max_results"].default == image
    for name in ("search_df", "types_df", "issues_df", "prices_df", "issuers_df", "mints_df",
                 "catalogues_df", "publications_df", "user_df", "collections_df",
                 "collection_df", "image_search_df", "add_collected_items", "quota"):
        assert "client" in inspect.signature(getattr(nf, name)).parameters, name


def test_reports__short_reprs_and_html_for_notebooks(configured: FakeNumista) -> None:
    items = nf.collection_df()
    stats = nf.collection_stats(items)
    assert repr(stats).startswith("CollectionStats(") and len(repr(stats)) < 300
    assert f"{int(stats.totals['pieces']):,} pieces" in repr(stats)
    assert "<table" in stats._repr_html_()
    value = nf.collection_value(items, nf.prices_df(items["type_id"].dropna().unique()[:3],
                                                     progress=False))
    assert repr(value) == f"CollectionValue({value.summary()})"
    assert "<table" in value._repr_html_() and value.summary() in value._repr_html_()


def test_language__frames_say_which_language_they_are_in(configured: FakeNumista) -> None:
    ids = nf.search_df("dollar", max_results=3, progress=False)["id"].tolist()
    both = pd.concat([nf.types_df(ids, lang="en", progress=False),
                      nf.types_df(ids, lang="es", progress=False)], ignore_index=True)
    assert both["lang"].tolist() == ["en"] * 3 + ["es"] * 3
    for frame in (nf.search_df("dollar", max_results=3, lang="fr", progress=False),
                  nf.issues_df(ids, lang="fr", progress=False), nf.issuers_df(lang="fr"),
                  nf.mints_df(lang="fr")):
        assert set(frame["lang"]) == {"fr"}

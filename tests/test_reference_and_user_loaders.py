"""Reference-list and user-data loaders against the fake."""

from __future__ import annotations

import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.frames import schema
from numista_frames.testing import FakeNumista, load_sample_catalogue


def _assert_schema(frame: pd.DataFrame, resource: str) -> None:
    expected = schema.empty_frame(resource)
    assert list(frame.columns) == list(expected.columns)
    assert frame.dtypes.to_dict() == expected.dtypes.to_dict()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_issuers_df__every_issuer(configured: FakeNumista, lang: str) -> None:
    frame = nf.issuers_df(lang=lang)
    _assert_schema(frame, "issuers")
    truth = load_sample_catalogue().get_issuers(lang)["issuers"]
    assert frame["code"].tolist() == [i["code"] for i in truth]
    assert frame["name"].tolist() == [i["name"] for i in truth]


def test_mints_and_catalogues_df(configured: FakeNumista) -> None:
    mints, catalogues = nf.mints_df(), nf.catalogues_df()
    _assert_schema(mints, "mints")
    _assert_schema(catalogues, "catalogues")
    cat = load_sample_catalogue()
    assert len(mints) == cat.get_mints()["count"] and len(catalogues) == cat.get_catalogues()["count"]
    assert (mints["end_year"] == 9999).eq(mints["is_active"]).all()
    assert "KM" in set(catalogues["code"])


def test_publications_df__ids_checked_and_fetched(configured: FakeNumista) -> None:
    ids = [p["id"] for p in load_sample_catalogue()._data["publications"]][:3]
    frame = nf.publications_df(ids)
    _assert_schema(frame, "publications")
    assert frame["id"].tolist() == ids
    with pytest.raises(ValueError, match="publication id"):
        nf.publications_df(["L12"])
    with pytest.warns(nf.PartialResultWarning):
        partial = nf.publications_df([ids[0], "L999999"])
    assert partial["id"].tolist() == [ids[0]]


def test_user_df(configured: FakeNumista) -> None:
    frame = nf.user_df(1)
    _assert_schema(frame, "user")
    assert frame["user_id"].tolist() == [1]
    assert frame["username"].tolist() == [load_sample_catalogue().get_user(1)["username"]]


def test_collections_df__defaults_to_the_keys_user(configured: FakeNumista) -> None:
    frame = nf.collections_df()
    _assert_schema(frame, "collections")
    assert set(frame["user_id"]) == {1} and len(frame) >= 3


def test_collection_df__items_totals_and_filters(configured: FakeNumista) -> None:
    items = nf.collection_df()
    _assert_schema(items, "collected_items")
    stored = configured.stored_items(1)
    assert len(items) == len(stored)
    assert items.attrs["item_count"] == int(items["quantity"].sum())
    assert items.attrs["user_id"] == 1
    assert not items["title"].str.contains("&quot;").any()
    coll = int(nf.collections_df()["id"].iloc[0])
    subset = nf.collection_df(collection=coll)
    assert 0 < len(subset) < len(items) and set(subset["collection_id"]) == {coll}
    coins = nf.collection_df(category="coin")
    assert set(coins["category"].astype(str)) == {"coin"}


def test_collection_df__another_key_does_not_see_the_cached_frame(
        configured: FakeNumista) -> None:
    nf.collection_df(1)
    configured.clear_log()
    nf.configure(api_key="a-different-key")
    nf.collection_df(1)
    assert configured.request_count("/users") == 1

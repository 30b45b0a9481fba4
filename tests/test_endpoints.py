"""Endpoint classification."""

from __future__ import annotations

import pytest

from numista_frames.http.endpoints import Endpoint, classify_path


@pytest.mark.parametrize(("path", "expected"), [
    ("/types", Endpoint("search", "catalogue")),
    ("/types/99700", Endpoint("types", "catalogue")),
    ("/types/99700/issues", Endpoint("issues", "catalogue")),
    ("/types/99700/issues/5/prices", Endpoint("prices", "prices")),
    ("/issuers", Endpoint("issuers", "catalogue")),
    ("/mints/3", Endpoint("mints", "catalogue")),
    ("/catalogues", Endpoint("catalogues", "catalogue")),
    ("/publications/L106610", Endpoint("publications", "catalogue")),
    ("/users/1", Endpoint("users", "user")),
    ("/users/1/collections", Endpoint("collections", "user")),
    ("/users/1/collected_items/9", Endpoint("collected_items", "user")),
    ("/oauth_token", Endpoint("oauth", "oauth")),
    ("/search_by_image", Endpoint("image_search", "image_search")),
    ("/coins", Endpoint("other", "other")),
])
def test_classify_path(path: str, expected: Endpoint) -> None:
    assert classify_path(path) == expected

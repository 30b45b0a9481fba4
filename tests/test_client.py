"""The client's endpoints against the fake: shapes, pagination, errors, validation, OAuth."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import numista_frames as nf
from numista_frames.testing import FakeNumista

from .conftest import make_client

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64


def _dollar_total(client: nf.Client, **filters: Any) -> int:
    return int(client.get_types(q="dollar", count=1, **filters)["count"])


def test_search__collects_every_page(fake: FakeNumista, client: nf.Client) -> None:
    total = _dollar_total(client)
    assert total >= 50
    fake.clear_log()
    items = list(client.iter_types("dollar", page_size=20))
    assert len(items) == total
    assert len({i["id"] for i in items}) == total
    assert fake.request_count("/types") == -(-total // 20)
    assert all("dollar" in i["title"].lower() for i in items)


def test_search__exactly_one_page(fake: FakeNumista, client: nf.Client) -> None:
    total = _dollar_total(client, issuer="canada")
    assert 2 <= total <= 100
    fake.clear_log()
    assert len(list(client.iter_types("dollar", issuer="canada", page_size=total))) == total
    assert fake.request_count("/types") == 1


def test_search__one_more_item_than_a_page(fake: FakeNumista, client: nf.Client) -> None:
    total = _dollar_total(client, issuer="canada")
    fake.clear_log()
    assert len(list(client.iter_types("dollar", issuer="canada", page_size=total - 1))) == total
    assert fake.request_count("/types") == 2
    assert [r.params["page"] for r in fake.log] == ["1", "2"]


def test_search__max_results_stops_early_and_shrinks_the_page(
        fake: FakeNumista, client: nf.Client) -> None:
    fake.clear_log()
    items = list(client.iter_types("dollar", max_results=7))
    assert len(items) == 7
    assert fake.request_count() == 1 and fake.log[0].params["count"] == "7"


def test_search__empty_result(client: nf.Client) -> None:
    assert client.get_types(q="zzzqqqxxx") == {"count": 0, "types": []}
    assert list(client.iter_types("zzzqqqxxx")) == []


def test_search__filters_reach_the_api(fake: FakeNumista, client: nf.Client) -> None:
    body = client.get_types(issuer="united-states", category="coin", year=(1900, 2000), count=100)
    assert body["count"] > 0
    assert {t["issuer"]["code"] for t in body["types"]} == {"etats-unis"}
    dated = [t for t in body["types"] if "min_year" in t]  # real items may come without years
    assert len(dated) >= len(body["types"]) - 3
    assert all(t["min_year"] <= 2000 and t["max_year"] >= 1900 for t in dated)
    assert fake.log[-1].params["year"] == "1900-2000"


@pytest.mark.parametrize(("call", "kwargs"), [
    ("get_types", {}),
    ("get_types", {"q": "dollar", "count": 101}),
    ("get_types", {"q": "dollar", "page": 0}),
    ("get_types", {"q": "dollar", "number": "123"}),
    ("get_types", {"q": "dollar", "category": "coins"}),
    ("get_types", {"q": "dollar", "year": "19th century"}),
    ("get_types", {"q": "dollar", "lang": "de"}),
    ("get_type", {"type_id": -1}),
    ("get_type", {"type_id": "abc"}),
    ("get_prices", {"type_id": 1, "issue_id": 2, "currency": "EURO"}),
    ("get_publication", {"publication_id": "106610"}),
    ("get_collected_items", {"category": "stamps"}),
    ("add_collected_item", {"item": {"issue": 3}}),
    ("add_collected_item", {"item": {"type": 3, "grade": "ms65"}}),
    ("add_collected_item", {"item": {"type": 3, "colour": "red"}}),
    ("update_collected_item", {"item_id": 1, "fields": {}}),
    ("search_by_image", {"images": [b"GIF89a"]}),
    ("search_by_image", {"images": [PNG, PNG, PNG]}),
])
def test_validation__bad_arguments_spend_nothing(fake: FakeNumista, client: nf.Client,
                                                 call: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises((ValueError, TypeError)):
        getattr(client, call)(**kwargs)
    assert fake.request_count() == 0
    assert client.quota().used == 0


def test_errors__400_401_404_carry_the_api_message(fake: FakeNumista, cache_dir: Path) -> None:
    with make_client(fake, cache_dir) as client:
        with pytest.raises(nf.BadRequestError, match="issuer") as bad:
            client.get_types(issuer="atlantis")
        assert bad.value.status_code == 400 and bad.value.message
        with pytest.raises(nf.NotFoundError) as missing:
            client.get_type(999_999_999)
        assert missing.value.status_code == 404 and missing.value.message
        assert "/types/999999999" in missing.value.url
    with FakeNumista(api_keys={"good"}) as api, make_client(api, cache_dir, api_key="bad") as c:
        with pytest.raises(nf.AuthenticationError, match="NUMISTA_API_KEY") as denied:
            c.get_issuers()
        assert denied.value.status_code == 401


def test_errors__no_key_says_how_to_set_one(fake: FakeNumista, cache_dir: Path) -> None:
    with nf.Client(api_url=fake.url, cache_dir=cache_dir) as client, \
            pytest.raises(nf.ConfigurationError, match=r"NUMISTA_API_KEY.*demo"):
        client.get_issuers()
    assert fake.request_count() == 0


def test_catalogue_endpoints__shapes(client: nf.Client) -> None:
    tid = int(client.get_types(q="dollar", count=1)["types"][0]["id"])
    full = client.get_type(tid)
    assert full["id"] == tid and full["url"].endswith(f"/{tid}")
    issues = client.get_issues(tid)
    assert isinstance(issues, list) and issues and "id" in issues[0]
    prices = client.get_prices(tid, issues[0]["id"], currency="usd")
    assert prices["currency"] == "USD" and isinstance(prices["prices"], list)
    issuers = client.get_issuers()
    assert issuers["count"] == len(issuers["issuers"]) >= 20
    mints = client.get_mints()
    assert mints["count"] == len(mints["mints"])
    one = client.get_mint(mints["mints"][0]["id"])
    assert one["id"] == mints["mints"][0]["id"]
    catalogues = client.get_catalogues()
    assert any(c["code"] == "KM" for c in catalogues["catalogues"])
    assert client.get_user(1)["username"]


def test_oauth__client_credentials_token_is_reused_and_renewed(
        fake: FakeNumista, client: nf.Client) -> None:
    first = client.get_collections()
    assert first["count"] >= 3 and len(first["collections"]) == first["count"]
    client.get_collected_items(refresh=True)
    assert fake.request_count("/oauth_token") == 1
    token = client.get_token()
    assert token.user_id == 1 and "access_token" not in repr(token)
    object.__setattr__(token, "expires_at", 0.0)  # expire it
    client.get_collections(refresh=True)
    assert fake.request_count("/oauth_token") == 2


def test_oauth__authorization_code_flow(fake: FakeNumista, client: nf.Client) -> None:
    url = client.authorization_url(redirect_uri="http://localhost/cb", state="xyz")
    assert url.startswith("https://en.numista.com/api/oauth_authorize.php?response_type=code")
    code = fake.authorize(2, scope="view_collection", redirect_uri="http://localhost/cb")
    token = client.exchange_code(code, redirect_uri="http://localhost/cb")
    assert token.user_id == 2
    items = client.get_collected_items(2)
    assert items["item_count"] >= 1
    with pytest.raises(nf.AuthenticationError):
        client.exchange_code(code, redirect_uri="http://localhost/cb")  # single use


def test_collection__add_update_delete(fake: FakeNumista, client: nf.Client) -> None:
    before = client.get_collected_items()
    tid = before["items"][0]["type"]["id"]
    issue = client.get_issues(tid)[0]["id"]
    added = client.add_collected_item({"type": str(tid), "issue": issue, "grade": "vf",
                                       "price": {"value": 12, "currency": "eur"},
                                       "internal_id": "nf-test-1"})
    assert added["type"]["id"] == tid and added["grade"] == "vf"
    after = client.get_collected_items(refresh=True)
    assert after["item_count"] == before["item_count"] + 1
    changed = client.update_collected_item(added["id"], {"grade": "xf", "price": None})
    assert changed["grade"] == "xf" and "price" not in changed
    client.delete_collected_item(added["id"])
    with pytest.raises(nf.NotFoundError):
        client.get_collected_item(added["id"])


def test_collection__filters(client: nf.Client) -> None:
    everything = client.get_collected_items()
    coll = client.get_collections()["collections"][0]["id"]
    subset = client.get_collected_items(collection=coll)
    assert 0 < len(subset["items"]) < len(everything["items"])
    assert all(i["collection"]["id"] == coll for i in subset["items"])


def test_image_search__403_unless_enabled(cache_dir: Path) -> None:
    with FakeNumista() as api, make_client(api, cache_dir) as client:
        with pytest.raises(nf.AuthenticationError) as denied:
            client.search_by_image([JPEG])
        assert denied.value.status_code == 403
    with FakeNumista(image_search=True) as api, make_client(api, cache_dir) as client:
        found = client.search_by_image([JPEG, PNG], max_results=5)
        assert 1 <= len(found["types"]) <= 5
        distances = [t["similarity_distance"] for t in found["types"]]
        assert distances == sorted(distances)


# -- the HTTP cache, as the client reads and fills it -------------------------------------------


def test_cache_hit__read_straight_from_the_store_under_its_key(
        fake: FakeNumista, client: nf.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from numista_frames.http.cache_file import request_key

    first = client.get_type(1031)  # a miss, stored under its key
    client.flush()
    key = request_key(client.settings.api_url + "/types/1031", {"lang": "en"})
    assert set(client.session.cache.responses.keys()) == {key}
    with monkeypatch.context() as m:
        def no_network(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError("a hit must be read straight from the cache")

        m.setattr(client.session, "send", no_network)
        m.setattr(client.session, "request", no_network)
        assert client.get_type(1031) == first
        assert client.get_type(1031, cache_only=True) == first
    assert fake.request_count() == 1
    assert client.counts.cached == 2 and client.counts.network == 1


def test_cache_hit__an_expired_answer_is_fetched_again(
        fake: FakeNumista, client: nf.Client) -> None:
    from datetime import UTC, datetime, timedelta

    client.get_type(1031)
    client.flush()
    responses = client.session.cache.responses
    for key in list(responses.keys()):
        response = responses[key]
        response.expires = datetime.now(UTC) - timedelta(seconds=1)
        responses[key] = response
    with pytest.raises(nf.OfflineError):
        client.get_type(1031, cache_only=True)
    client.get_type(1031)
    assert fake.request_count("/types/1031") == 2


def test_cache_hit__user_data_keeps_its_identity(
        fake: FakeNumista, cache_dir: Path) -> None:
    mine = make_client(fake, cache_dir)
    mine.get_collected_items(1)
    mine.get_collected_items(1)  # a hit
    other = make_client(fake, cache_dir, api_key="another-key")
    other.get_collected_items(1)  # another key: its own token and cache entry, not a hit
    assert fake.request_count("/users/1/collected_items") == 2
    mine.get_collected_items(1)
    assert fake.request_count("/users/1/collected_items") == 2


def test_cache_store__a_failed_write_keeps_the_answer_and_says_so(
        fake: FakeNumista, client: nf.Client, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    import logging
    import sqlite3

    from numista_frames.http.cache_connections import CacheConnections

    def full(*args: Any, **kwargs: Any) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(CacheConnections, "write", full)
    with caplog.at_level(logging.WARNING, logger="numista_frames"):
        body = client.get_type(1031)
        client.flush()
    assert body["id"] == 1031 and fake.request_count() == 1  # fetched once, returned all the same
    assert any("could not store" in r.getMessage() and "disk is full" in r.getMessage()
               for r in caplog.records)

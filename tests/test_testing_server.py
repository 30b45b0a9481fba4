"""Tests of the fake Numista API server over real HTTP on loopback."""

from __future__ import annotations

import base64
import http.client
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from numista_frames.testing import FAULT_KINDS, FakeNumista, LoggedRequest, serve_forever

US = {"code": "etats-unis", "name": "United States"}
CA = {"code": "canada", "name": "Canada"}


def make_catalogue() -> dict[str, Any]:
    """101 coins of Canada dated 1901..2001 (one per year) plus a US type with issues and prices."""
    types: list[dict[str, Any]] = [
        {
            "id": year - 1900,
            "url": f"https://en.numista.com/{year - 1900}",
            "title": f"{year - 1900} Cents",
            "category": "coin",
            "issuer": CA,
            "min_year": year,
            "max_year": year,
            "object_type": {"id": 1, "name": "Standard circulation coin"},
        }
        for year in range(1901, 2002)
    ]
    types.append(
        {
            "id": 500,
            "url": "https://en.numista.com/500",
            "title": '50 Cents "Capped Bust"',
            "category": "exonumia",
            "issuer": US,
            "min_year": 1807,
            "max_year": 1836,
            "object_type": {"id": 1, "name": "Standard circulation coin"},
            "_material_id": 3,
        }
    )
    return {
        "meta": {"format_version": 1},
        "rates": {"EUR": 1.0, "USD": 1.33085},
        "issuers": [CA, US],
        "issuer_aliases": {"united-states": "etats-unis"},
        "types": types,
        "issues": {
            "500": [{"id": 5001, "is_dated": True, "year": 1833, "gregorian_year": 1833, "mintage": 5206000}],
            "1": [{"id": 101, "is_dated": True, "year": 1901}],
        },
        "prices": {"5001": {"unc": 50, "f": 12.5, "vf": 20}},
        "translations": {"es": {"United States": "Estados Unidos", "Standard circulation coin": "Monedas"}},
        "users": {
            "1": {
                "username": "ana",
                "avatar": "https://img/a.png",
                "collections": [{"id": 43708, "name": "Misc - US"}],
                "items": [{"id": 9, "quantity": 1, "type": 1, "for_swap": False}],
            },
            "2": {"username": "bob", "avatar": "https://img/b.png", "collections": [], "items": []},
        },
    }


@pytest.fixture
def api() -> Iterator[FakeNumista]:
    with FakeNumista(make_catalogue()) as fake:
        yield fake


@pytest.fixture
def session(api: FakeNumista) -> Iterator[requests.Session]:
    with requests.Session() as s:
        s.headers["Numista-API-Key"] = api.api_key
        yield s


def token_for(session: requests.Session, api: FakeNumista, scope: str = "view_collection") -> str:
    response = session.get(
        f"{api.url}/oauth_token", params={"grant_type": "client_credentials", "scope": scope}
    )
    assert response.status_code == 200
    return str(response.json()["access_token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# -- transport, keys, routing ------------------------------------------------------------------


def test_fake__url_and_api_v3_prefix(api: FakeNumista, session: requests.Session) -> None:
    assert api.url == f"http://127.0.0.1:{api.port}/v3"
    legacy = session.get(f"http://127.0.0.1:{api.port}/api/v3/types/1")
    assert legacy.status_code == 200
    assert legacy.json()["title"] == "1 Cents"


def test_fake__401_without_key(api: FakeNumista) -> None:
    response = requests.get(f"{api.url}/types/1")
    assert response.status_code == 401
    assert "error_message" in response.json()
    assert api.log[-1].status == 401


def test_fake__api_keys_restricts_keys_and_header_is_case_insensitive() -> None:
    with FakeNumista(make_catalogue(), api_keys=["k1", "k2"]) as api:
        assert api.api_key == "k1"
        assert requests.get(f"{api.url}/types/1", headers={"numista-api-key": "k2"}).status_code == 200
        assert requests.get(f"{api.url}/types/1", headers={"Numista-API-Key": "other"}).status_code == 401


def test_fake__json_headers_php_escapes_and_keep_alive(api: FakeNumista) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", api.port, timeout=5)
    try:
        for _ in range(2):  # the same connection serves both requests
            connection.request("GET", "/v3/types/500", headers={"Numista-API-Key": api.api_key})
            response = connection.getresponse()
            raw = response.read()
            assert response.status == 200
            assert response.getheader("Content-Type") == "application/json; charset=utf-8"
            assert response.getheader("Content-Length") == str(len(raw))
            assert response.getheader("Cache-Control") is None
            assert b"https:\\/\\/en.numista.com\\/500" in raw
            assert json.loads(raw)["title"] == '50 Cents "Capped Bust"'
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/types/abc", 400),
        ("/types/999", 404),
        ("/nowhere", 404),
        ("/types/1?lang=de", 400),
        ("/mints/x", 400),
    ],
)
def test_fake__errors_are_json(session: requests.Session, api: FakeNumista, path: str, status: int) -> None:
    response = session.get(api.url + path)
    assert response.status_code == status
    assert set(response.json()) == {"error_message"}


def test_fake__405_for_wrong_method(session: requests.Session, api: FakeNumista) -> None:
    response = session.put(f"{api.url}/types/1", json={})
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET"
    assert session.delete(f"{api.url}/issuers").status_code == 405


# -- catalogue endpoints ------------------------------------------------------------------------


def test_search__pagination_totals_and_page_boundaries(session: requests.Session, api: FakeNumista) -> None:
    def ids(**params: Any) -> tuple[int, list[int]]:
        body = session.get(f"{api.url}/types", params=params).json()
        return body["count"], [t["id"] for t in body["types"]]

    assert ids(year="1901-1950", count=50) == (50, list(range(1, 51)))  # exactly one page
    assert ids(year="1901-1950", count=50, page=2) == (50, [])
    assert ids(year="1901-1951", count=50, page=2) == (51, [51])  # one more than a page
    total, first = ids(year="1901-2001")  # default page size 50
    assert (total, len(first)) == (101, 50)
    assert ids(year="1901-2001", count=100, page=2) == (101, [101])


@pytest.mark.parametrize(
    "params", [{"q": "cents", "count": "101"}, {"q": "cents", "page": "0"}, {"category": "coin"}]
)
def test_search__bad_paging_or_no_criterion_is_400(
    session: requests.Session, api: FakeNumista, params: dict[str, str]
) -> None:
    assert session.get(f"{api.url}/types", params=params).status_code == 400


def test_search__filters(session: requests.Session, api: FakeNumista) -> None:
    def count(**params: str) -> int:
        return int(session.get(f"{api.url}/types", params=params).json()["count"])

    assert count(q="cent") == 102
    assert count(q="capped bust") == 1
    assert count(issuer="united-states") == 1
    assert count(q="cents", category="exonumia") == 1
    assert count(year="1800-1810") == 1
    assert count(q="cents", year="1990-2010") == 12
    response = session.get(f"{api.url}/types", params={"issuer": "atlantis"})
    assert response.json() == {"error_message": "Invalid value for parameter 'issuer'"}


def test_search__lang_es_translates_labels(session: requests.Session, api: FakeNumista) -> None:
    item = session.get(f"{api.url}/types", params={"issuer": "etats-unis", "lang": "es"}).json()["types"][0]
    assert item["issuer"]["name"] == "Estados Unidos"
    assert item["object_type"]["name"] == "Monedas"
    body = session.get(f"{api.url}/types/500", params={"lang": "es"}).json()
    assert body["url"] == "https://es.numista.com/500"
    assert body["title"] == '50 Cents "Capped Bust"'


def test_issues__bare_json_array(session: requests.Session, api: FakeNumista) -> None:
    assert session.get(f"{api.url}/types/500/issues").json() == [
        {"id": 5001, "is_dated": True, "year": 1833, "gregorian_year": 1833, "mintage": 5206000}
    ]


def test_prices__converted_in_grade_order(session: requests.Session, api: FakeNumista) -> None:
    body = session.get(f"{api.url}/types/500/issues/5001/prices", params={"currency": "USD"}).json()
    assert body == {
        "currency": "USD",
        "prices": [
            {"grade": "f", "price": 16.6356},
            {"grade": "vf", "price": 26.617},
            {"grade": "unc", "price": 66.5425},
        ],
    }
    assert session.get(f"{api.url}/types/1/issues/101/prices").json() == {"currency": "EUR", "prices": []}
    assert session.get(f"{api.url}/types/1/issues/5001/prices").status_code == 404
    assert (
        session.get(f"{api.url}/types/500/issues/5001/prices", params={"currency": "GBP"}).status_code == 400
    )


def test_lists_and_users(session: requests.Session, api: FakeNumista) -> None:
    assert session.get(f"{api.url}/issuers").json()["count"] == 2
    assert session.get(f"{api.url}/mints").json() == {"count": 0, "mints": []}
    assert session.get(f"{api.url}/catalogues").json() == {"count": 0, "catalogues": []}
    assert session.get(f"{api.url}/users/1").json() == {"username": "ana", "avatar": "https://img/a.png"}
    assert session.get(f"{api.url}/publications/L000001").status_code == 404
    assert session.get(f"{api.url}/publications/106610").status_code == 400


# -- faults -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "status", "message"),
    [
        ("throttle", 429, "Too many simultaneous requests"),
        ("quota", 429, "Quota exceeded"),
        ("500", 500, None),
        ("502", 502, None),
        ("503", 503, None),
    ],
)
def test_inject__answered_faults(
    session: requests.Session, api: FakeNumista, kind: str, status: int, message: str | None
) -> None:
    api.inject(kind)
    response = session.get(f"{api.url}/types/1")
    assert response.status_code == status
    if message is not None:
        assert message in response.json()["error_message"]
    assert session.get(f"{api.url}/types/1").status_code == 200
    assert [(e.status, e.fault) for e in api.log] == [(status, kind), (200, None)]


@pytest.mark.parametrize("kind", ["drop", "drop_after"])
def test_inject__drop_closes_without_answer(session: requests.Session, api: FakeNumista, kind: str) -> None:
    api.inject(kind)
    with pytest.raises(requests.ConnectionError):
        session.get(f"{api.url}/types/1")
    assert session.get(f"{api.url}/types/1").status_code == 200
    assert [(e.status, e.fault) for e in api.log] == [(None, kind), (200, None)]


def test_inject__slow_answers_after_slow_seconds(session: requests.Session, api: FakeNumista) -> None:
    api.slow_seconds = 0.3
    api.inject("slow")
    started = time.monotonic()
    response = session.get(f"{api.url}/types/1")
    assert time.monotonic() - started >= 0.3
    assert response.json()["id"] == 1
    assert api.log[-1].fault == "slow"


def test_inject__malformed_is_truncated_json(session: requests.Session, api: FakeNumista) -> None:
    api.inject("malformed")
    response = session.get(f"{api.url}/types/500")
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
    assert session.get(f"{api.url}/types/500").json()["id"] == 500


def test_inject__scripted_sequence_in_order_with_path_filter(
    session: requests.Session, api: FakeNumista
) -> None:
    api.inject("500", "503", path="/issuers")
    api.inject("502")
    statuses = [session.get(f"{api.url}{path}").status_code for path in ("/types/1", "/issuers", "/types/1")]
    statuses += [session.get(f"{api.url}/issuers").status_code for _ in range(2)]
    assert statuses == [502, 500, 200, 503, 200]
    assert [e.fault for e in api.log] == ["502", "500", None, "503", None]


def test_inject__unknown_kind_is_rejected(api: FakeNumista) -> None:
    with pytest.raises(ValueError, match="teapot"):
        api.inject("teapot")
    assert "drop_after" in FAULT_KINDS


def test_set_fault_rate__random_faults_repeatable_then_cleared(
    session: requests.Session, api: FakeNumista
) -> None:
    def run() -> list[int]:
        return [session.get(f"{api.url}/types/1").status_code for _ in range(20)]

    api.set_fault_rate(0.5, kinds=("500", "503"), seed=7)
    first = run()
    api.set_fault_rate(0.5, kinds=("500", "503"), seed=7)
    assert run() == first
    assert {500, 503, 200} == set(first)
    api.clear_faults()
    assert set(run()) == {200}


def test_max_concurrency__throttles_parallel_requests() -> None:
    with FakeNumista(make_catalogue(), max_concurrency=2, latency=0.3) as api:
        barrier = threading.Barrier(6)
        results: list[requests.Response] = []

        def call() -> None:
            barrier.wait()
            results.append(requests.get(f"{api.url}/types/1", headers={"Numista-API-Key": api.api_key}))

        threads = [threading.Thread(target=call) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        throttled = [r for r in results if r.status_code == 429]
        assert len(throttled) >= 1
        assert {r.json()["error_message"] for r in throttled} == {"Too many simultaneous requests"}
        assert 2 <= sum(r.status_code == 200 for r in results) <= 4
        assert api.max_in_flight >= 3
        api.clear_log()
        assert api.max_in_flight == 0


def test_monthly_quota__quota_exceeded_per_key() -> None:
    with FakeNumista(make_catalogue(), monthly_quota=3) as api:
        headers = {"Numista-API-Key": api.api_key}
        statuses = [requests.get(f"{api.url}/types/1", headers=headers).status_code for _ in range(3)]
        refused = requests.get(f"{api.url}/types/1", headers=headers)
        assert statuses == [200, 200, 200]
        assert refused.status_code == 429
        assert "Quota exceeded" in refused.json()["error_message"]
        assert api.quota_used == 3
        assert requests.get(f"{api.url}/types/1", headers={"Numista-API-Key": "other"}).status_code == 200
        assert api.quota_used_for("other") == 1
        api.reset_quota()
        assert requests.get(f"{api.url}/types/1", headers=headers).status_code == 200


def test_latency__is_settable_at_run_time(session: requests.Session, api: FakeNumista) -> None:
    api.latency = 0.2
    started = time.monotonic()
    session.get(f"{api.url}/types/1")
    assert time.monotonic() - started >= 0.2


# -- OAuth ----------------------------------------------------------------------------------------


def test_oauth__client_credentials_get_and_post(session: requests.Session, api: FakeNumista) -> None:
    params = {"grant_type": "client_credentials", "scope": "view_collection"}
    got = session.get(f"{api.url}/oauth_token", params=params).json()
    posted = session.post(f"{api.url}/oauth_token", data=params).json()
    for body in (got, posted):
        assert set(body) == {"access_token", "token_type", "expires_in", "user_id"}
        assert (body["token_type"], body["expires_in"], body["user_id"]) == ("bearer", 7200, 1)
    assert got["access_token"] != posted["access_token"]


def test_oauth__missing_scope_is_401_and_no_user_is_501(api: FakeNumista) -> None:
    response = requests.get(
        f"{api.url}/oauth_token",
        params={"grant_type": "client_credentials"},
        headers={"Numista-API-Key": api.api_key},
    )
    assert response.status_code == 401
    with FakeNumista(make_catalogue(), users_by_key={"lonely": None, "bob": 2}) as other:
        params = {"grant_type": "client_credentials", "scope": "view_collection"}
        assert (
            requests.get(
                f"{other.url}/oauth_token", params=params, headers={"Numista-API-Key": "lonely"}
            ).status_code
            == 501
        )
        bob = requests.get(f"{other.url}/oauth_token", params=params, headers={"Numista-API-Key": "bob"})
        assert bob.json()["user_id"] == 2


def test_oauth__bearer_required_and_checked(session: requests.Session, api: FakeNumista) -> None:
    token = token_for(session, api)
    assert session.get(f"{api.url}/users/1/collections").status_code == 401
    assert session.get(f"{api.url}/users/1/collections", headers=bearer("nonsense")).status_code == 401
    assert session.get(f"{api.url}/users/1/collections", headers=bearer(token)).json() == {
        "count": 1,
        "collections": [{"id": 43708, "name": "Misc - US"}],
    }
    assert session.get(f"{api.url}/users/2/collected_items", headers=bearer(token)).status_code == 403
    assert (
        session.post(
            f"{api.url}/users/1/collected_items", json={"type": 1}, headers=bearer(token)
        ).status_code
        == 403
    )
    assert requests.get(f"{api.url}/users/1/collections", headers=bearer(token)).status_code == 401  # no key


def test_oauth__authorization_code_is_single_use(session: requests.Session, api: FakeNumista) -> None:
    code = api.authorize(2, scope="view_collection,edit_collection", redirect_uri="http://app/cb")
    params = {
        "grant_type": "authorization_code",
        "code": code,
        "client_id": "my-app",
        "client_secret": api.api_key,
        "redirect_uri": "http://app/cb",
    }
    first = session.get(f"{api.url}/oauth_token", params=params)
    assert first.json()["user_id"] == 2
    assert session.get(f"{api.url}/oauth_token", params=params).status_code == 401
    token = first.json()["access_token"]
    assert session.get(f"{api.url}/users/2/collected_items", headers=bearer(token)).json()["items"] == []
    wrong_uri = {**params, "code": api.authorize(2), "redirect_uri": "http://evil/cb"}
    assert session.get(f"{api.url}/oauth_token", params=wrong_uri).status_code == 401
    assert (
        session.get(f"{api.url}/oauth_token", params={"grant_type": "authorization_code"}).status_code == 400
    )


def test_oauth__token_expires_after_ttl(session: requests.Session, api: FakeNumista) -> None:
    token = token_for(session, api)
    api.advance_clock(7199)
    assert session.get(f"{api.url}/users/1/collections", headers=bearer(token)).status_code == 200
    api.advance_clock(2)
    assert session.get(f"{api.url}/users/1/collections", headers=bearer(token)).status_code == 401


# -- collected items ----------------------------------------------------------------------------


@pytest.fixture
def editor(session: requests.Session, api: FakeNumista) -> requests.Session:
    session.headers.update(bearer(token_for(session, api, "view_collection,edit_collection")))
    return session


def test_collected_items__post_201_with_bare_int_collection(
    editor: requests.Session, api: FakeNumista
) -> None:
    body = {
        "type": "500",
        "issue": 5001,
        "grade": "au",
        "price": {"value": 250, "currency": "USD"},
        "collection": 43708,
    }
    created = editor.post(f"{api.url}/users/1/collected_items", json=body)
    assert created.status_code == 201
    item = created.json()
    assert item["collection"] == 43708
    assert item["type"] == {
        "id": 500,
        "title": "50 Cents &quot;Capped Bust&quot;",
        "category": "exonumia",
        "issuer": US,
    }
    assert item["issue"]["mintage"] == 5206000
    assert (item["quantity"], item["for_swap"], item["grade"]) == (1, False, "au")
    fetched = editor.get(f"{api.url}/users/1/collected_items/{item['id']}").json()
    assert fetched["collection"] == {"id": 43708, "name": "Misc - US"}
    listed = editor.get(f"{api.url}/users/1/collected_items", params={"collection": "43708"}).json()
    assert (listed["item_count"], [i["id"] for i in listed["items"]]) == (1, [item["id"]])


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"type": "abc"},
        {"type": 999},
        {"type": 500, "issue": 101},
        {"type": 500, "grade": "ms65"},
        {"type": 500, "quantity": 0},
        {"type": 500, "collection": 1},
        {"type": 500, "acquisition_date": "2024-13-01"},
        {"type": 500, "axis": 13},
    ],
)
def test_collected_items__bad_post_is_400(
    editor: requests.Session, api: FakeNumista, body: dict[str, Any]
) -> None:
    assert editor.post(f"{api.url}/users/1/collected_items", json=body).status_code == 400


def test_collected_items__patch_changes_sent_fields_and_null_clears(
    editor: requests.Session, api: FakeNumista
) -> None:
    url = f"{api.url}/users/1/collected_items"
    created = editor.post(
        url, json={"type": 500, "issue": 5001, "grade": "f", "price": {"value": 1, "currency": "EUR"}}
    )
    item_id = created.json()["id"]
    patched = editor.patch(f"{url}/{item_id}", json={"grade": None, "price": None, "quantity": 3}).json()
    assert (patched["quantity"], "grade" in patched, "price" in patched) == (3, False, False)
    assert patched["issue"]["id"] == 5001
    assert editor.patch(f"{url}/{item_id}", json={"issue": None}).json().get("issue") is None
    assert editor.patch(f"{url}/{item_id}", json={"quantity": None}).status_code == 400


def test_collected_items__delete_204_then_404(editor: requests.Session, api: FakeNumista) -> None:
    deleted = editor.delete(f"{api.url}/users/1/collected_items/9")
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert editor.get(f"{api.url}/users/1/collected_items/9").status_code == 404
    assert editor.get(f"{api.url}/users/1/collected_items").json()["item_count"] == 0


def test_collected_items__drop_after_stores_the_item(editor: requests.Session, api: FakeNumista) -> None:
    api.inject("drop_after", path="/collected_items")
    with pytest.raises(requests.ConnectionError):
        editor.post(f"{api.url}/users/1/collected_items", json={"type": 500})
    assert [item["type"] for item in api.stored_items(1)] == [1, 500]
    assert (api.log[-1].status, api.log[-1].fault) == (None, "drop_after")


def test_collected_items__state_is_per_instance(editor: requests.Session, api: FakeNumista) -> None:
    editor.delete(f"{api.url}/users/1/collected_items/9")
    assert api.stored_items(1) == []
    assert FakeNumista(make_catalogue()).stored_items(1) == [
        {"id": 9, "quantity": 1, "type": 1, "for_swap": False}
    ]


# -- search by image ----------------------------------------------------------------------------


def test_search_by_image__403_unless_enabled(session: requests.Session, api: FakeNumista) -> None:
    image = {"mime_type": "image/jpeg", "image_data": base64.b64encode(b"jpeg bytes").decode()}
    assert session.post(f"{api.url}/search_by_image", json={"images": [image]}).status_code == 403
    api.image_search = True
    body = session.post(f"{api.url}/search_by_image", json={"images": [image], "max_results": 5}).json()
    assert body["count"] == len(body["types"]) == 5
    distances = [t["similarity_distance"] for t in body["types"]]
    assert distances == sorted(distances)
    assert (
        session.post(f"{api.url}/search_by_image", json={"images": [image], "max_results": 5}).json() == body
    )
    assert session.post(f"{api.url}/search_by_image", data=b"{not json").status_code == 400


# -- log ----------------------------------------------------------------------------------------


def test_log__records_requests_without_secrets(session: requests.Session, api: FakeNumista) -> None:
    token = token_for(session, api)
    code = api.authorize(1)
    session.get(
        f"{api.url}/oauth_token",
        params={
            "grant_type": "authorization_code",
            "code": code,
            "client_id": "a",
            "client_secret": api.api_key,
            "redirect_uri": "http://localhost/callback",
        },
    )
    session.get(f"{api.url}/users/1/collections", headers=bearer(token))
    text = repr(api.log)
    assert api.api_key not in text
    assert token not in text
    assert code not in text
    assert api.log[1].params["client_secret"] == "REDACTED"
    entry = api.log[-1]
    assert isinstance(entry, LoggedRequest)
    assert (entry.method, entry.path, entry.status, entry.fault) == ("GET", "/users/1/collections", 200, None)
    assert abs(entry.time - time.time()) < 60


def test_log__entry_appears_on_arrival_and_completes_later(api: FakeNumista) -> None:
    api.slow_seconds = 0.5
    api.inject("slow")
    with pytest.raises(requests.Timeout):
        requests.get(f"{api.url}/types/1", headers={"Numista-API-Key": api.api_key}, timeout=0.1)
    assert [(e.path, e.status) for e in api.log] == [("/types/1", None)]  # still being served
    deadline = time.monotonic() + 5
    while api.log[0].status is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert (api.log[0].status, api.log[0].fault) == (200, "slow")


def test_log__request_count_and_clear(session: requests.Session, api: FakeNumista) -> None:
    session.get(f"{api.url}/types", params={"q": "cents"})
    session.get(f"{api.url}/types/1")
    session.put(f"{api.url}/types/1")
    assert api.request_count() == 3
    assert api.request_count("/types") == 3
    assert api.request_count("/types/", method="get") == 1
    assert api.log[0].params == {"q": "cents"}
    api.clear_log()
    assert (api.log, api.request_count()) == ([], 0)


# -- lifecycle ----------------------------------------------------------------------------------


def test_lifecycle__start_stop_and_restart() -> None:
    api = FakeNumista(make_catalogue())
    with pytest.raises(RuntimeError):
        _ = api.url
    api.start()
    try:
        with requests.Session() as s:
            s.headers["Numista-API-Key"] = api.api_key
            assert s.get(f"{api.url}/types/1").status_code == 200  # leaves an idle keep-alive connection
            api.stop()
            assert not api.running
            api.start()
            assert s.get(f"{api.url}/types/1").status_code == 200
    finally:
        api.stop()


def test_serve_forever__serves_until_ctrl_c() -> None:
    seen: list[int] = []

    def on_ready(api: FakeNumista) -> None:
        seen.append(requests.get(f"{api.url}/types/1", headers={"Numista-API-Key": "k"}).status_code)
        raise KeyboardInterrupt

    serve_forever(0, catalogue=make_catalogue(), on_ready=on_ready)
    assert seen == [200]


def test_default_catalogue__is_the_sample_catalogue() -> None:
    try:
        from numista_frames.testing import load_sample_catalogue

        catalogue = load_sample_catalogue()
    except FileNotFoundError:
        pytest.skip("needs the sample catalogue file numista_frames/testing/data/sample_catalogue.json.gz; "
                    "make it with: python data/make_sample_catalogue.py")
    with FakeNumista() as api, requests.Session() as s:
        s.headers["Numista-API-Key"] = api.api_key
        type_id = catalogue.type_ids[0]
        assert s.get(f"{api.url}/types/{type_id}").json()["id"] == type_id
        assert s.get(f"{api.url}/users/1").status_code == 200

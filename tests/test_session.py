"""The HTTP layer against the fake API: cache, secrets, retries, quota, concurrency, offline."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests

import numista_frames as nf
from numista_frames.http.endpoints import classify_path
from numista_frames.http.ledger import QuotaLedger, key_id
from numista_frames.http.session import error_is_retryable, retry_decision
from numista_frames.testing import FakeNumista

from .conftest import ScriptedServer, make_client

TYPE_ID_PATH = "/types/"


def _a_type_id(fake: FakeNumista, client: nf.Client) -> int:
    return int(client.get_types(q="dollar", count=1)["types"][0]["id"])


def _ledger_rows(client: nf.Client) -> list[tuple[str, str, str, str, str, int | None, str]]:
    return QuotaLedger(client.settings.ledger_path).rows(key_id(client.settings.api_key))


def test_cache__second_call_is_served_from_cache_and_not_in_ledger(
        fake: FakeNumista, client: nf.Client) -> None:
    tid = _a_type_id(fake, client)
    fake.clear_log()
    before = len(_ledger_rows(client))
    first = client.get_type(tid)
    second = client.get_type(tid)
    assert first == second
    assert fake.request_count(TYPE_ID_PATH) == 1
    assert len(_ledger_rows(client)) == before + 1
    assert client.counts.cached == 1


def test_cache__lang_and_currency_are_part_of_the_key(fake: FakeNumista, client: nf.Client) -> None:
    tid = _a_type_id(fake, client)
    issue = client.get_issues(tid)[0]["id"]
    fake.clear_log()
    en, es = client.get_type(tid, lang="en"), client.get_type(tid, lang="es")
    assert en["url"].startswith("https://en.") and es["url"].startswith("https://es.")
    eur = client.get_prices(tid, issue, currency="EUR")
    usd = client.get_prices(tid, issue, currency="USD")
    assert (eur["currency"], usd["currency"]) == ("EUR", "USD")
    assert fake.request_count() == 4
    client.get_type(tid, lang="es")
    client.get_prices(tid, issue, currency="USD")
    assert fake.request_count() == 4


def test_cache__refresh_bypasses_and_updates_the_cache(fake: FakeNumista, client: nf.Client) -> None:
    tid = _a_type_id(fake, client)
    client.get_type(tid)
    fake.clear_log()
    client.get_type(tid, refresh=True)
    client.get_type(tid)
    assert fake.request_count(TYPE_ID_PATH) == 1


def test_cache__no_file_under_the_cache_dir_holds_the_key_or_a_token(cache_dir: Path) -> None:
    secret = "sk-numista-0123456789abcdef-SECRET"
    with FakeNumista() as api, make_client(api, cache_dir, api_key=secret) as client:
        tid = int(client.get_types(q="dollar", count=5)["types"][0]["id"])
        client.get_type(tid)
        client.get_issues(tid)
        client.get_collections()
        client.get_collected_items()
        token = client.get_token("view_collection").access_token
        client.get_type(tid)  # a cache hit
    files = [p for p in cache_dir.rglob("*") if p.is_file()]
    assert any(p.name == "http_cache.sqlite" for p in files)
    raw = b"".join(p.read_bytes() for p in files)
    assert secret.encode() not in raw
    assert token.encode() not in raw
    assert b"Bearer " not in raw


def test_retries__500_503_and_throttle_then_success(fake: FakeNumista, client: nf.Client) -> None:
    tid = _a_type_id(fake, client)
    fake.clear_log()
    fake.inject("500", "503", "throttle", path=f"/types/{tid}")
    body = client.get_type(tid)
    assert body["id"] == tid
    statuses = [r.status for r in fake.log]
    assert statuses == [500, 503, 429, 200]
    assert [r[5] for r in _ledger_rows(client)][-4:] == [500, 503, 429, 200]


def test_retries__give_up_after_max_retries_with_the_right_error(
        fake: FakeNumista, client: nf.Client) -> None:
    tid = _a_type_id(fake, client)
    fake.clear_log()
    fake.inject("503", "503", "503", "503", "503")
    with pytest.raises(nf.ServerError) as info:
        client.get_type(tid)
    assert info.value.status_code == 503
    assert fake.request_count() == 4  # the first try and max_retries=3 retries


def test_retries__throttle_lowers_the_rate(fake: FakeNumista, cache_dir: Path) -> None:
    with make_client(fake, cache_dir, requests_per_second=50.0) as client:
        tid = _a_type_id(fake, client)
        fake.inject("throttle", path=f"/types/{tid}")
        client.get_type(tid)
        adapter = client.session.get_adapter(fake.url)
        assert adapter.throttle.rate == 25.0  # type: ignore[attr-defined]


def test_quota__429_reaches_the_server_exactly_once(fake: FakeNumista, client: nf.Client) -> None:
    tid = _a_type_id(fake, client)
    fake.clear_log()
    fake.inject("quota")
    with pytest.raises(nf.QuotaExceededError, match="Quota exceeded"):
        client.get_type(tid)
    assert fake.request_count() == 1


def test_quota__fake_monthly_quota_stops_the_client(cache_dir: Path) -> None:
    with FakeNumista(monthly_quota=3) as api, make_client(api, cache_dir) as client:
        ids = [int(t["id"]) for t in client.get_types(q="dollar", count=10)["types"]]
        client.get_type(ids[0])
        client.get_type(ids[1])
        with pytest.raises(nf.QuotaExceededError):
            client.get_type(ids[2])
        client.get_type(ids[0])  # cached: still answers
        quota = client.quota()
        assert quota.used == 4 and quota.remaining == 0 and quota.spent_per_api


def test_retries__post_is_not_retried_after_a_5xx(fake: FakeNumista, client: nf.Client) -> None:
    client.get_token("edit_collection")
    tid = _a_type_id(fake, client)
    fake.clear_log()
    fake.inject("500", path="/collected_items")
    with pytest.raises(nf.ServerError):
        client.add_collected_item({"type": tid})
    assert fake.request_count("/users", method="POST") == 1


def test_retries__post_is_not_retried_after_a_dropped_connection(
        fake: FakeNumista, client: nf.Client) -> None:
    client.get_token("edit_collection")
    tid = _a_type_id(fake, client)
    fake.clear_log()
    fake.inject("drop_after", path="/collected_items")
    with pytest.raises(nf.TransportError):
        client.add_collected_item({"type": tid, "internal_id": "x-1"})
    assert fake.request_count("/users", method="POST") == 1


def test_retries__dropped_connection_and_malformed_body_for_get(
        fake: FakeNumista, client: nf.Client) -> None:
    tid = _a_type_id(fake, client)
    fake.clear_log()
    fake.inject("drop", "malformed", path=f"/types/{tid}")
    assert client.get_type(tid)["id"] == tid
    assert fake.request_count(TYPE_ID_PATH) == 3
    fake.clear_log()
    assert client.get_type(tid)["id"] == tid  # the malformed body was never cached
    assert fake.request_count() == 0


def test_retries__malformed_every_time_is_a_malformed_response_error(
        fake: FakeNumista, client: nf.Client) -> None:
    tid = _a_type_id(fake, client)
    fake.inject(*["malformed"] * 4)
    with pytest.raises(nf.MalformedResponseError, match="not JSON"):
        client.get_type(tid)
    fake.clear_faults()
    fake.clear_log()
    client.get_type(tid)
    assert fake.request_count() == 1


def test_retries__slow_answer_times_out_then_retries(cache_dir: Path) -> None:
    with FakeNumista(slow_seconds=1.0) as api, make_client(api, cache_dir, timeout=0.3) as client:
        tid = _a_type_id(api, client)
        api.clear_log()
        api.inject("slow")
        assert client.get_type(tid)["id"] == tid
        assert api.request_count(TYPE_ID_PATH) == 2


def test_transport__connection_refused_is_a_transport_error(cache_dir: Path) -> None:
    with FakeNumista() as api:
        url = api.url
    with nf.Client(api_url=url, api_key="k", cache_dir=cache_dir, backoff_factor=0.001,
                   max_retries=1) as client, pytest.raises(nf.TransportError):
        client.get_type(1)


@pytest.mark.slow
def test_concurrency__16_threads_x_50_calls_stay_under_the_cap(cache_dir: Path) -> None:
    with FakeNumista(max_concurrency=4, latency=0.002) as api, \
            make_client(api, cache_dir, max_concurrent=4) as client:
        ids = [int(t["id"]) for t in client.get_types(q="dollar", count=16)["types"]]
        issues = {tid: [int(i["id"]) for i in client.get_issues(tid)] for tid in ids}
        api.clear_log()
        errors: list[BaseException] = []

        def work(tid: int) -> None:
            try:
                for n in range(50):
                    issue_ids = issues[tid]
                    client.get_prices(tid, issue_ids[n % len(issue_ids)],
                                      currency=["EUR", "USD", "GBP", "CAD", "CHF"][n % 5],
                                      refresh=True)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(tid,)) for tid in ids]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert not errors
        assert api.request_count() == 16 * 50
        assert api.max_in_flight <= 4
        assert all(r.status == 200 for r in api.log)


def test_offline__cached_answers_only_and_no_network(fake: FakeNumista, cache_dir: Path) -> None:
    with make_client(fake, cache_dir) as online:
        tid = _a_type_id(fake, online)
        online.get_type(tid)
    fake.clear_log()
    with make_client(fake, cache_dir, offline=True) as offline:
        assert offline.get_type(tid)["id"] == tid
        with pytest.raises(nf.OfflineError, match=f"/types/{tid}/issues"):
            offline.get_issues(tid)
        with pytest.raises(nf.OfflineError):
            offline.add_collected_item({"type": tid})
    assert fake.request_count() == 0


def test_offline__adapter_refuses_even_a_direct_session_call(fake: FakeNumista, cache_dir: Path) -> None:
    with make_client(fake, cache_dir, offline=True) as client, pytest.raises(nf.OfflineError):
        client.session.get(fake.url + "/issuers", headers={"Numista-API-Key": fake.api_key},
                           expire_after=1)
    assert fake.request_count() == 0


def test_retry_decision__policy_table() -> None:
    assert retry_decision("GET", 200, None) == "stop"
    assert retry_decision("GET", 404, "nope") == "stop"
    assert retry_decision("GET", 429, "Quota exceeded") == "stop"
    assert retry_decision("POST", 429, "Too many simultaneous requests") == "throttled"
    assert retry_decision("GET", 502, None) == "retry"
    assert retry_decision("PATCH", 502, None) == "stop"


def test_error_is_retryable__post_only_when_nothing_was_sent() -> None:
    assert error_is_retryable("POST", requests.ConnectTimeout()) is True
    assert error_is_retryable("POST", requests.ReadTimeout()) is False
    assert error_is_retryable("GET", requests.ReadTimeout()) is True


def _scripted_client(server: ScriptedServer, cache_dir: Path, **overrides: Any) -> nf.Client:
    settings: dict[str, Any] = dict(api_url=server.url, api_key="SCRIPTED-KEY-123",
                                    cache_dir=cache_dir, requests_per_second=None,
                                    backoff_factor=0.001, max_retries=3, timeout=5.0)
    settings.update(overrides)
    return nf.Client(**settings)


def test_retries__retry_after_is_honoured(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr("numista_frames.http.session.time.sleep", slept.append)
    answers = [(429, {"Retry-After": "7"}, b'{"error_message": "Too many simultaneous requests"}'),
               (200, {}, b'{"id": 5}')]
    with ScriptedServer(answers) as server, _scripted_client(server, cache_dir) as client:
        assert client.get_type(5) == {"id": 5}
    assert slept == [7.0]


def test_retries__malformed_retry_after_falls_back_to_backoff(
        cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr("numista_frames.http.session.time.sleep", slept.append)
    answers = [(429, {"Retry-After": "soon"}, b'{"error_message": "Too many"}'),
               (200, {}, b'{"id": 5}')]
    with ScriptedServer(answers) as server, _scripted_client(server, cache_dir) as client:
        assert client.get_type(5) == {"id": 5}
    assert len(slept) == 1 and slept[0] > 0, "a throttle is never retried at once"


def test_retries__body_cut_short_is_retried_for_get(cache_dir: Path) -> None:
    answers = [(200, {"Content-Length": "500"}, b'{"id": 5, "title": "cut'),
               (200, {}, b'{"id": 5}')]
    with ScriptedServer(answers) as server, _scripted_client(server, cache_dir) as client:
        assert client.get_type(5) == {"id": 5}
        assert len(server.seen) == 2


def test_redirects__never_followed_and_the_key_never_forwarded(cache_dir: Path) -> None:
    with ScriptedServer([]) as elsewhere:
        answers = [(302, {"Location": elsewhere.url + "/types/5"}, b"")]
        with ScriptedServer(answers) as server, _scripted_client(server, cache_dir) as client, \
                pytest.raises(nf.TransportError, match="unexpected redirect"):
            client.get_type(5)
        assert elsewhere.seen == []


def test_retries__post_throttle_is_retried_but_quota_is_not(
        fake: FakeNumista, client: nf.Client) -> None:
    client.get_token("edit_collection")
    tid = _a_type_id(fake, client)
    fake.clear_log()
    fake.inject("throttle", path="/collected_items")
    assert client.add_collected_item({"type": tid})["type"]["id"] == tid
    assert fake.request_count("/users", method="POST") == 2
    fake.clear_log()
    fake.inject("quota", path="/collected_items")
    with pytest.raises(nf.QuotaExceededError):
        client.add_collected_item({"type": tid})
    assert fake.request_count("/users", method="POST") == 1


def test_throttle__a_burst_of_429s_halves_the_rate_once(cache_dir: Path) -> None:
    with FakeNumista() as api, make_client(api, cache_dir, requests_per_second=40.0,
                                           max_concurrent=4) as client:
        ids = [int(t["id"]) for t in client.get_types(q="dollar", count=8)["types"]]
        api.inject(*["throttle"] * 4)
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(client.get_type, ids))
        adapter = client.session.get_adapter(api.url)
        assert adapter.throttle.rate == 20.0  # type: ignore[attr-defined]


def test_throttle__cache_hits_never_wait(fake: FakeNumista, cache_dir: Path) -> None:
    with make_client(fake, cache_dir, requests_per_second=0.5) as client:
        tid = _a_type_id(fake, client)
        account = client.session.get_adapter(fake.url).throttle.account  # type: ignore[attr-defined]
        paced: list[int] = []
        original = account._pace
        account._pace = lambda: (paced.append(1), original())
        client.get_type(tid)
        assert paced == [1]  # a miss goes through the pacer ...
        for _ in range(5):
            client.get_type(tid)
        assert paced == [1]  # ... hits never do


def test_cache__expiry_follows_the_endpoint_family(fake: FakeNumista, client: nf.Client) -> None:
    tid = _a_type_id(fake, client)
    issue = client.get_issues(tid)[0]["id"]
    client.get_prices(tid, issue)
    client.get_collections()
    client.flush()
    lifetimes = {}
    for response in client.session.cache.filter():  # type: ignore[attr-defined]
        path = response.url.split("/v3", 1)[1].split("?")[0]
        lifetime = response.expires - response.created_at
        lifetimes[classify_path(path).family] = round(lifetime.total_seconds())
    assert lifetimes == {"catalogue": 7 * 86400, "prices": 86400, "user": 600}


def test_cache__user_data_is_not_served_to_another_key(fake: FakeNumista, cache_dir: Path) -> None:
    with make_client(fake, cache_dir) as owner:
        owner.get_collected_items(1)
    fake.clear_log()
    with make_client(fake, cache_dir, api_key="another-key") as other:
        other.get_collected_items(1)
    assert fake.request_count("/users") == 1, "another key must ask the API itself"


def test_cache__known_user_reads_cached_data_without_a_token_request(
        fake: FakeNumista, cache_dir: Path) -> None:
    with make_client(fake, cache_dir) as first:
        first.get_collected_items(1)
    fake.clear_log()
    with make_client(fake, cache_dir) as second:
        second.get_collected_items(1)
    assert fake.request_count() == 0


def test_cache__a_write_makes_the_next_read_fresh(fake: FakeNumista, client: nf.Client) -> None:
    before = client.get_collected_items(1)
    tid = before["items"][0]["type"]["id"]
    added = client.add_collected_item({"type": tid}, user_id=1)
    after = client.get_collected_items(1)
    assert after["item_count"] == before["item_count"] + 1
    client.delete_collected_item(added["id"], user_id=1)
    with pytest.raises(nf.NotFoundError):
        client.get_collected_item(added["id"], user_id=1)


def test_cache__unusable_cache_dir_is_a_configuration_error(fake: FakeNumista, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with make_client(fake, blocker / "cache") as client, \
            pytest.raises(nf.ConfigurationError, match="NUMISTA_FRAMES_CACHE_DIR"):
        client.get_issuers()


def test_cache__expired_answers_are_deleted_at_most_once_a_day(fake: FakeNumista, cache_dir: Path) -> None:
    from numista_frames.http.cache_file import SWEEP_EVERY, sweep_expired

    with make_client(fake, cache_dir, expire_prices=0) as client:
        tid = _a_type_id(fake, client)
        issue = client.get_issues(tid)[0]["id"]
        client.get_prices(tid, issue)  # expires at once
        client.flush()
        session = client.session
        kept = len(list(session.cache.filter(expired=True)))  # type: ignore[attr-defined]
        assert kept >= 1
        marker = cache_dir / ".expired-sweep"
        start = marker.stat().st_mtime  # the session swept when it was built
        assert not sweep_expired(session, marker, now=start + 60)  # not again the same day
        assert sweep_expired(session, marker, now=start + SWEEP_EVERY + 1)
        left = [r.url for r in session.cache.filter(expired=True, valid=False)]  # type: ignore[attr-defined]
        assert not any("/prices" in url for url in left)
        assert client.get_type(tid)["id"] == tid  # fresh answers stay

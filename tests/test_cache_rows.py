"""The HTTP cache's rows: written as requests-cache writes them, read back as it reads them."""

from __future__ import annotations

import pickle
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from requests_cache import CachedSession
from requests_cache.backends.base import redact_response
from requests_cache.models import CachedResponse
from requests_cache.serializers import pickle_serializer

import numista_frames as nf
from numista_frames.http.cache_file import IGNORED_PARAMETERS, cache_key
from numista_frames.http.cache_rows import (
    LazyCachedResponse,
    answer_of,
    dumps,
    is_default_format,
    row_of,
)
from numista_frames.testing import FakeNumista

EXPIRES = datetime(2031, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)


def _fetched(client: nf.Client, path: str, params: dict[str, Any] | None = None,
             **headers: str) -> requests.Response:
    return client._send("GET", path, params=params or {"lang": "en"},
                        headers={"Numista-API-Key": client.settings.api_key or "", **headers})


def _theirs(client: nf.Client, response: requests.Response, created: datetime) -> Any:
    """What requests-cache itself stores for ``response`` (its own copy, redaction, cattrs)."""
    cached = CachedResponse.from_response(response, expires=EXPIRES)
    cached.created_at = created
    cached = redact_response(cached, IGNORED_PARAMETERS)
    return pickle_serializer.stages[0].dumps(cached)  # requests-cache's default, not ours


def _a_type_id(client: nf.Client) -> int:
    return int(client.get_types(q="dollar", count=1)["types"][0]["id"])


@pytest.mark.parametrize("what", ["type", "search", "bearer"])
def test_row__equals_what_requests_cache_stores(client: nf.Client, what: str) -> None:
    tid = _a_type_id(client)
    if what == "type":
        response = _fetched(client, f"/types/{tid}")
    elif what == "search":
        response = _fetched(client, "/types", {"q": "dollar", "page": 2, "count": 5, "lang": "fr"})
    else:  # a secret in the Authorization header is redacted, never stored
        response = _fetched(client, f"/types/{tid}/issues", Authorization="Bearer t0ken-SECRET")
    created = datetime.now(UTC)
    ours = row_of(response, created_at=created, expires=EXPIRES)
    assert ours == _theirs(client, response, created)
    assert b"t0ken-SECRET" not in dumps(ours or {})
    assert client.settings.api_key is not None
    assert client.settings.api_key.encode() not in dumps(ours or {})


def test_row__left_to_requests_cache_when_out_of_the_ordinary(client: nf.Client) -> None:
    tid = _a_type_id(client)
    response = _fetched(client, f"/types/{tid}")
    assert is_default_format(client.session.cache.responses)
    assert row_of(response, created_at=datetime.now(UTC), expires=EXPIRES) is not None
    response.cookies.set("session", "abc")
    assert row_of(response, created_at=datetime.now(UTC), expires=EXPIRES) is None
    # stored by requests-cache itself, and read back through its deserializer
    client._store(response, f"/types/{tid}", {"lang": "en"}, None, timedelta(hours=1))
    stored = client._cached(f"/types/{tid}", {"lang": "en"}, None)
    assert stored is not None and not isinstance(stored, LazyCachedResponse)
    assert stored.cookies["session"] == "abc" and stored.json() == response.json()


def test_answer__reads_like_requests_cache(client: nf.Client) -> None:
    response = _fetched(client, f"/types/{_a_type_id(client)}")
    blob = dumps(_theirs(client, response, datetime.now(UTC)))
    ours = answer_of(blob, "k1")
    theirs = client.session.cache.responses.deserialize("k1", blob)
    assert ours is not None and theirs is not None
    for name in ("content", "url", "status_code", "reason", "encoding", "created_at", "expires",
                 "elapsed", "from_cache", "is_expired", "cache_key", "text"):
        assert getattr(ours, name) == getattr(theirs, name), name
    assert dict(ours.headers) == dict(theirs.headers)
    assert ours.json() == theirs.json() == response.json()
    assert (ours.request.url, ours.request.method, dict(ours.request.headers)) == (
        theirs.request.url, theirs.request.method, dict(theirs.request.headers))
    assert ours.raw.read() == theirs.raw.read() == response.content  # made on first use


def test_answer__a_row_of_another_shape_is_left_to_requests_cache() -> None:
    assert answer_of(pickle.dumps({"_content": b"{}", "created_at": "2030-01-01T00:00:00+00:00",
                                   "cookies": {"a": "b"}}), "k") is None
    assert answer_of(pickle.dumps(["not", "a", "row"]), "k") is None


def test_rows__requests_cache_and_the_client_read_each_other(
        fake: FakeNumista, client: nf.Client) -> None:
    ids = [int(t["id"]) for t in client.get_types(q="dollar", count=3)["types"]]
    client.get_type(ids[1])  # written by the client
    client.close()
    session = CachedSession(str(client.settings.http_cache_path), backend="sqlite",
                            key_fn=cache_key)  # the key function the client's session has
    try:
        fake.clear_log()
        theirs = session.get(f"{fake.url}/types/{ids[1]}", params={"lang": "en"},
                             headers={"Numista-API-Key": fake.api_key})
        assert theirs.from_cache and theirs.json()["id"] == ids[1]
        # written by requests-cache: a different entry, then read by the client
        session.get(f"{fake.url}/types/{ids[2]}", params={"lang": "en"},
                    headers={"Numista-API-Key": fake.api_key}, expire_after=3600)
        assert fake.request_count() == 1
    finally:
        session.close()
    fake.clear_log()
    assert client.get_type(ids[2])["id"] == ids[2]
    assert fake.request_count() == 0


def test_rows__a_damaged_row_is_a_miss_fetched_again(fake: FakeNumista, client: nf.Client) -> None:
    tid = _a_type_id(client)
    client.get_type(tid)
    path = client.settings.http_cache_path
    client.close()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE responses SET value = ?", (b"\x80\x04 not a pickle",))
    con.close()
    fake.clear_log()
    assert client.get_type(tid)["id"] == tid
    assert fake.request_count() == 1
    fake.clear_log()
    assert client.get_type(tid)["id"] == tid  # stored again, readable
    assert fake.request_count() == 0


def test_rows__expires_is_the_unix_time_requests_cache_sweeps_by(client: nf.Client) -> None:
    tid = _a_type_id(client)
    before = datetime.now(UTC)
    client.get_type(tid)
    client.flush()
    with sqlite3.connect(client.settings.http_cache_path) as con:
        stamps = [e for (e,) in con.execute("SELECT expires FROM responses")]
    con.close()
    week = client.settings.expire_catalogue
    assert isinstance(week, timedelta)
    assert all(abs(e - (before + week).timestamp()) < 5 for e in stamps)

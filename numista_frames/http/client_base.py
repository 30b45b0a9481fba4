"""The client's plumbing: settings, the session, requests with counting and in-flight
deduplication, the quota and the HTTP cache's contents."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Self

import requests
from requests_cache import CachedSession

from numista_frames import checks as v
from numista_frames.exceptions import ConfigurationError, OfflineError, TransportError, error_for_status
from numista_frames.http.cache_connections import CacheConnections
from numista_frames.http.client_cache import CacheAccess, CachedAnswer, frozen_params
from numista_frames.http.endpoints import CACHED_FAMILIES, classify_path
from numista_frames.http.ledger import QuotaLedger, QuotaStatus, key_id
from numista_frames.http.oauth import shared_tokens
from numista_frames.http.records import RequestRecord, record, track
from numista_frames.http.recovery import move_aside
from numista_frames.http.session import (
    API_KEY_HEADER,
    DECODED_BODY,
    IDENTITY_HEADER,
    build_session,
    cache_is_damaged,
    describe_failure,
    is_connect_failure,
    unreachable_message,
)
from numista_frames.settings import Settings, get_settings

__all__ = [
    "NO_KEY_MESSAGE", "CachedAnswer", "ClientBase", "RequestCounts", "RequestRecord", "decode",
]

NO_KEY_MESSAGE = (
    "No Numista API key is set. Get a free key at https://en.numista.com/api/ and set it with "
    "`export NUMISTA_API_KEY=...` or `nf.configure(api_key=...)`. To try numista_frames without "
    "a key, run `numista-frames demo`, or serve the fake API (`numista-frames serve-fake`) and "
    "set NUMISTA_API_URL to the URL it prints and NUMISTA_API_KEY to anything; in Python: "
    "`with numista_frames.testing.FakeNumista() as api: nf.configure(api_url=api.url, "
    "api_key=api.api_key)`."
)

logger = logging.getLogger(__name__)


@dataclass
class RequestCounts:
    """How this client's requests were answered since it was created.

    Attributes
    ----------
    network : int
        Answers that came from the network (retried attempts are not counted here; the
        quota ledger counts every attempt).
    cached : int
        Answers that came from the HTTP cache.
    """

    network: int = 0
    cached: int = 0

class ClientBase(CacheAccess):
    """What every endpoint method of :class:`numista_frames.Client` stands on.

    Nothing touches disk or network until the first request.
    """

    def __init__(self, settings: Settings | None = None, **overrides: Any) -> None:
        if settings is None:
            self.settings = get_settings(**overrides)
        else:
            self.settings = settings.replace(**overrides) if overrides else settings
        self.counts = RequestCounts()
        self._session: CachedSession | None = None
        self._lock = threading.Lock()
        self._tokens = shared_tokens(self.settings.api_url, self.settings.api_key)
        self._inflight: dict[tuple[Any, ...], threading.Event] = {}
        self._keys: dict[tuple[Any, ...], str] = {}
        self._cache_connections = CacheConnections(self.settings.http_cache_path)  # opens nothing

    def __repr__(self) -> str:
        s = self.settings
        return (f"Client(api_url={s.api_url!r}, lang={s.lang!r}, currency={s.currency!r}, "
                f"cache_dir={str(s.cache_dir)!r}, offline={s.offline})")

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def session(self) -> CachedSession:
        """The requests-cache session, built on first use."""
        if self._session is None:
            with self._lock:
                if self._session is None:
                    self._session = build_session(self.settings)
        return self._session

    def open(self) -> None:
        """Open the session and its cache file now (the first request otherwise does)."""
        _ = self.session

    def release_connections(self) -> None:
        """Close the network connections, leaving the cache file to close when unused.

        Safe while other threads still use the client (a full :meth:`close` is not: the
        cache's SQLite connection is shared by its threads).
        """
        session = self._session
        if session is not None:
            for adapter in session.adapters.values():
                adapter.close()

    def close(self) -> None:
        """Close the session's connections and the cache and ledger file handles.

        The next request opens them again, so closing a client others share is harmless.
        """
        self.flush()
        self._cache_connections.reset()
        if self._session is not None:
            self._session.close()  # type: ignore[no-untyped-call]
            self._session = None
        QuotaLedger.at(self.settings.ledger_path).close()

    def _replace_damaged_cache(self, damaged: requests.Session) -> None:
        """Set a damaged HTTP cache aside (never deleted) and go on with a fresh session.

        The damaged session is dropped, not closed: other threads may still be inside it (its
        SQLite connection is shared), and it closes when the last of them lets go.
        """
        with self._lock:
            self._cache_connections.reset()  # before the file moves: see cache_connections
            if self._session is damaged:
                self._session = None
            if cache_is_damaged(self.settings.http_cache_path):  # not yet replaced by a thread
                move_aside(self.settings.http_cache_path, "HTTP cache")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def quota(self) -> QuotaStatus:
        """Requests spent this UTC month by this key, from the local ledger.

        Raises
        ------
        ConfigurationError
            When no API key is set (the quota is per key).
        """
        if not self.settings.api_key:
            raise ConfigurationError(NO_KEY_MESSAGE)
        ledger = QuotaLedger.at(self.settings.ledger_path)
        return ledger.status(key_id(self.settings.api_key), self.settings.monthly_quota,
                             api=self.settings.api_url)

    def last_user_write(self) -> datetime | None:
        """When this key last changed user data (POST/PATCH/DELETE), in any process.

        Cached user data older than that is stale: the loaders and the user endpoints
        fetch it again.
        """
        return QuotaLedger.at(self.settings.ledger_path).last_write(key_id(self.settings.api_key))

    def track(self) -> AbstractContextManager[list[RequestRecord]]:
        """Record every request answered in this context (and in tasks copied from it).

        Yields the list the records are appended to; loaders use it for provenance
        (``from_cache``, ``fetched_at``) and to count the requests a call spent.
        """
        return track()

    def _request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
                 json: Any = None, data: Mapping[str, str] | None = None,
                 token: Any = None, identity: str | None = None,
                 refresh: bool = False, cache_only: bool = False) -> requests.Response:
        """Send one request; return the response or raise the matching NumistaError.

        ``cache_only`` answers from the cache or raises :class:`OfflineError`, never sending.
        """
        s = self.settings
        family = classify_path(path).family
        cacheable = method == "GET" and family in CACHED_FAMILIES
        cache_only = cache_only or s.offline
        if cache_only and not cacheable:
            raise OfflineError(f"{method} {path} (never cached)")
        if not s.api_key and not cache_only:
            raise ConfigurationError(NO_KEY_MESSAGE)
        headers = {API_KEY_HEADER: s.api_key or ""}
        if token is not None:
            headers["Authorization"] = f"Bearer {token.access_token}"
        if identity is not None:
            headers[IDENTITY_HEADER] = identity
        if not cacheable:
            response = self._send(method, path, params=params, json=json, data=data,
                                  headers=headers)
        elif cache_only:
            cached = self._cached(path, params, identity)
            if cached is None:
                raise OfflineError(f"GET {path} {dict(params or {})} (missing or expired)")
            response = cached
        else:
            with self._one_flight((path, frozen_params(params), identity)) as lead:
                cached = None if refresh and lead else self._cached(path, params, identity)
                if cached is None:
                    response = self._send(method, path, params=params, headers=headers)
                    self._store(response, path, params, identity, s.expiry_for(family))
                else:
                    response = cached
        self._count(method, path, params, response)
        _raise_for_status(response)
        return response

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """One request to the network, through the session's adapter (throttle, retries,
        ledger); the cache is this client's business (:meth:`_cached`, :meth:`_store`)."""
        url = self.settings.api_url + path
        try:
            session = self.session
            headers = kwargs.pop("headers", None)
            prepared = session.prepare_request(requests.Request(method, url, headers=headers,
                                                                **kwargs))
            options = session.merge_environment_settings(prepared.url, {}, None, None, None)
            return requests.Session.send(session, prepared, allow_redirects=False, **options)
        except requests.RequestException as exc:
            failure = exc
        # Raised outside the except block: requests' exception carries the prepared request,
        # headers (API key, bearer token) included, and must not ride along as __context__.
        connected = not is_connect_failure(failure)
        reason = describe_failure(failure)
        del failure
        if not connected:
            raise TransportError(unreachable_message(self.settings, reason), url=url,
                                 connected=False)
        raise TransportError(f"{method} {path} failed: {reason}", url=url)

    @contextmanager
    def _one_flight(self, key: tuple[Any, ...]) -> Iterator[bool]:
        """Let one thread fetch a given answer while the others asking for it wait.

        Yields True for the thread that leads; the others wait for it and are then answered
        by the cache, so concurrent loaders (threads, ``asyncio.gather``) never pay twice.
        """
        with self._lock:
            event = self._inflight.get(key)
            leading = event is None
            if leading:
                event = self._inflight[key] = threading.Event()
        if not leading:
            assert event is not None
            event.wait()
        try:
            yield leading
        finally:
            if leading:
                with self._lock:
                    self._inflight.pop(key, None)
                assert event is not None
                event.set()

    def _count(self, method: str, path: str, params: Mapping[str, Any] | None,
               response: requests.Response) -> None:
        from_cache = bool(getattr(response, "from_cache", False))
        with self._lock:
            if from_cache:
                self.counts.cached += 1
            else:
                self.counts.network += 1
        created = getattr(response, "created_at", None) or datetime.now(UTC)
        record(RequestRecord(method, path, dict(params or {}), from_cache, created.astimezone(UTC)))

    def _get(self, path: str, params: Mapping[str, Any] | None = None, *,
             refresh: bool = False, cache_only: bool = False) -> Any:
        return decode(self._request("GET", path, params=params, refresh=refresh,
                                    cache_only=cache_only))

    def resolve_lang(self, lang: str | None = None) -> str:
        """The language a call uses: ``lang`` when given, else the settings' (checked)."""
        return v.check_lang(self.settings.lang if lang is None else lang)


def _raise_for_status(response: requests.Response) -> None:
    status = response.status_code
    if 300 <= status < 400:
        raise TransportError(
            f"unexpected redirect ({status}) to {response.headers.get('Location', '?')}: the "
            "Numista API does not redirect; check api_url", url=response.url)
    if status >= 400:
        raise error_for_status(status, response.url, response.content)


_NOT_DECODED = object()


def decode(response: requests.Response) -> Any:
    """The JSON of a response (None for 204 or an empty body)."""
    if response.status_code == 204 or not response.content:
        return None
    body = response.__dict__.pop(DECODED_BODY, _NOT_DECODED)  # checked (and decoded) on arrival
    if body is not _NOT_DECODED:
        return body
    try:
        return json.loads(response.content)
    except ValueError:
        raise TransportError("the API sent a body that is not JSON", url=response.url) from None

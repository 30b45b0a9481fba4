"""The Numista API client: one method per endpoint, arguments checked before any request."""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast
from urllib.parse import urlsplit

import requests

from . import validate as v
from .client_user import NO_KEY_MESSAGE, UserEndpoints, decode
from .config import DEFAULT_PAGE_SIZE, Settings, configuration_generation, get_settings
from .endpoints import CACHED_FAMILIES, classify_path
from .exceptions import ConfigurationError, OfflineError, TransportError, error_for_status
from .ledger import QuotaLedger, QuotaStatus, key_id
from .oauth import TokenStore
from .session import API_KEY_HEADER, IDENTITY_HEADER, build_session, is_connect_failure
from .tracking import RequestRecord, record, track

__all__ = ["CachedAnswer", "Client", "RequestCounts", "RequestRecord", "default_client"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CachedAnswer:
    """One answer in the HTTP cache (see :meth:`Client.cached_answers`)."""

    cache_key: str
    path: str
    query: str
    bytes: int
    created_at: datetime
    expires: datetime | None


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


class Client(UserEndpoints):
    """A Numista API v3 client over the cached, throttled session.

    Nothing touches disk or network until the first request. Every ``get_*`` returns decoded
    JSON; ``iter_*`` yields records across pages. Arguments are checked before any request
    is sent, so a bad one raises :class:`ValueError`/:class:`TypeError` and costs nothing.

    Parameters
    ----------
    settings : Settings, optional
        Complete settings; by default those of :func:`numista_frames.configure` and the
        environment.
    **overrides
        Individual settings (``api_key``, ``api_url``, ``cache_dir``, ``lang`` ...) that win
        over ``settings``/the process default.

    Examples
    --------
    >>> from numista_frames.testing import FakeNumista
    >>> with FakeNumista() as api:                                   # doctest: +SKIP
    ...     client = Client(api_url=api.url, api_key=api.api_key)
    ...     client.get_type(99700)["title"]
    """

    def __init__(self, settings: Settings | None = None, **overrides: Any) -> None:
        if settings is None:
            self.settings = get_settings(**overrides)
        else:
            self.settings = settings.replace(**overrides) if overrides else settings
        self.counts = RequestCounts()
        self._session: requests.Session | None = None
        self._lock = threading.Lock()
        self._tokens = TokenStore()
        self._probing = False  # True on cache_only() views, which count what a call would cost
        self._inflight: dict[tuple[Any, ...], threading.Event] = {}

    def __repr__(self) -> str:
        s = self.settings
        return (f"Client(api_url={s.api_url!r}, lang={s.lang!r}, currency={s.currency!r}, "
                f"cache_dir={str(s.cache_dir)!r}, offline={s.offline})")

    # -- plumbing ---------------------------------------------------------------------------

    @property
    def session(self) -> requests.Session:
        """The requests-cache session, built on first use."""
        if self._session is None:
            with self._lock:
                if self._session is None:
                    self._session = build_session(self.settings)
        return self._session

    def close(self) -> None:
        """Close the session's connections and cache file handles."""
        if self._session is not None:
            self._session.close()
            self._session = None

    def __enter__(self) -> Client:
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
        ledger = QuotaLedger(self.settings.ledger_path)
        return ledger.status(key_id(self.settings.api_key), self.settings.monthly_quota)

    def cached_answers(self) -> list[CachedAnswer]:
        """Every answer in the HTTP cache (fresh or expired), for listing and clearing."""
        if not self.settings.http_cache_path.exists():
            return []
        base = urlsplit(self.settings.api_url).path.rstrip("/")
        out = []
        for response in self.session.cache.filter(valid=True, expired=True):  # type: ignore[attr-defined]
            parts = urlsplit(response.url)
            path = parts.path[len(base):] if parts.path.startswith(base) else parts.path
            out.append(CachedAnswer(response.cache_key, path, parts.query,
                                    len(response.content or b""), response.created_at,
                                    response.expires))
        return out

    def forget(self, cache_keys: Iterable[str]) -> int:
        """Delete answers from the HTTP cache by their keys; returns how many."""
        keys = list(cache_keys)
        if keys:
            self.session.cache.delete(*keys)  # type: ignore[attr-defined]
        return len(keys)

    def last_user_write(self) -> datetime | None:
        """When this key last changed user data (POST/PATCH/DELETE), in any process.

        Cached user data older than that is stale: the loaders and the user endpoints
        fetch it again.
        """
        return QuotaLedger(self.settings.ledger_path).last_write(key_id(self.settings.api_key))

    def cache_only(self) -> Client:
        """A view of this client that answers from the cache only and never sends a request.

        It shares this client's session, tokens and counters; a miss raises
        :class:`OfflineError`. Dry runs use it to see what a call would cost.
        """
        view = copy.copy(self)
        view._session = self.session  # built now, so the view shares it
        view.settings = self.settings.replace(offline=True)
        view._probing = True
        return view

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
            response = self._send(method, path, params=params, headers=headers,
                                  expire_after=s.expiry_for(family), only_if_cached=True)
        else:
            with self._one_flight((path, tuple(sorted((params or {}).items())), identity)) as lead:
                response = self._send(method, path, params=params, headers=headers,
                                      expire_after=s.expiry_for(family),
                                      force_refresh=refresh and lead)
        if cache_only and response.status_code == 504:
            # requests-cache's "only-if-cached" miss (only 200s are ever cached).
            raise OfflineError(f"GET {path} {dict(params or {})} (missing or expired)")
        self._count(method, path, params, response)
        _raise_for_status(response)
        return response

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        url = self.settings.api_url + path
        try:
            return self.session.request(method, url, allow_redirects=False, **kwargs)
        except requests.RequestException as exc:
            raise TransportError(f"{method} {path} failed: {type(exc).__name__}: {exc}", url=url,
                                 connected=not is_connect_failure(exc)) from None

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
             refresh: bool = False) -> Any:
        return decode(self._request("GET", path, params=params, refresh=refresh))

    def resolve_lang(self, lang: str | None = None) -> str:
        """The language a call uses: ``lang`` when given, else the settings' (checked)."""
        return v.check_lang(lang or self.settings.lang)

    # -- catalogue ----------------------------------------------------------------------------

    def get_types(self, q: str | None = None, *, issuer: str | None = None,
                  category: str | None = None, year: Any = None, date: Any = None,
                  catalogue: int | None = None, number: str | None = None,
                  ruler: int | None = None, material: int | None = None, size: Any = None,
                  weight: Any = None, lang: str | None = None, page: int = 1,
                  count: int = DEFAULT_PAGE_SIZE, refresh: bool = False) -> dict[str, Any]:
        """One page of a catalogue search (``GET /types``): ``{"count": total, "types": [...]}``.

        Parameters
        ----------
        q : str, optional
            Words to find in titles.
        issuer, category, year, date, catalogue, number, ruler, material, size, weight
            Filters as Numista defines them (NOTES §5); ``year``/``date``/``size``/``weight``
            take ``"1902"``, ``"1800-1850"`` or a ``(low, high)`` tuple. At least one of
            ``q``, ``issuer``, ``catalogue``, ``date``, ``year`` is required.
        lang : {"en", "es", "fr"}, optional
        page : int
            1-based page number.
        count : int
            Page size, 1 to 100.
        refresh : bool
            Bypass the cache (and refresh it).

        Raises
        ------
        ValueError, TypeError
            For bad arguments, before any request.
        """
        params = v.search_params(q, lang=self.resolve_lang(lang), issuer=issuer, category=category,
                                 year=year, date=date, catalogue=catalogue, number=number,
                                 ruler=ruler, material=material, size=size, weight=weight)
        params.update(page=v.positive_int(page, "page"), count=v.page_size(count))
        return cast(dict[str, Any], self._get("/types", params, refresh=refresh))

    def iter_type_pages(self, q: str | None = None, *, page_size: int = DEFAULT_PAGE_SIZE,
                        max_results: int | None = None, lang: str | None = None,
                        refresh: bool = False, **filters: Any) -> Iterator[dict[str, Any]]:
        """Search pages, from page 1 until the total (or ``max_results``) is reached.

        Takes the same filters as :meth:`get_types`, checked here, before the first request.
        The last page is the one where ``page * page_size >= total``; with ``max_results``
        smaller than a page, only that many are asked for.
        """
        size = v.page_size(page_size)
        limit = None if max_results is None else v.positive_int(max_results, "max_results")
        params = v.search_params(q, lang=self.resolve_lang(lang), **filters)
        if limit is not None:
            size = min(size, limit)
        return self._pages(params, size, limit, refresh)

    def _pages(self, params: dict[str, Any], size: int, limit: int | None,
               refresh: bool) -> Iterator[dict[str, Any]]:
        seen, page = 0, 1
        while True:
            body = cast(dict[str, Any], self._get(
                "/types", {**params, "page": page, "count": size}, refresh=refresh))
            yield body
            seen += len(body.get("types") or [])
            total = int(body.get("count") or 0)
            # Stop on what arrived, not on page arithmetic: a server that serves smaller pages
            # than asked still numbers them by its own size.
            if not body.get("types") or seen >= total or (limit and seen >= limit):
                return
            page += 1

    def iter_types(self, q: str | None = None, *, page_size: int = DEFAULT_PAGE_SIZE,
                   max_results: int | None = None, lang: str | None = None,
                   refresh: bool = False, **filters: Any) -> Iterator[dict[str, Any]]:
        """Every type a search finds, across pages (at most ``max_results``).

        Arguments are checked when this is called, before the first request.
        """
        pages = self.iter_type_pages(q, page_size=page_size, max_results=max_results, lang=lang,
                                     refresh=refresh, **filters)
        limit = None if max_results is None else int(max_results)
        return _items(pages, limit)

    #: The search generator under the name the API documentation uses.
    search = iter_types

    def get_type(self, type_id: int | str, *, lang: str | None = None,
                 refresh: bool = False) -> dict[str, Any]:
        """Full details of one type (``GET /types/{type_id}``)."""
        tid = v.positive_int(type_id, "type_id")
        return cast(dict[str, Any], self._get(f"/types/{tid}", {"lang": self.resolve_lang(lang)},
                                              refresh=refresh))

    def get_issues(self, type_id: int | str, *, lang: str | None = None,
                   refresh: bool = False) -> list[dict[str, Any]]:
        """Every issue of a type, in Numista's order (the API sends a bare array)."""
        tid = v.positive_int(type_id, "type_id")
        body = self._get(f"/types/{tid}/issues", {"lang": self.resolve_lang(lang)}, refresh=refresh)
        return cast(list[dict[str, Any]], body)

    def get_prices(self, type_id: int | str, issue_id: int | str, *, currency: str | None = None,
                   lang: str | None = None, refresh: bool = False) -> dict[str, Any]:
        """Current price estimates of one issue: ``{"currency", "prices": [{grade, price}]}``."""
        tid, iid = v.positive_int(type_id, "type_id"), v.positive_int(issue_id, "issue_id")
        params = {"currency": v.check_currency(currency or self.settings.currency),
                  "lang": self.resolve_lang(lang)}
        return cast(dict[str, Any], self._get(f"/types/{tid}/issues/{iid}/prices", params,
                                              refresh=refresh))

    def get_issuers(self, *, lang: str | None = None, refresh: bool = False) -> dict[str, Any]:
        """Every issuer: ``{"count", "issuers": [...]}``."""
        return cast(dict[str, Any], self._get("/issuers", {"lang": self.resolve_lang(lang)},
                                              refresh=refresh))

    def get_mints(self, *, lang: str | None = None, refresh: bool = False) -> dict[str, Any]:
        """Every mint: ``{"count", "mints": [...]}``."""
        return cast(dict[str, Any], self._get("/mints", {"lang": self.resolve_lang(lang)},
                                              refresh=refresh))

    def get_mint(self, mint_id: int | str, *, lang: str | None = None,
                 refresh: bool = False) -> dict[str, Any]:
        """One mint (``GET /mints/{mint_id}``)."""
        mid = v.positive_int(mint_id, "mint_id")
        return cast(dict[str, Any], self._get(f"/mints/{mid}", {"lang": self.resolve_lang(lang)},
                                              refresh=refresh))

    def get_catalogues(self, *, refresh: bool = False) -> dict[str, Any]:
        """Every reference catalogue: ``{"count", "catalogues": [...]}``."""
        return cast(dict[str, Any], self._get("/catalogues", refresh=refresh))

    def get_publication(self, publication_id: str, *, refresh: bool = False) -> dict[str, Any]:
        """One literature entry (id ``"L"`` + 6 digits)."""
        pid = v.check_publication_id(publication_id)
        return cast(dict[str, Any], self._get(f"/publications/{pid}", refresh=refresh))

def _items(pages: Iterator[dict[str, Any]], limit: int | None) -> Iterator[dict[str, Any]]:
    yielded = 0
    for body in pages:
        for item in body.get("types") or []:
            if limit is not None and yielded >= limit:
                return
            yielded += 1
            yield item


_default: tuple[int, Client] | None = None
_default_lock = threading.Lock()


def default_client() -> Client:
    """The process-wide client the loaders use, rebuilt after every ``nf.configure()``.

    The client it replaces is not closed (other threads may still be using it); its
    connections close when it is garbage-collected.
    """
    global _default
    generation = configuration_generation()
    with _default_lock:
        if _default is None or _default[0] != generation:
            _default = (generation, Client())
        return _default[1]


def _raise_for_status(response: requests.Response) -> None:
    status = response.status_code
    if 300 <= status < 400:
        raise TransportError(
            f"unexpected redirect ({status}) to {response.headers.get('Location', '?')}: the "
            "Numista API does not redirect; check api_url", url=response.url)
    if status >= 400:
        raise error_for_status(status, response.url, response.content)

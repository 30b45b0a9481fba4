"""The Numista API client: one method per endpoint, arguments checked before any request."""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

import requests

from . import validate as v
from .config import Settings, configuration_generation, get_settings
from .endpoints import CACHED_FAMILIES, classify_path
from .exceptions import (
    AuthenticationError,
    ConfigurationError,
    OfflineError,
    TransportError,
    error_for_status,
)
from .ledger import QuotaLedger, QuotaStatus, key_id
from .oauth import Token, TokenStore, authorization_url, normalize_scope
from .session import API_KEY_HEADER, build_session

__all__ = ["Client", "RequestCounts", "default_client"]

logger = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 50
_NO_KEY = (
    "No Numista API key is set. Get a free key at https://en.numista.com/api/ and set it with "
    "`export NUMISTA_API_KEY=...` or `nf.configure(api_key=...)`. To try numista_frames without "
    "a key, run `numista-frames demo` or point it at the fake API: "
    "`with numista_frames.testing.FakeNumista() as api: nf.configure(api_url=api.url, "
    "api_key=api.api_key)`."
)


@dataclass
class RequestCounts:
    """How this client's requests were answered since it was created.

    Attributes
    ----------
    network : int
        Answers that came from the network (what the quota pays for; retries excluded).
    cached : int
        Answers that came from the HTTP cache.
    """

    network: int = 0
    cached: int = 0


class Client:
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
        """Requests spent this UTC month by this key, from the local ledger."""
        ledger = QuotaLedger(self.settings.ledger_path)
        return ledger.status(key_id(self.settings.api_key), self.settings.monthly_quota)

    def _request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
                 json: Any = None, data: Mapping[str, str] | None = None,
                 token: Token | None = None, refresh: bool = False) -> requests.Response:
        """Send one request; return the response or raise the matching NumistaError."""
        s = self.settings
        family = classify_path(path).family
        cacheable = method == "GET" and family in CACHED_FAMILIES
        if s.offline and not cacheable:
            raise OfflineError(f"{method} {path} (never cached)")
        if not s.api_key and not s.offline:
            raise ConfigurationError(_NO_KEY)
        headers = {API_KEY_HEADER: s.api_key or ""}
        if token is not None:
            headers["Authorization"] = f"Bearer {token.access_token}"
        extra: dict[str, Any] = {}
        if cacheable:
            extra = dict(expire_after=s.expiry_for(family), only_if_cached=s.offline,
                         force_refresh=refresh and not s.offline)
        try:
            response = self.session.request(method, s.api_url + path, params=params, json=json,
                                            data=data, headers=headers, **extra)
        except requests.RequestException as exc:
            raise TransportError(f"{method} {path} failed: {type(exc).__name__}: {exc}",
                                 url=s.api_url + path) from None
        if s.offline and response.status_code == 504:
            # requests-cache's "only-if-cached" miss (only 200s are ever cached).
            raise OfflineError(f"GET {path} {dict(params or {})}")
        from_cache = bool(getattr(response, "from_cache", False))
        with self._lock:
            if from_cache:
                self.counts.cached += 1
            else:
                self.counts.network += 1
        if response.status_code >= 400:
            raise error_for_status(response.status_code, response.url, response.content)
        return response

    def _get(self, path: str, params: Mapping[str, Any] | None = None, *,
             token: Token | None = None, refresh: bool = False) -> Any:
        response = self._request("GET", path, params=params, token=token, refresh=refresh)
        return _decode(response)

    def _lang(self, lang: str | None) -> str:
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
        params = v.search_params(q, lang=self._lang(lang), issuer=issuer, category=category,
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
        params = v.search_params(q, lang=self._lang(lang), **filters)
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
            if not body.get("types") or page * size >= total or (limit and seen >= limit):
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
        return cast(dict[str, Any], self._get(f"/types/{tid}", {"lang": self._lang(lang)},
                                              refresh=refresh))

    def get_issues(self, type_id: int | str, *, lang: str | None = None,
                   refresh: bool = False) -> list[dict[str, Any]]:
        """Every issue of a type, in Numista's order (the API sends a bare array)."""
        tid = v.positive_int(type_id, "type_id")
        body = self._get(f"/types/{tid}/issues", {"lang": self._lang(lang)}, refresh=refresh)
        return cast(list[dict[str, Any]], body)

    def get_prices(self, type_id: int | str, issue_id: int | str, *, currency: str | None = None,
                   lang: str | None = None, refresh: bool = False) -> dict[str, Any]:
        """Current price estimates of one issue: ``{"currency", "prices": [{grade, price}]}``."""
        tid, iid = v.positive_int(type_id, "type_id"), v.positive_int(issue_id, "issue_id")
        params = {"currency": v.check_currency(currency or self.settings.currency),
                  "lang": self._lang(lang)}
        return cast(dict[str, Any], self._get(f"/types/{tid}/issues/{iid}/prices", params,
                                              refresh=refresh))

    def get_issuers(self, *, lang: str | None = None, refresh: bool = False) -> dict[str, Any]:
        """Every issuer: ``{"count", "issuers": [...]}``."""
        return cast(dict[str, Any], self._get("/issuers", {"lang": self._lang(lang)},
                                              refresh=refresh))

    def get_mints(self, *, lang: str | None = None, refresh: bool = False) -> dict[str, Any]:
        """Every mint: ``{"count", "mints": [...]}``."""
        return cast(dict[str, Any], self._get("/mints", {"lang": self._lang(lang)},
                                              refresh=refresh))

    def get_mint(self, mint_id: int | str, *, lang: str | None = None,
                 refresh: bool = False) -> dict[str, Any]:
        """One mint (``GET /mints/{mint_id}``)."""
        mid = v.positive_int(mint_id, "mint_id")
        return cast(dict[str, Any], self._get(f"/mints/{mid}", {"lang": self._lang(lang)},
                                              refresh=refresh))

    def get_catalogues(self, *, refresh: bool = False) -> dict[str, Any]:
        """Every reference catalogue: ``{"count", "catalogues": [...]}``."""
        return cast(dict[str, Any], self._get("/catalogues", refresh=refresh))

    def get_publication(self, publication_id: str, *, refresh: bool = False) -> dict[str, Any]:
        """One literature entry (id ``"L"`` + 6 digits)."""
        pid = v.check_publication_id(publication_id)
        return cast(dict[str, Any], self._get(f"/publications/{pid}", refresh=refresh))

    # -- users and collections ------------------------------------------------------------------

    def get_user(self, user_id: int | str, *, lang: str | None = None,
                 refresh: bool = False) -> dict[str, Any]:
        """A user's public profile: ``{"username", "avatar"}`` (needs no OAuth)."""
        uid = v.positive_int(user_id, "user_id")
        return cast(dict[str, Any], self._get(f"/users/{uid}", {"lang": self._lang(lang)},
                                              refresh=refresh))

    def get_collections(self, user_id: int | str | None = None, *,
                        refresh: bool = False) -> dict[str, Any]:
        """A user's collections (OAuth; ``user_id`` defaults to the token's user)."""
        token, uid = self._user_token(user_id, ("view_collection",))
        return cast(dict[str, Any], self._get(f"/users/{uid}/collections", token=token,
                                              refresh=refresh))

    def get_collected_items(self, user_id: int | str | None = None, *,
                            category: str | None = None, type_id: int | str | None = None,
                            collection: int | str | None = None,
                            refresh: bool = False) -> dict[str, Any]:
        """A user's collected items with totals (OAuth), optionally filtered."""
        params: dict[str, Any] = {}
        if category is not None:
            params["category"] = v.check_category(category)
        if type_id is not None:
            params["type"] = v.positive_int(type_id, "type_id")
        if collection is not None:
            params["collection"] = v.positive_int(collection, "collection")
        token, uid = self._user_token(user_id, ("view_collection",))
        return cast(dict[str, Any], self._get(f"/users/{uid}/collected_items", params,
                                              token=token, refresh=refresh))

    def get_collected_item(self, item_id: int | str, *, user_id: int | str | None = None,
                           refresh: bool = False) -> dict[str, Any]:
        """One collected item (OAuth)."""
        iid = v.positive_int(item_id, "item_id")
        token, uid = self._user_token(user_id, ("view_collection",))
        return cast(dict[str, Any], self._get(f"/users/{uid}/collected_items/{iid}",
                                              token=token, refresh=refresh))

    def add_collected_item(self, item: Mapping[str, Any], *,
                           user_id: int | str | None = None) -> dict[str, Any]:
        """Add an item (POST; never retried after it may have reached the server).

        Parameters
        ----------
        item : mapping
            The POST body: ``type`` (required), ``issue``, ``quantity``, ``grade``, ``price``
            ``{value, currency}``, ``collection``, ``internal_id`` ... (NOTES §5).
        """
        body = v.item_body(item, require_type=True)
        token, uid = self._user_token(user_id, ("edit_collection",))
        response = self._request("POST", f"/users/{uid}/collected_items", json=body, token=token)
        return cast(dict[str, Any], _decode(response))

    def update_collected_item(self, item_id: int | str, fields: Mapping[str, Any], *,
                              user_id: int | str | None = None) -> dict[str, Any]:
        """Change some fields of an item (PATCH; ``issue``/``grade``/``price`` may be None)."""
        iid = v.positive_int(item_id, "item_id")
        body = v.item_body(fields, require_type=False)
        if not body:
            raise ValueError("update_collected_item needs at least one field to change")
        token, uid = self._user_token(user_id, ("edit_collection",))
        response = self._request("PATCH", f"/users/{uid}/collected_items/{iid}", json=body,
                                 token=token)
        return cast(dict[str, Any], _decode(response))

    def delete_collected_item(self, item_id: int | str, *,
                              user_id: int | str | None = None) -> None:
        """Delete an item (DELETE; the API answers 204)."""
        iid = v.positive_int(item_id, "item_id")
        token, uid = self._user_token(user_id, ("edit_collection",))
        self._request("DELETE", f"/users/{uid}/collected_items/{iid}", token=token)

    def search_by_image(self, images: Sequence[bytes] | bytes, *, category: str | None = None,
                        max_results: int = 10, lang: str | None = None) -> dict[str, Any]:
        """Types that look like one or two images (a paid Numista feature; 403 otherwise).

        Parameters
        ----------
        images : sequence of bytes
            One or two JPEG or PNG images (e.g. obverse and reverse).
        """
        if isinstance(images, bytes | bytearray | str) or not 1 <= len(images) <= 2:
            raise ValueError("images must be a sequence of one or two JPEG/PNG images (bytes)")
        payload: dict[str, Any] = {
            "images": [{"mime_type": v.image_mime(img, i), "image_data":
                        base64.b64encode(img).decode("ascii")} for i, img in enumerate(images)],
            "max_results": v.bounded(max_results, "max_results", 1, 100),
        }
        if category is not None:
            payload["category"] = v.check_category(category)
        response = self._request("POST", "/search_by_image", params={"lang": self._lang(lang)},
                                 json=payload)
        return cast(dict[str, Any], _decode(response))

    # -- OAuth ----------------------------------------------------------------------------------

    def get_token(self, scope: str | Iterable[str] = "view_collection") -> Token:
        """A client-credentials token for the key owner's account (kept in memory, renewed)."""
        wanted = normalize_scope(scope)
        with self._tokens.fetch_lock:
            token = self._tokens.find(wanted, grant="client_credentials")
            if token is None:
                body = self._token_request({"grant_type": "client_credentials",
                                            "scope": ",".join(wanted)})
                token = Token.from_body(body, scope=wanted, grant="client_credentials")
                self._tokens.add(token)
        return token

    def authorization_url(self, *, redirect_uri: str, scope: str | Iterable[str] = "view_collection",
                          state: str = "", lang: str | None = None) -> str:
        """The page where another user grants access (first step of the code flow)."""
        if not self.settings.api_key:
            raise ConfigurationError(_NO_KEY)
        return authorization_url(self.settings.api_key, redirect_uri=redirect_uri, scope=scope,
                                 state=state, lang=self._lang(lang))

    def exchange_code(self, code: str, *, redirect_uri: str,
                      scope: str | Iterable[str] = "view_collection") -> Token:
        """Trade an authorization code for a token, used from then on for that user."""
        if not isinstance(code, str) or not code:
            raise ValueError("code must be the non-empty string Numista passed to redirect_uri")
        wanted = normalize_scope(scope)
        body = self._token_request({"grant_type": "authorization_code", "code": code,
                                    "client_id": self.settings.api_key or "",
                                    "client_secret": self.settings.api_key or "",
                                    "redirect_uri": redirect_uri})
        token = Token.from_body(body, scope=wanted, grant="authorization_code")
        self._tokens.add(token)
        return token

    def _token_request(self, form: dict[str, str]) -> dict[str, Any]:
        response = self._request("POST", "/oauth_token", data=form)
        return cast(dict[str, Any], _decode(response))

    def _user_token(self, user_id: int | str | None,
                    scope: tuple[str, ...]) -> tuple[Token | None, int]:
        """The token to use for a user endpoint, and the user id it resolves to.

        Offline, a known ``user_id`` needs no token: only the cache answers, and cache keys
        leave the ``Authorization`` header out.
        """
        uid = None if user_id is None else v.positive_int(user_id, "user_id")
        if uid is not None and self.settings.offline:
            return None, uid
        if uid is not None:
            coded = self._tokens.find(scope, uid, grant="authorization_code")
            if coded is not None:
                return coded, uid
            if self._tokens.has_user(uid) and self._tokens.find(scope, uid) is None:
                raise AuthenticationError(
                    401, f"{self.settings.api_url}/users/{uid}",
                    "the token for this user expired or lacks the scope",
                    hint="Send the user through client.authorization_url() again")
        token = self.get_token(_widen(scope))
        return token, uid if uid is not None else token.user_id


def _widen(scope: tuple[str, ...]) -> tuple[str, ...]:
    """Editing implies viewing: ask for both so one token serves reads and writes."""
    return ("edit_collection", "view_collection") if "edit_collection" in scope else scope


def _items(pages: Iterator[dict[str, Any]], limit: int | None) -> Iterator[dict[str, Any]]:
    yielded = 0
    for body in pages:
        for item in body.get("types") or []:
            if limit is not None and yielded >= limit:
                return
            yielded += 1
            yield item


def _decode(response: requests.Response) -> Any:
    if response.status_code == 204 or not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        raise TransportError("the API sent a body that is not JSON", url=response.url) from None


_default: tuple[int, Client] | None = None
_default_lock = threading.Lock()


def default_client() -> Client:
    """The process-wide client the loaders use, rebuilt after every ``nf.configure()``."""
    global _default
    generation = configuration_generation()
    with _default_lock:
        if _default is None or _default[0] != generation:
            if _default is not None:
                _default[1].close()
            _default = (generation, Client())
        return _default[1]

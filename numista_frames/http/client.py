"""The Numista API client: one method per endpoint, arguments checked before any request."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, cast

from numista_frames import checks as v
from numista_frames.http.client_base import CachedAnswer, RequestCounts, RequestRecord
from numista_frames.http.user_endpoints import UserEndpoints
from numista_frames.settings import DEFAULT_PAGE_SIZE, Settings, get_settings

__all__ = ["CachedAnswer", "Client", "RequestCounts", "RequestRecord", "default_client"]


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

    # -- catalogue ----------------------------------------------------------------------------

    def get_types(self, q: str | None = None, *, issuer: str | None = None,
                  category: str | None = None, year: Any = None, date: Any = None,
                  catalogue: int | None = None, number: str | None = None,
                  ruler: int | None = None, material: int | None = None, size: Any = None,
                  weight: Any = None, lang: str | None = None, page: int = 1,
                  count: int = DEFAULT_PAGE_SIZE, refresh: bool = False,
                  cache_only: bool = False) -> dict[str, Any]:
        """One page of a catalogue search (``GET /types``): ``{"count": total, "types": [...]}``.

        Parameters
        ----------
        q : str, optional
            Words to find in titles.
        issuer, category, year, date, catalogue, number, ruler, material, size, weight
            Filters as Numista defines them; ``year``/``date``/``size``/``weight``
            take ``"1902"``, ``"1800-1850"`` or a ``(low, high)`` tuple. At least one of
            ``q``, ``issuer``, ``catalogue``, ``date``, ``year`` is required.
        lang : {"en", "es", "fr"}, optional
        page : int
            1-based page number.
        count : int
            Page size, 1 to 100.
        refresh : bool
            Bypass the cache (and refresh it).
        cache_only : bool
            Answer from the HTTP cache or raise :class:`OfflineError`; never send (dry runs
            use it to see what a call would cost).

        Raises
        ------
        ValueError, TypeError
            For bad arguments, before any request.
        """
        params = v.search_params(q, lang=self.resolve_lang(lang), issuer=issuer, category=category,
                                 year=year, date=date, catalogue=catalogue, number=number,
                                 ruler=ruler, material=material, size=size, weight=weight)
        params.update(page=v.positive_int(page, "page"), count=v.page_size(count))
        return cast(dict[str, Any], self._get("/types", params, refresh=refresh,
                                              cache_only=cache_only))

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
                 refresh: bool = False,
                 cache_only: bool = False) -> dict[str, Any]:
        """Full details of one type (``GET /types/{type_id}``)."""
        tid = v.positive_int(type_id, "type_id")
        return cast(dict[str, Any], self._get(f"/types/{tid}", {"lang": self.resolve_lang(lang)},
                                              refresh=refresh, cache_only=cache_only))

    def get_issues(self, type_id: int | str, *, lang: str | None = None,
                   refresh: bool = False,
                 cache_only: bool = False) -> list[dict[str, Any]]:
        """Every issue of a type, in Numista's order (the API sends a bare array)."""
        tid = v.positive_int(type_id, "type_id")
        body = self._get(f"/types/{tid}/issues", {"lang": self.resolve_lang(lang)}, refresh=refresh,
                         cache_only=cache_only)
        return cast(list[dict[str, Any]], body)

    def get_prices(self, type_id: int | str, issue_id: int | str, *, currency: str | None = None,
                   lang: str | None = None, refresh: bool = False,
                 cache_only: bool = False) -> dict[str, Any]:
        """Current price estimates of one issue: ``{"currency", "prices": [{grade, price}]}``."""
        tid, iid = v.positive_int(type_id, "type_id"), v.positive_int(issue_id, "issue_id")
        params = {"currency": v.check_currency(self.settings.currency if currency is None else currency),
                  "lang": self.resolve_lang(lang)}
        return cast(dict[str, Any], self._get(f"/types/{tid}/issues/{iid}/prices", params,
                                              refresh=refresh, cache_only=cache_only))

    def get_issuers(self, *, lang: str | None = None, refresh: bool = False,
                 cache_only: bool = False) -> dict[str, Any]:
        """Every issuer: ``{"count", "issuers": [...]}``."""
        return cast(dict[str, Any], self._get("/issuers", {"lang": self.resolve_lang(lang)},
                                              refresh=refresh, cache_only=cache_only))

    def get_mints(self, *, lang: str | None = None, refresh: bool = False,
                 cache_only: bool = False) -> dict[str, Any]:
        """Every mint: ``{"count", "mints": [...]}``."""
        return cast(dict[str, Any], self._get("/mints", {"lang": self.resolve_lang(lang)},
                                              refresh=refresh, cache_only=cache_only))

    def get_mint(self, mint_id: int | str, *, lang: str | None = None,
                 refresh: bool = False,
                 cache_only: bool = False) -> dict[str, Any]:
        """One mint (``GET /mints/{mint_id}``)."""
        mid = v.positive_int(mint_id, "mint_id")
        return cast(dict[str, Any], self._get(f"/mints/{mid}", {"lang": self.resolve_lang(lang)},
                                              refresh=refresh, cache_only=cache_only))

    def get_catalogues(self, *, refresh: bool = False,
                 cache_only: bool = False) -> dict[str, Any]:
        """Every reference catalogue: ``{"count", "catalogues": [...]}``."""
        return cast(dict[str, Any], self._get("/catalogues", refresh=refresh,
                                              cache_only=cache_only))

    def get_publication(self, publication_id: str, *, refresh: bool = False,
                 cache_only: bool = False) -> dict[str, Any]:
        """One literature entry (id ``"L"`` + 6 digits)."""
        pid = v.check_publication_id(publication_id)
        return cast(dict[str, Any], self._get(f"/publications/{pid}", refresh=refresh,
                                              cache_only=cache_only))


def _items(pages: Iterator[dict[str, Any]], limit: int | None) -> Iterator[dict[str, Any]]:
    yielded = 0
    for body in pages:
        for item in body.get("types") or []:
            if limit is not None and yielded >= limit:
                return
            yielded += 1
            yield item

_clients: OrderedDict[Settings, Client] = OrderedDict()
_clients_lock = threading.Lock()
#: Clients kept for settings used lately (a configured() block, then back).
_KEPT = 4


def default_client() -> Client:
    """The client the loaders use: one per settings in force (``configure``, ``configured``).

    A client no longer used after settings changed has its network connections closed (its
    cache file closes once no thread uses it any more). OAuth tokens are kept per API and key,
    so a new client does not ask for them again.
    """
    settings = get_settings()
    with _clients_lock:
        client = _clients.get(settings)
        if client is None:
            client = _clients[settings] = Client(settings)
            while len(_clients) > _KEPT:
                _, old = _clients.popitem(last=False)
                old.release_connections()
        _clients.move_to_end(settings)
        return client

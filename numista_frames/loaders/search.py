"""Catalogue search: every page of a search as one frame, one row per type."""

from __future__ import annotations

import math
from typing import Any, Literal, overload

import pandas as pd

from numista_frames import checks as v
from numista_frames.exceptions import OfflineError
from numista_frames.frames import normalize as nz
from numista_frames.http.batch import run_batch
from numista_frames.http.client import Client
from numista_frames.loaders.jobs import Fetched, Job, count_missing, current_client, loader, run
from numista_frames.settings import DEFAULT_PAGE_SIZE

__all__ = ["search_df"]


@overload
def search_df(q: str | None = ..., *, issuer: str | None = ..., category: str | None = ...,
              year: Any = ..., date: Any = ..., catalogue: int | None = ...,
              number: str | None = ..., ruler: int | None = ..., material: int | None = ...,
              size: Any = ..., weight: Any = ..., lang: str | None = ...,
              max_results: int | None = ..., page_size: int = ..., refresh: bool = ...,
              progress: bool | None = ..., client: Client | None = ..., dry_run: Literal[True]) -> int: ...
@overload
def search_df(q: str | None = ..., *, issuer: str | None = ..., category: str | None = ...,
              year: Any = ..., date: Any = ..., catalogue: int | None = ...,
              number: str | None = ..., ruler: int | None = ..., material: int | None = ...,
              size: Any = ..., weight: Any = ..., lang: str | None = ...,
              max_results: int | None = ..., page_size: int = ..., refresh: bool = ...,
              progress: bool | None = ...,
              client: Client | None = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
@loader
def search_df(q: str | None = None, *, issuer: str | None = None, category: str | None = None,
              year: Any = None, date: Any = None, catalogue: int | None = None,
              number: str | None = None, ruler: int | None = None, material: int | None = None,
              size: Any = None, weight: Any = None, lang: str | None = None,
              max_results: int | None = None, page_size: int = DEFAULT_PAGE_SIZE, refresh: bool = False,
              progress: bool | None = None,
              client: Client | None = None, dry_run: bool = False) -> pd.DataFrame | int:
    """Search the catalogue: one row per type, across all pages (or the first ``max_results``).

    Parameters
    ----------
    q : str, optional
        Words to find in titles.
    issuer, category, year, date, catalogue, number, ruler, material, size, weight
        Numista's search filters; ``year``/``date``/``size``/``weight`` take ``"1902"``,
        ``"1800-1850"`` or a ``(low, high)`` tuple. At least one of ``q``, ``issuer``,
        ``catalogue``, ``date`` or ``year`` is required.
    lang : {"en", "es", "fr"}, optional
        Language of labels (default: the configured one).
    max_results : int, optional
        Stop after this many types.
    page_size : int
        Types per request, 1 to 100: a search of 5,000 types costs 50 requests at 100.
    refresh : bool
        Bypass both caches.
    progress : bool, optional
        Progress bar; by default shown when several pages are fetched.
    client : Client, optional
        The client to use (its key, API and settings); default: the one of
        :func:`numista_frames.configure`.
    dry_run : bool
        Return the number of requests the call would spend instead of the frame. When the
        first page is not cached, the dry run fetches it to learn the total (that request is
        part of the count and is not spent again).

    Returns
    -------
    DataFrame or int
        The ``search`` schema (docs/schemas.md); ``df.attrs`` carries provenance and the
        API's ``total``. With ``dry_run``, the number of requests instead.

    Raises
    ------
    ValueError, TypeError
        For a bad argument, before any request is spent.
    ConfigurationError
        When no API key is set and the answer is not cached.
    OfflineError
        Offline, when something the call needs is not cached.
    QuotaExceededError
        When the monthly quota is spent; what was fetched stays cached.
    NumistaError
        For errors that concern the whole call (a bad key, an unreachable API); one failed id
        only lands in ``df.attrs["failures"]``.

    Examples
    --------
    >>> dollars = nf.search_df("dollar", issuer="canada")          # doctest: +SKIP
    >>> nf.search_df("dollar", dry_run=True)                        # doctest: +SKIP
    4
    """
    client = current_client()
    lang = client.resolve_lang(lang)
    params = v.search_params(q, lang=lang, issuer=issuer, category=category, year=year,
                             date=date, catalogue=catalogue, number=number, ruler=ruler,
                             material=material, size=size, weight=weight)
    size_ = v.page_size(page_size)
    limit = None if max_results is None else v.positive_int(max_results, "max_results")
    if limit is not None:
        size_ = min(size_, limit)
    search = _Search(params, size_, limit)
    job = Job("search", "GET /types", {**params, "max_results": limit}, ("catalogue",),
              search.fetch, search.plan)
    return run(job, client, refresh=refresh, progress=progress, dry_run=dry_run)


class _Search:
    """A search's pages: the first tells the total; the rest are fetched concurrently."""

    def __init__(self, params: dict[str, Any], size: int, limit: int | None) -> None:
        self.params, self.size, self.limit = params, size, limit

    def _page(self, client: Client, page: int, refresh: bool,
              cache_only: bool = False) -> dict[str, Any]:
        return client.get_types(**self.params, page=page, count=self.size, refresh=refresh,
                                cache_only=cache_only)

    def _last_page(self, first: dict[str, Any]) -> int:
        """How many pages hold what is wanted, paged as the server pages.

        Numista documents at most 50 per page and serves 100; a server that serves fewer
        than asked still numbers its pages by its own size, so that size decides.
        """
        total, served = int(first.get("count") or 0), len(first.get("types") or [])
        per_page = served if 0 < served < min(self.size, total) else self.size
        wanted = total if self.limit is None else min(total, self.limit)
        return max(1, math.ceil(wanted / per_page))

    def fetch(self, client: Client, refresh: bool, progress: bool | None) -> Fetched:
        with client.track() as records:
            first = self._page(client, 1, refresh)
        rest = list(range(2, self._last_page(first) + 1))
        cached: dict[int, dict[str, Any]] = {}
        if records and records[-1].from_cache and not refresh:
            cached, rest = self._cached_pages(client, rest)  # no thread needed for a cache read
        pages = run_batch(rest, lambda p: self._page(client, p, refresh),
                          workers=client.settings.max_concurrent, progress=progress,
                          desc="search pages", cache=client)
        bodies = {**cached, **pages.results}
        items = list(first.get("types") or [])
        for page in sorted(bodies):
            items.extend(bodies[page].get("types") or [])
        if self.limit is not None:
            items = items[: self.limit]
        return Fetched(nz.normalize_search(items, lang=self.params.get("lang")), pages.failures,
                       {"total": int(first.get("count") or 0)})

    def _cached_pages(self, client: Client,
                      pages: list[int]) -> tuple[dict[int, dict[str, Any]], list[int]]:
        """The pages the cache holds, read here, and those it does not (to be fetched)."""
        found: dict[int, dict[str, Any]] = {}
        missing = []
        for page in pages:
            try:
                found[page] = self._page(client, page, False, cache_only=True)
            except OfflineError:
                missing.append(page)
        return found, missing

    def plan(self, client: Client, refresh: bool) -> int:
        try:
            first, spent = self._page(client, 1, False, cache_only=True), 0
        except OfflineError:  # the total is needed: fetch page 1 (the real call then reuses it)
            first, spent = self._page(client, 1, False), 1
        pages = range(1 if refresh else 2, self._last_page(first) + 1)
        return spent + count_missing(pages, lambda p: self._page(client, p, False, True), refresh)

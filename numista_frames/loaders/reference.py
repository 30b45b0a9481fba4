"""Loaders of the reference lists: issuers, mints, catalogues and publications."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, overload

import pandas as pd

from numista_frames import checks as v
from numista_frames.frames import normalize as nz
from numista_frames.http.batch import run_batch
from numista_frames.http.client import Client
from numista_frames.loaders.jobs import (
    Fetched,
    Job,
    count_missing,
    current_client,
    loader,
    run,
    single_request,
)

__all__ = ["catalogues_df", "issuers_df", "mints_df", "publications_df"]


@overload
def issuers_df(*, lang: str | None = ..., refresh: bool = ...,
               client: Client | None = ..., dry_run: Literal[True]) -> int: ...
@overload
def issuers_df(*, lang: str | None = ..., refresh: bool = ...,
               client: Client | None = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
@loader
def issuers_df(*, lang: str | None = None, refresh: bool = False,
               client: Client | None = None, dry_run: bool = False) -> pd.DataFrame | int:
    """Every issuer (countries, territories, entities): one request, one row per issuer.

    Parameters
    ----------
    lang : {"en", "es", "fr"}, optional
        Language of the names.
    refresh : bool
        Bypass both caches.
    client : Client, optional
        The client to use (its key, API and settings); default: the one of
        :func:`numista_frames.configure`.
    dry_run : bool
        Return the number of requests the call would spend (0 or 1).

    Returns
    -------
    DataFrame or int
        The ``issuers`` schema (code, name, parent, level, wikidata id, flag).

    Raises
    ------
    ValueError, TypeError
        For a bad argument, before any request is spent.
    ConfigurationError, OfflineError, QuotaExceededError, NumistaError
        As for :func:`numista_frames.search_df`.
    """
    lang_ = current_client().resolve_lang(lang)
    return single_request("issuers", "GET /issuers", {"lang": lang_}, "catalogue",
                          lambda c, r, only: c.get_issuers(lang=lang_, refresh=r, cache_only=only),
                          lambda body: nz.normalize_issuers(body, lang=lang_), refresh, dry_run,
                          attrs=_count)


@overload
def mints_df(*, lang: str | None = ..., refresh: bool = ...,
             client: Client | None = ..., dry_run: Literal[True]) -> int: ...
@overload
def mints_df(*, lang: str | None = ..., refresh: bool = ...,
             client: Client | None = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
@loader
def mints_df(*, lang: str | None = None, refresh: bool = False,
             client: Client | None = None, dry_run: bool = False) -> pd.DataFrame | int:
    """Every mint: one request, one row per mint.

    Parameters
    ----------
    lang, refresh, dry_run
        As in :func:`issuers_df`.

    Returns
    -------
    DataFrame or int
        The ``mints`` schema; ``end_year`` 9999 means still active (also in ``is_active``).

    Raises
    ------
    ValueError, TypeError
        For a bad argument, before any request is spent.
    ConfigurationError, OfflineError, QuotaExceededError, NumistaError
        As for :func:`numista_frames.search_df`.
    """
    lang_ = current_client().resolve_lang(lang)
    return single_request("mints", "GET /mints", {"lang": lang_}, "catalogue",
                          lambda c, r, only: c.get_mints(lang=lang_, refresh=r, cache_only=only),
                          lambda body: nz.normalize_mints(body, lang=lang_), refresh, dry_run,
                          attrs=_count)


@overload
def catalogues_df(*, refresh: bool = ..., client: Client | None = ..., dry_run: Literal[True]) -> int: ...
@overload
def catalogues_df(*, refresh: bool = ...,
                  client: Client | None = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
@loader
def catalogues_df(*, refresh: bool = False,
                  client: Client | None = None, dry_run: bool = False) -> pd.DataFrame | int:
    """Every reference catalogue (KM, Schön, Pick ...): one request, one row per catalogue.

    Parameters
    ----------
    refresh, dry_run, client
        As in :func:`issuers_df`.

    Returns
    -------
    DataFrame or int
        The ``catalogues`` schema; ``code`` is what references show (``KM``).

    Raises
    ------
    ValueError, TypeError
        For a bad argument, before any request is spent.
    ConfigurationError, OfflineError, QuotaExceededError, NumistaError
        As for :func:`numista_frames.search_df`.
    """
    return single_request("catalogues", "GET /catalogues", {}, "catalogue",
                          lambda c, r, only: c.get_catalogues(refresh=r, cache_only=only),
                          nz.normalize_catalogues, refresh, dry_run, attrs=_count)


@overload
def publications_df(publication_ids: Any, *, refresh: bool = ..., progress: bool | None = ...,
                    client: Client | None = ..., dry_run: Literal[True]) -> int: ...
@overload
def publications_df(publication_ids: Any, *, refresh: bool = ..., progress: bool | None = ...,
                    client: Client | None = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
@loader
def publications_df(publication_ids: Any, *, refresh: bool = False, progress: bool | None = None,
                    client: Client | None = None, dry_run: bool = False) -> pd.DataFrame | int:
    """Literature entries by id (``"L"`` + 6 digits): one row per publication.

    Parameters
    ----------
    publication_ids : str or iterable of str
        E.g. ``"L106610"``.
    refresh, progress, dry_run, client
        As in :func:`numista_frames.types_df`.

    Returns
    -------
    DataFrame or int
        The ``publications`` schema.

    Raises
    ------
    ValueError, TypeError
        For a bad argument, before any request is spent.
    ConfigurationError, OfflineError, QuotaExceededError, NumistaError
        As for :func:`numista_frames.search_df`.
    """
    if isinstance(publication_ids, str):
        ids = [publication_ids]
    elif isinstance(publication_ids, Iterable) and getattr(publication_ids, "ndim", 1) == 1:
        ids = list(publication_ids)
    else:
        raise TypeError('publication_ids must be a publication id or a list of them; ids are '
                        f'strings such as "L106610"; got {publication_ids!r}')
    ids = list(dict.fromkeys(v.check_publication_id(p) for p in ids))

    def fetch(c: Client, refresh: bool, progress: bool | None) -> Fetched:
        got = run_batch(ids, lambda p: c.get_publication(p, refresh=refresh),
                        workers=c.settings.max_concurrent, progress=progress,
                        desc="publications", cache=c)
        return Fetched(nz.normalize_publications(list(got.results.values())), got.failures)

    def plan(c: Client, refresh: bool) -> int:
        return count_missing(ids, lambda p: c.get_publication(p, cache_only=True), refresh)

    job = Job("publications", "GET /publications/{id}", {"publication_ids": ids},
              ("catalogue",), fetch, plan)
    return run(job, current_client(), refresh=refresh, progress=progress, dry_run=dry_run)


def _count(body: Any) -> dict[str, Any]:
    """The total the API gives with a list (``attrs["count"]``), as search gives ``total``."""
    count = body.get("count") if isinstance(body, dict) else None
    return {"count": int(count)} if isinstance(count, int | float) else {}

"""Loaders of reference lists and user data: issuers, mints, catalogues, publications, collections."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, overload

import pandas as pd

from . import normalize as nz
from . import validate as v
from .batch import run_batch
from .client import Client, default_client
from .jobs import Fetched, Job, cached, count_missing, run
from .ledger import key_id

__all__ = ["catalogues_df", "collection_df", "collections_df", "issuers_df", "mints_df",
           "publications_df", "user_df"]


def _single(kind: str, endpoint: str, params: dict[str, Any], family: str,
            get: Callable[[Client, bool], Any], shape: Callable[[Any], pd.DataFrame],
            refresh: bool, dry_run: bool, attrs: Callable[[Any], dict[str, Any]] | None = None,
            plan: Callable[[Client, bool], int] | None = None,
            private: dict[str, Any] | None = None) -> pd.DataFrame | int:
    """A loader that makes one request (plus, for user data, perhaps a token request)."""
    def fetch(c: Client, refresh: bool, progress: bool | None) -> Fetched:
        body = get(c, refresh)
        return Fetched(shape(body), extra_attrs=attrs(body) if attrs else {})

    def one_request(c: Client, refresh: bool) -> int:
        view = c.cache_only()
        return int(refresh or not cached(lambda: get(view, False)))

    job = Job(kind, endpoint, params, (family,), fetch, plan or one_request, private or {})
    return run(job, default_client(), refresh=refresh, progress=False, dry_run=dry_run)


@overload
def issuers_df(*, lang: str | None = ..., refresh: bool = ..., dry_run: Literal[True]) -> int: ...
@overload
def issuers_df(*, lang: str | None = ..., refresh: bool = ...,
               dry_run: Literal[False] = ...) -> pd.DataFrame: ...
def issuers_df(*, lang: str | None = None, refresh: bool = False,
               dry_run: bool = False) -> pd.DataFrame | int:
    """Every issuer (countries, territories, entities): one request, one row per issuer.

    Parameters
    ----------
    lang : {"en", "es", "fr"}, optional
        Language of the names.
    refresh : bool
        Bypass both caches.
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
    lang_ = default_client().resolve_lang(lang)
    return _single("issuers", "GET /issuers", {"lang": lang_}, "catalogue",
                   lambda c, r: c.get_issuers(lang=lang_, refresh=r), nz.normalize_issuers,
                   refresh, dry_run)


@overload
def mints_df(*, lang: str | None = ..., refresh: bool = ..., dry_run: Literal[True]) -> int: ...
@overload
def mints_df(*, lang: str | None = ..., refresh: bool = ...,
             dry_run: Literal[False] = ...) -> pd.DataFrame: ...
def mints_df(*, lang: str | None = None, refresh: bool = False,
             dry_run: bool = False) -> pd.DataFrame | int:
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
    lang_ = default_client().resolve_lang(lang)
    return _single("mints", "GET /mints", {"lang": lang_}, "catalogue",
                   lambda c, r: c.get_mints(lang=lang_, refresh=r), nz.normalize_mints,
                   refresh, dry_run)


@overload
def catalogues_df(*, refresh: bool = ..., dry_run: Literal[True]) -> int: ...
@overload
def catalogues_df(*, refresh: bool = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
def catalogues_df(*, refresh: bool = False, dry_run: bool = False) -> pd.DataFrame | int:
    """Every reference catalogue (KM, Schön, Pick ...): one request, one row per catalogue.

    Parameters
    ----------
    refresh, dry_run
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
    return _single("catalogues", "GET /catalogues", {}, "catalogue",
                   lambda c, r: c.get_catalogues(refresh=r), nz.normalize_catalogues,
                   refresh, dry_run)


@overload
def publications_df(publication_ids: Any, *, refresh: bool = ..., progress: bool | None = ...,
                    dry_run: Literal[True]) -> int: ...
@overload
def publications_df(publication_ids: Any, *, refresh: bool = ..., progress: bool | None = ...,
                    dry_run: Literal[False] = ...) -> pd.DataFrame: ...
def publications_df(publication_ids: Any, *, refresh: bool = False, progress: bool | None = None,
                    dry_run: bool = False) -> pd.DataFrame | int:
    """Literature entries by id (``"L"`` + 6 digits): one row per publication.

    Parameters
    ----------
    publication_ids : str or iterable of str
        E.g. ``"L106610"``.
    refresh, progress, dry_run
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
    ids = [publication_ids] if isinstance(publication_ids, str) else list(publication_ids)
    ids = list(dict.fromkeys(v.check_publication_id(p) for p in ids))

    def fetch(c: Client, refresh: bool, progress: bool | None) -> Fetched:
        got = run_batch(ids, lambda p: c.get_publication(p, refresh=refresh),
                        workers=c.settings.max_concurrent, progress=progress,
                        desc="publications")
        return Fetched(nz.normalize_publications(list(got.results.values())), got.failures)

    def plan(c: Client, refresh: bool) -> int:
        view = c.cache_only()
        return count_missing(ids, lambda p: view.get_publication(p), refresh)

    job = Job("publications", "GET /publications/{id}", {"publication_ids": ids},
              ("catalogue",), fetch, plan)
    return run(job, default_client(), refresh=refresh, progress=progress, dry_run=dry_run)


@overload
def user_df(user_id: int | str, *, lang: str | None = ..., refresh: bool = ...,
            dry_run: Literal[True]) -> int: ...
@overload
def user_df(user_id: int | str, *, lang: str | None = ..., refresh: bool = ...,
            dry_run: Literal[False] = ...) -> pd.DataFrame: ...
def user_df(user_id: int | str, *, lang: str | None = None, refresh: bool = False,
            dry_run: bool = False) -> pd.DataFrame | int:
    """A user's public profile (username, avatar) as a one-row frame; needs no OAuth.

    Parameters
    ----------
    user_id : int or str of digits
    lang, refresh, dry_run
        As in :func:`issuers_df`.

    Returns
    -------
    DataFrame or int
        The ``user`` schema.

    Raises
    ------
    ValueError, TypeError
        For a bad argument, before any request is spent.
    ConfigurationError, OfflineError, QuotaExceededError, NumistaError
        As for :func:`numista_frames.search_df`.
    """
    uid = v.positive_int(user_id, "user_id")
    lang_ = default_client().resolve_lang(lang)
    return _single("user", "GET /users/{user_id}", {"user_id": uid, "lang": lang_}, "user",
                   lambda c, r: c.get_user(uid, lang=lang_, refresh=r),
                   lambda body: nz.normalize_user(uid, body), refresh, dry_run)


def _private() -> dict[str, Any]:
    # User data is private: the frame key names whose key asked (hashed), as the HTTP cache does.
    return {"key": key_id(default_client().settings.api_key)}


@overload
def collections_df(user_id: int | str | None = ..., *, refresh: bool = ...,
                   dry_run: Literal[True]) -> int: ...
@overload
def collections_df(user_id: int | str | None = ..., *, refresh: bool = ...,
                   dry_run: Literal[False] = ...) -> pd.DataFrame: ...
def collections_df(user_id: int | str | None = None, *, refresh: bool = False,
                   dry_run: bool = False) -> pd.DataFrame | int:
    """A user's collections (OAuth): one row per collection.

    Parameters
    ----------
    user_id : int, optional
        Defaults to the user the API key belongs to (client-credentials token). The token
        request is not cached and costs one request per process (tokens live in memory).
    refresh : bool
        Bypass both caches.
    dry_run : bool
        Return the number of requests the call would spend. Without ``user_id`` and with no
        token in memory, the dry run fetches the token to learn the user (counted).

    Returns
    -------
    DataFrame or int
        The ``collections`` schema (user_id, id, name).

    Raises
    ------
    ValueError, TypeError
        For a bad argument, before any request is spent.
    ConfigurationError, OfflineError, QuotaExceededError, NumistaError
        As for :func:`numista_frames.search_df`.
    AuthenticationError
        When the key's user or the token does not allow it.
    """
    uid = None if user_id is None else v.positive_int(user_id, "user_id")

    def get(c: Client, refresh: bool) -> tuple[int, Any]:
        who = _whose(c, uid)
        return who, c.get_collections(who, refresh=refresh)

    return _single("collections", "GET /users/{user_id}/collections", {"user_id": uid}, "user",
                   get, lambda got: nz.normalize_collections(got[1], user_id=got[0]), refresh,
                   dry_run, plan=_user_plan(uid, lambda c, who: c.get_collections(who)),
                   private=_private())


def _whose(client: Client, user_id: int | None) -> int:
    """The user a call is about: the one given, else the key's own (from its token)."""
    return user_id if user_id is not None else client.get_token().user_id


def _user_plan(user_id: int | None, probe: Callable[[Client, int], Any]
               ) -> Callable[[Client, bool], int]:
    """Dry run of a user-data call: a token request to learn whose data (when no user id is
    given and no token is held, spent now), then the data unless cached, then its token."""
    def plan(client: Client, refresh: bool) -> int:
        spent = 0
        uid = user_id
        if uid is None:
            spent = client.token_cost()
            uid = client.get_token().user_id
        if not refresh and cached(lambda: probe(client.cache_only(), uid)):
            return spent
        return spent + 1 + client.token_cost(uid)

    return plan


@overload
def collection_df(user_id: int | str | None = ..., *, category: str | None = ...,
                  type_id: int | str | None = ..., collection: int | str | None = ...,
                  refresh: bool = ..., dry_run: Literal[True]) -> int: ...
@overload
def collection_df(user_id: int | str | None = ..., *, category: str | None = ...,
                  type_id: int | str | None = ..., collection: int | str | None = ...,
                  refresh: bool = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
def collection_df(user_id: int | str | None = None, *, category: str | None = None,
                  type_id: int | str | None = None, collection: int | str | None = None,
                  refresh: bool = False, dry_run: bool = False) -> pd.DataFrame | int:
    """A user's collected items (OAuth): one row per item, with its type, issue, grade, price paid.

    Parameters
    ----------
    user_id : int, optional
        Defaults to the key's user.
    category : {"coin", "banknote", "exonumia"}, optional
    type_id : int, optional
        Only items of this type.
    collection : int, optional
        Only items of this collection (ids from :func:`collections_df`).
    refresh, dry_run
        As in :func:`collections_df`. After this key changes the collection (add, update,
        delete, in any process), cached collection data older than the change is refetched.

    Returns
    -------
    DataFrame
        The ``collected_items`` schema; ``df.attrs`` also carries the API's totals
        (``item_count`` = Σ quantity, ``item_type_count`` ...).

    Raises
    ------
    ValueError, TypeError
        For a bad argument, before any request is spent.
    ConfigurationError, OfflineError, QuotaExceededError, NumistaError
        As for :func:`numista_frames.search_df`.
    AuthenticationError
        When the key's user or the token does not allow it.
    """
    uid = None if user_id is None else v.positive_int(user_id, "user_id")
    cat = v.check_category(category)
    tid = None if type_id is None else v.positive_int(type_id, "type_id")
    coll = None if collection is None else v.positive_int(collection, "collection")
    totals = ("item_count", "item_for_swap_count", "item_type_count", "item_type_for_swap_count")

    def get(c: Client, refresh: bool) -> tuple[int, Any]:
        who = _whose(c, uid)
        return who, c.get_collected_items(who, category=cat, type_id=tid, collection=coll,
                                          refresh=refresh)

    return _single(
        "collected_items", "GET /users/{user_id}/collected_items",
        {"user_id": uid, "category": cat, "type_id": tid, "collection": coll}, "user", get,
        lambda got: nz.normalize_collected_items(got[1], user_id=got[0]), refresh, dry_run,
        attrs=lambda got: {"user_id": got[0], **{k: got[1].get(k) for k in totals}},
        plan=_user_plan(uid, lambda c, who: c.get_collected_items(
            who, category=cat, type_id=tid, collection=coll)), private=_private())

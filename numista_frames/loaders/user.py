"""Loaders of user data: a user's profile, collections and collected items (OAuth where needed)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, Literal, overload

import pandas as pd

from numista_frames import checks as v
from numista_frames.frames import normalize as nz
from numista_frames.http.client import Client
from numista_frames.http.ledger import key_id
from numista_frames.loaders.jobs import cached, current_client, loader, single_request

__all__ = ["collection_df", "collections_df", "user_df"]


@overload
def user_df(user_id: int | str, *, lang: str | None = ..., refresh: bool = ...,
            client: Client | None = ..., dry_run: Literal[True]) -> int: ...
@overload
def user_df(user_id: int | str, *, lang: str | None = ..., refresh: bool = ...,
            client: Client | None = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
@loader
def user_df(user_id: int | str, *, lang: str | None = None, refresh: bool = False,
            client: Client | None = None, dry_run: bool = False) -> pd.DataFrame | int:
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
    lang_ = current_client().resolve_lang(lang)
    return single_request("user", "GET /users/{user_id}", {"user_id": uid, "lang": lang_}, "user",
                          lambda c, r, only: c.get_user(uid, lang=lang_, refresh=r, cache_only=only),
                          lambda body: nz.normalize_user(uid, body), refresh, dry_run)


def _private() -> dict[str, Any]:
    # User data is private: the frame key names whose key asked (hashed), as the HTTP cache does.
    return {"key": key_id(current_client().settings.api_key)}


@overload
def collections_df(user_id: int | str | None = ..., *, refresh: bool = ...,
                   client: Client | None = ..., dry_run: Literal[True]) -> int: ...
@overload
def collections_df(user_id: int | str | None = ..., *, refresh: bool = ...,
                   client: Client | None = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
@loader
def collections_df(user_id: int | str | None = None, *, refresh: bool = False,
                   client: Client | None = None, dry_run: bool = False) -> pd.DataFrame | int:
    """A user's collections (OAuth): one row per collection.

    Parameters
    ----------
    user_id : int, optional
        Defaults to the user the API key belongs to (client-credentials token). The token
        request is not cached and costs one request per process (tokens live in memory).
    refresh : bool
        Bypass both caches.
    client : Client, optional
        The client to use (its key, API and settings); default: the one of
        :func:`numista_frames.configure`.
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

    def get(c: Client, refresh: bool, cache_only: bool) -> tuple[int, Any]:
        who = _whose(c, uid)
        return who, c.get_collections(who, refresh=refresh, cache_only=cache_only)

    return single_request("collections", "GET /users/{user_id}/collections", {"user_id": uid}, "user",
                          get, lambda got: nz.normalize_collections(got[1], user_id=got[0]), refresh,
                          dry_run,
                          plan=_user_plan(uid, lambda c, who: c.get_collections(who, cache_only=True)),
                          private=_private(), attrs=lambda got: {"count": got[1].get("count")})


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
        if not refresh and cached(lambda: probe(client, uid)):
            return spent
        return spent + 1 + client.token_cost(uid)

    return plan


@overload
def collection_df(user_id: int | str | None = ..., *, category: str | None = ...,
                  type_ids: Any = ..., collection: int | str | None = ...,
                  refresh: bool = ..., client: Client | None = ..., dry_run: Literal[True],
                  type_id: int | str | None = ...) -> int: ...
@overload
def collection_df(user_id: int | str | None = ..., *, category: str | None = ...,
                  type_ids: Any = ..., collection: int | str | None = ...,
                  refresh: bool = ...,
                  client: Client | None = ..., dry_run: Literal[False] = ...,
                  type_id: int | str | None = ...) -> pd.DataFrame: ...
@loader
def collection_df(user_id: int | str | None = None, *, category: str | None = None,
                  type_ids: Any = None, collection: int | str | None = None,
                  refresh: bool = False,
                  client: Client | None = None, dry_run: bool = False,
                  type_id: int | str | None = None) -> pd.DataFrame | int:
    """A user's collected items (OAuth): one row per item, with its type, issue, grade, price paid.

    Parameters
    ----------
    user_id : int, optional
        Defaults to the key's user.
    category : {"coin", "banknote", "exonumia"}, optional
    type_ids : int or iterable of int, optional
        Only items of these types (one type is filtered by the API; several are filtered
        here, from one request for the whole collection).
    collection : int, optional
        Only items of this collection (ids from :func:`collections_df`).
    refresh, dry_run, client
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

    Notes
    -----
    ``type_id=`` is the old spelling of ``type_ids=``: it still works for one release, with a
    :class:`FutureWarning`.
    """
    uid = None if user_id is None else v.positive_int(user_id, "user_id")
    cat = v.check_category(category)
    if type_id is not None:
        warnings.warn("collection_df(type_id=...) is now type_ids=... (one id or several), as in "
                      "every other loader; type_id will be removed", FutureWarning, stacklevel=3)
        if type_ids is None:
            type_ids = type_id
    wanted = None if type_ids is None else v.positive_ints(type_ids, "type_ids")
    tid = wanted[0] if wanted is not None and len(wanted) == 1 else None
    coll = None if collection is None else v.positive_int(collection, "collection")
    totals = ("item_count", "item_for_swap_count", "item_type_count", "item_type_for_swap_count")

    def get(c: Client, refresh: bool, cache_only: bool) -> tuple[int, Any]:
        who = _whose(c, uid)
        return who, c.get_collected_items(who, category=cat, type_id=tid, collection=coll,
                                          refresh=refresh, cache_only=cache_only)

    return single_request(
        "collected_items", "GET /users/{user_id}/collected_items",
        {"user_id": uid, "category": cat, "type_ids": wanted, "collection": coll}, "user", get,
        lambda got: _of_types(nz.normalize_collected_items(got[1], user_id=got[0]), wanted),
        refresh, dry_run,
        attrs=lambda got: {"user_id": got[0], **{k: got[1].get(k) for k in totals}},
        plan=_user_plan(uid, lambda c, who: c.get_collected_items(
            who, category=cat, type_id=tid, collection=coll, cache_only=True)), private=_private())


def _of_types(items: pd.DataFrame, type_ids: list[int] | None) -> pd.DataFrame:
    """Keep the items of these types (several types are filtered here, not by the API)."""
    if type_ids is None or len(type_ids) == 1:
        return items
    return items[items["type_id"].isin(type_ids)].reset_index(drop=True)

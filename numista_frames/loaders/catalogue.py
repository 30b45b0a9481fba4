"""The catalogue loaders: searches, types, issues, prices and list parts as typed DataFrames."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, overload

import pandas as pd

from numista_frames import checks as v
from numista_frames.frames import normalize as nz
from numista_frames.http.batch import run_batch
from numista_frames.http.client import Client
from numista_frames.http.ledger import QuotaStatus
from numista_frames.loaders.jobs import Fetched, Job, count_missing, current_client, loader, run
from numista_frames.loaders.prices import PriceFetch
from numista_frames.store.housekeeping import adopt_legacy_state

__all__ = ["issue_parts_df", "issues_df", "prices_df", "quota", "type_parts_df", "types_df"]



@loader
def quota(*, client: Client | None = None) -> QuotaStatus:
    """Requests spent this UTC calendar month by the configured key, as the local ledger saw them.

    Every request that really went to the network is in the ledger (cache hits never are);
    requests made from other machines with the same key are not. Each API has its own count: a
    fake on this machine never spends the real month.

    Parameters
    ----------
    client : Client, optional
        The client to use (its key, API and settings); default: the one of
        :func:`numista_frames.configure`.

    Returns
    -------
    QuotaStatus
        ``used``, ``limit``, ``remaining``, ``month`` and ``resets_at``.
    """
    client = current_client()
    adopt_legacy_state(client.settings)  # a ledger left in cache_dir is this month's count too
    return client.quota()


# -- types, issues, list parts -----------------------------------------------------------------

@overload
def types_df(type_ids: Any, *, lang: str | None = ..., refresh: bool = ...,
             progress: bool | None = ..., client: Client | None = ..., dry_run: Literal[True]) -> int: ...
@overload
def types_df(type_ids: Any, *, lang: str | None = ..., refresh: bool = ...,
             progress: bool | None = ...,
             client: Client | None = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
@loader
def types_df(type_ids: Any, *, lang: str | None = None, refresh: bool = False,
             progress: bool | None = None,
             client: Client | None = None, dry_run: bool = False) -> pd.DataFrame | int:
    """Full details of types: one row per type, in the order of ``type_ids``.

    Parameters
    ----------
    type_ids : int, str of digits, or iterable of them
        Type ids (N#).
    lang : {"en", "es", "fr"}, optional
    refresh, progress, dry_run, client
        As in :func:`search_df`. A batch goes on when some ids fail (404, or 5xx after the
        retries): ``df.attrs["failures"]`` lists them and a warning says how many.

    Returns
    -------
    DataFrame or int
        The ``types`` schema; list-valued parts are joined into text columns here and
        available in long form from :func:`type_parts_df`. With ``dry_run``, the number of
        requests instead.

    Raises
    ------
    ValueError, TypeError
        For a bad argument, before any request is spent.
    ConfigurationError, OfflineError, QuotaExceededError, NumistaError
        As for :func:`numista_frames.search_df`.
    """
    return _types_job("types", type_ids, lang, None, refresh, progress, dry_run)


@overload
def type_parts_df(type_ids: Any, *, part: str, lang: str | None = ..., refresh: bool = ...,
                  progress: bool | None = ...,
                  client: Client | None = ..., dry_run: Literal[True]) -> int: ...
@overload
def type_parts_df(type_ids: Any, *, part: str, lang: str | None = ..., refresh: bool = ...,
                  progress: bool | None = ...,
                  client: Client | None = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
@loader
def type_parts_df(type_ids: Any, *, part: str, lang: str | None = None, refresh: bool = False,
                  progress: bool | None = None,
                  client: Client | None = None, dry_run: bool = False) -> pd.DataFrame | int:
    """A list-valued part of types in long form, keyed by ``type_id``.

    Parameters
    ----------
    type_ids : int, str of digits, or iterable of them
    part : str
        ``rulers``, ``mints``, ``printers``, ``references``, ``tags``, ``related_types``,
        ``lettering_scripts``, ``engravers`` or ``designers`` (an unknown part is a
        ``ValueError`` before any request).
    lang, refresh, progress, dry_run
        As in :func:`types_df`.

    Returns
    -------
    DataFrame or int
        The ``type_<part>`` schema, one row per element keyed by ``type_id`` (the same
        requests as :func:`types_df`, so after it this costs nothing).

    Raises
    ------
    ValueError, TypeError
        For a bad argument, before any request is spent.
    ConfigurationError, OfflineError, QuotaExceededError, NumistaError
        As for :func:`numista_frames.search_df`.
    """
    nz.normalize_type_parts([], part)  # an unknown part fails here, before any request
    return _types_job(f"type_{part}", type_ids, lang, part, refresh, progress, dry_run)


def _per_type_job(kind: str, endpoint: str, type_ids: Any, lang: str | None,
                  get: Callable[[Client, int, str, bool, bool], Any],
                  shape: Callable[[str], tuple[nz.InParts, Callable[[dict[int, Any]], Any]]],
                  desc: str, refresh: bool, progress: bool | None, dry_run: bool,
                  part: str | None) -> pd.DataFrame | int:
    """A loader making one request per type id: ``get(client, id, lang, refresh, cache_only)``.

    ``shape(lang)`` gives the normaliser, fed in parts, and what it takes of answers by id:
    those of the first ids are normalised while the last requests are still in flight.
    """
    ids = v.positive_ints(type_ids, "type_ids")
    client = current_client()
    lang_ = client.resolve_lang(lang)

    def fetch(c: Client, refresh: bool, progress: bool | None) -> Fetched:
        normaliser, part_of = shape(lang_)
        early: dict[int, Any] = {}

        def take_early(done: dict[int, Any]) -> None:
            early.update(done)
            normaliser.add(part_of(done))

        got = run_batch(ids, lambda i: get(c, i, lang_, refresh, False),
                        workers=c.settings.max_concurrent, progress=progress, desc=desc,
                        cache=c, early=take_early)
        normaliser.add(part_of({i: a for i, a in got.results.items() if i not in early}))
        return Fetched(normaliser.frame(), got.failures)

    def plan(c: Client, refresh: bool) -> int:
        return count_missing(ids, lambda i: get(c, i, lang_, False, True), refresh)

    job = Job(kind, endpoint, {"type_ids": ids, "lang": lang_, "part": part}, ("catalogue",),
              fetch, plan)
    return run(job, client, refresh=refresh, progress=progress, dry_run=dry_run)


def _types_job(kind: str, type_ids: Any, lang: str | None, part: str | None, refresh: bool,
               progress: bool | None, dry_run: bool) -> pd.DataFrame | int:
    def shape(lang_: str) -> tuple[nz.InParts, Callable[[dict[int, Any]], Any]]:
        normaliser = nz.types_in_parts(lang=lang_) if part is None else nz.type_parts_in_parts(part)
        return normaliser, lambda bodies: list(bodies.values())

    return _per_type_job(kind, "GET /types/{type_id}", type_ids, lang,
                         lambda c, i, lang_, r, only: c.get_type(i, lang=lang_, refresh=r,
                                                                cache_only=only), shape,
                         "types", refresh, progress, dry_run, part)


@overload
def issues_df(type_ids: Any, *, lang: str | None = ..., refresh: bool = ...,
              progress: bool | None = ..., client: Client | None = ..., dry_run: Literal[True]) -> int: ...
@overload
def issues_df(type_ids: Any, *, lang: str | None = ..., refresh: bool = ...,
              progress: bool | None = ...,
              client: Client | None = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
@loader
def issues_df(type_ids: Any, *, lang: str | None = None, refresh: bool = False,
              progress: bool | None = None,
              client: Client | None = None, dry_run: bool = False) -> pd.DataFrame | int:
    """Every issue of types: one row per issue, with ``type_id``, in Numista's order.

    Parameters
    ----------
    type_ids : int, str of digits, or iterable of them
    lang, refresh, progress, dry_run
        As in :func:`types_df`.

    Returns
    -------
    DataFrame or int
        The ``issues`` schema: ``year`` as written (text) and ``gregorian_year`` (Int64),
        mint letter, mintage, comment ...; with ``dry_run``, the number of requests.

    Raises
    ------
    ValueError, TypeError
        For a bad argument, before any request is spent.
    ConfigurationError, OfflineError, QuotaExceededError, NumistaError
        As for :func:`numista_frames.search_df`.
    """
    return _issues_job("issues", type_ids, lang, None, refresh, progress, dry_run)


@overload
def issue_parts_df(type_ids: Any, *, part: str, lang: str | None = ..., refresh: bool = ...,
                   progress: bool | None = ...,
                   client: Client | None = ..., dry_run: Literal[True]) -> int: ...
@overload
def issue_parts_df(type_ids: Any, *, part: str, lang: str | None = ..., refresh: bool = ...,
                   progress: bool | None = ...,
                   client: Client | None = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
@loader
def issue_parts_df(type_ids: Any, *, part: str, lang: str | None = None, refresh: bool = False,
                   progress: bool | None = None,
                   client: Client | None = None, dry_run: bool = False) -> pd.DataFrame | int:
    """A list-valued part of issues in long form, keyed by ``type_id`` and ``issue_id``.

    Parameters
    ----------
    type_ids : int, str of digits, or iterable of them
    part : {"marks", "signatures", "references"}
    lang, refresh, progress, dry_run
        As in :func:`types_df`.

    Returns
    -------
    DataFrame or int
        The ``issue_<part>`` schema (the same requests as :func:`issues_df`).

    Raises
    ------
    ValueError, TypeError
        For a bad argument, before any request is spent.
    ConfigurationError, OfflineError, QuotaExceededError, NumistaError
        As for :func:`numista_frames.search_df`.
    """
    nz.normalize_issue_parts({}, part)  # an unknown part fails here, before any request
    return _issues_job(f"issue_{part}", type_ids, lang, part, refresh, progress, dry_run)


def _issues_job(kind: str, type_ids: Any, lang: str | None, part: str | None, refresh: bool,
                progress: bool | None, dry_run: bool) -> pd.DataFrame | int:
    def shape(lang_: str) -> tuple[nz.InParts, Callable[[dict[int, Any]], Any]]:
        normaliser = (nz.issues_in_parts(lang=lang_) if part is None
                      else nz.issue_parts_in_parts(part))
        return normaliser, lambda lists: lists

    return _per_type_job(kind, "GET /types/{type_id}/issues", type_ids, lang,
                         lambda c, i, lang_, r, only: c.get_issues(i, lang=lang_, refresh=r,
                                                                cache_only=only), shape,
                         "issue lists", refresh, progress, dry_run, part)


# -- prices ------------------------------------------------------------------------------------

@overload
def prices_df(type_ids: Any, *, issue_ids: Any = ..., currency: str | None = ...,
              lang: str | None = ..., refresh: bool = ..., progress: bool | None = ...,
              client: Client | None = ..., dry_run: Literal[True]) -> int: ...
@overload
def prices_df(type_ids: Any, *, issue_ids: Any = ..., currency: str | None = ...,
              lang: str | None = ..., refresh: bool = ..., progress: bool | None = ...,
              client: Client | None = ..., dry_run: Literal[False] = ...) -> pd.DataFrame: ...
@loader
def prices_df(type_ids: Any, *, issue_ids: Any = None, currency: str | None = None,
              lang: str | None = None, refresh: bool = False, progress: bool | None = None,
              client: Client | None = None, dry_run: bool = False) -> pd.DataFrame | int:
    """Current price estimates in long form: one row per (type_id, issue_id, grade).

    Costs one request per type (its issues) plus one per issue. Every estimate that really
    comes from the network is also appended, dated, to the local price history, so no
    observation is ever lost (Numista keeps no history itself).

    Parameters
    ----------
    type_ids : int, str of digits, or iterable of them
    issue_ids : int or iterable, optional
        Only these issues (of the given types); by default all issues of each type.
    currency : str, optional
        ISO 4217 code (default: the configured one, EUR unless set).
    lang, refresh, progress, dry_run
        As in :func:`types_df`. A dry run fetches the issue lists it lacks, to know which
        prices to count (part of the count, not spent again). An asked-for issue that belongs
        to none of the types lands in ``df.attrs["failures"]``.

    Returns
    -------
    DataFrame
        The ``prices`` schema: ``price`` (float64), ``currency``, ``grade`` (ordered
        categorical), the issue's year, mint letter and comment, and ``fetched_at`` (UTC: when
        the estimate was fetched, which for a cached answer is earlier than the call).

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
    """
    ids = v.positive_ints(type_ids, "type_ids")
    only = None if issue_ids is None else v.positive_ints(issue_ids, "issue_ids")
    client = current_client()
    lang_ = client.resolve_lang(lang)
    cur = v.check_currency(client.settings.currency if currency is None else currency)
    job_ = PriceFetch(ids, only, cur, lang_)
    job = Job("prices", "GET /types/{type_id}/issues/{issue_id}/prices",
              {"type_ids": ids, "issue_ids": only, "currency": cur, "lang": lang_},
              ("catalogue", "prices"), job_.fetch, job_.plan)
    return run(job, client, refresh=refresh, progress=progress, dry_run=dry_run)


"""Looking after the caches: what they hold, clearing parts of them, warming them for later."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, overload

import pandas as pd
import pyarrow.parquet as pq

from numista_frames import checks as v
from numista_frames.frames import schema
from numista_frames.http.client import CachedAnswer, Client
from numista_frames.http.endpoints import classify_path
from numista_frames.loaders.catalogue import issues_df, prices_df, types_df
from numista_frames.loaders.jobs import current_client, loader
from numista_frames.store.frame_cache import FrameCache, FrameEntry, PriceSnapshots
from numista_frames.store.history import readable_parts
from numista_frames.store.housekeeping import adopt_legacy_state

__all__ = ["cache_info", "clear_cache", "warm_cache"]

_TYPE_IN_PATH = re.compile(r"^/types/(\d+)(?:/|$)")
_INFO_COLUMNS = {"kind": "string", "key": "string", "rows": "Int64", "bytes": "Int64",
                 "fetched_at": "datetime64[ns, UTC]", "expires_at": "datetime64[ns, UTC]",
                 "location": "string"}
#: ``location`` of what can be fetched again, and of what cannot (the history in data_dir).
CACHE, NOT_A_CACHE = "cache_dir", "data_dir (not a cache)"


def cache_info() -> pd.DataFrame:
    """Everything on disk: finished frames, raw HTTP answers and price-history files.

    An unreadable history part file is skipped with a warning naming it, and moved to
    ``_quarantine/`` beside the history.

    Returns
    -------
    DataFrame
        Columns ``kind`` (a loader's frame kind such as ``"search"``; ``"http/<endpoint>"`` for
        a raw answer; ``"price_history"``), ``key``, ``rows``, ``bytes``, ``fetched_at``,
        ``expires_at`` (UTC; NaT for the history, which never expires) and ``location``
        (``"cache_dir"``, or ``"data_dir (not a cache)"`` for the history, which cannot be
        fetched again). ``attrs["bytes_by_kind"]`` sums the bytes per kind;
        ``attrs["cache_bytes"]`` is the caches' total, ``attrs["http_cache_file_bytes"]`` the
        size of the HTTP cache's SQLite file, and ``attrs["history_bytes"]`` the history's size
        (in data_dir, not a cache: :func:`clear_cache` never deletes it).
    """
    client = current_client()
    adopt_legacy_state(client.settings)
    rows = [*_frame_rows(client), *_http_rows(client), *_history_rows(client)]
    frame = pd.DataFrame(rows, columns=list(_INFO_COLUMNS))
    for column in ("fetched_at", "expires_at"):  # NaT alone would read as naive
        frame[column] = pd.to_datetime(frame[column], utc=True)
    frame = frame.astype(_INFO_COLUMNS).reset_index(drop=True)
    frame.attrs.update(_sizes(frame, client))
    return frame


def _sizes(frame: pd.DataFrame, client: Client) -> dict[str, Any]:
    by_kind = {str(k): int(b) for k, b in frame.groupby("kind")["bytes"].sum().items()}
    cached = frame["location"] == CACHE
    http_file = client.settings.http_cache_path
    return {"bytes_by_kind": by_kind, "cache_bytes": int(frame.loc[cached, "bytes"].sum()),
            "http_cache_file_bytes": http_file.stat().st_size if http_file.exists() else 0,
            "history_bytes": int(frame.loc[~cached, "bytes"].sum())}


def _frame_rows(client: Client) -> Iterator[tuple[Any, ...]]:
    for e in FrameCache(client.settings.cache_dir / "frames").entries():
        yield e.kind, e.key, e.rows, e.bytes, e.fetched_at, e.expires_at, CACHE


def _http_rows(client: Client) -> Iterator[tuple[Any, ...]]:
    for answer in client.cached_answers():
        key = answer.path + (f"?{answer.query}" if answer.query else "")
        yield (f"http/{classify_path(answer.path).name}", key, pd.NA, answer.bytes,
               answer.created_at, answer.expires, CACHE)


def _history_rows(client: Client) -> Iterator[tuple[Any, ...]]:
    store = PriceSnapshots(client.settings.history_path)
    for path in readable_parts(store, store.files()):
        stat = path.stat()
        yield ("price_history", str(path.relative_to(store.root)), pq.read_metadata(path).num_rows,
               stat.st_size, datetime.fromtimestamp(stat.st_mtime, UTC), pd.NaT, NOT_A_CACHE)


def clear_cache(*, type_ids: Any = None, kind: str | Iterable[str] | None = None,
                older_than: timedelta | datetime | None = None) -> int:
    """Delete cached frames and HTTP answers; nothing in ``data_dir`` (the history) is touched.

    Parameters
    ----------
    type_ids : int or iterable, optional
        Only what concerns these types (frames made from them, answers under ``/types/{id}``).
    kind : str or iterable of str, optional
        Only these kinds: a loader's frame kind or an endpoint name (``"search"``, ``"types"``,
        ``"issues"``, ``"prices"``, ``"issuers"``, ``"collected_items"`` ...; ``"http/prices"``
        as :func:`cache_info` spells it works too) — both the frames and the raw answers of
        that kind.
    older_than : timedelta or datetime, optional
        Only what was fetched before ``now - older_than`` (or before that datetime).

    Returns
    -------
    int
        How many entries were deleted.

    Raises
    ------
    ValueError
        For an unknown kind.
    """
    ids = None if type_ids is None else set(v.positive_ints(type_ids, "type_ids"))
    frame_kinds, http_kinds = (None, None) if kind is None else _kinds(
        [kind] if isinstance(kind, str) else kind)
    cutoff = _cutoff(older_than)
    client = current_client()
    frames = FrameCache(client.settings.cache_dir / "frames")
    doomed = [e for e in frames.entries() if _frame_matches(e, ids, frame_kinds, cutoff)]
    removed = frames.remove(doomed)
    answers = [a.cache_key for a in client.cached_answers()
               if _http_matches(a, ids, http_kinds, cutoff)]
    return removed + client.forget(answers)


#: Kinds ``clear_cache`` knows: loaders' frame kinds and endpoint names (their raw answers).
KINDS = frozenset(schema.RESOURCES) | {
    "search", "types", "issues", "prices", "issuers", "mints", "catalogues", "publications",
    "users", "user", "collections", "collected_items"}


def _kinds(names: Iterable[str]) -> tuple[set[str], set[str]]:
    """Frame kinds and endpoint names to clear: ``"prices"`` names both the frames and the raw
    answers, ``"http/prices"`` (as :func:`cache_info` spells it) the raw answers only."""
    frames, http = set(), set()
    for name in names:
        bare = name.removeprefix("http/")
        if bare not in KINDS:
            raise ValueError(f"unknown cache kind {name!r}; known: {sorted(KINDS)} "
                             "(or http/<endpoint> for raw answers only)")
        http.add("users" if bare == "user" else bare)
        if not name.startswith("http/"):
            frames.add("user" if bare == "users" else bare)
    return frames, http


def _cutoff(older_than: timedelta | datetime | None) -> datetime | None:
    if older_than is None:
        return None
    if isinstance(older_than, timedelta):
        return datetime.now(UTC) - older_than
    if isinstance(older_than, datetime):
        return older_than if older_than.tzinfo else older_than.replace(tzinfo=UTC)
    raise TypeError(f"older_than must be a timedelta or a datetime; got {older_than!r}")


def _frame_matches(entry: FrameEntry, ids: set[int] | None, kinds: set[str] | None,
                   cutoff: datetime | None) -> bool:
    if kinds is not None and entry.kind not in kinds:
        return False
    if cutoff is not None and entry.fetched_at >= cutoff:
        return False
    return ids is None or bool(ids & set(entry.params.get("type_ids") or []))


def _http_matches(answer: CachedAnswer, ids: set[int] | None, kinds: set[str] | None,
                  cutoff: datetime | None) -> bool:
    if kinds is not None and classify_path(answer.path).name not in kinds:
        return False
    if cutoff is not None and answer.created_at >= cutoff:
        return False
    if ids is None:
        return True
    match = _TYPE_IN_PATH.match(answer.path)
    return match is not None and int(match.group(1)) in ids


@overload
def warm_cache(type_ids: Any, *, issues: bool = ..., prices: bool = ..., lang: str | None = ...,
               currency: str | None = ..., progress: bool | None = ..., client: Client | None = ...,
               dry_run: Literal[True]) -> int: ...
@overload
def warm_cache(type_ids: Any, *, issues: bool = ..., prices: bool = ..., lang: str | None = ...,
               currency: str | None = ..., progress: bool | None = ..., client: Client | None = ...,
               dry_run: Literal[False] = ...) -> pd.DataFrame: ...
@loader
def warm_cache(type_ids: Any, *, issues: bool = True, prices: bool = True,
               lang: str | None = None, currency: str | None = None,
               progress: bool | None = None, client: Client | None = None,
               dry_run: bool = False) -> pd.DataFrame | int:
    """Fetch types (and their issues and prices) now, so that later calls cost nothing.

    Parameters
    ----------
    type_ids : int or iterable of int
        The types (N#).
    issues, prices : bool
        Also fetch their issue lists, and the price estimates of every issue.
    lang, currency : str, optional
        As in :func:`~numista_frames.types_df` and :func:`~numista_frames.prices_df`.
    progress : bool, optional
        Progress bars (default: in a terminal or notebook, for long jobs).
    client : Client, optional
        The client to use (default: the configured one).
    dry_run : bool
        Return the number of requests the warm-up would spend instead of running it. As with
        ``prices_df``, the issue lists a price count depends on are fetched now (and not spent
        again).

    Returns
    -------
    DataFrame or int
        One row per loader run: ``what``, ``rows``, ``requests_spent``; with ``dry_run``, the
        number of requests.
    """
    ids = v.positive_ints(type_ids, "type_ids")
    if lang is not None:  # checked before the first step spends anything
        v.check_lang(lang)
    if currency is not None:
        v.check_currency(currency)
    if dry_run:
        planned = types_df(ids, lang=lang, dry_run=True)
        if prices:  # its count includes the issue lists it needs
            return planned + prices_df(ids, lang=lang, currency=currency, dry_run=True)
        return planned + (issues_df(ids, lang=lang, dry_run=True) if issues else 0)
    frames = {"types": types_df(ids, lang=lang, progress=progress)}
    if issues:
        frames["issues"] = issues_df(ids, lang=lang, progress=progress)
    if prices:
        frames["prices"] = prices_df(ids, lang=lang, currency=currency, progress=progress)
    return pd.DataFrame({
        "what": pd.array(list(frames), dtype="string"),
        "rows": pd.array([len(f) for f in frames.values()], dtype="Int64"),
        "requests_spent": pd.array([f.attrs.get("requests_spent", 0) for f in frames.values()],
                                   dtype="Int64"),
    })

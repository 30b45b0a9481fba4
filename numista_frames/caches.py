"""Looking after the caches: what they hold, clearing parts of them, warming them for later."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import pyarrow.parquet as pq

from . import validate as v
from .api import issues_df, prices_df, types_df
from .client import Client, default_client
from .endpoints import classify_path
from .store import FrameCache, FrameEntry, PriceSnapshots

__all__ = ["cache_info", "clear_cache", "warm_cache"]

_TYPE_IN_PATH = re.compile(r"^/types/(\d+)(?:/|$)")
_INFO_COLUMNS = {"kind": "string", "key": "string", "rows": "Int64", "bytes": "Int64",
                 "fetched_at": "datetime64[ns, UTC]", "expires_at": "datetime64[ns, UTC]"}


def cache_info() -> pd.DataFrame:
    """Everything on disk: finished frames, raw HTTP answers and price-history files.

    Returns
    -------
    DataFrame
        Columns ``kind`` (a loader's frame kind such as ``"search"``; ``"http/<endpoint>"`` for
        a raw answer; ``"price_history"``), ``key``, ``rows``, ``bytes``, ``fetched_at``,
        ``expires_at`` (UTC; NaT for the history, which never expires).
    """
    client = default_client()
    rows = [*_frame_rows(client), *_http_rows(client), *_history_rows(client)]
    frame = pd.DataFrame(rows, columns=list(_INFO_COLUMNS))
    return frame.astype(_INFO_COLUMNS).reset_index(drop=True)


def _frame_rows(client: Client) -> Iterator[tuple[Any, ...]]:
    for e in FrameCache(client.settings.cache_dir / "frames").entries():
        yield e.kind, e.key, e.rows, e.bytes, e.fetched_at, e.expires_at


def _http_rows(client: Client) -> Iterator[tuple[Any, ...]]:
    if not client.settings.http_cache_path.exists():
        return
    base = urlsplit(client.settings.api_url).path.rstrip("/")
    for response in _responses(client):
        parts = urlsplit(response.url)
        path = parts.path[len(base):] if parts.path.startswith(base) else parts.path
        key = path + (f"?{parts.query}" if parts.query else "")
        yield (f"http/{classify_path(path).name}", key, pd.NA, len(response.content or b""),
               response.created_at, response.expires)


def _responses(client: Client) -> Iterable[Any]:
    return client.session.cache.filter(valid=True, expired=True)  # type: ignore[attr-defined,no-any-return]


def _history_rows(client: Client) -> Iterator[tuple[Any, ...]]:
    store = PriceSnapshots(client.settings.cache_dir / "price_history")
    for path in store.files():
        stat = path.stat()
        yield ("price_history", str(path.relative_to(store.root)), pq.read_metadata(path).num_rows,
               stat.st_size, datetime.fromtimestamp(stat.st_mtime, UTC), pd.NaT)


def clear_cache(*, type_ids: Any = None, kind: str | Iterable[str] | None = None,
                older_than: timedelta | datetime | None = None) -> int:
    """Delete cached frames and HTTP answers; the price history is never touched.

    Parameters
    ----------
    type_ids : int or iterable, optional
        Only what concerns these types (frames made from them, answers under ``/types/{id}``).
    kind : str or iterable of str, optional
        Only these kinds: a loader's frame kind or an endpoint name (``"search"``, ``"types"``,
        ``"issues"``, ``"prices"``, ``"issuers"``, ``"collected_items"`` ...) — both the frames
        and the raw answers of that kind.
    older_than : timedelta or datetime, optional
        Only what was fetched before ``now - older_than`` (or before that datetime).

    Returns
    -------
    int
        How many entries were deleted.
    """
    ids = None if type_ids is None else set(v.positive_ints(type_ids, "type_ids"))
    kinds = None if kind is None else ({kind} if isinstance(kind, str) else set(kind))
    cutoff = _cutoff(older_than)
    client = default_client()
    frames = FrameCache(client.settings.cache_dir / "frames")
    doomed = [e for e in frames.entries() if _frame_matches(e, ids, kinds, cutoff)]
    removed = frames.remove(doomed)
    if client.settings.http_cache_path.exists():
        keys = [r.cache_key for r in _responses(client) if _http_matches(client, r, ids, kinds,
                                                                          cutoff)]
        if keys:
            client.session.cache.delete(*keys)  # type: ignore[attr-defined]
        removed += len(keys)
    return removed


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


def _http_matches(client: Client, response: Any, ids: set[int] | None, kinds: set[str] | None,
                  cutoff: datetime | None) -> bool:
    base = urlsplit(client.settings.api_url).path.rstrip("/")
    path = urlsplit(response.url).path[len(base):]
    if kinds is not None and classify_path(path).name not in kinds:
        return False
    if cutoff is not None and response.created_at >= cutoff:
        return False
    if ids is None:
        return True
    match = _TYPE_IN_PATH.match(path)
    return match is not None and int(match.group(1)) in ids


def warm_cache(type_ids: Any, *, issues: bool = True, prices: bool = True,
               lang: str | None = None, currency: str | None = None,
               progress: bool | None = None) -> pd.DataFrame:
    """Fetch types (and their issues and prices) now, so that later calls cost nothing.

    Returns
    -------
    DataFrame
        One row per loader run: ``what``, ``rows``, ``requests_spent``.
    """
    ids = v.positive_ints(type_ids, "type_ids")
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

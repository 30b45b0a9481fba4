"""How one loader call runs: frame cache, request tracking, provenance in ``df.attrs``, dry runs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from .batch import failures_frame
from .client import Client, RequestRecord
from .exceptions import OfflineError
from .schema import SCHEMA_VERSION, empty_frame
from .store import FrameCache, frame_key

__all__ = ["ATTRIBUTION", "Fetched", "Job", "cached", "run"]

logger = logging.getLogger(__name__)

ATTRIBUTION = "Source: Numista (N# = type id)"


@dataclass
class Fetched:
    """What a job's fetch step produced: the frame, and the keys that failed (if any)."""

    frame: pd.DataFrame
    failures: Sequence[tuple[Any, BaseException]] = ()
    extra_attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Job:
    """One loader call, described so that :func:`run` can cache, fetch, plan and label it.

    Attributes
    ----------
    kind : str
        The frame kind (``"search"``, ``"types"``, ``"prices"`` ...).
    endpoint : str
        What it asks the API, for ``df.attrs`` (``"GET /types/{type_id}"``).
    params : mapping
        Everything that shapes the result (JSON-able): the frame cache key is made from it.
    families : tuple of str
        Endpoint families involved; the frame expires with the soonest of them.
    fetch : callable
        ``fetch(client, refresh, progress) -> Fetched``: does the requests.
    plan : callable
        ``plan(client, refresh) -> int``: the requests ``fetch`` would spend now. It may fetch
        what the count depends on (a search's first page, a type's issue list); those
        requests are part of the count and are not spent again.
    """

    kind: str
    endpoint: str
    params: Mapping[str, Any]
    families: tuple[str, ...]
    fetch: Callable[[Client, bool, bool | None], Fetched]
    plan: Callable[[Client, bool], int]


def run(job: Job, client: Client, *, refresh: bool, progress: bool | None,
        dry_run: bool) -> pd.DataFrame | int:
    """Answer a loader call from the frame cache, or fetch, label and store it.

    Returns the frame, or with ``dry_run`` the number of requests the call would spend.
    """
    key = frame_key(job.kind, job.params, api_url=client.settings.api_url,
                    schema_version=SCHEMA_VERSION)
    frames = FrameCache(client.settings.cache_dir / "frames")
    if not refresh and (frame := frames.get(key)) is not None:
        if dry_run:
            return 0
        if frame.empty:  # Parquet keeps no categories for zero rows: restore the schema
            attrs, frame = frame.attrs, empty_frame(job.kind)
            frame.attrs.update(attrs)
        frame.attrs.update(from_cache=True, requests_spent=0)
        return frame
    if dry_run:
        return job.plan(client, refresh)
    with client.track() as records:
        fetched = job.fetch(client, refresh, progress)
    frame = fetched.frame
    now = datetime.now(UTC)
    fetched_at = min((r.fetched_at for r in records), default=now)
    frame.attrs.clear()
    frame.attrs.update(_provenance(job, client, records, fetched_at) | fetched.extra_attrs)
    if fetched.failures:
        frame.attrs["failures"] = failures_frame(fetched.failures)
        return frame  # never cache a partial frame: a rerun fetches only what failed
    expires = fetched_at + min(client.settings.expiry_for(f) for f in job.families)
    if expires > now:
        try:
            frames.put(key, frame, kind=job.kind, params=job.params, fetched_at=fetched_at,
                       expires_at=expires)
        except OSError as exc:
            logger.warning("could not store the %s frame in the cache: %s", job.kind, exc)
    return frame


def _provenance(job: Job, client: Client, records: Sequence[RequestRecord],
                fetched_at: datetime) -> dict[str, Any]:
    spent = sum(not r.from_cache for r in records)
    return {
        "source": "Numista",
        "attribution": ATTRIBUTION,
        "endpoint": job.endpoint,
        "params": dict(job.params),
        "lang": job.params.get("lang"),
        "currency": job.params.get("currency"),
        "fetched_at": fetched_at.isoformat(),
        "from_cache": spent == 0,
        "requests_spent": spent,
        "schema_version": SCHEMA_VERSION,
    }


def cached(call: Callable[[], Any]) -> bool:
    """Whether a call on a cache-only client view is answered (a probe for dry runs)."""
    try:
        call()
    except OfflineError:
        return False
    return True

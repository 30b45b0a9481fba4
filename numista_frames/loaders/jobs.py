"""How one loader call runs: frame cache, request tracking, provenance in ``df.attrs``, dry runs."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

import pandas as pd

from numista_frames.exceptions import BadRequestError, OfflineError, PartialResultWarning
from numista_frames.frames.schema import ATTRIBUTION, SCHEMA_VERSION, empty_frame
from numista_frames.http.batch import failure_records, user_stack_level
from numista_frames.http.client import Client, default_client
from numista_frames.http.endpoints import CACHED_FAMILIES, classify_path
from numista_frames.http.records import RequestRecord
from numista_frames.http.write_behind import flush_all
from numista_frames.loaders.hints import with_hint
from numista_frames.store.frame_cache import FrameCache, frame_key
from numista_frames.store.housekeeping import adopt_legacy_state

__all__ = ["Fetched", "Job", "cached", "count_missing", "current_client", "loader", "run",
           "single_request"]

logger = logging.getLogger(__name__)



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
    private : mapping
        More ingredients of the cache key that ``df.attrs`` must not show (a key's hash).
    """

    kind: str
    endpoint: str
    params: Mapping[str, Any]
    families: tuple[str, ...]
    fetch: Callable[[Client, bool, bool | None], Fetched]
    plan: Callable[[Client, bool], int]
    private: Mapping[str, Any] = field(default_factory=dict)


def run(job: Job, client: Client, *, refresh: bool, progress: bool | None,
        dry_run: bool) -> pd.DataFrame | int:
    """Answer a loader call from the frame cache, or fetch, label and store it.

    Returns the frame, or with ``dry_run`` the number of requests the call would spend. A 400
    on a parameter of the call gets a hint saying what the value should look like.
    """
    try:  # what the call fetched is on disk when it returns: see loader()
        return _run(job, client, refresh=refresh, progress=progress, dry_run=dry_run)
    except BadRequestError as exc:
        refused = exc
    raise with_hint(refused, job.params, client)  # outside the except: one error, not two


def _run(job: Job, client: Client, *, refresh: bool, progress: bool | None,
         dry_run: bool) -> pd.DataFrame | int:
    settings = client.settings
    adopt_legacy_state(settings)  # once per process: a history or ledger left in cache_dir moves
    key = frame_key(job.kind, {**job.params, **job.private}, api_url=settings.api_url,
                    schema_version=SCHEMA_VERSION)
    frames = FrameCache(settings.cache_dir / "frames")
    cached_frame = None if refresh else _from_cache(frames, key, job, client)
    if cached_frame is not None:
        return 0 if dry_run else cached_frame
    if dry_run:
        return job.plan(client, refresh)
    client.open()  # here, rather than by the first of the fetch's threads while the rest wait
    with client.track() as records:
        fetched = job.fetch(client, refresh, progress)
    frame = fetched.frame
    now = datetime.now(UTC)
    fetched_at = min((r.fetched_at for r in records), default=now)
    frame.attrs.clear()
    frame.attrs.update(_provenance(job, records, fetched_at) | fetched.extra_attrs)
    if fetched.failures:
        frame.attrs["failures"] = failure_records(fetched.failures)
        warnings.warn(f"{len(fetched.failures)} of the requests for this {job.kind} frame failed; "
                      "the frame holds the rest, and df.attrs['failures'] says which and why",
                      PartialResultWarning, stacklevel=user_stack_level())
        return frame  # never cache a partial frame: a rerun fetches only what failed
    expires = _expiry(client, job, records, now)
    if expires > now:
        try:
            frames.put(key, frame, kind=job.kind, params=job.params, fetched_at=fetched_at,
                       expires_at=expires)
        except OSError as exc:
            logger.warning("could not store the %s frame in the cache: %s", job.kind, exc)
    return frame


def _from_cache(frames: FrameCache, key: str, job: Job, client: Client) -> pd.DataFrame | None:
    """The cached frame if it is fresh under today's settings and no later write made it stale."""
    settings = client.settings
    max_age = min(settings.expiry_for(f) for f in job.families)
    not_before = client.last_user_write() if "user" in job.families else None
    frame = frames.get(key, max_age=max_age, not_before=not_before)
    if frame is None:
        return None
    if frame.empty:  # Parquet keeps no categories for zero rows: restore the schema
        attrs, frame = frame.attrs, empty_frame(job.kind)
        frame.attrs.update(attrs)
    frame.attrs.update(from_cache=True, requests_spent=0)
    return frame


def _expiry(client: Client, job: Job, records: Sequence[RequestRecord],
            now: datetime) -> datetime:
    """When the frame stops being fresh: the soonest expiry of the answers it was made of."""
    expiries = [r.fetched_at + client.settings.expiry_for(family) for r in records
                if (family := classify_path(r.path).family) in CACHED_FAMILIES]
    return min(expiries, default=now + min(client.settings.expiry_for(f) for f in job.families))


def _provenance(job: Job, records: Sequence[RequestRecord],
                fetched_at: datetime) -> dict[str, Any]:
    spent = sum(not r.from_cache for r in records)
    return {
        "source": "Numista",
        "attribution": ATTRIBUTION,
        "kind": job.kind,
        "endpoint": job.endpoint,
        "params": short_params(job.params),
        "lang": job.params.get("lang"),
        "currency": job.params.get("currency"),
        "fetched_at": fetched_at.isoformat(),
        "from_cache": spent == 0,
        "requests_spent": spent,
        "schema_version": SCHEMA_VERSION,
    }


#: Id lists longer than this are kept in attrs as a count and a digest, not one by one: pandas
#: copies attrs on every operation, so they must stay small.
_LONG = 20


def short_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """A loader's parameters for ``df.attrs``: as given, but long id lists as count + digest.

    Examples
    --------
    >>> short_params({"type_ids": list(range(1, 100)), "lang": "en"})["type_ids"]
    '99 ids, sha256 15e28797a681'
    """
    out: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, list | tuple) and len(value) > _LONG:
            digest = hashlib.sha256(json.dumps(list(value), default=str).encode()).hexdigest()
            value = f"{len(value)} ids, sha256 {digest[:12]}"
        out[name] = value
    return out


def cached(call: Callable[[], Any]) -> bool:
    """Whether a call on a cache-only client view is answered (a probe for dry runs)."""
    try:
        call()
    except OfflineError:
        return False
    return True


def count_missing(keys: Iterable[Any], probe: Callable[[Any], Any], refresh: bool) -> int:
    """Requests a batch would spend: one per key with ``refresh``, else one per key the
    cache-only ``probe`` cannot answer."""
    keys = list(keys)
    if refresh:
        return len(keys)
    return sum(not cached(functools.partial(probe, key)) for key in keys)


def single_request(kind: str, endpoint: str, params: dict[str, Any], family: str,
            get: Callable[[Client, bool, bool], Any], shape: Callable[[Any], pd.DataFrame],
            refresh: bool, dry_run: bool, attrs: Callable[[Any], dict[str, Any]] | None = None,
            plan: Callable[[Client, bool], int] | None = None,
            private: dict[str, Any] | None = None) -> pd.DataFrame | int:
    """A loader that makes one request (plus, for user data, perhaps a token request)."""
    def fetch(c: Client, refresh: bool, progress: bool | None) -> Fetched:
        body = get(c, refresh, False)
        return Fetched(shape(body), extra_attrs=attrs(body) if attrs else {})

    def one_request(c: Client, refresh: bool) -> int:
        return int(refresh or not cached(lambda: get(c, False, True)))

    job = Job(kind, endpoint, params, (family,), fetch, plan or one_request, private or {})
    return run(job, current_client(), refresh=refresh, progress=False, dry_run=dry_run)


#: The client a loader call was given (``client=``), for the helpers it calls in this context.
_CLIENT: ContextVar[Client | None] = ContextVar("numista_frames_client", default=None)
F = TypeVar("F", bound=Callable[..., Any])


def loader(function: F) -> F:
    """Let a loader's ``client=`` argument reach every helper it calls (a context variable),
    and return only once what the call fetched is on disk (the HTTP cache and the quota ledger
    are written by threads of their own: see :mod:`numista_frames.http.write_behind`)."""
    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        client = kwargs.get("client")
        if client is not None and not isinstance(client, Client):
            raise TypeError(f"client must be a numista_frames.Client; got {type(client).__name__}")
        token = _CLIENT.set(client)
        try:
            return function(*args, **kwargs)
        finally:
            _CLIENT.reset(token)
            # the call's answers and ledger rows are on disk when it returns
            flush_all(when=f"when {function.__name__} returned")
    return cast(F, call)


def current_client() -> Client:
    """The client of the loader call running in this context: the one given, else the default."""
    client = _CLIENT.get()
    return default_client() if client is None else client

"""The HTTP cache's SQLite file: what is never stored, cache keys, opening it patiently,
sweeping expired answers, and telling a damaged file from a busy one."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
import requests_cache
from requests_cache.backends.sqlite import SQLiteDict
from requests_cache.cache_keys import create_key
from requests_cache.serializers import Stage, pickle_serializer

from numista_frames.http.recovery import is_corruption
from numista_frames.settings import Settings

__all__ = ["API_KEY_HEADER", "IDENTITY_HEADER", "IGNORED_PARAMETERS", "SWEEP_EVERY",
           "cache_is_damaged", "cache_key", "open_cache", "request_key", "sweep_expired", "vary_matches"]

logger = logging.getLogger(__name__)

API_KEY_HEADER = "Numista-API-Key"
#: Who may read a cached answer of a user endpoint: ``<key hash>:<grant>``. Mixed into the cache
#: key of user data so that no other key or grant is served from the cache what the API would
#: refuse it; never sent (the adapter removes it before the network).
IDENTITY_HEADER = "X-Numista-Frames-Identity"
#: Never stored: requests-cache redacts these from the cached request (its matching is
#: case-sensitive, so every spelling we could send is listed) and leaves them out of cache keys.
IGNORED_PARAMETERS = (
    API_KEY_HEADER, API_KEY_HEADER.lower(), API_KEY_HEADER.upper(),
    "Authorization", "authorization", "AUTHORIZATION",
    "client_secret", "code", "access_token",
)


def cache_key(request: requests.PreparedRequest, **kwargs: Any) -> str:
    """The session's key function: :func:`request_key` for a GET, so that a request sent
    through the session files its answer where the client looks (requests-cache's own key for
    anything else, which is never cached).

    Examples
    --------
    >>> r = requests.Request("GET", "http://x/v3/types", params={"q": "a", "lang": "en"}).prepare()
    >>> cache_key(r) == request_key("http://x/v3/types", {"lang": "en", "q": "a"})
    True
    >>> r.headers[IDENTITY_HEADER] = "abc:client_credentials"
    >>> cache_key(r) == request_key("http://x/v3/types", {"lang": "en", "q": "a"}, "abc:client_credentials")
    True
    """
    if request.method == "GET" and not request.body:
        parts = urlsplit(request.url or "")
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        return request_key(urlunsplit(parts._replace(query="")), params,
                           request.headers.get(IDENTITY_HEADER))
    return str(create_key(request, **kwargs))


def request_key(url: str, params: Mapping[str, Any] | None = None,
                identity: str | None = None) -> str:
    """The cache key of a GET of ``url`` with ``params`` (for ``identity``, on user data).

    The parameters are sorted, so their order never matters; secrets are never part of a GET's
    parameters (the key travels in a header). Cheap to compute, unlike a key built from a
    prepared request (URL normalisation costs more than the cache read itself).

    Examples
    --------
    >>> request_key("http://x/v3/types", {"q": "a", "lang": "en"}) == request_key(
    ...     "http://x/v3/types", {"lang": "en", "q": "a"})
    True
    >>> request_key("http://x/v3/users/1/collections", identity="ab:client_credentials") != (
    ...     request_key("http://x/v3/users/1/collections"))
    True
    """
    query = urlencode(sorted((str(k), str(v)) for k, v in (params or {}).items()
                             if v is not None and k not in IGNORED_PARAMETERS))
    text = f"GET {url}?{query}\0{identity or ''}\0{KEY_VERSION}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


#: Part of every key, so that a change of what a key means never reads an old entry.
KEY_VERSION = "nf2"


#: Headers a ``Vary`` may name that never decide which answer a request gets here: the key
#: (its hash mixed into user-data keys as the identity) and the bearer token (renewed hourly).
_VARY_IGNORED = frozenset({"authorization", API_KEY_HEADER.lower()})


def vary_matches(cached: Any, headers: Any) -> bool:
    """Whether a cached answer's ``Vary`` headers match what the session sends (requests-cache's
    rule; Numista sends no ``Vary``, but a proxy in between may). ``*`` never matches."""
    vary = cached.headers.get("Vary")
    if not vary:
        return True
    sent = cached.request.headers if cached.request is not None else {}
    for name in (n.strip() for n in vary.split(",") if n.strip()):
        if name == "*":
            return False
        if name.lower() not in _VARY_IGNORED and sent.get(name) != headers.get(name):
            return False
    return True


class SerialSQLiteDict(SQLiteDict):
    """requests-cache's SQLite table, with reads serialised like its writes.

    Its one connection is shared by every thread of a session and only writes take its lock;
    a read racing a write on that connection can fail ("no more rows available") at the
    concurrency the loaders use. Statements are short, so taking the (reentrant) lock for reads
    too costs little; the network is never inside it.
    """

    @contextmanager
    def connection(self, commit: bool = False) -> Iterator[sqlite3.Connection]:
        with self._lock, super().connection(commit) as con:
            yield con


class SharedPickle(Stage):
    """requests-cache's default format for SQLite (its ``pickle`` serializer: ``cattrs``, then
    ``pickle``), one instance for every session of the process.

    A session copies the serializer pipeline it is given, and each copy builds a new ``cattrs``
    converter (about 2 ms a session); a stage that is not a pipeline is used as it is.
    """

    def __init__(self) -> None:
        super().__init__(pickle_serializer)

    def __str__(self) -> str:
        return "pickle"  # the pipeline's name, as for requests-cache's own


SHARED_PICKLE = SharedPickle()

_opening: dict[Path, threading.Lock] = {}
_opening_lock = threading.Lock()
#: Opening a cache file switches it to WAL, which needs it alone for a moment: another process
#: doing the same answers "database is locked", so opening is retried for this long.
_OPEN_PATIENCE = 10.0


def open_cache(settings: Settings) -> requests_cache.CachedSession:
    """Open the SQLite cache, one opener at a time in this process, patiently across processes."""
    path = settings.http_cache_path
    with _opening_lock:
        lock = _opening.setdefault(path, threading.Lock())
    deadline = time.monotonic() + _OPEN_PATIENCE
    with lock:
        while True:
            try:
                session = requests_cache.CachedSession(
                    cache_name=str(path), backend="sqlite", wal=True,
                    expire_after=settings.expire_catalogue, allowable_codes=(200,),
                    allowable_methods=("GET",), ignored_parameters=IGNORED_PARAMETERS,
                    match_headers=False, stale_if_error=False, key_fn=cache_key,
                    serializer=SHARED_PICKLE,
                )
                for table in (session.cache.responses, session.cache.redirects):
                    table.__class__ = SerialSQLiteDict
                return session
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)


#: Expired answers are deleted from the HTTP cache at most this often (the sweep reads it all).
SWEEP_EVERY = 24 * 3600.0


def sweep_expired(session: requests_cache.CachedSession, marker: Path, *,
                  now: float | None = None) -> bool:
    """Delete the cache's expired answers, at most once a day (``marker``'s time says when).

    Returns whether a sweep ran. ``now`` (seconds since the epoch) exists for tests.
    """
    now = time.time() if now is None else now
    try:
        if now - marker.stat().st_mtime < SWEEP_EVERY:
            return False
    except FileNotFoundError:
        pass
    try:
        session.cache.delete(expired=True)
        marker.touch()
        os.utime(marker, (now, now))
    except (OSError, sqlite3.Error) as exc:  # a busy cache is swept another day
        logger.info("could not delete expired answers from the HTTP cache: %s", exc)
        return False
    return True


def cache_is_damaged(path: Path) -> bool:
    """Whether an HTTP cache file exists and does not read as SQLite (a busy one is fine)."""
    if not path.exists():
        return False
    try:
        con = sqlite3.connect(path, timeout=30)
        try:
            con.execute("PRAGMA quick_check").fetchall()
            con.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return is_corruption(exc)
    return False

"""The client's side of the HTTP cache: keys, reads, writes through the writer thread,
listing and forgetting answers."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast
from urllib.parse import urlsplit

import requests
from requests_cache import CachedSession
from requests_cache.backends.sqlite import SQLiteDict

from numista_frames.http.cache_connections import CacheConnections
from numista_frames.http.cache_file import request_key, vary_matches
from numista_frames.http.cache_rows import answer_of, dumps, is_default_format, row_of
from numista_frames.http.cache_writer import (
    Presence,
    Row,
    announce,
    queue_row,
    queued_row,
    watch,
    writer_for,
)
from numista_frames.http.ledger import QuotaLedger
from numista_frames.http.recovery import is_corruption
from numista_frames.settings import Settings

__all__ = ["CacheAccess", "CachedAnswer", "frozen_params"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CachedAnswer:
    """One answer in the HTTP cache (see :meth:`Client.cached_answers`)."""

    cache_key: str
    path: str
    query: str
    bytes: int
    created_at: datetime
    expires: datetime | None


class CacheAccess:
    """What :class:`numista_frames.Client` does with the HTTP cache (a mixin of ``ClientBase``,
    which provides the settings, the session and the setting aside of a damaged file)."""

    settings: Settings
    _keys: dict[tuple[Any, ...], str]
    _cache_connections: CacheConnections  # this client's connections to its cache file

    @property
    def session(self) -> CachedSession:
        raise NotImplementedError

    def _replace_damaged_cache(self, damaged: requests.Session) -> None:
        raise NotImplementedError

    def cached_answers(self) -> list[CachedAnswer]:
        """Every answer in the HTTP cache (fresh or expired), for listing and clearing."""
        self.flush()
        if not self.settings.http_cache_path.exists():
            return []
        base = urlsplit(self.settings.api_url).path.rstrip("/")
        out = []
        for response in self.session.cache.filter(valid=True, expired=True):
            parts = urlsplit(response.url)
            path = parts.path[len(base):] if parts.path.startswith(base) else parts.path
            out.append(CachedAnswer(response.cache_key, path, parts.query,
                                    len(response.content or b""), response.created_at,
                                    response.expires))
        return out

    def forget(self, cache_keys: Iterable[str]) -> int:
        """Delete answers from the HTTP cache by their keys; returns how many."""
        keys = list(cache_keys)
        self.flush()
        if keys:
            self.session.cache.delete(*keys)
        return len(keys)

    def _key(self, path: str, params: Mapping[str, Any] | None, identity: str | None) -> str:
        """The cache key of a GET (remembered: computing one costs more than a cache read)."""
        memo = (path, frozen_params(params), identity)
        key = self._keys.get(memo)
        if key is None:
            if len(self._keys) >= _KEYS_KEPT:
                self._keys.clear()
            key = self._keys[memo] = request_key(self.settings.api_url + path, params, identity)
        return key

    def _cached(self, path: str, params: Mapping[str, Any] | None,
                identity: str | None) -> requests.Response | None:
        """The fresh cached answer of a GET, or None.

        requests-cache's store and keys, with its freshness rule (an answer is used until its
        ``expires``; Numista sends no caching headers). A damaged cache file is set aside and
        reads as empty; an entry that cannot be read is a miss, as in requests-cache.
        """
        session = self.session
        table = _table(session)
        key = self._key(path, params, identity)
        file = self._cache_connections.file
        queued = queued_row(file, key)
        if queued is not None:  # fetched moments ago, on its way into the file
            cached = answer_of(queued, key)
            if cached is None or cached.is_expired or not vary_matches(cached, session.headers):
                return None
            return cast(requests.Response, cached)
        presence = _PRESENCE.get()
        if presence is not None and presence.path == file and key not in presence:
            return None  # not in the file when the batch began, nor queued since
        try:
            blob = self._cache_connections.read(table.table_name, key)
        except sqlite3.DatabaseError as exc:
            if not is_corruption(exc):
                raise
            self._replace_damaged_cache(session)
            return None
        if blob is None:
            return None
        try:
            cached = answer_of(blob, key) if is_default_format(table) else None
            if cached is None:
                cached = table.deserialize(key, blob)
        except Exception:  # an entry of another format or version: fetched again
            return None
        if cached is None or cached.is_expired or not vary_matches(cached, session.headers):
            return None
        return cast(requests.Response, cached)

    def _store(self, response: requests.Response, path: str, params: Mapping[str, Any] | None,
               identity: str | None, expire_after: timedelta) -> None:
        """Keep a 200 in the HTTP cache until now + ``expire_after``.

        The row is handed to the cache file's writer thread (:mod:`.cache_writer`) and answered
        from there until written; a write that fails is logged, never lost (the answer is
        returned all the same).
        """
        if response.status_code != 200 or expire_after <= timedelta(0):
            return
        key = self._key(path, params, identity)
        created = datetime.now(UTC)
        expires = created + expire_after
        session = self.session
        table = session.cache.responses
        row = row_of(response, created_at=created, expires=expires) if is_default_format(
            table) else None
        if row is not None:
            queue_row(self._cache_connections.file, self,
                      (key, dumps(row), round(expires.timestamp())))
            return
        announce(self._cache_connections.file, key)
        try:  # out of the ordinary (see cache_rows.row_of): requests-cache stores it
            try:
                session.cache.save_response(response, cache_key=key, expires=expires)
                announce(self._cache_connections.file, key)  # to a batch begun meanwhile
                return
            except sqlite3.DatabaseError as exc:
                if not is_corruption(exc):
                    raise
            self._replace_damaged_cache(session)
            self.session.cache.save_response(response, cache_key=key, expires=expires)
        except (sqlite3.Error, OSError) as exc:
            logger.warning("could not store an answer of GET %s in the HTTP cache: %s", path, exc)

    @contextmanager
    def batch_reads(self, size: int) -> Iterator[None]:
        """Within: the cache file's keys are read once, and a request whose key was not among
        them (nor queued since) is a miss without a read of the file.

        For a batch of ``size`` requests (and the threads it starts in copies of this context).
        Each read of the file gives up the GIL, and may wait a thread's whole turn to get it
        back, so a cold batch spends far more on reads that find nothing than on one read of
        the keys. A file of more than ``50 * size`` answers is read a key at a time, as
        without this.
        """
        presence = watch(self._cache_connections.file)
        try:
            keys = self._cache_connections.keys(_table(self.session).table_name, 50 * size)
        except sqlite3.DatabaseError:  # a damaged file: the reads find out and set it aside
            keys = None
        if keys is None:
            yield
            return
        presence.keys.update(keys)
        token = _PRESENCE.set(presence)
        try:
            yield
        finally:
            _PRESENCE.reset(token)

    def _write_rows(self, rows: list[Row]) -> None:
        """Write rows into requests-cache's table in one transaction (the writer thread's
        call); a damaged file is set aside first, a failure is logged."""
        try:
            try:
                self._insert(rows)
                return
            except sqlite3.DatabaseError as exc:
                if not is_corruption(exc):
                    raise
            self._replace_damaged_cache(self.session)
            self._insert(rows)
        except (sqlite3.Error, OSError) as exc:
            logger.warning("could not store %d answers in the HTTP cache: %s", len(rows), exc)

    def _insert(self, rows: list[Row]) -> None:
        self._cache_connections.write(_table(self.session).table_name, rows)

    def flush(self) -> None:
        """Wait until every answer fetched so far is in the HTTP cache file, and every request
        made so far in the quota ledger.

        Both are written by threads of their own, moments after each request (answers are read
        from the queue until then); loaders call this before they return, and the process at
        exit.
        """
        writer_for(self._cache_connections.file).flush()
        QuotaLedger.at(self.settings.ledger_path).flush()


#: The keys of the cache file a batch of requests began with (see ``CacheAccess.batch_reads``).
_PRESENCE: ContextVar[Presence | None] = ContextVar("numista_frames_presence", default=None)

#: Cache keys remembered per client (a key costs more to compute than the rest of a hit).
_KEYS_KEPT = 50_000


def _table(session: CachedSession) -> SQLiteDict:
    """The session's table of answers (always SQLite here: see ``cache_file.open_cache``)."""
    return cast(SQLiteDict, session.cache.responses)


def frozen_params(params: Mapping[str, Any] | None) -> tuple[tuple[str, Any], ...]:
    """Parameters as a hashable, order-free value (for memo and in-flight keys)."""
    return tuple(sorted((params or {}).items()))

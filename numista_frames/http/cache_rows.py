"""The HTTP cache's rows, written and read as requests-cache writes and reads them, for less.

requests-cache stores an answer as a pickled dict (its ``CattrStage`` unstructures a redacted
:class:`~requests_cache.CachedResponse`; its SQLite backend inserts it with ``expires`` as a Unix
time). Getting there costs about 0.25 ms a response in copies, redaction and ``cattrs``; reading
one back, 0.1 ms. :func:`row_of` builds the same dict from the response directly (a test holds
it equal to requests-cache's own), :func:`answer_of` reads it back without ``cattrs``, and
anything out of the ordinary (cookies, redirects, a request body, fields of another version) is
left to requests-cache, so either side reads what the other wrote.
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, cast
from urllib.parse import urlparse, urlunparse

import requests
from requests.structures import CaseInsensitiveDict
from requests_cache.cache_keys import normalize_params
from requests_cache.models.raw_response import CachedHTTPResponse
from requests_cache.models.request import CachedRequest
from requests_cache.models.response import CachedResponse

from numista_frames.http.cache_file import IGNORED_PARAMETERS

__all__ = ["LazyCachedResponse", "answer_of", "dumps", "is_default_format", "row_of"]

_IGNORED = frozenset(IGNORED_PARAMETERS)
#: The keys a row of a plain answer has (requests-cache leaves out fields at their default).
_PLAIN_KEYS = frozenset({"_content", "created_at", "elapsed", "encoding", "expires", "headers",
                         "reason", "request", "status_code", "url"})
_PLAIN_REQUEST_KEYS = frozenset({"headers", "method", "url"})


def _redacted(headers: Mapping[str, str]) -> dict[str, str]:
    """requests-cache's ``filter_sort_dict``: sorted, secrets replaced (never dropped)."""
    return {k: ("REDACTED" if k in _IGNORED else v) for k, v in sorted(headers.items())}


def row_of(response: requests.Response, *, created_at: datetime,
           expires: datetime | None) -> dict[str, Any] | None:
    """The dict requests-cache would store for ``response``, or None where it does more.

    None for anything but a plain answer to a plain GET (redirects, cookies, a body sent): the
    caller then uses ``save_response``.
    """
    request = response.request
    if (response.history or response.next is not None or response.cookies
            or request.body is not None or getattr(request, "_cookies", None)):
        return None
    row: dict[str, Any] = {"_content": response.content, "created_at": created_at.isoformat()}
    elapsed = response.elapsed.total_seconds()
    if elapsed:
        row["elapsed"] = elapsed
    if response.encoding is not None:
        row["encoding"] = response.encoding
    if expires is not None:
        row["expires"] = expires.isoformat()
    if response.headers:
        row["headers"] = _redacted(response.headers)
    if response.reason is not None:
        row["reason"] = response.reason
    sent: dict[str, Any] = {}
    if request.headers:
        sent["headers"] = _redacted(request.headers)
    if request.method is not None:
        sent["method"] = request.method
    sent_url = None if request.url is None else _filtered(request.url)
    if sent_url is not None:
        sent["url"] = sent_url
    if sent:
        row["request"] = sent
    row["status_code"] = response.status_code
    if response.url is not None:
        row["url"] = sent_url if response.url == request.url else _filtered(response.url)
    return row


def _filtered(url: str) -> str:
    """requests-cache's ``filter_url``: the query sorted, secrets replaced (each query worked out
    once: most requests of a batch share theirs, ``lang=en``)."""
    parts = urlparse(url)
    return urlunparse(parts._replace(query=_normalized_query(parts.query)))


@functools.lru_cache(maxsize=256)
def _normalized_query(query: str) -> str:
    return normalize_params(query, IGNORED_PARAMETERS)


class LazyCachedResponse(CachedResponse):
    """A :class:`~requests_cache.CachedResponse` whose urllib3-style ``raw`` is made on first
    use (two thirds of building one; nothing here reads it)."""

    def __attrs_post_init__(self) -> None:
        if not self.created_at:
            self.created_at = datetime.now(UTC)

    @property
    def raw(self) -> CachedHTTPResponse:
        raw = self.__dict__.get("_raw")
        if raw is None:
            raw = self.__dict__["_raw"] = CachedHTTPResponse.from_cached_response(self)
        return cast(CachedHTTPResponse, raw)

    @raw.setter
    def raw(self, value: CachedHTTPResponse) -> None:
        self.__dict__["_raw"] = value


def answer_of(blob: bytes, cache_key: str) -> CachedResponse | None:
    """The answer in a row, or None when the row is not a plain one (see :func:`row_of`).

    Raises whatever unpickling raises on a damaged row; the caller treats that as a miss.
    """
    row = pickle.loads(blob)
    if not isinstance(row, dict) or not row.keys() <= _PLAIN_KEYS:
        return None
    sent = row.get("request", {})
    if not isinstance(sent, dict) or not sent.keys() <= _PLAIN_REQUEST_KEYS:
        return None
    expires = row.get("expires")
    fields: dict[str, Any] = dict(
        content=row.get("_content"),
        created_at=datetime.fromisoformat(row["created_at"]),
        elapsed=timedelta(seconds=row.get("elapsed", 0.0)),
        encoding=row.get("encoding"),
        expires=None if expires is None else datetime.fromisoformat(expires),
        headers=CaseInsensitiveDict(row.get("headers", {})),
        reason=row.get("reason"),
        request=CachedRequest(**cast(dict[str, Any], {
            "headers": CaseInsensitiveDict(sent.get("headers", {})), "method": sent.get("method"),
            "url": sent.get("url")})),
        status_code=row.get("status_code", 0),
        url=row.get("url"),
    )
    answer = LazyCachedResponse(**fields)
    answer.cache_key = cache_key
    return answer


def is_default_format(table: Any) -> bool:
    """Whether a requests-cache table stores pickled ``cattrs`` dicts with the body as bytes (its
    default for SQLite), the format :func:`row_of` and :func:`answer_of` speak."""
    serializer = getattr(table, "serializer", None)
    stages = getattr(serializer, "stages", None) or [None]
    return (getattr(serializer, "name", None) == "pickle"
            and not getattr(stages[0], "decode_content", False))


def dumps(row: Mapping[str, Any]) -> bytes:
    """A row as requests-cache pickles it (its last stage is ``pickle.dumps``)."""
    return pickle.dumps(row)

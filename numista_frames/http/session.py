"""The one place that builds the HTTP session: requests-cache's store, throttle/retries/ledger beneath.

A request passes through, top to bottom::

    the client's cache lookup (requests-cache's SQLite store)   a hit returns here: no wait,
      │                                        no quota, no ledger (see ClientBase._cached)
      └── NumistaAdapter.send                 only cache misses get this far
            ├── offline guard                 never touch the network when offline
            ├── retry loop (urllib3 Retry)    backoff with jitter, Retry-After; our policy decides
            │     └── throttle slot           concurrency cap + adaptive rate, across threads
            │           └── HTTPAdapter.send  the network
            └── quota ledger                  one row per attempt that went out

Numista-specific policy lives in :func:`retry_decision` and :func:`error_is_retryable`; the
mechanics (counting, exponential backoff, jitter, ``Retry-After``) are urllib3's ``Retry``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import sqlite3
import sys
import time
from typing import Any, Literal
from urllib.parse import urlsplit

import requests
import requests_cache
from requests.adapters import HTTPAdapter
from urllib3.exceptions import InvalidHeader, MaxRetryError, NewConnectionError
from urllib3.util.retry import Retry

from numista_frames.exceptions import (
    ConfigurationError,
    MalformedResponseError,
    OfflineError,
    TransportError,
    error_message_of,
    is_quota_message,
)
from numista_frames.http.cache_file import (
    API_KEY_HEADER,
    IDENTITY_HEADER,
    IGNORED_PARAMETERS,
    cache_is_damaged,
    open_cache,
    sweep_expired,
)
from numista_frames.http.endpoints import classify_path, shape_problem
from numista_frames.http.ledger import QuotaLedger, key_id
from numista_frames.http.recovery import is_corruption, move_aside
from numista_frames.http.throttle import ClientThrottle, account_throttle, throttle_pause
from numista_frames.settings import DEFAULT_API_URL, Settings

__all__ = [
    "API_KEY_HEADER",
    "DECODED_BODY",
    "IDENTITY_HEADER",
    "IGNORED_PARAMETERS",
    "NumistaAdapter",
    "build_session",
    "cache_is_damaged",
    "describe_failure",
    "error_is_retryable",
    "is_connect_failure",
    "retry_decision",
    "unreachable_message",
]

logger = logging.getLogger(__name__)

#: The attribute of a fresh response holding its JSON body, decoded once when it was checked.
DECODED_BODY = "numista_frames_body"
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: A body that broke off after the status line: retried like a dropped connection.
_READ_ERRORS = (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)
Decision = Literal["stop", "retry", "throttled"]


def retry_decision(method: str, status: int, message: str | None) -> Decision:
    """What to do with an answer: give it back, retry it, or retry it after slowing down.

    A 429 that names the quota is final (it will not clear for days); any other 429 is the
    concurrency throttle, which refused the request unprocessed, so it is retried whatever the
    method. A 5xx is retried only for idempotent methods: a retried POST can create a duplicate.

    Examples
    --------
    >>> retry_decision("GET", 429, "Quota exceeded"), retry_decision("GET", 429, "Too many")
    ('stop', 'throttled')
    >>> retry_decision("POST", 503, None), retry_decision("GET", 503, None)
    ('stop', 'retry')
    """
    if status == 429:
        return "stop" if is_quota_message(message) else "throttled"
    if status in RETRY_STATUSES and method.upper() in IDEMPOTENT_METHODS:
        return "retry"
    return "stop"


def error_is_retryable(method: str, exc: BaseException) -> bool:
    """Whether a request that got no answer may be sent again.

    A failure to connect is always safe to retry (nothing was sent). Anything later (timeout,
    dropped connection, malformed body) is retried only for idempotent methods.
    """
    if is_connect_failure(exc):
        return True
    return method.upper() in IDEMPOTENT_METHODS


def describe_failure(exc: BaseException) -> str:
    """A short, secret-free account of a failed request: the innermost reason, without
    urllib3's pool and object reprs.

    Examples
    --------
    >>> describe_failure(requests.ReadTimeout("read timed out"))
    'ReadTimeout: read timed out'
    """
    reason: BaseException = exc
    while reason.args and isinstance(reason.args[0], BaseException):
        reason = reason.args[0]
    if isinstance(reason, MaxRetryError) and reason.reason is not None:
        reason = reason.reason
    text = str(reason)
    if " object at 0x" in text and ": " in text:  # "<...HTTPConnection object at 0x..>: Failed ..."
        text = text.split(": ", 1)[1]
    if "HTTPConnectionPool(" in text or "HTTPSConnectionPool(" in text:
        text = text.split("(Caused by ", 1)[-1].rstrip(")")
    return f"{type(reason).__name__}: {text}" if text else type(reason).__name__


def unreachable_message(settings: Settings, reason: str) -> str:
    """Why the API could not be reached, where its URL came from and what to check."""
    url = settings.api_url
    if os.environ.get("NUMISTA_API_URL", "").strip().rstrip("/") == url:
        source = "the environment variable NUMISTA_API_URL"
    elif url == DEFAULT_API_URL:
        source = "the default"
    else:
        source = "nf.configure(api_url=...) or Client(api_url=...)"
    return (f"could not reach the Numista API at {url} (URL from {source}): {reason}. Check the "
            "URL and your network connection; to work from the caches only, set "
            "NUMISTA_FRAMES_OFFLINE=1 (or nf.configure(offline=True))")


def is_connect_failure(exc: BaseException) -> bool:
    """Whether a request failed before anything was sent (no connection could be made)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, MaxRetryError):
        reason = reason.reason
    return isinstance(reason, NewConnectionError)


class NumistaAdapter(HTTPAdapter):
    """Transport adapter that throttles, retries and records every real network request.

    Parameters
    ----------
    settings : Settings
        Retry, timeout and offline settings.
    throttle : ClientThrottle
        This client's concurrency cap over its account's cap and rate.
    ledger : QuotaLedger
        Where each attempt is recorded.
    """

    def __init__(self, settings: Settings, throttle: ClientThrottle, ledger: QuotaLedger) -> None:
        super().__init__(pool_connections=1, pool_maxsize=max(settings.max_concurrent, 10),
                         max_retries=0)
        self.settings = settings
        self.throttle = throttle
        self.ledger = ledger
        self._key_id = key_id(settings.api_key)
        self._base_path = urlsplit(settings.api_url).path.rstrip("/")

    def new_retry(self) -> Retry:
        """A fresh urllib3 ``Retry`` holding the counting and backoff mechanics."""
        s = self.settings
        return Retry(
            total=s.max_retries, redirect=0, allowed_methods=None,
            backoff_factor=s.backoff_factor,
            backoff_max=s.backoff_max, backoff_jitter=s.backoff_factor,
            respect_retry_after_header=True, retry_after_max=s.retry_after_max,
            raise_on_status=False,
        )

    def send(
        self, request: requests.PreparedRequest, stream: bool = False,
        timeout: Any = None, verify: Any = True, cert: Any = None, proxies: Any = None,
    ) -> requests.Response:
        """Send with throttle, retries and ledger (see the module docstring)."""
        method, url = (request.method or "GET").upper(), request.url or ""
        request.headers.pop(IDENTITY_HEADER, None)  # a cache-key ingredient, not for Numista
        if self.settings.offline:
            raise OfflineError(f"{method} {self._relative(url)}")
        retry = self.new_retry()
        read_timeout = timeout or self.settings.timeout
        # A host that never answers must not hold a connect for the whole read timeout.
        connect_timeout = min(read_timeout, self.settings.retry_budget / 2)
        kwargs = dict(stream=stream, timeout=(connect_timeout, read_timeout),
                      verify=verify, cert=cert, proxies=proxies)
        deadline = time.monotonic() + self.settings.retry_budget
        while True:
            try:
                response = self._attempt(request, **kwargs)
            except (requests.ConnectionError, requests.Timeout, TransportError,
                    MalformedResponseError, *_READ_ERRORS) as exc:
                if not error_is_retryable(method, exc):
                    raise
                retry = _count_error(retry, method, url, exc)
                if time.monotonic() + retry.get_backoff_time() > deadline:
                    raise  # the retry budget is spent: fail now rather than keep the user waiting
                logger.debug("retrying %s %s after %s", method, self._relative(url),
                             type(exc).__name__)
                retry.sleep()
                continue
            decision = retry_decision(method, response.status_code, _message(response))
            if decision == "stop":
                if response.status_code != 429:
                    self.throttle.succeeded()
                return response
            if decision == "throttled":
                self.throttle.throttled()
            try:
                retry = retry.increment(method, url, response=response.raw)
            except MaxRetryError:
                return response
            pause = _pause(retry, response, throttled=decision == "throttled")
            if decision == "retry" and time.monotonic() + pause > deadline:
                return response  # the retry budget is spent (a throttle's pause is the API's ask)
            logger.debug("retrying %s %s after %s", method, self._relative(url),
                         response.status_code)
            response.close()
            time.sleep(pause)

    def _attempt(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        """One network attempt inside a throttle slot, recorded in the quota ledger."""
        status: int | None = None
        outcome = "no_answer"
        try:
            with self.throttle.slot():
                response = super().send(request, **kwargs)
                status, outcome = response.status_code, "answered"
                if not kwargs.get("stream"):
                    _ = response.content  # read inside the slot: the cap covers the whole exchange
                    if status == 429 and is_quota_message(_message(response)):
                        outcome = "quota_spent"
        except BaseException as exc:
            if is_connect_failure(exc):
                outcome = "not_sent"
            raise
        finally:
            self._record(request, status, outcome)
        if status == 200 and not kwargs.get("stream") and request.method == "GET":
            self._check_body(response)
        return response

    def _check_body(self, response: requests.Response) -> None:
        """A 200 to a GET must be JSON of its endpoint's shape, else it is never cached."""
        path = self._relative(response.url or "")
        problem, body = _body_problem(path, response.content)
        if problem is not None:
            response.close()
            raise MalformedResponseError(response.url or "", classify_path(path).name, problem,
                                         response.content)
        setattr(response, DECODED_BODY, body)  # decoded once: the client reads it from here

    def _record(self, request: requests.PreparedRequest, status: int | None, outcome: str) -> None:
        """Add the attempt to the ledger; a ledger failure is logged, never lost data."""
        endpoint = classify_path(self._relative(request.url or ""))
        try:
            self.ledger.record(key=self._key_id, method=(request.method or "GET").upper(),
                               endpoint=endpoint.name, family=endpoint.family, status=status,
                               outcome=outcome, api=self.settings.api_url)
        except (sqlite3.Error, OSError) as exc:
            logger.warning("could not record a request in the quota ledger %s: %s; this "
                           "month's count is marked uncertain", self.ledger.path, exc)
            self.ledger.mark_unrecorded(f"{endpoint.name}: {exc}")

    def _relative(self, url: str) -> str:
        path = urlsplit(url).path
        if self._base_path and path.startswith(self._base_path):
            path = path[len(self._base_path):]
        return path or "/"


def _count_error(retry: Retry, method: str, url: str, exc: BaseException) -> Retry:
    """Count a failed attempt; when the retries are spent, re-raise the failure itself."""
    try:
        return retry.increment(method, url, error=exc)  # type: ignore[arg-type]
    except MaxRetryError:
        raise exc from None


def _pause(retry: Retry, response: requests.Response, *, throttled: bool) -> float:
    """Seconds to wait before the next try: ``Retry-After`` when the API sends a valid one,
    else urllib3's backoff, and never nothing after a throttle."""
    try:
        after = retry.get_retry_after(response.raw) if retry.respect_retry_after_header else None
    except InvalidHeader:
        after = None
    if after is not None:
        return after
    backoff = retry.get_backoff_time()
    return max(backoff, throttle_pause(retry.backoff_factor)) if throttled else backoff


def _message(response: requests.Response) -> str | None:
    if response.status_code < 400:
        return None
    return error_message_of(response.content)


def _body_problem(path: str, content: bytes) -> tuple[str | None, Any]:
    """Why a 200 body cannot be used (empty, not JSON, wrong shape) or None, and the body."""
    if not content.strip():
        return "an empty body", None
    try:
        body = json.loads(content)
    except ValueError:
        return "a body that is not JSON", None
    return shape_problem(path, body), body


def build_session(settings: Settings) -> requests_cache.CachedSession:
    """Build the cached, throttled session for these settings (creates the cache dir).

    Parameters
    ----------
    settings : Settings
        Where the cache lives, expiries, limits.

    Returns
    -------
    requests_cache.CachedSession
        GET answers with status 200 are cached (catalogue expiry by default; the client
        passes the expiry of each endpoint's family); secrets never reach the cache file.

    Raises
    ------
    ConfigurationError
        When the cache dir cannot be created or written.
    """
    try:
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        fresh = not settings.http_cache_path.exists()  # nothing in it can have expired
        try:
            session = open_cache(settings)
        except sqlite3.DatabaseError as exc:
            if not is_corruption(exc):
                raise
            move_aside(settings.http_cache_path, "HTTP cache")
            session = open_cache(settings)
    except sqlite3.OperationalError as exc:
        raise ConfigurationError(
            f"cannot open the HTTP cache {settings.http_cache_path}: {exc}. Another process may "
            "hold it: try again, or give this one its own cache_dir") from None
    except (OSError, sqlite3.Error) as exc:
        raise ConfigurationError(
            f"cannot use the cache dir {settings.cache_dir}: {exc}. Point NUMISTA_FRAMES_CACHE_DIR "
            "(or nf.configure(cache_dir=...)) at a writable folder") from None
    marker = settings.cache_dir / ".expired-sweep"
    if fresh:  # swept, as it were: the day's sweep starts now
        with contextlib.suppress(OSError):
            marker.touch()
    else:
        sweep_expired(session, marker)
    account = account_throttle(settings.api_url, settings.api_key, settings.requests_per_second)
    adapter = NumistaAdapter(settings, ClientThrottle(account, settings.max_concurrent),
                             QuotaLedger.at(settings.ledger_path))
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update({"User-Agent": settings.user_agent, "Accept": "application/json"})
    _environment_once(session, settings.api_url)
    return session


def _environment_once(session: requests.Session, api_url: str) -> None:
    """Read proxies and the CA bundle from the environment once, not at every request.

    requests reads them per request (``trust_env``), which costs about a millisecond each time;
    they do not change while a session lives.
    """
    if sys.platform in ("darwin", "win32"):  # proxies may come from system settings too
        session.proxies.update(requests.utils.get_environ_proxies(api_url))
    else:  # from the environment alone: the variables requests reads are the memo's key
        read = {k: v for k, v in os.environ.items()
                if "proxy" in k.lower() or k == "REQUEST_METHOD"}
        session.proxies.update(_environ_proxies(api_url, tuple(sorted(read.items()))))
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    if bundle:
        session.verify = bundle
    session.trust_env = False


@functools.lru_cache(maxsize=64)
def _environ_proxies(api_url: str, variables: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """requests' proxies for ``api_url`` from the environment, worked out once for each set of
    the ``variables`` it reads (it scans the environment twice: a millisecond a session)."""
    return dict(requests.utils.get_environ_proxies(api_url))

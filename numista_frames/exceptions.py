"""The exceptions numista_frames raises, and the mapping from HTTP answers to them.

The tree::

    NumistaError                      anything this package raises on purpose
    ├── ConfigurationError            no API key, unusable cache dir, ...
    ├── OfflineError                  offline mode and the answer is not cached
    ├── TransportError                no answer: connection refused/dropped, timeout, bad JSON
    └── APIError                      the API answered with an error (status_code, url, message)
        ├── BadRequestError           400: a parameter the API refused
        ├── AuthenticationError       401/403: key or OAuth token missing, wrong or not allowed
        ├── NotFoundError             404: unknown id
        ├── RateLimitError            429: too many simultaneous requests (retried first)
        │   └── QuotaExceededError    429 "Quota exceeded": the monthly quota is spent (never retried)
        └── ServerError               5xx (retried first)
            └── MalformedResponseError 200 with an unusable body: empty, not JSON, wrong shape
                                       (retried first; never cached)

A batch that loses some ids (404, or a 5xx after the retries) still returns a frame of the
rest and warns with :class:`PartialResultWarning`.

Misuse of the Python API (a bad argument) raises :class:`ValueError` or :class:`TypeError`
before any request is sent. No message, ``repr`` or attribute ever holds the API key or an
OAuth token: URLs are stored with secret query parameters removed.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = [
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "MalformedResponseError",
    "NotFoundError",
    "NumistaError",
    "OfflineError",
    "PartialResultWarning",
    "QuotaExceededError",
    "RateLimitError",
    "RecoveredStoreWarning",
    "ServerError",
    "TransportError",
    "error_for_status",
    "is_quota_message",
    "redact_url",
]

#: Query parameters whose values are secrets (OAuth exchange); removed from every stored URL.
SECRET_PARAMS = frozenset({"client_secret", "code", "access_token", "api_key", "key"})


class NumistaError(Exception):
    """Base class of every error numista_frames raises on purpose."""


class RecoveredStoreWarning(UserWarning):
    """A damaged file on disk was set aside (never deleted) and the work went on without it."""


class PartialResultWarning(UserWarning):
    """Some ids of a batch failed; the frame holds the rest and ``df.attrs["failures"]`` says why."""


class ConfigurationError(NumistaError):
    """Settings are missing or unusable (no API key, unwritable cache dir ...)."""


class OfflineError(NumistaError):
    """Offline mode is on and the answer is not in the cache.

    Parameters
    ----------
    what : str
        What was asked for, e.g. ``"GET /types/99700 (lang=en)"``.
    """

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(
            f"offline mode is on and {what} is not in the cache; turn offline mode off "
            "(NUMISTA_FRAMES_OFFLINE=0 or nf.configure(offline=False)) to fetch it"
        )


class TransportError(NumistaError):
    """The request got no usable answer (connection failure, timeout, malformed body).

    ``connected`` is False when the API could not be reached at all (nothing was sent).
    """

    def __init__(self, message: str, *, url: str | None = None, connected: bool = True) -> None:
        self.url = redact_url(url) if url else None
        self.connected = connected
        super().__init__(message if not self.url else f"{message} ({self.url})")


class APIError(NumistaError):
    """The API answered with an error status.

    Parameters
    ----------
    status_code : int
        HTTP status.
    url : str
        The request URL, secrets removed.
    message : str or None
        The API's ``error_message``, when it sent one.
    hint : str, optional
        How to fix it, appended to the message.
    """

    def __init__(
        self, status_code: int, url: str, message: str | None = None, *, hint: str = ""
    ) -> None:
        self.status_code = status_code
        self.url = redact_url(url)
        self.message = message
        text = f"{status_code} from {self.url}"
        if message:
            text += f": {message}"
        if hint:
            text += f". {hint}"
        super().__init__(text)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.status_code, self.url, self.message, str(self)))


def _rebuild(cls: type[APIError], status: int, url: str, message: str | None, text: str) -> APIError:
    err = cls.__new__(cls)
    err.status_code, err.url, err.message = status, url, message
    Exception.__init__(err, text)
    return err


class BadRequestError(APIError):
    """400: the API refused a parameter."""


class AuthenticationError(APIError):
    """401/403: the key or OAuth token is missing, invalid, or lacks a permission."""


class NotFoundError(APIError):
    """404: the id asked for does not exist."""


class RateLimitError(APIError):
    """429: too many simultaneous requests; raised only after the retries ran out."""


class QuotaExceededError(RateLimitError):
    """429 "Quota exceeded": the key's monthly quota is spent. Never retried."""


class ServerError(APIError):
    """5xx: the service failed; raised only after the retries ran out."""


class MalformedResponseError(ServerError):
    """A 200 whose body cannot be used: empty, not JSON, or not the shape of its endpoint.

    Retried like a 5xx and never written to a cache, so a broken answer is not served later.

    Parameters
    ----------
    url : str
        The request URL (secrets removed).
    endpoint : str
        The endpoint's name (``search``, ``prices`` ...).
    problem : str
        What is wrong with the body.
    body : bytes
        The body; its first bytes go into the message.
    """

    def __init__(self, url: str, endpoint: str, problem: str, body: bytes) -> None:
        self.endpoint = endpoint
        self.problem = problem
        self.body_start = bytes(body[:BODY_PREVIEW])
        preview = self.body_start.decode("utf-8", "replace")
        super().__init__(200, url, f"unusable answer from the {endpoint} endpoint: {problem}; "
                         f"the body begins {preview!r}",
                         hint="Nothing was cached; it was retried and may clear later")


#: How many bytes of an unusable body an error message shows.
BODY_PREVIEW = 120


_HINTS = {
    401: "Check NUMISTA_API_KEY (or nf.configure(api_key=...)); user endpoints also need OAuth",
    403: "This key or token is not allowed to use this endpoint",
    429: "Retries ran out; lower max_concurrent (nf.configure(max_concurrent=...))",
}
_QUOTA_HINT = (
    "The monthly quota of this key is spent; it resets on the 1st of next month (UTC). "
    "Everything fetched so far stays cached: rerun then and only the rest is fetched"
)


def is_quota_message(message: str | None) -> bool:
    """True when a 429's message says the monthly quota is spent (not the concurrency throttle).

    Examples
    --------
    >>> is_quota_message("Quota exceeded")
    True
    >>> is_quota_message("Too many simultaneous requests")
    False
    """
    return bool(message) and "quota" in str(message).lower()


def error_message_of(body: bytes | str | None) -> str | None:
    """The ``error_message`` of a Numista error body, or None when there is none."""
    if not body:
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if isinstance(data, dict):
        for key in ("error_message", "error", "message"):
            if isinstance(data.get(key), str):
                return str(data[key])
    return None


def error_for_status(
    status_code: int, url: str, body: bytes | str | None = None, *, hint: str = ""
) -> APIError:
    """The exception for an error answer (not raised: the caller raises it).

    Parameters
    ----------
    status_code : int
        HTTP status, >= 400.
    url : str
        Request URL (secrets are removed).
    body : bytes or str, optional
        The response body, to read ``error_message`` from.
    hint : str, optional
        Overrides the default how-to-fix text.

    Returns
    -------
    APIError
        The most specific subclass for the status.

    Examples
    --------
    >>> type(error_for_status(429, "https://x/v3/types", b'{"error_message": "Quota exceeded"}'))
    <class 'numista_frames.exceptions.QuotaExceededError'>
    """
    message = error_message_of(body)
    cls: type[APIError]
    if status_code == 429 and is_quota_message(message):
        cls, hint = QuotaExceededError, hint or _QUOTA_HINT
    else:
        cls = _class_for(status_code)
        hint = hint or _HINTS.get(status_code, "")
    return cls(status_code, url, message, hint=hint)


def _class_for(status_code: int) -> type[APIError]:
    if status_code == 400:
        return BadRequestError
    if status_code in (401, 403):
        return AuthenticationError
    if status_code == 404:
        return NotFoundError
    if status_code == 429:
        return RateLimitError
    if status_code >= 500:
        return ServerError
    return APIError


def redact_url(url: str) -> str:
    """Remove secret query parameters (``client_secret``, ``code`` ...) from a URL.

    Examples
    --------
    >>> redact_url("https://x/v3/oauth_token?grant_type=a&client_secret=s3cr3t")
    'https://x/v3/oauth_token?grant_type=a'
    """
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in SECRET_PARAMS]
    return urlunsplit(parts._replace(query=urlencode(kept)))

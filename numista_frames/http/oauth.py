"""OAuth 2 tokens for user data: the token record, the in-memory store, the authorize URL (no I/O)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from numista_frames.checks import check_lang

__all__ = ["SCOPES", "Token", "TokenStore", "authorization_url", "normalize_scope", "shared_tokens"]

SCOPES = ("view_collection", "edit_collection")
#: A token is renewed this many seconds before it expires, so no request races its expiry.
EXPIRY_MARGIN = 60.0


def normalize_scope(scope: str | Iterable[str]) -> tuple[str, ...]:
    """Scopes as a sorted tuple, checked against Numista's.

    Examples
    --------
    >>> normalize_scope("view_collection,edit_collection")
    ('edit_collection', 'view_collection')
    """
    parts = scope.split(",") if isinstance(scope, str) else list(scope)
    names = sorted({p.strip() for p in parts if p.strip()})
    unknown = [n for n in names if n not in SCOPES]
    if not names or unknown:
        raise ValueError(f"scope must be one or more of {', '.join(SCOPES)}; got {scope!r}")
    return tuple(names)


@dataclass(frozen=True)
class Token:
    """An OAuth access token; held in memory only, never written anywhere.

    Attributes
    ----------
    access_token : str
        The bearer token (hidden from ``repr``).
    user_id : int
        The user it acts for.
    scope : tuple of str
        Granted scopes.
    expires_at : float
        ``time.monotonic()`` deadline.
    grant : str
        ``"client_credentials"`` (renewable by the client) or ``"authorization_code"``.
    """

    access_token: str = field(repr=False)
    user_id: int
    scope: tuple[str, ...]
    expires_at: float
    grant: str

    @classmethod
    def from_body(cls, body: Mapping[str, Any], *, scope: tuple[str, ...], grant: str,
                  now: float | None = None) -> Token:
        """Build from the token endpoint's JSON (``access_token, expires_in, user_id``)."""
        try:
            access = str(body["access_token"])
            expires_in = float(body.get("expires_in", 3600))
            user_id = int(body["user_id"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"unexpected token body from Numista: missing or bad {exc}") from None
        start = time.monotonic() if now is None else now
        return cls(access, user_id, scope, start + expires_in, grant)

    def valid(self, now: float | None = None) -> bool:
        """Still usable for at least ``EXPIRY_MARGIN`` seconds."""
        return (time.monotonic() if now is None else now) < self.expires_at - EXPIRY_MARGIN

    def covers(self, scope: tuple[str, ...]) -> bool:
        """Grants every scope asked for."""
        return set(scope) <= set(self.scope)


class TokenStore:
    """Tokens by grant and user, in memory, safe across threads."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._tokens: list[Token] = []
        self._lock = threading.Lock()
        self._clock = clock
        self.fetch_lock = threading.Lock()  # one token request at a time

    def discard(self, token: Token) -> None:
        """Forget one token (the API no longer accepts it)."""
        with self._lock:
            self._tokens = [t for t in self._tokens if t is not token]

    def clear(self) -> None:
        """Forget every token (the next user call asks for a new one)."""
        with self._lock:
            self._tokens = []

    def add(self, token: Token) -> None:
        """Keep a token (replacing older ones for the same user and grant)."""
        with self._lock:
            self._tokens = [t for t in self._tokens
                            if not (t.user_id == token.user_id and t.grant == token.grant)]
            self._tokens.append(token)

    def find(self, scope: tuple[str, ...], user_id: int | None = None,
             grant: str | None = None) -> Token | None:
        """A valid token covering ``scope`` (for ``user_id`` when given), newest first."""
        now = self._clock()
        with self._lock:
            for token in reversed(self._tokens):
                if (token.valid(now) and token.covers(scope)
                        and (user_id is None or token.user_id == user_id)
                        and (grant is None or token.grant == grant)):
                    return token
        return None

    def issued(self, user_id: int, grant: str) -> bool:
        """Whether a token of this grant was ever issued for this user (even if expired)."""
        with self._lock:
            return any(t.user_id == user_id and t.grant == grant for t in self._tokens)


def authorization_url(api_key: str, *, redirect_uri: str, scope: str | Iterable[str] = "view_collection",
                      state: str = "", lang: str = "en") -> str:
    """The page where a user grants access (the authorization-code flow's first step).

    The API key is the OAuth ``client_id`` of this flow, so it is part of this URL: show it to
    the user who owns the key only.

    Examples
    --------
    >>> authorization_url("KEY", redirect_uri="http://localhost/cb", state="s")[:58]
    'https://en.numista.com/api/oauth_authorize.php?response_ty'
    """
    check_lang(lang)
    query = urlencode({"response_type": "code", "client_id": api_key,
                       "redirect_uri": redirect_uri, "scope": ",".join(normalize_scope(scope)),
                       "state": state})
    return f"https://{lang}.numista.com/api/oauth_authorize.php?{query}"


_stores: dict[tuple[str, str], TokenStore] = {}
_stores_lock = threading.Lock()


def shared_tokens(api_url: str, api_key: str | None) -> TokenStore:
    """The tokens of one key on one API in this process, shared by its clients.

    So that a new client (after ``nf.configure()``) does not spend a request on a token the
    process already holds. The key is only used through a hash.
    """
    name = (api_url, hashlib.sha256((api_key or "").encode()).hexdigest())
    with _stores_lock:
        store = _stores.get(name)
        if store is None:
            store = _stores[name] = TokenStore()
        return store

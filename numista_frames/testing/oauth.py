"""OAuth for the fake Numista API: a settable clock, token grants and bearer checks.

Where Numista documents nothing, the fake chooses: a missing ``code``, ``client_id``,
``client_secret`` or ``redirect_uri`` is a 400, an unknown grant type a 400; an unknown,
used or expired code, a ``redirect_uri`` other than the authorised one, or a
``client_secret`` other than the API key of the request is a 401. Codes live 10 minutes.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass

from numista_frames.testing.vocabulary import ApiError, JsonDict

__all__ = ["SCOPES", "Clock", "TokenStore"]

#: The scopes a token can carry.
SCOPES: tuple[str, ...] = ("view_collection", "edit_collection")
_CODE_TTL = 600.0


class Clock:
    """A monotonic clock that tests can move forward.

    Examples
    --------
    >>> clock = Clock()
    >>> before = clock.now()
    >>> clock.advance(60)
    >>> clock.now() - before >= 60
    True
    """

    def __init__(self) -> None:
        self._offset = 0.0

    def now(self) -> float:
        """Seconds on the monotonic clock plus every advance."""
        return time.monotonic() + self._offset

    def advance(self, seconds: float) -> None:
        """Move the clock forward.

        Parameters
        ----------
        seconds : float
            How far; must not be negative.

        Raises
        ------
        ValueError
            For a negative value.
        """
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._offset += seconds


@dataclass(frozen=True)
class _Grant:
    user_id: int
    scopes: frozenset[str]
    expires_at: float
    redirect_uri: str = ""


def parse_scopes(scope: str) -> frozenset[str]:
    """Split a comma-separated scope list, rejecting unknown scopes.

    Parameters
    ----------
    scope : str
        ``"view_collection,edit_collection"``.

    Returns
    -------
    frozenset of str
        The scopes; empty when ``scope`` is blank or names an unknown scope.

    Examples
    --------
    >>> sorted(parse_scopes("view_collection, edit_collection"))
    ['edit_collection', 'view_collection']
    """
    names = frozenset(part.strip() for part in scope.split(",") if part.strip())
    return names if names and names <= set(SCOPES) else frozenset()


class TokenStore:
    """Issue, check and expire access tokens and authorization codes (thread-safe).

    Parameters
    ----------
    ttl : int
        Token lifetime in seconds, the ``expires_in`` of the token body.
    clock : Clock
        The clock tokens expire by.
    """

    def __init__(self, ttl: int, clock: Clock) -> None:
        self.ttl = ttl
        self._clock = clock
        self._tokens: dict[str, _Grant] = {}
        self._codes: dict[str, _Grant] = {}
        self._lock = threading.Lock()

    def authorize(self, user_id: int, scope: str, redirect_uri: str) -> str:
        """Simulate the user's visit to the authorize page and return a single-use code.

        Parameters
        ----------
        user_id : int
            The user who grants access.
        scope : str
            Comma-separated scopes.
        redirect_uri : str
            The redirect URI the token request must repeat.

        Returns
        -------
        str
            The authorization code.

        Raises
        ------
        ValueError
            For an empty or unknown scope.
        """
        scopes = parse_scopes(scope)
        if not scopes:
            raise ValueError(f"scope must name some of {SCOPES}, got {scope!r}")
        code = secrets.token_urlsafe(16)
        with self._lock:
            self._codes[code] = _Grant(user_id, scopes, self._clock.now() + _CODE_TTL, redirect_uri)
        return code

    def grant(self, params: Mapping[str, str], api_key: str, owner: int | None) -> JsonDict:
        """Answer ``/oauth_token``.

        Parameters
        ----------
        params : Mapping
            Query or form parameters (``grant_type``, ``scope``, ``code``, ...).
        api_key : str
            The key of the request (the expected ``client_secret``).
        owner : int or None
            The user tied to the key; None answers 501 to client credentials.

        Returns
        -------
        dict
            ``{"access_token", "token_type": "bearer", "expires_in", "user_id"}``.

        Raises
        ------
        ApiError
            400, 401 or 501 as described in the module docstring.
        """
        grant_type = params.get("grant_type") or "authorization_code"
        if grant_type == "client_credentials":
            return self._client_credentials(params.get("scope", ""), owner)
        if grant_type == "authorization_code":
            return self._authorization_code(params, api_key)
        raise ApiError(400, "Invalid value for parameter 'grant_type'")

    def check(self, authorization: str | None, user_id: int, scope: str) -> None:
        """Require a live bearer token of ``user_id`` carrying ``scope``.

        Parameters
        ----------
        authorization : str or None
            The ``Authorization`` header.
        user_id : int
            The user whose data is asked for.
        scope : str
            ``view_collection`` or ``edit_collection``.

        Raises
        ------
        ApiError
            401 without a live token, 403 for another user's token or a missing scope.
        """
        scheme, _, token = (authorization or "").partition(" ")
        with self._lock:
            grant = self._tokens.get(token.strip()) if scheme.lower() == "bearer" else None
        if grant is None or grant.expires_at <= self._clock.now():
            raise ApiError(401, "Invalid or expired access token")
        if grant.user_id != user_id:
            raise ApiError(403, "The access token does not give access to this user's data")
        if scope not in grant.scopes:
            raise ApiError(403, f"The access token lacks the scope '{scope}'")

    def _client_credentials(self, scope: str, owner: int | None) -> JsonDict:
        scopes = parse_scopes(scope)
        if not scopes:
            raise ApiError(401, "Unauthorized: missing or invalid scope")
        if owner is None:
            raise ApiError(501, "No user is associated to this API key")
        return self._issue(owner, scopes)

    def _authorization_code(self, params: Mapping[str, str], api_key: str) -> JsonDict:
        for name in ("code", "client_id", "client_secret", "redirect_uri"):
            if not params.get(name):
                raise ApiError(400, f"Missing parameter '{name}'")
        with self._lock:
            grant = self._codes.pop(params["code"], None)
        if (
            grant is None
            or grant.expires_at <= self._clock.now()
            or grant.redirect_uri != params["redirect_uri"]
            or not secrets.compare_digest(params["client_secret"].encode(), api_key.encode())
        ):
            raise ApiError(401, "Invalid authorization code or client credentials")
        return self._issue(grant.user_id, grant.scopes)

    def _issue(self, user_id: int, scopes: frozenset[str]) -> JsonDict:
        token = secrets.token_hex(20)
        with self._lock:
            self._tokens[token] = _Grant(user_id, scopes, self._clock.now() + self.ttl)
        return {"access_token": token, "token_type": "bearer", "expires_in": self.ttl, "user_id": user_id}

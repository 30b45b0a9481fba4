"""The client's user side: OAuth tokens, users, collections and collected items (read and write)."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, cast

import requests

from numista_frames import checks as v
from numista_frames.exceptions import (
    AuthenticationError,
    ConfigurationError,
    OfflineError,
    QuotaExceededError,
    RateLimitError,
    ServerError,
    TransportError,
)
from numista_frames.http.client_base import NO_KEY_MESSAGE, ClientBase, decode
from numista_frames.http.ledger import key_id
from numista_frames.http.oauth import Token, authorization_url, normalize_scope

__all__ = ["UserEndpoints"]

_VIEW = ("view_collection",)
_EDIT = ("edit_collection",)


class UserEndpoints(ClientBase):
    """OAuth and user-data methods of :class:`numista_frames.Client`.

    User data is private: its cache entries are keyed by who asked (a hash of the key and the
    grant) so that no other key or grant is served what the API would refuse it. When the user
    id is known, a fresh cached answer is used without asking for a token first; after a write
    by this key (in any process: the quota ledger records it), cached user data older than the
    write is fetched again.
    """

    # -- reads ----------------------------------------------------------------------------------

    def get_user(self, user_id: int | str, *, lang: str | None = None,
                 refresh: bool = False, cache_only: bool = False) -> dict[str, Any]:
        """A user's public profile: ``{"username", "avatar"}`` (needs no OAuth)."""
        uid = v.positive_int(user_id, "user_id")
        response = self._request("GET", f"/users/{uid}", params={"lang": self.resolve_lang(lang)},
                                 refresh=refresh, cache_only=cache_only)
        return cast(dict[str, Any], decode(response))

    def get_collections(self, user_id: int | str | None = None, *,
                        refresh: bool = False, cache_only: bool = False) -> dict[str, Any]:
        """A user's collections: ``{"count", "collections": [{id, name}]}``.

        Parameters
        ----------
        user_id : int, optional
            Defaults to the user the key belongs to (client-credentials token).
        refresh : bool
            Bypass the cache.
        cache_only : bool
            Answer from the cache or raise :class:`OfflineError` (a miss, or data changed by a
            write since it was cached); never send, not even for a token.
        """
        return self._user_get("/collections", None, user_id, refresh, cache_only)

    def get_collected_items(self, user_id: int | str | None = None, *,
                            category: str | None = None, type_id: int | str | None = None,
                            collection: int | str | None = None,
                            refresh: bool = False, cache_only: bool = False) -> dict[str, Any]:
        """A user's collected items with totals, optionally filtered (OAuth).

        Returns ``{"item_count", "item_for_swap_count", "item_type_count",
        "item_type_for_swap_count", "items": [...]}``.
        """
        params: dict[str, Any] = {}
        if category is not None:
            params["category"] = v.check_category(category)
        if type_id is not None:
            params["type"] = v.positive_int(type_id, "type_id")
        if collection is not None:
            params["collection"] = v.positive_int(collection, "collection")
        return self._user_get("/collected_items", params, user_id, refresh, cache_only)

    def get_collected_item(self, item_id: int | str, *, user_id: int | str | None = None,
                           refresh: bool = False, cache_only: bool = False) -> dict[str, Any]:
        """One collected item (OAuth)."""
        iid = v.positive_int(item_id, "item_id")
        return self._user_get(f"/collected_items/{iid}", None, user_id, refresh, cache_only)

    def _user_get(self, suffix: str, params: Mapping[str, Any] | None,
                  user_id: int | str | None, refresh: bool, cache_only: bool) -> dict[str, Any]:
        uid = None if user_id is None else v.positive_int(user_id, "user_id")
        if cache_only:
            return self._cached_user_get_only(uid, suffix, params)
        if uid is not None and not refresh:
            cached, fresh = self._cached_user_get(uid, suffix, params)
            if cached is not None and fresh:
                return cached
            refresh = cached is not None  # a stale entry must be replaced, not served
        def send(token: Token | None, who: int) -> requests.Response:
            return self._request("GET", f"/users/{who}{suffix}", params=params, token=token,
                                 identity=self._identity(who), refresh=refresh)

        return cast(dict[str, Any], decode(self._authorized(uid, _VIEW, send)))

    def _cached_user_get(self, uid: int, suffix: str, params: Mapping[str, Any] | None
                         ) -> tuple[dict[str, Any] | None, bool]:
        """A cached answer for this user and grant (without spending a token request), and
        whether it is fresh: older than this key's last write to user data, it is not."""
        try:
            response = self._request("GET", f"/users/{uid}{suffix}", params=params,
                                     identity=self._identity(uid), cache_only=True)
        except OfflineError:
            if self.settings.offline:
                raise
            return None, False
        fresh = self._written_before(response)
        return cast(dict[str, Any], decode(response)), fresh or self.settings.offline

    def _cached_user_get_only(self, uid: int | None, suffix: str,
                              params: Mapping[str, Any] | None) -> dict[str, Any]:
        """The cached answer, when it is there and no write by this key has changed it since."""
        if uid is None:
            raise OfflineError("the key's own user id (pass user_id= to read cached user data)")
        response = self._request("GET", f"/users/{uid}{suffix}", params=params,
                                 identity=self._identity(uid), cache_only=True)
        if not self._written_before(response):
            raise OfflineError(f"GET /users/{uid}{suffix} (changed since it was cached)")
        return cast(dict[str, Any], decode(response))

    def _written_before(self, response: requests.Response) -> bool:
        """Whether this key's last write to user data (if any) came before this answer."""
        written = self.last_user_write()
        created = getattr(response, "created_at", None)
        return written is None or created is None or created > written

    def _identity(self, uid: int) -> str:
        grant = ("authorization_code" if self._tokens.issued(uid, "authorization_code")
                 else "client_credentials")
        return f"{key_id(self.settings.api_key)}:{grant}"

    # -- writes ---------------------------------------------------------------------------------

    def add_collected_item(self, item: Mapping[str, Any], *,
                           user_id: int | str | None = None) -> dict[str, Any]:
        """Add an item (POST; never retried once it may have reached the server).

        Parameters
        ----------
        item : mapping
            The POST body: ``type`` (required), ``issue``, ``quantity``, ``grade``, ``price``
            ``{value, currency}``, ``collection``, ``internal_id`` ... as Numista documents them.
        user_id : int, optional
            Defaults to the key's user.

        Returns
        -------
        dict
            The item as created (its ``collection`` may be a bare id rather than an object).
        """
        body = v.item_body(item, require_type=True)
        return cast(dict[str, Any], self._write("POST", "/collected_items", body, user_id))

    def update_collected_item(self, item_id: int | str, fields: Mapping[str, Any], *,
                              user_id: int | str | None = None) -> dict[str, Any]:
        """Change some fields of an item (PATCH; ``issue``/``grade``/``price`` may be None)."""
        iid = v.positive_int(item_id, "item_id")
        body = v.item_body(fields, require_type=False)
        if not body:
            raise ValueError("update_collected_item needs at least one field to change")
        return cast(dict[str, Any], self._write("PATCH", f"/collected_items/{iid}", body, user_id))

    def delete_collected_item(self, item_id: int | str, *,
                              user_id: int | str | None = None) -> None:
        """Delete an item (DELETE; the API answers 204)."""
        iid = v.positive_int(item_id, "item_id")
        self._write("DELETE", f"/collected_items/{iid}", None, user_id)

    def _write(self, method: str, suffix: str, body: Any, user_id: int | str | None) -> Any:
        # The quota ledger records the write (even a failed one, which may have changed the
        # collection); cached user data older than it is then stale, in every process.
        uid = None if user_id is None else v.positive_int(user_id, "user_id")

        def send(token: Token | None, who: int) -> requests.Response:
            return self._request(method, f"/users/{who}{suffix}", json=body, token=token)

        return decode(self._authorized(uid, _EDIT, send))

    def _authorized(self, uid: int | None, scope: tuple[str, ...],
                    send: Callable[[Token | None, int], requests.Response]) -> requests.Response:
        """Send with a token; a held token the API no longer accepts (401) is replaced once.

        A 401 means the request was refused unprocessed, so sending it again is safe.
        """
        token, who = self._user_token(uid, scope)
        try:
            return send(token, who)
        except AuthenticationError as exc:
            if token is None or exc.status_code != 401:
                raise
        self._tokens.discard(token)
        token, who = self._user_token(uid, scope)
        return send(token, who)

    # -- image search ---------------------------------------------------------------------------

    def search_by_image(self, images: Sequence[bytes] | bytes, *, category: str | None = None,
                        max_results: int = 10, lang: str | None = None) -> dict[str, Any]:
        """Types that look like one or two images (a paid Numista feature; 403 otherwise).

        Parameters
        ----------
        images : sequence of bytes
            One or two JPEG or PNG images (e.g. obverse and reverse).
        category : {"coin", "banknote", "exonumia"}, optional
        max_results : int
            1 to 100.
        """
        if isinstance(images, bytes | bytearray | str) or not 1 <= len(images) <= 2:
            raise ValueError("images must be a sequence of one or two JPEG/PNG images (bytes)")
        payload: dict[str, Any] = {
            "images": [{"mime_type": v.image_mime(img, i), "image_data":
                        base64.b64encode(img).decode("ascii")} for i, img in enumerate(images)],
            "max_results": v.bounded(max_results, "max_results", 1, 100),
        }
        if category is not None:
            payload["category"] = v.check_category(category)
        response = self._request("POST", "/search_by_image", params={"lang": self.resolve_lang(lang)},
                                 json=payload)
        return cast(dict[str, Any], decode(response))

    # -- OAuth ----------------------------------------------------------------------------------

    def get_token(self, scope: str | Iterable[str] = "view_collection") -> Token:
        """A client-credentials token for the key owner's account (in memory; renewed on expiry).

        Editing implies viewing, so asking for ``edit_collection`` gets a token for both.
        """
        wanted = _widen(normalize_scope(scope))
        with self._tokens.fetch_lock:
            token = self._tokens.find(wanted, grant="client_credentials")
            if token is None:
                token = self._token_request({"grant_type": "client_credentials",
                                             "scope": ",".join(wanted)}, wanted,
                                            "client_credentials")
        return token

    def authorization_url(self, *, redirect_uri: str,
                          scope: str | Iterable[str] = "view_collection",
                          state: str = "", lang: str | None = None) -> str:
        """The page where another user grants access (first step of the code flow)."""
        if not self.settings.api_key:
            raise ConfigurationError(NO_KEY_MESSAGE)
        return authorization_url(self.settings.api_key, redirect_uri=_uri(redirect_uri),
                                 scope=scope, state=state, lang=self.resolve_lang(lang))

    def exchange_code(self, code: str, *, redirect_uri: str,
                      scope: str | Iterable[str] = "view_collection") -> Token:
        """Trade an authorization code for a token, used from then on for that user.

        Such a token cannot be renewed without the user: when it expires, send the user
        through :meth:`authorization_url` again.
        """
        if not isinstance(code, str) or not code:
            raise ValueError("code must be the non-empty string Numista passed to redirect_uri")
        wanted = normalize_scope(scope)
        key = self.settings.api_key or ""
        return self._token_request({"grant_type": "authorization_code", "code": code,
                                    "client_id": key, "client_secret": key,
                                    "redirect_uri": _uri(redirect_uri)}, wanted,
                                   "authorization_code")

    def _token_request(self, form: dict[str, str], scope: tuple[str, ...], grant: str) -> Token:
        failure: tuple[int, str] | None = None
        try:
            body = decode(self._request("POST", "/oauth_token", data=form))
        except QuotaExceededError:
            raise
        except (ServerError, TransportError, RateLimitError) as exc:
            failure = (getattr(exc, "status_code", 0), f"{type(exc).__name__}: {exc}")
        if failure is not None:  # raised here, not in the except: no request rides along
            raise AuthenticationError(
                failure[0], f"{self.settings.api_url}/oauth_token",
                f"no OAuth token could be obtained ({failure[1]}); nothing was sent to the "
                "collection", hint="Try again later; if it persists, check the key's OAuth access")
        try:
            token = Token.from_body(body, scope=scope, grant=grant)
        except ValueError as exc:
            # No usable token means no access: an authentication failure, whatever the body.
            raise AuthenticationError(
                200, f"{self.settings.api_url}/oauth_token",
                f"the token endpoint answered without a usable token ({exc})",
                hint="Check that this key may use OAuth, then try again") from None
        self._tokens.add(token)
        return token

    def token_cost(self, user_id: int | None = None, scope: str = "view_collection") -> int:
        """Requests a user call would spend on its token: 0 with a usable one in memory, else 1."""
        wanted = normalize_scope(scope)
        if user_id is not None and self._tokens.find(wanted, user_id, "authorization_code"):
            return 0
        return int(self._tokens.find(_widen(wanted), grant="client_credentials") is None)

    def _user_token(self, uid: int | None, scope: tuple[str, ...]) -> tuple[Token | None, int]:
        """The token to use for a user endpoint, and the user id it resolves to.

        Offline, a known user id needs no token: only the cache answers.
        """
        if uid is not None and self.settings.offline:
            return None, uid
        if uid is None and self.settings.offline:
            raise OfflineError("the key's own user id (pass user_id= to read cached user data)")
        if uid is not None:
            coded = self._tokens.find(scope, uid, grant="authorization_code")
            if coded is not None:
                return coded, uid
            if self._tokens.issued(uid, "authorization_code"):
                raise AuthenticationError(
                    401, f"{self.settings.api_url}/users/{uid}",
                    "the authorization of this user expired or lacks the scope "
                    f"{','.join(scope)}", hint="Send the user through client.authorization_url() "
                    "again, then client.exchange_code()")
        token = self.get_token(scope)
        return token, uid if uid is not None else token.user_id


def _widen(scope: tuple[str, ...]) -> tuple[str, ...]:
    """Editing implies viewing: ask for both so one token serves reads and writes."""
    return ("edit_collection", "view_collection") if "edit_collection" in scope else scope


def _uri(redirect_uri: str) -> str:
    if not isinstance(redirect_uri, str) or not redirect_uri.startswith(("http://", "https://")):
        raise ValueError(f"redirect_uri must be an http(s) URL; got {redirect_uri!r}")
    return redirect_uri

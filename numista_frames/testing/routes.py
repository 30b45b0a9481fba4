"""Endpoints of the fake Numista API: match a path, check OAuth, answer from catalogue and users."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from numista_frames.testing.catalogue import SampleCatalogue
from numista_frames.testing.collection import UserStore
from numista_frames.testing.market import Market
from numista_frames.testing.oauth import TokenStore
from numista_frames.testing.vocabulary import LANGS, ApiError, invalid

__all__ = ["Call", "Response", "Services", "dispatch"]

_INT_RE = re.compile(r"^\d+$")
_PUBLICATION_RE = re.compile(r"^L\d+$")
_VIEW, _EDIT = "view_collection", "edit_collection"


@dataclass(frozen=True)
class Response:
    """An answer: status, JSON-ready body (None for an empty body) and extra headers.

    Parameters
    ----------
    status : int
        HTTP status code.
    body : Any
        The body to serialise, or None.
    headers : tuple of (str, str)
        Extra headers.
    """

    status: int
    body: Any = None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Services:
    """What the endpoints answer from.

    Parameters
    ----------
    catalogue : SampleCatalogue
        The shared read-only catalogue.
    users : UserStore
        This server's users and collections.
    tokens : TokenStore
        This server's OAuth tokens.
    image_search : callable
        Tells whether search by image is enabled right now.
    owner_of : callable
        The user tied to an API key (None: no user, 501 to client credentials).
    market : Market, optional
        Market mode: estimates served as of its clock (None: the catalogue's, unchanging).
    """

    catalogue: SampleCatalogue
    users: UserStore
    tokens: TokenStore
    image_search: Callable[[], bool]
    owner_of: Callable[[str], int | None]
    page_size_cap: Callable[[], int | None] = lambda: None
    market: Market | None = None


@dataclass(frozen=True)
class Call:
    """One request as the endpoints see it.

    Parameters
    ----------
    method : str
        HTTP method.
    path : str
        Path relative to the base (``/types/42``).
    params : Mapping
        Query parameters (plus form fields for ``POST /oauth_token``).
    body : bytes
        The raw request body.
    api_key : str
        The request's API key.
    authorization : str or None
        The ``Authorization`` header.
    args : Mapping
        Path arguments, filled in by :func:`dispatch`.
    """

    method: str
    path: str
    params: Mapping[str, str]
    body: bytes = b""
    api_key: str = ""
    authorization: str | None = None
    args: Mapping[str, str] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        """The ``lang`` parameter (``en`` by default)."""
        return self.params.get("lang") or "en"

    def int_arg(self, name: str) -> int:
        """A path argument as an int; 400 when it is not one."""
        value = self.args[name]
        if not _INT_RE.match(value):
            raise invalid(name)
        return int(value)

    def json(self) -> Any:
        """The decoded JSON body; 400 when it is not JSON."""
        try:
            return json.loads(self.body or b"null")
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, "The request body is not valid JSON") from None


Endpoint = Callable[[Services, Call], Response]


def _ok(body: Any) -> Response:
    return Response(200, body)


def _user(services: Services, call: Call, scope: str | None = None) -> int:
    """The path's user id, after the bearer-token check when ``scope`` is given."""
    user_id = call.int_arg("user_id")
    if scope is not None:
        services.tokens.check(call.authorization, user_id, scope)
    return user_id


def _items(services: Services, call: Call) -> Response:
    if call.method == "POST":
        user_id = _user(services, call, _EDIT)
        return Response(201, services.users.add_item(user_id, call.json(), call.lang))
    user_id = _user(services, call, _VIEW)
    return _ok(services.users.list_items(user_id, call.params, call.lang))


def _item(services: Services, call: Call) -> Response:
    user_id = _user(services, call, _VIEW if call.method == "GET" else _EDIT)
    item_id = call.int_arg("item_id")
    if call.method == "DELETE":
        services.users.delete_item(user_id, item_id)
        return Response(204)
    if call.method == "PATCH":
        return _ok(services.users.update_item(user_id, item_id, call.json(), call.lang))
    return _ok(services.users.get_item(user_id, item_id, call.lang))


def _oauth_token(services: Services, call: Call) -> Response:
    owner = services.owner_of(call.api_key)
    return _ok(services.tokens.grant(call.params, call.api_key, owner))


def _search_by_image(services: Services, call: Call) -> Response:
    if not services.image_search():
        raise ApiError(403, "Your API key is not activated for using this API endpoint")
    experimental = "activate_experimental_features" in call.params
    return _ok(services.catalogue.search_by_image(call.json(), call.lang, experimental=experimental))


def _publication(services: Services, call: Call) -> Response:
    publication_id = call.args["publication_id"]
    if not _PUBLICATION_RE.match(publication_id):
        raise invalid("id")
    return _ok(services.catalogue.get_publication(publication_id))


def _prices(services: Services, call: Call) -> Response:
    currency = call.params.get("currency") or "EUR"
    type_id, issue_id = call.int_arg("type_id"), call.int_arg("issue_id")
    body = services.catalogue.get_prices(type_id, issue_id, currency)
    if services.market is not None:
        body = services.market.adjust(type_id, issue_id, body)
    return _ok(body)


def _collections(services: Services, call: Call) -> Response:
    return _ok(services.users.collections(_user(services, call, _VIEW)))


_ROUTES: list[tuple[str, dict[str, Endpoint]]] = [
    (r"/types", {"GET": lambda s, c: _ok(s.catalogue.search(c.params, s.page_size_cap()))}),
    (
        r"/types/(?P<type_id>[^/]+)",
        {"GET": lambda s, c: _ok(s.catalogue.get_type(c.int_arg("type_id"), c.lang))},
    ),
    (
        r"/types/(?P<type_id>[^/]+)/issues",
        {"GET": lambda s, c: _ok(s.catalogue.get_issues(c.int_arg("type_id"), c.lang))},
    ),
    (r"/types/(?P<type_id>[^/]+)/issues/(?P<issue_id>[^/]+)/prices", {"GET": _prices}),
    (r"/issuers", {"GET": lambda s, c: _ok(s.catalogue.get_issuers(c.lang))}),
    (r"/mints", {"GET": lambda s, c: _ok(s.catalogue.get_mints(c.lang))}),
    (
        r"/mints/(?P<mint_id>[^/]+)",
        {"GET": lambda s, c: _ok(s.catalogue.get_mint(c.int_arg("mint_id"), c.lang))},
    ),
    (r"/catalogues", {"GET": lambda s, c: _ok(s.catalogue.get_catalogues())}),
    (r"/publications/(?P<publication_id>[^/]+)", {"GET": _publication}),
    (r"/users/(?P<user_id>[^/]+)", {"GET": lambda s, c: _ok(s.catalogue.get_user(_user(s, c)))}),
    (r"/users/(?P<user_id>[^/]+)/collections", {"GET": _collections}),
    (r"/users/(?P<user_id>[^/]+)/collected_items", {"GET": _items, "POST": _items}),
    (
        r"/users/(?P<user_id>[^/]+)/collected_items/(?P<item_id>[^/]+)",
        {"GET": _item, "PATCH": _item, "DELETE": _item},
    ),
    (r"/search_by_image", {"POST": _search_by_image}),
    (r"/oauth_token", {"GET": _oauth_token, "POST": _oauth_token}),
]
_COMPILED = [(re.compile(pattern), methods) for pattern, methods in _ROUTES]


def dispatch(services: Services, call: Call) -> Response:
    """Answer a request whose key (and quota) have already been checked.

    Parameters
    ----------
    services : Services
        Catalogue, users and tokens.
    call : Call
        The request (``args`` is filled in here).

    Returns
    -------
    Response
        The answer, errors included (404 unknown path, 405 wrong method, 400 bad ``lang``, ...).
    """
    for pattern, methods in _COMPILED:
        match = pattern.fullmatch(call.path)
        if match is None:
            continue
        if call.method not in methods:
            allow = ", ".join(sorted(methods))
            return Response(405, {"error_message": f"Method {call.method} not allowed"}, (("Allow", allow),))
        try:
            if call.lang not in LANGS:
                raise invalid("lang")
            return methods[call.method](services, dataclasses.replace(call, args=match.groupdict()))
        except ApiError as error:
            return Response(error.status, {"error_message": error.message})
    return Response(404, {"error_message": f"Unknown endpoint {call.path}"})

"""Which endpoint a URL path is, and which cache family it belongs to (pure)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

__all__ = ["CACHED_FAMILIES", "SHAPES", "Endpoint", "classify_path", "shape_problem"]

#: Families whose GET answers are cached (with the expiry of that family in the settings).
CACHED_FAMILIES = frozenset({"catalogue", "prices", "user"})


class Endpoint(NamedTuple):
    """An endpoint's short name (for the quota ledger) and its cache family."""

    name: str
    family: str


_ROUTES: tuple[tuple[re.Pattern[str], Endpoint], ...] = tuple(
    (re.compile(pattern), Endpoint(name, family))
    for pattern, name, family in (
        (r"^/types$", "search", "catalogue"),
        (r"^/types/[^/]+$", "types", "catalogue"),
        (r"^/types/[^/]+/issues$", "issues", "catalogue"),
        (r"^/types/[^/]+/issues/[^/]+/prices$", "prices", "prices"),
        (r"^/issuers$", "issuers", "catalogue"),
        (r"^/mints(?:/[^/]+)?$", "mints", "catalogue"),
        (r"^/catalogues$", "catalogues", "catalogue"),
        (r"^/publications/[^/]+$", "publications", "catalogue"),
        (r"^/users/[^/]+$", "users", "user"),
        (r"^/users/[^/]+/collections$", "collections", "user"),
        (r"^/users/[^/]+/collected_items(?:/[^/]+)?$", "collected_items", "user"),
        (r"^/oauth_token$", "oauth", "oauth"),
        (r"^/search_by_image$", "image_search", "image_search"),
    )
)


def _listing(key: str) -> Callable[[Any], str | None]:
    def check(body: Any) -> str | None:
        if not isinstance(body, dict):
            return f"a {type(body).__name__}, not an object with a {key!r} list"
        if not isinstance(body.get(key), list):
            return f"no {key!r} list"
        return _objects(body[key], key)
    return check


def _objects(items: list[Any], what: str) -> str | None:
    for item in items:
        if not isinstance(item, dict):
            return f"{what} holding a {type(item).__name__}, not objects"
    return None


def _record(body: Any) -> str | None:
    if not isinstance(body, dict):
        return f"a {type(body).__name__}, not an object"
    return None if body.get("id") is not None else "no 'id'"


def _array(body: Any) -> str | None:
    if not isinstance(body, list):
        return f"a {type(body).__name__}, not a list"
    return _objects(body, "a list")


def _object(body: Any) -> str | None:
    return None if isinstance(body, dict) else f"a {type(body).__name__}, not an object"


#: The least a 200 to a GET must hold to be used (and cached), by endpoint name; a path ending
#: in an id (``/mints/5``, ``/collected_items/7``) is one record, checked by ``_record``.
SHAPES: Mapping[str, Callable[[Any], str | None]] = {
    "search": _listing("types"),
    "types": _record,
    "issues": _array,
    "prices": _listing("prices"),
    "issuers": _listing("issuers"),
    "mints": _listing("mints"),
    "catalogues": _listing("catalogues"),
    "publications": _record,
    "users": _object,
    "collections": _listing("collections"),
    "collected_items": _listing("items"),
}
_ONE_RECORD = re.compile(r"^/(?:mints|users/[^/]+/collected_items)/[^/]+$")


def shape_problem(path: str, body: Any) -> str | None:
    """What is wrong with a decoded 200 body for this path, or None when it can be used.

    Examples
    --------
    >>> shape_problem("/types", {"count": 0, "types": []}) is None
    True
    >>> shape_problem("/types/1/issues", {"issues": []})
    'a dict, not a list'
    >>> shape_problem("/types/1/issues/2/prices", {})
    "no 'prices' list"
    """
    path = "/" + path.strip("/")
    if _ONE_RECORD.match(path):
        return _record(body)
    check = SHAPES.get(classify_path(path).name)
    return check(body) if check else None


def classify_path(path: str) -> Endpoint:
    """The endpoint of a path relative to the API base (``/types/99700/issues``).

    Examples
    --------
    >>> classify_path("/types/99700/issues/1/prices")
    Endpoint(name='prices', family='prices')
    >>> classify_path("/users/1/collected_items")
    Endpoint(name='collected_items', family='user')
    """
    path = "/" + path.strip("/")
    for pattern, endpoint in _ROUTES:
        if pattern.match(path):
            return endpoint
    return Endpoint("other", "other")

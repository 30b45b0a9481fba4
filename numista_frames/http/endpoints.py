"""Which endpoint a URL path is, and which cache family it belongs to (pure)."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["CACHED_FAMILIES", "Endpoint", "classify_path"]

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

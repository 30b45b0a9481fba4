"""Users' collections in a fake Numista API: list, add, edit and delete collected items."""

from __future__ import annotations

import copy
import datetime as dt
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from numista_frames.testing.catalogue import SampleCatalogue
from numista_frames.testing.vocabulary import CATEGORIES, GRADES, ApiError, JsonDict, invalid, json_number

__all__ = ["UserStore", "render_item"]

_DIGITS_RE = re.compile(r"^\d+$")
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STRINGS = (
    "private_comment",
    "public_comment",
    "storage_location",
    "acquisition_place",
    "serial_number",
    "internal_id",
)
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#039;"})
_OPTIONAL_FIELDS = (  # optional fields of a collected item, in the order Numista serves them
    *("grade", "private_comment", "public_comment", "price", "collection", "storage_location"),
    *("acquisition_place", "acquisition_date", "serial_number", "internal_id"),
    *("weight", "size", "axis", "grading_details"),
)
# Fields that PATCH may set to null to clear them (Numista documents which).
_CLEARABLE = frozenset({"issue", "grade", "price"})


@dataclass(frozen=True)
class _Context:
    catalogue: SampleCatalogue
    collection_ids: frozenset[int]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _id_like(value: Any, name: str) -> int:
    """An id sent as an int or as a string of digits (clients send ``type`` both ways)."""
    if _is_int(value):
        return int(value)
    if isinstance(value, str) and _DIGITS_RE.match(value):
        return int(value)
    raise invalid(name)


def _check_type(value: Any, ctx: _Context) -> int:
    type_id = _id_like(value, "type")
    if not ctx.catalogue.has_type(type_id):
        raise invalid("type")
    return type_id


def _check_issue(value: Any, ctx: _Context) -> int:
    issue_id = _id_like(value, "issue")
    if ctx.catalogue.issue_type(issue_id) is None:
        raise invalid("issue")
    return issue_id


def _check_price(value: Any, ctx: _Context) -> JsonDict:
    if (
        not isinstance(value, dict)
        or not _is_number(value.get("value"))
        or not _CURRENCY_RE.match(str(value.get("currency", "")))
    ):
        raise invalid("price")
    return {"value": value["value"], "currency": value["currency"]}


def _check_collection(value: Any, ctx: _Context) -> int:
    collection_id = _id_like(value, "collection")
    if collection_id not in ctx.collection_ids:
        raise invalid("collection")
    return collection_id


def _check_date(value: Any, ctx: _Context) -> str:
    try:
        if isinstance(value, str) and _DATE_RE.match(value):
            dt.date.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise invalid("acquisition_date")


def _check_grading(value: Any, ctx: _Context) -> JsonDict:
    if not isinstance(value, dict) or not _is_int(value.get("grading_company")):
        raise invalid("grading_details")
    return copy.deepcopy(value)


def _simple(name: str, accept: Callable[[Any], bool]) -> Callable[[Any, _Context], Any]:
    def check(value: Any, ctx: _Context) -> Any:
        if not accept(value):
            raise invalid(name)
        return value

    return check


_CHECKS: dict[str, Callable[[Any, _Context], Any]] = {
    "type": _check_type,
    "issue": _check_issue,
    "quantity": _simple("quantity", lambda v: _is_int(v) and v >= 1),
    "grade": _simple("grade", lambda v: v in GRADES),
    "for_swap": _simple("for_swap", lambda v: isinstance(v, bool)),
    "price": _check_price,
    "collection": _check_collection,
    "acquisition_date": _check_date,
    "weight": _simple("weight", lambda v: _is_number(v) and v > 0),
    "size": _simple("size", lambda v: _is_number(v) and v > 0),
    "axis": _simple("axis", lambda v: _is_int(v) and 1 <= v <= 12),
    "grading_details": _check_grading,
    **{name: _simple(name, lambda v: isinstance(v, str)) for name in _STRINGS},
}


def _object_body(body: Any) -> Mapping[str, Any]:
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object")
    return body


def _apply(stored: JsonDict, body: Mapping[str, Any], ctx: _Context, *, clearing: bool) -> JsonDict:
    """Return ``stored`` updated with the known fields of ``body`` (unknown fields are ignored)."""
    result = dict(stored)
    for name, value in body.items():
        if name not in _CHECKS:
            continue
        if value is None and clearing and name in _CLEARABLE:
            result.pop(name, None)
        elif value is None:
            raise invalid(name)
        else:
            result[name] = _CHECKS[name](value, ctx)
    issue = result.get("issue")
    if issue is not None and ctx.catalogue.issue_type(issue) != result["type"]:
        raise ApiError(400, f"Issue {issue} does not belong to type {result['type']}")
    return result


def render_item(
    catalogue: SampleCatalogue,
    stored: Mapping[str, Any],
    collections: Iterable[Mapping[str, Any]],
    lang: str = "en",
    *,
    bare_collection: bool = False,
) -> JsonDict:
    """Expand a stored collected item into the shape the API serves.

    Parameters
    ----------
    catalogue : SampleCatalogue
        Where types and issues are looked up.
    stored : Mapping
        The stored item (the POST body plus ``id``).
    collections : Iterable of Mapping
        The owner's collections ``{id, name}``.
    lang : str
        ``en``, ``es`` or ``fr`` (translates the issuer name).
    bare_collection : bool
        Serve ``collection`` as a bare int, as the POST 201 body does.

    Returns
    -------
    dict
        The item with ``type{id, title, category, issuer}`` (title HTML-escaped like
        ``&quot;``), the full ``issue``, ``for_swap``, ``collection{id, name}`` and the other
        stored fields (integral numbers as ints); ``pictures`` is never served.
    """
    item: JsonDict = {"id": stored["id"], "quantity": stored.get("quantity", 1)}
    item["type"] = catalogue.type_summary(int(stored["type"]), lang)
    item["type"]["title"] = str(item["type"].get("title", "")).translate(_HTML_ESCAPES)
    issue = catalogue.get_issue(int(stored["issue"])) if stored.get("issue") is not None else None
    if issue is not None:
        item["issue"] = issue
    item["for_swap"] = bool(stored.get("for_swap", False))
    for name in _OPTIONAL_FIELDS:
        if stored.get(name) is not None:
            item[name] = copy.deepcopy(stored[name])
    for name in ("weight", "size"):
        if name in item:
            item[name] = json_number(item[name])
    if "price" in item:
        item["price"]["value"] = json_number(item["price"]["value"])
    if "collection" in item and not bare_collection:
        item["collection"] = _collection_object(item["collection"], collections)
    if "grading_details" in item:
        item["grading_details"] = _grading_details(item["grading_details"])
    return item


def _collection_object(collection_id: Any, collections: Iterable[Mapping[str, Any]]) -> JsonDict:
    for collection in collections:
        if collection["id"] == collection_id:
            return {"id": collection["id"], "name": collection["name"]}
    return {"id": collection_id}


def _grading_details(details: Any) -> Any:
    """Serve ids stored from a POST body (``"slab_grade": 13``) as objects (``{"id": 13}``)."""
    if not isinstance(details, dict):
        return details
    served: JsonDict = {}
    for key, value in details.items():
        if _is_int(value):
            served[key] = {"id": value}
        elif key == "grading_designations" and isinstance(value, list):
            served[key] = [{"id": v} if _is_int(v) else v for v in value]
        else:
            served[key] = value
    return served


def _counts(items: list[JsonDict]) -> JsonDict:
    swap = [item for item in items if item["for_swap"]]
    return {
        "item_count": sum(item["quantity"] for item in items),
        "item_for_swap_count": sum(item["quantity"] for item in swap),
        "item_type_count": len({item["type"]["id"] for item in items}),
        "item_type_for_swap_count": len({item["type"]["id"] for item in swap}),
        "items": items,
    }


class UserStore:
    """The users and collections of one fake server: a private copy, mutated by writes.

    Parameters
    ----------
    catalogue : SampleCatalogue
        The catalogue the users come from (its own data is never modified).
    """

    def __init__(self, catalogue: SampleCatalogue) -> None:
        self._catalogue = catalogue
        self._users = catalogue.initial_users()
        ids = [item["id"] for user in self._users.values() for item in user.get("items", [])]
        self._next_id = max(ids, default=0) + 1
        self._lock = threading.RLock()

    def has_user(self, user_id: int) -> bool:
        """Tell whether the user exists."""
        return user_id in self._users

    def stored_items(self, user_id: int) -> list[JsonDict]:
        """A copy of the user's stored items (the POST bodies plus ids), for tests."""
        with self._lock:
            return copy.deepcopy(self._user(user_id).get("items", []))

    def collections(self, user_id: int) -> JsonDict:
        """Answer ``GET /users/{user_id}/collections``: ``{count, collections}``."""
        with self._lock:
            collections = copy.deepcopy(self._user(user_id).get("collections", []))
        return {"count": len(collections), "collections": collections}

    def list_items(self, user_id: int, params: Mapping[str, str], lang: str = "en") -> JsonDict:
        """Answer ``GET /users/{user_id}/collected_items`` (filters ``category``, ``type``, ``collection``).

        Raises
        ------
        ApiError
            400 for a bad filter, 404 for an unknown user.
        """
        category = params.get("category")
        if category is not None and category not in CATEGORIES:
            raise invalid("category")
        wanted = {name: _id_like(params[name], name) for name in ("type", "collection") if name in params}
        with self._lock:
            user = self._user(user_id)
            stored = [
                item
                for item in user.get("items", [])
                if all(item.get(name) == value for name, value in wanted.items())
            ]
            items = [self._render(user, item, lang) for item in stored]
        if category is not None:
            items = [item for item in items if item["type"].get("category") == category]
        return _counts(items)

    def get_item(self, user_id: int, item_id: int, lang: str = "en") -> JsonDict:
        """Answer ``GET /users/{user_id}/collected_items/{item_id}``.

        Raises
        ------
        ApiError
            404 for an unknown user or item.
        """
        with self._lock:
            user = self._user(user_id)
            return self._render(user, self._item(user, item_id), lang)

    def add_item(self, user_id: int, body: Any, lang: str = "en") -> JsonDict:
        """Answer ``POST /users/{user_id}/collected_items``: store the item and render it.

        Parameters
        ----------
        user_id : int
            The owner.
        body : Any
            The decoded JSON body; ``type`` (int or digit string) is required.
        lang : str
            ``en``, ``es`` or ``fr``.

        Returns
        -------
        dict
            The new item, with ``collection`` as a bare int as the real 201 body has it.

        Raises
        ------
        ApiError
            400 for a bad body, 404 for an unknown user.
        """
        fields = _object_body(body)
        with self._lock:
            user = self._user(user_id)
            ctx = self._context(user)
            if "type" not in fields:
                raise ApiError(400, "Missing parameter 'type'")
            stored = _apply({"quantity": 1, "for_swap": False}, fields, ctx, clearing=False)
            stored = {"id": self._next_id, **stored}
            self._next_id += 1
            user.setdefault("items", []).append(stored)
            return self._render(user, stored, lang, bare_collection=True)

    def update_item(self, user_id: int, item_id: int, body: Any, lang: str = "en") -> JsonDict:
        """Answer ``PATCH /users/{user_id}/collected_items/{item_id}``: change only sent fields.

        ``issue``, ``grade`` and ``price`` may be null to clear them; other nulls are a 400.

        Raises
        ------
        ApiError
            400 for a bad body, 404 for an unknown user or item.
        """
        fields = _object_body(body)
        with self._lock:
            user = self._user(user_id)
            item = self._item(user, item_id)
            updated = _apply(item, fields, self._context(user), clearing=True)
            item.clear()
            item.update(updated)
            return self._render(user, item, lang)

    def delete_item(self, user_id: int, item_id: int) -> None:
        """Answer ``DELETE /users/{user_id}/collected_items/{item_id}``.

        Raises
        ------
        ApiError
            404 for an unknown user or item.
        """
        with self._lock:
            user = self._user(user_id)
            user["items"].remove(self._item(user, item_id))

    def _user(self, user_id: int) -> JsonDict:
        if user_id not in self._users:
            raise ApiError(404, f"User {user_id} not found")
        return self._users[user_id]

    @staticmethod
    def _item(user: JsonDict, item_id: int) -> JsonDict:
        for item in user.get("items", []):
            if item["id"] == item_id:
                return item  # type: ignore[no-any-return]
        raise ApiError(404, f"Collected item {item_id} not found")

    def _context(self, user: JsonDict) -> _Context:
        ids = frozenset(int(c["id"]) for c in user.get("collections", []))
        return _Context(self._catalogue, ids)

    def _render(
        self, user: JsonDict, item: JsonDict, lang: str, *, bare_collection: bool = False
    ) -> JsonDict:
        collections = user.get("collections", [])
        return render_item(self._catalogue, item, collections, lang, bare_collection=bare_collection)

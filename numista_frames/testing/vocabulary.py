"""Vocabularies, translated labels and the error type shared by the fake Numista API's modules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "CATEGORIES",
    "GRADES",
    "ISSUER_LABELS",
    "ITEM_LABELS",
    "LANGS",
    "MINT_LABELS",
    "SEARCH_LABELS",
    "TYPE_LABELS",
    "ApiError",
    "JsonDict",
    "LabelPath",
    "invalid",
    "json_number",
    "localise",
]

JsonDict = dict[str, Any]

#: Grades in Numista's order, worst first.
GRADES: tuple[str, ...] = ("g", "vg", "f", "vf", "xf", "au", "unc")
#: Languages accepted by the ``lang`` parameter.
LANGS: tuple[str, ...] = ("en", "es", "fr")
#: Catalogue categories.
CATEGORIES: tuple[str, ...] = ("coin", "banknote", "exonumia")


class ApiError(Exception):
    """An answer other than success, raised by the fake's pure code and served as JSON.

    Parameters
    ----------
    status : int
        The HTTP status code to answer with.
    message : str
        The ``error_message`` of the body.
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def invalid(name: str) -> ApiError:
    """The 400 error Numista gives for a bad parameter.

    Parameters
    ----------
    name : str
        The parameter's name.

    Returns
    -------
    ApiError
        ``400 "Invalid value for parameter '<name>'"``.
    """
    return ApiError(400, f"Invalid value for parameter '{name}'")


def json_number(value: Any) -> Any:
    """A number as Numista serves it: integral values as JSON ints, others as floats.

    Examples
    --------
    >>> json_number(20.0), json_number(66.5425), json_number("x")
    (20, 66.5425, 'x')
    """
    return int(value) if isinstance(value, float) and value.is_integer() else value


#: Where a label sits in a body: dict keys from the root, list levels skipped.
LabelPath = tuple[str, ...]
#: Labels ``lang`` translates in a type, in issuers, mints, search items, collected items.
TYPE_LABELS: frozenset[LabelPath] = frozenset(
    {
        ("issuer", "name"),
        ("object_type", "name"),
        ("type",),
        ("composition", "text"),
        ("technique", "text"),
        ("shape",),
        ("value", "currency", "name"),
        ("value", "currency", "full_name"),
        ("mints", "name"),
        ("ruler", "group", "name"),
        ("related_types", "country", "name"),
        ("related_types", "issuer", "name"),
    }
    | {(side, "lettering_scripts", "name") for side in ("obverse", "reverse", "edge", "watermark")}
)
ISSUER_LABELS: frozenset[LabelPath] = frozenset({("name",), ("parent", "name")})
MINT_LABELS: frozenset[LabelPath] = frozenset({("name",), ("country", "name")})
SEARCH_LABELS: frozenset[LabelPath] = frozenset({("issuer", "name"), ("object_type", "name")})
ITEM_LABELS: frozenset[LabelPath] = frozenset({("type", "issuer", "name")})


def localise(value: Any, labels: frozenset[LabelPath], table: Mapping[str, str], at: LabelPath = ()) -> Any:
    """Deep-copy a body without its private ``_`` keys, translating the labels at ``labels``.

    Parameters
    ----------
    value : Any
        A JSON-ready body.
    labels : frozenset of LabelPath
        Where the translated labels sit.
    table : Mapping
        English label -> translation; labels missing from it stay English.
    at : LabelPath
        The path of ``value`` itself (for the recursion).

    Returns
    -------
    Any
        The copy.

    Examples
    --------
    >>> localise({"issuer": {"name": "Spain"}, "_secret": 1}, frozenset({("issuer", "name")}),
    ...          {"Spain": "España"})
    {'issuer': {'name': 'España'}}
    """
    if isinstance(value, dict):
        return {
            key: localise(item, labels, table, (*at, key))
            for key, item in value.items()
            if not key.startswith("_")
        }
    if isinstance(value, list):
        return [localise(item, labels, table, at) for item in value]
    if isinstance(value, str) and at in labels:
        return table.get(value, value)
    return value

"""The one table of columns (name, dtype, JSON source, description) of every frame numista_frames returns.

One module per family of resources holds its tables; this module assembles them and answers
questions about them (``columns``, ``dtypes``, ``empty_frame``, ``schema_frame``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from numista_frames.frames.schema.base import (
    _DTYPE_LABELS,
    ATTRIBUTION,
    CATEGORY_DTYPE,
    DTYPES,
    GRADE_DTYPE,
    JOIN_SEPARATOR,
    SCHEMA_VERSION,
    SIDE_DTYPE,
    SIDES,
    STRING_DTYPE,
    Column,
    Table,
)
from numista_frames.frames.schema.catalogue import _ISSUES, _PRICE_HISTORY, _PRICES, _SEARCH, _TYPES
from numista_frames.frames.schema.parts import _PARTS
from numista_frames.frames.schema.reference import _CATALOGUES, _ISSUERS, _MINTS, _PUBLICATIONS
from numista_frames.frames.schema.user import _COLLECTED_ITEMS, _COLLECTIONS, _USER

__all__ = [
    "ATTRIBUTION",
    "CATEGORY_DTYPE",
    "DTYPES",
    "GRADE_DTYPE",
    "ISSUE_PARTS",
    "JOIN_SEPARATOR",
    "PUBLICATION_PARTS",
    "RESOURCES",
    "SCHEMA_VERSION",
    "SIDES",
    "SIDE_DTYPE",
    "STRING_DTYPE",
    "TABLES",
    "TYPE_PARTS",
    "Column",
    "Table",
    "columns",
    "dtypes",
    "empty_frame",
    "schema_frame",
]


#: Every table, by resource name.
TABLES: Mapping[str, Table] = {
    table.resource: table
    for table in (
        Table("search", "GET /types (and /search_by_image) items, one row per type", _SEARCH),
        Table("types", "GET /types/{id}: one row per type", _TYPES),
        Table("issues", "GET /types/{id}/issues: one row per issue", _ISSUES),
        Table("prices", "GET .../issues/{id}/prices: one row per type, issue and grade", _PRICES, "prices"),
        Table("price_history", "The local price history: one row per observation", _PRICE_HISTORY),
        Table("issuers", "GET /issuers: one row per issuer", _ISSUERS),
        Table("mints", "GET /mints, /mints/{id}: one row per mint", _MINTS),
        Table("catalogues", "GET /catalogues: one row per catalogue", _CATALOGUES),
        Table("publications", "GET /publications/{id}: one row per publication", _PUBLICATIONS),
        Table("user", "GET /users/{id}: one row", _USER),
        Table("collections", "GET /users/{id}/collections: one row per collection", _COLLECTIONS),
        Table("collected_items", "GET /users/{id}/collected_items: one row per item", _COLLECTED_ITEMS),
        *_PARTS,
    )
}
RESOURCES = tuple(TABLES)


def _parts_of(parent: str) -> dict[str, str]:
    prefix = {"types": "type_", "issues": "issue_", "publications": "publication_"}[parent]
    return {t.resource.removeprefix(prefix): t.resource for t in _PARTS if t.parent == parent}


#: Part names accepted by ``normalize_type_parts`` and the resource each gives.
TYPE_PARTS: Mapping[str, str] = _parts_of("types")
ISSUE_PARTS: Mapping[str, str] = _parts_of("issues")
PUBLICATION_PARTS: Mapping[str, str] = _parts_of("publications")


def _table(resource: str) -> Table:
    try:
        return TABLES[resource]
    except KeyError:
        raise ValueError(f"unknown resource {resource!r}; known: {', '.join(RESOURCES)}") from None


def columns(resource: str) -> list[str]:
    """The column names of a resource's frame, in order.

    Parameters
    ----------
    resource : str
        A key of ``TABLES`` (``"search"``, ``"types"``, ``"type_rulers"``...).

    Returns
    -------
    list of str
        Column names.

    Raises
    ------
    ValueError
        For an unknown resource.

    Examples
    --------
    >>> columns("user")
    ['user_id', 'username', 'avatar']
    """
    return [column.name for column in _table(resource).columns]


def dtypes(resource: str) -> dict[str, Any]:
    """The pandas dtype of each column of a resource's frame, in order.

    Examples
    --------
    >>> dtypes("collections")["name"]
    <StringDtype(na_value=<NA>)>
    """
    return {column.name: DTYPES[column.dtype] for column in _table(resource).columns}


def empty_frame(resource: str) -> pd.DataFrame:
    """A frame with every column of a resource, the right dtypes and no rows.

    Parameters
    ----------
    resource : str
        A key of ``TABLES``.

    Returns
    -------
    DataFrame
        Zero rows; what the resource's normaliser returns for an empty body.

    Raises
    ------
    ValueError
        For an unknown resource.

    Examples
    --------
    >>> empty_frame("prices").dtypes["grade"]
    CategoricalDtype(categories=['g', 'vg', 'f', 'vf', 'xf', 'au', 'unc'], ordered=True, categories_dtype=str)
    """
    return pd.DataFrame({name: pd.array([], dtype=dtype) for name, dtype in dtypes(resource).items()})


def schema_frame(resource: str) -> pd.DataFrame:
    """Describe a resource's frame: one row per column with name, dtype, source and description.

    Examples
    --------
    >>> schema_frame("issuers").loc[2].tolist()
    ['parent_code', 'string', 'parent.code', 'Code of the parent issuer']
    """
    rows = [(c.name, _DTYPE_LABELS.get(c.dtype, c.dtype), c.source, c.description)
            for c in _table(resource).columns]
    names = ["name", "dtype", "source", "description"]
    return pd.DataFrame(rows, columns=names).astype(STRING_DTYPE)

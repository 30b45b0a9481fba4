"""Pure functions turning decoded Numista JSON into DataFrames with the fixed schemas of ``schema``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import pandas as pd

from numista_frames.frames.parts import InParts, build_frame, records_of
from numista_frames.frames.schema import ISSUE_PARTS, PUBLICATION_PARTS, TABLES, TYPE_PARTS, Table

__all__ = [
    "InParts",
    "PriceRecord",
    "issue_parts_in_parts",
    "issues_in_parts",
    "normalize_catalogues",
    "normalize_collected_items",
    "normalize_collections",
    "normalize_issue_parts",
    "normalize_issuers",
    "normalize_issues",
    "normalize_mints",
    "normalize_price_history",
    "normalize_prices",
    "normalize_publication_parts",
    "normalize_publications",
    "normalize_search",
    "normalize_type_parts",
    "normalize_types",
    "normalize_user",
    "type_parts_in_parts",
    "types_in_parts",
]

JsonObject = Mapping[str, Any]
#: Issues grouped by the type they belong to: ``{type_id: [issue, ...]}`` or ``(type_id, issues)`` pairs.
IssuesByType = Mapping[Any, Iterable[JsonObject]] | Iterable[tuple[Any, Iterable[JsonObject]]]
Timestamp = dt.datetime | str | float | None


class PriceRecord(NamedTuple):
    """One answer of ``GET /types/{type_id}/issues/{issue_id}/prices`` and what it is about.

    Attributes
    ----------
    type_id, issue_id : int
        The type and issue the prices were asked for.
    body : Mapping
        The decoded body ``{"currency": "EUR", "prices": [{"grade": "vf", "price": 2.5}, ...]}``.
    issue : Mapping, optional
        The issue object (from ``/types/{id}/issues``), for its year, mint letter and comment.
    fetched_at : datetime, str or float, optional
        When the body was fetched: an aware or naive (taken as UTC) datetime, an ISO 8601
        string or POSIX seconds.
    """

    type_id: int
    issue_id: int
    body: JsonObject
    issue: JsonObject | None = None
    fetched_at: Timestamp = None


def normalize_search(items: Iterable[JsonObject] | JsonObject | None, *,
                     lang: str | None = None) -> pd.DataFrame:
    """Search results (``GET /types``, ``POST /search_by_image``) as the ``search`` frame.

    Parameters
    ----------
    items : list of dict or dict
        Search items, possibly concatenated across pages, or one page body ``{count, types}``.
    lang : str, optional
        The language the items were asked in (the ``lang`` column).

    Returns
    -------
    DataFrame
        One row per item, the columns of ``schema.columns("search")``.

    Examples
    --------
    >>> df = normalize_search({"count": 1, "types": [{"id": 420, "title": "5 Cents",
    ...     "category": "coin", "issuer": {"code": "canada", "name": "Canada"}, "minYear": 1858}]})
    >>> df[["id", "issuer_code", "min_year"]].values.tolist()
    [[420, 'canada', 1858]]
    """
    return _with_lang(TABLES["search"], records_of(items, "types"), lang)


def normalize_types(bodies: Iterable[JsonObject] | JsonObject | None, *,
                    lang: str | None = None) -> pd.DataFrame:
    """Full types (``GET /types/{id}``) as the ``types`` frame, one row per type.

    Parameters
    ----------
    bodies : dict or iterable of dict
        One type body or several.
    lang : str, optional
        The language the bodies were asked in (the ``lang`` column).

    Returns
    -------
    DataFrame
        The columns of ``schema.columns("types")``; lettering lines end in ``\\n``.

    Examples
    --------
    >>> df = normalize_types({"id": 99700, "title": "¼ Dollar", "issuer": {"code": "etats-unis"},
    ...     "value": {"text": "¼ Dollar ", "numeric_value": 0.25, "numerator": 1, "denominator": 4}})
    >>> df[["value_text", "value_numeric", "value_denominator"]].values.tolist()
    [['¼ Dollar', 0.25, 4]]
    """
    return _whole(types_in_parts(lang=lang), bodies)


def _with_lang(table: Table, records: list[dict[str, Any]], lang: str | None) -> pd.DataFrame:
    """A frame whose text depends on the language asked for: each row says which it was."""
    return build_frame(table, records, {"@lang": [lang] * len(records)})


def _issue_records(issues_by_type: IssuesByType | None) -> tuple[list[dict[str, Any]], list[Any]]:
    pairs = issues_by_type.items() if isinstance(issues_by_type, Mapping) else issues_by_type or ()
    records: list[dict[str, Any]] = []
    type_ids: list[Any] = []
    for type_id, issues in pairs:
        batch = records_of(issues)
        records.extend(batch)
        type_ids.extend([type_id] * len(batch))
    return records, type_ids


def normalize_issues(issues_by_type: IssuesByType | None, *, lang: str | None = None) -> pd.DataFrame:
    """Issues (``GET /types/{id}/issues``) as the ``issues`` frame, one row per issue.

    Parameters
    ----------
    issues_by_type : Mapping or iterable of pairs
        ``{type_id: [issue, ...]}`` or ``[(type_id, [issue, ...]), ...]``; Numista's order is kept.

    Returns
    -------
    DataFrame
        The columns of ``schema.columns("issues")``: ``year`` as written (text), ``gregorian_year``.

    Examples
    --------
    >>> df = normalize_issues({9001: [{"id": 1, "is_dated": True, "year": "平成元年",
    ...                                "gregorian_year": 1989}]})
    >>> df[["type_id", "issue_id", "year", "gregorian_year"]].values.tolist()
    [[9001, 1, '平成元年', 1989]]
    """
    return _whole(issues_in_parts(lang=lang), issues_by_type)


def normalize_prices(
    records: Iterable[PriceRecord | tuple[Any, ...]] | None, *, fetched_at: Timestamp = None
) -> pd.DataFrame:
    """Price estimates as the long ``prices`` frame: one row per (type_id, issue_id, grade).

    Parameters
    ----------
    records : iterable of PriceRecord or tuple
        ``(type_id, issue_id, body[, issue[, fetched_at]])`` for each prices request.
    fetched_at : datetime, str or float, optional
        Fetch time for records that carry none.

    Returns
    -------
    DataFrame
        The columns of ``schema.columns("prices")``; an issue without estimates gives no row.

    Examples
    --------
    >>> body = {"currency": "EUR", "prices": [{"grade": "f", "price": 1}, {"grade": "vf", "price": 2.5}]}
    >>> df = normalize_prices([PriceRecord(1031, 7, body, {"id": 7, "year": 1909})],
    ...                       fetched_at="2026-11-26T10:00:00Z")
    >>> df[["issue_id", "grade", "price", "year"]].values.tolist()
    [[7, 'f', 1.0, '1909'], [7, 'vf', 2.5, '1909']]
    """
    rows = [r if isinstance(r, PriceRecord) else PriceRecord(*r) for r in records or ()]
    context: dict[str, list[Any]] = {
        "@type_id": [r.type_id for r in rows],
        "@issue_id": [r.issue_id for r in rows],
        "@issue": [r.issue for r in rows],
        "@fetched_at": [fetched_at if r.fetched_at is None else r.fetched_at for r in rows],
    }
    bodies = [r.body if isinstance(r.body, dict) else {} for r in rows]
    return build_frame(TABLES["prices"], bodies, context)


def normalize_price_history(records: Iterable[JsonObject] | None) -> pd.DataFrame:
    """Price observations (records with the ``price_history`` columns) as that frame.

    For moving a history between machines as JSON or CSV records; ``observed_at`` may be an
    ISO 8601 string, a datetime or POSIX seconds.

    Examples
    --------
    >>> df = normalize_price_history([{"type_id": 1, "issue_id": "2", "currency": "EUR",
    ...     "grade": "VF", "price": 3, "observed_at": "2026-01-31T00:00:00Z"}])
    >>> df[["issue_id", "grade", "price"]].values.tolist()
    [[2, 'vf', 3.0]]
    """
    return build_frame(TABLES["price_history"], [dict(r) for r in records or ()])


def normalize_issuers(body: JsonObject | Iterable[JsonObject] | None, *,
                      lang: str | None = None) -> pd.DataFrame:
    """Issuers (``GET /issuers``, the body or its ``issuers`` list) as the ``issuers`` frame.

    Examples
    --------
    >>> df = normalize_issuers({"count": 1, "issuers": [{"code": "hong_kong", "name": "Hong Kong",
    ...     "parent": {"code": "china", "name": "China"}, "level": 2}]})
    >>> df[["code", "parent_code", "level"]].values.tolist()
    [['hong_kong', 'china', 2]]
    """
    return _with_lang(TABLES["issuers"], records_of(body, "issuers"), lang)


def normalize_mints(body: JsonObject | Iterable[JsonObject] | None, *,
                    lang: str | None = None) -> pd.DataFrame:
    """Mints (``GET /mints`` body, a list of mints, or one ``GET /mints/{id}`` body).

    Examples
    --------
    >>> df = normalize_mints({"id": "10", "name": "Denver", "end_year": 9999})
    >>> df[["id", "end_year", "is_active"]].values.tolist()
    [[10, 9999, True]]
    """
    return _with_lang(TABLES["mints"], records_of(body, "mints", single=True), lang)


def normalize_catalogues(body: JsonObject | Iterable[JsonObject] | None) -> pd.DataFrame:
    """Reference catalogues (``GET /catalogues``) as the ``catalogues`` frame.

    Examples
    --------
    >>> normalize_catalogues({"count": 1, "catalogues": [{"id": 3, "code": "KM"}]})["code"].tolist()
    ['KM']
    """
    return build_frame(TABLES["catalogues"], records_of(body, "catalogues"))


def normalize_publications(bodies: Iterable[JsonObject] | JsonObject | None) -> pd.DataFrame:
    """Publications (``GET /publications/{id}``, one body or several), one row each.

    Examples
    --------
    >>> df = normalize_publications({"id": "L106610", "year": "2017",
    ...     "contributors": [{"role": "author", "name": "David Hartill", "id": "369"}]})
    >>> df[["id", "year", "contributors"]].values.tolist()
    [['L106610', 2017, 'David Hartill']]
    """
    return build_frame(TABLES["publications"], records_of(bodies, single=True))


def normalize_user(user_id: int | str, body: JsonObject | None) -> pd.DataFrame:
    """A user (``GET /users/{user_id}``) as a one-row ``user`` frame.

    Examples
    --------
    >>> normalize_user(2, {"username": "Xavier", "avatar": "https://x/a.png"}).values.tolist()
    [[2, 'Xavier', 'https://x/a.png']]
    """
    return build_frame(TABLES["user"], [dict(body or {})], {"@user_id": [user_id]})


def normalize_collections(
    body: JsonObject | Iterable[JsonObject] | None, *, user_id: int | None = None
) -> pd.DataFrame:
    """A user's collections (``GET /users/{id}/collections``) as the ``collections`` frame.

    Examples
    --------
    >>> normalize_collections({"count": 1, "collections": [{"id": 43708, "name": "US"}]},
    ...                       user_id=2).values.tolist()
    [[2, 43708, 'US']]
    """
    records = records_of(body, "collections")
    return build_frame(TABLES["collections"], records, {"@user_id": [user_id] * len(records)})


def normalize_collected_items(
    body: JsonObject | Iterable[JsonObject] | None, *, user_id: int | None = None
) -> pd.DataFrame:
    """Collected items (the ``{items: [...]}`` body, a list of items or one item) as a frame.

    Titles are HTML-unescaped; ``collection`` may be an object or a bare id.

    Examples
    --------
    >>> df = normalize_collected_items({"id": 5, "type": {"id": 10637, "title": "&quot;Bust&quot;"},
    ...                                 "grade": "au", "collection": 43708})
    >>> df[["type_id", "title", "grade", "collection_id"]].values.tolist()
    [[10637, '"Bust"', 'au', 43708]]
    """
    records = records_of(body, "items", single=True)
    return build_frame(TABLES["collected_items"], records, {"@user_id": [user_id] * len(records)})


def _part_table(part: str, parts: Mapping[str, str], what: str) -> str:
    if part in parts.values():
        return part
    if part not in parts:
        raise ValueError(f"unknown {what} part {part!r}; choose one of {', '.join(parts)}")
    return parts[part]


def normalize_type_parts(bodies: Iterable[JsonObject] | JsonObject | None, part: str) -> pd.DataFrame:
    """One list of full types in long form, keyed by ``type_id``.

    Parameters
    ----------
    bodies : dict or iterable of dict
        Type bodies (``GET /types/{id}``).
    part : str
        A key of ``schema.TYPE_PARTS`` (``rulers``, ``mints``, ``printers``, ``references``, ``tags``,
        ``related_types``, ``lettering_scripts``, ``engravers``, ``designers``) or its resource name.

    Returns
    -------
    DataFrame
        The columns of ``schema.columns("type_" + part)``, one row per list element.

    Raises
    ------
    ValueError
        For an unknown part.

    Examples
    --------
    >>> body = {"id": 1, "mints": [{"id": "10", "name": "Denver"}], "tags": ["War"]}
    >>> normalize_type_parts(body, "mints").values.tolist()
    [[1, 10, 'Denver']]
    """
    return _whole(type_parts_in_parts(part), bodies)


def normalize_issue_parts(issues_by_type: IssuesByType | None, part: str) -> pd.DataFrame:
    """One list of issues (``marks``, ``signatures``, ``references``) in long form.

    Parameters
    ----------
    issues_by_type : Mapping or iterable of pairs
        As for :func:`normalize_issues`.
    part : str
        A key of ``schema.ISSUE_PARTS`` or its resource name.

    Returns
    -------
    DataFrame
        Keyed by ``type_id`` and ``issue_id``, one row per list element.

    Raises
    ------
    ValueError
        For an unknown part.

    Examples
    --------
    >>> issues = {5: [{"id": 8, "signatures": [{"signer_name": "H. Keller", "signer_title": "Cashier"}]}]}
    >>> normalize_issue_parts(issues, "signatures").values.tolist()
    [[5, 8, 'H. Keller', 'Cashier']]
    """
    return _whole(issue_parts_in_parts(part), issues_by_type)


def normalize_publication_parts(bodies: Iterable[JsonObject] | JsonObject | None, part: str) -> pd.DataFrame:
    """One list of publications (``contributors``, ``publishers``, ``places``, ``part_of``) in long form.

    Examples
    --------
    >>> body = {"id": "L106610", "publishers": [{"name": "Self-published", "id": "93"}]}
    >>> normalize_publication_parts(body, "publishers").values.tolist()
    [['L106610', 93, 'Self-published']]
    """
    table = TABLES[_part_table(part, PUBLICATION_PARTS, "publication")]
    return build_frame(table, records_of(bodies, single=True))


# -- the same, fed in parts as the answers come -------------------------------------------------


def _whole(normaliser: InParts, part: Any) -> pd.DataFrame:
    normaliser.add(part)
    return normaliser.frame()


def types_in_parts(*, lang: str | None = None) -> InParts:
    """:func:`normalize_types` in parts: add type bodies (one, or a list), then take the frame.

    Examples
    --------
    >>> n = types_in_parts(lang="en")
    >>> n.add([{"id": 1, "title": "A"}]); n.add({"id": 2, "title": "B"})
    >>> n.frame()[["id", "title", "lang"]].values.tolist()
    [[1, 'A', 'en'], [2, 'B', 'en']]
    """
    return _bodies_in_parts(TABLES["types"], {"@lang": lang})


def type_parts_in_parts(part: str) -> InParts:
    """:func:`normalize_type_parts` in parts (an unknown ``part`` raises ValueError here)."""
    return _bodies_in_parts(TABLES[_part_table(part, TYPE_PARTS, "type")], {})


def issues_in_parts(*, lang: str | None = None) -> InParts:
    """:func:`normalize_issues` in parts: add issues by type (a mapping or pairs)."""
    return _issues_in_parts(TABLES["issues"], {"@lang": lang})


def issue_parts_in_parts(part: str) -> InParts:
    """:func:`normalize_issue_parts` in parts (an unknown ``part`` raises ValueError here)."""
    return _issues_in_parts(TABLES[_part_table(part, ISSUE_PARTS, "issue")], {})


def _bodies_in_parts(table: Table, same: dict[str, Any]) -> InParts:
    """Parts of bodies, one record each; ``same`` holds context values common to every record."""
    def records(bodies: Any) -> tuple[list[Any], dict[str, list[Any]]]:
        found = records_of(bodies, single=True)
        return found, {name: [value] * len(found) for name, value in same.items()}

    return InParts(table, records)


def _issues_in_parts(table: Table, same: dict[str, Any]) -> InParts:
    """Parts of issues by type: each issue a record, its type id in ``@type_id``."""
    def records(issues_by_type: Any) -> tuple[list[Any], dict[str, list[Any]]]:
        found, type_ids = _issue_records(issues_by_type)
        return found, {"@type_id": type_ids, **{name: [value] * len(found)
                                                for name, value in same.items()}}

    return InParts(table, records)

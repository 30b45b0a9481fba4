"""The sample catalogue: load it, answer catalogue queries and render bodies as Numista does."""

from __future__ import annotations

import copy
import functools
import gzip
import importlib.resources
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from numista_frames.testing.vocabulary import (
    CATEGORIES,
    GRADES,
    LANGS,
    ApiError,
    JsonDict,
    invalid,
)
from numista_frames.testing.search import (
    SearchEntry,
    image_search_results,
    make_search_entry,
    parse_search_query,
)

__all__ = [
    "CATEGORIES",
    "GRADES",
    "LANGS",
    "ApiError",
    "SampleCatalogue",
    "load_sample_catalogue",
]

_FORMAT_VERSION = 1
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_SIDES = ("obverse", "reverse", "edge", "watermark")
_HTML_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#039;"}
)

Path_ = tuple[str, ...]
# Label paths (dict keys from the body's root, list levels skipped) that ``lang`` translates.
_TYPE_LABELS: frozenset[Path_] = frozenset(
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
    | {(side, "lettering_scripts", "name") for side in _SIDES}
)
_ISSUER_LABELS: frozenset[Path_] = frozenset({("name",), ("parent", "name")})
_MINT_LABELS: frozenset[Path_] = frozenset({("name",), ("country", "name")})
_SEARCH_LABELS: frozenset[Path_] = frozenset({("issuer", "name"), ("object_type", "name")})
_ITEM_LABELS: frozenset[Path_] = frozenset({("type", "issuer", "name")})
_ITEM_FIELDS = (
    "private_comment",
    "public_comment",
    "price",
    "collection",
    "storage_location",
    "acquisition_place",
    "acquisition_date",
    "serial_number",
    "internal_id",
    "weight",
    "size",
    "axis",
    "grading_details",
)


def _localise(value: Any, labels: frozenset[Path_], table: Mapping[str, str], at: Path_ = ()) -> Any:
    """Deep-copy ``value`` without private keys, translating the strings found at ``labels``."""
    if isinstance(value, dict):
        return {
            key: _localise(item, labels, table, (*at, key))
            for key, item in value.items()
            if not key.startswith("_")
        }
    if isinstance(value, list):
        return [_localise(item, labels, table, at) for item in value]
    if isinstance(value, str) and at in labels:
        return table.get(value, value)
    return value


def _by_int_key(mapping: Mapping[str, Any]) -> dict[int, Any]:
    return {int(key): value for key, value in mapping.items()}


class SampleCatalogue:
    """A read-only catalogue in the sample-catalogue format, answering like the API.

    Every method returns a fresh JSON-ready object shaped like the real body (private
    ``_`` keys removed, labels translated for ``lang``), so callers may mutate it.

    Parameters
    ----------
    data : Mapping
        The decoded sample catalogue (format 1, see ``data/README.md``).

    Raises
    ------
    ValueError
        If ``data`` declares another ``format_version``.

    Examples
    --------
    >>> cat = SampleCatalogue({"types": [{"id": 1, "title": "1 Cent"}]})
    >>> cat.get_type(1)["title"]
    '1 Cent'
    """

    def __init__(self, data: Mapping[str, Any]) -> None:
        version = data.get("meta", {}).get("format_version", _FORMAT_VERSION)
        if version != _FORMAT_VERSION:
            raise ValueError(f"unsupported sample catalogue format_version {version!r}")
        self._data = data
        self.rates: dict[str, float] = dict(data.get("rates") or {"EUR": 1.0})
        self._issuers: list[JsonDict] = list(data.get("issuers", []))
        self._issuer_codes = {issuer["code"] for issuer in self._issuers}
        self._aliases: dict[str, str] = dict(data.get("issuer_aliases", {}))
        self._mints = {int(mint["id"]): mint for mint in data.get("mints", [])}
        self._publications = {pub["id"]: pub for pub in data.get("publications", [])}
        self._types = {int(t["id"]): t for t in sorted(data.get("types", []), key=lambda t: t["id"])}
        self._issues: dict[int, list[JsonDict]] = _by_int_key(data.get("issues", {}))
        self._issue_type = {
            int(issue["id"]): type_id for type_id, issues in self._issues.items() for issue in issues
        }
        self._issue_by_id = {int(i["id"]): i for issues in self._issues.values() for i in issues}
        self._prices: dict[int, dict[str, float]] = _by_int_key(data.get("prices", {}))
        self._translations: dict[str, dict[str, str]] = dict(data.get("translations", {}))
        self._users: dict[int, JsonDict] = _by_int_key(data.get("users", {}))
        self._entries: list[SearchEntry] | None = None

    @classmethod
    def from_path(cls, path: str | Path) -> SampleCatalogue:
        """Read a catalogue file (``.json`` or gzip-compressed ``.json.gz``).

        Parameters
        ----------
        path : str or Path
            The file to read.

        Returns
        -------
        SampleCatalogue
            The catalogue.
        """
        raw = Path(path).read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return cls(json.loads(raw))

    # -- look-ups used by the server -------------------------------------------------------

    @property
    def type_ids(self) -> list[int]:
        """All type ids, ascending."""
        return list(self._types)

    @property
    def user_ids(self) -> list[int]:
        """All user ids, ascending."""
        return sorted(self._users)

    def has_issuer(self, code: str) -> bool:
        """Tell whether ``code`` is an issuer code or an English alias of one."""
        return code in self._issuer_codes or code in self._aliases

    def issuer_code(self, code_or_alias: str) -> str:
        """Resolve an English alias (``united-states``) to the issuer code (``etats-unis``)."""
        return self._aliases.get(code_or_alias, code_or_alias)

    def has_type(self, type_id: int) -> bool:
        """Tell whether the type exists."""
        return type_id in self._types

    def issue_type(self, issue_id: int) -> int | None:
        """The id of the type an issue belongs to, or None for an unknown issue."""
        return self._issue_type.get(issue_id)

    def initial_users(self) -> dict[int, JsonDict]:
        """A deep copy of the stored users (username, avatar, collections, items)."""
        return copy.deepcopy(self._users)

    # -- endpoints --------------------------------------------------------------------------

    def get_type(self, type_id: int, lang: str = "en") -> JsonDict:
        """Answer ``GET /types/{type_id}``.

        Parameters
        ----------
        type_id : int
            The type id.
        lang : str
            ``en``, ``es`` or ``fr``.

        Returns
        -------
        dict
            The full type, localised, ``url`` pointing at the ``lang`` site.

        Raises
        ------
        ApiError
            404 for an unknown type.
        """
        body: JsonDict = _localise(self._type(type_id), _TYPE_LABELS, self._table(lang))
        body["url"] = f"https://{lang}.numista.com/{type_id}"
        return body

    def get_issues(self, type_id: int, lang: str = "en") -> list[JsonDict]:
        """Answer ``GET /types/{type_id}/issues``: a bare list in Numista's order.

        Raises
        ------
        ApiError
            404 for an unknown type.
        """
        self._type(type_id)
        result: list[JsonDict] = _localise(self._issues.get(type_id, []), frozenset(), {})
        return result

    def get_prices(self, type_id: int, issue_id: int, currency: str = "EUR") -> JsonDict:
        """Answer ``GET /types/{type_id}/issues/{issue_id}/prices``.

        Parameters
        ----------
        type_id, issue_id : int
            The type and one of its issues.
        currency : str
            An ISO 4217 code known to the catalogue's ``rates``.

        Returns
        -------
        dict
            ``{"currency": ..., "prices": [{"grade": ..., "price": float}, ...]}`` in grade
            order, prices converted from EUR and rounded to 4 decimals.

        Raises
        ------
        ApiError
            400 for a bad currency, 404 for an unknown type or an issue of another type.

        Examples
        --------
        >>> cat = SampleCatalogue({"rates": {"EUR": 1.0, "USD": 1.1},
        ...     "types": [{"id": 1, "title": "t"}], "issues": {"1": [{"id": 7}]},
        ...     "prices": {"7": {"vf": 2, "f": 1}}})
        >>> cat.get_prices(1, 7, "USD")
        {'currency': 'USD', 'prices': [{'grade': 'f', 'price': 1.1}, {'grade': 'vf', 'price': 2.2}]}
        """
        if not _CURRENCY_RE.match(currency) or currency not in self.rates:
            raise invalid("currency")
        self._type(type_id)
        if self._issue_type.get(issue_id) != type_id:
            raise ApiError(404, f"Issue {issue_id} of type {type_id} not found")
        stored = self._prices.get(issue_id, {})
        rate = self.rates[currency]
        prices = [
            {"grade": grade, "price": round(float(stored[grade]) * rate, 4)}
            for grade in GRADES
            if grade in stored
        ]
        return {"currency": currency, "prices": prices}

    def get_issuers(self, lang: str = "en") -> JsonDict:
        """Answer ``GET /issuers``: ``{count, issuers}``."""
        issuers = _localise(self._issuers, _ISSUER_LABELS, self._table(lang))
        return {"count": len(issuers), "issuers": issuers}

    def get_mints(self, lang: str = "en") -> JsonDict:
        """Answer ``GET /mints``: ``{count, mints}``."""
        mints = _localise(list(self._mints.values()), _MINT_LABELS, self._table(lang))
        return {"count": len(mints), "mints": mints}

    def get_mint(self, mint_id: int, lang: str = "en") -> JsonDict:
        """Answer ``GET /mints/{mint_id}``.

        Raises
        ------
        ApiError
            404 for an unknown mint.
        """
        if mint_id not in self._mints:
            raise ApiError(404, f"Mint {mint_id} not found")
        mint: JsonDict = _localise(self._mints[mint_id], _MINT_LABELS, self._table(lang))
        return mint

    def get_catalogues(self) -> JsonDict:
        """Answer ``GET /catalogues``: ``{count, catalogues}``."""
        catalogues = _localise(self._data.get("catalogues", []), frozenset(), {})
        return {"count": len(catalogues), "catalogues": catalogues}

    def get_publication(self, publication_id: str) -> JsonDict:
        """Answer ``GET /publications/{id}``.

        Raises
        ------
        ApiError
            404 for an unknown publication.
        """
        if publication_id not in self._publications:
            raise ApiError(404, f"Publication {publication_id} not found")
        body: JsonDict = _localise(self._publications[publication_id], frozenset(), {})
        return body

    def get_user(self, user_id: int) -> JsonDict:
        """Answer ``GET /users/{user_id}``: ``{username, avatar}``.

        Raises
        ------
        ApiError
            404 for an unknown user.
        """
        if user_id not in self._users:
            raise ApiError(404, f"User {user_id} not found")
        user = self._users[user_id]
        return {key: user[key] for key in ("username", "avatar") if key in user}

    def search(self, params: Mapping[str, str]) -> JsonDict:
        """Answer ``GET /types`` (see :mod:`numista_frames.testing.search` for the rules).

        Parameters
        ----------
        params : Mapping
            The query parameters (``q``, ``issuer``, ``category``, ``year``, ``page``, ...).

        Returns
        -------
        dict
            ``{"count": total, "types": [search items of the page]}``, ordered by id.

        Raises
        ------
        ApiError
            400 for a bad or missing parameter.
        """
        query = parse_search_query(params, self.has_issuer, self.issuer_code)
        hits = [entry for entry in self._search_entries() if query.matches(entry)]
        start = (query.page - 1) * query.count
        page = [entry.item for entry in hits[start : start + query.count]]
        return {"count": len(hits), "types": self._localise_items(page, params.get("lang"))}

    def search_by_image(self, body: Any, lang: str = "en", *, experimental: bool = False) -> JsonDict:
        """Answer ``POST /search_by_image`` deterministically from a hash of the images.

        Parameters
        ----------
        body : Any
            The decoded JSON body ``{category?, images: [...], max_results?}``.
        lang : str
            ``en``, ``es`` or ``fr``.
        experimental : bool
            Add ``experimental_tentative_year`` and ``experimental_tentative_grade``.

        Returns
        -------
        dict
            ``{"count", "types": [search item + similarity_distance]}``, closest first.

        Raises
        ------
        ApiError
            400 for a malformed body.
        """
        result = image_search_results(body, self._search_entries(), experimental=experimental)
        result["types"] = self._localise_items(result["types"], lang)
        return result

    def render_item(
        self,
        stored: Mapping[str, Any],
        collections: Iterable[Mapping[str, Any]],
        lang: str = "en",
        *,
        bare_collection: bool = False,
    ) -> JsonDict:
        """Expand a stored collected item into the shape the API serves.

        Parameters
        ----------
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
            The collected item with ``type{id,title,category,issuer}`` (title HTML-escaped),
            the full ``issue`` and ``collection{id,name}``.
        """
        item: JsonDict = {"id": stored["id"], "quantity": stored.get("quantity", 1)}
        item["type"] = self._item_type(int(stored["type"]))
        if stored.get("issue") is not None:
            item["issue"] = copy.deepcopy(self._issue_by_id.get(int(stored["issue"]), {}))
        item["for_swap"] = bool(stored.get("for_swap", False))
        if stored.get("grade") is not None:
            item["grade"] = stored["grade"]
        for field in _ITEM_FIELDS:
            if stored.get(field) is not None:
                item[field] = copy.deepcopy(stored[field])
        if "collection" in item and not bare_collection:
            item["collection"] = _collection_object(item["collection"], collections)
        if "grading_details" in item:
            item["grading_details"] = _grading_details(item["grading_details"])
        rendered: JsonDict = _localise(item, _ITEM_LABELS, self._table(lang))
        return rendered

    # -- helpers ----------------------------------------------------------------------------

    def _type(self, type_id: int) -> JsonDict:
        if type_id not in self._types:
            raise ApiError(404, f"Type {type_id} not found")
        return self._types[type_id]

    def _table(self, lang: str | None) -> Mapping[str, str]:
        return self._translations.get(lang or "en", {})

    def _search_entries(self) -> list[SearchEntry]:
        if self._entries is None:
            self._entries = [
                make_search_entry(t, self._issues.get(type_id, []))
                for type_id, t in self._types.items()
            ]
        return self._entries

    def _localise_items(self, items: list[JsonDict], lang: str | None) -> list[JsonDict]:
        result: list[JsonDict] = _localise(items, _SEARCH_LABELS, self._table(lang))
        return result

    def _item_type(self, type_id: int) -> JsonDict:
        stored = self._types.get(type_id, {"id": type_id, "title": ""})
        summary: JsonDict = {"id": type_id, "title": str(stored.get("title", "")).translate(_HTML_ESCAPES)}
        for key in ("category", "issuer"):
            if key in stored:
                summary[key] = copy.deepcopy(stored[key])
        return summary


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
        if isinstance(value, int) and not isinstance(value, bool):
            served[key] = {"id": value}
        elif key == "grading_designations" and isinstance(value, list):
            served[key] = [{"id": v} if isinstance(v, int) else v for v in value]
        else:
            served[key] = value
    return served


@functools.cache
def load_sample_catalogue() -> SampleCatalogue:
    """Load the sample catalogue shipped with the package (once per process).

    Returns
    -------
    SampleCatalogue
        The synthetic catalogue from ``numista_frames/testing/data/sample_catalogue.json.gz``.

    Raises
    ------
    FileNotFoundError
        If the data file is missing (regenerate it with ``python data/make_sample_catalogue.py``).
    """
    resource = importlib.resources.files("numista_frames.testing").joinpath(
        "data/sample_catalogue.json.gz"
    )
    if not resource.is_file():
        raise FileNotFoundError(
            f"The sample catalogue {resource} is missing: run "
            "'python data/make_sample_catalogue.py' to regenerate it."
        )
    return SampleCatalogue(json.loads(gzip.decompress(resource.read_bytes())))

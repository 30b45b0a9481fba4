"""The sample catalogue: load it, answer catalogue queries and render bodies as Numista does."""

from __future__ import annotations

import copy
import functools
import gzip
import importlib.resources
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from numista_frames.testing.search import (
    SearchEntry,
    image_search_results,
    make_search_entry,
    parse_search_query,
)
from numista_frames.testing.variations import vary_issuers, vary_search_items, vary_type
from numista_frames.testing.vocabulary import (
    CATEGORIES,
    GRADES,
    ISSUER_LABELS,
    LANGS,
    MINT_LABELS,
    SEARCH_LABELS,
    TYPE_LABELS,
    ApiError,
    JsonDict,
    invalid,
    json_number,
    localise,
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
        #: The matches of recent searches, so that paging through one scans the catalogue once.
        self._hits: dict[tuple[tuple[str, str], ...], list[SearchEntry]] = {}
        #: Search items as served, per (type id, lang): serving is then encoding only.
        self._items: dict[tuple[Any, str | None], JsonDict] = {}

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

    def type_summary(self, type_id: int, lang: str = "en") -> JsonDict:
        """``{id, title, category, issuer}`` of a type (as collected items show it), localised."""
        stored = self._types.get(type_id, {"id": type_id, "title": ""})
        summary = {key: stored[key] for key in ("id", "title", "category", "issuer") if key in stored}
        result: JsonDict = localise(summary, SEARCH_LABELS, self._table(lang))
        return result

    def get_issue(self, issue_id: int) -> JsonDict | None:
        """A copy of an issue, or None for an unknown issue."""
        issue = self._issue_by_id.get(issue_id)
        return None if issue is None else dict(localise(issue, frozenset(), {}))

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
        body: JsonDict = localise(self._type(type_id), TYPE_LABELS, self._table(lang))
        body["url"] = f"https://{lang}.numista.com/{type_id}"
        return vary_type(body)

    def get_issues(self, type_id: int, lang: str = "en") -> list[JsonDict]:
        """Answer ``GET /types/{type_id}/issues``: a bare list in Numista's order.

        Raises
        ------
        ApiError
            404 for an unknown type.
        """
        self._type(type_id)
        result: list[JsonDict] = localise(self._issues.get(type_id, []), frozenset(), {})
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
            order, prices converted from EUR and rounded to 4 decimals (integral ones served
            as ints, like the document's example).

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
            {"grade": grade, "price": json_number(round(float(stored[grade]) * rate, 4))}
            for grade in GRADES
            if grade in stored
        ]
        return {"currency": currency, "prices": prices}

    def get_issuers(self, lang: str = "en") -> JsonDict:
        """Answer ``GET /issuers``: ``{count, issuers}``."""
        issuers = vary_issuers(localise(self._issuers, ISSUER_LABELS, self._table(lang)))
        return {"count": len(issuers), "issuers": issuers}

    def get_mints(self, lang: str = "en") -> JsonDict:
        """Answer ``GET /mints``: ``{count, mints}``."""
        mints = localise(list(self._mints.values()), MINT_LABELS, self._table(lang))
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
        mint: JsonDict = localise(self._mints[mint_id], MINT_LABELS, self._table(lang))
        return mint

    def get_catalogues(self) -> JsonDict:
        """Answer ``GET /catalogues``: ``{count, catalogues}``."""
        catalogues = localise(self._data.get("catalogues", []), frozenset(), {})
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
        body: JsonDict = localise(self._publications[publication_id], frozenset(), {})
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

    def search(self, params: Mapping[str, str], page_size_cap: int | None = None) -> JsonDict:
        """Answer ``GET /types`` (see :mod:`numista_frames.testing.search` for the rules).

        Parameters
        ----------
        params : Mapping
            The query parameters (``q``, ``issuer``, ``category``, ``year``, ``page``, ...).
        page_size_cap : int, optional
            Serve at most this many per page whatever ``count`` asks, numbering pages by this
            size (as a server that documents a smaller maximum would).

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
        asked = tuple(sorted((k, v) for k, v in params.items() if k not in ("page", "count")))
        hits = self._hits.get(asked)
        if hits is None:
            if len(self._hits) >= 256:
                self._hits.clear()
            hits = self._hits[asked] = [e for e in self._search_entries() if query.matches(e)]
        size = min(query.count, page_size_cap) if page_size_cap else query.count
        start = (query.page - 1) * size
        lang = params.get("lang")
        return {"count": len(hits), "types": [self._served_item(entry.item, lang)
                                              for entry in hits[start : start + size]]}

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

    # -- helpers ----------------------------------------------------------------------------

    def _type(self, type_id: int) -> JsonDict:
        stored: JsonDict | None = self._types.get(type_id)
        if stored is None:
            raise ApiError(404, f"Type {type_id} not found")
        return stored

    def _table(self, lang: str | None) -> Mapping[str, str]:
        return self._translations.get(lang or "en", {})

    def _search_entries(self) -> list[SearchEntry]:
        if self._entries is None:
            self._entries = [
                make_search_entry(t, self._issues.get(type_id, [])) for type_id, t in self._types.items()
            ]
        return self._entries

    def _served_item(self, item: JsonDict, lang: str | None) -> JsonDict:
        """A search item localised and varied, made once (answers are encoded, never changed)."""
        key = (item.get("id"), lang)
        served = self._items.get(key)
        if served is None:
            served = self._items[key] = self._localise_items([item], lang)[0]
        return served

    def _localise_items(self, items: list[JsonDict], lang: str | None) -> list[JsonDict]:
        return vary_search_items(localise(items, SEARCH_LABELS, self._table(lang)))


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
    resource = importlib.resources.files("numista_frames.testing").joinpath("data/sample_catalogue.json.gz")
    if not resource.is_file():
        raise FileNotFoundError(
            f"The sample catalogue {resource} is missing: run "
            "'python data/make_sample_catalogue.py' to regenerate it."
        )
    return SampleCatalogue(json.loads(gzip.decompress(resource.read_bytes())))

"""Catalogue search for the fake Numista API: parse ``GET /types`` filters, match, search by image.

Rules (where Numista documents nothing, these are the fake's choices):

- Results are ordered by type id, ascending (stable across pages).
- ``q``: every word of the query must equal a word of the title. Words are runs of letters and
  digits, compared case- and accent-insensitively; a final "s" is ignored on words longer than
  three letters, so "dollar" matches "Dollars" and "cents" matches "Cent".
- ``issuer``: an issuer code or an English alias of one; anything else is a 400.
- ``year`` and ``date``: "1902", "1800-1850" or "-300--250" (BC years are negative); a type
  matches when ``[min_year, max_year]`` overlaps the range.
- ``size`` and ``weight``: "10.5" or "9-11". A single value stands for everything that rounds
  to it ("31.1" matches 31.05 to 31.15), a range is inclusive.
- ``catalogue`` (+ ``number``): a reference of the type or of one of its issues, numbers
  compared case-insensitively. ``ruler``: a ruler id; ``material``: the private ``_material_id``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from numista_frames.testing.vocabulary import CATEGORIES, GRADES, ApiError, JsonDict, invalid

__all__ = [
    "MAX_PAGE_SIZE",
    "SearchEntry",
    "SearchQuery",
    "image_search_results",
    "make_search_entry",
    "parse_search_query",
    "words",
]

#: Default and largest ``count`` of ``GET /types``.
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
_REQUIRED = ("q", "issuer", "catalogue", "date", "year")
_INT_RE = re.compile(r"^-?\d+$")
_YEAR_RANGE_RE = re.compile(r"^(-?\d+)(?:-(-?\d+))?$")
_MEASURE_RANGE_RE = re.compile(r"^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$")
_WORD_RE = re.compile(r"[^\W_]+")
_MIME_TYPES = ("image/jpeg", "image/png")
_DEFAULT_MAX_RESULTS = 100

Predicate = Callable[["SearchEntry"], bool]


def words(text: str) -> list[str]:
    """Split text into comparable words (casefolded, accents removed, final "s" dropped).

    Parameters
    ----------
    text : str
        A title or a query.

    Returns
    -------
    list of str
        The words.

    Examples
    --------
    >>> words("5 Écus - Louis XVI (Dollars)")
    ['5', 'ecu', 'loui', 'xvi', 'dollar']
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return [_singular(word) for word in _WORD_RE.findall(plain)]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """What the search needs to know about one type, precomputed once.

    Parameters
    ----------
    item : dict
        The English search item served for the type.
    words : frozenset of str
        The words of the title.
    references : frozenset of tuple
        ``(catalogue_id, casefolded number)`` of the type and its issues.
    rulers : frozenset of int
        Ruler ids.
    material : int or None
        The private material id.
    size, weight : float or None
        Measures in mm and g.
    """

    item: JsonDict
    words: frozenset[str]
    references: frozenset[tuple[int, str]]
    rulers: frozenset[int]
    material: int | None
    size: float | None
    weight: float | None

    @property
    def years(self) -> tuple[int, int] | None:
        """``(min_year, max_year)``, or None when the type has no years."""
        low = self.item.get("min_year", self.item.get("max_year"))
        high = self.item.get("max_year", low)
        if low is None or high is None:
            return None
        return int(low), int(high)


def make_search_entry(stored_type: Mapping[str, Any], issues: Iterable[Mapping[str, Any]]) -> SearchEntry:
    """Precompute the search data of a stored type.

    Parameters
    ----------
    stored_type : Mapping
        A type as stored in the sample catalogue.
    issues : Iterable of Mapping
        Its issues (their references are searchable too).

    Returns
    -------
    SearchEntry
        The entry.
    """
    references = [*stored_type.get("references", [])]
    for issue in issues:
        references.extend(issue.get("references", []))
    return SearchEntry(
        item=_search_item(stored_type),
        words=frozenset(words(str(stored_type.get("title", "")))),
        references=frozenset(
            (int(ref["catalogue"]["id"]), str(ref.get("number", "")).casefold()) for ref in references
        ),
        rulers=frozenset(int(ruler["id"]) for ruler in stored_type.get("ruler", [])),
        material=stored_type.get("_material_id"),
        size=stored_type.get("size"),
        weight=stored_type.get("weight"),
    )


def _search_item(stored: Mapping[str, Any]) -> JsonDict:
    item: JsonDict = {"id": stored["id"], "title": stored.get("title", "")}
    for key in ("category", "issuer", "min_year", "max_year"):
        if key in stored:
            item[key] = stored[key]
    for side in ("obverse", "reverse"):
        thumbnail = stored.get(side, {}).get("thumbnail")
        if thumbnail:
            item[f"{side}_thumbnail"] = thumbnail
    if "object_type" in stored:
        item["object_type"] = stored["object_type"]
    return item


@dataclass(frozen=True)
class SearchQuery:
    """A parsed ``GET /types`` query.

    Parameters
    ----------
    page : int
        The 1-based page.
    count : int
        The page size.
    predicates : tuple of callables
        Every filter; an entry matches when all accept it.
    """

    page: int
    count: int
    predicates: tuple[Predicate, ...]

    def matches(self, entry: SearchEntry) -> bool:
        """Tell whether a type passes every filter."""
        return all(predicate(entry) for predicate in self.predicates)


def parse_search_query(
    params: Mapping[str, str],
    has_issuer: Callable[[str], bool],
    issuer_code: Callable[[str], str],
) -> SearchQuery:
    """Validate ``GET /types`` parameters and turn them into filters.

    Parameters
    ----------
    params : Mapping
        The query parameters; empty values count as absent.
    has_issuer : callable
        Tells whether a code or alias is known.
    issuer_code : callable
        Resolves an alias to its issuer code.

    Returns
    -------
    SearchQuery
        The page, page size and filters.

    Raises
    ------
    ApiError
        400 for a bad value, ``number`` without ``catalogue``, or none of q/issuer/catalogue/
        date/year.
    """
    given = {key: value for key, value in params.items() if value != ""}
    if not any(key in given for key in _REQUIRED):
        raise ApiError(400, "At least one of the parameters q, issuer, catalogue, date or year is required")
    if "number" in given and "catalogue" not in given:
        raise ApiError(400, "The parameter 'number' requires the parameter 'catalogue'")
    page = _int_param(given, "page", 1)
    count = _int_param(given, "count", DEFAULT_PAGE_SIZE)
    if page < 1:
        raise invalid("page")
    if not 1 <= count <= MAX_PAGE_SIZE:
        raise invalid("count")
    return SearchQuery(page, count, tuple(_predicates(given, has_issuer, issuer_code)))


def _predicates(
    given: Mapping[str, str], has_issuer: Callable[[str], bool], issuer_code: Callable[[str], str]
) -> Iterable[Predicate]:
    if "q" in given:
        wanted = frozenset(words(given["q"]))
        yield lambda entry: bool(wanted) and wanted <= entry.words
    if "issuer" in given:
        if not has_issuer(given["issuer"]):
            raise invalid("issuer")
        code = issuer_code(given["issuer"])
        yield lambda entry: entry.item.get("issuer", {}).get("code") == code
    if "category" in given:
        category = given["category"]
        if category not in CATEGORIES:
            raise invalid("category")
        yield lambda entry: entry.item.get("category") == category
    yield from _id_predicates(given)
    for name in ("year", "date"):
        if name in given:
            yield _overlaps(_year_range(given[name], name))
    for name in ("size", "weight"):
        if name in given:
            yield _measure_within(name, _measure_range(given[name], name))


def _id_predicates(given: Mapping[str, str]) -> Iterable[Predicate]:
    if "catalogue" in given:
        catalogue = _int_param(given, "catalogue", 0)
        if "number" in given:
            reference = (catalogue, given["number"].casefold())
            yield lambda entry: reference in entry.references
        else:
            yield lambda entry: any(ref[0] == catalogue for ref in entry.references)
    if "ruler" in given:
        ruler = _int_param(given, "ruler", 0)
        yield lambda entry: ruler in entry.rulers
    if "material" in given:
        material = _int_param(given, "material", 0)
        yield lambda entry: entry.material == material


def _overlaps(bounds: tuple[int, int]) -> Predicate:
    def predicate(entry: SearchEntry) -> bool:
        years = entry.years
        return years is not None and years[0] <= bounds[1] and years[1] >= bounds[0]

    return predicate


def _measure_within(name: str, bounds: tuple[float, float]) -> Predicate:
    def predicate(entry: SearchEntry) -> bool:
        value = entry.size if name == "size" else entry.weight
        return value is not None and bounds[0] <= value <= bounds[1]

    return predicate


def _int_param(given: Mapping[str, str], name: str, default: int) -> int:
    value = given.get(name)
    if value is None:
        return default
    if not _INT_RE.match(value):
        raise invalid(name)
    return int(value)


def _year_range(value: str, name: str) -> tuple[int, int]:
    match = _YEAR_RANGE_RE.match(value)
    if not match:
        raise invalid(name)
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) is not None else low
    if low > high:
        raise invalid(name)
    return low, high


def _measure_range(value: str, name: str) -> tuple[float, float]:
    match = _MEASURE_RANGE_RE.match(value)
    if not match:
        raise invalid(name)
    if match.group(2) is None:
        decimals = len(value.partition(".")[2])
        half_unit = 0.5 * 10.0**-decimals
        return float(value) - half_unit, float(value) + half_unit
    low, high = float(match.group(1)), float(match.group(2))
    if low > high:
        raise invalid(name)
    return low, high


# -- search by image --------------------------------------------------------------------------


def image_search_results(body: Any, entries: list[SearchEntry], *, experimental: bool) -> JsonDict:
    """Pick types for ``POST /search_by_image`` deterministically from the image bytes.

    Parameters
    ----------
    body : Any
        The decoded JSON body.
    entries : list of SearchEntry
        The searchable types, by id.
    experimental : bool
        Add the tentative year and grade.

    Returns
    -------
    dict
        ``{"count", "types"}`` (English search items plus ``similarity_distance`` in
        [0.05, 0.95], ascending); ``count`` is ``min(max_results, candidates)``.

    Raises
    ------
    ApiError
        400 for a malformed body.
    """
    image_bytes, category, max_results = _parse_image_body(body)
    candidates = [e for e in entries if category is None or e.item.get("category") == category]
    rng = random.Random(hashlib.sha256(image_bytes).digest())
    chosen = rng.sample(candidates, min(max_results, len(candidates)))
    distances = sorted(round(rng.uniform(0.05, 0.95), 6) for _ in chosen)
    types = [{**entry.item, "similarity_distance": d} for entry, d in zip(chosen, distances, strict=True)]
    result: JsonDict = {"count": len(types), "types": types}
    if experimental:
        years = chosen[0].years if chosen else None
        result["experimental_tentative_year"] = rng.randint(*years) if years else None
        result["experimental_tentative_grade"] = rng.choice(GRADES) if chosen else None
    return result


def _parse_image_body(body: Any) -> tuple[bytes, str | None, int]:
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object")
    images = body.get("images")
    if not isinstance(images, list) or not 1 <= len(images) <= 2:
        raise invalid("images")
    category = body.get("category")
    if category is not None and category not in CATEGORIES:
        raise invalid("category")
    max_results = body.get("max_results", _DEFAULT_MAX_RESULTS)
    if isinstance(max_results, bool) or not isinstance(max_results, int) or not 1 <= max_results <= 100:
        raise invalid("max_results")
    return b"".join(_image_data(image) for image in images), category, max_results


def _image_data(image: Any) -> bytes:
    if not isinstance(image, dict) or image.get("mime_type") not in _MIME_TYPES:
        raise invalid("mime_type")
    try:
        data = base64.b64decode(str(image.get("image_data", "")), validate=True)
    except (binascii.Error, ValueError):
        raise invalid("image_data") from None
    if not data:
        raise invalid("image_data")
    return data

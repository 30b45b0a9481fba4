"""Argument checks run before any request is spent (pure; raise ValueError/TypeError)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from numista_frames.currencies import ISO_4217
from numista_frames.settings import LANGS, MAX_PAGE_SIZE

__all__ = [
    "CATEGORIES",
    "GRADES",
    "check_category",
    "check_currency",
    "check_grade",
    "check_lang",
    "check_publication_id",
    "check_range",
    "image_mime",
    "item_body",
    "page_size",
    "positive_int",
    "positive_ints",
    "search_params",
]

#: Numista's grades, worst to best.
GRADES = ("g", "vg", "f", "vf", "xf", "au", "unc")
CATEGORIES = ("coin", "banknote", "exonumia")
#: What a collection chart (and its CLI command) can break a collection down by.
COLLECTION_DIMENSIONS = ("issuer", "decade", "grade", "category")
VALUE_DIMENSIONS = ("issuer", "grade", "type")

_RANGE_INT = re.compile(r"^-?\d+(?:--?\d+)?$")
_RANGE_FLOAT = re.compile(r"^\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?$")
_PUBLICATION = re.compile(r"^L\d{6}$")
_MAX_ID = 2**63 - 1  # ids live in Int64 columns
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def positive_int(value: Any, name: str) -> int:
    """An id as a positive int; accepts ints and strings of digits.

    Examples
    --------
    >>> positive_int("99700", "type_id")
    99700
    """
    if isinstance(value, bool | bytes | bytearray):
        raise TypeError(f"{name} must be a positive integer; got {value!r}")
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    elif hasattr(value, "__index__") and not isinstance(value, float):
        number = int(value.__index__())  # numpy integers
    else:
        raise TypeError(f"{name} must be a positive integer or a string of digits; got {value!r}")
    if not 0 < number <= _MAX_ID:
        raise ValueError(f"{name} must be a positive integer below 2**63; got {value!r}")
    return number


def positive_ints(values: Any, name: str) -> list[int]:
    """One id or an iterable of ids as a list of positive ints, order kept, duplicates dropped.

    Examples
    --------
    >>> positive_ints([3, "3", 5], "type_ids")
    [3, 5]
    """
    if isinstance(values, bytes | bytearray):
        raise TypeError(f"{name} must be an id or an iterable of ids, not bytes")
    if hasattr(values, "columns"):  # a whole DataFrame: its ids are one of its columns
        raise TypeError(f"{name} must be ids, not a whole DataFrame; pass its id column, "
                        f"e.g. df[\"id\"] (search_df) or df[\"type_id\"]")
    ndim = getattr(values, "ndim", None)  # numpy arrays, pandas Index/Series, numpy scalars
    if ndim is not None and ndim > 1:
        raise TypeError(f"{name} must be one id or a 1-D list of ids; got a {ndim}-D array")
    if isinstance(values, str | int) or ndim == 0:
        return [positive_int(values, name)]
    if not isinstance(values, Iterable):
        raise TypeError(f"{name} must be an id or an iterable of ids; got {type(values).__name__}")
    out = dict.fromkeys(positive_int(v, name) for v in values)
    return list(out)


#: Words people type for a language or a currency, and the code Numista takes.
_LANG_NAMES = {"english": "en", "spanish": "es", "español": "es", "espanol": "es",
               "castellano": "es", "french": "fr", "français": "fr", "francais": "fr"}
_CURRENCY_NAMES = {"dollar": "USD", "us dollar": "USD", "us": "USD", "euro": "EUR", "€": "EUR",
                   "$": "USD", "£": "GBP", "pound": "GBP", "sterling": "GBP", "yen": "JPY",
                   "¥": "JPY", "franc": "CHF", "swiss franc": "CHF", "yuan": "CNY",
                   "renminbi": "CNY", "ruble": "RUB", "rouble": "RUB", "rupee": "INR",
                   "krona": "SEK", "krone": "NOK", "zloty": "PLN", "real": "BRL",
                   "canadian dollar": "CAD", "australian dollar": "AUD"}


def _did_you_mean(value: Any, choices: Iterable[str], names: Mapping[str, str] | None = None) -> str:
    """``"; did you mean 'x'?"`` for a near miss (a known name, or a close spelling), else ``""``."""
    if not isinstance(value, str):
        return ""
    typed = value.strip().lower()
    guess = (names or {}).get(typed) or (names or {}).get(typed.rstrip("s"))
    if guess is None:
        close = difflib.get_close_matches(typed, [c.lower() for c in choices], n=1, cutoff=0.6)
        guess = close[0] if close else None
    if guess is None:
        return ""
    return f"; did you mean {next((c for c in choices if c.lower() == guess.lower()), guess)!r}?"


def check_lang(lang: str) -> str:
    """``lang`` must be one of en/es/fr, in any case (an empty string is not "the default").

    Examples
    --------
    >>> check_lang("FR")
    'fr'
    """
    if isinstance(lang, str) and lang.strip().lower() in LANGS:
        return lang.strip().lower()
    raise ValueError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}"
                     + _did_you_mean(lang, LANGS, _LANG_NAMES))


def check_category(category: str | None) -> str | None:
    """``category`` must be coin, banknote or exonumia (or None), in any case.

    Examples
    --------
    >>> check_category("Coin")
    'coin'
    """
    if category is None:
        return None
    if isinstance(category, str) and category.strip().lower() in CATEGORIES:
        return category.strip().lower()
    raise ValueError(f"category must be one of {', '.join(CATEGORIES)}; got {category!r}"
                     + _did_you_mean(category, CATEGORIES))


def check_grade(grade: str | None) -> str | None:
    """``grade`` must be one of g, vg, f, vf, xf, au, unc (or None); upper case is accepted.

    Examples
    --------
    >>> check_grade("VF")
    'vf'
    """
    if isinstance(grade, str) and grade.strip().lower() in GRADES:
        return grade.strip().lower()
    if grade is not None:
        raise ValueError(f"grade must be one of {', '.join(GRADES)} (any case); got {grade!r}")
    return grade


def check_grades(grades: Any, name: str = "grades") -> list[str]:
    """One grade (``"vf"``) or several (``["vf", "UNC"]``) as a list of grades.

    A single string is one grade, never a sequence of letters.

    Examples
    --------
    >>> check_grades("VF"), check_grades(["f", "unc"])
    (['vf'], ['f', 'unc'])
    """
    if isinstance(grades, str):
        grades = [grades]
    if not isinstance(grades, Iterable):
        raise TypeError(f"{name} must be a grade such as \"vf\" or a list of them; got {grades!r}")
    out = []
    for grade in grades:
        checked = check_grade(grade)
        if checked is None:
            raise ValueError(f"{name} holds None; give grades such as \"vf\"")
        out.append(checked)
    return out


def check_currency(currency: str) -> str:
    """A 3-letter ISO 4217 code, returned upper-case.

    Examples
    --------
    >>> check_currency("usd")
    'USD'
    """
    if not isinstance(currency, str) or currency.strip().upper() not in ISO_4217:
        raise ValueError(f"currency must be an ISO 4217 currency code such as EUR, USD or GBP; "
                         f"got {currency!r}" + _did_you_mean(currency, sorted(ISO_4217),
                                                            _CURRENCY_NAMES))
    return currency.strip().upper()


def check_range(value: Any, name: str, *, decimals: bool = False) -> str | None:
    """A search range as Numista writes it: ``"1902"``, ``"1800-1850"`` (``"9-11.5"`` for measures).

    Ints and ``(low, high)`` tuples are accepted and written out.

    Examples
    --------
    >>> check_range((1800, 1850), "year")
    '1800-1850'
    """
    if value is None:
        return None
    if isinstance(value, tuple | list) and len(value) == 2:
        low, high = value
        for bound in (low, high):
            if bound is None:
                raise ValueError(f"{name} range needs both ends (Numista has no open ranges); "
                                 f"give (low, high) such as (1, 1900); got {value!r}")
            if isinstance(bound, bool) or not isinstance(bound, int | float):
                raise TypeError(f"{name} range bounds must be numbers; got {value!r}")
        if low > high:
            raise ValueError(f"{name} range must be (low, high) with low <= high; got {value!r}")
        value = f"{low}-{high}"
    elif isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    pattern = _RANGE_FLOAT if decimals else _RANGE_INT
    if not isinstance(value, str) or not pattern.match(value.strip()):
        example = '"10.5" or "9-11"' if decimals else '"1902" or "1800-1850"'
        raise ValueError(f"{name} must look like {example}; got {value!r}")
    bounds = re.split(r"(?<=\d)-", value.strip())
    if len(bounds) == 2 and float(bounds[0]) > float(bounds[1]):
        raise ValueError(f"{name} range must go from low to high; got {value!r}")
    return value.strip()


def check_publication_id(value: Any) -> str:
    """A publication id: "L" followed by 6 digits.

    Examples
    --------
    >>> check_publication_id("L106610")
    'L106610'
    """
    if not isinstance(value, str):
        raise TypeError(f'a publication id is a string such as "L106610" ("L" and 6 digits); '
                        f"got {value!r}")
    if not _PUBLICATION.match(value):
        raise ValueError(f'publication id must be "L" followed by 6 digits; got {value!r}')
    return value

_SEARCH_KEYS = ("q", "issuer", "catalogue", "date", "year")


def search_params(q: str | None = None, *, lang: str, **f: Any) -> dict[str, Any]:
    """Query parameters of ``GET /types`` from a search's arguments, checked.

    Examples
    --------
    >>> search_params("dollar", lang="en", year=(1900, 1950))
    {'lang': 'en', 'q': 'dollar', 'year': '1900-1950'}
    """
    unknown = set(f) - {"issuer", "category", "catalogue", "ruler", "material", "number", "year",
                        "date", "size", "weight"}
    if unknown:
        raise TypeError(f"unknown search filter(s) {sorted(unknown)}")
    params: dict[str, Any] = {"lang": check_lang(lang)}
    if q is not None:
        params["q"] = _text(q, "q", "words to find in titles")
    if f.get("issuer") is not None:
        params["issuer"] = _text(f["issuer"], "issuer", "an issuer code such as 'canada'")
    if f.get("category") is not None:
        params["category"] = check_category(f["category"])
    for name in ("catalogue", "ruler", "material"):
        if f.get(name) is not None:
            params[name] = positive_int(f[name], name)
    if f.get("number") is not None:
        if "catalogue" not in params:
            raise ValueError("number needs catalogue (the catalogue id the number belongs to)")
        params["number"] = _text(str(f["number"]), "number", "a catalogue number such as '657'")
    for name in ("year", "date", "size", "weight"):
        if f.get(name) is not None:
            params[name] = check_range(f[name], name, decimals=name in ("size", "weight"))
    if not any(k in params for k in _SEARCH_KEYS):
        raise ValueError("a search needs at least one of q, issuer, catalogue, date or year")
    return params


def _text(value: Any, name: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be {what}; got {value!r}")
    return value.strip()


def page_size(count: Any) -> int:
    """A search page size, 1 to 100 (Numista documents 50, serves 100)."""
    return bounded(count, "page_size", 1, MAX_PAGE_SIZE)


def bounded(value: Any, name: str, low: int, high: int) -> int:
    """A positive int within ``[low, high]``."""
    number = positive_int(value, name)
    if not low <= number <= high:
        raise ValueError(f"{name} must be from {low} to {high}; got {value!r}")
    return number


def image_mime(data: bytes, index: int) -> str:
    """``image/jpeg`` or ``image/png`` from an image's first bytes; anything else is refused."""
    if not isinstance(data, bytes | bytearray):
        raise TypeError(f"images[{index}] must be bytes, got {type(data).__name__}")
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    raise ValueError(f"images[{index}] is neither a JPEG nor a PNG image")


_ITEM_FIELDS = frozenset({
    "type", "issue", "quantity", "grade", "for_swap", "private_comment", "public_comment",
    "price", "collection", "storage_location", "acquisition_place", "acquisition_date",
    "serial_number", "internal_id", "weight", "size", "axis", "grading_details",
})


def item_body(item: Mapping[str, Any], *, require_type: bool) -> dict[str, Any]:
    """A collected-item body (POST/PATCH), checked and normalised before it is sent.

    Examples
    --------
    >>> item_body({"type": "420", "grade": "vf", "acquisition_date": date(2024, 5, 1)},
    ...           require_type=True)
    {'type': 420, 'grade': 'vf', 'acquisition_date': '2024-05-01'}
    """
    unknown = set(item) - _ITEM_FIELDS
    if unknown:
        raise ValueError(f"unknown collected-item field(s) {sorted(unknown)}; "
                         f"known: {sorted(_ITEM_FIELDS)}")
    body = dict(item)
    if require_type and body.get("type") is None:
        raise ValueError("a collected item needs 'type' (the type id)")
    for name in ("type", "collection", "issue", "quantity"):
        if body.get(name) is not None:
            body[name] = positive_int(body[name], name)
    if body.get("grade") is not None:
        check_grade(body["grade"])
    if body.get("axis") is not None:
        body["axis"] = bounded(body["axis"], "axis", 1, 12)
    if body.get("acquisition_date") is not None:
        body["acquisition_date"] = _iso_date(body["acquisition_date"])
    if body.get("price") is not None:
        body["price"] = _price(body["price"])
    return body


def _iso_date(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value
    raise ValueError(f"acquisition_date must be a date or 'YYYY-MM-DD'; got {value!r}")


def _price(price: Any) -> dict[str, Any]:
    if not isinstance(price, Mapping) or "value" not in price:
        raise ValueError("price must be a mapping {'value': number, 'currency': 'EUR'}")
    try:
        value = float(price["value"])
    except (TypeError, ValueError):
        raise ValueError(f"price value must be a number; got {price['value']!r}") from None
    return {"value": value, "currency": check_currency(price.get("currency", "EUR"))}

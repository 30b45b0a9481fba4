"""Raw JSON values to typed columns: coercion, typed arrays, and the converters schema sources name."""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from numista_frames.frames.schema import DTYPES, JOIN_SEPARATOR

__all__ = [
    "CONVERTERS",
    "as_bool",
    "as_float",
    "as_int",
    "as_text",
    "decode_entities",
    "decode_entities_all",
    "typed_array",
]


Path = tuple[str, ...]
Cache = dict[Path, list[Any]]

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_INT_TEXT = re.compile(r"\s*[+-]?\d+\s*")
_TRUE, _FALSE = frozenset({"true", "1", "yes"}), frozenset({"false", "0", "no"})
_NS_MIN, _NS_MAX = np.datetime64("1677-09-22", "us"), np.datetime64("2262-04-11", "us")
_NAT_NS = np.iinfo(np.int64).min


# -- value coercion: anything of the wrong kind becomes None (NA) ---------------------------


def as_int(value: Any) -> int | None:
    """An int from an int, an integral float or a string of digits; None otherwise.

    Examples
    --------
    >>> [as_int(v) for v in (10, "10", 8.0, 8.5, "L106610", True, None, np.int64(7))]
    [10, 10, 8, None, None, None, None, 7]
    """
    if isinstance(value, bool | np.bool_) or value is None or value is pd.NA:
        return None
    if isinstance(value, int | np.integer):
        number = int(value)
        return number if _INT_MIN <= number <= _INT_MAX else None
    if isinstance(value, np.floating):
        value = float(value)
    if isinstance(value, float):
        return as_int(int(value)) if value.is_integer() else None
    if isinstance(value, str) and _INT_TEXT.fullmatch(value):
        return as_int(int(value))
    return None


def as_float(value: Any) -> float | None:
    """A float from a number or a numeric string; None otherwise.

    Examples
    --------
    >>> [as_float(v) for v in (8, 8.5, "31.1", "n/a", False)]
    [8.0, 8.5, 31.1, None, None]
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        try:
            return float(value)
        except OverflowError:
            return None
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def as_text(value: Any) -> str | None:
    """A str from a str or a number (ids and years sent either way); None for other kinds.

    Examples
    --------
    >>> [as_text(v) for v in ("平成元年", 1833, True, {"a": 1})]
    ['平成元年', '1833', None, None]
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return None if isinstance(value, float) and not math.isfinite(value) else str(value)


def as_bool(value: Any) -> bool | None:
    """A bool from a bool, 0/1 or "true"/"false"; None otherwise.

    Examples
    --------
    >>> [as_bool(v) for v in (True, 0, "false", "maybe")]
    [True, False, False, None]
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        return True if text in _TRUE else False if text in _FALSE else None
    return None


# -- typed arrays built once per column ------------------------------------------------------


def _only(values: list[Any], kind: type) -> bool:
    """Whether every value is of exactly ``kind`` or None (checked at C speed)."""
    return set(map(type, values)) <= {kind, type(None)}


def _ints(values: list[Any]) -> Any:
    if _only(values, int):  # as JSON sends them: converted at C speed
        if None not in values:  # a column every record fills (an id): numpy alone
            try:
                return pd.arrays.IntegerArray(np.array(values, dtype=np.int64),
                                              np.zeros(len(values), dtype=bool))
            except OverflowError:  # beyond int64: those become NA below
                pass
        try:
            arrow = pa.array(values, type=pa.int64())
        except OverflowError:  # beyond int64: those become NA below
            pass
        else:
            return pd.arrays.IntegerArray(
                arrow.fill_null(0).to_numpy(zero_copy_only=False, writable=True),
                arrow.is_null().to_numpy(zero_copy_only=False, writable=True))
    clean = [v if type(v) is int or v is None else as_int(v) for v in values]
    mask = np.array([v is None for v in clean], dtype=bool)
    try:
        data = np.array([0 if v is None else v for v in clean], dtype=np.int64)
    except OverflowError:  # an int beyond int64 slipped through the fast path
        return _ints([as_int(v) for v in clean])
    return pd.arrays.IntegerArray(data, mask)


def _floats(values: list[Any]) -> Any:
    return np.array([v if type(v) is float or v is None else as_float(v) for v in values], dtype=np.float64)


def _strings(values: list[Any]) -> Any:
    clean = values if _only(values, str) else [
        v if type(v) is str or v is None else as_text(v) for v in values]
    try:
        arrow = pa.array(clean, type=pa.large_string())
    except (UnicodeEncodeError, pa.ArrowInvalid):  # lone surrogates from \ud800-style escapes
        arrow = pa.array([_valid_utf8(v) for v in clean], type=pa.large_string())
    return pd.arrays.ArrowStringArray(pa.chunked_array([arrow], type=pa.large_string()))


def _valid_utf8(text: str | None) -> str | None:
    return None if text is None else text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _booleans(values: list[Any]) -> Any:
    clean = [v if type(v) is bool or v is None else as_bool(v) for v in values]
    mask = np.array([v is None for v in clean], dtype=bool)
    return pd.arrays.BooleanArray(np.array([v is True for v in clean], dtype=bool), mask)


def _categorical(dtype: pd.CategoricalDtype) -> Callable[[list[Any]], Any]:
    lookup = {str(category): code for code, category in enumerate(dtype.categories)}

    def build(values: list[Any]) -> Any:
        codes = [lookup[v] if type(v) is str and v in lookup else _code(lookup, v) for v in values]
        return pd.Categorical.from_codes(np.array(codes, dtype=np.int8), dtype=dtype)

    return build


def _code(lookup: Mapping[str, int], value: Any) -> int:
    return lookup.get(value.strip().lower(), -1) if isinstance(value, str) else -1


def _dates(values: list[Any]) -> Any:
    if values.count(None) == len(values):  # a column no record fills, as most date columns
        return np.full(len(values), np.datetime64("NaT", "ns"))
    texts = [_date_text(v) if v is not None else None for v in values]
    parsed = pd.to_datetime(pd.Series(texts, dtype=object), format="%Y-%m-%d", errors="coerce")
    micro = parsed.to_numpy(dtype="datetime64[us]")
    # Outside datetime64[ns] (years 1677-2262) a date cannot be kept: NA rather than an error.
    inside = (micro >= _NS_MIN) & (micro <= _NS_MAX)
    return np.where(inside, micro, np.datetime64("NaT", "us")).astype("datetime64[ns]")


def _date_text(value: Any) -> str | None:
    """``YYYY-MM-DD``; Numista writes unknown months and days as 00 (2001-00-00): the 1st stands in."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        return None
    return value[:4] + value[4:10].replace("-00", "-01") if "-00" in value else value[:10]


def _utc_times(values: list[Any]) -> Any:
    memo: dict[Any, int] = {}
    nanos = [_utc_nanos(v, memo) for v in values]
    naive = pd.Series(np.array(nanos, dtype=np.int64).view("datetime64[ns]"))
    return naive.dt.tz_localize("UTC").array


def _utc_nanos(value: Any, memo: dict[Any, int]) -> int:
    if not isinstance(value, str | int | float | dt.datetime) or isinstance(value, bool):
        return _NAT_NS
    if value not in memo:
        memo[value] = _timestamp_nanos(value)
    return memo[value]


def _timestamp_nanos(value: str | float | dt.datetime) -> int:
    """Nanoseconds since the epoch; naive times count as UTC, numbers as POSIX seconds."""
    try:
        stamp = pd.Timestamp(value, unit="s") if isinstance(value, int | float) else pd.Timestamp(value)
        stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
        return int(stamp.as_unit("ns").value)
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return _NAT_NS


_BUILDERS: dict[str, Callable[[list[Any]], Any]] = {
    "Int64": _ints,
    "float64": _floats,
    "string": _strings,
    "boolean": _booleans,
    "datetime64[ns]": _dates,
    "datetime64[ns, UTC]": _utc_times,
    **{name: _categorical(d) for name, d in DTYPES.items() if isinstance(d, pd.CategoricalDtype)},
}


def typed_array(dtype: str, values: list[Any]) -> Any:
    """An array of the schema dtype ``dtype`` (a key of ``schema.DTYPES``) from raw JSON values.

    Examples
    --------
    >>> typed_array("Int64", [1, "2", "x", None]).tolist()
    [1, 2, <NA>, <NA>]
    """
    return _BUILDERS[dtype](values)


# -- converters named in schema sources: one raw value in, one raw value out --------------------


def _lines(value: Any) -> Any:
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def _refs(value: Any) -> str | None:
    """``[{catalogue{code}, number}]`` as Numista writes it: ``KM# 657; Schön# 12``."""
    if not isinstance(value, list):
        return None
    texts = [_ref(ref) for ref in value if isinstance(ref, dict)]
    return JOIN_SEPARATOR.join(t for t in texts if t) or None


def _ref(ref: dict[str, Any]) -> str | None:
    number = as_text(ref.get("number"))
    catalogue = ref.get("catalogue")
    code = as_text(catalogue.get("code")) if isinstance(catalogue, dict) else None
    return None if number is None else f"{code}# {number}" if code else number


def _count(value: Any) -> int | None:
    return len(value) if isinstance(value, list) else 0 if value is None else None


def _active(value: Any) -> bool | None:
    year = as_int(value)
    return None if year is None else year == 9999


_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<\s*(?:br|/p|/li|/div)\s*/?\s*>\n?", re.I)  # HTML's and the source's break: one


def _plain(value: Any) -> str | None:
    """HTML as plain text: line breaks kept, tags dropped, entities unescaped, ``\\r\\n`` as ``\\n``.

    Examples
    --------
    >>> _plain("Struck at <b>Paris</b>&nbsp;&amp; Lyon.<br>\\r\\nRare.")
    'Struck at Paris\\xa0& Lyon.\\nRare.'
    """
    if not isinstance(value, str):
        return None
    text = _BREAK.sub("\n", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = html.unescape(_TAG.sub("", text))
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() or None


def _precision(value: Any) -> str | None:
    """How much of a Numista date is known: ``2001-00-00`` is a year, ``1999-05-00`` a month.

    Examples
    --------
    >>> _precision("2001-00-00"), _precision("1999-05-00"), _precision("1999-05-17")
    ('year', 'month', 'day')
    """
    if not isinstance(value, str) or not _DATE_PARTS.match(value):
        return None
    if value[5:7] == "00":
        return "year"
    return "month" if value[8:10] == "00" else "day"


_DATE_PARTS = re.compile(r"^\d{4}-\d{2}-\d{2}")


#: A complete HTML entity: named (``&quot;``) or numeric (``&#39;``, ``&#x27;``), ``;`` included.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(value: Any) -> Any:
    """Decode complete HTML entities in text; a bare ``&`` (``"P&O"``, ``"A & B"``) stays.

    Examples
    --------
    >>> decode_entities('Marked &quot;PLATA 1000&quot; &amp; P&O &copy 1&#8239;oz')
    'Marked "PLATA 1000" & P&O &copy 1\u202foz'
    """
    if not isinstance(value, str) or "&" not in value:
        return value
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), value)


def decode_entities_all(values: list[Any]) -> list[Any]:
    """:func:`decode_entities` over raw values (the same list when none holds a ``&``)."""
    try:  # texts and None, as text columns hold: one search at C speed
        if "&" not in "".join(filter(None, values)):
            return values
    except TypeError:  # a number or object among them
        if not any(type(v) is str and "&" in v for v in values):
            return values
    return [decode_entities(v) for v in values]


CONVERTERS: Mapping[str, Callable[[Any], Any]] = {
    "plain": _plain,
    "html": lambda v: v,  # raw HTML, kept as Numista sends it (entities and all)
    "precision": _precision,
    "lines": _lines,
    "unescape": decode_entities,
    "strip": lambda v: v.strip() if isinstance(v, str) else v,
    "refs": _refs,
    "count": _count,
    "active": _active,
}


"""Schema sources compiled to getters, and frames built from them (wide, or long for list parts)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any, cast

import pandas as pd

from numista_frames.frames.schema import JOIN_SEPARATOR, SIDES, Table
from numista_frames.frames.values import CONVERTERS, as_text, decode_entities_all, typed_array

__all__ = ["FrameBuilder", "InParts", "Source", "build_frame", "parse_source", "records_of"]

Path = tuple[str, ...]
Cache = dict[Path, list[Any]]


# -- sources: "conv(a.b[].c|a.d)" compiled once --------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A parsed schema source: an optional converter and alternative paths, first present wins."""

    converter: str | None
    paths: tuple[Path, ...]

    @property
    def exploded(self) -> bool:
        """Whether the source reads list elements (``[]``) or the side (``*``)."""
        return any("[]" in path or path == ("*",) for path in self.paths)

    def relative_to(self, head: Path) -> Source:
        """The source as seen from one element of the list at ``head``."""
        cut = (*head, "[]")
        paths = tuple(p if p == ("*",) else p[len(cut):] for p in self.paths)
        if any(p != ("*",) and q[: len(cut)] != cut for p, q in zip(paths, self.paths, strict=True)):
            raise ValueError(f"every element column of a long table must read {'.'.join(cut)}")
        return Source(self.converter, paths)


_CALL = re.compile(r"(\w+)\((.*)\)")


@functools.cache
def parse_source(text: str) -> Source:
    """Parse a schema source.

    Examples
    --------
    >>> parse_source("lines(obverse.lettering)")
    Source(converter='lines', paths=(('obverse', 'lettering'),))
    >>> parse_source("related_types[].issuer.code|related_types[].country.code").paths[1]
    ('related_types', '[]', 'country', 'code')
    """
    call = _CALL.fullmatch(text)
    converter, inner = (call.group(1), call.group(2)) if call else (None, text)
    if converter is not None and converter not in CONVERTERS:
        raise ValueError(f"unknown converter {converter!r} in source {text!r}")
    paths = (re.sub(r"\[(\d+)\]", r".\1", p.replace("[]", ".[]")) for p in inner.split("|"))
    return Source(converter, tuple(tuple(p.split(".")) for p in paths))


def _resolve(records: list[Any], path: Path, cache: Cache) -> list[Any]:
    """Values at ``path`` for every record, sharing prefixes through ``cache``."""
    if not path:
        return records
    found = cache.get(path)
    if found is None:
        parents = _resolve(records, path[:-1], cache)
        found = _step(parents, path[-1])
        cache[path] = found
    return found


def _step(values: list[Any], key: str) -> list[Any]:
    if key.isdigit():
        index = int(key)
        return [v[index] if isinstance(v, list) and len(v) > index else None for v in values]
    try:  # every value an object, as records and most nested values are: at C speed
        return list(map(dict.get, values, repeat(key)))
    except TypeError:
        return [v.get(key) if isinstance(v, dict) else None for v in values]


def _path_values(path: Path, records: list[Any], cache: Cache) -> list[Any]:
    if "[]" not in path:
        return _resolve(records, path, cache)
    cut = path.index("[]")
    return _joined(_resolve(records, path[:cut], cache), path[cut + 1 :])


def _joined(lists: list[Any], tail: Path) -> list[str | None]:
    """For each value that is a list, the texts at ``tail`` of its elements, joined; else None.

    The elements of every list are looked up together, so that the lookups run at C speed.
    """
    elements: list[Any] = []
    ends = []
    for items in lists:
        if isinstance(items, list):
            elements.extend(items)
        ends.append(len(elements))
    values = _resolve(elements, tail, {})
    texts = [v if type(v) is str else as_text(v) for v in values]
    out: list[str | None] = []
    start = 0
    for end in ends:
        chunk = texts[start:end]
        kept = [t for t in chunk if t is not None] if None in chunk else cast(list[str], chunk)
        out.append(JOIN_SEPARATOR.join(kept) or None)
        start = end
    return out


def source_values(source: Source, records: list[Any], cache: Cache) -> list[Any]:
    """Raw values of a source for every record (lists under ``[]`` joined into one text)."""
    values = _path_values(source.paths[0], records, cache)
    for path in source.paths[1:]:
        others = _path_values(path, records, cache)
        values = [v if v is not None else o for v, o in zip(values, others, strict=True)]
    if source.converter is not None:
        values = list(map(CONVERTERS[source.converter], values))
    return values


# -- frames ----------------------------------------------------------------------------------------


def records_of(payload: Any, key: str | None = None, *, single: bool = False) -> list[dict[str, Any]]:
    """The records of a body: the list under ``key``, a bare list, or (``single``) one object.

    Non-object records are dropped; None gives no records.

    Raises
    ------
    TypeError
        If ``payload`` is neither a mapping nor an iterable of records.

    Examples
    --------
    >>> records_of({"count": 1, "issuers": [{"code": "canada"}, "junk"]}, "issuers")
    [{'code': 'canada'}]
    """
    if payload is None:
        return []
    if isinstance(payload, Mapping):
        if key is not None and key in payload:
            return records_of(payload[key] if isinstance(payload[key], list) else None)
        return [dict(payload)] if single and payload else []
    if isinstance(payload, str | bytes) or not isinstance(payload, Iterable):
        raise TypeError(f"expected a JSON object or a list of objects, got {type(payload).__name__}")
    return [r if type(r) is dict else dict(r) for r in payload
            if type(r) is dict or isinstance(r, Mapping)]


def build_frame(
    table: Table, records: Sequence[Any], context: Mapping[str, list[Any]] | None = None
) -> pd.DataFrame:
    """The typed frame of ``table`` from records (and ``@name`` context values, one per record).

    Long tables (``table.parent`` set) get one row per element of the list their columns read.
    """
    builder = FrameBuilder(table)
    builder.add(records, context)
    return builder.frame()


class FrameBuilder:
    """The frame of ``table`` from records given in parts, in order.

    The values of a part's records are looked up when it is added (the work per record, done
    while later parts are still being fetched); the typed columns are made once, by
    :meth:`frame`, which equals :func:`build_frame` of every part at once.
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        self._parts: list[dict[str, list[Any]]] = []

    def add(self, records: Sequence[Any], context: Mapping[str, list[Any]] | None = None) -> None:
        """Look up the values of ``records`` (and their ``@name`` context values)."""
        rows = list(records)
        cache: Cache = {(name,): values for name, values in (context or {}).items()}
        if self.table.parent is None:
            self._parts.append({c.name: source_values(parse_source(c.source), rows, cache)
                                for c in self.table.columns})
        else:
            self._parts.append(_long_values(self.table, rows, cache))

    def frame(self) -> pd.DataFrame:
        """The typed frame of every record added so far."""
        columns = self.table.columns
        if len(self._parts) == 1:
            raw = dict(self._parts[0])
        else:
            raw = {c.name: [v for part in self._parts for v in part[c.name]] for c in columns}
        for c in columns:  # text is text: entities decoded, except in raw HTML and plain columns
            if c.dtype == "string" and parse_source(c.source).converter not in _KEEPS_ENTITIES:
                raw[c.name] = decode_entities_all(raw[c.name])
        arrays = {c.name: typed_array(c.dtype, raw[c.name]) for c in columns}
        return pd.DataFrame(arrays, copy=False)


class InParts:
    """A normaliser fed in parts, in order: :meth:`add` each part as it comes, then :meth:`frame`.

    The frame equals the normaliser's of every part at once; the work per record is done when
    its part is added, so a loader can do it while the last requests are still in flight.

    Parameters
    ----------
    table : Table
        The schema table of the frame.
    records : callable
        A part's records and their ``@name`` context values.
    """

    def __init__(self, table: Table,
                 records: Callable[[Any], tuple[list[Any], dict[str, list[Any]]]]) -> None:
        self._builder = FrameBuilder(table)
        self._records = records

    def add(self, part: Any) -> None:
        """Take the records of ``part`` (what the normaliser takes: bodies, issues by type)."""
        self._builder.add(*self._records(part))

    def frame(self) -> pd.DataFrame:
        """The frame of every part added so far."""
        return self._builder.frame()


#: Converters whose output is not decoded again: raw HTML (kept as sent) and HTML made plain.
_KEEPS_ENTITIES = frozenset({"html", "plain", "unescape"})


def _long_values(table: Table, rows: list[Any], cache: Cache) -> dict[str, list[Any]]:
    sources = {c.name: parse_source(c.source) for c in table.columns}
    head = _explode_head(sources.values())
    elements, index, sides = _explode(rows, head, cache)
    element_cache: Cache = {("*",): sides}
    raw: dict[str, list[Any]] = {}
    for name, source in sources.items():
        if source.exploded:
            raw[name] = source_values(source.relative_to(head), elements, element_cache)
        else:
            values = source_values(source, rows, cache)
            raw[name] = [values[i] for i in index]
    return raw


def _explode_head(sources: Iterable[Source]) -> Path:
    for source in sources:
        for path in source.paths:
            if "[]" in path:
                return path[: path.index("[]")]
    raise ValueError("a long table needs a column reading list elements ([])")


def _side_path(head: Path, side: str | None) -> Path:
    return head if side is None else tuple(side if key == "*" else key for key in head)


def _explode(rows: list[Any], head: Path, cache: Cache) -> tuple[list[Any], list[int], list[Any]]:
    """Elements of the list at ``head`` of every row, their row index and side (``*`` in head)."""
    sides: tuple[str | None, ...] = SIDES if "*" in head else (None,)
    lists = [_resolve(rows, _side_path(head, side), cache) for side in sides]
    elements: list[Any] = []
    index: list[int] = []
    side_of: list[Any] = []
    for row, per_side in enumerate(zip(*lists, strict=True)):
        for side, items in zip(sides, per_side, strict=True):
            if isinstance(items, list) and items:
                elements.extend(items)
                index.extend([row] * len(items))
                side_of.extend([side] * len(items))
    return elements, index, side_of

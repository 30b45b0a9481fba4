"""What every schema table is made of: dtypes, the ``Column`` and ``Table`` records, shared constants."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from numista_frames.checks import CATEGORIES, GRADES

#: Bump whenever a column is added, removed, renamed, reordered or retyped.
SCHEMA_VERSION = 2
#: What goes with every exported frame and chart (Numista's terms).
ATTRIBUTION = "Source: Numista (N# = type id)"

#: Sides of a type, in Numista's order (``*`` in a source stands for each of them).
SIDES = ("obverse", "reverse", "edge", "watermark")
#: Lists shown in one cell (``ruler[].name`` in a wide frame) are joined with this.
JOIN_SEPARATOR = "; "

#: Grades worst to best; ordered so that ``df.sort_values("grade")`` and ``grade >= "vf"`` work.
GRADE_DTYPE = pd.CategoricalDtype(list(GRADES), ordered=True)
#: Fixed categories so that frames of different calls concatenate without turning into object.
CATEGORY_DTYPE = pd.CategoricalDtype(list(CATEGORIES), ordered=False)
SIDE_DTYPE = pd.CategoricalDtype(list(SIDES), ordered=False)
# Pinned to pyarrow storage: what read_parquet gives back, whatever mode.string_storage says.
STRING_DTYPE = pd.StringDtype("pyarrow")

#: Dtype names used in the tables and the pandas dtype each stands for.
DTYPES: Mapping[str, Any] = {
    "Int64": pd.Int64Dtype(),
    "float64": np.dtype("float64"),
    "string": STRING_DTYPE,
    "boolean": pd.BooleanDtype(),
    "datetime64[ns]": np.dtype("datetime64[ns]"),
    "datetime64[ns, UTC]": pd.DatetimeTZDtype("ns", "UTC"),
    "grade": GRADE_DTYPE,
    "category": CATEGORY_DTYPE,
    "side": SIDE_DTYPE,
}
_DTYPE_LABELS = {
    "grade": "category (g<vg<f<vf<xf<au<unc)",
    "category": "category (coin, banknote, exonumia)",
    "side": "category (obverse, reverse, edge, watermark)",
}

_I, _F, _S, _B, _D, _T = "Int64", "float64", "string", "boolean", "datetime64[ns]", "datetime64[ns, UTC]"


@dataclass(frozen=True)
class Column:
    """One column: its name, dtype name (a key of ``DTYPES``), JSON source and description.

    ``source`` is a path into the JSON record: ``issuer.code``; ``a|b`` takes the first present;
    ``ruler[].name`` is each element of a list (joined with ``JOIN_SEPARATOR`` in wide frames,
    one row each in long ``parts`` frames); ``pictures[0].url`` is the first element; ``@name`` is
    a value the normaliser supplies (``@type_id``); ``*`` is each side; ``conv(path)`` applies the
    named converter of :mod:`numista_frames.frames.values` (``lines``, ``unescape``, ``refs``...).
    """

    name: str
    dtype: str
    source: str
    description: str


@dataclass(frozen=True)
class Table:
    """The columns of one resource, in order; ``parent`` names what a long parts table explodes."""

    resource: str
    description: str
    columns: tuple[Column, ...]
    parent: str | None = None  # what a long table explodes: types, issues, publications or prices


def _cols(*rows: tuple[str, str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*row) for row in rows)

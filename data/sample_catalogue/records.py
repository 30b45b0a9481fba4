"""What every generated record is: a JSON object, with numbers written as Numista writes them."""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]


def json_number(x: float) -> int | float:
    """A measure as Numista sends it: integral values as ints (8), others as floats (8.5)."""
    return int(x) if float(x).is_integer() else x

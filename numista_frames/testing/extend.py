"""Bigger catalogues for tests and benchmarks: the sample catalogue plus generated types."""

from __future__ import annotations

import copy
import functools
import gzip
import importlib.resources
import json
from typing import Any

__all__ = ["sample_data", "with_extra_types"]

_GRADES = ("g", "vg", "f", "vf", "xf", "au", "unc")


@functools.cache
def _sample_bytes() -> bytes:
    resource = importlib.resources.files("numista_frames.testing").joinpath(
        "data/sample_catalogue.json.gz")
    return gzip.decompress(resource.read_bytes())


def sample_data() -> dict[str, Any]:
    """A fresh, mutable copy of the shipped sample catalogue (format 1, ``data/README.md``)."""
    data: dict[str, Any] = json.loads(_sample_bytes())
    return data


def with_extra_types(count: int, *, word: str = "Sestertius", issues_per_type: int = 2,
                     base: dict[str, Any] | None = None) -> dict[str, Any]:
    """The sample catalogue plus ``count`` synthetic types whose titles contain ``word``.

    Each new type copies the shape of a real sample coin (so bodies stay realistic) with a new
    id above every existing one, the title ``"<n> <word>"``, ``issues_per_type`` dated issues
    and prices for each. A search for ``word`` then finds exactly ``count`` types (when the
    word occurs nowhere else).

    Examples
    --------
    >>> data = with_extra_types(3, word="Zorkmid")
    >>> [t["title"] for t in data["types"][-3:]]
    ['1 Zorkmid', '2 Zorkmid', '3 Zorkmid']
    """
    data = sample_data() if base is None else copy.deepcopy(base)
    template = next(t for t in data["types"] if t["category"] == "coin" and "value" in t)
    next_type = max(t["id"] for t in data["types"]) + 1
    next_issue = max(i["id"] for issues in data["issues"].values() for i in issues) + 1
    for n in range(1, count + 1):
        body = copy.deepcopy(template)
        body.update(id=next_type, title=f"{n} {word}", url=f"https://en.numista.com/{next_type}",
                    min_year=1900 + n % 100, max_year=1900 + n % 100 + issues_per_type - 1)
        body.pop("related_types", None)
        data["types"].append(body)
        issues = []
        for k in range(issues_per_type):
            year = body["min_year"] + k
            issues.append({"id": next_issue, "is_dated": True, "year": year,
                           "gregorian_year": year, "mintage": 1000 * (n + k)})
            data["prices"][str(next_issue)] = {g: round(1.0 + i * 0.75 + n % 7, 2)
                                               for i, g in enumerate(_GRADES)}
            next_issue += 1
        data["issues"][str(next_type)] = issues
        next_type += 1
    return data

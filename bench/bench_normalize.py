"""Benchmark of the normalisers: rows per second, and against ``pd.json_normalize`` + the same dtypes.

Run: ``python bench/bench_normalize.py [--runs 7] [--search 5000] [--issues 20000] [--types 2000]``.
Bodies are synthetic, built from the sample catalogue in the shapes the fake API serves. Nothing
here is asserted by the test suite.
"""

from __future__ import annotations

import argparse
import copy
import itertools
import os
import platform
from typing import Any

import pandas as pd
from timing import median_seconds  # bench/timing.py (the scripts run from bench/)

from numista_frames.frames.normalize import normalize_issues, normalize_search, normalize_types
from numista_frames.frames.parts import parse_source
from numista_frames.frames.schema import DTYPES, TABLES
from numista_frames.testing import load_sample_catalogue

JsonDict = dict[str, Any]


def search_items(n: int) -> list[JsonDict]:
    """``n`` search items as ``GET /types`` serves them, sample items repeated with new ids."""
    cat = load_sample_catalogue()
    base: list[JsonDict] = []
    for issuer in cat.get_issuers()["issuers"]:
        for page in itertools.count(1):
            body = cat.search({"issuer": issuer["code"], "count": "100", "page": str(page)})
            base.extend(body["types"])
            if page * 100 >= body["count"]:
                break
    return [{**copy.deepcopy(item), "id": 10_000_000 + i} for i, item in enumerate(itertools.islice(
        itertools.cycle(base), n))]


def type_bodies(n: int) -> list[JsonDict]:
    """``n`` full type bodies (96 columns once flat), the sample's types repeated with new ids."""
    cat = load_sample_catalogue()
    base = [cat.get_type(type_id) for type_id in cat.type_ids]
    return [{**copy.deepcopy(body), "id": 10_000_000 + i}
            for i, body in enumerate(itertools.islice(itertools.cycle(base), n))]


def issues_by_type(n: int) -> dict[int, list[JsonDict]]:
    """About ``n`` issues grouped by type, the sample's issues repeated under new type ids."""
    cat = load_sample_catalogue()
    groups = [(type_id, cat.get_issues(type_id)) for type_id in cat.type_ids]
    out: dict[int, list[JsonDict]] = {}
    total = 0
    for copy_no in itertools.count():
        for type_id, issues in groups:
            if total >= n:
                return out
            out[type_id + 1_000_000 * copy_no] = copy.deepcopy(issues)
            total += len(issues)
    return out


def _plain_columns(resource: str) -> dict[str, tuple[str, Any]]:
    """Schema columns a json_normalize pipeline can fill: name -> (flattened key, dtype)."""
    out = {}
    for column in TABLES[resource].columns:
        source = parse_source(column.source)
        path = source.paths[0]
        if source.converter is None and "[]" not in path and not path[0].startswith("@"):
            out[column.name] = (".".join(path), DTYPES[column.dtype])
    return out


def json_normalize_frame(
    records: list[JsonDict], resource: str, extra: JsonDict | None = None
) -> pd.DataFrame:
    """The reference pipeline: ``pd.json_normalize``, then the schema's names and dtypes."""
    flat = pd.json_normalize(records)
    columns: dict[str, Any] = dict(extra or {})
    for name, (key, dtype) in _plain_columns(resource).items():
        raw = flat[key] if key in flat else pd.Series([None] * len(flat), dtype=object)
        if dtype == "string":  # numbers (years as written) must become text first
            raw = raw.map(lambda v: v if isinstance(v, str) or v is None or v != v else str(v))
        if str(dtype).startswith("datetime64"):  # "2001-00-00" exists: astype would raise
            raw = pd.to_datetime(raw, format="%Y-%m-%d", errors="coerce")
        columns[name] = raw.astype(dtype)
    return pd.DataFrame(columns)



def report(what: str, rows: int, ours: float, reference: float) -> None:
    print(f"{what:<8} {rows:>7,} rows  normalize: {ours * 1e3:8.1f} ms = {rows / ours:>11,.0f} rows/s"
          f"   json_normalize+dtypes: {reference * 1e3:8.1f} ms = {rows / reference:>10,.0f} rows/s"
          f"   speed-up x{reference / ours:.1f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--search", type=int, default=5000)
    parser.add_argument("--issues", type=int, default=20000)
    parser.add_argument("--types", type=int, default=2000)
    args = parser.parse_args(argv)
    print(f"Python {platform.python_version()}, pandas {pd.__version__}, {os.cpu_count()} cores, "
          f"median of {args.runs} runs")

    items = search_items(args.search)
    ours = median_seconds(lambda: normalize_search(items), args.runs)
    ref = median_seconds(lambda: json_normalize_frame(items, "search"), args.runs)
    report("search", len(items), ours, ref)

    grouped = issues_by_type(args.issues)
    flat = [issue for issues in grouped.values() for issue in issues]
    type_ids = {"type_id": pd.array([t for t, i in grouped.items() for _ in i], dtype="Int64")}
    ours = median_seconds(lambda: normalize_issues(grouped), args.runs)
    ref = median_seconds(lambda: json_normalize_frame(flat, "issues", type_ids), args.runs)
    report("issues", len(flat), ours, ref)
    bodies = type_bodies(args.types)
    ours = median_seconds(lambda: normalize_types(bodies), args.runs)
    ref = median_seconds(lambda: json_normalize_frame(bodies, "types"), args.runs)
    report("types", len(bodies), ours, ref)
    print("(json_normalize fills only the plain-path columns; normalize also joins lists and "
          "coerces kinds.)")


if __name__ == "__main__":
    main()

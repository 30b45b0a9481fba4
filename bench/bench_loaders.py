"""Benchmarks of the loaders against the fake API on loopback (medians over several runs).

Run: ``python bench/bench_loaders.py [--runs 7]``. The figures measured on the project machine
are in ``bench/README.md``; nothing here is asserted by the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
from timing import median_seconds  # bench/timing.py (the scripts run from bench/)

import numista_frames as nf
from numista_frames.testing import FakeNumista
from numista_frames.testing.extend import with_extra_types

SEARCH_WORD = "Sestertius"
SEARCH_TYPES = 5000



@contextmanager
def _configured(api: FakeNumista, **settings: Any) -> Iterator[Path]:
    tmp = Path(tempfile.mkdtemp(prefix="nf-bench-"))
    try:
        nf.configure(api_url=api.url, api_key=api.api_key, cache_dir=tmp,
                     requests_per_second=None, **settings)
        yield tmp
    finally:
        nf.reset_configuration()
        shutil.rmtree(tmp, ignore_errors=True)


def bench_search(api: FakeNumista, runs: int) -> dict[str, float]:
    """Search of 5,000 matches: requests cold/warm, warm time, and re-normalising from HTTP."""
    with _configured(api) as cache:
        api.clear_log()
        frame = nf.search_df(SEARCH_WORD, progress=False)
        cold = api.request_count()
        api.clear_log()
        warm_time = median_seconds(lambda: nf.search_df(SEARCH_WORD), runs)
        warm = api.request_count()

        def from_http_cache() -> None:
            shutil.rmtree(cache / "frames", ignore_errors=True)
            nf.search_df(SEARCH_WORD, progress=False)

        http_time = median_seconds(from_http_cache, runs)
    return {"rows": len(frame), "cold_requests": cold, "warm_requests": warm,
            "warm_ms": warm_time * 1000, "http_cache_ms": http_time * 1000,
            "ratio": http_time / warm_time}


def bench_prices(api: FakeNumista) -> dict[str, int]:
    """Prices of 20 types: 20 issue lists + one request per issue cold, nothing warm."""
    with _configured(api):
        ids = nf.search_df("dollar", max_results=20)["id"].tolist()
        api.clear_log()
        frame = nf.prices_df(ids, progress=False)
        cold = api.request_count()
        issue_lists = sum(1 for r in api.log if r.path.endswith("/issues"))
        api.clear_log()
        nf.prices_df(ids, progress=False)
        warm = api.request_count()
    return {"types": len(ids), "issue_lists": issue_lists, "cold": cold,
            "issues": cold - issue_lists, "warm": warm, "rows": len(frame)}


def bench_cold_batch(api: FakeNumista, runs: int, n: int = 200, latency: float = 0.05,
                     concurrency: int = 8) -> dict[str, float]:
    """types_df of 200 ids at 50 ms latency: concurrency 8 against the ideal and one at a time."""
    with _configured(api):
        ids = nf.search_df(year="0-3000", max_results=n, progress=False)["id"].tolist()
    api.latency = latency

    def cold(workers: int) -> Callable[[], None]:
        def run() -> None:
            with _configured(api, max_concurrent=workers):
                nf.types_df(ids, progress=False)
        return run

    try:
        concurrent = median_seconds(cold(concurrency), runs)
        sequential = median_seconds(cold(1), max(1, runs // 3))
    finally:
        api.latency = 0.0
    ideal = n * latency / concurrency
    return {"n": n, "concurrent_s": concurrent, "ideal_s": ideal,
            "ratio_to_ideal": concurrent / ideal, "sequential_s": sequential,
            "speedup": sequential / concurrent}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, pandas {pd.__version__}")
    catalogue = with_extra_types(SEARCH_TYPES, word=SEARCH_WORD, issues_per_type=1)
    with FakeNumista(catalogue=catalogue, max_concurrency=10) as api:
        s = bench_search(api, args.runs)
        print(f"search_df, {s['rows']} rows at page size 100: {s['cold_requests']} requests cold, "
              f"{s['warm_requests']} warm; warm median {s['warm_ms']:.1f} ms; re-normalising from "
              f"the HTTP cache {s['http_cache_ms']:.1f} ms ({s['ratio']:.0f}x slower)")
        p = bench_prices(api)
        print(f"prices_df, {p['types']} types: {p['cold']} requests cold = {p['issue_lists']} "
              f"issue lists + {p['issues']} issues; {p['warm']} warm; {p['rows']} rows")
        b = bench_cold_batch(api, args.runs)
        print(f"types_df, {b['n']} ids, 50 ms latency, concurrency 8: median "
              f"{b['concurrent_s']:.2f} s = {b['ratio_to_ideal']:.2f} x ideal "
              f"({b['ideal_s']:.2f} s); one at a time {b['sequential_s']:.2f} s -> "
              f"{b['speedup']:.1f}x faster")


if __name__ == "__main__":
    main()

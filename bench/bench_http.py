"""Benchmarks of the HTTP layer against the fake API on loopback (medians over several runs).

Run: ``python bench/bench_http.py [--runs 5]``. Figures measured on the project machine are
in ``bench/README.md``. Nothing here is asserted by the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from timing import median_seconds  # bench/timing.py (the scripts run from bench/)

import numista_frames as nf
from numista_frames.testing import FakeNumista

LATENCY = 0.05
N_TYPES = 200
CONCURRENCY = 8


def _client(api: FakeNumista, cache_dir: Path, **overrides: object) -> nf.Client:
    return nf.Client(api_url=api.url, api_key=api.api_key, cache_dir=cache_dir,
                     requests_per_second=None, **overrides)


def _type_ids(api: FakeNumista, n: int) -> list[int]:
    with tempfile.TemporaryDirectory() as tmp, _client(api, Path(tmp)) as client:
        ids = [int(t["id"]) for t in client.iter_types(year="0-3000", page_size=100)]
    return ids[:n]


def _fetch_all(client: nf.Client, ids: list[int], workers: int) -> None:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(client.get_type, ids))



def bench_cold_batch(api: FakeNumista, ids: list[int], runs: int) -> dict[str, float]:
    """200 type details at 50 ms latency: concurrency 8 vs one at a time."""
    api.latency = LATENCY

    def cold(workers: int) -> Callable[[], None]:
        def run() -> None:
            with tempfile.TemporaryDirectory() as tmp, \
                    _client(api, Path(tmp), max_concurrent=workers) as client:
                _fetch_all(client, ids, workers)
        return run

    concurrent = median_seconds(cold(CONCURRENCY), runs)
    sequential = median_seconds(cold(1), max(1, runs // 2))
    api.latency = 0.0
    ideal = len(ids) * LATENCY / CONCURRENCY
    return {"concurrent_s": concurrent, "ideal_s": ideal, "ratio_to_ideal": concurrent / ideal,
            "sequential_s": sequential, "speedup": sequential / concurrent}


def bench_requests_spent(api: FakeNumista, ids: list[int]) -> dict[str, int]:
    """Requests that reach the server: a cold batch, then the same batch warm."""
    with tempfile.TemporaryDirectory() as tmp, _client(api, Path(tmp)) as client:
        api.clear_log()
        _fetch_all(client, ids, CONCURRENCY)
        cold = api.request_count()
        api.clear_log()
        _fetch_all(client, ids, CONCURRENCY)
        warm = api.request_count()
    return {"cold": cold, "warm": warm}


def bench_cache_hit(api: FakeNumista, ids: list[int], runs: int) -> dict[str, float]:
    """Median time of one cache hit (get_type of a cached type)."""
    with tempfile.TemporaryDirectory() as tmp, _client(api, Path(tmp)) as client:
        for tid in ids[:50]:
            client.get_type(tid)
        per_call = []
        for _ in range(runs):
            start = time.perf_counter()
            for tid in ids[:50]:
                client.get_type(tid)
            per_call.append((time.perf_counter() - start) / 50)
    return {"hit_ms": statistics.median(per_call) * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    with FakeNumista(max_concurrency=10) as api:
        ids = _type_ids(api, N_TYPES)
        print(f"types: {len(ids)}")
        spent = bench_requests_spent(api, ids)
        print(f"requests spent for {len(ids)} type details: cold {spent['cold']}, warm {spent['warm']}")
        hit = bench_cache_hit(api, ids, args.runs)
        print(f"cache hit: median {hit['hit_ms']:.2f} ms per get_type")
        batch = bench_cold_batch(api, ids, args.runs)
        print(f"cold batch, {LATENCY * 1000:.0f} ms latency, concurrency {CONCURRENCY}: median "
              f"{batch['concurrent_s']:.2f} s = {batch['ratio_to_ideal']:.2f} x ideal "
              f"({batch['ideal_s']:.2f} s); one at a time {batch['sequential_s']:.2f} s "
              f"-> {batch['speedup']:.1f}x faster")


if __name__ == "__main__":
    main()

"""The overhead around each request, side by side with a plain alternative, in one run.

Run: ``python bench/bench_overhead.py [--runs 5]`` (from the repository root or ``bench/``).
Every row runs against the fake Numista API on loopback and prints medians (the library's runs
taken in turns with the alternative's, so a drift of the machine weighs on both) and the ratio
to its plain alternative: a ``ThreadPoolExecutor`` with ``requests``, one SQLite connection,
``pd.read_parquet``-free filtering, ``python -c "import pandas"``. It also checks that the
requests spent equal the minimum. Nothing here is asserted by the test suite; the figures
measured on the project machine are in ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_seconds, paired_median_seconds

import numista_frames as nf
from numista_frames.http.ledger import QuotaLedger, key_id
from numista_frames.testing import FakeNumista
from numista_frames.testing.extend import with_extra_types

WORD = "Sestertius"
ROWS = 5000


@contextmanager
def configured(api: FakeNumista, **settings: Any) -> Iterator[Path]:
    """The process default pointed at ``api`` with fresh caches (the library's own defaults)."""
    tmp = Path(tempfile.mkdtemp(prefix="nf-overhead-"))
    try:
        nf.configure(api_url=api.url, api_key=api.api_key, cache_dir=tmp / "cache",
                     data_dir=tmp / "data", **settings)
        yield tmp
    finally:
        nf.reset_configuration()
        shutil.rmtree(tmp, ignore_errors=True)


def plain_pool(api: FakeNumista, ids: list[int], workers: int = 8) -> None:
    """The plain alternative: a pool of ``workers`` threads, one requests.Session each call."""
    session = requests.Session()
    headers = {"Numista-API-Key": api.api_key}

    def one(tid: int) -> Any:
        return session.get(f"{api.url}/types/{tid}", params={"lang": "en"}, headers=headers,
                           timeout=30).json()

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, ids))
    session.close()


def row_batch(api: FakeNumista, ids: list[int], latency: float, runs: int) -> dict[str, float]:
    """types_df of ``ids`` cold at the library's defaults against a plain pool of 8."""
    api.latency = latency
    spent: list[int] = []

    def library() -> None:
        with configured(api):
            api.clear_log()
            nf.types_df(ids, progress=False)
            spent.append(api.request_count())

    def sequential() -> None:
        plain_pool(api, ids, workers=1)

    try:
        ours, pool = paired_median_seconds(library, lambda: plain_pool(api, ids), runs)
        loop = median_seconds(sequential, 1) if latency else float("nan")
    finally:
        api.latency = 0.0
    return {"ours": ours, "pool": pool, "loop": loop, "ratio": ours / pool,
            "per_request_ms": (ours - pool) / len(ids) * 1000, "spent": max(spent),
            "minimum": len(ids)}


def row_steady(api: FakeNumista, ids: list[int], runs: int, size: int = 50) -> dict[str, float]:
    """types_df of ``size`` new ids per run in a session already open (the first use of a new
    cache dir - creating its SQLite files - paid before), against a plain pool on the same ids."""
    chunks = [ids[i:i + size] for i in range(0, len(ids), size)]
    if len(chunks) < runs + 1:
        raise ValueError(f"need {(runs + 1) * size} ids, got {len(ids)}")
    fresh = iter(chunks)
    with configured(api):
        nf.types_df(next(fresh), progress=False)
        ours, pool = paired_median_seconds(lambda: nf.types_df(next(fresh), progress=False),
                                           lambda: plain_pool(api, chunks[0]), runs)
    return {"ours": ours, "pool": pool, "per_request_ms": (ours - pool) / size * 1000}


def row_ledger(runs: int, writes: int = 500) -> dict[str, float]:
    """One ledger write (queued, then committed by the ledger's thread in batches: timed until it
    is on disk), against an insert on one open SQLite connection."""
    tmp = Path(tempfile.mkdtemp(prefix="nf-ledger-"))
    try:
        ledger = QuotaLedger(tmp / "q.sqlite")
        key = key_id("k")

        def ours() -> None:  # queued, then written by the ledger's thread: counted until on disk
            for _ in range(writes):
                ledger.record(key=key, method="GET", endpoint="types", family="catalogue",
                              status=200, api="http://127.0.0.1/v3")
            ledger.flush()

        con = sqlite3.connect(tmp / "plain.sqlite", isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("CREATE TABLE r (ts TEXT, k TEXT, m TEXT, e TEXT, f TEXT, s INT, o TEXT)")

        def plain() -> None:
            for _ in range(writes):
                con.execute("INSERT INTO r VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (datetime.now(UTC).isoformat(), key, "GET", "types", "catalogue",
                             200, "answered"))

        a = median_seconds(ours, runs) / writes * 1000
        b = median_seconds(plain, runs) / writes * 1000
        con.close()
        return {"ours_ms": a, "plain_ms": b, "ratio": a / b}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def row_search(api: FakeNumista, runs: int, latency: float = 0.05) -> dict[str, float]:
    """A 5,000-row search: rebuilt from the HTTP cache (frames cold), and cold at 50 ms."""
    with configured(api) as tmp:
        nf.search_df(WORD, progress=False)

        def rebuild() -> None:
            shutil.rmtree(tmp / "cache" / "frames", ignore_errors=True)
            nf.search_df(WORD, progress=False)

        rebuilt = median_seconds(rebuild, runs)
    api.latency = latency
    spent: list[int] = []

    def cold() -> None:
        with configured(api):
            api.clear_log()
            nf.search_df(WORD, progress=False)
            spent.append(api.request_count())

    try:
        cold_s = median_seconds(cold, runs)
    finally:
        api.latency = 0.0
    pages = math.ceil(ROWS / 100)
    ideal = latency * (1 + math.ceil((pages - 1) / 8))  # page 1, then the rest 8 at a time
    return {"rebuild_ms": rebuilt * 1000, "cold_s": cold_s, "ideal_s": ideal,
            "ratio": cold_s / ideal, "spent": max(spent), "minimum": pages}


def row_filter(api: FakeNumista, runs: int) -> dict[str, float]:
    """A boolean filter on a 1,000-row loader frame, against the same frame without attrs."""
    with configured(api):
        frame = nf.search_df(WORD, max_results=1000, progress=False)
    bare = frame.copy()
    bare.attrs = {}
    mask = frame["id"] % 2 == 0

    def many(df: pd.DataFrame) -> Callable[[], None]:
        return lambda: [df[mask] for _ in range(200)]

    ours = median_seconds(many(frame), runs) / 200 * 1e6
    plain = median_seconds(many(bare), runs) / 200 * 1e6
    return {"ours_us": ours, "plain_us": plain, "ratio": ours / plain}


def _command_seconds(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row_start(runs: int) -> dict[str, float]:
    """``import numista_frames`` and the CLI's help, against ``python -c "import pandas"``."""
    py = sys.executable
    pandas = _command_seconds([py, "-c", "import pandas"], runs)
    ours = _command_seconds([py, "-c", "import numista_frames"], runs)
    both = _command_seconds([py, "-c", "import numista_frames, pandas"], runs)
    cli = shutil.which("numista-frames", path=str(Path(py).parent)) or shutil.which("numista-frames") or ""
    help_s = _command_seconds([cli, "--help"], runs) if cli else float("nan")
    version_s = _command_seconds([cli, "--version"], runs) if cli else float("nan")
    cmd_help = _command_seconds([cli, "search", "--help"], runs) if cli else float("nan")
    return {"pandas": pandas, "import": ours, "import_and_pandas": both, "help": help_s,
            "version": version_s, "cmd_help": cmd_help}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, pandas {pd.__version__}; medians of {args.runs} runs")
    catalogue = with_extra_types(ROWS, word=WORD, issues_per_type=1)
    with FakeNumista(catalogue=catalogue, max_concurrency=10) as api:
        with configured(api):
            ids = nf.search_df(WORD, max_results=(args.runs + 2) * 50, progress=False)["id"].tolist()
        ids200 = ids[:200]
        b = row_batch(api, ids200, 0.05, args.runs)
        print(f"200 types, 50 ms latency, defaults: {b['ours']:.2f} s vs pool of 8 "
              f"{b['pool']:.2f} s = {b['ratio']:.3f}x; one at a time {b['loop']:.2f} s; "
              f"requests {b['spent']} (minimum {b['minimum']})")
        z = row_batch(api, ids200[:50], 0.0, args.runs)
        print(f"50 types, 0 ms latency, new cache dir: {z['ours'] * 1000:.0f} ms vs pool "
              f"{z['pool'] * 1000:.0f} ms = {z['per_request_ms']:+.2f} ms per request over the pool")
        w = row_steady(api, ids, args.runs)
        print(f"50 types, 0 ms latency, session open: {w['ours'] * 1000:.0f} ms vs pool "
              f"{w['pool'] * 1000:.0f} ms = {w['per_request_ms']:+.2f} ms per request over the pool")
        s = row_search(api, args.runs)
        print(f"search {ROWS} rows rebuilt from the HTTP cache: {s['rebuild_ms']:.0f} ms; cold at "
              f"50 ms: {s['cold_s']:.2f} s = {s['ratio']:.2f}x ideal ({s['ideal_s']:.2f} s); "
              f"requests {s['spent']} (minimum {s['minimum']})")
        f = row_filter(api, args.runs)
        print(f"boolean filter, 1,000-row frame: {f['ours_us']:.0f} us vs {f['plain_us']:.0f} us "
              f"without attrs = {f['ratio']:.2f}x")
    led = row_ledger(args.runs)
    print(f"ledger write: {led['ours_ms']:.3f} ms vs {led['plain_ms']:.3f} ms on one connection")
    st = row_start(args.runs)
    print(f"import numista_frames: {st['import'] * 1000:.0f} ms; with pandas "
          f"{st['import_and_pandas'] * 1000:.0f} ms vs pandas alone {st['pandas'] * 1000:.0f} ms "
          f"(+{(st['import_and_pandas'] - st['pandas']) * 1000:.0f} ms)")
    print(f"numista-frames --help {st['help']:.2f} s, --version {st['version']:.2f} s, "
          f"search --help {st['cmd_help']:.2f} s")


if __name__ == "__main__":
    main()

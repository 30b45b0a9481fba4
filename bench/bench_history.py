"""Benchmark of the price history at scale: 5 million observations, one-type queries.

Run: ``python bench/bench_history.py [--runs 7] [--observations 5000000]``. Builds a history
in a temporary cache dir through the same append path the loaders use (monthly snapshots of
4,000 types x 5 issues x 7 grades over 36 months, one append per month), then times
``price_history_df`` for single types and counts what a query opens and scans. Figures
measured on the project machine are in ``bench/README.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import numista_frames as nf
from numista_frames.store.frame_cache import PriceSnapshots

GRADES = ["g", "vg", "f", "vf", "xf", "au", "unc"]


def build(root: Path, observations: int, months: int = 36, issues: int = 5) -> int:
    """Append ``months`` monthly snapshots; returns the rows written."""
    types = max(1, observations // (months * issues * len(GRADES)))
    type_ids = np.repeat(np.arange(1000, 1000 + types), issues * len(GRADES))
    issue_ids = np.repeat(np.arange(types * issues) + 100_000, len(GRADES))
    grades = np.tile(GRADES, types * issues)
    rng = np.random.default_rng(0)
    base = rng.uniform(1, 500, size=types * issues).repeat(len(GRADES))
    base = base * np.tile(np.linspace(1, 3, len(GRADES)), types * issues)
    snapshots, written = PriceSnapshots(root), 0
    for month in pd.date_range("2023-12-01", periods=months, freq="MS", tz="UTC"):
        frame = pd.DataFrame({"type_id": type_ids, "issue_id": issue_ids, "currency": "EUR",
                              "grade": grades, "price": np.round(base * rng.uniform(0.9, 1.1), 2),
                              "observed_at": month})
        snapshots.append(frame)
        written += len(frame)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--observations", type=int, default=5_000_000)
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, pandas {pd.__version__}")
    tmp = Path(tempfile.mkdtemp(prefix="nf-history-"))
    try:
        nf.configure(cache_dir=tmp, api_key="bench")
        root = tmp / "price_history"
        start = time.perf_counter()
        rows = build(root, args.observations)
        files = list(root.rglob("*.parquet"))
        size = sum(f.stat().st_size for f in files)
        print(f"history: {rows:,} observations in {len(files):,} files, {size / 2**20:.0f} MiB "
              f"on disk, built in {time.perf_counter() - start:.0f} s")
        times, answer = [], pd.DataFrame()
        for i in range(args.runs):
            type_id = 1000 + (i * 97) % 4000
            t0 = time.perf_counter()
            answer = nf.price_history_df(type_id)
            times.append(time.perf_counter() - t0)
        print(f"one-type query ({len(answer):,} rows): median {statistics.median(times) * 1000:.0f} ms "
              f"over {args.runs} types")
        t0 = time.perf_counter()
        month = nf.price_history_df(since="2026-11-01", until="2026-11-30")
        print(f"one-month query ({len(month):,} rows): {time.perf_counter() - t0:.2f} s")
        opened = PriceSnapshots(root).files(type_ids=[1234])
        scanned = sum(pq.read_metadata(f).num_rows for f in opened)
        pool = pa.default_memory_pool()
        before = pool.max_memory()
        nf.price_history_df(1234)
        print(f"a one-type query opens {len(opened)} of {len(files):,} files and scans "
              f"{scanned:,} of {rows:,} rows ({scanned / rows:.1%}); Arrow memory peak "
              f"{max(pool.max_memory() or 0, before or 0) / 2**20:.1f} MiB for the whole process")
    finally:
        nf.reset_configuration()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

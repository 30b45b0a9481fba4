"""Child processes of the fault suite: a history writer to be killed, and a threaded loader run.

Run as ``python -m tests.faults.workers <mode> ...`` from the repository root; the environment
says where the cache and data dirs are.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable
from typing import Any

import pandas as pd

#: Rows per type and round the history writer appends (spread over every type bucket).
WRITER_TYPES = 64
WRITER_ROWS = 40


def writer_round(number: int) -> pd.DataFrame:
    """The observations of round ``number`` (prices say which round wrote them)."""
    from numista_frames.frames import schema

    n = WRITER_TYPES * WRITER_ROWS
    frame = pd.DataFrame({
        "type_id": [1 + i % WRITER_TYPES for i in range(n)],
        "issue_id": [1000 + i // WRITER_TYPES for i in range(n)],
        "currency": ["EUR"] * n,
        "grade": ["vf"] * n,
        "price": [number * 100000.0 + i for i in range(n)],
        "observed_at": pd.Timestamp("2026-02-01T12:00Z") + pd.to_timedelta(number, unit="min"),
    })
    return frame.astype(schema.dtypes("price_history"))


def history_writer(first: int) -> None:
    """Append rounds ``first, first+1 ...`` to the history forever, saying after each one."""
    from numista_frames.settings import get_settings
    from numista_frames.store.frame_cache import PriceSnapshots

    store = PriceSnapshots(get_settings().history_path)
    print("ready", flush=True)
    number = first
    while True:
        store.append(writer_round(number))
        print(f"stored {number}", flush=True)
        number += 1


def loader_calls() -> dict[str, Callable[[], pd.DataFrame]]:
    """The calls every thread makes (each thread in its own order)."""
    import numista_frames as nf

    return {
        "search": lambda: nf.search_df("dollar", issuer="canada", page_size=20, progress=False),
        "types": lambda: nf.types_df([6149, 6159, 6164, 6542, 6573], progress=False),
        "issues": lambda: nf.issues_df([6149, 6542], progress=False),
        "prices": lambda: nf.prices_df([6542, 6573], progress=False),
        "catalogues": lambda: nf.catalogues_df(),
        "collection": lambda: nf.collection_df(),
    }


def rows_of(frame: pd.DataFrame) -> str:
    """A frame's rows as text, without what differs between two correct runs."""
    return frame.drop(columns=[c for c in ("fetched_at",) if c in frame.columns]).to_json(
        orient="split", index=False, date_format="iso")


def threaded_loaders(api_url: str, api_key: str, threads: int) -> None:
    """Run every loader call from ``threads`` threads at once; print what each got, as JSON."""
    import numista_frames as nf

    nf.configure(api_url=api_url, api_key=api_key, requests_per_second=None,
                 backoff_factor=0.001, backoff_max=0.05, max_retries=4, timeout=10.0)
    calls = loader_calls()
    results: list[dict[str, Any]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def work(index: int) -> None:
        names = list(calls)
        names = names[index % len(names):] + names[: index % len(names)]
        barrier.wait()
        for name in names:
            try:
                got: dict[str, Any] = {"name": name, "rows": rows_of(calls[name]())}
            except Exception as exc:  # reported to the parent, which fails the test
                got = {"name": name, "error": f"{type(exc).__name__}: {exc}"}
            with lock:
                results.append(got)

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    print(json.dumps(results), flush=True)


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    if mode == "history-writer":
        history_writer(int(args[0]))
    elif mode == "loaders":
        threaded_loaders(args[0], args[1], int(args[2]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")

"""Concurrent batches of requests: a thread pool under the shared throttle, progress, per-id failures."""

from __future__ import annotations

import contextvars
import logging
import warnings
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import pandas as pd

from .exceptions import (
    NotFoundError,
    PartialResultWarning,
    QuotaExceededError,
    RateLimitError,
    ServerError,
    TransportError,
)

__all__ = ["BatchResult", "failures_frame", "run_batch"]

logger = logging.getLogger(__name__)

K = TypeVar("K", bound=Hashable)
R = TypeVar("R")

#: Errors that concern one id; the batch goes on without it. Anything else (a bad key, a bad
#: parameter, the spent quota) concerns them all and stops the batch.
PER_ID_ERRORS = (NotFoundError, ServerError, TransportError, RateLimitError)


@dataclass
class BatchResult(Generic[K, R]):
    """What a batch fetched: results in the order of the keys, and the keys that failed."""

    results: dict[K, R] = field(default_factory=dict)
    failures: list[tuple[K, BaseException]] = field(default_factory=list)


def failures_frame(failures: Sequence[tuple[Any, BaseException]]) -> pd.DataFrame:
    """The ``df.attrs["failures"]`` table: one row per failed id (id, error, message).

    Examples
    --------
    >>> failures_frame([(3, ValueError("boom"))]).values.tolist()
    [['3', 'ValueError', 'boom']]
    """
    return pd.DataFrame({
        "id": pd.array([str(k) for k, _ in failures], dtype="string"),
        "error": pd.array([type(e).__name__ for _, e in failures], dtype="string"),
        "message": pd.array([str(e) for _, e in failures], dtype="string"),
    })


def run_batch(keys: Sequence[K], fetch: Callable[[K], R], *, workers: int,
              progress: bool | None, desc: str) -> BatchResult[K, R]:
    """Fetch every key concurrently; per-id failures are collected, the quota stops everything.

    Parameters
    ----------
    keys : sequence
        What to fetch (ids, or tuples of ids), in the order results should keep.
    fetch : callable
        Fetches one key (runs in worker threads, in a copy of the caller's context, so request
        tracking follows it).
    workers : int
        Threads (the client's ``max_concurrent``: more would only queue at the throttle).
    progress : bool or None
        Show a progress bar (tqdm, notebook-aware); None: when there is more than one key.
    desc : str
        Label of the progress bar.

    Raises
    ------
    QuotaExceededError
        When the quota is spent: the rest is not fetched (what was fetched stays cached), and
        the message says how many keys were left.
    """
    result: BatchResult[K, R] = BatchResult()
    if not keys:
        return result
    bar = _bar(len(keys), progress, desc)
    pool = ThreadPoolExecutor(max_workers=max(1, min(workers, len(keys))))
    try:
        futures = {pool.submit(contextvars.copy_context().run, fetch, key): key for key in keys}
        _collect(futures, result, bar, desc)
    finally:
        # On an error, what has not started never will; what is in flight finishes (and is
        # cached) before this returns.
        pool.shutdown(wait=True, cancel_futures=True)
        if bar is not None:
            bar.close()
    result.results = {k: result.results[k] for k in keys if k in result.results}
    if result.failures:
        warnings.warn(f"{len(result.failures)} of {len(keys)} {desc} failed; the frame holds the "
                      "rest, and df.attrs['failures'] says which and why",
                      PartialResultWarning, stacklevel=3)
    return result


def _collect(futures: dict[Future[Any], Any], result: BatchResult[Any, Any], bar: Any,
             desc: str) -> None:
    pending = set(futures)
    while pending:
        done, pending = wait(pending, return_when=FIRST_EXCEPTION)
        for future in done:
            key = futures[future]
            try:
                result.results[key] = future.result()
            except QuotaExceededError as exc:
                left = len(futures) - len(result.results)
                raise _quota_error(exc, left, len(futures), desc) from None
            except PER_ID_ERRORS as exc:
                logger.info("%r failed: %s", key, exc)
                result.failures.append((key, exc))
            if bar is not None:
                bar.update(1)


def _quota_error(exc: QuotaExceededError, left: int, total: int, desc: str) -> QuotaExceededError:
    hint = (f"The monthly quota is spent: {left} of {total} {desc} were not fetched. Everything "
            "fetched before stays cached; rerun after the quota resets (1st of the month, UTC) and "
            "only those are fetched")
    return QuotaExceededError(exc.status_code, exc.url, exc.message, hint=hint)


def _bar(total: int, progress: bool | None, desc: str) -> Any:
    if progress is False or (progress is None and total <= 1):
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="req", leave=False)

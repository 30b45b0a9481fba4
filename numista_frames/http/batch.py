"""Concurrent batches of requests: a thread pool under the shared throttle, progress, per-id failures."""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, as_completed, wait
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from numista_frames.exceptions import (
    NotFoundError,
    QuotaExceededError,
    RateLimitError,
    ServerError,
    TransportError,
)

if TYPE_CHECKING:
    from numista_frames.http.client_cache import CacheAccess

__all__ = ["BatchResult", "failure_records", "is_per_id", "run_batch", "user_stack_level"]

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


def failure_records(failures: Sequence[tuple[Any, BaseException]]) -> tuple[dict[str, str], ...]:
    """The ``df.attrs["failures"]`` records: one plain ``{id, error, message}`` per failed id.

    Plain records (not a frame) keep pandas' copies of ``attrs`` cheap and compare as a whole
    when frames are merged or concatenated; :func:`numista_frames.failures` shows them as a frame.

    Examples
    --------
    >>> failure_records([(3, ValueError("boom")), ((5, 12), KeyError(1))])[1]
    {'id': '5/12', 'error': 'KeyError', 'message': '1'}
    """
    return tuple({"id": "/".join(map(str, k)) if isinstance(k, tuple) else str(k),
                  "error": type(e).__name__, "message": str(e)} for k, e in failures)


def run_batch(keys: Sequence[K], fetch: Callable[[K], R], *, workers: int,
              progress: bool | None, desc: str, cache: CacheAccess | None = None,
              early: Callable[[dict[K, R]], object] | None = None) -> BatchResult[K, R]:
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
    cache : Client, optional
        The client whose HTTP cache the fetches read: its keys are read once for the whole
        batch rather than the file once per key (:meth:`CacheAccess.batch_reads`).
    early : callable, optional
        Called once, in the caller's thread, when no more than ``workers`` keys are left (all
        in flight), with the results of the keys from the first on that are done (in key
        order, failed ones left out): work on them overlaps the wait for the last answers.
        The results passed are in the returned ones too.

    Raises
    ------
    QuotaExceededError
        When the quota is spent: the rest is not fetched (what was fetched stays cached), and
        the message says how many keys were left.
    NumistaError
        Any error that is not about one id (bad key, unreachable API ...) stops the batch too.
    """
    result: BatchResult[K, R] = BatchResult()
    if not keys:
        return result
    bar = _bar(len(keys), progress, desc)
    pool = ThreadPoolExecutor(max_workers=max(1, min(workers, len(keys))))
    futures: dict[Future[R], K] = {}
    stop: BaseException | None = None
    try:
        with nullcontext() if cache is None else cache.batch_reads(len(keys)):
            futures = {pool.submit(contextvars.copy_context().run, fetch, key): key
                       for key in keys}
        stop = _collect(futures, result, bar, early=early, left=workers)
    finally:
        # After a stop, what has not started never will; what is in flight finishes (and is
        # cached) before this returns.
        pool.shutdown(wait=True, cancel_futures=True)
        if bar is not None:
            bar.close()
    if stop is not None:
        _harvest(futures, result)
        if isinstance(stop, QuotaExceededError):
            left = len(keys) - len(result.results) - len(result.failures)
            raise _quota_error(stop, left, len(keys), desc) from None
        raise stop
    result.results = {k: result.results[k] for k in keys if k in result.results}
    return result


def is_per_id(exc: BaseException) -> bool:
    """Whether an error concerns one id only, so the batch goes on without it.

    Not so for a spent quota, a bad key or parameter, or an API that cannot be reached at all
    (then every other id would fail the same way, slowly).
    """
    if isinstance(exc, QuotaExceededError) or not isinstance(exc, PER_ID_ERRORS):
        return False
    return not (isinstance(exc, TransportError) and not exc.connected)


def _collect(futures: dict[Future[Any], Any], result: BatchResult[Any, Any], bar: Any, *,
             early: Callable[[dict[Any, Any]], object] | None = None,
             left: int = 0) -> BaseException | None:
    """Gather results as they come; return the error that stops the batch, if one does.

    With a progress bar, each answer moves it as it comes; without one, this thread wakes only
    when all are in or one fails (and once before, for ``early``: see :func:`run_batch`).
    """
    if bar is not None:
        batches: Iterable[Collection[Future[Any]]] = ([f] for f in as_completed(futures))
    else:
        if early is not None and _tail_reached(futures, left):
            early(_done_prefix(futures))
        early = None
        batches = _completed_or_failed(futures)
    unfinished = len(futures)
    if unfinished <= left:
        early = None  # all of it in flight at once: nothing to overlap
    for done in batches:
        unfinished -= len(done)
        for future in done:
            key = futures[future]
            try:
                result.results[key] = future.result()
            except BaseException as exc:
                if not is_per_id(exc):
                    return exc
                logger.info("%r failed: %s", key, exc)
                result.failures.append((key, exc))
            if bar is not None:
                bar.update(1)
        if early is not None and unfinished <= left:
            early(_done_prefix(futures))
            early = None
    return None


def _completed_or_failed(futures: Iterable[Future[Any]]) -> Iterator[set[Future[Any]]]:
    pending = set(futures)
    while pending:
        done, pending = wait(pending, return_when=FIRST_EXCEPTION)
        yield done


def _tail_reached(futures: dict[Future[Any], Any], left: int) -> bool:
    """Wait until at most ``left`` futures are unfinished (True), or one has raised an error
    that stops the batch (False). False at once for a batch of no more than ``left``."""
    if len(futures) <= left:
        return False
    reached, lock = threading.Event(), threading.Lock()
    state = {"unfinished": len(futures), "failed": False}

    def finished(future: Future[Any]) -> None:
        with lock:
            state["unfinished"] -= 1
            error = None if future.cancelled() else future.exception()
            if future.cancelled() or (error is not None and not is_per_id(error)):
                state["failed"] = True
            if state["failed"] or state["unfinished"] <= left:
                reached.set()

    for future in futures:
        future.add_done_callback(finished)
    reached.wait()
    return not state["failed"]


def _done_prefix(futures: dict[Future[R], K]) -> dict[K, R]:
    """The results of the keys from the first on that are done (failed ones left out)."""
    done: dict[K, R] = {}
    for future, key in futures.items():  # in key order
        if not future.done():
            break
        if future.exception() is None:
            done[key] = future.result()
    return done


def _harvest(futures: dict[Future[Any], Any], result: BatchResult[Any, Any]) -> None:
    """After a stop: keep what finished meanwhile, so the count of what is left is exact."""
    failed = {id(exc) for _, exc in result.failures}
    for future, key in futures.items():
        if key in result.results or future.cancelled() or not future.done():
            continue
        exc = future.exception()
        if exc is None:
            result.results[key] = future.result()
        elif is_per_id(exc) and id(exc) not in failed:
            result.failures.append((key, exc))


def _quota_error(exc: QuotaExceededError, left: int, total: int, desc: str) -> QuotaExceededError:
    hint = (f"The monthly quota is spent: {left} of {total} {desc} were not fetched. Everything "
            "fetched before stays cached; rerun after the quota resets (1st of the month, UTC) and "
            "only those are fetched")
    return QuotaExceededError(exc.status_code, exc.url, exc.message, hint=hint)


def user_stack_level() -> int:
    """The stack level of the first frame outside numista_frames (where a warning belongs)."""
    import inspect

    package = str(Path(__file__).parent)
    frame, level = inspect.currentframe(), 0
    while frame is not None and frame.f_code.co_filename.startswith(package):
        frame, level = frame.f_back, level + 1
    return max(level, 1)


def _bar(total: int, progress: bool | None, desc: str) -> Any:
    if progress is False or (progress is None and (total <= 1 or not _interactive())):
        return None
    import importlib.util

    from tqdm.auto import tqdm

    if importlib.util.find_spec("ipywidgets") is None:  # a notebook bar needs ipywidgets:
        from tqdm.std import tqdm  # without it, the plain text bar (and no TqdmWarning)

    return tqdm(total=total, desc=desc, unit="req", leave=False)


def _interactive() -> bool:
    """A person is watching: a notebook kernel, or stderr is a terminal (not a log file)."""
    import sys

    return "ipykernel" in sys.modules or bool(getattr(sys.stderr, "isatty", lambda: False)())

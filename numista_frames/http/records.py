"""Which requests a piece of work made: records per context, for provenance and counting."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = ["RequestRecord", "record", "track"]


@dataclass(frozen=True)
class RequestRecord:
    """One answered request, as :meth:`Client.track` records it.

    Attributes
    ----------
    method, path : str
        ``path`` is relative to the API base (``/types/99700``).
    params : dict
        The query parameters sent.
    from_cache : bool
        Answered by the HTTP cache (no request spent).
    fetched_at : datetime
        When the answer was fetched from the API (UTC); for a cached answer, when it was
        cached.
    """

    method: str
    path: str
    params: dict[str, Any]
    from_cache: bool
    fetched_at: datetime


@dataclass
class _Tracker:
    records: list[RequestRecord] = field(default_factory=list)
    parent: _Tracker | None = None

    def add(self, record: RequestRecord) -> None:
        tracker: _Tracker | None = self
        while tracker is not None:  # an inner track() also feeds the ones around it
            tracker.records.append(record)
            tracker = tracker.parent


_tracker: contextvars.ContextVar[_Tracker | None] = contextvars.ContextVar(
    "numista_frames_tracker", default=None)


@contextmanager
def track() -> Iterator[list[RequestRecord]]:
    """Record every request answered in this context (and in tasks copied from it)."""
    tracker = _Tracker(parent=_tracker.get())
    token = _tracker.set(tracker)
    try:
        yield tracker.records
    finally:
        _tracker.reset(token)


def record(entry: RequestRecord) -> None:
    """Add a record to the trackers of the current context (none: nothing happens)."""
    tracker = _tracker.get()
    if tracker is not None:
        tracker.add(entry)

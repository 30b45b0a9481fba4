"""The loaders as awaitables, for code that composes with other coroutines.

Each ``await nf.aio.<loader>(...)`` runs the same code as ``nf.<loader>(...)`` in a worker
thread, so the event loop never blocks, and shares the same caches, throttle, concurrency cap
and quota ledger: ``asyncio.gather`` over many of them is safe. Bad arguments raise before any
request, as with the synchronous loaders.

Cancelling an awaitable (``asyncio.wait_for`` timing out, a cancelled task) stops the wait,
not the work: the worker thread finishes the call, and what it fetches is cached and counted.

Examples
--------
>>> import asyncio, numista_frames as nf
>>> async def main():                                                   # doctest: +SKIP
...     dollars, issuers = await asyncio.gather(nf.aio.search_df("dollar"), nf.aio.issuers_df())
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

from numista_frames.loaders import cache_admin as caches
from numista_frames.loaders import catalogue as api
from numista_frames.loaders import reference, search, user

__all__ = [
    "catalogues_df", "collection_df", "collections_df", "issue_parts_df", "issuers_df",
    "issues_df", "mints_df", "prices_df", "publications_df", "search_df", "type_parts_df",
    "types_df", "user_df", "warm_cache",
]

P = ParamSpec("P")
R = TypeVar("R")


def _awaitable(fn: Callable[P, R]) -> Callable[P, Coroutine[Any, Any, R]]:
    @functools.wraps(fn)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R:
        return await asyncio.to_thread(fn, *args, **kwargs)

    run.__doc__ = f"Awaitable :func:`numista_frames.{fn.__name__}` (same arguments).\n\n{fn.__doc__}"
    return run


search_df = _awaitable(search.search_df)
types_df = _awaitable(api.types_df)
type_parts_df = _awaitable(api.type_parts_df)
issues_df = _awaitable(api.issues_df)
issue_parts_df = _awaitable(api.issue_parts_df)
prices_df = _awaitable(api.prices_df)
issuers_df = _awaitable(reference.issuers_df)
mints_df = _awaitable(reference.mints_df)
catalogues_df = _awaitable(reference.catalogues_df)
publications_df = _awaitable(reference.publications_df)
user_df = _awaitable(user.user_df)
collections_df = _awaitable(user.collections_df)
collection_df = _awaitable(user.collection_df)
warm_cache = _awaitable(caches.warm_cache)

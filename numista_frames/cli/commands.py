"""What each ``numista-frames`` command runs, by its name as typed (:mod:`.app` parses for them).

Each command's module is imported when the command runs, so that the parser, ``--help`` and
``--version`` start without pandas or the HTTP stack.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

from numista_frames.cli.errors import CommandError

__all__ = ["RUNS", "CommandError"]

#: The module (in ``numista_frames.cli``) and function of each command.
_TARGETS: dict[str, tuple[str, str]] = {
    "search": ("catalogue", "run_search"),
    "type": ("catalogue", "run_type"),
    "issues": ("catalogue", "run_issues"),
    "prices": ("catalogue", "run_prices"),
    "history": ("catalogue", "run_history"),
    "collection": ("collection", "run_collection"),
    "stats": ("collection", "run_stats"),
    "value": ("collection", "run_value"),
    "plot prices": ("plots", "run_plot_prices"),
    "plot history": ("plots", "run_plot_history"),
    "plot collection": ("plots", "run_plot_collection"),
    "plot value": ("plots", "run_plot_value"),
    "cache info": ("caches", "run_cache_info"),
    "cache clear": ("caches", "run_cache_clear"),
    "cache warm": ("caches", "run_cache_warm"),
    "quota": ("caches", "run_quota"),
    "watch add": ("tracking", "run_watch_add"),
    "watch list": ("tracking", "run_watch_list"),
    "watch remove": ("tracking", "run_watch_remove"),
    "track": ("tracking", "run_track"),
}


def _deferred(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        target = getattr(importlib.import_module(f"numista_frames.cli.{module}"), name)
        return int(target(args))
    run.__qualname__ = run.__name__ = name
    return run


#: What each command runs, by its name as typed (``"cache info"``).
RUNS: dict[str, Callable[[argparse.Namespace], int]] = {
    command: _deferred(*target) for command, target in _TARGETS.items()}

"""What each ``numista-frames`` command runs, by its name as typed (:mod:`.app` parses for them)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from numista_frames.cli.caches import run_cache_clear, run_cache_info, run_cache_warm, run_quota
from numista_frames.cli.catalogue import (
    load_issues,
    load_prices,
    load_search,
    load_types,
    run_history,
    show_issues,
    show_prices,
    show_search,
    show_types,
)
from numista_frames.cli.collection import (
    load_items,
    load_stats,
    load_valued,
    show_items,
    show_stats,
    show_value,
)
from numista_frames.cli.output import DEFAULT_MAX_ROWS, CommandError, loading
from numista_frames.cli.plots import draw_collection, draw_prices, draw_value, plot_command, run_plot_history

__all__ = ["DEFAULT_MAX_ROWS", "RUNS", "CommandError"]

#: What each command runs, by its name as typed (``"cache info"``); cli.py parses for them.
RUNS: dict[str, Callable[[argparse.Namespace], int]] = {
    "search": loading(load_search, show_search),
    "type": loading(load_types, show_types),
    "issues": loading(load_issues, show_issues),
    "prices": loading(load_prices, show_prices),
    "history": run_history,
    "collection": loading(load_items, show_items),
    "stats": loading(load_stats, show_stats),
    "value": loading(load_valued, show_value),
    "plot prices": plot_command(load_prices, draw_prices),
    "plot history": run_plot_history,
    "plot collection": plot_command(load_items, draw_collection),
    "plot value": plot_command(load_valued, draw_value),
    "cache info": run_cache_info,
    "cache clear": run_cache_clear,
    "cache warm": run_cache_warm,
    "quota": run_quota,
}

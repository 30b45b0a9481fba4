"""The ``plot`` commands: a chart of prices, history, a collection or its value, saved to a file."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import pandas as pd

import numista_frames as nf
from numista_frames.cli.catalogue import history_frame, load_prices
from numista_frames.cli.collection import load_items, load_valued, pieces
from numista_frames.cli.output import (
    CommandError,
    Loads,
    footer,
    loading,
    plural,
)
from numista_frames.store.files import atomic_write

# -- plots -------------------------------------------------------------------------------------


def _save(args: argparse.Namespace, ax: Any, what: str, spent: int | None) -> None:
    """Save the chart to ``--out`` (format from the extension), then say so in one line."""
    import matplotlib.pyplot as plt

    figure = ax.get_figure(root=True)
    atomic_write(args.out, lambda tmp: figure.savefig(tmp, format=args.out.suffix[1:].lower(), dpi=150))
    plt.close(figure)
    print(footer(f"Wrote {args.out} ({what})", spent=spent))


def _agg() -> None:
    import matplotlib

    matplotlib.use("Agg")  # files only: no window, also on a machine without a screen


def plot_command(fetch: Callable[[argparse.Namespace, Loads], Any],
          draw: Callable[[argparse.Namespace, Any], tuple[Any, str]]) -> Callable[[argparse.Namespace], int]:
    """A plot command: fetch (as any command, dry runs included), draw, save."""
    def show(args: argparse.Namespace, got: Any, spent: int) -> None:
        _agg()
        ax, what = draw(args, got)
        _save(args, ax, what, spent)

    return loading(fetch, show)


def draw_prices(args: argparse.Namespace, prices: pd.DataFrame) -> tuple[Any, str]:
    issues = plural(prices["issue_id"].nunique(), "issue")
    return nf.plot_prices(prices), f"estimated price by grade, {issues}"


def draw_collection(args: argparse.Namespace, items: pd.DataFrame) -> tuple[Any, str]:
    return (nf.plot_collection(items, by=args.by, top=args.top),
            f"{plural(pieces(items), 'piece')} by {args.by}")


def draw_value(args: argparse.Namespace, got: tuple[pd.DataFrame, pd.DataFrame]) -> tuple[Any, str]:
    items, prices = got
    value = nf.collection_value(items, prices)
    return (nf.plot_value(value, by=args.by, items=items, top=args.top),
            f"estimated value {value.total:,.2f} {value.currency}".rstrip() + f" by {args.by}")


def run_plot_history(args: argparse.Namespace) -> int:
    history = history_frame(args)
    currencies = history["currency"].dropna().unique()
    if args.history_currency is None and len(currencies) > 1:  # a chart has one currency axis
        history = history[history["currency"] == nf.get_settings().currency]
    if history.empty:
        which = f" of N# {', '.join(map(str, args.ids))}" if args.ids else ""
        raise CommandError(f"no price history{which} to plot (with these filters): the local history "
                           "grows each time prices are fetched, e.g. `numista-frames prices ID`")
    _agg()
    ax = nf.plot_price_history(history)
    _save(args, ax, f"price history, {plural(len(history), 'observation')}", None)
    return 0


run_plot_prices = plot_command(load_prices, draw_prices)
run_plot_collection = plot_command(load_items, draw_collection)
run_plot_value = plot_command(load_valued, draw_value)

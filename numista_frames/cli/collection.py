"""Commands over a user's collection: items, statistics and value."""

from __future__ import annotations

import argparse

import pandas as pd

import numista_frames as nf
from numista_frames.cli.output import (
    ITEM_COLUMNS,
    VALUE_COLUMNS,
    Loads,
    emit,
    loading,
    pick_columns,
    plural,
    show_progress,
)

# -- collections -------------------------------------------------------------------------------


def load_items(args: argparse.Namespace, loads: Loads, *, last: bool = True) -> pd.DataFrame:
    return loads("the collection", nf.collection_df, args.user_id, category=args.category,
                 type_id=args.type_id, collection=args.collection_id, last=last)


def pieces(items: pd.DataFrame) -> int:
    return int(items["quantity"].fillna(1).sum())


def show_items(args: argparse.Namespace, frame: pd.DataFrame, spent: int) -> None:
    emit(args, frame, noun="item", extra=f" ({plural(pieces(frame), 'piece')})", spent=spent,
          default=ITEM_COLUMNS)


def _type_ids(items: pd.DataFrame) -> list[int]:
    return [int(i) for i in items["type_id"].dropna().unique()]


def load_stats(args: argparse.Namespace, loads: Loads) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    items = load_items(args, loads, last=args.by not in ("composition", "currency"))
    if args.by not in ("composition", "currency"):
        return items, None
    return items, loads("the types", nf.types_df, _type_ids(items), progress=show_progress())


def show_stats(args: argparse.Namespace, got: tuple[pd.DataFrame, pd.DataFrame | None],
                spent: int) -> None:
    stats = nf.collection_stats(*got)
    t = stats.totals
    print(f"{t['items']:,} items, {t['pieces']:,} pieces, {t['distinct_types']:,} types; "
          f"{t['for_swap_items']:,} items ({t['for_swap_pieces']:,} pieces) for swap")
    if args.out is not None:  # every breakdown, long
        emit(args, stats.to_frame(), noun="row", extra=" of statistics", spent=spent)
        return
    part = getattr(stats, f"by_{args.by}").reset_index()
    print(f"\nBy {args.by}:")
    emit(args, part.assign(share=part["share"].map("{:.1%}".format)), noun="row", extra=f" by {args.by}",
          spent=spent)


def load_valued(args: argparse.Namespace, loads: Loads) -> tuple[pd.DataFrame, pd.DataFrame]:
    items = load_items(args, loads, last=False)
    held = None if args.all_issues else [int(i) for i in items["issue_id"].dropna().unique()]
    prices = loads("the prices", nf.prices_df, _type_ids(items), issue_ids=held, progress=show_progress())
    return items, prices


def show_value(args: argparse.Namespace, got: tuple[pd.DataFrame, pd.DataFrame], spent: int) -> None:
    value = nf.collection_value(*got)
    print(value.summary())
    if value.pieces_valued < value.pieces and not args.all_issues:
        print("(--all-issues also prices the other issues of these types, for type medians)")
    top = value.items.sort_values("value", ascending=False, na_position="last", kind="stable")
    view = pick_columns(top, args, VALUE_COLUMNS).head(args.top)
    if args.out is None and len(view):
        print(f"\nThe {len(view)} most valuable items:")
    emit(args, value.items, noun="item", extra=" valued", spent=spent, view=view)


run_collection = loading(load_items, show_items)
run_stats = loading(load_stats, show_stats)
run_value = loading(load_valued, show_value)

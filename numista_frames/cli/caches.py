"""The ``cache`` commands and ``quota``: what the caches hold, clearing, warming, requests left."""

from __future__ import annotations

import argparse
from datetime import timedelta

import numista_frames as nf
from numista_frames.cli.output import (
    dry_run_report,
    emit,
    footer,
    plural,
    render,
    show_progress,
    used_this_month,
)

# -- caches and quota --------------------------------------------------------------------------


def run_cache_info(args: argparse.Namespace) -> int:
    frame = nf.cache_info()
    size = int(frame["bytes"].fillna(0).sum())
    megabytes = f"{size / 1e6:,.1f} MB" if size >= 1e5 else f"{size / 1e3:,.0f} kB"
    where = f" ({megabytes} in {nf.get_settings().cache_dir})"
    view = None
    if not args.entries:  # one row per kind; --entries lists every file and answer
        view = frame.groupby("kind", sort=True).agg(
            entries=("key", "size"), rows=("rows", lambda rows: rows.sum(min_count=1)),
            bytes=("bytes", "sum"),
            oldest=("fetched_at", "min"), next_expiry=("expires_at", "min")).reset_index()
    emit(args, frame, noun="cache entry", extra=where, spent=None, view=view)
    return 0


def run_cache_clear(args: argparse.Namespace) -> int:
    older = None if args.older_than_days is None else timedelta(days=args.older_than_days)
    removed = nf.clear_cache(type_ids=args.type_id, kind=args.kind, older_than=older)
    print(f"Removed {removed:,} cache entr{'y' if removed == 1 else 'ies'} "
          "(the local price history is never removed)")
    return 0


def run_cache_warm(args: argparse.Namespace) -> int:
    issues, prices = not args.no_issues, not args.no_prices
    if args.dry_run:
        before = used_this_month()
        planned = nf.warm_cache(args.ids, issues=issues, prices=prices, dry_run=True)
        after = used_this_month()
        sized = after - before if before is not None and after is not None else 0
        print(dry_run_report(planned, sized))
        return 0
    summary = nf.warm_cache(args.ids, issues=issues, prices=prices, progress=show_progress())
    print(render(summary, args))
    spent = int(summary["requests_spent"].sum())
    print(footer(f"Warmed {plural(len(args.ids), 'type')}", spent=spent))
    return 0


def run_quota(args: argparse.Namespace) -> int:
    print(nf.quota())
    return 0

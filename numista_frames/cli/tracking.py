"""The ``watch`` and ``track`` commands: the watchlist and the daily budgeted price check.

The argument adders are imported with the parser (no pandas); the runs import the rest.
"""

from __future__ import annotations

import argparse
from typing import Any

import numista_frames as nf
from numista_frames.cli.options import id_number

__all__ = ["run_track", "run_watch_add", "run_watch_list", "run_watch_remove", "track_args",
           "watch_args", "watch_weight"]

WATCH_COLUMNS = ("type_id", "issue_id", "currency", "weight", "checks", "changes", "rate",
                 "last_checked", "next_due", "price", "price_grade", "source")
CHANGE_COLUMNS = ("type_id", "issue_id", "currency", "grade", "old_price", "new_price",
                  "pct_change", "old_observed_at", "new_observed_at")
PLAN_COLUMNS = ("type_id", "issue_id", "currency", "reason", "weight", "rate", "priority", "cost")


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a percentage, got {text!r}") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"expected a percentage >= 0, got {text!r}")
    return value


def _weight(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected a number > 0, got {text!r}")
    return value


def watch_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", nargs="*", type=id_number, metavar="ID",
                   help="type ids (N#): all their issues, or those of --issue-id")
    p.add_argument("--issue-id", type=id_number, action="append", metavar="ID",
                   help="only this issue of the (one) type (repeatable)")
    p.add_argument("--collection", nargs="?", const=True, type=id_number, metavar="ID",
                   help="your whole collection (OAuth), or the collection ID; followed as it grows")
    p.add_argument("--currency", dest="watch_currency", metavar="CODE",
                   help="currency of the prices (default: configured, EUR)")


def watch_weight(p: argparse.ArgumentParser) -> None:
    p.add_argument("--weight", type=_weight, metavar="W",
                   help="value weight of these prices (default: their price level)")


def track_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--budget", type=int, metavar="N",
                   help="spend at most N requests (default: the month's quota less the reserve, "
                        "spread over the days left)")
    p.add_argument("--dry-run", action="store_true",
                   help="print the plan (what would be checked, at what cost) without fetching "
                        "prices; issue lists not known yet are read and counted")
    p.add_argument("--alert", type=_percent, metavar="PCT",
                   help="also list the moves of at least PCT percent")
    p.add_argument("--max-rows", type=int, default=50, metavar="N",
                   help="rows of changes shown (default 50; 0: all)")


def _targets(args: argparse.Namespace) -> dict[str, Any]:
    return {"type_ids": args.ids or None, "issue_ids": args.issue_id,
            "collection": args.collection, "currency": args.watch_currency}


def run_watch_add(args: argparse.Namespace) -> int:
    before = len(nf.watchlist())
    frame = nf.watch(**_targets(args), weight=args.weight)
    pending = frame.attrs.get("pending_types", [])
    print(f"Watching {len(frame):,} price(s) ({len(frame) - before:+,}); "
          f"{len(pending)} type(s) whose issues the next `track` reads; "
          f"{len(frame.attrs.get('collections', []))} collection(s) followed. No request spent.")
    return 0


def run_watch_remove(args: argparse.Namespace) -> int:
    removed = nf.unwatch(**_targets(args))
    print(f"Stopped watching {removed:,} price(s). No request spent.")
    return 0


def run_watch_list(args: argparse.Namespace) -> int:
    from numista_frames.cli.output import emit

    frame = nf.watchlist()
    pending = frame.attrs.get("pending_types", [])
    extra = f"; {len(pending)} type(s) not read yet" if pending else ""
    emit(args, frame, noun="watched price", spent=0, default=WATCH_COLUMNS, extra=extra)
    return 0


def run_track(args: argparse.Namespace) -> int:
    from numista_frames.cli.output import footer, render, show_progress

    report = nf.track(budget=args.budget, dry_run=args.dry_run, progress=show_progress())
    print(report.summary())
    if report.dry_run:
        print(render(report.plan.loc[:, list(PLAN_COLUMNS)], args))
    elif not report.changes.empty:
        print(render(report.changes.loc[:, list(CHANGE_COLUMNS)], args))
    if args.alert is not None:
        alerts = report.alerts(args.alert)
        print(f"\nMoves of at least {args.alert:g}%: {len(alerts)}")
        if not alerts.empty:
            print(render(alerts.loc[:, list(CHANGE_COLUMNS)], args))
    for key, exc in report.failures:
        print(f"failed: {key}: {type(exc).__name__}: {' '.join(str(exc).split())}")
    print(footer(f"{report.checked} price(s) checked", spent=report.spent))
    return 0

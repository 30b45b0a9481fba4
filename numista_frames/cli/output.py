"""What every command shares: tables printed, files written, dry runs and request budgets."""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

import numista_frames as nf
from numista_frames.cli.errors import CommandError
from numista_frames.cli.options import DEFAULT_MAX_ROWS
from numista_frames.frames.schema import ATTRIBUTION
from numista_frames.store.files import atomic_write

__all__ = [
    "DEFAULT_MAX_ROWS",
    "ISSUE_COLUMNS",
    "ITEM_COLUMNS",
    "MONEY",
    "SEARCH_COLUMNS",
    "TYPE_FIELDS",
    "VALUE_COLUMNS",
    "CommandError",
    "DryRunStopError",
    "Loads",
    "emit",
    "footer",
    "loading",
    "pick_columns",
    "plural",
    "render",
    "show_progress",
    "used_this_month",
    "write_frame",
]


SEARCH_COLUMNS = ("id", "title", "category", "issuer_name", "min_year", "max_year")
TYPE_FIELDS = ("title", "category", "issuer_name", "min_year", "max_year", "value_text", "composition",
               "weight", "size", "shape", "technique", "series", "commemorated_topic", "mints",
               "references", "url")
ISSUE_COLUMNS = ("type_id", "issue_id", "year", "gregorian_year", "mint_letter", "mintage", "comment")
ITEM_COLUMNS = ("type_id", "title", "issuer_name", "year", "grade", "quantity", "price_value",
                "price_currency")
VALUE_COLUMNS = ("type_id", "title", "grade", "quantity", "unit_value", "value", "value_source")


# -- output ------------------------------------------------------------------------------------


def show_progress() -> bool | None:
    """Progress bars on a terminal only (``None``: the loader decides); pipes and logs stay clean."""
    return None if sys.stderr.isatty() else False


def pick_columns(frame: pd.DataFrame, args: argparse.Namespace, default: Sequence[str]) -> pd.DataFrame:
    """The columns to show: ``--columns``, else the command's default ones present, else all."""
    chosen = getattr(args, "columns", None) or [c for c in default if c in frame.columns]
    missing = [c for c in chosen if c not in frame.columns]
    if missing:
        raise ValueError(f"unknown column(s) {', '.join(missing)}; the columns are: "
                         f"{', '.join(map(str, frame.columns))}")
    return frame[chosen] if chosen else frame


#: Columns shown with two decimals (estimates converted to another currency carry four).
MONEY = frozenset({"price", "unit_value", "value", "price_paid", "gain", "price_value",
                    "g", "vg", "f", "vf", "xf", "au", "unc"})


def render(view: pd.DataFrame, args: argparse.Namespace, *, index: bool = False) -> str:
    if view.empty:
        return "(no rows)"
    stamps = [c for c in view.columns if isinstance(view[c].dtype, pd.DatetimeTZDtype)]
    view = view.assign(**{c: view[c].dt.strftime("%Y-%m-%d %H:%M UTC") for c in stamps})
    gaps = [c for c in view.columns if view[c].dtype.kind != "f" and view[c].isna().any()]
    view = view.assign(**{c: view[c].astype(object).where(view[c].notna(), "") for c in gaps})
    width = shutil.get_terminal_size((120, 24)).columns
    rows = getattr(args, "max_rows", DEFAULT_MAX_ROWS) or None
    cut = rows is not None and len(view) > rows
    half = 0
    if rows is not None and cut:
        # exactly max_rows rows (pandas shows one fewer for an odd number): head, "...", tail
        half = (rows + 1) // 2
        view = pd.concat([view.head(half), view.tail(rows - half)])
    money = {c: "{:,.2f}".format for c in view.columns if c in MONEY}
    text = view.to_string(index=index, max_colwidth=40, line_width=width, na_rep="",
                          formatters=money or None)
    if not cut:
        return text
    lines = text.splitlines()
    return "\n".join([*lines[:1 + half], "...", *lines[1 + half:]])


def footer(head: str, *, spent: int | None, shown: int | None = None) -> str:
    parts = [head]
    if shown is not None:
        parts.append(f"{shown} shown (--max-rows 0 shows all, --out FILE saves all)")
    if spent == 0:
        parts.append("answered from the cache (0 requests)")
    elif spent is not None:
        parts.append(f"{spent:,} request{'s' * (spent != 1)} spent")
    return " | ".join([*parts, ATTRIBUTION])


def write_frame(frame: pd.DataFrame, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        path.parent.mkdir(parents=True, exist_ok=True)
        nf.to_parquet(frame, path, overwrite=True)
    elif suffix == ".csv":
        atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False))
    else:
        atomic_write(path, lambda tmp: frame.to_json(tmp, orient="records", date_format="iso"))


def emit(args: argparse.Namespace, frame: pd.DataFrame, *, noun: str, spent: int | None,
          default: Sequence[str] = (), view: pd.DataFrame | None = None, extra: str = "",
          index: bool = False) -> None:
    """Write ``frame`` to ``--out``, or print ``view`` (default: its chosen columns); then the footer."""
    if getattr(args, "out", None) is not None:
        write_frame(frame, args.out)
        print(footer(f"Wrote {plural(len(frame), noun)}{extra} to {args.out}", spent=spent))
        return
    view = pick_columns(frame, args, default) if view is None else view
    print(render(view, args, index=index))
    limit = getattr(args, "max_rows", DEFAULT_MAX_ROWS)
    shown = limit if limit and len(view) > limit else None
    print(footer(f"{plural(len(frame), noun)}{extra}", spent=spent, shown=shown))


def plural(number: int, noun: str) -> str:
    if number == 1:
        return f"1 {noun}"
    return f"{number:,} {noun[:-1]}ies" if noun.endswith("y") else f"{number:,} {noun}s"


# -- loader calls: dry runs and request budgets ------------------------------------------------


def used_this_month() -> int | None:
    """Requests this key spent this month (local ledger); None without a key."""
    try:
        return nf.quota().used
    except nf.NumistaError:
        return None


class DryRunStopError(Exception):
    """A dry run stops at the first step that needs requests (it cannot be run for free).

    ``then`` names that step when later steps depend on it, which then cannot be counted yet.
    """

    def __init__(self, then: str | None) -> None:
        super().__init__(then)
        self.then = then


class Loads:
    """A command's loader calls: counted on ``--dry-run``, held to ``--max-requests``, tallied."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.dry_run = bool(getattr(args, "dry_run", False))
        self.refresh = bool(getattr(args, "refresh", False))
        self.limit: int | None = getattr(args, "max_requests", None)
        self.planned = self.sized = self.spent = 0

    def __call__(self, what: str, loader: Callable[..., Any], *args: Any, last: bool = True,
                 **kwargs: Any) -> pd.DataFrame:
        """``loader(*args, **kwargs)``, after a dry run of it when counting or on a budget.

        ``what`` names the step in messages; ``last=False`` says later steps need this frame (a
        dry run cannot count past it while it is not cached). Failed ids are printed on stderr.
        """
        kwargs["refresh"] = self.refresh
        if self.dry_run or self.limit is not None:
            self._plan(what, last, lambda: loader(*args, dry_run=True, **kwargs))
        frame: pd.DataFrame = loader(*args, **kwargs)
        self.spent += int(frame.attrs.get("requests_spent", 0))
        for row in nf.failures(frame).itertuples(index=False):
            message = " ".join(str(row.message).split())
            print(f"numista-frames: warning: id {row.id} failed ({what}): {message}", file=sys.stderr)
        return frame

    def _plan(self, what: str, last: bool, dry_run: Callable[[], int]) -> None:
        before = used_this_month()
        cost = int(dry_run())
        after = used_this_month()
        # A dry run may fetch what its count depends on (a search's first page): counted, not respent.
        ahead = after - before if before is not None and after is not None else 0
        self.planned, self.sized = self.planned + cost, self.sized + ahead
        if self.dry_run:
            if cost:  # the real call would spend: stop here
                raise DryRunStopError(None if last else what)
            return
        total, self.spent = self.spent + cost, self.spent + ahead
        if self.limit is not None and total > self.limit:
            raise CommandError(f"this would spend {plural(total, 'request')} ({what}: {cost:,}), over "
                               f"--max-requests {self.limit:,}; stopped after {self.spent:,} (what was "
                               "fetched stays cached): raise --max-requests to go on")

    def report(self, then: str | None) -> str:
        """What ``--dry-run`` prints; ``then`` names the step it stopped at (a lower bound)."""
        return dry_run_report(self.planned, self.sized, then)


def dry_run_report(planned: int, sized: int, then: str | None = None) -> str:
    """What ``--dry-run`` prints: ``planned`` requests, ``sized`` of them spent already to count
    them; ``then`` names the step a count stopped at (the count is then a lower bound)."""
    text = f"would spend {'at least ' if then else ''}{plural(planned, 'request')}"
    if sized:
        text += f" ({sized:,} of them spent now to size the job; they are not spent again)"
    if then:
        text += f"; what comes after {then} can be counted once it is cached"
    elif planned == 0:
        text += " (the caches hold everything)"
    return text


def loading(fetch: Callable[[argparse.Namespace, Loads], Any],
             show: Callable[[argparse.Namespace, Any, int], None]) -> Callable[[argparse.Namespace], int]:
    """A command that fetches through :class:`Loads`, then shows what it got (unless a dry run)."""
    def run(args: argparse.Namespace) -> int:
        loads = Loads(args)
        try:
            got = fetch(args, loads)
        except DryRunStopError as stop:
            print(loads.report(stop.then))
            return 0
        if loads.dry_run:
            print(loads.report(None))
        else:
            show(args, got, loads.spent)
        return 0

    return run

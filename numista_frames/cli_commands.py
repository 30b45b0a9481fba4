"""What the ``numista-frames`` commands do: call the public API, then print a table or write a file.

Parsing lives in :mod:`numista_frames.cli`; each function here gets the parsed arguments.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import pandas as pd

import numista_frames as nf

__all__ = ["ATTRIBUTION", "DEFAULT_MAX_ROWS", "RUNS", "CommandError"]

ATTRIBUTION = "Source: Numista (N# = type id)"
#: Rows of a table printed on the terminal (``--max-rows``; 0 prints all).
DEFAULT_MAX_ROWS = 40
_SEARCH_COLUMNS = ("id", "title", "category", "issuer_name", "min_year", "max_year")
_TYPE_FIELDS = ("title", "category", "issuer_name", "min_year", "max_year", "value_text", "composition",
                "weight", "size", "shape", "technique", "series", "commemorated_topic", "mints",
                "references", "url")
_ISSUE_COLUMNS = ("type_id", "issue_id", "year", "gregorian_year", "mint_letter", "mintage", "comment")
_ITEM_COLUMNS = ("type_id", "title", "issuer_name", "year", "grade", "quantity", "price_value",
                 "price_currency")
_VALUE_COLUMNS = ("type_id", "title", "grade", "quantity", "unit_value", "value", "value_source")


class CommandError(Exception):
    """A command cannot go on (nothing to plot, over its request budget): one line, exit status 1."""


# -- output ------------------------------------------------------------------------------------


def _progress() -> bool | None:
    """Progress bars on a terminal only (``None``: the loader decides); pipes and logs stay clean."""
    return None if sys.stderr.isatty() else False


def _pick(frame: pd.DataFrame, args: argparse.Namespace, default: Sequence[str]) -> pd.DataFrame:
    """The columns to show: ``--columns``, else the command's default ones present, else all."""
    chosen = getattr(args, "columns", None) or [c for c in default if c in frame.columns]
    missing = [c for c in chosen if c not in frame.columns]
    if missing:
        raise ValueError(f"unknown column(s) {', '.join(missing)}; the columns are: "
                         f"{', '.join(map(str, frame.columns))}")
    return frame[chosen] if chosen else frame


#: Columns shown with two decimals (estimates converted to another currency carry four).
_MONEY = frozenset({"price", "unit_value", "value", "price_paid", "gain", "price_value",
                    "g", "vg", "f", "vf", "xf", "au", "unc"})


def _render(view: pd.DataFrame, args: argparse.Namespace, *, index: bool = False) -> str:
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
    money = {c: "{:,.2f}".format for c in view.columns if c in _MONEY}
    text = view.to_string(index=index, max_colwidth=40, line_width=width, na_rep="",
                          formatters=money or None)
    if not cut:
        return text
    lines = text.splitlines()
    return "\n".join([*lines[:1 + half], "...", *lines[1 + half:]])


def _footer(head: str, *, spent: int | None, shown: int | None = None) -> str:
    parts = [head]
    if shown is not None:
        parts.append(f"{shown} shown (--max-rows 0 shows all, --out FILE saves all)")
    if spent == 0:
        parts.append("answered from the cache (0 requests)")
    elif spent is not None:
        parts.append(f"{spent:,} request{'s' * (spent != 1)} spent")
    return " | ".join([*parts, ATTRIBUTION])


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Write through a temporary file in the same folder, then rename: never a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _write(frame: pd.DataFrame, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        path.parent.mkdir(parents=True, exist_ok=True)
        nf.to_parquet(frame, path, overwrite=True)
    elif suffix == ".csv":
        _atomic(path, lambda tmp: frame.to_csv(tmp, index=False))
    else:
        _atomic(path, lambda tmp: frame.to_json(tmp, orient="records", date_format="iso"))


def _emit(args: argparse.Namespace, frame: pd.DataFrame, *, noun: str, spent: int | None,
          default: Sequence[str] = (), view: pd.DataFrame | None = None, extra: str = "",
          index: bool = False) -> None:
    """Write ``frame`` to ``--out``, or print ``view`` (default: its chosen columns); then the footer."""
    if getattr(args, "out", None) is not None:
        _write(frame, args.out)
        print(_footer(f"Wrote {_plural(len(frame), noun)}{extra} to {args.out}", spent=spent))
        return
    view = _pick(frame, args, default) if view is None else view
    print(_render(view, args, index=index))
    limit = getattr(args, "max_rows", DEFAULT_MAX_ROWS)
    shown = limit if limit and len(view) > limit else None
    print(_footer(f"{_plural(len(frame), noun)}{extra}", spent=spent, shown=shown))


def _plural(number: int, noun: str) -> str:
    if number == 1:
        return f"1 {noun}"
    return f"{number:,} {noun[:-1]}ies" if noun.endswith("y") else f"{number:,} {noun}s"


# -- loader calls: dry runs and request budgets ------------------------------------------------


def _used() -> int | None:
    """Requests this key spent this month (local ledger); None without a key."""
    try:
        return nf.quota().used
    except nf.NumistaError:
        return None


class _DryRunStopError(Exception):
    """A dry run stops at the first step that needs requests (it cannot be run for free).

    ``then`` names that step when later steps depend on it, which then cannot be counted yet.
    """

    def __init__(self, then: str | None) -> None:
        super().__init__(then)
        self.then = then


class _Loads:
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
        failures = frame.attrs.get("failures")
        for row in [] if failures is None else failures.itertuples(index=False):
            message = " ".join(str(row.message).split())
            print(f"numista-frames: warning: id {row.id} failed ({what}): {message}", file=sys.stderr)
        return frame

    def _plan(self, what: str, last: bool, dry_run: Callable[[], int]) -> None:
        before = _used()
        cost = int(dry_run())
        after = _used()
        # A dry run may fetch what its count depends on (a search's first page): counted, not respent.
        ahead = after - before if before is not None and after is not None else 0
        self.planned, self.sized = self.planned + cost, self.sized + ahead
        if self.dry_run:
            if cost:  # the real call would spend: stop here
                raise _DryRunStopError(None if last else what)
            return
        total, self.spent = self.spent + cost, self.spent + ahead
        if self.limit is not None and total > self.limit:
            raise CommandError(f"this would spend {_plural(total, 'request')} ({what}: {cost:,}), over "
                               f"--max-requests {self.limit:,}; stopped after {self.spent:,} (what was "
                               "fetched stays cached): raise --max-requests to go on")

    def report(self, then: str | None) -> str:
        """What ``--dry-run`` prints; ``then`` names the step it stopped at (a lower bound)."""
        text = f"would spend {'at least ' if then else ''}{_plural(self.planned, 'request')}"
        if self.sized:
            text += f" ({self.sized:,} of them spent now to size the job; they are not spent again)"
        if then:
            text += f"; what comes after {then} can be counted once it is cached"
        elif self.planned == 0:
            text += " (the caches hold everything)"
        return text


def _loading(fetch: Callable[[argparse.Namespace, _Loads], Any],
             show: Callable[[argparse.Namespace, Any, int], None]) -> Callable[[argparse.Namespace], int]:
    """A command that fetches through :class:`_Loads`, then shows what it got (unless a dry run)."""
    def run(args: argparse.Namespace) -> int:
        loads = _Loads(args)
        try:
            got = fetch(args, loads)
        except _DryRunStopError as stop:
            print(loads.report(stop.then))
            return 0
        if loads.dry_run:
            print(loads.report(None))
        else:
            show(args, got, loads.spent)
        return 0

    return run


# -- catalogue ---------------------------------------------------------------------------------


def _search(args: argparse.Namespace, loads: _Loads) -> pd.DataFrame:
    return loads("the search", nf.search_df, args.q, issuer=args.issuer, category=args.category,
                 year=args.year, date=args.date, catalogue=args.catalogue, number=args.number,
                 max_results=args.max_results, page_size=args.page_size, progress=_progress())


def _show_search(args: argparse.Namespace, frame: pd.DataFrame, spent: int) -> None:
    total = frame.attrs.get("total")
    extra = f" (of {total:,} found)" if isinstance(total, int) and total > len(frame) else ""
    _emit(args, frame, noun="type", extra=extra, spent=spent, default=_SEARCH_COLUMNS)


def _types(args: argparse.Namespace, loads: _Loads) -> pd.DataFrame:
    return loads("the types", nf.types_df, args.ids, progress=_progress())


def _show_types(args: argparse.Namespace, frame: pd.DataFrame, spent: int) -> None:
    fields = _pick(frame, args, _TYPE_FIELDS)
    view = fields.set_axis([f"N# {i}" for i in frame["id"]]).T  # one column per type: fields read down
    view = view.where(view.notna(), "")
    _emit(args, frame, noun="type", spent=spent, view=view, index=True)


def _issues(args: argparse.Namespace, loads: _Loads) -> pd.DataFrame:
    return loads("the issues", nf.issues_df, args.ids, progress=_progress())


def _show_issues(args: argparse.Namespace, frame: pd.DataFrame, spent: int) -> None:
    extra = f" of {_plural(frame['type_id'].nunique(), 'type')}"
    _emit(args, frame, noun="issue", extra=extra, spent=spent, default=_ISSUE_COLUMNS)


def _prices(args: argparse.Namespace, loads: _Loads) -> pd.DataFrame:
    return loads("the prices", nf.prices_df, args.ids, issue_ids=args.issue_id, progress=_progress())


def _currency_of(frame: pd.DataFrame) -> str:
    return ", ".join(sorted(map(str, frame["currency"].dropna().unique()))) or "-"


def _show_prices(args: argparse.Namespace, frame: pd.DataFrame, spent: int) -> None:
    # The grade ladder (one row per issue, grades g..unc across) unless columns are asked for.
    view = None if args.columns else nf.NumistaAccessor(frame).by_grade().reset_index()
    _emit(args, frame, noun="estimate", spent=spent, view=view,
          extra=f" in {_currency_of(frame)} for {_plural(frame['issue_id'].nunique(), 'issue')}")


# -- price history (local: no requests) --------------------------------------------------------


def _history_frame(args: argparse.Namespace) -> pd.DataFrame:
    return nf.price_history_df(args.ids or None, issue_ids=args.issue_id, currency=args.history_currency,
                               grades=args.grade, since=args.since, until=args.until)


def _history(args: argparse.Namespace) -> int:
    frame = _history_frame(args)
    extra = " in the local price history" + ("" if len(frame) else
                                              " (it grows each time prices are fetched)")
    _emit(args, frame, noun="observation", extra=extra, spent=None)
    return 0


# -- collections -------------------------------------------------------------------------------


def _items(args: argparse.Namespace, loads: _Loads, *, last: bool = True) -> pd.DataFrame:
    return loads("the collection", nf.collection_df, args.user_id, category=args.category,
                 type_id=args.type_id, collection=args.collection_id, last=last)


def _pieces(items: pd.DataFrame) -> int:
    return int(items["quantity"].fillna(1).sum())


def _show_items(args: argparse.Namespace, frame: pd.DataFrame, spent: int) -> None:
    _emit(args, frame, noun="item", extra=f" ({_plural(_pieces(frame), 'piece')})", spent=spent,
          default=_ITEM_COLUMNS)


def _type_ids(items: pd.DataFrame) -> list[int]:
    return [int(i) for i in items["type_id"].dropna().unique()]


def _stats(args: argparse.Namespace, loads: _Loads) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    items = _items(args, loads, last=args.by not in ("composition", "currency"))
    if args.by not in ("composition", "currency"):
        return items, None
    return items, loads("the types", nf.types_df, _type_ids(items), progress=_progress())


def _show_stats(args: argparse.Namespace, got: tuple[pd.DataFrame, pd.DataFrame | None],
                spent: int) -> None:
    stats = nf.collection_stats(*got)
    t = stats.totals
    print(f"{t['items']:,} items, {t['pieces']:,} pieces, {t['distinct_types']:,} types; "
          f"{t['for_swap_items']:,} items ({t['for_swap_pieces']:,} pieces) for swap")
    if args.out is not None:  # every breakdown, long
        _emit(args, stats.to_frame(), noun="row", extra=" of statistics", spent=spent)
        return
    part = getattr(stats, f"by_{args.by}").reset_index()
    print(f"\nBy {args.by}:")
    _emit(args, part.assign(share=part["share"].map("{:.1%}".format)), noun="row", extra=f" by {args.by}",
          spent=spent)


def _valued(args: argparse.Namespace, loads: _Loads) -> tuple[pd.DataFrame, pd.DataFrame]:
    items = _items(args, loads, last=False)
    held = None if args.all_issues else [int(i) for i in items["issue_id"].dropna().unique()]
    prices = loads("the prices", nf.prices_df, _type_ids(items), issue_ids=held, progress=_progress())
    return items, prices


def _show_value(args: argparse.Namespace, got: tuple[pd.DataFrame, pd.DataFrame], spent: int) -> None:
    value = nf.collection_value(*got)
    print(value.summary())
    if value.pieces_valued < value.pieces and not args.all_issues:
        print("(--all-issues also prices the other issues of these types, for type medians)")
    top = value.items.sort_values("value", ascending=False, na_position="last", kind="stable")
    view = _pick(top, args, _VALUE_COLUMNS).head(args.top)
    if args.out is None and len(view):
        print(f"\nThe {len(view)} most valuable items:")
    _emit(args, value.items, noun="item", extra=" valued", spent=spent, view=view)


# -- plots -------------------------------------------------------------------------------------


def _save(args: argparse.Namespace, ax: Any, what: str, spent: int | None) -> None:
    """Save the chart to ``--out`` (format from the extension), then say so in one line."""
    import matplotlib.pyplot as plt

    figure = ax.get_figure(root=True)
    _atomic(args.out, lambda tmp: figure.savefig(tmp, format=args.out.suffix[1:].lower(), dpi=150))
    plt.close(figure)
    print(_footer(f"Wrote {args.out} ({what})", spent=spent))


def _agg() -> None:
    import matplotlib

    matplotlib.use("Agg")  # files only: no window, also on a machine without a screen


def _plot(fetch: Callable[[argparse.Namespace, _Loads], Any],
          draw: Callable[[argparse.Namespace, Any], tuple[Any, str]]) -> Callable[[argparse.Namespace], int]:
    """A plot command: fetch (as any command, dry runs included), draw, save."""
    def show(args: argparse.Namespace, got: Any, spent: int) -> None:
        _agg()
        ax, what = draw(args, got)
        _save(args, ax, what, spent)

    return _loading(fetch, show)


def _draw_prices(args: argparse.Namespace, prices: pd.DataFrame) -> tuple[Any, str]:
    issues = _plural(prices["issue_id"].nunique(), "issue")
    return nf.plot_prices(prices), f"estimated price by grade, {issues}"


def _draw_collection(args: argparse.Namespace, items: pd.DataFrame) -> tuple[Any, str]:
    return (nf.plot_collection(items, by=args.by, top=args.top),
            f"{_plural(_pieces(items), 'piece')} by {args.by}")


def _draw_value(args: argparse.Namespace, got: tuple[pd.DataFrame, pd.DataFrame]) -> tuple[Any, str]:
    items, prices = got
    value = nf.collection_value(items, prices)
    return (nf.plot_value(value, by=args.by, items=items, top=args.top),
            f"estimated value {value.total:,.2f} {value.currency}".rstrip() + f" by {args.by}")


def _plot_history(args: argparse.Namespace) -> int:
    history = _history_frame(args)
    currencies = history["currency"].dropna().unique()
    if args.history_currency is None and len(currencies) > 1:  # a chart has one currency axis
        history = history[history["currency"] == nf.get_settings().currency]
    if history.empty:
        which = f" of N# {', '.join(map(str, args.ids))}" if args.ids else ""
        raise CommandError(f"no price history{which} to plot (with these filters): the local history "
                           "grows each time prices are fetched, e.g. `numista-frames prices ID`")
    _agg()
    ax = nf.plot_price_history(history)
    _save(args, ax, f"price history, {_plural(len(history), 'observation')}", None)
    return 0


# -- caches and quota --------------------------------------------------------------------------


def _cache_info(args: argparse.Namespace) -> int:
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
    _emit(args, frame, noun="cache entry", extra=where, spent=None, view=view)
    return 0


def _cache_clear(args: argparse.Namespace) -> int:
    older = None if args.older_than_days is None else timedelta(days=args.older_than_days)
    removed = nf.clear_cache(type_ids=args.type_id, kind=args.kind, older_than=older)
    print(f"Removed {removed:,} cache entr{'y' if removed == 1 else 'ies'} "
          "(the local price history is never removed)")
    return 0


def _cache_warm(args: argparse.Namespace) -> int:
    summary = nf.warm_cache(args.ids, issues=not args.no_issues, prices=not args.no_prices,
                            progress=_progress())
    print(_render(summary, args))
    spent = int(summary["requests_spent"].sum())
    print(_footer(f"Warmed {_plural(len(args.ids), 'type')}", spent=spent))
    return 0


def _quota(args: argparse.Namespace) -> int:
    print(nf.quota())
    return 0


#: What each command runs, by its name as typed (``"cache info"``); cli.py parses for them.
RUNS: dict[str, Callable[[argparse.Namespace], int]] = {
    "search": _loading(_search, _show_search),
    "type": _loading(_types, _show_types),
    "issues": _loading(_issues, _show_issues),
    "prices": _loading(_prices, _show_prices),
    "history": _history,
    "collection": _loading(_items, _show_items),
    "stats": _loading(_stats, _show_stats),
    "value": _loading(_valued, _show_value),
    "plot prices": _plot(_prices, _draw_prices),
    "plot history": _plot_history,
    "plot collection": _plot(_items, _draw_collection),
    "plot value": _plot(_valued, _draw_value),
    "cache info": _cache_info,
    "cache clear": _cache_clear,
    "cache warm": _cache_warm,
    "quota": _quota,
}

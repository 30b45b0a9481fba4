"""Commands over the catalogue (search, type, issues, prices) and the local price history."""

from __future__ import annotations

import argparse

import pandas as pd

import numista_frames as nf
from numista_frames.cli.output import (
    ISSUE_COLUMNS,
    SEARCH_COLUMNS,
    TYPE_FIELDS,
    Loads,
    emit,
    loading,
    pick_columns,
    plural,
    show_progress,
)

# -- catalogue ---------------------------------------------------------------------------------


def load_search(args: argparse.Namespace, loads: Loads) -> pd.DataFrame:
    return loads("the search", nf.search_df, args.q, issuer=args.issuer, category=args.category,
                 year=args.year, date=args.date, catalogue=args.catalogue, number=args.number,
                 max_results=args.max_results, page_size=args.page_size, progress=show_progress())


def show_search(args: argparse.Namespace, frame: pd.DataFrame, spent: int) -> None:
    total = frame.attrs.get("total")
    extra = f" (of {total:,} found)" if isinstance(total, int) and total > len(frame) else ""
    emit(args, frame, noun="type", extra=extra, spent=spent, default=SEARCH_COLUMNS)


def load_types(args: argparse.Namespace, loads: Loads) -> pd.DataFrame:
    return loads("the types", nf.types_df, args.ids, progress=show_progress())


def show_types(args: argparse.Namespace, frame: pd.DataFrame, spent: int) -> None:
    fields = pick_columns(frame, args, TYPE_FIELDS)
    view = fields.set_axis([f"N# {i}" for i in frame["id"]]).T  # one column per type: fields read down
    view = view.where(view.notna(), "")
    emit(args, frame, noun="type", spent=spent, view=view, index=True)


def load_issues(args: argparse.Namespace, loads: Loads) -> pd.DataFrame:
    return loads("the issues", nf.issues_df, args.ids, progress=show_progress())


def show_issues(args: argparse.Namespace, frame: pd.DataFrame, spent: int) -> None:
    extra = f" of {plural(frame['type_id'].nunique(), 'type')}"
    emit(args, frame, noun="issue", extra=extra, spent=spent, default=ISSUE_COLUMNS)


def load_prices(args: argparse.Namespace, loads: Loads) -> pd.DataFrame:
    return loads("the prices", nf.prices_df, args.ids, issue_ids=args.issue_id, progress=show_progress())


def _currency_of(frame: pd.DataFrame) -> str:
    return ", ".join(sorted(map(str, frame["currency"].dropna().unique()))) or "-"


def show_prices(args: argparse.Namespace, frame: pd.DataFrame, spent: int) -> None:
    # The grade ladder (one row per issue, grades g..unc across) unless columns are asked for.
    view = None if args.columns else nf.NumistaAccessor(frame).by_grade().reset_index()
    emit(args, frame, noun="estimate", spent=spent, view=view,
          extra=f" in {_currency_of(frame)} for {plural(frame['issue_id'].nunique(), 'issue')}")


# -- price history (local: no requests) --------------------------------------------------------


def history_frame(args: argparse.Namespace) -> pd.DataFrame:
    return nf.price_history_df(args.ids or None, issue_ids=args.issue_id, currency=args.history_currency,
                               grades=args.grade, since=args.since, until=args.until)


def run_history(args: argparse.Namespace) -> int:
    frame = history_frame(args)
    extra = " in the local price history" + ("" if len(frame) else
                                              " (it grows each time prices are fetched)")
    emit(args, frame, noun="observation", extra=extra, spent=None)
    return 0


run_search = loading(load_search, show_search)
run_type = loading(load_types, show_types)
run_issues = loading(load_issues, show_issues)
run_prices = loading(load_prices, show_prices)

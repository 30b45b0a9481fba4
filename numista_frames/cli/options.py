"""The command line's arguments: value types, shared option groups, each command's own arguments.

A bad value is a usage error (exit 2) before anything runs.
"""

from __future__ import annotations

import argparse
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path

from numista_frames.checks import CATEGORIES, GRADES
from numista_frames.settings import LANGS
from numista_frames.store.files import check_writable

PROG = "numista-frames"
DATA_SUFFIXES = (".parquet", ".csv", ".json")
IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
STATS_DIMENSIONS = ("issuer", "category", "grade", "decade", "composition", "currency")
#: Rows of a table printed on the terminal (``--max-rows``; 0 prints all).
DEFAULT_MAX_ROWS = 40


# -- argument types: a bad value is a usage error (exit 2) before anything runs ------------------


def id_number(text: str) -> int:
    digits = text.strip().upper().removeprefix("N#")  # "N#1031", as Numista writes type ids
    if not digits.isdigit() or int(digits) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a positive whole number such as 1031)")
    return int(digits)


def count_number(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number >= 0")
    return int(text)


def positive_number(text: str) -> int:
    if count_number(text) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return int(text)


def days_number(text: str) -> float:
    try:
        days = float(text)
    except ValueError:
        days = -1.0
    if not 0 <= days < 1e6:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days >= 0")
    return days


def column_list(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def out_file(suffixes: Sequence[str]) -> Callable[[str], Path]:
    def file(text: str) -> Path:
        path = Path(text).expanduser()
        if path.suffix.lower() not in suffixes:
            raise argparse.ArgumentTypeError(
                f"{text!r}: the file name must end in {', '.join(suffixes[:-1])} or {suffixes[-1]}")
        try:  # before any request is spent
            check_writable(path)
        except OSError as exc:
            raise argparse.ArgumentTypeError(f"cannot write {text!r}: {exc.strerror}") from None
        return path

    return file


# -- options shared by several commands -----------------------------------------------------------


_REQUEST_GROUPS: weakref.WeakKeyDictionary[argparse.ArgumentParser, argparse._ArgumentGroup] = (
    weakref.WeakKeyDictionary())


def _request_group(p: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    """The "request options" group of a parser (one per parser, whichever adder comes first)."""
    group = _REQUEST_GROUPS.get(p)
    if group is None:
        group = _REQUEST_GROUPS[p] = p.add_argument_group("request options")
    return group


def settings_options(p: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    g = _request_group(p)
    g.add_argument("--lang", choices=LANGS, help="language of labels (default: configured, en)")
    return g


def currency_option(p: argparse.ArgumentParser) -> None:
    """``--currency``: only on the commands that fetch prices (elsewhere it would change nothing)."""
    _request_group(p).add_argument("--currency", metavar="CODE",
                                   help="ISO 4217 code of prices, e.g. USD (default EUR)")


def network_options(p: argparse.ArgumentParser) -> None:
    g = settings_options(p)
    g.add_argument("--offline", action="store_true", default=None,
                   help="only the caches answer; anything missing is an error")
    g.add_argument("--refresh", action="store_true", help="bypass the caches: fetch again")
    g.add_argument("--dry-run", action="store_true",
                   help="print how many requests this would spend instead of running (what the count "
                        "depends on, such as a search's first page, is fetched and not spent again)")
    g.add_argument("--max-requests", type=count_number, metavar="N",
                   help="stop before a step would take this command over N requests")


def out_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=out_file(DATA_SUFFIXES), metavar="FILE",
                   help="write the whole frame to FILE instead: .parquet (types and provenance kept), "
                        ".csv or .json")


def table_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("table options")
    g.add_argument("--columns", type=column_list, metavar="A,B,...", help="show these columns")
    g.add_argument("--max-rows", type=count_number, default=DEFAULT_MAX_ROWS, metavar="N",
                   help=f"rows shown on the terminal (default {DEFAULT_MAX_ROWS}; 0: all)")


def image_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=out_file(IMAGE_SUFFIXES), metavar="FILE", required=True,
                   help="the chart file: .png, .svg or .pdf")


SHARED_OPTIONS: dict[str, Callable[[argparse.ArgumentParser], object]] = {
    "network": network_options, "settings": settings_options, "out": out_option,
    "table": table_options, "image": image_options, "currency": currency_option,
}


# -- each command's own arguments -------------------------------------------------------------


def search_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("q", nargs="?", help="words to find in titles")
    p.add_argument("--issuer", help="issuer code, e.g. canada")
    p.add_argument("--category", choices=CATEGORIES)
    p.add_argument("--year", help="a year or a range: 1902, 1800-1850")
    p.add_argument("--date", help="a date or a range, as --year")
    p.add_argument("--catalogue", type=id_number, metavar="ID", help="catalogue id (with --number)")
    p.add_argument("--number", help="number in that catalogue, e.g. 110")
    p.add_argument("--max-results", type=positive_number, metavar="N", help="stop after N types")
    p.add_argument("--page-size", type=positive_number, default=100, metavar="N",
                   help="types per request, 1 to 100 (default 100)")


def ids(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", nargs="+", type=id_number, metavar="ID", help="type ids (N#)")


def issue_filter(p: argparse.ArgumentParser) -> None:
    p.add_argument("--issue-id", type=id_number, action="append", metavar="ID",
                   help="only this issue (repeatable; default: every issue of the types)")


def history_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", nargs="*", type=id_number, metavar="ID", help="type ids (default: all)")
    p.add_argument("--issue-id", type=id_number, action="append", metavar="ID", help="only this issue")
    p.add_argument("--grade", choices=GRADES, action="append", help="only this grade (repeatable)")
    p.add_argument("--since", metavar="DATE", help="from this date (YYYY-MM-DD, UTC)")
    p.add_argument("--until", metavar="DATE", help="up to this date (YYYY-MM-DD, UTC)")
    p.add_argument("--currency", dest="history_currency", metavar="CODE",
                   help="only prices in this currency")


def collection_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user-id", type=id_number, metavar="ID",
                   help="whose collection (default: the API key's user; needed offline)")
    p.add_argument("--category", choices=CATEGORIES)
    p.add_argument("--type-id", type=id_number, metavar="ID", help="only items of this type")
    p.add_argument("--collection", type=id_number, metavar="ID", dest="collection_id",
                   help="only this collection of the user's")


def stats_by(p: argparse.ArgumentParser) -> None:
    p.add_argument("--by", choices=STATS_DIMENSIONS, default="issuer",
                   help="the breakdown to print (composition and currency also fetch the types)")


def all_issues(p: argparse.ArgumentParser) -> None:
    p.add_argument("--all-issues", action="store_true",
                   help="price every issue of the types, not only those held: better coverage "
                        "(type medians) for many more requests")


def value_top(p: argparse.ArgumentParser) -> None:
    p.add_argument("--top", type=positive_number, default=10, metavar="N",
                   help="how many of the most valuable items to list (default 10)")


def bars(by: Sequence[str]) -> Callable[[argparse.ArgumentParser], None]:
    def add(p: argparse.ArgumentParser) -> None:
        p.add_argument("--by", choices=by, default=by[0], help=f"one bar per ... (default {by[0]})")
        p.add_argument("--top", type=positive_number, default=15, metavar="N",
                       help="bars of their own before the rest is summed as Other (default 15)")

    return add


def clear_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--type-id", type=id_number, action="append", metavar="ID",
                   help="only what concerns this type (repeatable)")
    p.add_argument("--kind", action="append",
                   help="only this kind, as `cache info` names it: search, types, issues, prices, "
                        "collected_items, http/prices ... (repeatable)")
    p.add_argument("--older-than-days", type=days_number, metavar="N",
                   help="only what was fetched N days ago or more")


def warm_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-issues", action="store_true", help="skip the issue lists")
    p.add_argument("--no-prices", action="store_true", help="skip the prices")
    p.add_argument("--dry-run", action="store_true",
                   help="print how many requests this would spend instead of running (the issue "
                        "lists a price count depends on are fetched, and not spent again)")


def info_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--entries", action="store_true", help="every entry, not a summary per kind")


def serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8765,
                   help="port to listen on (default 8765; 0 picks a free one)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--latency", type=float, default=0.0, help="seconds added to each answer")
    p.add_argument("--max-concurrency", type=int, default=10,
                   help="answer 429 above this many simultaneous requests (default 10)")
    p.add_argument("--monthly-quota", type=int, default=None,
                   help="answer 429 'Quota exceeded' after this many requests a month per key")
    p.add_argument("--image-search", action="store_true", help="enable POST /search_by_image")


def demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("numista-demo"),
                   help="folder for the demo's files (default: ./numista-demo)")


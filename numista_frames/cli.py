"""The ``numista-frames`` command line: parsing and the error boundary of a thin shell over the API.

What each command does is in :mod:`numista_frames.cli_commands`; this module says what can be
typed (a table of commands), applies ``--lang``/``--currency``/``--offline`` through
:func:`numista_frames.config.configured`, and turns every error into one line on stderr: exit
status 1 for a Numista error, a command that cannot go on or a partial result, 2 for a usage
error; never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from .cli_commands import DEFAULT_MAX_ROWS, RUNS, CommandError
from .config import LANGS, configured
from .exceptions import NumistaError, PartialResultWarning
from .plotting import COLLECTION_DIMENSIONS, VALUE_DIMENSIONS
from .validate import CATEGORIES, GRADES

__all__ = ["COMMANDS", "Command", "main"]

PROG = "numista-frames"
DATA_SUFFIXES = (".parquet", ".csv", ".json")
IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
STATS_DIMENSIONS = ("issuer", "category", "grade", "decade", "composition", "currency")


# -- argument types: a bad value is a usage error (exit 2) before anything runs ------------------


def _id(text: str) -> int:
    digits = text.strip().upper().removeprefix("N#")  # "N#1031", as Numista writes type ids
    if not digits.isdigit() or int(digits) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a positive whole number such as 1031)")
    return int(digits)


def _count(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number >= 0")
    return int(text)


def _positive(text: str) -> int:
    if _count(text) == 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return int(text)


def _days(text: str) -> float:
    try:
        days = float(text)
    except ValueError:
        days = -1.0
    if not 0 <= days < 1e6:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days >= 0")
    return days


def _columns(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def _out_file(suffixes: Sequence[str]) -> Callable[[str], Path]:
    def file(text: str) -> Path:
        path = Path(text).expanduser()
        if path.suffix.lower() not in suffixes:
            raise argparse.ArgumentTypeError(
                f"{text!r}: the file name must end in {', '.join(suffixes[:-1])} or {suffixes[-1]}")
        return path

    return file


# -- options shared by several commands -----------------------------------------------------------


def _settings(p: argparse.ArgumentParser) -> argparse._ArgumentGroup:
    g = p.add_argument_group("request options")
    g.add_argument("--lang", choices=LANGS, help="language of labels (default: configured, en)")
    g.add_argument("--currency", metavar="CODE", help="ISO 4217 code of prices, e.g. USD (default EUR)")
    return g


def _network(p: argparse.ArgumentParser) -> None:
    g = _settings(p)
    g.add_argument("--offline", action="store_true", default=None,
                   help="only the caches answer; anything missing is an error")
    g.add_argument("--refresh", action="store_true", help="bypass the caches: fetch again")
    g.add_argument("--dry-run", action="store_true",
                   help="print how many requests this would spend instead of running (what the count "
                        "depends on, such as a search's first page, is fetched and not spent again)")
    g.add_argument("--max-requests", type=_count, metavar="N",
                   help="stop before a step would take this command over N requests")


def _out(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=_out_file(DATA_SUFFIXES), metavar="FILE",
                   help="write the whole frame to FILE instead: .parquet (types and provenance kept), "
                        ".csv or .json")


def _table(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("table options")
    g.add_argument("--columns", type=_columns, metavar="A,B,...", help="show these columns")
    g.add_argument("--max-rows", type=_count, default=DEFAULT_MAX_ROWS, metavar="N",
                   help=f"rows shown on the terminal (default {DEFAULT_MAX_ROWS}; 0: all)")


def _image(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=_out_file(IMAGE_SUFFIXES), metavar="FILE", required=True,
                   help="the chart file: .png, .svg or .pdf")


_SHARED: dict[str, Callable[[argparse.ArgumentParser], object]] = {
    "network": _network, "settings": _settings, "out": _out, "table": _table, "image": _image}


# -- each command's own arguments -------------------------------------------------------------


def _search_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("q", nargs="?", help="words to find in titles")
    p.add_argument("--issuer", help="issuer code, e.g. canada")
    p.add_argument("--category", choices=CATEGORIES)
    p.add_argument("--year", help="a year or a range: 1902, 1800-1850")
    p.add_argument("--date", help="a date or a range, as --year")
    p.add_argument("--catalogue", type=_id, metavar="ID", help="catalogue id (with --number)")
    p.add_argument("--number", help="number in that catalogue, e.g. 110")
    p.add_argument("--max-results", type=_positive, metavar="N", help="stop after N types")
    p.add_argument("--page-size", type=_positive, default=100, metavar="N",
                   help="types per request, 1 to 100 (default 100)")


def _ids(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", nargs="+", type=_id, metavar="ID", help="type ids (N#)")


def _issue_filter(p: argparse.ArgumentParser) -> None:
    p.add_argument("--issue-id", type=_id, action="append", metavar="ID",
                   help="only this issue (repeatable; default: every issue of the types)")


def _history_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", nargs="*", type=_id, metavar="ID", help="type ids (default: all)")
    p.add_argument("--issue-id", type=_id, action="append", metavar="ID", help="only this issue")
    p.add_argument("--grade", choices=GRADES, action="append", help="only this grade (repeatable)")
    p.add_argument("--since", metavar="DATE", help="from this date (YYYY-MM-DD, UTC)")
    p.add_argument("--until", metavar="DATE", help="up to this date (YYYY-MM-DD, UTC)")
    p.add_argument("--currency", dest="history_currency", metavar="CODE",
                   help="only prices in this currency")


def _collection_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user-id", type=_id, metavar="ID",
                   help="whose collection (default: the API key's user; needed offline)")
    p.add_argument("--category", choices=CATEGORIES)
    p.add_argument("--type-id", type=_id, metavar="ID", help="only items of this type")
    p.add_argument("--collection", type=_id, metavar="ID", dest="collection_id",
                   help="only this collection of the user's")


def _stats_by(p: argparse.ArgumentParser) -> None:
    p.add_argument("--by", choices=STATS_DIMENSIONS, default="issuer",
                   help="the breakdown to print (composition and currency also fetch the types)")


def _all_issues(p: argparse.ArgumentParser) -> None:
    p.add_argument("--all-issues", action="store_true",
                   help="price every issue of the types, not only those held: better coverage "
                        "(type medians) for many more requests")


def _value_top(p: argparse.ArgumentParser) -> None:
    p.add_argument("--top", type=_positive, default=10, metavar="N",
                   help="how many of the most valuable items to list (default 10)")


def _bars(by: Sequence[str]) -> Callable[[argparse.ArgumentParser], None]:
    def add(p: argparse.ArgumentParser) -> None:
        p.add_argument("--by", choices=by, default=by[0], help=f"one bar per ... (default {by[0]})")
        p.add_argument("--top", type=_positive, default=15, metavar="N",
                       help="bars of their own before the rest is summed as Other (default 15)")

    return add


def _clear_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--type-id", type=_id, action="append", metavar="ID",
                   help="only what concerns this type (repeatable)")
    p.add_argument("--kind", action="append",
                   help="only this kind, as `cache info` names it: search, types, issues, prices, "
                        "collected_items, http/prices ... (repeatable)")
    p.add_argument("--older-than-days", type=_days, metavar="N",
                   help="only what was fetched N days ago or more")


def _warm_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--no-issues", action="store_true", help="skip the issue lists")
    p.add_argument("--no-prices", action="store_true", help="skip the prices")


def _info_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--entries", action="store_true", help="every entry, not a summary per kind")


def _serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8765,
                   help="port to listen on (default 8765; 0 picks a free one)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--latency", type=float, default=0.0, help="seconds added to each answer")
    p.add_argument("--max-concurrency", type=int, default=10,
                   help="answer 429 above this many simultaneous requests (default 10)")
    p.add_argument("--monthly-quota", type=int, default=None,
                   help="answer 429 'Quota exceeded' after this many requests a month per key")
    p.add_argument("--image-search", action="store_true", help="enable POST /search_by_image")


def _demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("numista-demo"),
                   help="folder for the demo's files (default: ./numista-demo)")


# -- the commands -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """One command (or a group of them) of the command line.

    Attributes
    ----------
    name : str
        As typed (``"info"`` within the ``cache`` group).
    summary : str
        One line for ``--help``.
    examples : tuple of str
        Command lines for the epilog of its ``--help``.
    arguments : tuple of callable
        Each adds some of the command's own arguments to its parser.
    shared : tuple of str
        Shared option groups: ``network``, ``settings``, ``out``, ``table``, ``image``.
    run : callable, optional
        ``run(args) -> exit status``; None for a group.
    subcommands : tuple of Command
        The commands of a group (``cache``, ``plot``).
    """

    name: str
    summary: str
    examples: tuple[str, ...] = ()
    arguments: tuple[Callable[[argparse.ArgumentParser], None], ...] = ()
    shared: tuple[str, ...] = ()
    run: Callable[[argparse.Namespace], int] | None = None
    subcommands: tuple[Command, ...] = ()


def _serve_fake(args: argparse.Namespace) -> int:
    from .testing import serve_forever

    def ready(api: Any) -> None:
        print(f"Fake Numista API (SYNTHETIC sample catalogue) at {api.url}", flush=True)
        print(f"Any API key works, e.g. NUMISTA_API_URL={api.url} NUMISTA_API_KEY={api.api_key}",
              flush=True)
        print("Press Ctrl-C to stop.", flush=True)

    serve_forever(args.port, args.host, on_ready=ready, latency=args.latency,
                  max_concurrency=args.max_concurrency, monthly_quota=args.monthly_quota,
                  image_search=args.image_search)
    return 0


def _demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    run_demo(args.out)
    return 0


_DATA = ("network", "out", "table")
_PLOT = ("network", "image")

_COLLECTION = (_collection_args,)
_VALUED = (_collection_args, _all_issues)

COMMANDS: tuple[Command, ...] = (
    Command("search", "search the catalogue: one row per type",
            ("search dollar --issuer canada", "search --issuer france --year 1960-1969 --category coin",
             "search dollar --max-results 20 --out dollars.parquet", "search dollar --dry-run"),
            (_search_args,), _DATA, RUNS["search"]),
    Command("type", "details of types by id (N#): one column per type",
            ("type 1031", "type 1031 1172 --columns title,composition,weight", "type 1031 --out type.json"),
            (_ids,), _DATA, RUNS["type"]),
    Command("issues", "every issue (year, mint, mintage) of types",
            ("issues 1031", "issues 1031 1172 --out issues.csv"), (_ids,), _DATA, RUNS["issues"]),
    Command("prices", "current price estimates of types: one row per issue, grades across",
            ("prices 1031", "prices 1031 --issue-id 20002 --currency USD",
             "prices 1031 --out prices.parquet", "prices 1031 --dry-run"),
            (_ids, _issue_filter), _DATA, RUNS["prices"]),
    Command("history", "the local price history (kept from every price fetched; costs nothing)",
            ("history 1172", "history 1172 --grade vf --grade unc --since 2025-01-01",
             "history --out history.parquet"), (_history_args,), ("out", "table"), RUNS["history"]),
    Command("collection", "the collected items of a user (yours by default; OAuth)",
            ("collection", "collection --category banknote", "collection --user-id 1 --out items.csv"),
            _COLLECTION, _DATA, RUNS["collection"]),
    Command("stats", "statistics of a collection: totals and a breakdown",
            ("stats", "stats --by decade", "stats --out collection_stats.csv"),
            (_collection_args, _stats_by), _DATA, RUNS["stats"]),
    Command("value", "a collection valued at current estimates: summary and the top items",
            ("value", "value --currency USD --top 20", "value --dry-run", "value --out value.parquet"),
            (*_VALUED, _value_top), _DATA, RUNS["value"]),
    Command("plot", "charts as .png, .svg or .pdf files", (
        "plot prices 1031 --out p.png", "plot history 1172 --out h.png",
        "plot collection --by decade --out c.png", "plot value --out v.png"), subcommands=(
        Command("prices", "estimated price by grade, one line per issue",
                ("plot prices 1031 --out p.png", "plot prices 1031 --issue-id 20002 --out p.svg"),
                (_ids, _issue_filter), _PLOT, RUNS["plot prices"]),
        Command("history", "price against time from the local history, one line per grade",
                ("plot history 1172 --out h.png", "plot history 1172 --since 2025-01-01 --out h.pdf"),
                (_history_args,), ("image",), RUNS["plot history"]),
        Command("collection", "pieces of a collection by issuer, decade, grade or category",
                ("plot collection --by decade --out c.png",),
                (*_COLLECTION, _bars(COLLECTION_DIMENSIONS)), _PLOT, RUNS["plot collection"]),
        Command("value", "estimated value of a collection by issuer, grade or type",
                ("plot value --out v.png", "plot value --by grade --out v.svg"),
                (*_VALUED, _bars(VALUE_DIMENSIONS)), _PLOT, RUNS["plot value"]))),
    Command("cache", "what the caches hold; clear or warm them", (
        "cache info", "cache clear --older-than-days 3", "cache warm 1031 1172"), subcommands=(
        Command("info", "what the caches hold: a summary per kind",
                ("cache info", "cache info --entries --max-rows 0", "cache info --out cache.csv"),
                (_info_args,), ("out", "table"), RUNS["cache info"]),
        Command("clear", "delete cached frames and answers (never the price history)",
                ("cache clear", "cache clear --type-id 1031",
                 "cache clear --kind prices --older-than-days 1"),
                (_clear_args,), (), RUNS["cache clear"]),
        Command("warm", "fetch types, their issues and prices now, so later calls cost nothing",
                ("cache warm 1031 1172", "cache warm 1031 --no-prices"),
                (_ids, _warm_args), ("settings",), RUNS["cache warm"]))),
    Command("quota", "requests spent this month by the configured key", ("quota",), run=RUNS["quota"]),
    Command("serve-fake", "serve the fake Numista API until interrupted",
            ("serve-fake --port 8765",), (_serve_args,), run=_serve_fake),
    Command("demo", "run the whole pipeline on the bundled sample (no key, no network)",
            ("demo", "demo --out /tmp/numista-demo"), (_demo_args,), run=_demo),
)


# -- the parser ---------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error said in one line (and where to find help) instead of a block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _epilog(command: Command, prefix: str) -> str:
    lines = [f"  {prefix} {example}" for example in command.examples]
    return "examples:\n" + "\n".join(lines) if lines else ""


def _add(sub: Any, command: Command, prefix: str) -> None:
    p = sub.add_parser(command.name, help=command.summary, description=command.summary + ".",
                       epilog=_epilog(command, PROG),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    for adder in command.arguments:
        adder(p)
    for name in command.shared:
        _SHARED[name](p)
    if command.subcommands:
        _group(p, command.subcommands, f"{prefix} {command.name}")
    else:
        p.set_defaults(func=command.run)


def _group(parser: argparse.ArgumentParser, commands: Sequence[Command], prefix: str) -> None:
    sub = parser.add_subparsers(dest=f"{prefix.replace(' ', '_')}_command", required=True,
                                metavar="COMMAND")
    for command in commands:
        _add(sub, command, prefix)


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = _Parser(
        prog=PROG, description="The Numista API v3 as typed pandas DataFrames. Source: Numista.",
        epilog="Every command has --help. Set NUMISTA_API_KEY (free at https://en.numista.com/api/), "
               f"or try `{PROG} demo` or `{PROG} serve-fake` without one.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _group(parser, COMMANDS, PROG)
    return parser


# -- the boundary ---------------------------------------------------------------------------------


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class _Warnings:
    """Warnings as one line each on stderr, never as source excerpts; remembers a partial result."""

    partial = False

    @contextlib.contextmanager
    def as_lines(self) -> Iterator[None]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                yield
            finally:
                for warning in caught:
                    text = _one_line(Exception(warning.message))
                    if issubclass(warning.category, PartialResultWarning):
                        self.partial = True
                        text = text.split("; ", 1)[0]  # not "df.attrs[...] says which": printed already
                    print(f"{PROG}: warning: {text}", file=sys.stderr)


def _settings_of(args: argparse.Namespace) -> dict[str, Any]:
    return {name: getattr(args, name, None) for name in ("lang", "currency", "offline")}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit status: 0 done; 1 a Numista error, a command that could not go on, or a partial
        result (some ids failed, the rest is shown); 2 a bad argument. Each error is one line on
        stderr. A usage error found while parsing raises ``SystemExit(2)``, as
        ``--help`` raises ``SystemExit(0)``.
    """
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for stream in (sys.stdout, sys.stderr):  # a title with "¼" must not fail on an ASCII terminal
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    caught = _Warnings()
    try:
        with caught.as_lines(), configured(**_settings_of(args)):
            status: int = args.func(args)
        return 1 if caught.partial and status == 0 else status  # some ids failed: tell scripts
    except (NumistaError, CommandError, OSError) as exc:
        print(f"{PROG}: error: {_one_line(exc)}", file=sys.stderr)
        return 1
    except (ValueError, TypeError) as exc:
        print(f"{PROG}: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

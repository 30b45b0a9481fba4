"""The ``numista-frames`` command line: parsing and the error boundary of a thin shell over the API.

What each command does is in :mod:`numista_frames.cli.commands`; this module says what can be
typed (a table of commands), applies ``--lang``/``--currency``/``--offline`` through
:func:`numista_frames.settings.configured`, and turns every error into one line on stderr: exit
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
from typing import Any, NoReturn

from numista_frames.checks import COLLECTION_DIMENSIONS, VALUE_DIMENSIONS
from numista_frames.cli.commands import RUNS, CommandError
from numista_frames.cli.options import (
    PROG,
    SHARED_OPTIONS,
    all_issues,
    bars,
    clear_args,
    collection_args,
    demo_args,
    history_args,
    ids,
    info_args,
    issue_filter,
    search_args,
    serve_args,
    stats_by,
    value_top,
    warm_args,
)
from numista_frames.cli.tracking import track_args, watch_args, watch_weight
from numista_frames.exceptions import NumistaError, PartialResultWarning
from numista_frames.settings import configured

__all__ = ["COMMANDS", "Command", "main"]



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
    from numista_frames.testing import serve_forever

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
    from numista_frames.cli.demo import run_demo

    run_demo(args.out)
    return 0


_DATA = ("network", "out", "table")
_PRICED = ("network", "currency", "out", "table")  # --currency only where prices are fetched
_PLOT = ("network", "image")

_COLLECTION = (collection_args,)
_VALUED = (collection_args, all_issues)

COMMANDS: tuple[Command, ...] = (
    Command("search", "search the catalogue: one row per type",
            ("search dollar --issuer canada", "search --issuer france --year 1960-1969 --category coin",
             "search dollar --max-results 20 --out dollars.parquet", "search dollar --dry-run"),
            (search_args,), _DATA, RUNS["search"]),
    Command("type", "details of types by id (N#): one column per type",
            ("type 1031", "type 1031 1172 --columns title,composition,weight", "type 1031 --out type.json"),
            (ids,), _DATA, RUNS["type"]),
    Command("issues", "every issue (year, mint, mintage) of types",
            ("issues 1031", "issues 1031 1172 --out issues.csv"), (ids,), _DATA, RUNS["issues"]),
    Command("prices", "current price estimates of types: one row per issue, grades across",
            ("prices 1031", "prices 1031 --issue-id 20002 --currency USD",
             "prices 1031 --out prices.parquet", "prices 1031 --dry-run"),
            (ids, issue_filter), _PRICED, RUNS["prices"]),
    Command("history", "the local price history (kept from every price fetched; costs nothing)",
            ("history 1172", "history 1172 --grade vf --grade unc --since 2025-01-01",
             "history --out history.parquet"), (history_args,), ("out", "table"), RUNS["history"]),
    Command("collection", "the collected items of a user (yours by default; OAuth)",
            ("collection", "collection --category banknote", "collection --user-id 1 --out items.csv"),
            _COLLECTION, _DATA, RUNS["collection"]),
    Command("stats", "statistics of a collection: totals and a breakdown",
            ("stats", "stats --by decade", "stats --out collection_stats.csv"),
            (collection_args, stats_by), _DATA, RUNS["stats"]),
    Command("value", "a collection valued at current estimates: summary and the top items",
            ("value", "value --currency USD --top 20", "value --dry-run", "value --out value.parquet"),
            (*_VALUED, value_top), _PRICED, RUNS["value"]),
    Command("plot", "charts as .png, .svg or .pdf files", (
        "plot prices 1031 --out p.png", "plot history 1172 --out h.png",
        "plot collection --by decade --out c.png", "plot value --out v.png"), subcommands=(
        Command("prices", "estimated price by grade, one line per issue",
                ("plot prices 1031 --out p.png", "plot prices 1031 --issue-id 20002 --out p.svg"),
                (ids, issue_filter), (*_PLOT, "currency"), RUNS["plot prices"]),
        Command("history", "price against time from the local history, one line per grade",
                ("plot history 1172 --out h.png", "plot history 1172 --since 2025-01-01 --out h.pdf"),
                (history_args,), ("image",), RUNS["plot history"]),
        Command("collection", "pieces of a collection by issuer, decade, grade or category",
                ("plot collection --by decade --out c.png",),
                (*_COLLECTION, bars(COLLECTION_DIMENSIONS)), _PLOT, RUNS["plot collection"]),
        Command("value", "estimated value of a collection by issuer, grade or type",
                ("plot value --out v.png", "plot value --by grade --out v.svg"),
                (*_VALUED, bars(VALUE_DIMENSIONS)), (*_PLOT, "currency"), RUNS["plot value"]))),
    Command("cache", "what the caches hold; clear or warm them", (
        "cache info", "cache clear --older-than-days 3", "cache warm 1031 1172"), subcommands=(
        Command("info", "what the caches hold: a summary per kind",
                ("cache info", "cache info --entries --max-rows 0", "cache info --out cache.csv"),
                (info_args,), ("out", "table"), RUNS["cache info"]),
        Command("clear", "delete cached frames and answers (never the price history)",
                ("cache clear", "cache clear --type-id 1031",
                 "cache clear --kind prices --older-than-days 1"),
                (clear_args,), (), RUNS["cache clear"]),
        Command("warm", "fetch types, their issues and prices now, so later calls cost nothing",
                ("cache warm 1031 1172", "cache warm 1031 --no-prices", "cache warm 1031 --dry-run"),
                (ids, warm_args), ("settings", "currency"), RUNS["cache warm"]))),
    Command("quota", "requests spent this month by the configured key", ("quota",), run=RUNS["quota"]),
    Command("watch", "the prices `track` follows (no request spent)", (
        "watch add 1337 1390", "watch add --collection", "watch list", "watch remove 1337"),
        subcommands=(
        Command("add", "watch types (all their issues), issues, or a collection",
                ("watch add 1337 1390", "watch add 1337 --issue-id 27055", "watch add --collection"),
                (watch_args, watch_weight), (), RUNS["watch add"]),
        Command("list", "the watched prices: rate, checks, changes, next due",
                ("watch list", "watch list --out watchlist.csv"), (), ("out", "table"),
                RUNS["watch list"]),
        Command("remove", "stop watching types, issues or a collection",
                ("watch remove 1337", "watch remove --collection"), (watch_args,), (),
                RUNS["watch remove"]))),
    Command("track", "check the watched prices most likely to have moved, within a budget",
            ("track", "track --budget 20", "track --dry-run", "track --alert 10"),
            (track_args,), (), RUNS["track"]),
    Command("serve-fake", "serve the fake Numista API until interrupted",
            ("serve-fake --port 8765",), (serve_args,), run=_serve_fake),
    Command("demo", "run the whole pipeline on the bundled sample (no key, no network)",
            ("demo", "demo --out /tmp/numista-demo"), (demo_args,), run=_demo),
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
        SHARED_OPTIONS[name](p)
    if command.subcommands:
        _group(p, command.subcommands, f"{prefix} {command.name}")
    else:
        p.set_defaults(func=command.run, command_parser=p)


def _group(parser: argparse.ArgumentParser, commands: Sequence[Command], prefix: str) -> None:
    sub = parser.add_subparsers(dest=f"{prefix.replace(' ', '_')}_command", required=True,
                                metavar="COMMAND")
    for command in commands:
        _add(sub, command, prefix)


def _parser() -> argparse.ArgumentParser:
    from numista_frames import __version__

    parser = _Parser(
        prog=PROG, description="The Numista API v3 as typed pandas DataFrames. Source: Numista.",
        epilog="Every command has --help. Set NUMISTA_API_KEY (free at https://en.numista.com/api/), "
               f"or try `{PROG} demo` or `{PROG} serve-fake` without one.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _group(parser, COMMANDS, PROG)
    return parser


def _with_option(shared: str, commands: Sequence[Command] = COMMANDS, prefix: str = "") -> list[str]:
    """The commands (as typed) that have a shared option group."""
    found = []
    for command in commands:
        name = f"{prefix}{command.name}"
        if shared in command.shared:
            found.append(name)
        found += _with_option(shared, command.subcommands, f"{name} ")
    return found


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
    args, unknown = _parser().parse_known_args(argv)
    if unknown:  # said by the command's own parser, so the hint names its --help
        message = f"unrecognized arguments: {' '.join(unknown)}"
        if any(arg.split("=")[0] == "--currency" for arg in unknown):
            message += ("; --currency applies to the commands that fetch prices: "
                        + ", ".join(_with_option("currency")))
        args.command_parser.error(message)
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

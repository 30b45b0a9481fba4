"""``numista-frames demo``: the whole pipeline on the embedded sample, with no key and no network.

It starts the fake Numista API (the SYNTHETIC sample catalogue) on loopback and runs exactly the
code a real user runs: a search, issues and prices of the top types, the price history of one
type charted, the sample user's collection statistics, value with coverage, and completion.
Run it twice: the second run is answered by the caches. Everything it keeps (caches, the sample
history, the fake's quota ledger) stays under ``<cache_dir>/demo``: the user's data_dir is not touched.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from numista_frames.analysis import collection as analysis
from numista_frames.loaders import catalogue as api
from numista_frames.loaders.search import search_df
from numista_frames.loaders.user import collection_df
from numista_frames.settings import configured, get_settings
from numista_frames.store.export import to_parquet
from numista_frames.store.history import import_price_history, price_history_df

__all__ = ["DEMO_PORT", "run_demo"]

#: The demo's fake API listens here when it can, so a second run finds its answers cached.
DEMO_PORT = 47651
OUTPUTS = ("dollar.parquet", "prices.parquet", "collection_stats.csv", "price_history.png",
           "collection.png")


@contextlib.contextmanager
def _fake_api() -> Iterator[Any]:
    """The fake on its usual port (so the caches carry over between runs), else any free port."""
    from numista_frames.testing import FakeNumista

    api = FakeNumista(port=DEMO_PORT)
    try:
        api.start()
    except OSError:
        api = FakeNumista().start()
    try:
        yield api
    finally:
        api.stop()


def run_demo(out: Path | None = None, *, echo: Callable[[str], None] = print) -> dict[str, Any]:
    """Run the demo pipeline; write its files into ``out`` (default ``./numista-demo``).

    Parameters
    ----------
    out : pathlib.Path, optional
        Folder for ``dollar.parquet``, ``prices.parquet``, ``collection_stats.csv``,
        ``price_history.png`` and ``collection.png``.
    echo : callable
        Where the report goes (``print`` by default).

    Returns
    -------
    dict
        ``requests`` (spent by this run), ``seconds``, ``files`` (paths written).
    """
    out = Path("numista-demo") if out is None else out
    cache_dir = get_settings().cache_dir / "demo"
    # The demo's history and ledger come from the fake: re-creatable, so they live in the demo's
    # cache folder, never in the user's data_dir beside real observations and the real month.
    data_dir = cache_dir / "data"
    started = time.perf_counter()
    with _fake_api() as fake, configured(api_url=fake.url, api_key=fake.api_key,
                                         cache_dir=cache_dir, data_dir=data_dir, offline=False,
                                         requests_per_second=None):
        echo(f"numista-frames demo: the fake Numista API serves the SYNTHETIC sample catalogue "
             f"at {fake.url}\n(no key, no network; caches and the demo's history in {cache_dir};"
             " your own data folder is not touched)\n")
        frames = _pipeline(echo)
        files = _write(out, frames, echo)
    spent = sum(int(f.attrs.get("requests_spent", 0)) for f in frames.values()
                if isinstance(f, pd.DataFrame))
    seconds = time.perf_counter() - started
    echo(f"\nSource: Numista (N# = type id). This run spent {spent} request(s) in {seconds:.1f} s "
         "(a free Numista key allows 2,000 a month; the fake counts none).")
    if spent == 0:
        echo("Caches answered everything: a warm repeat costs zero requests.")
    return {"requests": spent, "seconds": seconds, "files": files}


def _pipeline(echo: Callable[[str], None]) -> dict[str, Any]:
    dollars = search_df("dollar", progress=False)
    echo(f'1. search_df("dollar"): {len(dollars)} types; the first ten:\n')
    echo(_table(dollars[["id", "title", "issuer_name", "min_year", "max_year"]].head(10)))
    top = dollars["id"].head(3).tolist()
    issues = api.issues_df(top, progress=False)
    prices = api.prices_df(top, progress=False)
    echo(f"\n2. issues_df / prices_df of N# {', '.join(map(str, top))}: {len(issues)} issues, "
         f"{len(prices)} estimates (issue x grade, {_currency(prices)})")
    history = _history(echo)
    items = collection_df()
    types = items["type_id"].dropna().unique().tolist()
    owned = items["issue_id"].dropna().unique().tolist()
    # Only the issues held: every issue of these types would cost more than a free key's month.
    held_prices = api.prices_df(types, issue_ids=owned, progress=False)
    held_issues = api.issues_df(types, progress=False)
    return {"dollars": dollars, "issues": issues, "prices": prices, "history": history,
            "items": items, "held_prices": held_prices, "held_issues": held_issues,
            **_collection(items, held_prices, held_issues, echo)}


def _history(echo: Callable[[str], None]) -> pd.DataFrame:
    from numista_frames.testing import sample_price_history

    added = import_price_history(sample_price_history())
    whole = price_history_df()
    counts = whole.groupby(["type_id", "issue_id"]).size()
    longest: tuple[int, int] = counts.idxmax()  # type: ignore[assignment]  # a (type, issue) pair
    type_id, issue_id = int(longest[0]), int(longest[1])
    year = price_history_df(type_id, issue_ids=issue_id,
                            since=whole["observed_at"].max() - pd.DateOffset(years=1))
    changes = analysis.price_changes(year, period="1Y")
    moves = ", ".join(f"{g} {c:+.1f}%" for g, c in zip(changes["grade"], changes["change_pct"],
                                                       strict=True))
    echo(f"\n3. price history (SYNTHETIC sample snapshots; {added} new observations imported): "
         f"N# {type_id}, issue {issue_id}, last 12 months, {len(year)} observations; "
         f"change over the year: {moves}")
    return year


def _collection(items: pd.DataFrame, prices: pd.DataFrame, issues: pd.DataFrame,
                echo: Callable[[str], None]) -> dict[str, Any]:
    stats = analysis.collection_stats(items)
    value = analysis.collection_value(items, prices)
    completion = analysis.collection_completion(items, issues)
    totals = stats.totals
    echo(f"\n4. the sample user's collection: {totals['items']} items, {totals['pieces']} pieces, "
         f"{totals['distinct_types']} types, {totals['for_swap_items']} for swap")
    echo(_table(stats.by_issuer.head(5)))
    echo(f"\n5. {value.summary()}")
    best = completion.head(3)[["type_id", "issues_owned", "issues_existing", "completion"]]
    echo(f"\n6. completion (the most complete sets):\n{_table(best)}")
    return {"stats": stats, "value": value, "completion": completion}


def _write(out: Path, frames: dict[str, Any], echo: Callable[[str], None]) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")  # files only: no window, also on a machine without a screen
    import matplotlib.pyplot as plt

    from numista_frames.plotting.prices import plot_collection, plot_price_history

    out.mkdir(parents=True, exist_ok=True)
    files = [to_parquet(frames["dollars"], out / "dollar.parquet", overwrite=True),
             to_parquet(frames["prices"], out / "prices.parquet", overwrite=True)]
    stats_csv = out / "collection_stats.csv"
    frames["stats"].to_frame().to_csv(stats_csv, index=False)
    files.append(stats_csv)
    history = plot_price_history(frames["history"])
    history.set_title(history.get_title() + "\nSYNTHETIC sample history, not real prices")
    for name, ax in (("price_history.png", history),
                     ("collection.png", plot_collection(frames["stats"], by="issuer"))):
        path = out / name
        figure = ax.get_figure(root=True)
        assert figure is not None  # the plots always draw on a figure of their own
        figure.savefig(path, dpi=150)
        files.append(path)
    plt.close("all")
    echo(f"\nWrote {', '.join(p.name for p in files)} into {out.resolve()}")
    return files


def _table(frame: pd.DataFrame) -> str:
    with pd.option_context("display.width", 120, "display.max_colwidth", 48):
        return frame.to_string(index=frame.index.name is not None)


def _currency(prices: pd.DataFrame) -> str:
    return str(prices["currency"].iloc[0]) if len(prices) else "-"

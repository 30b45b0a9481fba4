"""Build the notebooks in this folder from the cells defined below.

Edit the cells here, then run ``python notebooks/build_notebooks.py`` to rewrite the ``.ipynb``
files (stored without outputs; ``tests/test_notebooks.py`` checks that they are exactly what this
script builds, and executes them). ``--check`` only reports which notebooks are out of date.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}

#: The line that marks the one cell to change for real data (the tests look for it).
REAL_KEY_MARK = "USE A REAL KEY: set USE_REAL_API = True and NUMISTA_API_KEY"


def md(text: str) -> NotebookNode:
    return new_markdown_cell(dedent(text).strip())


def code(text: str) -> NotebookNode:
    return new_code_cell(dedent(text).strip())


def notebook(stem: str, cells: list[NotebookNode]) -> NotebookNode:
    """A v4 notebook with deterministic cell ids (``01-05``: notebook, cell), no outputs or counts."""
    for number, cell in enumerate(cells, start=1):
        cell["id"] = f"{stem[:2]}-{number:02d}"
    nb = new_notebook(cells=cells)
    nb.metadata = NotebookNode({"kernelspec": dict(KERNELSPEC),
                                "language_info": {"name": "python"}})
    return nb


# -- shared cells ---------------------------------------------------------------------------------

def intro(title: str, body: str) -> NotebookNode:
    return md(f"# {title}\n\n{dedent(body).strip()}\n\n" + dedent("""
        **Source: Numista** (<https://en.numista.com>). Show "Source: Numista" and the N# (the
        type id) with any table or chart you make from its data.

        By default this notebook needs no key and no network: it starts a **fake Numista API** on
        127.0.0.1 that serves the **synthetic sample catalogue** shipped with numista_frames
        (Numista's shapes and real-looking names, invented numbers), through exactly the code
        that talks to the real API. Every run uses a fresh temporary cache, so the request counts
        below are those of a first run.
        """).strip())


def setup_cells(*, stdlib: tuple[str, ...] = (), pyplot: bool = False,
                testing: tuple[str, ...] = ()) -> list[NotebookNode]:
    """The marked real-key cell, then imports (only those the notebook uses) and configuration."""
    imports = "\n".join(f"import {name}" for name in sorted({"shutil", "tempfile", *stdlib}))
    imports += "\nfrom pathlib import Path\n\n"
    imports += "import matplotlib.pyplot as plt\n" if pyplot else ""
    imports += "import pandas as pd\n\nimport numista_frames as nf\n"
    imports += f"from numista_frames.testing import {', '.join(['FakeNumista', *testing])}"
    return [
        md(f"""
            ## Setup

            > **{REAL_KEY_MARK}**
            >
            > in the next cell to run on real Numista data (get a free key at
            > <https://en.numista.com/api/>). Requests then count against your key's monthly
            > quota (2,000 for a free key), and the caches live in your user cache folder, so a
            > rerun costs nothing.
            """),
        code(f"""
            # ==== {REAL_KEY_MARK} ====
            import os

            USE_REAL_API = False
            NUMISTA_API_KEY = os.environ.get("NUMISTA_API_KEY", "")  # or paste your key here
            """),
        code("%matplotlib inline\n" + imports + dedent("""

            pd.set_option("display.max_columns", 30)
            pd.set_option("display.width", 140)
            OUT = Path("numista-output")  # files this notebook writes

            if USE_REAL_API:
                if not NUMISTA_API_KEY:
                    raise ValueError("USE_REAL_API is True: set NUMISTA_API_KEY (environment or cell above)")
                fake = None
                nf.configure(api_key=NUMISTA_API_KEY)
            else:
                fake = FakeNumista().start()  # the SYNTHETIC sample catalogue on 127.0.0.1
                nf.configure(api_url=fake.url, api_key=fake.api_key, requests_per_second=None,
                             cache_dir=tempfile.mkdtemp(prefix="numista-notebook-"))

            settings = nf.get_settings()
            print(f"API {settings.api_url}\\ncaches in {settings.cache_dir}")
            print(nf.quota())
            """)),
    ]


def teardown_cells() -> list[NotebookNode]:
    return [
        md("""
            ## Clean up

            Stop the fake API and delete its temporary caches (nothing to do with a real key,
            whose caches are meant to stay). The files in `numista-output/` stay.
            """),
        code("""
            print(nf.quota())
            if fake is not None:
                fake.stop()
                nf.reset_configuration()
                shutil.rmtree(settings.cache_dir, ignore_errors=True)
            """),
    ]


# -- 01 · quick start -----------------------------------------------------------------------------

def quickstart() -> list[NotebookNode]:
    return [
        intro("Quick start: the Numista catalogue as DataFrames", """
            Search the catalogue, read types and their issues as typed pandas DataFrames, see what
            each step costs in requests, and save the result to Parquet.
            """),
        *setup_cells(stdlib=("time",)),
        md("""
            ## 1. Search: `nf.search_df`

            A search costs **one request per page** of up to 100 types. Before spending anything,
            `dry_run=True` returns what the call would cost given what is cached. To know how many
            pages there are it must fetch the first one: that request is included in the number
            and is not spent again by the real call.
            """),
        code("""
            nf.search_df("dollar", dry_run=True)
            """),
        code("""
            dollars = nf.search_df("dollar")
            print(f"{len(dollars)} of {dollars.attrs['total']} types found; "
                  f"{dollars.attrs['requests_spent']} requests spent now")
            dollars.head()
            """),
        md("""
            One row per type. `id` is the **N#**, Numista's type id (`https://en.numista.com/<id>`);
            `category` is coin, banknote or exonumia; `issuer_*` is the issuing country or entity;
            `min_year`/`max_year` the span of years; `object_type_*` Numista's kind of object;
            `similarity_distance` is only filled by image search.

            The dtypes are fixed per resource, also for an empty result: ids and years are nullable
            `Int64`, text is pandas `string`, `category` a categorical.
            """),
        code("""
            dollars.dtypes
            """),
        md("""
            Every frame carries its provenance in `df.attrs`: what was asked, when it was fetched,
            whether it came from the cache and how many requests it spent.
            """),
        code("""
            {key: dollars.attrs[key] for key in ("attribution", "endpoint", "params", "fetched_at",
                                                 "from_cache", "requests_spent")}
            """),
        md("""
            ### A warm repeat costs nothing

            The same call again is answered by the **frame cache** (one Parquet file per call):
            no request, no HTTP cache lookup, a few milliseconds.
            """),
        code("""
            start = time.perf_counter()
            again = nf.search_df("dollar")
            elapsed_ms = (time.perf_counter() - start) * 1000
            print(f"{again.attrs['requests_spent']} requests, from_cache={again.attrs['from_cache']}, "
                  f"{elapsed_ms:.0f} ms")
            pd.testing.assert_frame_equal(again, dollars)
            """),
        md("""
            It is a plain DataFrame, so the rest is pandas: which issuers have the most "dollar"
            types, and in which categories?
            """),
        code("""
            pd.crosstab(dollars["issuer_name"], dollars["category"]).assign(
                total=lambda t: t.sum(axis=1)).nlargest(10, "total")
            """),
        md("""
            ## 2. Types: `nf.types_df`

            The full description of each type costs **one request per type**: face value
            (`value_*`), `composition`, `weight` (g), `size` (mm), `thickness`, demonetization,
            and list-valued parts (`mints`, `rulers`, `references` ...) joined with `"; "`.
            """),
        code("""
            top = dollars["id"].head(5)
            nf.types_df(top, dry_run=True)
            """),
        code("""
            types = nf.types_df(top)
            types[["id", "title", "value_numeric", "value_currency_name", "composition", "weight", "size",
                   "min_year", "max_year", "mints"]]
            """),
        md("""
            `nf.type_parts_df` gives those list-valued parts in long form, one row per element.
            It needs the same answers as `types_df`, so the HTTP cache serves it: **0 requests**.
            """),
        code("""
            mints = nf.type_parts_df(top, part="mints")
            print(mints.attrs["requests_spent"], "requests")
            mints.head()
            """),
        md("""
            ## 3. Issues: `nf.issues_df`

            **One request per type** gives every issue of it: one row per year and mint mark, with
            its `mintage`. `year` is the date as written on the piece (text: it may be in another
            calendar); `gregorian_year` is the `Int64` to compute with.
            """),
        code("""
            nf.issues_df(top, dry_run=True)
            """),
        code("""
            issues = nf.issues_df(top)
            issues.head()
            """),
        code("""
            issues.dtypes
            """),
        code("""
            (issues.groupby("type_id")
                   .agg(issues=("issue_id", "size"), first=("gregorian_year", "min"),
                        last=("gregorian_year", "max"), total_mintage=("mintage", "sum"))
                   .join(types.set_index("id")["title"]))
            """),
        md("""
            ## 4. Export to Parquet

            `nf.to_parquet` writes a file that `pd.read_parquet` gives back identical: dtypes,
            categories and `df.attrs` (with the attribution always added). With `partition_cols`
            it writes a Hive-partitioned dataset that pyarrow, DuckDB, Dask or Spark read directly.
            CSV and JSON (plain pandas) keep neither dtypes nor attrs: add the attribution yourself.
            """),
        code("""
            OUT.mkdir(exist_ok=True)
            path = nf.to_parquet(dollars, OUT / "dollar.parquet", overwrite=True)
            back = pd.read_parquet(path)
            pd.testing.assert_frame_equal(back, dollars)  # same values, dtypes and categories
            print(path, "·", back.attrs["attribution"])
            """),
        code("""
            folder = nf.to_parquet(issues, OUT / "issues", partition_cols=["type_id"], overwrite=True)
            sorted(p.name for p in folder.iterdir())
            """),
        md("""
            ## 5. What it cost

            Everything fetched is cached under `cache_dir`: catalogue data for 7 days (the most
            Numista's terms allow), prices for a day, user data for 10 minutes. `nf.quota()` reads
            the local ledger of requests that really reached the API this month.
            """),
        code("""
            nf.cache_info()[["kind", "rows", "bytes", "fetched_at", "expires_at"]]
            """),
        *teardown_cells(),
    ]


# -- 02 · prices and history ----------------------------------------------------------------------

def prices_and_history() -> list[NotebookNode]:
    return [
        intro("Prices, the grade ladder and price history", """
            Numista publishes **current price estimates** per issue and grade (g < vg < f < vf <
            xf < au < unc), in a currency of your choice (`currency=`, EUR by default). It keeps
            no history: numista_frames stores, dated, every estimate it fetches, so your history
            grows with use. To have years of it to chart here, the notebook imports the
            **synthetic** sample history (invented monthly snapshots, not real prices).
            """),
        *setup_cells(pyplot=True, testing=("sample_price_history",)),
        md("""
            ## 1. Pick a type

            A search costs one request per page; here one page is enough.
            """),
        code("""
            found = nf.search_df("eisenhower dollar")
            TYPE_ID = int(found["id"].iloc[0])
            found[["id", "title", "issuer_name", "min_year", "max_year"]]
            """),
        md("""
            ## 2. Prices: `nf.prices_df`

            Prices are per issue, so they cost **one request for the type's list of issues, then
            one per issue** (`issue_ids=` limits them to the issues you care about). Check first:
            """),
        code("""
            nf.prices_df(TYPE_ID, dry_run=True)
            """),
        code("""
            prices = nf.prices_df(TYPE_ID)
            print(f"{len(prices)} estimates of {prices['issue_id'].nunique()} issues of N# {TYPE_ID}; "
                  f"{prices.attrs['requests_spent']} requests spent")
            prices.head(8)
            """),
        md("""
            Long (tidy) form: one row per (`type_id`, `issue_id`, `grade`). `price` is a `float64`
            in `currency`; `grade` is an **ordered** categorical, so sorting, `min`/`max` and
            comparisons follow the grade scale; `year`, `gregorian_year` and `mint_letter` label
            the issue; `fetched_at` (UTC) is when Numista gave the estimate.
            """),
        code("""
            prices.dtypes
            """),
        code("""
            prices["grade"].dtype
            """),
        md("""
            ## 3. The grade ladder

            `prices.nf.by_grade()` is the wide view, one row per issue and one column per grade,
            in grade order:
            """),
        code("""
            prices.nf.by_grade().head(10)
            """),
        md("""
            `prices.nf.price_summary()` adds, per issue and grade, the **premium** (price over the
            next lower priced grade) and the **ladder** (price over the lowest priced grade of
            that issue). The median across issues is the typical cost of a step up:
            """),
        code("""
            summary = prices.nf.price_summary()
            summary.groupby("grade", observed=True)[["premium", "ladder"]].median().round(2)
            """),
        md("""
            The ladder of every issue across the grades (the plot adds the N# to the title and the
            "Source: Numista" caption). When prices span more than two orders of magnitude the
            axis is logarithmic, so every ladder keeps its shape (a constant premium per grade step
            draws a straight line); past 30 issues the chart draws the median and the middle half
            per grade instead of a line each (`yscale=` and `summary=` force either choice):
            """),
        code("""
            ax = prices.nf.plot_prices(type_id=TYPE_ID)
            """),
        md("""
            Is scarcity priced in? `issues.nf.rarity(prices)` sets each issue's mintage against its
            price (UNC, or the nearest lower priced grade). The issues list was already fetched by
            `prices_df`, so `issues_df` costs **0 requests** here.
            """),
        code("""
            issues = nf.issues_df(TYPE_ID)
            print(issues.attrs["requests_spent"], "requests")
            issues.nf.rarity(prices).head(8)
            """),
        md("""
            A warm repeat of `prices_df` reads the frame cache (prices are kept for a day):
            """),
        code("""
            again = nf.prices_df(TYPE_ID)
            print(again.attrs["requests_spent"], "requests, from_cache =", again.attrs["from_cache"])
            print(nf.quota())
            """),
        md("""
            ## 4. Price history

            Every estimate that came from the network is already in the local history (a Parquet
            dataset under `cache_dir`), so `nf.price_history_df` has today's prices of this type.
            No request is ever spent reading it. With the fake API we also import the
            **SYNTHETIC** sample history: three years of invented monthly snapshots of twelve
            "dollar" types. With a real key your history starts today and grows with each fetch.
            """),
        code("""
            if not USE_REAL_API:
                added = nf.import_price_history(sample_price_history())  # SYNTHETIC, not real prices
                print(f"{added} synthetic observations imported")
            history = nf.price_history_df(TYPE_ID)
            first, last = history["observed_at"].agg(["min", "max"])
            print(f"N# {TYPE_ID}: {len(history)} observations of {history['issue_id'].nunique()} issues, "
                  f"{first:%Y-%m-%d} to {last:%Y-%m-%d}")
            history.head()
            """),
        md("""
            One issue over time, a line per grade:
            """),
        code("""
            ISSUE_ID = int(history.groupby("issue_id").size().idxmax())  # the longest series
            ax = history.nf.plot_price_history(type_id=TYPE_ID, issue_id=ISSUE_ID)
            """),
        md("""
            `history.nf.changes(period="1Y")` compares, per issue and grade, the first and the last
            observation of the last year (`period` is a pandas offset: `"6M"`, `"90D"` ...):
            """),
        code("""
            changes = history.nf.changes(period="1Y")
            changes.sort_values("change_pct", ascending=False).head(10)
            """),
        md("""
            ### Many types at once

            Without ids, `nf.price_history_df` reads the whole history (filters on grades, dates and
            currency are pushed down to the Parquet files). `nf.price_index` chains a monthly index
            of the UNC estimates: each month is compared with the one before over the types priced
            in **both** (the median of their price ratios), so a type fetched in one month only
            cannot make it jump. Each type's own line, indexed to its first month, is drawn faintly:
            """),
        code("""
            unc = nf.price_history_df(grades=["unc"])
            index = nf.price_index(unc, grade="unc", freq="MS")
            monthly = (unc.groupby(["type_id", pd.Grouper(key="observed_at", freq="MS")])["price"]
                          .median().unstack("type_id"))
            if len(index) < 2:
                print("One month of history so far: it grows each time you fetch prices.")
            else:
                fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
                fig.get_layout_engine().set(rect=(0, 0.04, 1, 0.96))  # a strip for the caption
                (monthly / monthly.bfill().iloc[0] * 100).plot(ax=ax, color="0.8", linewidth=1,
                                                               legend=False)
                index["index"].plot(ax=ax, color="#4878a8", linewidth=2.5, marker="o", markersize=4)
                ax.set(title=f"Chained index of UNC estimates, {monthly.shape[1]} types",
                       xlabel="", ylabel="index (first month = 100)")
                thin = int(index["types"].dropna().min())
                ax.text(0.01, 0.98, "each month against the last, over the types priced in both"
                        f" (at least {thin})", transform=ax.transAxes, va="top", fontsize=9,
                        color="0.3")
                ax.spines[["top", "right"]].set_visible(False)
                synthetic = " · SYNTHETIC sample history" if unc.attrs.get("synthetic") else ""
                fig.text(0.99, 0.01, "Source: Numista" + synthetic, ha="right", va="bottom",
                         fontsize=8, color="0.4")
            index.tail(6)
            """),
        md("""
            The history moves to another machine as one file (merged there without duplicates by
            `nf.import_price_history`):
            """),
        code("""
            OUT.mkdir(exist_ok=True)
            nf.export_price_history(OUT / "price_history.parquet", overwrite=True)
            """),
        *teardown_cells(),
    ]


# -- 03 · collection ------------------------------------------------------------------------------

def collection() -> list[NotebookNode]:
    return [
        intro("Your collection: statistics, valuation, completion", """
            Read a user's collection, summarise it, value it at current estimates (and see how much
            of it the estimates cover), and find which series are complete. With the fake API the
            collection is the **synthetic** sample user's; with a real key, your own.
            """),
        *setup_cells(pyplot=True),
        md("""
            ## 1. The collection: `nf.collection_df`

            Collections are private: the client gets an **OAuth token** for your key (one request
            per process, never cached), then **one request** reads the whole collection. User data
            is cached for 10 minutes, per key.
            """),
        code("""
            nf.collection_df(dry_run=True)
            """),
        code("""
            items = nf.collection_df()
            print(f"{len(items)} items; {items.attrs['requests_spent']} request spent now "
                  f"(the token was fetched by the dry run)")
            items[["id", "type_id", "title", "issuer_name", "issue_id", "year", "quantity", "grade",
                   "for_swap", "price_value", "price_currency", "acquisition_date"]].head()
            """),
        md("""
            One row per collected item. `quantity` is the number of pieces; `grade` the ordered
            grade (NA: not graded); `issue_id` is NA when the item's issue was not recorded;
            `price_value`/`price_currency` what you paid per piece; `for_swap`, `collection_*`,
            storage, slab and picture fields follow Numista's names.
            """),
        code("""
            items.dtypes
            """),
        md("""
            ## 2. Statistics

            `items.nf.stats()` is pure pandas (no request): totals, and breakdowns by issuer,
            category, grade and decade with items, pieces (Σ quantity), distinct types and the
            share of pieces.
            """),
        code("""
            stats = items.nf.stats()
            stats.totals
            """),
        code("""
            stats.by_issuer.head(10)
            """),
        code("""
            stats.by_grade
            """),
        code("""
            stats.by_category
            """),
        code("""
            fig, axes = plt.subplots(2, 2, figsize=(13, 8), layout="constrained")
            fig.get_layout_engine().set(rect=(0, 0.03, 1, 0.97))  # a strip at the bottom for the caption
            for ax, by in zip(axes.flat, ("issuer", "decade", "grade", "category"), strict=True):
                items.nf.plot_collection(by=by, ax=ax)
            """),
        md("""
            `stats.to_frame()` is one long table of every breakdown, ready for a CSV. A CSV keeps
            no metadata, so the attribution goes in a column:
            """),
        code("""
            OUT.mkdir(exist_ok=True)
            table = stats.to_frame().assign(source="Numista")
            table.to_csv(OUT / "collection_stats.csv", index=False)
            table.head()
            """),
        md("""
            ## 3. What is it worth?

            Valuing needs price estimates of what you hold, and prices cost one request per issue.
            Compare two plans with dry runs: every issue of every type you hold, or only the issues
            you hold. To count, the first dry run has to fetch each type's list of issues: one
            request per type, included in its number, never spent again (`prices_df` and
            `issues_df` reuse them). With a real key, that part is spent by the dry run itself.
            """),
        code("""
            types = items["type_id"].dropna().unique()
            held = items["issue_id"].dropna().unique()
            every_issue = nf.prices_df(types, dry_run=True)
            held_only = nf.prices_df(types, issue_ids=held, dry_run=True)
            print(f"{len(types)} types: {every_issue} requests for all their issues, {held_only} for the "
                  f"{len(held)} issues held (a free key has 2,000 a month)")
            """),
        code("""
            prices = nf.prices_df(types, issue_ids=held)
            print(f"{len(prices)} estimates; {prices.attrs['requests_spent']} requests spent now")
            """),
        md("""
            `items.nf.value(prices)` values each item: the estimate of its issue at its grade
            (`exact`); else that issue at the nearest priced grade below, or above if none is below
            (`nearest_grade`); else the median of the type's priced issues at that grade
            (`type_grade_median`); else nothing (`none`). Ungraded items take the lowest priced
            grade. **Coverage** says for how many pieces a value is known; the gain (value − price
            paid) is only computed where you paid in the prices' currency.
            """),
        code("""
            value = items.nf.value(prices)
            print(value.summary())
            value.items["value_source"].value_counts()
            """),
        code("""
            value.items.nlargest(10, "value")[["title", "grade", "quantity", "unit_value", "value",
                                               "value_source", "price_paid", "gain"]]
            """),
        code("""
            ax = items.nf.plot_value(prices, by="issuer")
            """),
        md("""
            ## 4. Completion

            Which series are complete? `items.nf.completion(issues)` counts, per type you hold, the
            issues you own against those that exist, and lists what is missing. The issue lists
            were fetched by the dry run above, so `issues_df` costs **0 requests**.
            """),
        code("""
            issues = nf.issues_df(types)
            print(issues.attrs["requests_spent"], "requests")
            completion = items.nf.completion(issues)
            longest = completion.nlargest(10, "issues_existing")
            longest[["type_id", "title", "issues_existing", "issues_owned", "completion", "missing_years"]]
            """),
        code("""
            fig, ax = plt.subplots(figsize=(9, 4.5), layout="constrained")
            fig.get_layout_engine().set(rect=(0, 0.04, 1, 0.96))  # a strip at the bottom for the caption
            labels = longest["title"].str.slice(0, 45) + "  N# " + longest["type_id"].astype(str)
            bars = ax.barh(labels, longest["completion"] * 100, color="#4878a8")
            ax.bar_label(bars, [f"{o} of {e}" for o, e in zip(longest["issues_owned"],
                                                              longest["issues_existing"], strict=True)],
                         padding=3, fontsize=8, color="0.3")
            ax.invert_yaxis()
            ax.set(xlim=(0, 100), xlabel="issues owned, % of those existing",
                   title="Completion of the 10 longest series you hold")
            ax.spines[["top", "right"]].set_visible(False)
            caption = fig.text(0.99, 0.01, "Source: Numista", ha="right", va="bottom", fontsize=8,
                               color="0.4")
            """),
        md("""
            ## 5. A warm repeat

            Asked again within 10 minutes (the expiry of user data; prices keep a day, the
            catalogue a week), the collection, the prices and the issues all come from the frame
            cache:
            """),
        code("""
            spent = [nf.collection_df().attrs["requests_spent"],
                     nf.prices_df(types, issue_ids=held).attrs["requests_spent"],
                     nf.issues_df(types).attrs["requests_spent"]]
            print("requests spent by the repeat:", spent)
            """),
        *teardown_cells(),
    ]


# -- 04 · tracking -------------------------------------------------------------------------------

def tracking() -> list[NotebookNode]:
    return [
        intro("Price tracking: a history that builds itself", """
            Numista keeps no price history, and a free key has 2,000 requests a month. Watch the
            prices you care about with `nf.watch`, run `nf.track` once a day: each run spends a
            small budget on the prices most likely to have moved (it learns how often each one
            changes, and weighs them by value), and appends what it sees to the local price
            history. With the fake API, the notebook simulates four months in seconds: the fake
            runs in **market mode**, where each issue's estimates move at their own rate (most
            never within a year, some monthly, a few weekly) as a simulated clock is set.
            """),
        *setup_cells(pyplot=True, testing=("Market",)),
        code("""
            from datetime import UTC, datetime, timedelta

            START = datetime(2026, 1, 1, 6, tzinfo=UTC)
            market = None
            if fake is not None:  # market mode, and a temporary folder for watchlist and history
                fake.stop()
                market = Market(START, seed=3)
                fake = FakeNumista(market=market).start()
                DATA = tempfile.mkdtemp(prefix="numista-notebook-data-")
                nf.configure(api_url=fake.url, api_key=fake.api_key, data_dir=DATA)
            print(f"watchlist in {nf.get_settings().watchlist_path}")
            """),
        md("""
            ## 1. Watch: `nf.watch` spends nothing

            Types are watched with all their issues; their issue lists are read by the next
            `track` run, inside its budget. (`issue_ids=` watches single issues,
            `collection=True` your whole collection, followed as it grows.)
            """),
        code("""
            TYPES = [1337, 1390, 1442, 1571, 1596, 1612, 1623, 1671, 1684, 1772, 1813, 1874]
            watched = nf.watch(TYPES)
            print(len(watched), "prices watched so far;", len(watched.attrs["pending_types"]),
                  "types whose issue lists the next run reads")
            """),
        md("""
            ## 2. A plan first: `dry_run=True`

            The plan says what a run would check, why, and at what cost. Only the issue lists are
            fetched (and counted, one request per type); every issue is then due for a first
            check, and the rest of the budget pays for as many.
            """),
        code("""
            plan = nf.track(budget=30, now=START, dry_run=True)
            print(plan)
            plan.plan.head()
            """),
        md("""
            ## 3. One run a day

            `now=` is the run's clock: every decision uses it and every observation is stamped
            with it. Here 120 simulated days at 8 requests a day; with a real key, one run
            (today's share of the month: the remaining quota less a reserve of 200, spread over
            the days left). No run ever spends more than its budget, every request included.
            """),
        code("""
            reports = []
            if market is not None:
                for day in range(120):
                    now = START + timedelta(days=day)
                    market.set_time(now)
                    reports.append(nf.track(budget=8, now=now, progress=False))
            else:
                reports.append(nf.track())
            runs = pd.DataFrame({"now": [r.now for r in reports], "spent": [r.spent for r in reports],
                                 "checked": [r.checked for r in reports],
                                 "moved": [len(r.changes) for r in reports]})
            print(f"{runs['spent'].sum()} requests in {len(runs)} runs, at most "
                  f"{runs['spent'].max()} in one; {runs['moved'].sum()} grade moves seen")
            reports[-1]
            """),
        md("""
            ## 4. What it learned: `nf.watchlist`

            One row per watched price: its weight (the price level by default), checks, changes
            seen, the estimated change rate per day and when it is next due. In market mode the
            true rates are known, so the estimates can be compared with them.
            """),
        code("""
            watched = nf.watchlist(now=reports[-1].now)
            if market is not None:
                watched["true_rate"] = watched["issue_id"].map(lambda i: market.rate(int(i)))
                print(watched.groupby("true_rate")[["checks", "changes", "rate"]].mean().round(3))
            OUT.mkdir(exist_ok=True)
            watched.to_csv(OUT / "watchlist.csv", index=False)
            watched[["type_id", "issue_id", "price", "weight", "checks", "changes", "rate",
                     "next_due"]].head()
            """),
        code("""
            fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
            ax.scatter(watched["price"], watched["checks"], c=watched["rate"], cmap="viridis", s=30)
            ax.set(xscale="log", xlabel="price level (EUR, log scale)", ylabel="checks in the period",
                   title="Checks go to valuable prices that move")
            ax.figure.colorbar(ax.collections[0], ax=ax, label="estimated changes per day")
            caption = fig.text(0.99, 0.01, "Source: Numista", ha="right", fontsize=8, color="0.4")
            """),
        md("""
            ## 5. The history it built

            `nf.price_history_df` shows each observation at the `now` of the run that fetched it.
            The most moved issue:
            """),
        code("""
            history = nf.price_history_df(TYPES)
            busiest = watched.sort_values(["changes", "price"], ascending=False).iloc[0]
            ax = nf.plot_price_history(history, type_id=int(busiest["type_id"]),
                                       issue_id=int(busiest["issue_id"]))
            history.groupby("issue_id")["observed_at"].nunique().describe()
            """),
        md("""
            A second dry run now spends nothing: the issue lists are known.
            """),
        code("""
            again = nf.track(budget=8, now=reports[-1].now + timedelta(days=1), dry_run=True)
            print(f"a dry run now spends {again.spent} requests; it would check {len(again.plan)}")
            if market is not None:
                shutil.rmtree(DATA, ignore_errors=True)
            """),
        *teardown_cells(),
    ]


NOTEBOOKS: dict[str, Callable[[], list[NotebookNode]]] = {
    "01-quickstart.ipynb": quickstart,
    "02-prices-and-history.ipynb": prices_and_history,
    "03-collection.ipynb": collection,
    "04-tracking.ipynb": tracking,
}


def build() -> dict[str, NotebookNode]:
    """Every notebook, by file name, as this script defines it."""
    return {name: notebook(name, cells()) for name, cells in NOTEBOOKS.items()}


def render(nb: NotebookNode) -> str:
    """The exact text stored for ``nb`` (what ``nbformat.write`` produces)."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="report notebooks that differ from what this script builds; write nothing")
    args = parser.parse_args(argv)
    stale = []
    for name, nb in build().items():
        nbformat.validate(nb)
        path = HERE / name
        text = render(nb)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8", newline="\n")
    verb = "out of date" if args.check else "written"
    print(f"{verb}: {', '.join(stale)}" if stale else "all notebooks up to date")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())

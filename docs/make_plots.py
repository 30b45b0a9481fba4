"""Draw the four example charts of docs/img/ from the sample catalogue (offline, no key needed).

Run ``python docs/make_plots.py``; the PNGs are rewritten in place. The price history is the
sample's SYNTHETIC one (``numista_frames.testing.sample_price_history``): Numista keeps none.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from numista_frames.analysis.collection import collection_stats, collection_value
from numista_frames.frames.normalize import (
    PriceRecord,
    normalize_collected_items,
    normalize_price_history,
    normalize_prices,
)
from numista_frames.plotting.prices import (
    plot_collection,
    plot_price_history,
    plot_prices,
    plot_value,
)
from numista_frames.testing import load_sample_catalogue, sample_price_history
from numista_frames.testing.collection import UserStore

OUT = Path(__file__).resolve().parent / "img"
PRICES_TYPE = 1031  # 1 Cent "Lincoln Wheat Ears Cent": many issues over fifty years
USER_ID = 1
FETCHED_AT = "2026-01-15T12:00:00Z"
DPI = 150


def prices_frame(type_ids: list[int]) -> pd.DataFrame:
    """The ``prices`` frame of some types, from the sample catalogue."""
    cat = load_sample_catalogue()
    records = [PriceRecord(t, issue["id"], cat.get_prices(t, issue["id"]), issue)
               for t in type_ids for issue in cat.get_issues(t)]
    return normalize_prices(records, fetched_at=FETCHED_AT)


def synthetic_history() -> pd.DataFrame:
    """The last year of the sample's SYNTHETIC price history, for its first type and issue."""
    history = normalize_price_history(sample_price_history().to_dict("records"))
    first = history.iloc[0]
    one = history[(history["type_id"] == first["type_id"]) & (history["issue_id"] == first["issue_id"])]
    return one[one["observed_at"] >= one["observed_at"].max() - pd.DateOffset(years=1)]


def collection_items() -> pd.DataFrame:
    """The collection of the sample user, as ``nf.collection_df()`` would return it."""
    store = UserStore(load_sample_catalogue())
    return normalize_collected_items(store.list_items(USER_ID, {}), user_id=USER_ID)


def save(ax: Axes, name: str) -> Path:
    path = OUT / name
    fig = ax.get_figure(root=True)
    assert fig is not None
    fig.savefig(path, dpi=DPI)
    return path


def main() -> int:
    OUT.mkdir(exist_ok=True)
    items = collection_items()
    typed = sorted({int(t) for t in items["type_id"].dropna()})
    value = collection_value(items, prices_frame(typed))
    written = [
        save(plot_prices(prices_frame([PRICES_TYPE]), type_id=PRICES_TYPE), "plot_prices.png"),
        save(_history_with_note(synthetic_history()), "plot_price_history.png"),
        save(plot_collection(collection_stats(items), by="issuer"), "plot_collection.png"),
        save(plot_value(value, by="issuer"), "plot_value.png"),
    ]
    plt.close("all")
    print("\n".join(str(p) for p in written))
    return 0


def _history_with_note(history: pd.DataFrame) -> Axes:
    ax = plot_price_history(history)
    ax.set_title(ax.get_title() + "\nSYNTHETIC sample history (numista_frames.testing), not real prices",
                 fontsize=12)
    return ax


if __name__ == "__main__":
    sys.exit(main())

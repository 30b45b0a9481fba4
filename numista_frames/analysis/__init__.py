"""Answers from frames: collection statistics, valuation, completion, price summaries (pure)."""

from numista_frames.analysis.collection import (
    CollectionStats,
    CollectionValue,
    collection_completion,
    collection_stats,
    collection_value,
    price_changes,
    price_summary,
    rarity,
)
from numista_frames.analysis.indices import price_index

__all__ = [
    "CollectionStats",
    "CollectionValue",
    "collection_completion",
    "collection_stats",
    "collection_value",
    "price_changes",
    "price_index",
    "price_summary",
    "rarity",
]

"""numista_frames: the Numista API v3 as typed pandas DataFrames, cached and quota-aware.

Source: Numista (https://en.numista.com). Show "Source: Numista" and the N# (type id) with
any data or chart made from it.
"""

from numista_frames.accessor import NumistaAccessor
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
from numista_frames.exceptions import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    MalformedResponseError,
    NotFoundError,
    NumistaError,
    OfflineError,
    PartialResultWarning,
    QuotaExceededError,
    RateLimitError,
    RecoveredStoreWarning,
    ServerError,
    TransportError,
)
from numista_frames.http.client import Client
from numista_frames.http.ledger import QuotaStatus
from numista_frames.loaders import aio
from numista_frames.loaders.cache_admin import cache_info, clear_cache, warm_cache
from numista_frames.loaders.catalogue import (
    issue_parts_df,
    issues_df,
    prices_df,
    quota,
    search_df,
    type_parts_df,
    types_df,
)
from numista_frames.loaders.images import image_search_df
from numista_frames.loaders.reference import catalogues_df, issuers_df, mints_df, publications_df
from numista_frames.loaders.user import collection_df, collections_df, user_df
from numista_frames.loaders.writes import add_collected_items, delete_collected_item, update_collected_item
from numista_frames.plotting.prices import plot_collection, plot_price_history, plot_prices, plot_value
from numista_frames.settings import Settings, configure, get_settings, reset_configuration
from numista_frames.store.export import read_parquet, to_parquet
from numista_frames.store.history import export_price_history, import_price_history, price_history_df

__version__ = "0.1.0"

__all__ = [
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "CollectionStats",
    "CollectionValue",
    "ConfigurationError",
    "MalformedResponseError",
    "NotFoundError",
    "NumistaAccessor",
    "NumistaError",
    "OfflineError",
    "PartialResultWarning",
    "QuotaExceededError",
    "QuotaStatus",
    "RateLimitError",
    "RecoveredStoreWarning",
    "ServerError",
    "Settings",
    "TransportError",
    "__version__",
    "add_collected_items",
    "aio",
    "cache_info",
    "catalogues_df",
    "clear_cache",
    "collection_completion",
    "collection_df",
    "collection_stats",
    "collection_value",
    "collections_df",
    "configure",
    "delete_collected_item",
    "export_price_history",
    "get_settings",
    "image_search_df",
    "import_price_history",
    "issue_parts_df",
    "issuers_df",
    "issues_df",
    "mints_df",
    "plot_collection",
    "plot_price_history",
    "plot_prices",
    "plot_value",
    "price_changes",
    "price_history_df",
    "price_summary",
    "prices_df",
    "publications_df",
    "quota",
    "rarity",
    "read_parquet",
    "reset_configuration",
    "search_df",
    "to_parquet",
    "type_parts_df",
    "types_df",
    "update_collected_item",
    "user_df",
    "warm_cache",
]

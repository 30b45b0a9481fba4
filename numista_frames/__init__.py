"""numista_frames: the Numista API v3 as typed pandas DataFrames, cached and quota-aware.

Source: Numista (https://en.numista.com). Show "Source: Numista" and the N# (type id) with
any data or chart made from it.
"""

from . import aio
from .accessor import NumistaAccessor
from .analysis import (
    CollectionStats,
    CollectionValue,
    collection_completion,
    collection_stats,
    collection_value,
    price_changes,
    price_summary,
    rarity,
)
from .api import issue_parts_df, issues_df, prices_df, quota, search_df, type_parts_df, types_df
from .api_lists import (
    catalogues_df,
    collection_df,
    collections_df,
    issuers_df,
    mints_df,
    publications_df,
    user_df,
)
from .caches import cache_info, clear_cache, warm_cache
from .client import Client
from .config import Settings, configure, get_settings, reset_configuration
from .exceptions import (
    APIError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    NotFoundError,
    NumistaError,
    OfflineError,
    PartialResultWarning,
    QuotaExceededError,
    RateLimitError,
    ServerError,
    TransportError,
)
from .export import read_parquet, to_parquet
from .history import export_price_history, import_price_history, price_history_df
from .images import image_search_df
from .ledger import QuotaStatus
from .plotting import plot_collection, plot_price_history, plot_prices, plot_value
from .writes import add_collected_items, delete_collected_item, update_collected_item

__version__ = "0.1.0"

__all__ = [
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "CollectionStats",
    "CollectionValue",
    "ConfigurationError",
    "NotFoundError",
    "NumistaAccessor",
    "NumistaError",
    "OfflineError",
    "PartialResultWarning",
    "QuotaExceededError",
    "QuotaStatus",
    "RateLimitError",
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

"""numista_frames: the Numista API v3 as typed pandas DataFrames, cached and quota-aware.

Source: Numista (https://en.numista.com). Show "Source: Numista" and the N# (type id) with
any data or chart made from it.

Importing is quick: the errors and the settings are loaded now, every other public name on
first use (a module ``__getattr__``), and the ``df.nf`` accessor is registered as soon as pandas
is imported (at once if it already is), so that ``import numista_frames`` and
``numista-frames --help`` pay for neither pandas, nor the HTTP stack, nor matplotlib.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

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
from numista_frames.settings import (
    Settings,
    configure,
    get_settings,
    reset_configuration,
)

if TYPE_CHECKING:  # the real imports, for type checkers and IDEs
    from numista_frames.accessor import NumistaAccessor
    from numista_frames.analysis.collection import (
        CollectionStats,
        collection_completion,
        collection_stats,
        price_changes,
    )
    from numista_frames.analysis.indices import price_index
    from numista_frames.analysis.value import (
        CollectionValue,
        collection_value,
        price_summary,
        rarity,
    )
    from numista_frames.frames.failures import failures
    from numista_frames.http.client import (
        Client,
    )
    from numista_frames.http.ledger import (
        QuotaStatus,
    )
    from numista_frames.loaders import aio
    from numista_frames.loaders.cache_admin import (
        cache_info,
        clear_cache,
        warm_cache,
    )
    from numista_frames.loaders.catalogue import (
        issue_parts_df,
        issues_df,
        prices_df,
        quota,
        type_parts_df,
        types_df,
    )
    from numista_frames.loaders.images import (
        image_search_df,
    )
    from numista_frames.loaders.reference import (
        catalogues_df,
        issuers_df,
        mints_df,
        publications_df,
    )
    from numista_frames.loaders.search import search_df
    from numista_frames.loaders.tracking import (
        TrackReport,
        track,
        unwatch,
        watch,
        watchlist,
    )
    from numista_frames.loaders.user import (
        collection_df,
        collections_df,
        user_df,
    )
    from numista_frames.loaders.writes import (
        add_collected_items,
        delete_collected_item,
        update_collected_item,
    )
    from numista_frames.plotting.bars import (
        plot_collection,
        plot_value,
    )
    from numista_frames.plotting.prices import (
        plot_price_history,
        plot_prices,
    )
    from numista_frames.store.export import (
        read_parquet,
        to_parquet,
    )
    from numista_frames.store.history import (
        export_price_history,
        import_price_history,
        price_history_df,
    )

__version__ = "0.1.0"

#: Where each lazily loaded public name lives.
_LAZY: dict[str, str] = {
    "failures": "numista_frames.frames.failures",
    "NumistaAccessor": "numista_frames.accessor",
    "CollectionStats": "numista_frames.analysis.collection",
    "collection_completion": "numista_frames.analysis.collection",
    "collection_stats": "numista_frames.analysis.collection",
    "price_changes": "numista_frames.analysis.collection",
    "price_index": "numista_frames.analysis.indices",
    "CollectionValue": "numista_frames.analysis.value",
    "collection_value": "numista_frames.analysis.value",
    "price_summary": "numista_frames.analysis.value",
    "rarity": "numista_frames.analysis.value",
    "Client": "numista_frames.http.client",
    "QuotaStatus": "numista_frames.http.ledger",
    "aio": "numista_frames.loaders.aio",
    "cache_info": "numista_frames.loaders.cache_admin",
    "clear_cache": "numista_frames.loaders.cache_admin",
    "warm_cache": "numista_frames.loaders.cache_admin",
    "issue_parts_df": "numista_frames.loaders.catalogue",
    "issues_df": "numista_frames.loaders.catalogue",
    "prices_df": "numista_frames.loaders.catalogue",
    "quota": "numista_frames.loaders.catalogue",
    "search_df": "numista_frames.loaders.search",
    "type_parts_df": "numista_frames.loaders.catalogue",
    "types_df": "numista_frames.loaders.catalogue",
    "image_search_df": "numista_frames.loaders.images",
    "catalogues_df": "numista_frames.loaders.reference",
    "issuers_df": "numista_frames.loaders.reference",
    "mints_df": "numista_frames.loaders.reference",
    "publications_df": "numista_frames.loaders.reference",
    "TrackReport": "numista_frames.loaders.tracking",
    "track": "numista_frames.loaders.tracking",
    "unwatch": "numista_frames.loaders.tracking",
    "watch": "numista_frames.loaders.tracking",
    "watchlist": "numista_frames.loaders.tracking",
    "collection_df": "numista_frames.loaders.user",
    "collections_df": "numista_frames.loaders.user",
    "user_df": "numista_frames.loaders.user",
    "add_collected_items": "numista_frames.loaders.writes",
    "delete_collected_item": "numista_frames.loaders.writes",
    "update_collected_item": "numista_frames.loaders.writes",
    "plot_collection": "numista_frames.plotting.bars",
    "plot_value": "numista_frames.plotting.bars",
    "plot_price_history": "numista_frames.plotting.prices",
    "plot_prices": "numista_frames.plotting.prices",
    "read_parquet": "numista_frames.store.export",
    "to_parquet": "numista_frames.store.export",
    "export_price_history": "numista_frames.store.history",
    "import_price_history": "numista_frames.store.history",
    "price_history_df": "numista_frames.store.history",
}


def __getattr__(name: str) -> Any:
    """Load a public name on first use and keep it (PEP 562)."""
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'numista_frames' has no attribute {name!r}")
    module = importlib.import_module(module_name)
    value = getattr(module, name, module)  # ``aio`` is a module of its own
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


class _AfterPandas(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Registers the ``df.nf`` accessor right after pandas is imported, whoever imports it."""

    def find_spec(self, name: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if name != "pandas":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        self._loader = spec.loader
        spec.loader = self
        return spec

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        importlib.import_module("numista_frames.accessor")


if "pandas" in sys.modules:
    importlib.import_module("numista_frames.accessor")
elif not any(isinstance(finder, _AfterPandas) for finder in sys.meta_path):
    sys.meta_path.insert(0, _AfterPandas())

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
    "TrackReport",
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
    "failures",
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
    "price_index",
    "price_summary",
    "prices_df",
    "publications_df",
    "quota",
    "rarity",
    "read_parquet",
    "reset_configuration",
    "search_df",
    "to_parquet",
    "track",
    "type_parts_df",
    "types_df",
    "unwatch",
    "update_collected_item",
    "user_df",
    "warm_cache",
    "watch",
    "watchlist",
]

"""numista_frames: the Numista API v3 as typed pandas DataFrames, cached and quota-aware.

Source: Numista (https://en.numista.com). Show "Source: Numista" and the N# (type id) with
any data or chart made from it.
"""

from .api import quota
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
    QuotaExceededError,
    RateLimitError,
    ServerError,
    TransportError,
)
from .ledger import QuotaStatus

__version__ = "0.1.0"

__all__ = [
    "APIError",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConfigurationError",
    "NotFoundError",
    "NumistaError",
    "OfflineError",
    "QuotaExceededError",
    "QuotaStatus",
    "RateLimitError",
    "ServerError",
    "Settings",
    "TransportError",
    "__version__",
    "configure",
    "get_settings",
    "quota",
    "reset_configuration",
]

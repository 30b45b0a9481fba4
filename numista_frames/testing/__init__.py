"""A fake Numista API v3 on loopback, serving a synthetic sample catalogue, for offline work."""

from numista_frames.testing.catalogue import SampleCatalogue, load_sample_catalogue
from numista_frames.testing.faults import FAULT_KINDS
from numista_frames.testing.history import sample_price_history
from numista_frames.testing.market import Market, PriceChange
from numista_frames.testing.server import (
    DEFAULT_API_KEY,
    DEFAULT_USER_ID,
    FakeNumista,
    LoggedRequest,
    serve_forever,
)
from numista_frames.testing.vocabulary import ApiError

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_USER_ID",
    "FAULT_KINDS",
    "ApiError",
    "FakeNumista",
    "LoggedRequest",
    "Market",
    "PriceChange",
    "SampleCatalogue",
    "load_sample_catalogue",
    "sample_price_history",
    "serve_forever",
]

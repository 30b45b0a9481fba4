"""numista_frames: the Numista API v3 as typed pandas DataFrames."""

__version__ = "0.1.0"

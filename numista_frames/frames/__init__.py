"""Schema tables and pure normalisers: decoded JSON in, typed DataFrames out (no I/O)."""

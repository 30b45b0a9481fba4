"""The seeded generator of the SYNTHETIC sample catalogue, split by concern into modules.

Run it with ``python data/make_sample_catalogue.py``; ``build_catalogue(seed)`` gives the catalogue
as a dict and ``encode(catalogue)`` the shipped gzip bytes. See data/README.md for the format.
"""

from .build import DEFAULT_OUT, DEFAULT_SEED, build_catalogue, encode, main

__all__ = ["DEFAULT_OUT", "DEFAULT_SEED", "build_catalogue", "encode", "main"]

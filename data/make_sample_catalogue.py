#!/usr/bin/env python3
"""Generate the SYNTHETIC sample catalogue shipped with ``numista_frames.testing``.

    python data/make_sample_catalogue.py [--seed N] [--out PATH] [--check]

The generator is the ``sample_catalogue`` package next to this script (data/sample_catalogue/);
this entry point only makes that package importable, from any working directory, and runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, data/ is already sys.path[0]; loaded any other way (runpy, importlib), it is not.
DATA = str(Path(__file__).resolve().parent)
if DATA not in sys.path:
    sys.path.insert(0, DATA)

from sample_catalogue.build import build_catalogue, encode, main  # noqa: E402

__all__ = ["build_catalogue", "encode", "main"]

if __name__ == "__main__":
    sys.exit(main())

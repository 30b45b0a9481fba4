"""The ``numista-frames`` command line and the demo."""

from numista_frames.cli.app import main

__all__ = ["main"]

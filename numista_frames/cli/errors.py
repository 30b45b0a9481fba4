"""The command line's own error: a command that cannot go on (one line on stderr, exit status 1)."""

from __future__ import annotations

__all__ = ["CommandError"]


class CommandError(Exception):
    """A command cannot go on (nothing to plot, over its request budget): one line, exit status 1."""

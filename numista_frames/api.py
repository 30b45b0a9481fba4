"""The public functions of numista_frames that work on the process-wide default client."""

from __future__ import annotations

from .client import default_client
from .ledger import QuotaStatus

__all__ = ["quota"]


def quota() -> QuotaStatus:
    """Requests spent this UTC calendar month by the configured key, as the local ledger saw them.

    Every request that really went to the network is in the ledger (cache hits never are);
    requests made from other machines with the same key are not.

    Returns
    -------
    QuotaStatus
        ``used``, ``limit``, ``remaining``, ``month`` and ``resets_at``; ``str()`` of it
        reads well.
    """
    return default_client().quota()

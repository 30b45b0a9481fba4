"""Hints for the API's 400s on parameters it knows: what the value should look like, and the
closest valid one when the list is already cached (looked up without spending a request)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from numista_frames.exceptions import BadRequestError, OfflineError
from numista_frames.http.client import Client

__all__ = ["with_hint"]


def _issuer_codes(client: Client) -> list[str]:
    try:
        body = client.get_issuers(cache_only=True)
    except (OfflineError, BadRequestError):
        return []
    return [str(i["code"]) for i in body.get("issuers", []) if isinstance(i, dict) and i.get("code")]


def with_hint(error: BadRequestError, params: Mapping[str, Any], client: Client) -> BadRequestError:
    """The same error with a hint when it names the ``issuer`` parameter; else ``error`` itself.

    Issuer codes are Numista's lowercase codes (``"canada"``, ``"etats-unis"``), not names.
    """
    issuer = params.get("issuer")
    if issuer is None or "issuer" not in str(error.message or "").lower():
        return error
    hint = ("issuer takes Numista's lowercase issuer codes such as \"canada\" or "
            "\"etats-unis\", not names; nf.issuers_df() lists them")
    codes = _issuer_codes(client)
    close = difflib.get_close_matches(str(issuer).lower(), codes, n=3, cutoff=0.6)
    if close:
        hint += f"; closest to {issuer!r}: {', '.join(close)}"
    return BadRequestError(error.status_code, error.url, error.message, hint=hint)

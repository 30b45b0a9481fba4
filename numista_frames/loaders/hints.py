"""Hints for the API's 400s on parameters it knows: what the value should look like, and the
closest valid one when a list of them is known (looked up without spending a request)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any

from numista_frames.checks import CATEGORIES
from numista_frames.exceptions import BadRequestError, OfflineError
from numista_frames.http.client import Client
from numista_frames.settings import LANGS

__all__ = ["hint_for", "with_hint"]


def _issuer_codes(client: Client) -> list[str]:
    try:
        body = client.get_issuers(cache_only=True)
    except (OfflineError, BadRequestError):
        return []
    return [str(i["code"]) for i in body.get("issuers", []) if isinstance(i, dict) and i.get("code")]


def _issuer(value: Any, client: Client) -> str:
    hint = ("issuer takes Numista's lowercase issuer codes such as \"canada\" or "
            "\"etats-unis\", not names; nf.issuers_df() lists them")
    close = difflib.get_close_matches(str(value).lower(), _issuer_codes(client), n=3, cutoff=0.6)
    return hint + (f"; closest to {value!r}: {', '.join(close)}" if close else "")


def _currency(value: Any, client: Client) -> str:
    return (f"{value!r} is an ISO 4217 code, but Numista does not give prices in it: try EUR, USD "
            "or GBP (set a default with nf.configure(currency=...))")


def _category(value: Any, client: Client) -> str:
    return f"category is one of {', '.join(CATEGORIES)}"


def _lang(value: Any, client: Client) -> str:
    return f"lang is one of {', '.join(LANGS)} (the languages of Numista's API)"


#: What to say when the API refuses a parameter, by the parameter's name.
HINTS: dict[str, Callable[[Any, Client], str]] = {
    "issuer": _issuer, "currency": _currency, "category": _category, "lang": _lang}


def hint_for(error: BadRequestError, params: Mapping[str, Any], client: Client) -> str | None:
    """The hint for a 400 whose message names a parameter that was sent, else None."""
    message = str(error.message or "").lower()
    for name, hint in HINTS.items():
        value = params.get(name)
        if value is not None and re.search(rf"\b{name}\b", message):
            return hint(value, client)
    return None


def with_hint(error: BadRequestError, params: Mapping[str, Any], client: Client) -> BadRequestError:
    """The same error with a hint when it names a parameter of :data:`HINTS`; else ``error``.

    Issuer codes are Numista's lowercase codes (``"canada"``, ``"etats-unis"``), not names.
    """
    hint = hint_for(error, params, client)
    if hint is None:
        return error
    return BadRequestError(error.status_code, error.url, error.message, hint=hint)

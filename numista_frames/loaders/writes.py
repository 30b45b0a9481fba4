"""Changing a collection: bulk adds that are safe to run again, updates and deletes.

How a bulk add never creates a duplicate, even when it is rerun after a partial failure, a
timeout or a dropped connection:

1. Every row carries a client-side key in ``internal_id`` (Numista's free "internal id" field of
   an item). Rows that have one keep it; for the others it is derived from the row's content
   and its position among identical rows (``nf-<16 hex>``), so the same frame always gets the
   same keys.
2. Before posting, the current collection is read (one request, never from the cache) and rows
   whose key is already there are skipped (status ``exists``).
3. A POST is never retried blindly. When one fails in a way that leaves its fate unknown (a
   timeout, a dropped connection, a 5xx), the row is ``created`` if its key is there at the
   end, else ``unknown`` (rerun to settle it).
4. Every run ends with a reconciliation: the collection is read again, its items are grouped
   by key, and of the rows of this frame found more than once (a POST that landed after the
   client gave up, then was sent again by a rerun) the oldest copy is kept and the others are
   deleted; such a row is reported ``deduplicated``.

So rerunning the same frame adds exactly the rows that are still missing, and a copy that
arrives late is removed by the run after it (see docs/collections.md for the exact guarantee).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from typing import Any

import pandas as pd

from numista_frames import checks as v
from numista_frames.exceptions import APIError, TransportError
from numista_frames.http.batch import run_batch
from numista_frames.http.client import Client
from numista_frames.loaders.jobs import current_client, loader

__all__ = ["KEY_PREFIX", "add_collected_items", "delete_collected_item", "update_collected_item"]

logger = logging.getLogger(__name__)

KEY_PREFIX = "nf-"
_FIELDS = ("type", "issue", "quantity", "grade", "for_swap", "private_comment", "public_comment",
           "price", "collection", "storage_location", "acquisition_place", "acquisition_date",
           "serial_number", "internal_id", "weight", "size", "axis", "grading_details")
#: Frame columns accepted for POST fields, besides the fields' own names.
_ALIASES = {"type_id": "type", "issue_id": "issue", "collection_id": "collection"}
_UNKNOWN_FATE = (TransportError,)


def _bodies(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """POST bodies from the rows (NA cells left out; price_value/price_currency → price)."""
    columns = {c: _ALIASES.get(c, c) for c in frame.columns}
    unknown = sorted(set(columns.values()) - set(_FIELDS) - {"price_value", "price_currency"})
    if unknown:
        raise ValueError(f"unknown collected-item column(s) {unknown}; known: {sorted(_FIELDS)}")
    bodies = []
    for record in frame.rename(columns=columns).to_dict("records"):
        body = {str(k): _plain(val) for k, val in record.items() if not _missing(val)}
        if "price_value" in body:
            if "price_currency" not in body:
                raise ValueError("a row has price_value without price_currency: say which "
                                 "currency the price was paid in (currencies are never guessed)")
            body["price"] = {"value": body.pop("price_value"),
                             "currency": body.pop("price_currency")}
        body.pop("price_currency", None)
        bodies.append(v.item_body(body, require_type=True))
    return bodies


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, list | dict) and bool(pd.isna(value)))


def _plain(value: Any) -> Any:
    if hasattr(value, "item") and not isinstance(value, list | dict | str):
        value = value.item()  # numpy scalars
    if isinstance(value, float) and value.is_integer():
        return int(value)  # ids in a float column (a CSV with gaps reads that way)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def _with_keys(bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each body a stable ``internal_id`` unless it has one (see the module docstring)."""
    given = [str(b["internal_id"]) for b in bodies if b.get("internal_id")]
    repeated = sorted({k for k in given if given.count(k) > 1})
    if repeated:
        raise ValueError(f"internal_id must be unique in the frame; repeated: {repeated[:5]}")
    seen: dict[str, int] = {}
    out = []
    for body in bodies:
        if body.get("internal_id"):
            out.append(body)
            continue
        blob = json.dumps(body, sort_keys=True, default=str)
        occurrence = seen[blob] = seen.get(blob, -1) + 1
        digest = hashlib.sha256(f"{blob}\0{occurrence}".encode()).hexdigest()[:16]
        out.append({**body, "internal_id": f"{KEY_PREFIX}{digest}"})
    return out


def _existing(client: Client, user_id: int | None) -> tuple[int, dict[str, list[int]]]:
    """The user id and ``{internal_id: item ids, oldest first}`` of the collection as it is now."""
    body = client.get_collected_items(user_id, refresh=True)
    who = user_id if user_id is not None else client.get_token().user_id
    found: dict[str, list[int]] = {}
    for item in body.get("items", []):
        if item.get("internal_id"):
            found.setdefault(str(item["internal_id"]), []).append(int(item["id"]))
    return who, {key: sorted(ids) for key, ids in found.items()}


def _reconcile(client: Client, uid: int, keys: set[str]) -> tuple[dict[str, int], dict[str, str]]:
    """Read the collection; of each key of this frame held more than once keep the oldest item
    (lowest id) and delete the others. Returns ``{key: item id}`` and what was deleted per key."""
    _, present = _existing(client, uid)
    notes: dict[str, str] = {}
    for key in keys & present.keys():
        extra = present[key][1:]
        deleted = []
        for item_id in extra:
            try:
                client.delete_collected_item(item_id, user_id=uid)
                deleted.append(item_id)
            except APIError as exc:
                if exc.status_code != 404:  # 404: already gone (another run removed it)
                    logger.warning("could not delete duplicate item %s of %s: %s", item_id, key, exc)
        if deleted:
            notes[key] = f"deleted {len(deleted)} extra cop{'ies' if len(deleted) > 1 else 'y'} " \
                         f"(item ids {', '.join(map(str, deleted))}); kept the oldest"
    return {key: ids[0] for key, ids in present.items()}, notes


@loader
def add_collected_items(items: pd.DataFrame, *, user_id: int | str | None = None,
                        progress: bool | None = None,
                        client: Client | None = None) -> pd.DataFrame:
    """Add many items to a collection from a frame; safe to run again (no duplicates).

    Parameters
    ----------
    items : DataFrame
        One row per item; columns mirror the POST body: ``type`` (or ``type_id``, required),
        ``issue``/``issue_id``, ``quantity``, ``grade``, ``for_swap``, ``price_value`` +
        ``price_currency``, ``collection``/``collection_id``, ``acquisition_date``,
        ``internal_id``, comments ... NA cells are left out.
    user_id : int, optional
        Defaults to the key's user.
    progress : bool, optional
        Progress bar (by default with more than one row to post).

    Returns
    -------
    DataFrame
        One row per input row (same index): ``internal_id``, ``status``, ``item_id``, ``error``.
        ``created``; ``exists`` (already there: skipped); ``failed`` (refused: not created);
        ``unknown`` (the answer was lost and the item was not found on re-reading, but the
        server may still be storing it: rerun the same frame to settle it — never add it by
        hand). A row identical to one added by an earlier run is ``exists``: to add the same
        coin again, give the rows distinct ``internal_id`` values.

    Raises
    ------
    ValueError, TypeError
        For a bad row (unknown column, missing type, bad grade ...) before anything is sent.
    QuotaExceededError, AuthenticationError
        When the quota is spent or the key may not edit the collection; rows already posted
        stay posted and a rerun skips them.
    """
    if not isinstance(items, pd.DataFrame):
        raise TypeError("items must be a pandas DataFrame with one row per item (columns "
                        f"type_id, issue_id, grade ...); got {type(items).__name__}")
    bodies = _with_keys(_bodies(items))
    uid = None if user_id is None else v.positive_int(user_id, "user_id")
    if not bodies:
        return _report(items.index, [], {}, {}, {}, [], set(), {})
    client = current_client()
    uid, listed = _existing(client, uid)
    todo = [i for i, b in enumerate(bodies) if b["internal_id"] not in listed]
    result = run_batch(todo, lambda i: client.add_collected_item(bodies[i], user_id=uid),
                       workers=client.settings.max_concurrent, progress=progress,
                       desc="collected items")
    unsure = {i for i, exc in result.failures if isinstance(exc, _UNKNOWN_FATE) or
              (isinstance(exc, APIError) and exc.status_code >= 500)}
    present, notes = _reconcile(client, uid, {b["internal_id"] for b in bodies})
    return _report(items.index, bodies, present, result.results, dict(result.failures), todo,
                   unsure, notes)


def _report(index: pd.Index, bodies: list[dict[str, Any]], present: dict[str, int],
            created: Mapping[int, Any], failed: Mapping[int, BaseException],
            todo: list[int], unsure: set[int], notes: Mapping[str, str]) -> pd.DataFrame:
    rows: list[tuple[str, str, int | None, str | None]] = []
    for i, body in enumerate(bodies):
        key = body["internal_id"]
        if key in notes:
            rows.append((key, "deduplicated", present[key], notes[key]))
        elif i in created:
            rows.append((key, "created", int(created[i]["id"]), None))
        elif i not in todo and key in present:
            rows.append((key, "exists", present[key], None))
        elif key in present:  # the POST's answer was lost, but the item is there
            rows.append((key, "created", present[key], None))
        elif i in unsure:
            rows.append((key, "unknown", None, f"may have been created ({failed[i]}); rerun "
                         "add_collected_items with the same frame to settle it"))
        else:
            error = failed.get(i)
            rows.append((key, "failed", None, None if error is None else str(error)))
    return pd.DataFrame({
        "internal_id": pd.array([r[0] for r in rows], dtype="string"),
        "status": pd.Categorical([r[1] for r in rows],
                                 categories=["created", "exists", "deduplicated", "failed",
                                             "unknown"]),
        "item_id": pd.array([r[2] for r in rows], dtype="Int64"),
        "error": pd.array([r[3] for r in rows], dtype="string"),
    }, index=index)


@loader
def update_collected_item(item_id: int | str, *, user_id: int | str | None = None,
                          client: Client | None = None, **fields: Any) -> dict[str, Any]:
    """Change some fields of one item (only those given; ``issue``/``grade``/``price`` may be
    None to clear them).

    Returns
    -------
    dict
        The item as the API returns it.

    Raises
    ------
    ValueError, TypeError
        For an unknown field or a bad value, before anything is sent.
    NumistaError
        When the API refuses (404 for an unknown item ...).
    """
    return current_client().update_collected_item(item_id, fields, user_id=user_id)


@loader
def delete_collected_item(item_id: int | str, *, user_id: int | str | None = None,
                          client: Client | None = None) -> None:
    """Delete one item (the API answers 204).

    Raises
    ------
    NumistaError
        When the API refuses (404 for an unknown item ...).
    """
    current_client().delete_collected_item(item_id, user_id=user_id)


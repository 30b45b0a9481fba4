"""What real Numista bodies carry now and then, added to the fake's answers as they are served.

The shipped sample catalogue stays as it is; these variations are applied to the copies the fake
serves, chosen by a hash of the id, so one URL always gets the same body:

- ``reverse.unabridged_legend`` and ``edge.lettering_translation`` on some types;
- ``ruler[].nomisma_id`` on some rulers;
- ``mints[].id`` as a string on some types (one real capture shows it);
- search items without ``min_year``/``max_year``/``object_type``, or without thumbnails
  (real: 1-2 in 157);
- ``wikidata_id: null`` on issuers that have no Wikidata item (real issuer lists send the key).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["picked", "vary_issuers", "vary_search_items", "vary_type"]

JsonDict = dict[str, Any]

#: About one id in this many gets each variation.
EVERY = {"unabridged_legend": 6, "lettering_translation": 6, "nomisma_id": 3, "string_mint_ids": 8,
         "search_no_years": 70, "search_no_thumbnails": 70}


def picked(variation: str, ident: Any) -> bool:
    """Whether an id gets a variation: about one in ``EVERY[variation]``, the same every time.

    Examples
    --------
    >>> picked("nomisma_id", 2001) == picked("nomisma_id", 2001)
    True
    """
    digest = hashlib.sha256(f"{variation}:{ident}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % EVERY[variation] == 0


def _slug(name: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(name).lower()).strip("_") or "unknown"


def vary_type(body: JsonDict) -> JsonDict:
    """Add the variations of a full type (``GET /types/{id}``) to a served copy, in place."""
    type_id = body.get("id")
    reverse, edge = body.get("reverse"), body.get("edge")
    if isinstance(reverse, dict) and reverse.get("lettering") and picked("unabridged_legend", type_id):
        reverse.setdefault("unabridged_legend", " ".join(str(reverse["lettering"]).split()))
    if isinstance(edge, dict) and edge.get("lettering") and picked("lettering_translation", type_id):
        edge.setdefault("lettering_translation", f"Translation: {edge['lettering']}")
    for ruler in body.get("ruler") or []:
        if isinstance(ruler, dict) and picked("nomisma_id", ruler.get("id")):
            ruler.setdefault("nomisma_id", _slug(ruler.get("name")))
    if picked("string_mint_ids", type_id):
        for mint in body.get("mints") or []:
            if isinstance(mint, dict) and "id" in mint:
                mint["id"] = str(mint["id"])
    return body


def vary_search_items(items: Iterable[JsonDict]) -> list[JsonDict]:
    """Drop, as real search results sometimes do, years and object type, or thumbnails."""
    out = []
    for item in items:
        if picked("search_no_years", item.get("id")):
            for key in ("min_year", "max_year", "object_type"):
                item.pop(key, None)
        if picked("search_no_thumbnails", item.get("id")):
            item.pop("obverse_thumbnail", None)
            item.pop("reverse_thumbnail", None)
        out.append(item)
    return out


def vary_issuers(issuers: Iterable[JsonDict]) -> list[JsonDict]:
    """``wikidata_id: null`` where an issuer has none (real lists send the key as null)."""
    out = []
    for issuer in issuers:
        issuer.setdefault("wikidata_id", None)
        out.append(issuer)
    return out

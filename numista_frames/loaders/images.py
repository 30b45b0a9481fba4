"""Search the catalogue by picture (Numista's paid image search) into a frame."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from numista_frames import checks as v
from numista_frames.exceptions import AuthenticationError, PartialResultWarning
from numista_frames.frames import normalize as nz
from numista_frames.frames.schema import ATTRIBUTION
from numista_frames.http.batch import run_batch
from numista_frames.http.client import Client
from numista_frames.loaders.jobs import current_client, loader

__all__ = ["MAX_IMAGE_BYTES", "image_search_df"]

#: Pictures larger than this are refused before sending (photos of coins need far less).
MAX_IMAGE_BYTES = 10 * 1024 * 1024
_PAID = ("This API key may not use image search, a paid Numista feature: see "
         "https://en.numista.com/api/ for the plans that include it")

Query = tuple[Path, ...]


def _queries(paths: Any) -> list[Query]:
    """Each query is one picture or an (obverse, reverse) pair, checked before any request."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    queries = []
    for entry in paths:
        group = (entry,) if isinstance(entry, str | os.PathLike) else tuple(entry)
        if not 1 <= len(group) <= 2:
            raise ValueError("each query is one picture or an (obverse, reverse) pair")
        queries.append(tuple(_checked(Path(p)) for p in group))
    if not queries:
        raise ValueError("image_search_df needs at least one picture")
    return queries


def _checked(path: Path) -> Path:
    if not path.is_file():
        raise ValueError(f"{path} is not a file")
    size = path.stat().st_size
    if not 0 < size <= MAX_IMAGE_BYTES:
        raise ValueError(f"{path} is {size:,} bytes; pictures must be 1 byte to "
                         f"{MAX_IMAGE_BYTES // 2**20} MB")
    with path.open("rb") as handle:
        head = handle.read(16)
    try:
        v.image_mime(head, 0)  # JPEG or PNG, by content, not by name
    except ValueError:
        raise ValueError(f"{path} is neither a JPEG nor a PNG image (by its content)") from None
    return path


@loader
def image_search_df(paths: Any, *, category: str | None = None, max_results: int = 10,
                    lang: str | None = None, progress: bool | None = None,
                    client: Client | None = None) -> pd.DataFrame:
    """Types that look like your pictures: one row per (picture, match), closest first.

    Each query costs one request and is never cached (pictures are sent in the request).

    Parameters
    ----------
    paths : path, or sequence of paths or (obverse, reverse) pairs
        JPEG or PNG files, checked (type by content, size) before anything is sent.
    category : {"coin", "banknote", "exonumia"}, optional
    max_results : int, optional
        Matches per query, 1 to 100 (default 10).
    lang : {"en", "es", "fr"}, optional
    progress : bool, optional
        Progress bar (by default with more than one query).

    Returns
    -------
    DataFrame
        ``image`` (the file, or "obverse + reverse"), then the ``search`` columns: id (N#),
        title, category, issuer, years, ``similarity_distance`` (0..1, lower is closer).

    Raises
    ------
    ValueError, TypeError
        For a missing, empty, too large or non-JPEG/PNG file, or bad options, before any
        request is spent.
    AuthenticationError
        403: the key lacks Numista's paid image-search feature (the message says so).
    """
    queries = _queries(paths)
    cat = v.check_category(category)
    limit = v.bounded(max_results, "max_results", 1, 100)
    client = current_client()
    lang_ = client.resolve_lang(lang)

    def search(query: Query) -> dict[str, Any]:
        images = [p.read_bytes() for p in query]
        try:
            return client.search_by_image(images, category=cat, max_results=limit, lang=lang_)
        except AuthenticationError as exc:
            if exc.status_code == 403:
                raise AuthenticationError(403, exc.url, exc.message, hint=_PAID) from None
            raise

    with client.track() as records:
        got = run_batch(queries, search, workers=client.settings.max_concurrent,
                        progress=progress, desc="image searches")
    return _frame(queries, got.results, got.failures, len(records), lang_)


def _frame(queries: Sequence[Query], results: dict[Query, Any],
           failures: list[tuple[Query, BaseException]], spent: int, lang_: str) -> pd.DataFrame:
    parts = []
    for query in queries:
        if query in results:
            part = nz.normalize_search(results[query].get("types") or [], lang=lang_)
            part.insert(0, "image", pd.Series([" + ".join(map(str, query))] * len(part),
                                              dtype="string", index=part.index))
            parts.append(part.sort_values("similarity_distance", kind="stable"))
    frame = (pd.concat(parts, ignore_index=True) if parts else
             nz.normalize_search([]).assign(image=pd.array([], dtype="string")))
    frame = frame[["image", *[c for c in frame.columns if c != "image"]]]
    frame.attrs.update(source="Numista", attribution=ATTRIBUTION, kind="image_search",
                       endpoint="POST /search_by_image", requests_spent=spent, from_cache=False)
    if failures:
        import warnings

        from numista_frames.http.batch import failure_records, user_stack_level

        frame.attrs["failures"] = failure_records([(" + ".join(map(str, q)), e) for q, e in failures])
        warnings.warn(f"{len(failures)} of {len(queries)} image searches failed; see "
                      "df.attrs['failures']", PartialResultWarning, stacklevel=user_stack_level())
    return frame

"""The failed ids of a partial frame, as a frame (pure)."""

from __future__ import annotations

import pandas as pd

__all__ = ["failures"]


def failures(df: pd.DataFrame) -> pd.DataFrame:
    """The ids a loader could not fetch for this frame: one row per id, with the error.

    A loader that loses some ids (404, or a 5xx after the retries) returns the rest and keeps
    plain records of the others in ``df.attrs["failures"]``; this shows them as a frame.

    Parameters
    ----------
    df : DataFrame
        A frame returned by a loader (or read back with :func:`numista_frames.read_parquet`).

    Returns
    -------
    DataFrame
        Columns ``id`` (``"1031"``, or ``"1031/5678"`` for a type and an issue), ``error`` (the
        exception's class) and ``message``; no rows when nothing failed.

    Examples
    --------
    >>> frame = pd.DataFrame({"id": [1]})
    >>> frame.attrs["failures"] = ({"id": "9", "error": "NotFoundError", "message": "404"},)
    >>> failures(frame)["error"].tolist()
    ['NotFoundError']
    """
    records = list(df.attrs.get("failures") or ())
    columns = {"id": "string", "error": "string", "message": "string"}
    frame = pd.DataFrame.from_records(records, columns=list(columns)) if records else pd.DataFrame(
        {name: pd.Series(dtype=dtype) for name, dtype in columns.items()})
    return frame.astype(columns)

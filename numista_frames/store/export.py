"""Export frames as Parquet with provenance and attribution in the file's schema metadata."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from numista_frames.frames import schema
from numista_frames.frames.schema import ATTRIBUTION
from numista_frames.store.files import check_writable
from numista_frames.store.frame_cache import atomic_write_table, to_table

__all__ = ["read_parquet", "to_parquet"]


def export_attrs(attrs: dict[Any, Any]) -> dict[str, Any]:
    """``df.attrs`` made JSON-safe, with Numista's attribution always present.

    Examples
    --------
    >>> export_attrs({"failures": pd.DataFrame({"id": ["3"]})})["failures"]
    [{'id': '3'}]
    >>> export_attrs({})["attribution"]
    'Source: Numista (N# = type id)'
    """
    out = {str(k): (v.to_dict("records") if isinstance(v, pd.DataFrame) else v)
           for k, v in attrs.items()}
    out.setdefault("source", "Numista")
    out.setdefault("attribution", ATTRIBUTION)
    safe: dict[str, Any] = json.loads(json.dumps(out, default=str))
    return safe


def _table(df: pd.DataFrame, partition_cols: Sequence[str]) -> pa.Table:
    """The Arrow table to write, with JSON-safe attrs and a non-default index kept."""
    frame = df
    if partition_cols:
        frame = df.copy(deep=False)
        for col in partition_cols:
            # A Hive partition column comes back as a dictionary (categorical) column; pandas
            # cannot turn that into a nullable extension dtype, so plain values are written.
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return to_table(frame, attrs=export_attrs(df.attrs), preserve_index=None)


def to_parquet(df: pd.DataFrame, path: str | os.PathLike[str], *,
               partition_cols: Sequence[str] | None = None, overwrite: bool = False) -> Path:
    """Write a frame as Parquet that ``pd.read_parquet`` gives back identically.

    Dtypes, categories (grades keep their order), a non-default index and ``df.attrs``
    (provenance, and the attribution "Source: Numista (N# = type id)" that Numista's terms ask
    for) are kept in the schema metadata. One limit of Parquet: a frame with **zero rows** comes
    back with empty category lists; :func:`read_parquet` restores a loader frame's schema.

    Parameters
    ----------
    df : DataFrame
        Any frame, typically from a loader.
    path : str or path-like
        A file, or with ``partition_cols`` a folder.
    partition_cols : sequence of str, optional
        Write a Hive-partitioned dataset (``col=value/<uuid>-0.parquet``) that pyarrow.dataset,
        DuckDB, Dask or Spark read directly. Partition columns come back from
        ``pd.read_parquet`` as categoricals (the Hive convention).
    overwrite : bool
        Replace an existing file or dataset; without it, an existing target is an error. A
        folder that is not a Hive dataset is never replaced.

    Returns
    -------
    pathlib.Path
        What was written. A single file is written atomically; a dataset is written into a
        temporary folder and then moved into place.

    Raises
    ------
    FileExistsError
        When the target exists and ``overwrite`` is False.
    ValueError
        For a name ending in another format's extension (``.csv``, ``.json``, ``.xlsx`` ...),
        partition columns that are not in the frame, or a target folder that holds
        anything but a Hive dataset.
    """
    target = Path(path)
    _check_suffix(target)
    if partition_cols:
        missing = [c for c in partition_cols if c not in df.columns]
        if missing:
            raise ValueError(f"partition_cols {missing} are not columns of the frame")
    _check_target(target, dataset=bool(partition_cols), overwrite=overwrite)
    if not target.exists():
        check_writable(target)
    table = _table(df, partition_cols or ())
    if not partition_cols:
        atomic_write_table(table, target)
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        pq.write_to_dataset(table, staging, partition_cols=list(partition_cols))
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


#: Extensions of other formats, with the pandas method that writes each.
_OTHER_FORMATS = {".csv": "df.to_csv", ".tsv": "df.to_csv(sep='\\t')", ".txt": "df.to_csv",
                  ".json": "df.to_json", ".xlsx": "df.to_excel", ".xls": "df.to_excel",
                  ".feather": "df.to_feather", ".pkl": "df.to_pickle", ".pickle": "df.to_pickle"}


def _check_suffix(target: Path) -> None:
    """Refuse a name that promises another format: the file would be Parquet all the same."""
    writer = _OTHER_FORMATS.get(target.suffix.lower())
    if writer is not None:
        raise ValueError(f"to_parquet writes Parquet, but {str(target)!r} ends in "
                         f"{target.suffix}: name it '{target.stem}.parquet', or use {writer}() "
                         f"for {target.suffix.lstrip('.').upper()}")


def _check_target(target: Path, *, dataset: bool, overwrite: bool) -> None:
    if not target.exists():
        return
    if not overwrite:
        raise FileExistsError(f"{target} exists; pass overwrite=True to replace it")
    if dataset != target.is_dir():
        kind = "a folder" if target.is_dir() else "a file"
        raise ValueError(f"{target} is {kind}; choose another path")
    if dataset and not all(p.name.startswith(".") or "=" in p.name for p in target.iterdir()):
        raise ValueError(f"{target} holds files that are not part of a Hive dataset; it is not "
                         "replaced: choose another path")


def read_parquet(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a file written by :func:`to_parquet`, restoring a loader frame's exact schema.

    Same as ``pd.read_parquet`` except for frames with zero rows, whose categories Parquet
    cannot keep: for a loader frame (``attrs["kind"]``) the schema's dtypes are put back.
    """
    frame = pd.read_parquet(path)
    kind = str(frame.attrs.get("kind"))
    if frame.empty and kind in schema.TABLES:
        attrs = frame.attrs
        frame = frame.astype(schema.dtypes(kind))
        frame.attrs.update(attrs)
    return frame

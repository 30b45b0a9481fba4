"""On-disk frame stores: the Parquet frame cache and the append-only price-snapshot dataset."""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from numista_frames.frames import schema
from numista_frames.store.files import atomic_write
from numista_frames.store.housekeeping import open_folder, remove_stale_temps

__all__ = ["FrameCache", "FrameEntry", "PriceSnapshots", "atomic_write_table", "frame_key", "to_table"]

logger = logging.getLogger(__name__)

_META_KEY = b"numista_frames"
_ATTRS_KEY = b"PANDAS_ATTRS"


def frame_key(kind: str, params: Mapping[str, Any], *, api_url: str, schema_version: int) -> str:
    """A deterministic file stem for a loader call: kind + digest of everything that shapes it.

    Examples
    --------
    >>> a = frame_key("types", {"type_ids": [1, 2], "lang": "en"}, api_url="u", schema_version=1)
    >>> a == frame_key("types", {"lang": "en", "type_ids": [1, 2]}, api_url="u", schema_version=1)
    True
    >>> a.startswith("types-")
    True
    """
    blob = json.dumps({"kind": kind, "params": params, "api_url": api_url,
                       "schema_version": schema_version}, sort_keys=True, default=str)
    return f"{kind}-{hashlib.sha256(blob.encode()).hexdigest()[:24]}"


def atomic_write_table(table: pa.Table, path: Path, *, durable: bool = True,
                       statistics: bool = True) -> None:
    """Write a Parquet file so that readers see the old file or the whole new one, never a part.

    ``statistics=False`` leaves out the column statistics, which only serve readers that skip
    row groups (a dataset queried by value; not a cached frame, always read whole).
    See :func:`numista_frames.store.files.atomic_write`.
    """
    atomic_write(path, lambda temporary: pq.write_table(table, temporary,
                                                        write_statistics=statistics),
                 durable=durable)


def to_table(df: pd.DataFrame, extra: Mapping[str, Any] | None = None, *,
             attrs: Mapping[str, Any] | None = None, preserve_index: bool | None = False
             ) -> pa.Table:
    """An Arrow table of ``df`` carrying its attrs the way pandas reads them back.

    ``attrs`` (default ``df.attrs``) must be JSON-safe; ``extra`` goes under our own metadata
    key (cache bookkeeping, never shown as attrs).
    """
    frame = df.copy(deep=False)
    frame.attrs.clear()  # pyarrow would try to serialise attrs itself, and fail on a DataFrame
    shape = _shape_of(frame) if preserve_index is False else None
    table = None if shape is None else _known_shape(frame, shape)
    if table is None:
        table = pa.Table.from_pandas(frame, preserve_index=preserve_index)
        if shape is not None:
            if len(_SHAPES) >= _SHAPES_KEPT:
                _SHAPES.clear()
            _SHAPES[shape] = table.schema
    metadata = dict(table.schema.metadata or {})
    shown = dict(df.attrs) if attrs is None else dict(attrs)
    if shown:
        metadata[_ATTRS_KEY] = json.dumps(shown, default=str).encode()
    if extra:
        metadata[_META_KEY] = json.dumps(extra, default=str).encode()
    return table.replace_schema_metadata(metadata)


#: Arrow schemas (pandas metadata included) of frames converted before, by column names and
#: dtypes. ``Table.from_pandas`` spends most of its time per column working these out again
#: (about 6 ms for a 100-column frame of any length); with the schema known, the columns' own
#: Arrow arrays are taken as they are (a test holds both tables equal, metadata included).
_SHAPES: dict[tuple[Any, ...], pa.Schema] = {}
_SHAPES_KEPT = 256


def _shape_of(frame: pd.DataFrame) -> tuple[Any, ...] | None:
    """A frame's column names and dtypes, or None where Arrow types depend on the values (an
    object column) or the index would be stored."""
    if not isinstance(frame.index, pd.RangeIndex) or not frame.columns.is_unique:
        return None
    dtypes = tuple(frame.dtypes)
    if any(pd.api.types.is_object_dtype(dtype) for dtype in dtypes):
        return None
    names = tuple(frame.columns)
    if not all(isinstance(name, str) for name in names):
        return None
    return names, dtypes


def _known_shape(frame: pd.DataFrame, shape: tuple[Any, ...]) -> pa.Table | None:
    """The Arrow table of a frame of a shape (:func:`_shape_of`) converted before, or None."""
    schema = _SHAPES.get(shape)
    if schema is None:
        return None
    try:
        arrays = [_arrow_array(column, field.type)
                  for (_, column), field in zip(frame.items(), schema, strict=True)]
        return pa.Table.from_arrays(arrays, schema=schema)
    except (pa.ArrowException, TypeError, ValueError):
        return None


def _arrow_array(column: pd.Series, arrow_type: pa.DataType) -> pa.Array | pa.ChunkedArray:
    values = column.array
    if hasattr(values, "__arrow_array__"):
        return values.__arrow_array__(type=arrow_type)
    return pa.array(column, type=arrow_type, from_pandas=True)


@dataclass(frozen=True)
class FrameEntry:
    """One cached frame, as listed by :meth:`FrameCache.entries`."""

    kind: str
    key: str
    params: dict[str, Any]
    rows: int
    bytes: int
    fetched_at: datetime
    expires_at: datetime
    path: Path


class FrameCache:
    """Finished loader frames as Parquet files, one per call, with an expiry.

    Files are named ``<kind>-<digest>.parquet`` (see :func:`frame_key`) and written atomically.
    The folder is created on the first write.

    Parameters
    ----------
    root : pathlib.Path
        Folder of the files (``<cache_dir>/frames``).
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        """The file of a key."""
        return self.root / f"{key}.parquet"

    def get(self, key: str, *, now: datetime | None = None, max_age: timedelta | None = None,
            not_before: datetime | None = None) -> pd.DataFrame | None:
        """The frame stored under ``key`` if it is there and fresh, else None.

        Fresh means: before its stored expiry, younger than ``max_age`` (so a lowered expiry
        setting applies to frames stored earlier) and fetched after ``not_before``. A stale
        frame is deleted when found, so stale frames don't pile up on disk.
        """
        path = self.path(key)
        now = now or datetime.now(UTC)
        try:
            meta = _read_meta(path)
            if meta is None:
                return None
            if not _fresh(meta, now, max_age, not_before):
                path.unlink(missing_ok=True)
                return None
            return pd.read_parquet(path)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
            logger.warning("ignoring unreadable cached frame %s: %s", path.name, exc)
            return None

    def put(self, key: str, df: pd.DataFrame, *, kind: str, params: Mapping[str, Any],
            fetched_at: datetime, expires_at: datetime) -> Path:
        """Store a frame (atomically) with the facts :meth:`entries` lists."""
        meta = {"kind": kind, "key": key, "params": dict(params),
                "fetched_at": fetched_at.isoformat(), "expires_at": expires_at.isoformat()}
        path = self.path(key)
        open_folder(self.root)
        # A cache: rebuilt from the HTTP cache if a power cut ever cost it, so not flushed.
        atomic_write_table(to_table(df, meta), path, durable=False, statistics=False)
        return path

    def entries(self) -> list[FrameEntry]:
        """Every readable cached frame (fresh or expired)."""
        if not self.root.is_dir():
            return []
        open_folder(self.root)
        out = []
        for path in sorted(self.root.glob("*.parquet")):
            try:
                meta = _read_meta(path)
                rows = pq.read_metadata(path).num_rows
            except (OSError, ValueError, pa.ArrowException):
                continue
            if meta is not None:
                out.append(FrameEntry(meta["kind"], meta["key"], meta.get("params", {}), rows,
                                      path.stat().st_size, _parse_time(meta["fetched_at"]),
                                      _parse_time(meta["expires_at"]), path))
        return out

    def remove(self, entries: Iterable[FrameEntry]) -> int:
        """Delete these frames; returns how many files were deleted."""
        count = 0
        for entry in entries:
            try:
                entry.path.unlink()
                count += 1
            except FileNotFoundError:
                pass
        return count


def _read_meta(path: Path) -> dict[str, Any] | None:
    metadata = pq.read_schema(path).metadata or {}
    raw = metadata.get(_META_KEY)
    return None if raw is None else dict(json.loads(raw))


def _fresh(meta: Mapping[str, Any], now: datetime, max_age: timedelta | None,
           not_before: datetime | None) -> bool:
    fetched = _parse_time(meta["fetched_at"])
    if _parse_time(meta["expires_at"]) <= now:
        return False
    if max_age is not None and fetched + max_age <= now:
        return False
    return not_before is None or fetched > not_before


def _parse_time(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class PriceSnapshots:
    """The local price history: every network price fetch, appended as dated observations.

    A Hive-partitioned Parquet dataset under ``root``:
    ``observed_month=YYYY-MM/type_bucket=NN/part-<time>-<uuid>.parquet``, where ``type_bucket``
    is ``type_id % 64``, so reading one month or one type never reads everything. Files are only
    ever added, never rewritten; each is written atomically, so a crash leaves no partial file.

    Parameters
    ----------
    root : pathlib.Path
        The dataset folder (``<data_dir>/price_history``).
    """

    BUCKETS = 64
    COLUMNS = ("type_id", "issue_id", "currency", "grade", "price", "observed_at")

    def __init__(self, root: Path) -> None:
        self.root = root

    #: File-name mark of observations imported from a synthetic source (the sample history).
    SYNTHETIC = "synthetic"

    @classmethod
    def is_synthetic(cls, path: Path) -> bool:
        """Whether a part file holds synthetic observations (by its name: no file is opened)."""
        return path.name.startswith(f"part-{cls.SYNTHETIC}-")

    def append(self, observations: pd.DataFrame, *, synthetic: bool = False) -> list[Path]:
        """Add observations (columns :attr:`COLUMNS`); returns the files written.

        ``synthetic`` marks the files as holding invented observations (the sample history),
        so that reads can say so.
        """
        if observations.empty:
            return []
        missing = [c for c in self.COLUMNS if c not in observations.columns]
        if missing:
            raise ValueError(f"price observations lack column(s) {missing}")
        frame = observations.loc[:, list(self.COLUMNS)].reset_index(drop=True)
        frame = frame.astype(schema.dtypes("price_history"))  # one Arrow schema for every file
        month = frame["observed_at"].dt.strftime("%Y-%m")
        bucket = frame["type_id"].astype("int64") % self.BUCKETS
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        written = []
        for (m, b), part in frame.groupby([month, bucket], sort=True):
            folder = self.root / f"observed_month={m}" / f"type_bucket={b:02d}"
            mark = f"{self.SYNTHETIC}-" if synthetic else ""
            path = folder / f"part-{mark}{stamp}-{uuid.uuid4().hex[:12]}.parquet"
            remove_stale_temps(folder)  # a killed writer of this folder left them
            atomic_write_table(to_table(part.reset_index(drop=True)), path)
            written.append(path)
        return written

    def files(self, *, type_ids: Iterable[int] | None = None, since: datetime | None = None,
              until: datetime | None = None) -> list[Path]:
        """The part files that can hold these types and times (partition pruning).

        Only the folders of the wanted months and type buckets are listed, so a query for one
        type never touches the files of the others.
        """
        if not self.root.is_dir():
            return []
        open_folder(self.root)
        low = None if since is None else f"observed_month={since:%Y-%m}"
        high = None if until is None else f"observed_month={until:%Y-%m}"
        months = [d for d in sorted(self.root.glob("observed_month=*"))
                  if (low is None or d.name >= low) and (high is None or d.name <= high)]
        if type_ids is None:
            return [f for m in months for f in sorted(m.glob("type_bucket=*/part-*.parquet"))]
        buckets = sorted({f"type_bucket={int(t) % self.BUCKETS:02d}" for t in type_ids})
        return [f for m in months for b in buckets for f in sorted((m / b).glob("part-*.parquet"))]

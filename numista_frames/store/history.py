"""The local price history: reading it with filters, and moving it between machines."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from numista_frames import checks as v
from numista_frames.frames import schema
from numista_frames.settings import get_settings
from numista_frames.store.export import export_attrs, to_parquet
from numista_frames.store.frame_cache import PriceSnapshots
from numista_frames.store.housekeeping import adopt_legacy_state, quarantine

__all__ = ["export_price_history", "import_price_history", "price_history_df"]

_KEY = ["type_id", "issue_id", "currency", "grade"]
_IDENTITY = [*_KEY, "price", "observed_at"]


def _store() -> PriceSnapshots:
    settings = get_settings()
    adopt_legacy_state(settings)
    return PriceSnapshots(settings.history_path)


def readable_parts(store: PriceSnapshots, files: list[Path]) -> list[Path]:
    """The part files whose Parquet footer reads; the others are quarantined with a warning."""
    good = []
    for path in files:
        try:
            pq.read_metadata(path)
        except FileNotFoundError:
            continue
        except (OSError, ValueError, pa.ArrowException) as exc:
            quarantine(path, store.root, exc)
        else:
            good.append(path)
    return good


def _read_parts(store: PriceSnapshots, files: list[Path],
                expression: ds.Expression | None) -> pa.Table | None:
    """All matching rows of ``files``; a file whose data pages fail to read is quarantined."""
    files = readable_parts(store, files)
    if not files:
        return None
    try:
        return ds.dataset([str(f) for f in files], format="parquet").to_table(filter=expression)
    except (OSError, ValueError, pa.ArrowException):
        pass  # a damaged page: find the file(s), one by one
    tables = []
    for path in files:
        try:
            tables.append(ds.dataset(str(path), format="parquet").to_table(filter=expression))
        except (OSError, ValueError, pa.ArrowException) as exc:
            quarantine(path, store.root, exc)
    return pa.concat_tables(tables, promote_options="default") if tables else None


def _when(value: Any, name: str, *, end_of_day: bool = False) -> datetime | None:
    """A datetime in UTC from a date, a string or a Timestamp (naive means UTC).

    With ``end_of_day``, a bare date (``"2026-04-30"``, a ``datetime.date``) means the last
    instant of that day, so that ``until`` includes its own day.
    """
    if value is None:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a date or datetime; got {value!r}") from None
    bare = (isinstance(value, date) and not isinstance(value, datetime)) or (
        isinstance(value, str) and len(value.strip()) <= 10)
    if end_of_day and bare:
        stamp = stamp + pd.Timedelta(days=1) - pd.Timedelta(1, "us")
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return stamp.to_pydatetime()


def price_history_df(type_ids: Any = None, *, issue_ids: Any = None, currency: str | None = None,
                     grades: str | Iterable[str] | None = None, since: Any = None,
                     until: Any = None) -> pd.DataFrame:
    """The local price history: one row per observation, read with partition and row filters.

    Every price estimate that came from the network was kept (see :func:`prices_df`); this
    reads them back. A part file that cannot be read is skipped with a
    :class:`~numista_frames.store.housekeeping.QuarantineWarning` naming it, and moved to
    ``_quarantine/`` beside the dataset; every other observation is still read. Only the files
    that can hold the wanted types and months are opened, and only matching rows are loaded.
    Identical observations (same issue, grade, currency and
    price) on the same UTC day collapse to one. No request is ever spent.

    Parameters
    ----------
    type_ids, issue_ids : int or iterable, optional
        Only these types / issues.
    currency : str, optional
        Only this currency (the history keeps each currency it was fetched in).
    grades : str or iterable of str, optional
        Only these grades (``g`` ... ``unc``).
    since, until : date, datetime or str, optional
        Only observations in ``[since, until]`` (naive means UTC; a bare date as ``until``
        includes that whole day).

    Returns
    -------
    DataFrame
        The ``price_history`` schema (type_id, issue_id, currency, grade, price, observed_at),
        sorted by type, issue, currency, grade and time.

    Raises
    ------
    ValueError, TypeError
        For a bad argument.

    Examples
    --------
    >>> history = nf.price_history_df(1254, grades=["vf", "unc"], since="2025-01-01")  # doctest: +SKIP
    """
    ids = None if type_ids is None else v.positive_ints(type_ids, "type_ids")
    issues = None if issue_ids is None else v.positive_ints(issue_ids, "issue_ids")
    cur = None if currency is None else v.check_currency(currency)
    wanted = None if grades is None else list(v.check_grades(grades))
    low, high = _when(since, "since"), _when(until, "until", end_of_day=True)
    if low is not None and high is not None and low > high:
        raise ValueError(f"since ({since}) is after until ({until}): nothing can match; swap them")
    store = _store()
    files = store.files(type_ids=ids, since=low, until=high)
    table = _read_parts(store, files, _filter(ids, issues, cur, low, high))
    if table is None:
        return _empty()
    frame = _shape(table, wanted)
    if any(PriceSnapshots.is_synthetic(f) for f in files):
        frame.attrs.update(synthetic=True, source="Numista, with SYNTHETIC sample observations")
    return frame


def _filter(ids: list[int] | None, issues: list[int] | None, currency: str | None,
            low: datetime | None, high: datetime | None) -> ds.Expression | None:
    parts = []
    if ids is not None:
        parts.append(ds.field("type_id").isin(ids))
    if issues is not None:
        parts.append(ds.field("issue_id").isin(issues))
    if currency is not None:
        parts.append(ds.field("currency") == currency)
    if low is not None:
        parts.append(ds.field("observed_at") >= pa.scalar(low, pa.timestamp("ns", "UTC")))
    if high is not None:
        parts.append(ds.field("observed_at") <= pa.scalar(high, pa.timestamp("ns", "UTC")))
    expression = None
    for part in parts:
        expression = part if expression is None else expression & part
    return expression


def _empty() -> pd.DataFrame:
    frame = schema.empty_frame("price_history")
    frame.attrs.update(export_attrs({"kind": "price_history"}))
    return frame


def _shape(table: pa.Table, grades: list[str] | None) -> pd.DataFrame:
    frame = table.to_pandas().astype(schema.dtypes("price_history"))
    if grades is not None:
        frame = frame[frame["grade"].isin(grades)]
    frame = collapse_same_day(frame)
    frame.attrs.update(export_attrs({"kind": "price_history"}))
    return frame


def collapse_same_day(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep the first of identical observations made on the same UTC day; sort by time.

    Examples
    --------
    >>> f = schema.empty_frame("price_history")
    >>> f = pd.concat([f, pd.DataFrame({"type_id": [1, 1], "issue_id": [2, 2],
    ...     "currency": ["EUR", "EUR"], "grade": ["f", "f"], "price": [3.0, 3.0],
    ...     "observed_at": pd.to_datetime(["2026-01-01T08:00Z", "2026-01-01T20:00Z"])}
    ...     ).astype(schema.dtypes("price_history"))])
    >>> len(collapse_same_day(f))
    1
    """
    ordered = frame.sort_values([*_KEY, "observed_at"], kind="stable")
    day = ordered["observed_at"].dt.floor("D")
    keep = ~ordered.assign(_day=day).duplicated([*_KEY, "price", "_day"])
    return ordered[keep].reset_index(drop=True)


def export_price_history(path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write the whole local price history to one file, to move it to another machine.

    Parameters
    ----------
    path : str or path-like
        ``.csv`` writes CSV; anything else Parquet (which keeps the dtypes).
    overwrite : bool
        Replace an existing file.

    Returns
    -------
    pathlib.Path
        The file written (with "Source: Numista" attribution in its metadata for Parquet).
    """
    target = Path(path)
    history = price_history_df()
    history.attrs.update(export_attrs({"kind": "price_history", "exported_at":
                                       datetime.now(UTC).isoformat()}))
    if target.suffix.lower() == ".csv":
        if target.exists() and not overwrite:
            raise FileExistsError(f"{target} exists; pass overwrite=True to replace it")
        history.to_csv(target, index=False, date_format="%Y-%m-%dT%H:%M:%S.%fZ")
        return target
    return to_parquet(history, target, overwrite=overwrite)


def import_price_history(source: str | os.PathLike[str] | pd.DataFrame) -> int:
    """Merge observations into the local history, without duplicating any already there.

    Parameters
    ----------
    source : path or DataFrame
        A file from :func:`export_price_history` (Parquet or CSV) or a frame with the
        ``price_history`` columns.

    Returns
    -------
    int
        How many observations were new (and added).

    Raises
    ------
    ValueError
        When the data lack a ``price_history`` column.
    """
    incoming = _read(source)
    if incoming.empty:
        return 0
    first, last = incoming["observed_at"].min(), incoming["observed_at"].max()
    existing = price_history_df(incoming["type_id"].unique().tolist(), since=first.floor("D"),
                                until=last.floor("D") + pd.Timedelta(days=1) - pd.Timedelta(1, "us"))
    fresh = _new_rows(incoming, existing)
    synthetic = bool(getattr(source, "attrs", {}).get("synthetic"))
    _store().append(fresh, synthetic=synthetic)
    return len(fresh)


def _read(source: str | os.PathLike[str] | pd.DataFrame) -> pd.DataFrame:
    if isinstance(source, pd.DataFrame):
        frame = source
    elif Path(source).suffix.lower() == ".csv":
        frame = pd.read_csv(source)
    else:
        frame = pd.read_parquet(source)
    missing = [c for c in schema.columns("price_history") if c not in frame.columns]
    if missing:
        raise ValueError(f"the price history to import lacks column(s) {missing}")
    frame = frame.loc[:, schema.columns("price_history")].copy()
    frame["grade"] = frame["grade"].astype("string").str.strip().str.lower()
    frame["currency"] = frame["currency"].astype("string").str.strip().str.upper()
    frame["observed_at"] = pd.to_datetime(frame["observed_at"], utc=True)
    _check_rows(frame)
    return collapse_same_day(frame.astype(schema.dtypes("price_history")))


def _check_rows(frame: pd.DataFrame) -> None:
    """Refuse rows that would be stored damaged: unknown grades or currencies, missing values."""
    bad_grade = frame["grade"].notna() & ~frame["grade"].isin(v.GRADES)
    bad_currency = ~frame["currency"].fillna("").str.fullmatch(r"[A-Z]{3}")
    incomplete = frame[["type_id", "issue_id", "grade", "price", "observed_at"]].isna().any(axis=1)
    problems = {"an unknown grade": bad_grade, "a currency that is not 3 letters": bad_currency,
                "a missing id, grade, price or time": incomplete}
    found = [f"{int(mask.sum())} row(s) with {what}" for what, mask in problems.items() if mask.any()]
    if found:
        raise ValueError(f"nothing imported: {'; '.join(found)} (grades: {', '.join(v.GRADES)})")


def _new_rows(incoming: pd.DataFrame, existing: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``incoming`` not already observed (same key and price on the same UTC day)."""
    if existing.empty:
        return incoming
    on = [*_KEY, "price", "_day"]
    seen = existing.assign(_day=existing["observed_at"].dt.floor("D"))[on].drop_duplicates()
    merged = incoming.assign(_day=incoming["observed_at"].dt.floor("D")).merge(
        seen, on=on, how="left", indicator=True)
    return incoming[(merged["_merge"] == "left_only").to_numpy()].reset_index(drop=True)

"""The Parquet frame cache and the price-snapshot dataset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pytest

from numista_frames.store import frame_cache as store


def _frame() -> pd.DataFrame:
    frame = pd.DataFrame({"id": pd.array([1, None], dtype="Int64"),
                          "grade": pd.Categorical(["f", "unc"], categories=["f", "unc"],
                                                  ordered=True)})
    frame.attrs = {"source": "Numista", "requests_spent": 2}
    return frame


def test_frame_cache__put_get_until_expiry(tmp_path: Path) -> None:
    cache = store.FrameCache(tmp_path / "frames")
    now = datetime(2026, 11, 26, tzinfo=UTC)
    assert cache.get("k") is None and not (tmp_path / "frames").exists()
    cache.put("k", _frame(), kind="types", params={"type_ids": [1]}, fetched_at=now,
              expires_at=now + timedelta(days=7))
    back = cache.get("k", now=now + timedelta(days=6))
    assert back is not None
    pd.testing.assert_frame_equal(back, _frame())
    assert back.attrs == _frame().attrs
    [entry] = cache.entries()
    assert (entry.kind, entry.rows, entry.params) == ("types", 2, {"type_ids": [1]})
    assert cache.get("k", now=now + timedelta(days=7)) is None
    assert cache.entries() == [] and not cache.path("k").exists()  # removed when found stale


def test_frame_cache__corrupt_file_is_ignored_not_fatal(tmp_path: Path) -> None:
    cache = store.FrameCache(tmp_path)
    cache.path("bad").write_bytes(b"not parquet")
    assert cache.get("bad") is None
    assert cache.entries() == []


def test_atomic_write__a_failed_write_leaves_the_old_file(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cache = store.FrameCache(tmp_path)
    now = datetime.now(UTC)
    cache.put("k", _frame(), kind="t", params={}, fetched_at=now, expires_at=now + timedelta(1))

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(store.pq, "write_table", crash)
    with pytest.raises(OSError, match="disk full"):
        cache.put("k", _frame().head(1), kind="t", params={}, fetched_at=now,
                  expires_at=now + timedelta(1))
    assert len(cache.get("k")) == 2  # type: ignore[arg-type]
    assert [p.name for p in tmp_path.iterdir()] == ["k.parquet"]


def test_frame_key__deterministic_and_sensitive() -> None:
    key = store.frame_key("types", {"type_ids": [1, 2]}, api_url="u", schema_version=1)
    assert key == store.frame_key("types", {"type_ids": [1, 2]}, api_url="u", schema_version=1)
    assert key != store.frame_key("types", {"type_ids": [2, 1]}, api_url="u", schema_version=1)
    assert key != store.frame_key("types", {"type_ids": [1, 2]}, api_url="v", schema_version=1)
    assert key != store.frame_key("types", {"type_ids": [1, 2]}, api_url="u", schema_version=2)


def test_price_snapshots__partitioned_by_month_and_type_bucket(tmp_path: Path) -> None:
    snapshots = store.PriceSnapshots(tmp_path / "history")
    obs = pd.DataFrame({
        "type_id": pd.array([1, 65, 2], dtype="Int64"),
        "issue_id": pd.array([10, 11, 12], dtype="Int64"),
        "currency": pd.array(["EUR"] * 3, dtype="string"),
        "grade": pd.Categorical(["f", "vf", "f"]),
        "price": [1.0, 2.0, 3.0],
        "observed_at": pd.to_datetime(["2026-10-31T23:00Z", "2026-11-01T01:00Z",
                                       "2026-11-02T00:00Z"]),
    })
    written = snapshots.append(obs)
    folders = sorted(str(p.parent.relative_to(snapshots.root)) for p in written)
    assert folders == ["observed_month=2026-10/type_bucket=01", "observed_month=2026-11/type_bucket=01",
                       "observed_month=2026-11/type_bucket=02"]
    snapshots.append(obs.head(1))
    assert len(snapshots.files()) == 4  # only ever added
    table = ds.dataset(snapshots.root, partitioning="hive").to_table(
        filter=ds.field("type_bucket") == 1)
    assert sorted(table.column("type_id").to_pylist()) == [1, 1, 65]
    with pytest.raises(ValueError, match="lack column"):
        snapshots.append(obs.drop(columns=["price"]))


def test_atomic_write__files_get_the_usual_permissions(tmp_path: Path) -> None:
    import os

    cache = store.FrameCache(tmp_path)
    now = datetime.now(UTC)
    path = cache.put("k", _frame(), kind="t", params={}, fetched_at=now,
                     expires_at=now + timedelta(1))
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_atomic_write__an_error_names_the_target_not_the_temporary_file(tmp_path: Path) -> None:
    import errno

    from numista_frames.store.files import atomic_write

    target = tmp_path / "out.csv"

    def full(temporary: Path) -> None:
        temporary.write_text("half")
        raise OSError(errno.ENOSPC, "No space left on device", str(temporary))

    with pytest.raises(OSError, match="No space left") as info:
        atomic_write(target, full)
    assert info.value.filename == str(target) and info.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


def test_to_table__a_known_shape_converts_like_from_pandas(configured: object) -> None:
    import pyarrow as pa

    import numista_frames as nf

    search = nf.search_df("dollar", progress=False)
    ids = search["id"].head(8).tolist()
    frames = {"search": search, "types": nf.types_df(ids, progress=False),
              "issues": nf.issues_df(ids, progress=False),
              "prices": nf.prices_df(ids[:3], progress=False), "issuers": nf.issuers_df()}
    for name, df in frames.items():
        for part in (df.head(3).reset_index(drop=True), df, df.iloc[:0]):
            frame = part.copy(deep=False)
            frame.attrs.clear()
            expected = pa.Table.from_pandas(frame, preserve_index=False)
            got = store.to_table(part, attrs={})  # the first of a shape remembers it
            assert got.equals(expected, check_metadata=True), name
            shape = store._shape_of(frame)
            fast = None if shape is None else store._known_shape(frame, shape)
            assert fast is not None and fast.equals(expected, check_metadata=True), name
            assert fast.to_pandas().dtypes.equals(expected.to_pandas().dtypes), name


def test_to_table__other_categories_are_another_shape() -> None:
    import pyarrow as pa

    a = pd.DataFrame({"grade": pd.Categorical(["f", "vf"], categories=["f", "vf"])})
    b = pd.DataFrame({"grade": pd.Categorical(["xf"], categories=["vf", "xf", "unc"])})
    store.to_table(a, attrs={})
    shape_a, shape_b = store._shape_of(a), store._shape_of(b)
    assert shape_a is not None and shape_b is not None
    assert store._known_shape(a, shape_a) is not None and store._known_shape(b, shape_b) is None
    expected = pa.Table.from_pandas(b, preserve_index=False)
    assert store.to_table(b, attrs={}).equals(expected, check_metadata=True)

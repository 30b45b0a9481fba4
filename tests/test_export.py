"""to_parquet: identical round trips, attribution, Hive partitions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq

import numista_frames as nf
from numista_frames.testing import FakeNumista


def test_to_parquet__round_trip_is_identical(configured: FakeNumista, tmp_path: Path) -> None:
    ids = [int(i) for i in nf.search_df("dollar", issuer="canada", max_results=3)["id"]]
    frame = nf.prices_df(ids)
    path = nf.to_parquet(frame, tmp_path / "prices.parquet")
    back = pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, frame)
    assert back.attrs == frame.attrs
    assert back.attrs["attribution"] == "Source: Numista (N# = type id)"
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_to_parquet__attribution_even_without_attrs_and_failures_kept(tmp_path: Path) -> None:
    frame = pd.DataFrame({"type_id": pd.array([1], dtype="Int64")})
    frame.attrs["failures"] = pd.DataFrame({"id": ["7"], "error": ["NotFoundError"]})
    back = pd.read_parquet(nf.to_parquet(frame, tmp_path / "x.parquet"))
    assert back.attrs["source"] == "Numista"
    assert back.attrs["failures"] == [{"id": "7", "error": "NotFoundError"}]


def test_to_parquet__partitioned_dataset_reads_with_pyarrow(configured: FakeNumista,
                                                           tmp_path: Path) -> None:
    ids = [int(i) for i in nf.search_df("dollar", issuer="canada", max_results=3)["id"]]
    frame = nf.prices_df(ids)
    target = nf.to_parquet(frame, tmp_path / "prices", partition_cols=["type_id"])
    assert sorted(p.name for p in target.iterdir()) == sorted(f"type_id={i}" for i in
                                                              frame["type_id"].unique())
    table = ds.dataset(target, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == len(frame)
    back = pd.read_parquet(target)
    assert back["price"].sum() == frame["price"].sum()
    assert pq.read_schema(next(target.rglob("*.parquet"))).metadata[b"PANDAS_ATTRS"]

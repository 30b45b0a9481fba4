"""to_parquet: identical round trips, attribution, Hive partitions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

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
    assert isinstance(back["type_id"].dtype, pd.CategoricalDtype)  # the Hive convention
    rest = [c for c in frame.columns if c != "type_id"]
    key = ["issue_id", "grade"]
    pd.testing.assert_frame_equal(back[rest].sort_values(key).reset_index(drop=True),
                                  frame[rest].sort_values(key).reset_index(drop=True))
    assert back.attrs["attribution"] == frame.attrs["attribution"]
    assert pq.read_schema(next(target.rglob("*.parquet"))).metadata[b"PANDAS_ATTRS"]


def test_to_parquet__never_replaces_a_folder_of_other_files(tmp_path: Path) -> None:
    frame = pd.DataFrame({"type_id": [1, 2], "price": [1.0, 2.0]})
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        nf.to_parquet(frame, precious, partition_cols=["type_id"])
    with pytest.raises(ValueError, match="not part of a Hive dataset"):
        nf.to_parquet(frame, precious, partition_cols=["type_id"], overwrite=True)
    assert (precious / "notes.txt").read_text() == "keep me"
    target = nf.to_parquet(frame, tmp_path / "ds", partition_cols=["type_id"])
    nf.to_parquet(frame.head(1), target, partition_cols=["type_id"], overwrite=True)
    assert len(pd.read_parquet(target)) == 1


def test_to_parquet__index_kept_and_empty_frames_restored_by_read_parquet(
        configured: FakeNumista, tmp_path: Path) -> None:
    frame = nf.search_df("dollar", max_results=10)
    filtered = frame[frame["min_year"] > 1950]
    back = pd.read_parquet(nf.to_parquet(filtered, tmp_path / "f.parquet"))
    pd.testing.assert_frame_equal(back, filtered)
    empty = nf.search_df("qqqzzzxxx")
    restored = nf.read_parquet(nf.to_parquet(empty, tmp_path / "e.parquet"))
    pd.testing.assert_frame_equal(restored, empty)
    assert restored.attrs == empty.attrs


@pytest.mark.parametrize(("name", "hint"), [("x.csv", "df.to_csv"), ("x.JSON", "df.to_json"),
                                            ("x.xlsx", "df.to_excel")])
def test_to_parquet__refuses_a_name_of_another_format(tmp_path: Path, name: str,
                                                     hint: str) -> None:
    with pytest.raises(ValueError, match=rf"to_parquet writes Parquet.*x\.parquet.*{hint}"):
        nf.to_parquet(pd.DataFrame({"a": [1]}), tmp_path / name)
    assert not any(tmp_path.iterdir())


def test_to_parquet__a_path_under_a_file_is_refused_naming_the_path(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("a file, not a folder")
    target = tmp_path / "notes" / "sub" / "x.parquet"
    with pytest.raises(NotADirectoryError, match="is a file, not a folder") as info:
        nf.to_parquet(pd.DataFrame({"a": [1]}), target)
    assert info.value.filename == str(target)
    assert list(tmp_path.iterdir()) == [tmp_path / "notes"]

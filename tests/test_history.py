"""The local price history: filters, same-day collapse, export/import, interrupted writes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.frames import schema
from numista_frames.store import frame_cache as store
from numista_frames.testing import FakeNumista, sample_price_history


@pytest.fixture
def history(configured: FakeNumista) -> pd.DataFrame:
    frame = sample_price_history(types=3, months=24)
    assert nf.import_price_history(frame) == len(frame)
    return frame


def test_price_history_df__schema_and_every_observation(history: pd.DataFrame) -> None:
    frame = nf.price_history_df()
    assert list(frame.columns) == schema.columns("price_history")
    assert frame.dtypes.to_dict() == schema.dtypes("price_history")
    assert len(frame) == len(history)


def test_price_history_df__filters(history: pd.DataFrame) -> None:
    tid = int(history["type_id"].iloc[0])
    one = nf.price_history_df(tid, grades=["vf", "unc"], since="2025-06-01", until="2026-01-31")
    truth = history[(history["type_id"] == tid) & history["grade"].isin(["vf", "unc"])
                    & (history["observed_at"] >= pd.Timestamp("2025-06-01", tz="UTC"))
                    & (history["observed_at"] <= pd.Timestamp("2026-01-31", tz="UTC"))]
    assert len(one) == len(truth) > 0
    assert set(one["type_id"]) == {tid} and set(one["grade"].astype(str)) <= {"vf", "unc"}
    issue = int(history["issue_id"].iloc[0])
    assert set(nf.price_history_df(issue_ids=issue)["issue_id"]) == {issue}
    assert nf.price_history_df(currency="USD").empty


def test_price_history_df__reads_only_the_files_of_the_type(history: pd.DataFrame,
                                                             cache_dir: Path) -> None:
    snapshots = store.PriceSnapshots(nf.get_settings().history_path)
    tid = int(history["type_id"].iloc[0])
    mine = snapshots.files(type_ids=[tid])
    assert 0 < len(mine) < len(snapshots.files())
    assert all(f"type_bucket={tid % 64:02d}" in str(f) for f in mine)


def test_price_history_df__same_day_repeats_collapse(configured: FakeNumista) -> None:
    ids = [int(i) for i in nf.search_df("dollar", issuer="canada", max_results=1)["id"]]
    first = nf.prices_df(ids)
    nf.prices_df(ids, refresh=True)  # the same estimates observed again today
    history = nf.price_history_df(ids)
    assert len(history) == len(first)


def test_import_price_history__merges_without_duplicates(history: pd.DataFrame,
                                                          tmp_path: Path) -> None:
    path = nf.export_price_history(tmp_path / "history.parquet")
    assert pd.read_parquet(path).attrs["attribution"].startswith("Source: Numista")
    assert nf.import_price_history(path) == 0
    csv = nf.export_price_history(tmp_path / "history.csv")
    assert nf.import_price_history(csv) == 0
    more = sample_price_history(types=4, months=24)
    added = nf.import_price_history(more)
    assert added == len(more) - len(history)
    assert len(nf.price_history_df()) == len(more)


def test_import_price_history__missing_columns_refused(configured: FakeNumista) -> None:
    with pytest.raises(ValueError, match="lacks column"):
        nf.import_price_history(pd.DataFrame({"type_id": [1]}))


def test_history__an_interrupted_write_leaves_no_partial_file(
        history: pd.DataFrame, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = nf.price_history_df()
    calls = []

    def crash_on_second(table: object, where: str, **options: object) -> None:
        calls.append(where)
        if len(calls) == 2:
            raise OSError("power cut")
        original(table, where, **options)

    original = store.pq.write_table
    with monkeypatch.context() as patch:
        patch.setattr(store.pq, "write_table", crash_on_second)
        with pytest.raises(OSError, match="power cut"):
            nf.import_price_history(sample_price_history(types=5, months=24))
    leftovers = [p for p in nf.get_settings().history_path.rglob("*") if p.is_file()
                 and not p.name.startswith("part-")]
    assert leftovers == []
    after = nf.price_history_df()
    assert len(after) >= len(before)  # files already written stay; none is half-written
    pd.testing.assert_frame_equal(after.merge(before), before, check_like=True)


def _obs(**overrides: object) -> pd.DataFrame:
    row = {"type_id": 5, "issue_id": 7, "currency": "EUR", "grade": "vf", "price": 3.0,
           "observed_at": "2026-04-30T08:00:00Z"}
    row.update(overrides)
    return pd.DataFrame([row])


def test_import_price_history__normalises_and_refuses_damaged_rows(configured: FakeNumista) -> None:
    assert nf.import_price_history(_obs(grade="VF", currency="eur")) == 1
    stored = nf.price_history_df(5)
    assert stored["grade"].astype(str).tolist() == ["vf"]
    assert stored["currency"].tolist() == ["EUR"]
    for bad in (_obs(grade="MS65"), _obs(price=float("nan")), _obs(currency="EURO")):
        with pytest.raises(ValueError, match="nothing imported"):
            nf.import_price_history(bad)
    assert len(nf.price_history_df(5)) == 1


def test_import_price_history__a_later_repeat_the_same_day_is_not_new(
        configured: FakeNumista) -> None:
    assert nf.import_price_history(_obs()) == 1
    assert nf.import_price_history(_obs(observed_at="2026-04-30T20:00:00Z")) == 0
    assert nf.import_price_history(_obs(observed_at="2026-05-01T08:00:00Z")) == 1


def test_price_history_df__a_bare_until_date_includes_that_day(configured: FakeNumista) -> None:
    nf.import_price_history(_obs(observed_at="2026-04-30T15:00:00Z"))
    assert len(nf.price_history_df(5, until="2026-04-30")) == 1
    assert len(nf.price_history_df(5, until="2026-04-29")) == 0


def test_price_history_df__synthetic_observations_are_labelled(history: pd.DataFrame) -> None:
    frame = nf.price_history_df()
    assert frame.attrs["synthetic"] is True and "SYNTHETIC" in frame.attrs["source"]

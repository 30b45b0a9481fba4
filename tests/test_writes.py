"""Bulk adds that never duplicate, even after faults; updates and deletes."""

from __future__ import annotations

import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.loaders.writes import KEY_PREFIX
from numista_frames.testing import FakeNumista, load_sample_catalogue


def _new_items(n: int) -> pd.DataFrame:
    cat = load_sample_catalogue()
    ids = [t for t in cat.type_ids if cat.get_issues(t)][:n]
    return pd.DataFrame({
        "type_id": ids,
        "issue_id": [cat.get_issues(t)[0]["id"] for t in ids],
        "grade": ["vf"] * n,
        "quantity": [1] * n,
        "price_value": [12.5] * n,
        "price_currency": ["EUR"] * n,
    })


def test_add_collected_items__adds_and_a_rerun_adds_nothing(configured: FakeNumista) -> None:
    before = len(configured.stored_items(1))
    frame = _new_items(4)
    result = nf.add_collected_items(frame, progress=False)
    assert result["status"].tolist() == ["created"] * 4
    assert result["internal_id"].str.startswith(KEY_PREFIX).all()
    assert len(configured.stored_items(1)) == before + 4
    again = nf.add_collected_items(frame, progress=False)
    assert again["status"].tolist() == ["exists"] * 4
    assert again["item_id"].tolist() == result["item_id"].tolist()
    assert len(configured.stored_items(1)) == before + 4


def test_add_collected_items__identical_rows_are_distinct_items(configured: FakeNumista) -> None:
    frame = pd.concat([_new_items(1)] * 2, ignore_index=True)
    result = nf.add_collected_items(frame, progress=False)
    assert result["status"].tolist() == ["created", "created"]
    assert result["internal_id"].nunique() == 2


def test_add_collected_items__dropped_connection_after_storing_is_no_duplicate(
        configured: FakeNumista) -> None:
    before = len(configured.stored_items(1))
    frame = _new_items(5)
    configured.inject("drop_after", "500", path="/collected_items", method="POST")
    result = nf.add_collected_items(frame, progress=False)
    stored = configured.stored_items(1)
    statuses = result["status"].tolist()
    # the dropped POST had stored its item: found on the re-read, so "created"; the 500 had
    # not (the fake refused it), but a 500 may have, so its row is "unknown" until a rerun
    assert statuses.count("created") == 4 and statuses.count("unknown") == 1
    assert "rerun" in result.loc[result["status"] == "unknown", "error"].iloc[0]
    assert len(stored) == before + 4
    rerun = nf.add_collected_items(frame, progress=False)
    assert sorted(rerun["status"].tolist()) == ["created"] + ["exists"] * 4
    keys = [i.get("internal_id") for i in configured.stored_items(1) if i.get("internal_id")]
    assert len(keys) == len(set(keys)) and len(configured.stored_items(1)) == before + 5


def test_add_collected_items__bad_rows_spend_nothing(configured: FakeNumista) -> None:
    for bad in (pd.DataFrame({"issue_id": [3]}), pd.DataFrame({"type_id": [3], "grade": ["mint"]}),
                pd.DataFrame({"type_id": [3], "colour": ["red"]})):
        with pytest.raises((ValueError, TypeError)):
            nf.add_collected_items(bad)
    assert configured.request_count() == 0


def test_update_and_delete(configured: FakeNumista) -> None:
    result = nf.add_collected_items(_new_items(1), progress=False)
    item = int(result["item_id"].iloc[0])
    changed = nf.update_collected_item(item, grade="xf", price=None)
    assert changed["grade"] == "xf" and "price" not in changed
    nf.delete_collected_item(item)
    assert item not in {i["id"] for i in configured.stored_items(1)}
    with pytest.raises(nf.NotFoundError):
        nf.delete_collected_item(item)


def test_add_collected_items__a_timeout_is_unknown_until_the_rerun(cache_dir: object) -> None:
    with FakeNumista(slow_seconds=1.5) as api:
        nf.configure(api_url=api.url, api_key=api.api_key, cache_dir=cache_dir,
                     requests_per_second=None, timeout=0.5, backoff_factor=0.001)
        before = len(api.stored_items(1))
        api.inject("slow", path="/collected_items", method="POST")
        first = nf.add_collected_items(_new_items(2), progress=False)
        assert "failed" not in first["status"].tolist()
        import time

        time.sleep(1.2)  # the slow POST finishes storing meanwhile
        second = nf.add_collected_items(_new_items(2), progress=False)
        assert set(second["status"]) <= {"exists", "created"}
        assert len(api.stored_items(1)) == before + 2


def test_add_collected_items__frame_problems_are_refused_first(configured: FakeNumista) -> None:
    frame = _new_items(2)
    with pytest.raises(ValueError, match="internal_id must be unique"):
        nf.add_collected_items(frame.assign(internal_id="box1"))
    with pytest.raises(ValueError, match="price_currency"):
        nf.add_collected_items(frame.drop(columns=["price_currency"]))
    assert configured.request_count() == 0
    floats = frame.assign(issue_id=frame["issue_id"].astype("float64"))  # as a CSV reads it
    assert nf.add_collected_items(floats, progress=False)["status"].tolist() == ["created"] * 2

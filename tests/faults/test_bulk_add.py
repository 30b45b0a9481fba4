"""Bulk adds under POST drops, 5xx and slow POSTs that complete after the client gave up, with
immediate reruns: 0 duplicates, 0 missing."""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.http.client import default_client
from numista_frames.testing import FakeNumista, load_sample_catalogue
from tests.faults.conftest import configure_for

DONE = {"created", "exists", "deduplicated"}


def _frame(n: int) -> pd.DataFrame:
    cat = load_sample_catalogue()
    ids = [t for t in cat.type_ids if cat.get_issues(t)][:n]
    return pd.DataFrame({"type_id": ids, "issue_id": [cat.get_issues(t)[0]["id"] for t in ids],
                         "grade": ["vf"] * n, "quantity": [1] * n})


def _keys_stored(fake: FakeNumista) -> Counter[str]:
    return Counter(str(i["internal_id"]) for i in fake.stored_items(1) if i.get("internal_id"))


def _wait_until_served(fake: FakeNumista, deadline: float = 10.0) -> None:
    """Wait for the server to finish the requests it is still serving (a stalled POST lands)."""
    end = time.monotonic() + deadline
    while any(e.status is None and e.fault not in ("drop", "drop_after") for e in fake.log):
        assert time.monotonic() < end, "the fake never finished a request"
        time.sleep(0.01)


def _settle(frame: pd.DataFrame, fake: FakeNumista, runs: int = 3) -> pd.DataFrame:
    """Rerun the same frame at once, as the report advises, until nothing is left to settle."""
    result = nf.add_collected_items(frame, progress=False)
    for _ in range(runs):
        if set(result["status"].astype(str)) <= DONE:
            break
        result = nf.add_collected_items(frame, progress=False)
    return result


def _assert_exactly_once(frame: pd.DataFrame, result: pd.DataFrame, fake: FakeNumista) -> None:
    stored = _keys_stored(fake)
    keys = result["internal_id"].tolist()
    assert [k for k in keys if stored[k] > 1] == [], "duplicates"
    assert [k for k in keys if stored[k] == 0] == [], "missing"
    assert set(result["status"].astype(str)) <= DONE, result.to_dict("records")
    assert result["item_id"].notna().all()


@pytest.mark.parametrize("faults", [
    ("drop",), ("drop_after",), ("500",), ("502",), ("503",), ("throttle",),
    ("drop_after", "drop_after", "500"), ("503", "drop", "drop_after", "502"),
], ids="+".join)
def test_bulk_add_under_post_faults__rerun_gives_every_item_once(
        faults: tuple[str, ...], fake: FakeNumista, cache_dir: Path) -> None:
    configure_for(fake.url, fake.api_key, cache_dir)
    frame = _frame(6)
    fake.inject(*faults, path="/collected_items", method="POST")
    first = nf.add_collected_items(frame, progress=False)
    assert "failed" not in set(first["status"].astype(str)), first.to_dict("records")
    assert all("may have been created" in str(e) for e in first.loc[
        first["status"] == "unknown", "error"])
    _assert_exactly_once(frame, _settle(frame, fake), fake)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bulk_add_under_random_post_faults__reruns_settle_everything(
        seed: int, fake: FakeNumista, cache_dir: Path) -> None:
    configure_for(fake.url, fake.api_key, cache_dir)
    frame = _frame(12)
    rng = random.Random(seed)
    fake.inject(*rng.choices(["drop", "drop_after", "500", "502", "503"], k=rng.randint(3, 8)),
                path="/collected_items", method="POST")
    first = nf.add_collected_items(frame, progress=False)
    assert "failed" not in set(first["status"].astype(str))
    _assert_exactly_once(frame, _settle(frame, fake), fake)


def test_bulk_add_slow_post_lands_after_the_timeout__next_run_deduplicates(
        cache_dir: Path) -> None:
    with FakeNumista(slow_seconds=0.8) as fake:
        configure_for(fake.url, fake.api_key, cache_dir, timeout=0.3)
        frame = _frame(3)
        fake.inject("slow", path="/collected_items", method="POST")
        first = nf.add_collected_items(frame, progress=False)
        assert first["status"].astype(str).tolist().count("unknown") == 1
        second = nf.add_collected_items(frame, progress=False)  # at once: the slow POST is pending
        _wait_until_served(fake)  # ... then it lands: the item is there twice for now
        third = nf.add_collected_items(frame, progress=False)
        assert "deduplicated" in set(third["status"].astype(str)), third.to_dict("records")
        _assert_exactly_once(frame, third, fake)
        assert set(second["status"].astype(str)) <= DONE


def test_bulk_add_reconciliation__extra_copies_deleted_keeping_the_oldest(
        fake: FakeNumista, cache_dir: Path) -> None:
    configure_for(fake.url, fake.api_key, cache_dir)
    frame = _frame(2)
    first = nf.add_collected_items(frame, progress=False)
    key = first["internal_id"].iloc[0]
    oldest = int(first["item_id"].iloc[0])
    late = {"type": int(frame["type_id"].iloc[0]), "issue": int(frame["issue_id"].iloc[0]),
            "grade": "vf", "quantity": 1, "internal_id": key}
    default_client().add_collected_item(late)  # a POST that landed after its run gave up
    assert _keys_stored(fake)[key] == 2
    again = nf.add_collected_items(frame, progress=False)
    assert again["status"].astype(str).tolist() == ["deduplicated", "exists"]
    assert int(again["item_id"].iloc[0]) == oldest
    ids = [int(i["id"]) for i in fake.stored_items(1) if i.get("internal_id") == key]
    assert ids == [oldest]


def test_bulk_add_failed_token_request__authentication_failure_nothing_maybe_created(
        fake: FakeNumista, cache_dir: Path) -> None:
    configure_for(fake.url, fake.api_key, cache_dir)
    before = len(fake.stored_items(1))
    fake.set_fault_rate(1.0, ["503"])
    with pytest.raises(nf.AuthenticationError) as caught:
        nf.add_collected_items(_frame(2), progress=False)
    assert "may have been created" not in str(caught.value)
    fake.clear_faults()
    assert len(fake.stored_items(1)) == before
    assert fake.request_count("/users", method="POST") == 0


def test_bulk_add_empty_frame__zero_requests(fake: FakeNumista, cache_dir: Path) -> None:
    configure_for(fake.url, fake.api_key, cache_dir)
    result = nf.add_collected_items(_frame(2).iloc[0:0], progress=False)
    assert len(result) == 0 and fake.request_count() == 0

"""Corrupt stores heal and never brick the library: the HTTP cache, the quota ledger, the frame
cache and one price-history part file, each damaged on disk and then used."""

from __future__ import annotations

import logging
import os
import random
import shutil
import sqlite3
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.frames import schema
from numista_frames.http.client import default_client
from numista_frames.testing import FakeNumista
from tests.faults.conftest import BY_NAME, assert_rows, attempt, baseline, configure_for


def _corrupt(path: Path, how: str, seed: int = 7) -> None:
    """Damage a file the way disks and killed writers do."""
    rng = random.Random(seed)
    data = path.read_bytes()
    for sidecar in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        sidecar.unlink(missing_ok=True)
    if how == "truncated":
        path.write_bytes(data[: min(len(data) // 3, 1500)])
    elif how == "random":
        path.write_bytes(bytes(rng.getrandbits(8) for _ in range(len(data))))
    elif how == "pages":  # the header page survives, the pages after it do not
        page = 4096 if len(data) > 8192 else len(data) // 4
        body = bytes(rng.getrandbits(8) for _ in range(len(data) - page))
        path.write_bytes(data[:page] + body)
    else:
        raise ValueError(how)


def _noticed(caplog: pytest.LogCaptureFixture, call: Callable[[], Any]) -> tuple[Any, list[str]]:
    """Run ``call``; return its result and every warning or WARNING log it produced."""
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="numista_frames"), \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    messages = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records
                                                   if r.levelno >= logging.WARNING]
    return result, messages


def _restart(fake: FakeNumista, cache_dir: Path) -> None:
    """A new process, as far as the library can tell: sessions closed, configuration anew."""
    default_client().close()
    nf.reset_configuration()
    configure_for(fake.url, fake.api_key, cache_dir)


# -- the HTTP cache ------------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["truncated", "random", "pages"])
def test_http_cache_corrupt__moved_aside_fresh_cache_one_warning(
        how: str, fake: FakeNumista, cache_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    loader = BY_NAME["types_df"]
    expected = baseline(loader)
    configure_for(fake.url, fake.api_key, cache_dir)
    loader.call(cache_dir)
    _restart(fake, cache_dir)
    shutil.rmtree(cache_dir / "frames")  # so the next call must read the HTTP cache
    _corrupt(cache_dir / "http_cache.sqlite", how)
    fake.clear_log()
    frame, messages = _noticed(caplog, lambda: loader.call(cache_dir))
    pd.testing.assert_frame_equal(_plain(frame), expected)
    aside = sorted(cache_dir.glob("http_cache.sqlite.corrupt-*"))
    assert len(aside) == 1, sorted(p.name for p in cache_dir.iterdir())
    told = [m for m in messages if aside[0].name in m]
    assert len(told) == 1, messages  # warned once, saying where the old file went
    assert "writable" not in " ".join(messages)  # the folder is writable: no such advice
    spent = fake.request_count()
    shutil.rmtree(cache_dir / "frames")
    again, messages = _noticed(caplog, lambda: loader.call(cache_dir))
    assert fake.request_count() == spent, "the fresh HTTP cache answers the rerun"
    assert messages == []
    pd.testing.assert_frame_equal(_plain(again), expected)


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    from tests.faults.conftest import comparable

    return comparable(frame)


# -- the quota ledger ----------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["truncated", "random", "pages"])
def test_ledger_corrupt__moved_aside_and_quota_uncertain(
        how: str, fake: FakeNumista, cache_dir: Path, data_dir: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    loader = BY_NAME["issues_df"]
    expected = baseline(loader)
    configure_for(fake.url, fake.api_key, cache_dir)
    BY_NAME["types_df"].call(cache_dir)
    assert nf.quota().used == 2
    _restart(fake, cache_dir)
    _corrupt(data_dir / "quota_ledger.sqlite", how)
    frame, messages = _noticed(caplog, lambda: loader.call(cache_dir))
    pd.testing.assert_frame_equal(_plain(frame), expected)
    aside = sorted(data_dir.glob("quota_ledger.sqlite.corrupt-*"))
    assert len(aside) == 1 and any(aside[0].name in m for m in messages), messages
    status = nf.quota()
    assert status.uncertain is True  # the month's count restarted: it may understate use
    assert status.used >= 2  # what was recorded since the recovery


def test_ledger_unrecordable_request__marks_the_month_uncertain(
        fake: FakeNumista, cache_dir: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    from numista_frames.http.ledger import QuotaLedger

    configure_for(fake.url, fake.api_key, cache_dir)
    BY_NAME["catalogues_df"].call(cache_dir)
    assert nf.quota().uncertain is False

    def broken(self: QuotaLedger, **kwargs: Any) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    with monkeypatch.context() as patch:
        patch.setattr(QuotaLedger, "record", broken)
        _noticed(caplog, lambda: BY_NAME["mints_df"].call(cache_dir))
    assert nf.quota().uncertain is True


# -- the frame cache -----------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["truncated", "random"])
def test_frame_cache_corrupt__ignored_with_a_warning_and_rewritten(
        how: str, fake: FakeNumista, cache_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    loader = BY_NAME["types_df"]
    expected = baseline(loader)
    configure_for(fake.url, fake.api_key, cache_dir)
    loader.call(cache_dir)
    (stored,) = (cache_dir / "frames").glob("types-*.parquet")
    _corrupt(stored, how)
    fake.clear_log()
    frame, messages = _noticed(caplog, lambda: loader.call(cache_dir))
    pd.testing.assert_frame_equal(_plain(frame), expected)
    assert fake.request_count() == 0, "the HTTP cache still answers"
    assert any(stored.name in m for m in messages), messages
    pd.read_parquet(stored)  # rewritten whole
    assert_rows(attempt(lambda: loader.call(cache_dir)), expected)


# -- the price history ---------------------------------------------------------------------------

def _observations(type_id: int, day: str, price: float) -> pd.DataFrame:
    frame = pd.DataFrame({
        "type_id": [type_id] * 3, "issue_id": [type_id * 10] * 3, "currency": ["EUR"] * 3,
        "grade": ["f", "vf", "xf"], "price": [price, price * 2, price * 3],
        "observed_at": pd.to_datetime([day] * 3, utc=True)})
    return frame.astype(schema.dtypes("price_history"))


@pytest.fixture
def damaged_history(data_dir: Path) -> tuple[Path, pd.DataFrame]:
    """A history of two types in different part files; the part of type 2 is then damaged."""
    assert nf.import_price_history(_observations(1, "2026-03-02T10:00Z", 1.5)) == 3
    assert nf.import_price_history(_observations(2, "2026-03-02T10:00Z", 4.0)) == 3
    root = data_dir / "price_history"
    (bad,) = root.glob("observed_month=2026-03/type_bucket=02/part-*.parquet")
    _corrupt(bad, "random")
    return bad, nf.price_history_df(1)


def _quarantined(data_dir: Path, bad: Path) -> list[Path]:
    return [p for p in data_dir.rglob(bad.name) if "_quarantine" in p.parts]


def test_history_part_corrupt__other_types_stay_readable(
        damaged_history: tuple[Path, pd.DataFrame]) -> None:
    _, good = damaged_history
    assert good["price"].tolist() == [1.5, 3.0, 4.5]  # partition pruning never opens the bad part


def test_history_part_corrupt__read_all_skips_and_quarantines_it(
        damaged_history: tuple[Path, pd.DataFrame], data_dir: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    bad, good = damaged_history
    everything, messages = _noticed(caplog, nf.price_history_df)
    pd.testing.assert_frame_equal(everything, good, check_like=True)
    assert any(bad.name in m for m in messages), messages
    assert not bad.exists() and len(_quarantined(data_dir, bad)) == 1
    again, messages = _noticed(caplog, nf.price_history_df)
    assert messages == [] and len(again) == 3


def test_history_part_corrupt__export_import_and_cache_info_go_on(
        damaged_history: tuple[Path, pd.DataFrame], data_dir: Path, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    bad, _ = damaged_history
    target, messages = _noticed(caplog, lambda: nf.export_price_history(tmp_path / "h.parquet"))
    assert len(pd.read_parquet(target)) == 3 and any(bad.name in m for m in messages)
    added, _ = _noticed(caplog, lambda: nf.import_price_history(
        _observations(2, "2026-03-09T10:00Z", 5.0)))
    assert added == 3
    info, _ = _noticed(caplog, nf.cache_info)
    assert isinstance(info, pd.DataFrame)
    assert len(nf.price_history_df()) == 6
    assert len(_quarantined(data_dir, bad)) == 1


def test_history_part_corrupt__cache_info_alone_goes_on(
        damaged_history: tuple[Path, pd.DataFrame], data_dir: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    bad, _ = damaged_history
    info, messages = _noticed(caplog, nf.cache_info)
    assert isinstance(info, pd.DataFrame) and any(bad.name in m for m in messages), messages


def test_history_temp_files__old_ones_removed_young_ones_kept(
        data_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    nf.import_price_history(_observations(1, "2026-03-02T10:00Z", 1.5))
    (folder,) = (data_dir / "price_history").glob("observed_month=*/type_bucket=*")
    old, young = folder / ".part-old.parquet.0123456789ab.tmp", folder / ".part-young.parquet.ba98.tmp"
    for path in (old, young):
        path.write_bytes(b"half a parquet file")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    _noticed(caplog, lambda: nf.import_price_history(_observations(1, "2026-03-03T10:00Z", 2.0)))
    _noticed(caplog, nf.price_history_df)
    assert not old.exists() and young.exists()

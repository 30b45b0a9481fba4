"""Stores under faults: unreadable part files, corrupted frames, temp files of killed writers,
state moved out of the cache folder, and a history writer killed with SIGKILL."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import numista_frames as nf
from numista_frames.settings import Settings
from numista_frames.store import housekeeping
from numista_frames.store.frame_cache import FrameCache, PriceSnapshots
from numista_frames.store.housekeeping import DataMovedWarning, QuarantineWarning
from numista_frames.testing import FakeNumista, sample_price_history


def _history(types: int = 3) -> pd.DataFrame:
    frame = sample_price_history(types=types, months=6)
    assert nf.import_price_history(frame) == len(frame)
    return nf.price_history_df()


def _damage_one_part() -> tuple[Path, int]:
    """Overwrite one part file with garbage; returns it and how many rows it held."""
    root = nf.get_settings().history_path
    victim = sorted(root.rglob("part-*.parquet"))[0]
    rows = pq.read_metadata(victim).num_rows
    victim.write_bytes(b"PAR1 not really parquet at all")
    return victim, rows


def _quarantined(victim: Path) -> Path:
    root = nf.get_settings().history_path
    return root.parent / "_quarantine" / root.name / victim.relative_to(root)


def test_price_history_df__an_unreadable_part_is_skipped_named_and_quarantined(
        configured: FakeNumista) -> None:
    before = _history()
    victim, rows = _damage_one_part()
    with pytest.warns(QuarantineWarning, match=victim.name):
        after = nf.price_history_df()
    assert len(after) == len(before) - rows > 0  # every readable observation is still read
    assert not victim.exists() and _quarantined(victim).exists()
    assert len(nf.price_history_df()) == len(after)  # no warning the second time: it moved


def test_price_history__a_file_with_a_sound_footer_but_damaged_pages_is_quarantined(
        configured: FakeNumista) -> None:
    before = _history()
    root = nf.get_settings().history_path
    victim = max(root.rglob("part-*.parquet"), key=lambda p: p.stat().st_size)
    rows = pq.read_metadata(victim).num_rows
    data = bytearray(victim.read_bytes())
    footer = int.from_bytes(data[-8:-4], "little") + 8
    for i in range(4, len(data) - footer):
        data[i] = 0xFF  # every page header and value, but not the footer
    victim.write_bytes(bytes(data))
    pq.read_metadata(victim)  # the footer still reads: only reading the pages finds the damage
    with pytest.warns(QuarantineWarning, match=victim.name):
        after = nf.price_history_df()
    assert len(after) == len(before) - rows
    assert _quarantined(victim).exists()


def test_import_and_export_price_history__skip_an_unreadable_part(configured: FakeNumista,
                                                                 tmp_path: Path) -> None:
    before = _history()
    victim, rows = _damage_one_part()
    with pytest.warns(QuarantineWarning, match=victim.name):
        added = nf.import_price_history(before)  # e.g. a backup, exported earlier
    assert added == rows and _quarantined(victim).exists()  # the lost rows come back
    exported = nf.export_price_history(tmp_path / "all.parquet")
    assert len(pd.read_parquet(exported)) == len(before)


def test_export_price_history__skips_an_unreadable_part(configured: FakeNumista,
                                                        tmp_path: Path) -> None:
    before = _history()
    victim, rows = _damage_one_part()
    with pytest.warns(QuarantineWarning, match=victim.name):
        exported = nf.export_price_history(tmp_path / "all.csv")
    assert len(pd.read_csv(exported)) == len(before) - rows


def test_cache_info__skips_an_unreadable_history_part(configured: FakeNumista) -> None:
    _history()
    files = len(list(nf.get_settings().history_path.rglob("part-*.parquet")))
    victim, _ = _damage_one_part()
    with pytest.warns(QuarantineWarning, match=victim.name):
        info = nf.cache_info()
    history = info[info["kind"] == "price_history"]
    assert len(history) == files - 1 and (history["location"] == "data_dir (not a cache)").all()


def test_frame_cache__a_corrupted_frame_is_refetched_not_served(configured: FakeNumista,
                                                               cache_dir: Path) -> None:
    ids = [int(i) for i in nf.search_df("dollar", max_results=3)["id"]]
    first = nf.types_df(ids)
    [path] = [e.path for e in FrameCache(cache_dir / "frames").entries() if e.kind == "types"]
    path.write_bytes(b"\x00garbage" * 50)
    again = nf.types_df(ids)  # a warning in the log, no crash, the right rows
    pd.testing.assert_frame_equal(again, first)
    assert pq.read_metadata(path).num_rows == len(first)  # rebuilt and stored whole again


def test_remove_stale_temps__only_those_older_than_an_hour(tmp_path: Path) -> None:
    folder = tmp_path / "observed_month=2026-01" / "type_bucket=01"
    folder.mkdir(parents=True)
    old, young = folder / ".part-a.parquet.0123456789ab.tmp", folder / ".part-b.parquet.ba98.tmp"
    kept = folder / "part-c.parquet"
    for path in (old, young, kept):
        path.write_bytes(b"x")
    now = datetime.now(UTC)
    os.utime(old, (now.timestamp() - 3700, now.timestamp() - 3700))
    assert housekeeping.remove_stale_temps(tmp_path, now=now) == [old]
    assert young.exists() and kept.exists()
    assert housekeeping.remove_stale_temps(tmp_path, now=now + timedelta(hours=2)) == [young]


def test_price_snapshots__stale_temps_are_removed_when_the_store_opens(tmp_path: Path) -> None:
    store = PriceSnapshots(tmp_path / "history")
    [part] = store.append(sample_price_history(types=1, months=1).head(1))
    left = part.parent / f".{part.name}.deadbeef0000.tmp"
    left.write_bytes(b"half a file")
    os.utime(left, (0, 0))  # written long ago, by a writer killed since
    assert store.files() == [part] and not left.exists()


def _settings(tmp_path: Path) -> Settings:
    return Settings(cache_dir=tmp_path / "cache", data_dir=tmp_path / "data")


def test_adopt_legacy_state__moves_history_and_ledger_once_with_a_notice(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    old = PriceSnapshots(settings.cache_dir / "price_history")
    written = old.append(sample_price_history(types=2, months=2))
    old_ledger = settings.cache_dir / "quota_ledger.sqlite"
    old_ledger.write_bytes(b"ledger")
    with pytest.warns(DataMovedWarning, match="price history.*quota ledger"):
        moved = housekeeping.adopt_legacy_state(settings)
    assert len(moved) == 2 and not old.root.exists() and not old_ledger.exists()
    assert settings.ledger_path.read_bytes() == b"ledger"
    assert sorted(PriceSnapshots(settings.history_path).files()) == sorted(
        settings.history_path / p.relative_to(old.root) for p in written)
    assert housekeeping.adopt_legacy_state(settings) == []  # once per process


def test_adopt_legacy_state__merges_into_a_history_already_in_data_dir(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    new = PriceSnapshots(settings.history_path).append(sample_price_history(types=1, months=1))
    old = PriceSnapshots(settings.cache_dir / "price_history").append(
        sample_price_history(types=2, months=2))
    (settings.cache_dir / "quota_ledger.sqlite").write_bytes(b"old")
    settings.ledger_path.write_bytes(b"new")
    with pytest.warns(DataMovedWarning, match="price history"):
        housekeeping.adopt_legacy_state(settings)
    assert len(PriceSnapshots(settings.history_path).files()) == len(new) + len(old)
    assert settings.ledger_path.read_bytes() == b"new"  # a ledger in use is never replaced


def test_price_history_df__reads_a_history_left_in_the_old_cache_place(
        configured: FakeNumista, cache_dir: Path) -> None:
    frame = sample_price_history(types=2, months=2)
    PriceSnapshots(cache_dir / "price_history").append(frame)
    with pytest.warns(DataMovedWarning, match=str(nf.get_settings().data_dir)):
        assert len(nf.price_history_df()) == len(frame.drop_duplicates())
    assert not (cache_dir / "price_history").exists()


def test_clear_cache__never_touches_data_dir(configured: FakeNumista) -> None:
    history = _history()
    ids = [int(i) for i in nf.search_df("dollar", max_results=2)["id"]]
    nf.prices_df(ids[:1])
    data_dir = nf.get_settings().data_dir
    before = sorted((p, p.stat().st_size) for p in data_dir.rglob("*") if p.is_file())
    assert nf.clear_cache() > 0
    assert sorted((p, p.stat().st_size) for p in data_dir.rglob("*") if p.is_file()) == before
    assert len(nf.price_history_df()) >= len(history)


def test_cache_info__sizes_per_kind_and_total_with_the_history_apart(
        configured: FakeNumista) -> None:
    _history()
    nf.search_df("dollar", max_results=2)
    info = nf.cache_info()
    sizes = info.attrs["bytes_by_kind"]
    assert sizes["search"] > 0 and sizes["price_history"] > 0
    assert info.attrs["cache_bytes"] == sum(v for k, v in sizes.items() if k != "price_history")
    assert info.attrs["history_bytes"] == sizes["price_history"]
    assert info.attrs["http_cache_file_bytes"] > 0


_WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from numista_frames.store.frame_cache import PriceSnapshots
    from numista_frames.testing import sample_price_history
    store = PriceSnapshots(Path(sys.argv[1]))
    frame = sample_price_history(types=40, months=3)
    print("ready", flush=True)
    for round in range(10_000):
        store.append(frame.assign(price=frame["price"] + round))
        print(round, flush=True)
""")


@pytest.mark.slow
def test_history_writer__killed_at_random_points_loses_nothing_stored(tmp_path: Path) -> None:
    root = tmp_path / "history"
    store = PriceSnapshots(root)
    store.append(sample_price_history(types=5, months=12))
    stored = _read_all(store)
    rng = random.Random(9)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for _ in range(4):
        writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(root)], env=env,
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None
        for _ in range(rng.randint(1, 4)):  # a random number of whole rounds, then mid-round
            writer.stdout.readline()
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        after = _read_all(store)  # every part file reads: none is partial
        kept = stored.drop_duplicates().merge(after.drop_duplicates(), how="left", indicator=True)
        assert (kept["_merge"] == "both").all()  # nothing stored before is lost
        stored = after
    assert all(p.name.startswith("part-") for p in root.rglob("*.parquet"))
    later = datetime.now(UTC) + timedelta(hours=2)  # temp files of the killed writers, if any
    housekeeping.remove_stale_temps(root, now=later)
    assert [p for p in root.rglob("*") if p.is_file() and not p.name.startswith("part-")] == []


def _read_all(store: PriceSnapshots) -> pd.DataFrame:
    return pd.concat([pq.read_table(p).to_pandas() for p in store.files()], ignore_index=True)


@pytest.mark.slow
def test_demo__keeps_its_history_and_ledger_out_of_the_users_data_dir(cache_dir: Path,
                                                                    tmp_path: Path) -> None:
    from numista_frames.cli.demo import run_demo

    run_demo(tmp_path / "out", echo=lambda line: None)
    assert not nf.get_settings().data_dir.exists()  # the user's real data folder: untouched
    demo_data = cache_dir / "demo" / "data"
    assert any((demo_data / "price_history").rglob("part-*.parquet"))
    assert (demo_data / "quota_ledger.sqlite").exists()

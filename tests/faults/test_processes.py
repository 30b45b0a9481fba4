"""Processes: a history writer killed (SIGKILL) at random points loses nothing stored before,
and 2 processes x 8 threads on one cache dir get the right rows with consistent ledger counts."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import numista_frames as nf
from numista_frames.http.ledger import QuotaLedger, key_id
from numista_frames.testing import FakeNumista
from tests.faults.conftest import configure_for
from tests.faults.workers import WRITER_ROWS, WRITER_TYPES, loader_calls, rows_of

REPO = Path(__file__).resolve().parents[2]


def _child(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "tests.faults.workers", *args], cwd=REPO,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _rounds_in(history: pd.DataFrame) -> dict[int, int]:
    return history.groupby((history["price"] // 100000).astype(int)).size().to_dict()


@pytest.mark.slow
def test_sigkill_of_a_history_writer__nothing_stored_before_is_lost(data_dir: Path) -> None:
    rng = random.Random(20261205)
    stored: set[int] = set()
    first = 0
    for _ in range(3):
        with _child("history-writer", str(first)) as writer:
            assert writer.stdout is not None
            assert writer.stdout.readline().strip() == "ready"
            for _ in range(rng.randint(1, 4)):  # kill just after a random number of rounds
                line = writer.stdout.readline().split()
                stored.add(int(line[1]))
            writer.send_signal(signal.SIGKILL)  # most likely in the middle of the next round
            writer.wait(30)
        assert writer.returncode == -signal.SIGKILL
        history = nf.price_history_df()  # never fails on what a killed writer left
        rounds = _rounds_in(history)
        full = WRITER_TYPES * WRITER_ROWS
        assert all(rounds.get(n) == full for n in stored), (sorted(stored), rounds)
        assert set(rounds) - stored <= {max(rounds)}, "only the round being written may show"
        for part in (data_dir / "price_history").rglob("part-*.parquet"):
            pq.read_metadata(part)  # every visible part file is whole
        first = max(rounds) + 1


def test_two_processes_x_eight_threads__right_rows_no_errors_ledger_consistent(
        fake: FakeNumista, cache_dir: Path, data_dir: Path, tmp_path: Path) -> None:
    configure_for(fake.url, fake.api_key, tmp_path / "truth-cache", tmp_path / "truth-data")
    truth = {name: rows_of(call()) for name, call in loader_calls().items()}
    nf.reset_configuration()
    fake.clear_log()
    fake.reset_quota()
    children = [_child("loaders", fake.url, fake.api_key, "8") for _ in range(2)]
    outputs = [child.communicate(timeout=150) for child in children]
    for child, (_, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err[-3000:]
    results = [r for out, _ in outputs for r in json.loads(out.strip().splitlines()[-1])]
    assert len(results) == 2 * 8 * len(truth)
    errors = [r for r in results if "error" in r]
    assert errors == []
    wrong = [r["name"] for r in results if r["rows"] != truth[r["name"]]]
    assert wrong == []
    statuses = [entry.status for entry in fake.log]
    assert all(s is not None and s < 500 for s in statuses), statuses
    ledger = QuotaLedger(data_dir / "quota_ledger.sqlite")
    assert ledger.used(key_id(fake.api_key)) == len(fake.log) == fake.quota_used + statuses.count(429)

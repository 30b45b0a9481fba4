"""The command line: demo, serve-fake, quota, errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest
import requests

import numista_frames as nf
from numista_frames import cli


def test_demo__runs_twice_second_time_from_cache(cache_dir: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert cli.main(["demo", "--out", str(out)]) == 0
    first = capsys.readouterr().out
    assert 'search_df("dollar")' in first and "Source: Numista" in first
    assert "value known for" in first and "completion" in first
    assert "This run spent 0 request(s)" not in first
    dollars = pd.read_parquet(out / "dollar.parquet")
    assert len(dollars) > 50 and dollars.attrs["attribution"].startswith("Source: Numista")
    assert len(pd.read_parquet(out / "prices.parquet")) > 0
    stats = pd.read_csv(out / "collection_stats.csv")
    assert {"dimension", "key", "pieces"} <= set(stats.columns)
    for png in ("price_history.png", "collection.png"):
        image = plt.imread(out / png)
        assert image.shape[0] > 400 and image.std() > 0.01
    assert cli.main(["demo", "--out", str(out)]) == 0
    second = capsys.readouterr().out
    assert "This run spent 0 request(s)" in second
    assert "Caches answered everything" in second


def test_serve_fake__prints_its_url_and_serves_until_interrupted(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "numista_frames.cli", "serve-fake", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "Fake Numista API" in line
        url = line.strip().rsplit(" ", 1)[-1]
        answer = requests.get(url + "/issuers", headers={"Numista-API-Key": "k"}, timeout=10)
        assert answer.status_code == 200 and answer.json()["count"] >= 20
        answer.close()
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err


def test_quota__prints_used_and_remaining(monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NUMISTA_API_KEY", "some-key")
    assert cli.main(["quota"]) == 0
    assert "0 of 2000 requests used" in capsys.readouterr().out


def test_quota__without_a_key_says_how_to_set_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["quota"]) == 1
    assert "NUMISTA_API_KEY" in capsys.readouterr().err


def test_usage_error__exit_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["no-such-command"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_numista_error__one_line_on_stderr_exit_1(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    def fail(self: object) -> None:
        raise nf.OfflineError("GET /issuers")

    monkeypatch.setattr(nf.Client, "quota", fail)
    assert cli.main(["quota"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("numista-frames: error: offline mode is on") and err.count("\n") == 1


def test_bad_setting__one_line_on_stderr_exit_2(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NUMISTA_FRAMES_MAX_CONCURRENT", "99")
    assert cli.main(["quota"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("numista-frames: error: ") and err.count("\n") == 1
    assert "Traceback" not in err

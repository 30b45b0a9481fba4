"""The ``watch`` and ``track`` commands (cli/tracking.py) against the fake API."""

from __future__ import annotations

import pytest

import numista_frames as nf
from numista_frames.cli import app as cli
from numista_frames.testing import FakeNumista


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = cli.main(list(argv))
    except SystemExit as exc:
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def _prices(fake: FakeNumista, type_id: int) -> dict[int, dict[str, float]]:
    prices: dict[int, dict[str, float]] = fake.catalogue._prices  # type: ignore[attr-defined]
    return prices


def test_watch_add_list_remove(configured: FakeNumista, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "watch", "add", "1337", "1390")
    assert status == 0 and err == "" and "2 type(s) whose issues" in out
    assert "No request spent" in out and configured.request_count() == 0
    status, out, _ = run(capsys, "watch", "list")
    assert status == 0 and "0 watched prices; 2 type(s) not read yet" in out
    status, out, _ = run(capsys, "track", "--budget", "20")
    assert status == 0 and configured.request_count() <= 20
    status, out, _ = run(capsys, "watch", "list")
    assert "6 watched prices" in out and "1337" in out
    status, out, _ = run(capsys, "watch", "remove", "1337")
    assert status == 0 and "Stopped watching 3 price(s)" in out
    assert set(nf.watchlist()["type_id"]) == {1390}


def test_track__dry_run_prints_the_plan(configured: FakeNumista,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "watch", "add", "1337")
    status, out, err = run(capsys, "track", "--budget", "10", "--dry-run")
    assert status == 0 and err == ""
    assert out.startswith("dry run at ") and "first check" in out
    assert configured.request_count() == 1  # the issue list only


def test_track__alert_lists_big_moves(configured: FakeNumista,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "watch", "add", "1337", "--issue-id", "27055", "--issue-id", "27057")
    assert run(capsys, "track", "--budget", "5")[0] == 0
    prices = _prices(configured, 1337)
    prices[27055] = {g: p * 1.5 for g, p in prices[27055].items()}
    prices[27057] = {g: p * 1.05 for g, p in prices[27057].items()}
    status, out, _ = run(capsys, "track", "--budget", "5", "--alert", "20")
    assert status == 0
    alerts = out.split("Moves of at least 20%:")[1]
    assert "27055" in alerts and "27057" not in alerts


def test_watch__bad_input_is_one_error_line(configured: FakeNumista,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "watch", "add")
    assert status == 2 and "nothing to watch" in err and err.count("\n") == 1
    status, _, err = run(capsys, "track", "--budget", "-3")
    assert status == 2 and "budget" in err
    status, _, err = run(capsys, "track", "--alert", "x")
    assert status == 2

"""Every fault the fake injects x every loader, once and persistent: right rows or a clear error,
and a clean rerun afterwards returns the right rows (nothing was poisoned)."""

from __future__ import annotations

from pathlib import Path

import pytest

from numista_frames.testing import FAULT_KINDS, FakeNumista
from tests.faults.conftest import LOADERS, Loader, assert_clear, assert_rows, attempt, baseline, configure_for

#: A GET meeting one of these once is retried and must still give exactly the right rows.
RETRIED_ONCE = frozenset(FAULT_KINDS) - {"quota"}


def _setup(fake: FakeNumista, cache_dir: Path, kind: str) -> None:
    fake.image_search = True
    if kind == "slow":  # a stall longer than the client waits, kept short
        fake.slow_seconds = 0.6
        configure_for(fake.url, fake.api_key, cache_dir, timeout=0.25)
    else:
        configure_for(fake.url, fake.api_key, cache_dir)


def _struck(fake: FakeNumista, kind: str) -> list[str]:
    """The faults that struck; a stalled request still being served counts as a "slow" one."""
    return [e.fault or "slow" for e in fake.log
            if e.fault or (kind == "slow" and e.status is None)]


def _cases(persistent: bool) -> list[object]:
    out = []
    for loader in LOADERS:
        for kind in FAULT_KINDS:
            marks = [pytest.mark.slow] if persistent and kind in ("slow", "throttle") else []
            out.append(pytest.param(loader, kind, id=f"{loader.name}-{kind}", marks=marks))
    return out


@pytest.mark.parametrize(("loader", "kind"), _cases(False))
def test_fault_once__right_rows_or_clear_error_then_clean_rerun(
        loader: Loader, kind: str, fake: FakeNumista, cache_dir: Path, tmp_path: Path) -> None:
    expected = baseline(loader)
    _setup(fake, cache_dir, kind)
    fake.inject(kind, path=loader.path)
    first = attempt(lambda: loader.call(tmp_path / "work"))
    assert _struck(fake, kind) == [kind], "the fault must strike once"
    if loader.method == "GET" and kind in RETRIED_ONCE:
        assert_rows(first, expected)
    elif kind == "quota":
        assert first.error is not None and type(first.error).__name__ == "QuotaExceededError"
    else:
        assert_clear(first, expected)
    fake.clear_faults()
    assert_rows(attempt(lambda: loader.call(tmp_path / "work")), expected)


@pytest.mark.parametrize(("loader", "kind"), _cases(True))
def test_fault_persistent__clear_error_then_clean_rerun(
        loader: Loader, kind: str, fake: FakeNumista, cache_dir: Path, tmp_path: Path) -> None:
    expected = baseline(loader)
    _setup(fake, cache_dir, kind)
    fake.set_fault_rate(1.0, [kind])
    first = attempt(lambda: loader.call(tmp_path / "work"))
    assert set(_struck(fake, kind)) == {kind} and len(_struck(fake, kind)) == len(fake.log), (
        "every request must meet the fault")
    assert_clear(first, expected)
    if first.error is None and kind not in ("slow",):  # every request failed: nothing to show
        assert first.partial, "a frame made of failed requests must say so"
    fake.clear_faults()
    assert_rows(attempt(lambda: loader.call(tmp_path / "work")), expected)

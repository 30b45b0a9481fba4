"""Shared fixtures: an isolated environment, the fake Numista API and clients pointed at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import numista_frames as nf
from numista_frames.config import ENV_VARS
from numista_frames.testing import FakeNumista

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "numista-api"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test sees the developer's key, cache or configuration."""
    for var in ENV_VARS.values():
        monkeypatch.delenv(var, raising=False)
    cache = tmp_path / "cache"
    monkeypatch.setenv("NUMISTA_FRAMES_CACHE_DIR", str(cache))
    nf.reset_configuration()
    yield cache
    nf.reset_configuration()


@pytest.fixture
def cache_dir(isolated_env: Path) -> Path:
    return isolated_env


@pytest.fixture
def fake() -> Iterator[FakeNumista]:
    with FakeNumista() as api:
        yield api


def make_client(fake: FakeNumista, cache_dir: Path, **overrides: Any) -> nf.Client:
    """A client of the fake with fast retries and no rate ceiling (tests stay quick)."""
    settings: dict[str, Any] = dict(
        api_url=fake.url, api_key=fake.api_key, cache_dir=cache_dir, requests_per_second=None,
        backoff_factor=0.001, backoff_max=0.05, max_retries=3, timeout=5.0,
    )
    settings.update(overrides)
    return nf.Client(**settings)


@pytest.fixture
def client(fake: FakeNumista, cache_dir: Path) -> Iterator[nf.Client]:
    with make_client(fake, cache_dir) as c:
        yield c

"""Two clients with different keys and APIs (two fakes) in one process, in threads: no crossed
settings, tokens or counts; configure() keeps tokens; configured() is scoped to its context."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import numista_frames as nf
from numista_frames.http.ledger import QuotaLedger, key_id
from numista_frames.settings import configured
from numista_frames.testing import FakeNumista
from tests.faults.conftest import QUICK, configure_for

KEY_A, KEY_B = "key-of-alice-0a1b2c", "key-of-bob-9z8y7x"
TYPES = [6149, 6159, 6164, 6542, 6573]


@pytest.fixture
def two(cache_dir: Path) -> Iterator[tuple[FakeNumista, FakeNumista, nf.Client, nf.Client]]:
    with FakeNumista(api_keys=[KEY_A]) as a, FakeNumista(api_keys=[KEY_B]) as b:
        alice = nf.Client(api_url=a.url, api_key=KEY_A, cache_dir=cache_dir, lang="en",
                          currency="EUR", **QUICK)
        bob = nf.Client(api_url=b.url, api_key=KEY_B, cache_dir=cache_dir, lang="fr",
                        currency="USD", **QUICK)
        with alice, bob:
            yield a, b, alice, bob


def _work(client: nf.Client) -> list[Any]:
    out: list[Any] = [client.get_type(t) for t in TYPES]
    out.append(len(client.get_collected_items()["items"]))
    out.append(client.get_prices(6542, 31842)["currency"])
    return out


def _in_threads(jobs: list[Callable[[], Any]]) -> list[Any]:
    barrier = threading.Barrier(len(jobs))

    def start(job: Callable[[], Any]) -> Any:
        barrier.wait()
        return job()

    with ThreadPoolExecutor(len(jobs)) as pool:
        return list(pool.map(start, jobs))


def test_two_clients_in_threads__no_crossed_settings_tokens_or_counts(
        two: tuple[FakeNumista, FakeNumista, nf.Client, nf.Client], data_dir: Path) -> None:
    a, b, alice, bob = two
    alice.quota(), bob.session  # first use of the SQLite files one at a time: see the test below
    alice.get_issuers(), bob.get_issuers()
    a.clear_log(), b.clear_log()
    alice.counts.network = bob.counts.network = 0
    results = _in_threads([(lambda c=c: _work(c)) for c in [alice, bob] * 4])
    en = [a.catalogue.get_type(t, "en") for t in TYPES]
    fr = [b.catalogue.get_type(t, "fr") for t in TYPES]
    assert en != fr
    for index, got in enumerate(results):
        mine = (en, "EUR") if index % 2 == 0 else (fr, "USD")
        assert got[: len(TYPES)] == mine[0] and got[-1] == mine[1]
    assert all(e.status == 200 for fake in (a, b) for e in fake.log), "a key or token crossed"
    assert {e.params.get("lang") for e in a.log if "lang" in e.params} == {"en"}
    assert {e.params.get("lang") for e in b.log if "lang" in e.params} == {"fr"}
    assert alice.counts.network == len(a.log) and bob.counts.network == len(b.log)
    assert a.request_count("/oauth_token") == b.request_count("/oauth_token") == 1
    ledger = QuotaLedger(data_dir / "quota_ledger.sqlite")
    assert ledger.used(key_id(KEY_A)) == len(a.log) + 1 and ledger.used(key_id(KEY_B)) == len(b.log) + 1
    assert alice.quota().used == len(a.log) + 1 and bob.quota().used == len(b.log) + 1


def test_two_clients_first_use_at_once__never_database_is_locked(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with FakeNumista(api_keys=[KEY_A]) as a, FakeNumista(api_keys=[KEY_B]) as b:
        for trial in range(25):
            root = tmp_path / str(trial)
            clients = [nf.Client(api_url=f.url, api_key=k, cache_dir=root / "cache",
                                 data_dir=root / "data", **QUICK) for f, k in ((a, KEY_A), (b, KEY_B))]
            with caplog.at_level("WARNING", logger="numista_frames"):
                _in_threads([lambda c=c: c.get_type(6149) for c in clients * 4])
            for client in clients:
                client.close()
            assert [r.getMessage() for r in caplog.records] == []
            ledger = QuotaLedger(root / "data" / "quota_ledger.sqlite")
            assert ledger.used(key_id(KEY_A)) + ledger.used(key_id(KEY_B)) == 2


def test_two_clients_loaders_in_threads__each_frame_from_its_own_client(
        two: tuple[FakeNumista, FakeNumista, nf.Client, nf.Client]) -> None:
    a, b, alice, bob = two
    calls = [lambda c=c: nf.types_df(TYPES, client=c, progress=False) for c in [alice, bob] * 3]
    calls += [lambda c=c: nf.collection_df(client=c) for c in [alice, bob]]
    frames = _in_threads(calls)
    en = nf.types_df(TYPES, client=alice, progress=False)
    fr = nf.types_df(TYPES, client=bob, progress=False)
    assert not en.equals(fr)
    for index, frame in enumerate(frames[:6]):
        assert frame.equals(en if index % 2 == 0 else fr)
    assert all(e.status == 200 for fake in (a, b) for e in fake.log)


def test_configured__scoped_to_its_thread(fake: FakeNumista, cache_dir: Path) -> None:
    configure_for(fake.url, fake.api_key, cache_dir, lang="en")
    inside, seen = threading.Event(), threading.Event()
    langs: dict[str, str] = {}

    def scoped() -> None:
        with configured(lang="fr"):
            langs["inside"] = nf.get_settings().lang
            inside.set()
            seen.wait(5)

    def other() -> None:
        inside.wait(5)
        langs["other"] = nf.get_settings().lang
        seen.set()

    _in_threads([scoped, other])
    assert langs == {"inside": "fr", "other": "en"}


def test_configure__keeps_oauth_tokens(fake: FakeNumista, cache_dir: Path) -> None:
    configure_for(fake.url, fake.api_key, cache_dir)
    nf.collection_df()
    tokens = fake.request_count("/oauth_token")
    nf.configure(lang="fr")
    nf.collections_df()
    assert fake.request_count("/oauth_token") == tokens == 1

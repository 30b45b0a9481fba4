"""Shared fixtures: an isolated environment, the fake Numista API and clients pointed at it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import numista_frames as nf
from numista_frames.http import oauth
from numista_frames.settings import ENV_VARS
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
    monkeypatch.setenv("NUMISTA_FRAMES_DATA_DIR", str(tmp_path / "data"))
    nf.reset_configuration()
    _forget_tokens()
    yield cache
    nf.reset_configuration()
    _forget_tokens()


def _forget_tokens() -> None:
    """Drop the process's OAuth tokens: a later test's fake may reuse a port (same URL, same
    default key) and would reject a token an earlier fake issued, costing an unplanned request."""
    with oauth._stores_lock:
        oauth._stores.clear()


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


class ScriptedServer:
    """A tiny loopback HTTP server answering from a script: for odd answers the fake never gives
    (``Retry-After`` headers, short bodies, redirects). Records each request's headers."""

    def __init__(self, answers: list[tuple[int, dict[str, str], bytes]]) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.answers = list(answers)
        self.seen: list[dict[str, str]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                outer.seen.append(dict(self.headers))
                status, headers, body = outer.answers.pop(0) if outer.answers else (200, {}, b"{}")
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                if "Content-Length" in headers:
                    self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v3"

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


@pytest.fixture
def configured(fake: FakeNumista, cache_dir: Path) -> FakeNumista:
    """The process default (what the loaders use) pointed at the fake, with quick retries."""
    nf.configure(api_url=fake.url, api_key=fake.api_key, cache_dir=cache_dir,
                 requests_per_second=None, backoff_factor=0.001, backoff_max=0.05, max_retries=2,
                 timeout=5.0)
    return fake


def run_stalled_until_exit(method: str, body: str) -> None:
    """Run ``body`` in a new Python process whose ``method`` (``"module:Class.name"``, a writer
    taking ``(self, rows)``) stalls until the process exits, as a slow disk would: whatever it
    was handed is still queued when the interpreter starts to shut down."""
    module, _, qualname = method.partition(":")
    owner, _, name = qualname.partition(".")
    prelude = f"""
import atexit, importlib, threading
owner = getattr(importlib.import_module({module!r}), {owner!r})
write = getattr(owner, {name!r})
release = threading.Event()
def stalled(self, rows):
    release.wait(30)
    write(self, rows)
setattr(owner, {name!r}, stalled)
atexit.register(release.set)  # runs before the library's flush (atexit is last in, first out)
"""
    subprocess.run([sys.executable, "-c", prelude + body], check=True, timeout=60)

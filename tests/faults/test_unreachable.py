"""An unreachable API fails within about 10 s by default, with a TransportError that names the
URL, where it came from and what to check; nothing is cached or recorded as spent."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

import numista_frames as nf


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_unreachable_api__transport_error_within_10_s_naming_url_and_source(
        cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/v3"
    monkeypatch.setenv("NUMISTA_API_URL", url)
    nf.configure(api_key="some-key")
    started = time.monotonic()
    with pytest.raises(nf.TransportError) as caught:
        nf.types_df([6149], progress=False)
    elapsed = time.monotonic() - started
    message = str(caught.value)
    assert elapsed < 11, elapsed
    assert url in message and "NUMISTA_API_URL" in message, message
    assert "urllib3" not in message and "HTTPConnectionPool" not in message, message
    assert caught.value.connected is False
    assert nf.quota().used == 0  # nothing reached a server: nothing spent

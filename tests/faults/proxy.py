"""A TCP proxy on loopback in front of the fake API that spoils answers the way real networks do."""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: What the proxy can do to one exchange instead of relaying it faithfully.
PROXY_FAULTS = (
    "reset_before_headers",  # read the request, then reset the connection: nothing answered
    "reset_mid_body",        # relay the headers and half the body, then reset
    "truncate_body",         # relay the headers (full Content-Length) and half the body, then close
    "garbage",               # answer bytes that are not HTTP at all
    "html_502",              # a proxy's HTML error page, status 502
    "html_200",              # an HTML page with status 200 (a captive portal, a CDN error page)
    "empty_200",             # status 200, Content-Length 0
    "wrong_shape",           # status 200 with well-formed JSON of the wrong shape (given body)
)

_HTML = b"<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>"


@dataclass(frozen=True)
class Spoil:
    """One fault: its kind, the request paths it may strike, and the body of ``wrong_shape``."""

    kind: str
    path: str | None = None
    body: Any = None

    def matches(self, target: str) -> bool:
        return self.path is None or self.path in target


class FaultProxy:
    """A threaded proxy on 127.0.0.1: each request is relayed to ``upstream`` over a fresh
    connection, or spoiled by a fault planned for it.

    Every answer the proxy writes closes its connection, so each request arrives on a new one
    and a fault strikes exactly the request it was planned for.

    Parameters
    ----------
    upstream_port : int
        Port of the server behind (the fake API) on 127.0.0.1.
    """

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self._plan: list[Spoil] = []
        self._persistent: Spoil | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.requests: list[tuple[str, str, str | None]] = []  # (method, target, fault)

    # -- control ------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v3"

    def plan(self, kind: str, *, path: str | None = None, body: Any = None, times: int = 1) -> None:
        """Spoil the next ``times`` requests whose target contains ``path``."""
        _check(kind)
        with self._lock:
            self._plan.extend([Spoil(kind, path, body)] * times)

    def always(self, kind: str, *, path: str | None = None, body: Any = None) -> None:
        """Spoil every matching request until :meth:`clear`."""
        _check(kind)
        with self._lock:
            self._persistent = Spoil(kind, path, body)

    def clear(self) -> None:
        """Relay everything faithfully from now on."""
        with self._lock:
            self._plan.clear()
            self._persistent = None

    def spoiled(self) -> int:
        """How many requests a fault struck so far."""
        with self._lock:
            return sum(fault is not None for _, _, fault in self.requests)

    def __enter__(self) -> FaultProxy:
        thread = threading.Thread(target=self._serve, name="fault-proxy", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in list(self._threads):
            thread.join(5)
        self._listener.close()

    # -- serving ------------------------------------------------------------------------------

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._connection, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _draw(self, target: str) -> Spoil | None:
        with self._lock:
            for index, spoil in enumerate(self._plan):
                if spoil.matches(target):
                    del self._plan[index]
                    return spoil
            if self._persistent is not None and self._persistent.matches(target):
                return self._persistent
        return None

    def _connection(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        with contextlib.closing(conn):
            try:
                request = _read_request(conn)
            except (OSError, ValueError):
                return
            if request is None:
                return
            head, body = request
            method, target = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")[:2]
            spoil = self._draw(target)
            with self._lock:
                self.requests.append((method, target, None if spoil is None else spoil.kind))
            with contextlib.suppress(OSError):  # the client may hang up first: that is its right
                self._answer(conn, head, body, spoil)

    def _answer(self, conn: socket.socket, head: bytes, body: bytes, spoil: Spoil | None) -> None:
        kind = None if spoil is None else spoil.kind
        if kind == "reset_before_headers":
            return _reset(conn)
        if kind == "garbage":
            conn.sendall(b"\x00\xff\xfe garbage \x13\x37 not http at all\r\n\r\n\x00")
            return None
        if kind in ("html_502", "html_200"):
            status = "502 Bad Gateway" if kind == "html_502" else "200 OK"
            conn.sendall(_response(status, "text/html", _HTML))
            return None
        if kind == "empty_200":
            conn.sendall(_response("200 OK", "application/json", b""))
            return None
        if kind == "wrong_shape":
            payload = json.dumps(spoil.body if spoil is not None else None).encode()
            conn.sendall(_response("200 OK", "application/json", payload))
            return None
        upstream = self._relay(head, body)
        if kind is None:
            conn.sendall(upstream)
            return None
        answer_head, _, answer_body = upstream.partition(b"\r\n\r\n")
        half = answer_head + b"\r\n\r\n" + answer_body[: max(1, len(answer_body) // 2)]
        conn.sendall(half)
        if kind == "reset_mid_body":
            return _reset(conn)
        return None  # truncate_body: a clean close, short of Content-Length

    def _relay(self, head: bytes, body: bytes) -> bytes:
        """Send the request upstream on a fresh connection; return its answer (closing)."""
        lines = [line for line in head.split(b"\r\n")
                 if not line.lower().startswith((b"connection:", b"keep-alive:"))]
        request = b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body
        with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30) as up:
            up.sendall(request)
            answer = b"".join(_chunks(up))
        answer_head, sep, answer_body = answer.partition(b"\r\n\r\n")
        kept = [line for line in answer_head.split(b"\r\n")
                if not line.lower().startswith(b"connection:")]
        return b"\r\n".join([*kept, b"Connection: close"]) + sep + answer_body


def _check(kind: str) -> None:
    if kind not in PROXY_FAULTS:
        raise ValueError(f"unknown proxy fault {kind!r}; choose from {PROXY_FAULTS}")


def _chunks(sock: socket.socket) -> Iterator[bytes]:
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return
        yield chunk


def _read_request(conn: socket.socket) -> tuple[bytes, bytes] | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head, body


def _response(status: str, content_type: str, body: bytes) -> bytes:
    head = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n")
    return head.encode("ascii") + body


def _reset(conn: socket.socket) -> None:
    """Close with an RST (linger 0) rather than a FIN: a connection reset by peer."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()

"""How the fake Numista API serves one request: limits, faults, key, quota, endpoint, log, HTTP I/O."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import socket
import socketserver
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from numista_frames.testing.faults import ANSWERED_FAULTS, ConcurrencyGate, FaultPlan, QuotaCounter
from numista_frames.testing.routes import Call, Response, Services, dispatch

__all__ = ["QUOTA_MESSAGE", "THROTTLE_MESSAGE", "Incoming", "LoggedRequest", "LoopbackServer", "Pipeline"]

logger = logging.getLogger(__name__)

THROTTLE_MESSAGE = "Too many simultaneous requests"
QUOTA_MESSAGE = "Quota exceeded: the monthly quota of requests for this API key has been reached"
_BASES = ("/api/v3", "/v3")
_REDACTED = "REDACTED"
_SECRET_PARAMS = frozenset({"client_secret", "code", "access_token", "api_key", "key"})
_FAULT_ANSWERS = {
    "throttle": (429, THROTTLE_MESSAGE),
    "quota": (429, QUOTA_MESSAGE),
    "500": (500, "Internal server error"),
    "502": (502, "Bad gateway"),
    "503": (503, "Service temporarily unavailable"),
}


@dataclass(frozen=True)
class LoggedRequest:
    """One request that reached the fake server (never with its key, token or client secret).

    Parameters
    ----------
    method : str
        HTTP method.
    path : str
        Path relative to the base (``/types/42``), or the raw path when outside ``/v3``.
    params : dict
        Query parameters (and the form fields of ``POST /oauth_token``), secrets redacted.
    time : float
        Arrival time, seconds since the epoch.
    status : int or None
        The status answered; None while the request is being served (entries are logged on
        arrival) and when the connection was closed without an answer.
    fault : str or None
        The injected fault that struck the request, if any.
    """

    method: str
    path: str
    params: dict[str, str]
    time: float
    status: int | None
    fault: str | None


@dataclass(frozen=True)
class Incoming:
    """A request as read off the wire (``path`` relative to the base when ``in_base``)."""

    method: str
    path: str
    in_base: bool
    params: dict[str, str]
    body: bytes
    api_key: str
    authorization: str | None


@dataclass(frozen=True)
class Outcome:
    """The answer to write (None: close without answering) and the fault that shaped it."""

    response: Response | None
    fault: str | None = None

    @property
    def status(self) -> int | None:
        """The status the client will see; None when the connection is dropped."""
        if self.response is None or self.fault == "drop_after":
            return None
        return self.response.status


def _error(status: int, message: str) -> Response:
    return Response(status, {"error_message": message})


def _encode(body: Any) -> bytes:
    """JSON as PHP's json_encode writes it: compact, ``\\uXXXX`` and ``\\/`` escapes."""
    text = json.dumps(body, ensure_ascii=True, separators=(",", ":"))
    return text.replace("/", "\\/").encode("ascii")


def _first_values(query: str) -> dict[str, str]:
    params: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        params.setdefault(key, value)
    return params


def _split_base(path: str) -> tuple[str, bool]:
    for base in _BASES:
        if path == base or path.startswith(base + "/"):
            return path[len(base) :] or "/", True
    return path, False


class Pipeline:
    """Serve requests through the concurrency gate, latency, faults, key and quota checks, log them.

    Parameters
    ----------
    max_concurrency : int
        Requests allowed in flight at once.
    monthly_quota : int or None
        Requests allowed per key and UTC month.
    api_keys : frozenset of str or None
        Valid keys; None accepts any non-empty key.
    """

    def __init__(
        self, max_concurrency: int, monthly_quota: int | None, api_keys: frozenset[str] | None
    ) -> None:
        self.gate = ConcurrencyGate(max_concurrency)
        self.quota = QuotaCounter(monthly_quota)
        self.faults = FaultPlan()
        self.api_keys = api_keys
        self.latency = 0.0
        self.slow_seconds = 2.0
        self._log: list[LoggedRequest] = []
        self._log_lock = threading.Lock()

    def entries(self) -> list[LoggedRequest]:
        """A copy of the log, oldest first."""
        with self._log_lock:
            return list(self._log)

    def clear_log(self) -> None:
        """Empty the log and restart the in-flight maximum."""
        with self._log_lock:
            self._log.clear()
        self.gate.reset_max()

    def handle(self, incoming: Incoming, services: Services) -> Outcome:
        """Answer one request, logging it on arrival and completing the entry before the answer.

        Parameters
        ----------
        incoming : Incoming
            The request.
        services : Services
            What the endpoints answer from.

        Returns
        -------
        Outcome
            What to write.
        """
        params = {k: (_REDACTED if k in _SECRET_PARAMS else v) for k, v in incoming.params.items()}
        arrival = LoggedRequest(incoming.method, incoming.path, params, time.time(), None, None)
        with self._log_lock:
            self._log.append(arrival)
        throttled = Outcome(_error(429, THROTTLE_MESSAGE))
        admitted = self.gate.enter()
        try:
            outcome = self._admitted(incoming, services) if admitted else throttled
        finally:
            self.gate.leave()
        self._complete(arrival, outcome)
        return outcome

    def _complete(self, arrival: LoggedRequest, outcome: Outcome) -> None:
        done = dataclasses.replace(arrival, status=outcome.status, fault=outcome.fault)
        with self._log_lock:
            for index in range(len(self._log) - 1, -1, -1):  # recent entries are near the end
                if self._log[index] is arrival:
                    self._log[index] = done
                    return

    def _admitted(self, incoming: Incoming, services: Services) -> Outcome:
        if self.latency > 0:
            time.sleep(self.latency)
        fault = self.faults.draw(incoming.path, incoming.method)
        if fault == "drop":
            return Outcome(None, fault)
        if fault in ANSWERED_FAULTS:
            return Outcome(_error(*_FAULT_ANSWERS[str(fault)]), fault)
        if fault == "slow":
            time.sleep(self.slow_seconds)
        return Outcome(self._answer(incoming, services), fault)

    def _answer(self, incoming: Incoming, services: Services) -> Response:
        if not incoming.in_base:
            return _error(404, f"Unknown endpoint {incoming.path}")
        if not incoming.api_key:
            return _error(401, "Missing API key: send it in the Numista-API-Key header")
        if self.api_keys is not None and incoming.api_key not in self.api_keys:
            return _error(401, "Invalid API key")
        if not self.quota.spend(incoming.api_key):
            return _error(429, QUOTA_MESSAGE)
        call = Call(
            incoming.method,
            incoming.path,
            incoming.params,
            incoming.body,
            incoming.api_key,
            incoming.authorization,
        )
        try:
            return dispatch(services, call)
        except Exception as error:  # a bug in the fake must answer, not hang the client
            logger.exception("fake Numista failed on %s %s", incoming.method, incoming.path)
            return _error(500, f"Internal error of the fake server: {error!r}")


class LoopbackServer(ThreadingHTTPServer):
    """A threading HTTP/1.1 server that closes its keep-alive connections on stop.

    Parameters
    ----------
    address : tuple of (str, int)
        Host and port (0 for a free one).
    pipeline : Pipeline
        Serves each request.
    services : Services
        What the endpoints answer from.
    """

    daemon_threads = True

    def __init__(self, address: tuple[str, int], pipeline: Pipeline, services: Services) -> None:
        self.pipeline = pipeline
        self.services = services
        self._connections: set[socket.socket] = set()
        self._idle = threading.Condition()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind without HTTPServer's host-name lookup, which can stall for seconds without DNS."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        """Track the connection, then serve it in its own thread."""
        with self._idle:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        """Close the connection and stop tracking it."""
        super().shutdown_request(request)
        with self._idle:
            self._connections.discard(request)
            self._idle.notify_all()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Log (instead of printing) errors such as a client vanishing mid-request."""
        logger.debug("fake Numista connection from %s failed", client_address, exc_info=True)

    def close_connections(self, timeout: float = 2.0) -> None:
        """Shut down open connections and wait (up to ``timeout``) for their threads to finish."""
        with self._idle:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
            self._idle.wait_for(lambda: not self._connections, timeout)


class _Handler(BaseHTTPRequestHandler):
    """Turns keep-alive HTTP/1.1 requests into :class:`Incoming` and writes the answers."""

    protocol_version = "HTTP/1.1"
    # Headers and body leave in one write (handle_one_request flushes): written apart, Nagle and
    # delayed ACKs would stall every answer by ~40 ms.
    wbufsize = 64 * 1024
    server: LoopbackServer

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PATCH = do_DELETE = do_PUT = do_OPTIONS = do_HEAD = do_GET  # noqa: N815

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug(format, *args)

    def _serve(self) -> None:
        incoming = self._incoming()
        if incoming is not None:
            self._send(self.server.pipeline.handle(incoming, self.server.services))

    def _incoming(self) -> Incoming | None:
        try:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        except ValueError:
            self.close_connection = True
            self._send(Outcome(_error(400, "Invalid Content-Length")))
            return None
        url = urlsplit(self.path)
        path, in_base = _split_base(url.path)
        params = _first_values(url.query)
        if path == "/oauth_token" and "form-urlencoded" in (self.headers.get("Content-Type") or ""):
            params.update(_first_values(body.decode("utf-8", "replace")))
        api_key = (self.headers.get("Numista-API-Key") or "").strip()
        return Incoming(self.command, path, in_base, params, body, api_key, self.headers.get("Authorization"))

    def _send(self, outcome: Outcome) -> None:
        response = outcome.response
        if response is None or outcome.fault == "drop_after":
            self.close_connection = True
            return
        payload = b"" if response.body is None else _encode(response.body)
        if outcome.fault == "malformed":
            payload = payload[: max(1, len(payload) // 2)]
        try:
            self.send_response(response.status)
            for name, value in response.headers:
                self.send_header(name, value)
            if response.status != 204:
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
        except OSError:
            self.close_connection = True

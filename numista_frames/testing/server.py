"""The fake Numista API server: start and stop it, turn its knobs, read its request log."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import Any

from numista_frames.testing.catalogue import SampleCatalogue, load_sample_catalogue
from numista_frames.testing.collection import UserStore
from numista_frames.testing.market import Market
from numista_frames.testing.oauth import Clock, TokenStore
from numista_frames.testing.routes import Services
from numista_frames.testing.transport import LoggedRequest, LoopbackServer, Pipeline
from numista_frames.testing.vocabulary import JsonDict

__all__ = ["DEFAULT_API_KEY", "DEFAULT_USER_ID", "FakeNumista", "LoggedRequest", "serve_forever"]

logger = logging.getLogger(__name__)

#: The key ``FakeNumista.api_key`` holds when ``api_keys`` is not given.
DEFAULT_API_KEY = "fake-numista-key"
#: The user every API key belongs to unless ``users_by_key`` says otherwise.
DEFAULT_USER_ID = 1


class FakeNumista:
    """A fake Numista API v3 on loopback, serving the sample catalogue like the real service.

    Parameters
    ----------
    catalogue : SampleCatalogue or Mapping, optional
        What to serve; by default the shipped sample catalogue, loaded on first use.
    port : int
        Port to listen on; 0 picks a free one.
    host : str
        Address to listen on.
    latency : float
        Seconds added to every admitted request (settable while running).
    max_concurrency : int
        A request arriving while that many are in flight gets 429 "Too many simultaneous requests".
    monthly_quota : int, optional
        Requests per API key and UTC month; then every request of that key gets 429
        "Quota exceeded". Requests answered 401, 429 or by an injected answered fault
        (throttle, quota, 5xx, drop) are not counted; everything else is, 4xx included.
    api_keys : Iterable of str, optional
        The valid keys (the first one becomes :attr:`api_key`); by default any non-empty key.
    users_by_key : Mapping, optional
        The user tied to each key (None: no user, so client-credentials tokens answer 501);
        unlisted keys belong to user 1.
    page_size_cap : int, optional
        Serve at most this many search results per page whatever ``count`` asks (Numista
        documents 50 as the maximum); settable while running.
    image_search : bool
        Enable ``POST /search_by_image`` (else 403).
    token_ttl : int
        Lifetime of OAuth tokens in seconds (``expires_in``).
    slow_seconds : float
        How long a "slow" fault stalls.
    market : Market, optional
        Market mode: price estimates move with the market's clock (:attr:`market`); by
        default they never change.

    Examples
    --------
    >>> import json, urllib.request
    >>> with FakeNumista({"types": [{"id": 1, "title": "1 Cent"}]}) as api:
    ...     req = urllib.request.Request(api.url + "/types/1",
    ...                                  headers={"Numista-API-Key": api.api_key})
    ...     with urllib.request.urlopen(req) as resp:
    ...         json.load(resp)["title"]
    '1 Cent'
    """

    def __init__(
        self,
        catalogue: SampleCatalogue | Mapping[str, Any] | None = None,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        latency: float = 0.0,
        max_concurrency: int = 10,
        monthly_quota: int | None = None,
        api_keys: Iterable[str] | None = None,
        users_by_key: Mapping[str, int | None] | None = None,
        image_search: bool = False,
        page_size_cap: int | None = None,
        token_ttl: int = 7200,
        slow_seconds: float = 2.0,
        market: Market | None = None,
    ) -> None:
        self._catalogue_source = catalogue
        self.market = market
        self._host, self._port = host, port
        self.image_search = image_search
        self.page_size_cap = page_size_cap
        keys = None if api_keys is None else tuple(api_keys)
        if keys is not None and not keys:
            raise ValueError("api_keys must hold at least one key")
        self._pipeline = Pipeline(max_concurrency, monthly_quota, None if keys is None else frozenset(keys))
        self._pipeline.latency, self._pipeline.slow_seconds = latency, slow_seconds
        self.api_key: str = DEFAULT_API_KEY if keys is None else keys[0]
        self._users_by_key = dict(users_by_key or {})
        self._clock = Clock()
        self._tokens = TokenStore(token_ttl, self._clock)
        self._services: Services | None = None
        self._server: LoopbackServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> FakeNumista:
        """Listen and serve in a background daemon thread (no-op when already running).

        Returns
        -------
        FakeNumista
            ``self``.
        """
        if self._server is None:
            services = self._ensure_services()
            server = LoopbackServer((self._host, self._port), self._pipeline, services)
            self._server = server
            self._thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.01},
                name=f"fake-numista-{server.server_address[1]}",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close every connection (no-op when not running)."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._server = self._thread = None
        server.shutdown()
        server.server_close()
        server.close_connections()
        thread.join()

    def __enter__(self) -> FakeNumista:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        """Whether the server is listening."""
        return self._server is not None

    @property
    def port(self) -> int:
        """The port listened on.

        Raises
        ------
        RuntimeError
            When not running.
        """
        if self._server is None:
            raise RuntimeError("the fake Numista server is not running: call start() first")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The API base URL, ``http://127.0.0.1:{port}/v3``."""
        return f"http://{self._host}:{self.port}/v3"

    @property
    def catalogue(self) -> SampleCatalogue:
        """The catalogue served (loaded on first use)."""
        return self._ensure_services().catalogue

    # -- knobs --------------------------------------------------------------------------------

    @property
    def latency(self) -> float:
        """Seconds added to every admitted request (settable while running)."""
        return self._pipeline.latency

    @latency.setter
    def latency(self, value: float) -> None:
        self._pipeline.latency = value

    @property
    def slow_seconds(self) -> float:
        """How long a "slow" fault stalls (settable)."""
        return self._pipeline.slow_seconds

    @slow_seconds.setter
    def slow_seconds(self, value: float) -> None:
        self._pipeline.slow_seconds = value

    @property
    def max_concurrency(self) -> int:
        """Requests allowed in flight at once (settable)."""
        return self._pipeline.gate.limit

    @max_concurrency.setter
    def max_concurrency(self, value: int) -> None:
        self._pipeline.gate.limit = value

    @property
    def monthly_quota(self) -> int | None:
        """Requests allowed per key and month, None for no limit (settable)."""
        return self._pipeline.quota.limit

    @monthly_quota.setter
    def monthly_quota(self, value: int | None) -> None:
        self._pipeline.quota.limit = value

    @property
    def token_ttl(self) -> int:
        """Lifetime in seconds of tokens issued from now on (settable)."""
        return self._tokens.ttl

    @token_ttl.setter
    def token_ttl(self, value: int) -> None:
        self._tokens.ttl = value

    def inject(self, *kinds: str, path: str | None = None, method: str | None = None) -> None:
        """Script faults: each kind strikes the next matching request, in arrival order.

        Parameters
        ----------
        *kinds : str
            "throttle", "quota", "500", "502", "503", "drop", "drop_after", "slow" or
            "malformed".
        path : str, optional
            Only requests whose path (relative to ``/v3``) contains this substring.
        method : str, optional
            Only requests of this HTTP method (e.g. "POST").

        Raises
        ------
        ValueError
            For an unknown kind.
        """
        self._pipeline.faults.inject(kinds, path, method)

    def set_fault_rate(self, rate: float, kinds: Iterable[str] = ("500",), seed: int = 0) -> None:
        """Make unscripted requests fail at random with probability ``rate``.

        Parameters
        ----------
        rate : float
            Between 0 and 1.
        kinds : Iterable of str
            Fault kinds drawn uniformly.
        seed : int
            Seed for repeatable draws.
        """
        self._pipeline.faults.set_rate(rate, tuple(kinds), seed)

    def clear_faults(self) -> None:
        """Drop scripted faults and stop random ones."""
        self._pipeline.faults.clear()

    # -- OAuth helpers --------------------------------------------------------------------------

    def authorize(
        self, user_id: int, scope: str = "view_collection", redirect_uri: str = "http://localhost/callback"
    ) -> str:
        """Simulate a user's visit to the authorize page; return a single-use code.

        Parameters
        ----------
        user_id : int
            The user granting access.
        scope : str
            Comma-separated scopes.
        redirect_uri : str
            The URI the token request must repeat.

        Returns
        -------
        str
            The code for ``grant_type=authorization_code``.
        """
        return self._tokens.authorize(user_id, scope, redirect_uri)

    def advance_clock(self, seconds: float) -> None:
        """Move the clock tokens expire by forward by ``seconds``."""
        self._clock.advance(seconds)

    def stored_items(self, user_id: int) -> list[JsonDict]:
        """A copy of a user's stored collected items in this server's state.

        Raises
        ------
        ApiError
            For an unknown user.
        """
        return self._ensure_services().users.stored_items(user_id)

    # -- log and counters -----------------------------------------------------------------------

    @property
    def log(self) -> list[LoggedRequest]:
        """A copy of the request log, oldest first."""
        return self._pipeline.entries()

    def request_count(self, path_prefix: str | None = None, method: str | None = None) -> int:
        """Count logged requests.

        Parameters
        ----------
        path_prefix : str, optional
            Keep paths (relative to ``/v3``) starting with this, e.g. ``"/types"``.
        method : str, optional
            Keep this HTTP method.

        Returns
        -------
        int
            The count.
        """
        return sum(
            1
            for entry in self.log
            if (path_prefix is None or entry.path.startswith(path_prefix))
            and (method is None or entry.method == method.upper())
        )

    def clear_log(self) -> None:
        """Empty the log and restart :attr:`max_in_flight`."""
        self._pipeline.clear_log()

    @property
    def max_in_flight(self) -> int:
        """The most requests in flight at once since start or :meth:`clear_log` (429s included)."""
        return self._pipeline.gate.max_in_flight

    @property
    def quota_used(self) -> int:
        """Requests counted this UTC month against :attr:`api_key` (see :meth:`quota_used_for`)."""
        return self._pipeline.quota.used(self.api_key)

    def quota_used_for(self, key: str) -> int:
        """Requests counted this UTC month against ``key``."""
        return self._pipeline.quota.used(key)

    def reset_quota(self) -> None:
        """Forget the quota counts, as if a new month began."""
        self._pipeline.quota.reset()

    # -- request pipeline (called from handler threads) ----------------------------------------

    def _ensure_services(self) -> Services:
        if self._services is None:
            source = self._catalogue_source
            catalogue = (
                source
                if isinstance(source, SampleCatalogue)
                else load_sample_catalogue()
                if source is None
                else SampleCatalogue(source)
            )
            self._services = Services(
                catalogue,
                UserStore(catalogue),
                self._tokens,
                image_search=lambda: self.image_search,
                owner_of=self._owner_of,
                page_size_cap=lambda: self.page_size_cap,
                market=self.market,
            )
        return self._services

    def _owner_of(self, key: str) -> int | None:
        return self._users_by_key.get(key, DEFAULT_USER_ID)


def serve_forever(
    port: int = 8765,
    host: str = "127.0.0.1",
    *,
    on_ready: Callable[[FakeNumista], None] | None = None,
    **knobs: Any,
) -> None:
    """Serve a fake Numista API in the foreground until Ctrl-C (for ``numista-frames serve-fake``).

    Parameters
    ----------
    port : int
        Port to listen on.
    host : str
        Address to listen on.
    on_ready : callable, optional
        Called with the running server (e.g. to print :attr:`FakeNumista.url`).
    **knobs
        Keyword arguments of :class:`FakeNumista` (``catalogue``, ``latency``, ``monthly_quota``, ...).

    Notes
    -----
    Returns normally on Ctrl-C (KeyboardInterrupt), after stopping the server.
    """
    with FakeNumista(port=port, host=host, **knobs) as api:
        try:
            if on_ready is not None:
                on_ready(api)
            while True:
                time.sleep(0.5)
        except KeyboardInterrupt:
            logger.info("fake Numista server on %s stopped", api.url)

"""Settings: resolved once, in one place (explicit argument > environment variable > default)."""

from __future__ import annotations

import dataclasses
import os
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

from numista_frames.currencies import ISO_4217

__all__ = [
    "CURRENCY_PATTERN",
    "DEFAULT_API_URL",
    "DEFAULT_BACKOFF_FACTOR",
    "DEFAULT_BACKOFF_MAX",
    "DEFAULT_CURRENCY",
    "DEFAULT_EXPIRE_CATALOGUE",
    "DEFAULT_EXPIRE_PRICES",
    "DEFAULT_EXPIRE_USER",
    "DEFAULT_LANG",
    "DEFAULT_MAX_CONCURRENT",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_MONTHLY_QUOTA",
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_QUOTA_RESERVE",
    "DEFAULT_REQUESTS_PER_SECOND",
    "DEFAULT_RETRY_AFTER_MAX",
    "DEFAULT_RETRY_BUDGET",
    "DEFAULT_TIMEOUT",
    "DEFAULT_USER_AGENT",
    "ENV_VARS",
    "LANGS",
    "MAX_CONCURRENT_CAP",
    "MAX_PAGE_SIZE",
    "Settings",
    "configure",
    "configured",
    "get_settings",
    "reset_configuration",
]

DEFAULT_API_URL = "https://api.numista.com/v3"
DEFAULT_LANG = "en"
DEFAULT_CURRENCY = "EUR"
#: Numista's terms allow catalogue metadata to be cached for at most 7 days.
DEFAULT_EXPIRE_CATALOGUE = timedelta(days=7)
DEFAULT_EXPIRE_PRICES = timedelta(days=1)
DEFAULT_EXPIRE_USER = timedelta(minutes=10)
#: No fixed ceiling: Numista documents a limit on simultaneous requests, not on their rate.
DEFAULT_REQUESTS_PER_SECOND: float | None = None
#: Under the per-account cap of 10, leaving room for another process of the same key.
DEFAULT_MAX_CONCURRENT = 8
#: Numista refuses more than 10 simultaneous requests per account.
MAX_CONCURRENT_CAP = 10
#: A free key gets 2,000 requests per calendar month (UTC).
DEFAULT_MONTHLY_QUOTA = 2000
#: Requests of the month the price tracker leaves for everything else.
DEFAULT_QUOTA_RESERVE = 200
DEFAULT_TIMEOUT = 30.0
#: Seconds a request may spend on retries in all: an unreachable API fails within about this.
DEFAULT_RETRY_BUDGET = 10.0
DEFAULT_MAX_RETRIES = 4
DEFAULT_BACKOFF_FACTOR = 0.5
DEFAULT_BACKOFF_MAX = 30.0
DEFAULT_RETRY_AFTER_MAX = 120
DEFAULT_USER_AGENT = "numista-frames (+https://pypi.org/project/numista-frames/)"
#: Types per search page: Numista documents at most 50 but serves 100, so a search costs the
#: fewest requests at 100 (the loaders and the client agree on it).
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 100
LANGS = ("en", "es", "fr")
#: An ISO 4217 currency code.
CURRENCY_PATTERN = re.compile(r"^[A-Z]{3}$")

#: Environment variable for each setting that can be set from the environment.
ENV_VARS: Mapping[str, str] = {
    "api_key": "NUMISTA_API_KEY",
    "api_url": "NUMISTA_API_URL",
    "cache_dir": "NUMISTA_FRAMES_CACHE_DIR",
    "data_dir": "NUMISTA_FRAMES_DATA_DIR",
    "lang": "NUMISTA_FRAMES_LANG",
    "currency": "NUMISTA_FRAMES_CURRENCY",
    "offline": "NUMISTA_FRAMES_OFFLINE",
    "requests_per_second": "NUMISTA_FRAMES_REQUESTS_PER_SECOND",
    "max_concurrent": "NUMISTA_FRAMES_MAX_CONCURRENT",
    "monthly_quota": "NUMISTA_FRAMES_MONTHLY_QUOTA",
    "quota_reserve": "NUMISTA_FRAMES_QUOTA_RESERVE",
    "timeout": "NUMISTA_FRAMES_TIMEOUT",
    "retry_budget": "NUMISTA_FRAMES_RETRY_BUDGET",
    "expire_catalogue": "NUMISTA_FRAMES_EXPIRE_CATALOGUE",
    "expire_prices": "NUMISTA_FRAMES_EXPIRE_PRICES",
    "expire_user": "NUMISTA_FRAMES_EXPIRE_USER",
}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("numista-frames", appauthor=False))


def _default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("numista-frames", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """Every setting of numista_frames, validated.

    Build one with :meth:`Settings.resolve`, which applies explicit argument > environment
    variable > default. The API key never appears in ``repr``.

    Parameters
    ----------
    api_key : str or None
        Numista API key (``NUMISTA_API_KEY``).
    api_url : str
        Base URL of the API, without a trailing slash (``NUMISTA_API_URL``).
    cache_dir : pathlib.Path
        Root of what can be fetched again: HTTP cache and frames (``NUMISTA_FRAMES_CACHE_DIR``).
    data_dir : pathlib.Path
        Root of what cannot be fetched again: the price history, the watchlist and the quota
        ledger (``NUMISTA_FRAMES_DATA_DIR``; default: the platform's user data folder). Never
        cleared by :func:`numista_frames.clear_cache`.
    lang : {"en", "es", "fr"}
        Language of labels (``NUMISTA_FRAMES_LANG``).
    currency : str
        ISO 4217 code for prices (``NUMISTA_FRAMES_CURRENCY``).
    offline : bool
        Never touch the network; only caches answer (``NUMISTA_FRAMES_OFFLINE=1``).
    requests_per_second : float or None
        Ceiling on the request rate sent to the network; ``None`` for no ceiling.
    max_concurrent : int
        Simultaneous network requests, 1 to 10 (Numista's limit).
    monthly_quota : int
        Requests the key may spend per UTC calendar month.
    quota_reserve : int
        Requests of the month that :func:`numista_frames.track` leaves alone by default
        (``NUMISTA_FRAMES_QUOTA_RESERVE``; default 200).
    timeout : float
        Seconds to wait for the server before a request is abandoned (then retried).
    retry_budget : float
        Seconds one request may spend in all, retries and their pauses included, before it
        fails: an unreachable API fails within about this (``NUMISTA_FRAMES_RETRY_BUDGET``).
    expire_catalogue, expire_prices, expire_user : datetime.timedelta
        How long cached catalogue data, price estimates and user/collection data stay fresh.
    max_retries, backoff_factor, backoff_max, retry_after_max
        Retry mechanics (see :mod:`numista_frames.http.session`).
    user_agent : str
        ``User-Agent`` sent with every request.
    """

    api_key: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    cache_dir: Path = field(default_factory=_default_cache_dir)
    data_dir: Path = field(default_factory=_default_data_dir)
    lang: str = DEFAULT_LANG
    currency: str = DEFAULT_CURRENCY
    offline: bool = False
    requests_per_second: float | None = DEFAULT_REQUESTS_PER_SECOND
    max_concurrent: int = DEFAULT_MAX_CONCURRENT
    monthly_quota: int = DEFAULT_MONTHLY_QUOTA
    quota_reserve: int = DEFAULT_QUOTA_RESERVE
    timeout: float = DEFAULT_TIMEOUT
    retry_budget: float = DEFAULT_RETRY_BUDGET
    expire_catalogue: timedelta = DEFAULT_EXPIRE_CATALOGUE
    expire_prices: timedelta = DEFAULT_EXPIRE_PRICES
    expire_user: timedelta = DEFAULT_EXPIRE_USER
    max_retries: int = DEFAULT_MAX_RETRIES
    backoff_factor: float = DEFAULT_BACKOFF_FACTOR
    backoff_max: float = DEFAULT_BACKOFF_MAX
    retry_after_max: int = DEFAULT_RETRY_AFTER_MAX
    user_agent: str = DEFAULT_USER_AGENT

    def __post_init__(self) -> None:
        _validate(self)

    @classmethod
    def resolve(
        cls, overrides: Mapping[str, Any] | None = None, *, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """Build settings from explicit values, then the environment, then defaults.

        Parameters
        ----------
        overrides : mapping, optional
            Explicit values by field name; ``None`` values are treated as not given.
        environ : mapping, optional
            The environment to read (default ``os.environ``).

        Returns
        -------
        Settings

        Raises
        ------
        TypeError
            For an unknown setting name.
        ValueError
            For a value that is out of range or malformed (naming its source).
        """
        overrides = _given(overrides or {})
        unknown = set(overrides) - _FIELD_NAMES
        if unknown:
            raise TypeError(
                f"unknown setting(s) {sorted(unknown)}; known settings: {sorted(_FIELD_NAMES)}"
            )
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, var in ENV_VARS.items():
            raw = environ.get(var)
            if raw is not None and raw.strip() != "" and name not in overrides:
                values[name] = _parse_env(name, var, raw.strip())
        values.update(overrides)
        return cls(**{k: _coerce(k, v) for k, v in values.items()})

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with some settings changed (validated like the original)."""
        given = _given(changes)
        unknown = set(given) - _FIELD_NAMES
        if unknown:
            raise TypeError(f"unknown setting(s) {sorted(unknown)}")
        return dataclasses.replace(self, **{k: _coerce(k, v) for k, v in given.items()})

    def expiry_for(self, family: str) -> timedelta:
        """Cache expiry for an endpoint family (``catalogue``, ``prices`` or ``user``)."""
        try:
            return {
                "catalogue": self.expire_catalogue,
                "prices": self.expire_prices,
                "user": self.expire_user,
            }[family]
        except KeyError:
            raise ValueError(f"no cache expiry for endpoint family {family!r}") from None

    @property
    def http_cache_path(self) -> Path:
        """SQLite file of the HTTP response cache."""
        return self.cache_dir / "http_cache.sqlite"

    @property
    def ledger_path(self) -> Path:
        """SQLite file of the quota ledger (in ``data_dir``: a cleaner must not reset the month)."""
        return self.data_dir / "quota_ledger.sqlite"

    @property
    def history_path(self) -> Path:
        """Folder of the price-history dataset (in ``data_dir``: Numista keeps no history)."""
        return self.data_dir / "price_history"

    @property
    def watchlist_path(self) -> Path:
        """File of the watchlist that the price tracker follows (in ``data_dir``)."""
        return self.data_dir / "watchlist.parquet"


_FIELD_NAMES = frozenset(f.name for f in dataclasses.fields(Settings))


#: Settings for which an explicit None is a value ("no ceiling"), not "not given".
_NONE_IS_A_VALUE = frozenset({"requests_per_second"})


def _given(values: Mapping[str, Any]) -> dict[str, Any]:
    """The values actually given: None means "not given" except where None is a value."""
    return {k: v for k, v in values.items() if v is not None or k in _NONE_IS_A_VALUE}


def _parse_env(name: str, var: str, raw: str) -> Any:
    """Parse one environment variable into the type of its setting."""
    try:
        if name == "offline":
            low = raw.lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise ValueError("expected 1/0, true/false, yes/no or on/off")
        if name in ("requests_per_second", "timeout", "retry_budget"):
            return None if raw.lower() == "none" else float(raw)
        if name in ("max_concurrent", "monthly_quota", "quota_reserve"):
            return int(raw)
        if name.startswith("expire_"):
            return timedelta(seconds=float(raw))
    except ValueError as exc:
        raise ValueError(f"environment variable {var}={raw!r} is invalid: {exc}") from None
    return raw


def _coerce(name: str, value: Any) -> Any:
    """Accept convenient spellings: paths as str, expiries as seconds."""
    if name in ("cache_dir", "data_dir") and isinstance(value, str | os.PathLike):
        return Path(value).expanduser()
    if name.startswith("expire_") and isinstance(value, int | float) and not isinstance(value, bool):
        return timedelta(seconds=value)
    if name == "api_url" and isinstance(value, str):
        return value.rstrip("/")
    if name == "currency" and isinstance(value, str):
        return value.upper()
    return value


def _validate(s: Settings) -> None:
    """Raise ValueError/TypeError for any setting out of range."""
    if s.api_key is not None and (not isinstance(s.api_key, str) or not s.api_key.strip()):
        raise ValueError("api_key must be a non-empty string (or None)")
    if not isinstance(s.api_url, str) or not re.match(r"^https?://[^/]+", s.api_url):
        raise ValueError(f"api_url must start with http:// or https://, got {s.api_url!r}")
    for name in ("cache_dir", "data_dir"):
        if not isinstance(getattr(s, name), Path):
            raise TypeError(f"{name} must be a path, got {type(getattr(s, name)).__name__}")
    if s.lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}; got {s.lang!r}")
    if not isinstance(s.currency, str) or s.currency not in ISO_4217:
        raise ValueError(f"currency must be a 3-letter ISO 4217 code such as EUR; got {s.currency!r}")
    if not isinstance(s.offline, bool):
        raise TypeError("offline must be True or False")
    if s.requests_per_second is not None and not s.requests_per_second > 0:
        raise ValueError("requests_per_second must be > 0 (or None for no ceiling)")
    if not isinstance(s.max_concurrent, int) or not 1 <= s.max_concurrent <= MAX_CONCURRENT_CAP:
        raise ValueError(
            f"max_concurrent must be an integer from 1 to {MAX_CONCURRENT_CAP} "
            f"(Numista refuses more simultaneous requests); got {s.max_concurrent!r}"
        )
    _check_positive(s, "monthly_quota", "timeout", "backoff_max", "retry_budget")
    _check_non_negative(s, "max_retries", "backoff_factor", "retry_after_max", "quota_reserve")
    for name in ("expire_catalogue", "expire_prices", "expire_user"):
        value = getattr(s, name)
        if not isinstance(value, timedelta) or value < timedelta(0):
            raise ValueError(f"{name} must be a non-negative timedelta or number of seconds")
    if s.expire_catalogue > DEFAULT_EXPIRE_CATALOGUE:
        raise ValueError("expire_catalogue may be at most 7 days: Numista's terms allow no longer "
                         f"caching of catalogue metadata (got {s.expire_catalogue})")


def _check_positive(s: Settings, *names: str) -> None:
    for name in names:
        value = getattr(s, name)
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise ValueError(f"{name} must be a number > 0; got {value!r}")


def _check_non_negative(s: Settings, *names: str) -> None:
    for name in names:
        value = getattr(s, name)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(f"{name} must be a number >= 0; got {value!r}")


_lock = threading.Lock()
_overrides: dict[str, Any] = {}
#: What :func:`configured` set for the current context only (a thread, a task, nf.aio calls).
_scoped: ContextVar[Mapping[str, Any]] = ContextVar("numista_frames_scoped",
                                                    default=MappingProxyType({}))


def configure(
    *,
    api_key: str | None = None,
    api_url: str | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    lang: str | None = None,
    currency: str | None = None,
    offline: bool | None = None,
    **more: Any,
) -> Settings:
    """Set the process-wide default settings used by the loaders and the default client.

    Values given here win over environment variables; values not given keep what earlier
    calls set. Call :func:`reset_configuration` to forget them all.

    Parameters
    ----------
    api_key, api_url, cache_dir, lang, currency, offline
        See :class:`Settings` and the environment variables in ``ENV_VARS``.
    **more
        Any other :class:`Settings` field (``requests_per_second``, ``max_concurrent``,
        ``monthly_quota``, ``timeout``, ``expire_catalogue`` ...).

    Returns
    -------
    Settings
        The settings now in force.

    Raises
    ------
    TypeError, ValueError
        For an unknown name or a bad value; nothing is changed then.
    """
    named = dict(api_key=api_key, api_url=api_url, lang=lang, currency=currency, offline=offline,
                 cache_dir=None if cache_dir is None else os.fspath(cache_dir))
    given = {**{k: v for k, v in named.items() if v is not None}, **_given(more)}
    with _lock:
        candidate = {**_overrides, **given}
        settings = Settings.resolve(candidate)  # validate before committing
        _overrides.clear()
        _overrides.update(candidate)
    return settings


@contextmanager
def configured(**settings: Any) -> Iterator[Settings]:
    """Apply settings for the duration of a ``with`` block, in this context only.

    The settings hold for this thread (or asyncio task) and what it starts with a copy of its
    context (``nf.aio`` calls); other threads keep theirs. Values given here win over
    :func:`configure`.

    Examples
    --------
    >>> with configured(lang="fr") as s:
    ...     s.lang
    'fr'
    """
    scoped = {**_scoped.get(), **_given({k: os.fspath(v) if isinstance(v, os.PathLike) else v
                                         for k, v in settings.items()})}
    resolved = get_settings(**scoped)  # validate before anything changes
    token = _scoped.set(scoped)
    try:
        yield resolved
    finally:
        _scoped.reset(token)


def reset_configuration() -> None:
    """Forget everything :func:`configure` set (environment variables apply again)."""
    with _lock:
        _overrides.clear()


def get_settings(**overrides: Any) -> Settings:
    """The settings in force now: ``overrides`` > :func:`configured` > :func:`configure` >
    environment > defaults."""
    with _lock:
        merged = {**_overrides, **_scoped.get(), **_given(overrides)}
    return Settings.resolve(merged)

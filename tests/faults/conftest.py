"""The fault suite's tools: every loader in one table, its right rows, and a judge of outcomes."""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.testing import FakeNumista
from tests.faults.proxy import FaultProxy

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200

#: Fast, deterministic client settings for the suite (no sleeping to make time pass).
QUICK: dict[str, Any] = dict(requests_per_second=None, backoff_factor=0.001, backoff_max=0.02,
                             max_retries=2, timeout=2.0)

#: The type ids the loaders ask for: 6149 has 22 issues, 6542 one (so prices stay cheap).
TYPES = [6149, 6542]
PRICED = [6542, 6573]
PUBLICATIONS = ["L104233", "L105870"]


@dataclass(frozen=True)
class Loader:
    """A loader call of the suite: how to make it, and the path its own requests hit."""

    name: str
    call: Callable[[Path], pd.DataFrame]
    path: str
    method: str = "GET"
    oauth: bool = False
    marks: tuple[Any, ...] = field(default=())


def _picture(workdir: Path) -> Path:
    path = workdir / "obverse.jpg"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(JPEG)
    return path


LOADERS: list[Loader] = [
    Loader("search_df", lambda _: nf.search_df("dollar", issuer="canada", page_size=20,
                                               progress=False), "/types"),
    Loader("types_df", lambda _: nf.types_df(TYPES, progress=False), "/types/6149"),
    Loader("type_parts_df", lambda _: nf.type_parts_df(TYPES, part="mints", progress=False),
           "/types/6542"),
    Loader("issues_df", lambda _: nf.issues_df(TYPES, progress=False), "/issues"),
    Loader("issue_parts_df", lambda _: nf.issue_parts_df(TYPES, part="marks", progress=False),
           "/issues"),
    Loader("prices_df", lambda _: nf.prices_df(PRICED, progress=False), "/prices"),
    Loader("issuers_df", lambda _: nf.issuers_df(), "/issuers"),
    Loader("mints_df", lambda _: nf.mints_df(), "/mints"),
    Loader("catalogues_df", lambda _: nf.catalogues_df(), "/catalogues"),
    Loader("publications_df", lambda _: nf.publications_df(PUBLICATIONS, progress=False),
           "/publications/"),
    Loader("user_df", lambda _: nf.user_df(1), "/users/1"),
    Loader("collections_df", lambda _: nf.collections_df(), "/collections", oauth=True),
    Loader("collection_df", lambda _: nf.collection_df(), "/collected_items", oauth=True),
    Loader("image_search_df", lambda w: nf.image_search_df(_picture(w), progress=False),
           "/search_by_image", method="POST"),
]
BY_NAME = {loader.name: loader for loader in LOADERS}


def configure_for(api_url: str, api_key: str, cache_dir: Path, data_dir: Path | None = None,
                  **overrides: Any) -> None:
    """Point the process default (what the loaders use) at ``api_url`` with quick retries."""
    settings = {**QUICK, **overrides}
    if data_dir is not None:
        settings["data_dir"] = data_dir
    nf.configure(api_url=api_url, api_key=api_key, cache_dir=cache_dir, **settings)


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a frame without what differs between two correct runs (times, picture paths)."""
    out = frame.drop(columns=[c for c in ("fetched_at",) if c in frame.columns]).copy()
    if "image" in out.columns:
        out["image"] = out["image"].map(lambda p: Path(str(p)).name).astype("string")
    out.attrs.clear()
    return out.reset_index(drop=True)


_BASELINES: dict[str, pd.DataFrame] = {}


def baseline(loader: Loader) -> pd.DataFrame:
    """The loader's rows against a fresh fake and empty caches (computed once per session).

    Call it before configuring the test's own client: it resets the configuration.
    """
    if loader.name not in _BASELINES:
        with tempfile.TemporaryDirectory() as tmp, FakeNumista(image_search=True) as api:
            root = Path(tmp)
            configure_for(api.url, api.api_key, root / "cache", root / "data")
            try:
                _BASELINES[loader.name] = comparable(loader.call(root / "work"))
            finally:
                nf.reset_configuration()
    return _BASELINES[loader.name]


def library_error_names() -> set[str]:
    """Names of every NumistaError class (the errors a failures table may name)."""
    names, todo = set(), [nf.NumistaError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


@dataclass
class Outcome:
    """What one call ended in: rows (maybe partial, with warnings) or a raised exception."""

    frame: pd.DataFrame | None
    error: BaseException | None
    warned: list[warnings.WarningMessage]

    @property
    def partial(self) -> bool:
        return any(issubclass(w.category, nf.PartialResultWarning) for w in self.warned)


def attempt(call: Callable[[], pd.DataFrame]) -> Outcome:
    """Run a loader call, catching every exception and warning for the judge."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = call()
        except Exception as exc:
            return Outcome(None, exc, list(caught))
    return Outcome(frame, None, list(caught))


def assert_clear(outcome: Outcome, expected: pd.DataFrame) -> None:
    """Correct rows, a partial frame of correct rows that says what failed, or a NumistaError.

    Never a raw AttributeError/TypeError/KeyError from inside, never a wrong row.
    """
    if outcome.error is not None:
        assert isinstance(outcome.error, nf.NumistaError), (
            f"raw {type(outcome.error).__name__} escaped: {outcome.error!r}")
        return
    assert outcome.frame is not None
    unexpected = [w for w in outcome.warned if not issubclass(w.category, nf.PartialResultWarning)]
    assert not unexpected, [str(w.message) for w in unexpected]
    got = comparable(outcome.frame)
    if not outcome.partial:
        pd.testing.assert_frame_equal(got, expected)
        return
    failures = nf.failures(outcome.frame)
    assert len(failures) > 0
    assert set(failures["error"]) <= library_error_names(), failures.to_dict("records")
    key = [c for c in ("id", "issue_id", "type_id") if c in got.columns][:1] or list(got.columns)[:1]
    assert set(map(tuple, got[key].astype(str).values)) <= set(
        map(tuple, expected[key].astype(str).values))


def assert_rows(outcome: Outcome, expected: pd.DataFrame) -> None:
    """Exactly the right rows, nothing failed, no warning."""
    assert outcome.error is None, f"{type(outcome.error).__name__}: {outcome.error}"
    assert outcome.frame is not None
    assert not outcome.warned, [str(w.message) for w in outcome.warned]
    pd.testing.assert_frame_equal(comparable(outcome.frame), expected)


def walk_exception(exc: BaseException) -> Iterator[object]:
    """Every object reachable from an exception: its chain, args, attributes, requests and
    responses (headers and body included), depth-first, each once."""
    seen: set[int] = set()
    todo: list[object] = [exc]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or obj is None:
            continue
        seen.add(id(obj))
        yield obj
        if isinstance(obj, str | bytes | bytearray | int | float | bool):
            continue
        if isinstance(obj, BaseException):
            todo.extend([obj.__cause__, obj.__context__, *obj.args])
        if isinstance(obj, dict):
            todo.extend([*obj.keys(), *obj.values()])
            continue
        if isinstance(obj, list | tuple | set | frozenset):
            todo.extend(obj)
            continue
        for name in ("request", "response", "headers", "body", "url", "reason", "pool",
                     "_content", "raw", "original_error", "_original_response"):
            with _suppress():
                todo.append(getattr(obj, name))
        with _suppress():
            if hasattr(obj, "items") and callable(obj.items):
                todo.extend(dict(obj.items()).values())
                todo.extend(dict(obj.items()).keys())
        if hasattr(obj, "__dict__") and type(obj).__module__.split(".")[0] in (
                "numista_frames", "requests", "urllib3", "http", "requests_cache", "builtins"):
            todo.extend(vars(obj).values())


class _suppress:  # noqa: N801 - a tiny context manager used like contextlib.suppress
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return True


@pytest.fixture
def proxy(fake: FakeNumista) -> Iterator[FaultProxy]:
    """The fault proxy in front of the test's fake."""
    with FaultProxy(fake.port) as p:
        yield p


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The data dir the isolated environment set (price history, ledger)."""
    return tmp_path / "data"

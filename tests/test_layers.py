"""The layer rules of STYLE.md, per folder, and a frozen public API."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import numista_frames as nf

PACKAGE = Path(nf.__file__).parent
HTTP_LIBRARIES = {"requests", "requests_cache", "urllib3", "http.client"}
IO_LIBRARIES = {"os", "sqlite3", "shutil", "tempfile", "socket", "pyarrow.parquet", "pyarrow.dataset"}

#: The bottom: errors, settings and argument checks, used by every layer.
BASE = {"exceptions", "currencies", "settings", "checks"}
#: What each room may import (besides the standard library and third-party packages).
ALLOWED: dict[str, set[str]] = {
    "exceptions": set(),
    "currencies": set(),
    "settings": {"currencies"},
    "checks": {"settings", "currencies", "exceptions"},
    "http": BASE | {"http"},
    "frames": BASE | {"frames"},
    "store": BASE | {"frames", "store"},
    "analysis": BASE | {"frames", "analysis"},
    "plotting": BASE | {"frames", "analysis", "plotting"},
    "loaders": BASE | {"http", "frames", "store", "loaders"},
    "cli": BASE | {"http", "frames", "store", "loaders", "analysis", "plotting", "cli", "testing",
                   "__init__"},
    "testing": {"settings", "currencies", "testing"},
    "accessor": BASE | {"frames", "store", "analysis", "plotting"},
}
#: Rooms that do no I/O: no files, sockets or databases, and no HTTP library.
PURE = {"frames", "analysis", "plotting"}


def _room(path: Path) -> str:
    """The folder (or loose module) a file belongs to."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def _package_of(path: Path) -> list[str]:
    return ["numista_frames", *path.relative_to(PACKAGE).parts[:-1]]


def _imports(path: Path) -> set[str]:
    """Every module a file imports, as absolute dotted names (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(path)[: len(_package_of(path)) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module != "numista_frames":
                names.add(module)
            if module == "numista_frames" or module.startswith("numista_frames."):
                names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _internal_rooms(names: set[str]) -> set[str]:
    rooms = set()
    for name in names:
        parts = name.split(".")
        if parts[0] == "numista_frames":
            rooms.add(parts[1] if len(parts) > 1 else "__init__")
    return {r if (PACKAGE / r).is_dir() or (PACKAGE / f"{r}.py").exists() else "__init__"
            for r in rooms}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers__nothing_imports_a_room_above_its_own(path: Path) -> None:
    room = _room(path)
    assert room in ALLOWED, f"{room} is a new room: give it a line in ALLOWED and docs/architecture.md"
    above = _internal_rooms(_imports(path)) - ALLOWED[room] - {room}
    assert not above, f"{path.relative_to(PACKAGE)} imports {sorted(above)}, above the {room} layer"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers__only_http_imports_http_libraries(path: Path) -> None:
    if _room(path) == "http":
        return
    used = {n for n in _imports(path)
            if n.split(".")[0] in HTTP_LIBRARIES or n.startswith("http.client")}
    assert not used, f"{path.relative_to(PACKAGE)} imports {used}: HTTP belongs in http/"


@pytest.mark.parametrize("path", [p for p in _modules() if _room(p) in PURE],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers__pure_rooms_do_no_io(path: Path) -> None:
    used = {n for n in _imports(path) if n in IO_LIBRARIES or n.split(".")[0] in IO_LIBRARIES}
    assert not used, f"{path.relative_to(PACKAGE)} imports {used}: frames, analysis, plotting do no I/O"
    calls = [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
             and node.func.id == "open"]
    assert not calls, f"{path.relative_to(PACKAGE)} opens files"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers__matplotlib_is_never_imported_at_module_level(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    names = {a.name for n in top if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module or "" for n in top if isinstance(n, ast.ImportFrom)}
    assert not any(n.startswith("matplotlib") for n in names), path.name


def test_layers__the_rule_catches_an_upward_import() -> None:
    """The checker itself: an import of loaders from frames is reported."""
    fake = PACKAGE / "frames" / "_probe_upward.py"
    names = {"numista_frames.loaders.catalogue", "numista_frames.frames.schema"}
    assert _internal_rooms(names) - ALLOWED[_room(fake)] - {"frames"} == {"loaders"}


def test_layout__few_loose_modules_and_the_layer_folders() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(loose) <= 6, loose
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert {"http", "frames", "store", "loaders", "analysis", "plotting", "cli", "testing"} <= folders


def test_layout__no_module_is_over_450_lines() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450}
    assert not long, f"split these by concern: {long}"


#: The public API as of release 0.1.0: names may be added, never removed.
PUBLIC_NAMES = {
    "APIError", "AuthenticationError", "BadRequestError", "Client", "CollectionStats",
    "CollectionValue", "ConfigurationError", "NotFoundError", "NumistaAccessor", "NumistaError",
    "OfflineError", "PartialResultWarning", "QuotaExceededError", "QuotaStatus", "RateLimitError",
    "ServerError", "Settings", "TransportError", "__version__", "add_collected_items", "aio",
    "cache_info", "catalogues_df", "clear_cache", "collection_completion", "collection_df",
    "collection_stats", "collection_value", "collections_df", "configure", "delete_collected_item",
    "export_price_history", "get_settings", "image_search_df", "import_price_history",
    "issue_parts_df", "issuers_df", "issues_df", "mints_df", "plot_collection", "plot_price_history",
    "plot_prices", "plot_value", "price_changes", "price_history_df", "price_summary", "prices_df",
    "publications_df", "quota", "rarity", "read_parquet", "reset_configuration", "search_df",
    "to_parquet", "type_parts_df", "types_df", "update_collected_item", "user_df", "warm_cache",
}


def test_all__every_public_name_of_the_first_release_is_still_there() -> None:
    missing = PUBLIC_NAMES - set(nf.__all__)
    assert not missing, f"removed from nf.__all__: {sorted(missing)}"
    for name in nf.__all__:
        assert hasattr(nf, name), name


def test_all__nothing_public_is_missing_and_nothing_twice() -> None:
    public = {n for n in dir(nf) if not n.startswith("_")
              and not isinstance(getattr(nf, n), type(nf))} | {"aio"}
    assert public <= set(nf.__all__), f"public but not in __all__: {public - set(nf.__all__)}"
    assert len(set(nf.__all__)) == len(nf.__all__), "duplicates in __all__"


def test_all__the_fake_and_the_console_script_keep_their_paths() -> None:
    import importlib
    import tomllib

    from numista_frames.testing import FakeNumista

    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    target = project["project"]["scripts"]["numista-frames"]  # what the installed script runs
    module, _, name = target.partition(":")
    assert callable(getattr(importlib.import_module(module), name)), target
    assert FakeNumista.__name__ == "FakeNumista"

"""The layer rules of STYLE.md, and an honest ``__all__``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import numista_frames as nf

PACKAGE = Path(nf.__file__).parent
#: Only these modules may talk HTTP.
HTTP_MODULES = {"session.py", "client.py", "client_user.py"}
HTTP_LIBRARIES = {"requests", "requests_cache", "urllib3", "http.client"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            prefix = "." * node.level
            names.add(prefix + (node.module or ""))
    return names


def _package_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.glob("*.py"))


@pytest.mark.parametrize("path", _package_modules(), ids=lambda p: p.name)
def test_layers__only_session_and_client_import_http_libraries(path: Path) -> None:
    if path.name in HTTP_MODULES:
        return
    used = {n for n in _imports(path) if n.split(".")[0] in HTTP_LIBRARIES}
    assert not used, f"{path.name} imports {used}: HTTP belongs in session/client"


@pytest.mark.parametrize("path", sorted((PACKAGE / "testing").glob("*.py")), ids=lambda p: p.name)
def test_layers__the_fake_depends_on_nothing_above_config(path: Path) -> None:
    for name in _imports(path):
        if name.startswith("numista_frames.") or name.startswith(".."):
            assert name.startswith(("numista_frames.testing", "numista_frames.config", "..config")), \
                f"{path.name} imports {name}"


def test_layers__matplotlib_is_never_imported_at_module_level() -> None:
    for path in _package_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
        names = {a.name for n in top if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in top if isinstance(n, ast.ImportFrom)}
        assert not any(n.startswith("matplotlib") for n in names), path.name


def test_all__every_public_name_exists_and_nothing_public_is_missing() -> None:
    for name in nf.__all__:
        assert hasattr(nf, name), name
    public = {n for n in vars(nf) if not n.startswith("_") and not isinstance(getattr(nf, n), type(nf))}
    assert public <= set(nf.__all__), f"public but not in __all__: {public - set(nf.__all__)}"
    assert len(set(nf.__all__)) == len(nf.__all__), "duplicates in __all__"


#: Pure modules: no I/O, so none of these may import anything that does.
PURE = {"normalize.py", "normalize_parts.py", "schema.py", "analysis.py", "analysis_value.py",
        "plotting.py", "plotting_base.py", "plotting_bars.py", "validate.py", "endpoints.py",
        "oauth.py", "tracking.py"}
IO_MODULES = {"client", "client_user", "session", "store", "api", "api_lists", "jobs", "ledger",
              "caches", "history", "writes", "images", "batch", "prices", "cli", "aio", "export"}


@pytest.mark.parametrize("name", sorted(PURE))
def test_layers__pure_modules_import_nothing_that_does_io(name: str) -> None:
    used = _imports(PACKAGE / name)
    local = {n.lstrip(".").split(".")[0] for n in used if n.startswith(".")}
    local |= {n.split(".")[1] for n in used if n.startswith("numista_frames.")}
    assert not local & IO_MODULES, f"{name} imports {local & IO_MODULES}"
    io_libraries = {n for n in used if n.split(".")[0] in HTTP_LIBRARIES | {"sqlite3", "os"}
                    or n in {"pyarrow.parquet", "pyarrow.dataset"}}
    assert not io_libraries, f"{name} imports {io_libraries}"

"""The docs stay true: the schema page is current, every public name is documented, and every
Python snippet in the docs runs against the fake API."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import numista_frames as nf
from numista_frames.testing import FakeNumista

from .conftest import REPO

DOCS = [*sorted((REPO / "docs").glob("*.md")), REPO / "README.md"]
#: ```python blocks run; ```python no-run blocks (real keys, your own files) are only shown.
_BLOCK = re.compile(r"^```python( no-run)?\n(.*?)^```", re.S | re.M)


def _snippets(page: Path) -> list[str]:
    return [code for skip, code in _BLOCK.findall(page.read_text(encoding="utf-8")) if not skip]


def test_schemas_page__is_current() -> None:
    result = subprocess.run([sys.executable, str(REPO / "docs" / "make_schema_docs.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_docs__every_public_name_is_documented() -> None:
    text = "\n".join(page.read_text(encoding="utf-8") for page in DOCS)
    generated = set(re.findall(r"^   (\w+)$", (REPO / "docs" / "reference.md").read_text(), re.M))
    undocumented = [name for name in nf.__all__ if not name.startswith("__") and name not in generated
                    and f"`{name}" not in text and f"nf.{name}" not in text]
    assert undocumented == []


def test_reference__every_public_name_has_a_generated_entry() -> None:
    """The API reference is generated from docstrings: each name must be in an autosummary list."""
    page = (REPO / "docs" / "reference.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^   (\w+)$", page, re.M))
    missing = {n for n in nf.__all__ if not n.startswith("__") and n != "aio"} - listed
    assert missing == set(), f"add these to an autosummary block in docs/reference.md: {missing}"


@pytest.fixture
def isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    plt.close("all")


@pytest.mark.slow
@pytest.mark.parametrize("page", [p for p in DOCS if _snippets(p)], ids=lambda p: p.name)
def test_docs__python_snippets_run_against_the_fake(page: Path, isolated_cwd: Path,
                                                    cache_dir: Path) -> None:
    with FakeNumista() as api:
        nf.configure(api_url=api.url, api_key=api.api_key, cache_dir=cache_dir,
                     requests_per_second=None)
        namespace: dict[str, object] = {"__name__": "docs", "tmp_path": isolated_cwd}
        for number, code in enumerate(_snippets(page), 1):
            try:
                exec(compile(code, f"{page.name}[{number}]", "exec"), namespace)
            except Exception as exc:  # pragma: no cover - the message names the snippet
                pytest.fail(f"{page.name}, snippet {number} failed: {type(exc).__name__}: {exc}")

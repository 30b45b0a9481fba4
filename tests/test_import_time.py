"""What ``import numista_frames`` and the command line's start load: nothing heavy until used."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("matplotlib", "pyarrow.dataset", "asyncio", "requests_cache", "requests", "pandas")


def _loaded_after(code: str) -> dict[str, bool]:
    probe = f"import sys, json\n{code}\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def test_import__loads_nothing_heavy_until_first_use() -> None:
    loaded = _loaded_after("import numista_frames as nf\nnf.__version__, nf.NumistaError, nf.configure")
    assert not any(loaded.values()), {m for m, was in loaded.items() if was}


def test_import__a_loader_brings_its_stack_and_the_accessor_registers() -> None:
    loaded = _loaded_after("import numista_frames as nf\nnf.search_df\nimport pandas as pd\n"
                           "assert hasattr(pd.DataFrame(), 'nf')")
    assert loaded["pandas"] and loaded["requests_cache"] and not loaded["matplotlib"]


def test_import__pandas_first_then_the_accessor_is_there_at_once() -> None:
    _loaded_after("import pandas as pd\nimport numista_frames\nassert hasattr(pd.DataFrame(), 'nf')")


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["search", "--help"],
                                  ["cache", "info", "--help"]])
def test_cli__help_and_version_import_nothing_heavy(argv: list[str]) -> None:
    code = ("import contextlib, io\nfrom numista_frames.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
            f"    main({argv!r})")
    loaded = _loaded_after(code)
    assert not any(loaded.values()), {m for m, was in loaded.items() if was}

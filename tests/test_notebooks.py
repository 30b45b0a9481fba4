"""The notebooks in notebooks/: stored clean, exactly as build_notebooks.py builds them, and run.

Each notebook is executed top to bottom with nbclient, in a temporary working directory, by a
"python3" kernel of this very interpreter (a kernelspec written for the test and found first), so
the kernel sees the numista_frames under test. By default the notebooks start their own fake
Numista API; the real-key run flips the marked cell and points the "real" API at a fake through
the environment, as a user's NUMISTA_API_KEY would.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell

from numista_frames.testing import FakeNumista

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = ("01-quickstart.ipynb", "02-prices-and-history.ipynb", "03-collection.ipynb",
         "04-tracking.ipynb")
CELL_TIMEOUT = 120
#: What each notebook must leave in its working directory.
WRITES = {
    "01-quickstart.ipynb": ("numista-output/dollar.parquet", "numista-output/issues"),
    "02-prices-and-history.ipynb": ("numista-output/price_history.parquet",),
    "03-collection.ipynb": ("numista-output/collection_stats.csv",),
    "04-tracking.ipynb": ("numista-output/watchlist.csv",),
}
#: Charts drawn inline by each notebook.
CHARTS = {"01-quickstart.ipynb": 0, "02-prices-and-history.ipynb": 3, "03-collection.ipynb": 3,
          "04-tracking.ipynb": 2}
#: A line each notebook prints when a warm repeat is answered by the caches.
WARM = {
    "01-quickstart.ipynb": "0 requests, from_cache=True",
    "02-prices-and-history.ipynb": "0 requests, from_cache = True",
    "03-collection.ipynb": "requests spent by the repeat: [0, 0, 0]",
    "04-tracking.ipynb": "a dry run now spends 0 requests",
}


def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_notebooks", NOTEBOOKS / "build_notebooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A "python3" kernelspec running ``sys.executable``, ahead of any user or system one."""
    from ipykernel.kernelspec import write_kernel_spec

    jupyter = tmp_path / "jupyter"
    write_kernel_spec(str(jupyter / "kernels" / "python3"))
    monkeypatch.setenv("JUPYTER_PATH", str(jupyter))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # jupyter_core's paths, without its warning
    monkeypatch.setenv("MPLBACKEND", "Agg")
    return "python3"


def execute(nb: NotebookNode, workdir: Path, kernel: str) -> NotebookNode:
    """Run every cell (nbclient raises CellExecutionError, naming the cell, if one raises)."""
    nb.cells.append(new_code_cell("import sys\nprint(sys.executable)"))
    workdir.mkdir()
    NotebookClient(nb, kernel_name=kernel, timeout=CELL_TIMEOUT,
                   resources={"metadata": {"path": str(workdir)}}).execute()
    return nb


def outputs(nb: NotebookNode, output_type: str, name: str | None = None) -> list[NotebookNode]:
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs
            if o.output_type == output_type and (name is None or o.get("name") == name)]


def stdout(nb: NotebookNode) -> str:
    return "".join(o.text for o in outputs(nb, "stream", "stdout"))


def assert_ran_cleanly(nb: NotebookNode, workdir: Path, name: str, *, charts: int) -> None:
    assert outputs(nb, "error") == []
    stderr = "".join(o.text for o in outputs(nb, "stream", "stderr"))
    assert "Warning" not in stderr and "Traceback" not in stderr, stderr
    assert nb.cells[-1].outputs[0].text.strip() == sys.executable  # the kernel is this interpreter
    assert WARM[name] in stdout(nb)
    drawn = [o for o in outputs(nb, "display_data") if "image/png" in o.data]
    assert len(drawn) == charts
    for written in WRITES[name]:
        assert (workdir / written).exists(), written


# -- stored as built --------------------------------------------------------------------------------

def test_notebooks__stored_without_outputs_or_counts() -> None:
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        nbformat.validate(nb)
        assert nb.metadata.kernelspec.name == "python3"
        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        assert code, name
        assert all(cell.outputs == [] and cell.execution_count is None for cell in code), name


def test_notebooks__equal_what_build_notebooks_builds() -> None:
    builder = load_builder()
    built = builder.build()
    assert sorted(built) == sorted(NAMES)
    for name, nb in built.items():
        stale = "out of date: run python notebooks/build_notebooks.py"
        assert (NOTEBOOKS / name).read_text(encoding="utf-8") == builder.render(nb), f"{name} {stale}"


def test_notebooks__one_marked_cell_switches_to_a_real_key() -> None:
    mark = load_builder().REAL_KEY_MARK
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        marked = [cell for cell in nb.cells if cell.cell_type == "code" and mark in cell.source]
        assert len(marked) == 1, name
        assert "USE_REAL_API = False" in marked[0].source  # off by default: no key, no network


# -- executed ---------------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebooks__run_offline_against_the_fake_api(name: str, kernel: str, tmp_path: Path) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    workdir = tmp_path / "work"
    execute(nb, workdir, kernel)
    assert_ran_cleanly(nb, workdir, name, charts=CHARTS[name])
    assert "caches in" in stdout(nb) and "numista-notebook-" in stdout(nb)  # a fresh temporary cache


# The real-key path is the same generated switch cell in every notebook (a test above checks each
# has it); running it once, on the notebook whose code branches on it (no synthetic history with a
# real key), proves what an offline run cannot: that the cell reads the environment's API and key.
@pytest.mark.slow
@pytest.mark.parametrize("name", ["02-prices-and-history.ipynb"])
def test_notebooks__run_with_a_real_key(name: str, kernel: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    mark = load_builder().REAL_KEY_MARK
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    marked = next(cell for cell in nb.cells if cell.cell_type == "code" and mark in cell.source)
    marked.source = marked.source.replace("USE_REAL_API = False", "USE_REAL_API = True")
    with FakeNumista() as api:  # stands in for api.numista.com, reached through the environment
        monkeypatch.setenv("NUMISTA_API_URL", api.url)
        monkeypatch.setenv("NUMISTA_API_KEY", api.api_key)
        monkeypatch.setenv("NUMISTA_FRAMES_REQUESTS_PER_SECOND", "none")
        workdir = tmp_path / "work"
        execute(nb, workdir, kernel)
        assert api.request_count() > 0  # the notebook used the configured API, not a fake of its own
    # A first run with a key has one day of price history: no chart of many months yet.
    assert_ran_cleanly(nb, workdir, name, charts=CHARTS[name] - 1)
    assert "synthetic observations imported" not in stdout(nb)

"""docs/reliability.md names only tests that exist, and every fault-suite test module is in it."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PAGE = REPO / "docs" / "reliability.md"


def test_reliability_page__every_named_test_exists() -> None:
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", PAGE.read_text(encoding="utf-8"))
    assert len(named) > 20
    missing = []
    for path, name in named:
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        if not callable(getattr(module, name, None)):
            missing.append(f"{path}::{name}")
    assert missing == []


def test_reliability_page__names_every_fault_suite_module() -> None:
    text = PAGE.read_text(encoding="utf-8")
    modules = sorted(p.name for p in (REPO / "tests" / "faults").glob("test_*.py"))
    absent = [m for m in modules if m != Path(__file__).name and f"tests/faults/{m}" not in text]
    assert absent == []

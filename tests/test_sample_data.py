"""The shipped sample catalogue is exactly what the seeded generator makes."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import sys
from types import ModuleType

import pytest

from .conftest import REPO

PACKAGE = REPO / "data" / "sample_catalogue"
SHIPPED = REPO / "numista_frames" / "testing" / "data" / "sample_catalogue.json.gz"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    """The generator package data/sample_catalogue, loaded from its path (data/ is not on
    ``sys.path``). It is registered in ``sys.modules`` only while it loads: its modules import
    each other relatively, which needs the package there."""
    spec = importlib.util.spec_from_file_location(
        "sample_catalogue", PACKAGE / "__init__.py", submodule_search_locations=[str(PACKAGE)])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    saved = {name: mod for name, mod in sys.modules.items() if name.split(".")[0] == "sample_catalogue"}
    sys.modules["sample_catalogue"] = module
    try:
        spec.loader.exec_module(module)
    finally:
        for name in [n for n in sys.modules if n.split(".")[0] == "sample_catalogue"]:
            del sys.modules[name]
        sys.modules.update(saved)
    return module


def test_sample__generator_writes_the_shipped_bytes(generator: ModuleType) -> None:
    """Byte for byte, compared by checksum: splitting or tidying the generator must not change
    a single byte of the shipped file. (Should a different zlib ever compress the same JSON
    differently, the JSON comparison below tells the two cases apart.)"""
    built = hashlib.sha256(generator.encode(generator.build_catalogue())).hexdigest()
    assert built == hashlib.sha256(SHIPPED.read_bytes()).hexdigest(), (
        "the generator no longer writes the shipped sample catalogue byte for byte: "
        "run python data/make_sample_catalogue.py --check")


def test_sample__shipped_file_matches_the_generator(generator: ModuleType) -> None:
    built = generator.build_catalogue()
    shipped = json.loads(gzip.decompress(SHIPPED.read_bytes()))
    assert shipped == json.loads(json.dumps(built)), (
        "the shipped sample catalogue is stale: run python data/make_sample_catalogue.py")


def test_sample__generator_is_deterministic(generator: ModuleType) -> None:
    assert generator.encode(generator.build_catalogue()) == generator.encode(
        generator.build_catalogue())


def test_sample__is_labelled_synthetic_and_large_enough() -> None:
    data = json.loads(gzip.decompress(SHIPPED.read_bytes()))
    assert data["meta"]["synthetic"] is True
    assert len(data["issuers"]) >= 20
    types = data["types"]
    assert len(types) >= 600
    assert {t["category"] for t in types} == {"coin", "banknote", "exonumia"}
    dollars = [t for t in types if "dollar" in t["title"].lower().split()]
    assert len(dollars) >= 50 and len({t["issuer"]["code"] for t in dollars}) >= 5
    assert sum(len(v) for v in data["issues"].values()) >= 4000
    user = data["users"]["1"]
    assert len(user["collections"]) >= 3 and len(user["items"]) >= 150


def test_sample__prices_never_decrease_with_grade() -> None:
    data = json.loads(gzip.decompress(SHIPPED.read_bytes()))
    order = ["g", "vg", "f", "vf", "xf", "au", "unc"]
    for issue_id, prices in data["prices"].items():
        values = [prices[g] for g in order if g in prices]
        assert values == sorted(values), issue_id
    priced = set(data["prices"])
    all_issues = {str(i["id"]) for v in data["issues"].values() for i in v}
    assert priced < all_issues, "some issues must have no estimates"

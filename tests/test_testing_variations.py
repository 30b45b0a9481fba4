"""The fake serves what real bodies carry now and then (issue 11 §17), the same way every time,
and the loaders type it right."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

import numista_frames as nf
from numista_frames.testing import FakeNumista, SampleCatalogue, load_sample_catalogue
from numista_frames.testing.variations import picked


@pytest.fixture(scope="module")
def catalogue() -> SampleCatalogue:
    return load_sample_catalogue()


def _first(catalogue: SampleCatalogue, has: Callable[[dict[str, Any]], bool]) -> int:
    """The first sample type whose served body passes ``has``."""
    for type_id in catalogue.type_ids:
        if has(catalogue.get_type(type_id)):
            return type_id
    raise AssertionError("no sample type shows this variation")


VARIATIONS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "reverse.unabridged_legend": lambda b: bool((b.get("reverse") or {}).get("unabridged_legend")),
    "edge.lettering_translation": lambda b: bool((b.get("edge") or {}).get("lettering_translation")),
    "ruler[].nomisma_id": lambda b: any("nomisma_id" in r for r in b.get("ruler") or []),
    "mints[].id as a string": lambda b: any(isinstance(m["id"], str) for m in b.get("mints") or []),
}


@pytest.mark.parametrize("name", list(VARIATIONS))
def test_types__each_variation_is_served_somewhere_and_not_everywhere(
        catalogue: SampleCatalogue, name: str) -> None:
    has = VARIATIONS[name]
    served = [has(catalogue.get_type(t)) for t in catalogue.type_ids]
    assert 0 < sum(served) < len(served)  # rulers recur: a picked one shows up in many types


def test_variations__the_same_body_every_time_and_the_sample_untouched(
        catalogue: SampleCatalogue) -> None:
    type_id = _first(catalogue, VARIATIONS["mints[].id as a string"])
    assert catalogue.get_type(type_id) == load_sample_catalogue().get_type(type_id)
    stored = catalogue._types[type_id]  # the shipped sample keeps its integer ids
    assert all(isinstance(m["id"], int) for m in stored["mints"])


def test_search__some_items_without_years_object_type_or_thumbnails(catalogue: SampleCatalogue) -> None:
    items = [item for page in range(1, 9)
             for item in catalogue.search({"year": "1-2100", "page": str(page), "count": "100"})["types"]]
    assert len(items) > 500
    bare = [i for i in items if "min_year" not in i and "object_type" not in i]
    thumbless = [i for i in items if "obverse_thumbnail" not in i and "reverse_thumbnail" not in i]
    assert bare and len(bare) < 0.05 * len(items)
    assert thumbless and len(thumbless) < 0.05 * len(items)
    assert all(picked("search_no_years", i["id"]) for i in bare)


def test_issuers__wikidata_id_null_where_there_is_none(catalogue: SampleCatalogue) -> None:
    issuers = catalogue.get_issuers()["issuers"]
    assert all("wikidata_id" in i for i in issuers)
    assert 0 < sum(i["wikidata_id"] is None for i in issuers) < len(issuers)


def test_loaders__type_the_variations(configured: FakeNumista, catalogue: SampleCatalogue) -> None:
    mint_type = _first(catalogue, VARIATIONS["mints[].id as a string"])
    mints = nf.type_parts_df(mint_type, part="mints")
    assert str(mints["mint_id"].dtype) == "Int64" and mints["mint_id"].notna().all()
    legend_type = _first(catalogue, VARIATIONS["reverse.unabridged_legend"])
    types = nf.types_df(legend_type)
    assert types["reverse_unabridged_legend"].notna().all()
    ruler_type = _first(catalogue, VARIATIONS["ruler[].nomisma_id"])
    rulers = nf.type_parts_df(ruler_type, part="rulers")
    assert rulers["nomisma_id"].notna().any()
    found = nf.search_df(year="1-2100")
    bare = found[found["id"].map(lambda i: picked("search_no_years", i))]
    assert len(bare) and bare["min_year"].isna().all() and bare["object_type_name"].isna().all()
    issuers = nf.issuers_df()
    assert issuers["wikidata_id"].isna().any() and str(issuers["wikidata_id"].dtype) == "string"
    assert isinstance(issuers, pd.DataFrame)

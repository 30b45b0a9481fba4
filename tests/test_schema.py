"""The schema tables: complete, consistent, and covering every field Numista documents."""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd
import pytest

from numista_frames.checks import CATEGORIES, GRADES
from numista_frames.frames import schema
from numista_frames.frames.schema import (
    CATEGORY_DTYPE,
    DTYPES,
    GRADE_DTYPE,
    RESOURCES,
    TABLES,
    columns,
    dtypes,
    empty_frame,
    schema_frame,
)

SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")

#: Every field of NOTES.md §5 (and the §9 variants), as a source path, by the tables that read it.
DOCUMENTED = {
    ("search",): "id title category issuer.code issuer.name min_year max_year obverse_thumbnail "
                 "reverse_thumbnail object_type.id object_type.name similarity_distance minYear maxYear",
    ("types", "type_rulers", "type_mints", "type_printers", "type_references", "type_tags",
     "type_related_types", "type_lettering_scripts", "type_engravers", "type_designers"):
        "id url title category issuer.code issuer.name issuing_entity.id issuing_entity.name "
        "issuing_entity.wikidata_id secondary_issuing_entity.id secondary_issuing_entity.name "
        "min_year max_year type object_type.id object_type.name value.text value.numeric_value "
        "value.numerator value.denominator value.currency.id value.currency.name "
        "value.currency.full_name ruler[].id ruler[].name ruler[].wikidata_id ruler[].nomisma_id "
        "ruler[].group.id ruler[].group.name demonetization.is_demonetized "
        "demonetization.demonetization_date issue_terms.is_issued issue_terms.issue_date shape "
        "composition.text technique.text weight size size2 thickness orientation "
        + " ".join(f"{side}.{field}" for side in ("obverse", "reverse", "edge", "watermark")
                   for field in ("description", "lettering", "unabridged_legend", "lettering_translation",
                                 "picture", "thumbnail", "picture_copyright", "picture_copyright_url",
                                 "picture_license_name", "picture_license_url"))
        + " *.engravers[] *.designers[] *.lettering_scripts[].name mints[].id mints[].name printers[].id "
        "printers[].name series commemorated_topic comments related_types[].id related_types[].title "
        "related_types[].category related_types[].issuer.code related_types[].country.code "
        "related_types[].min_year related_types[].minYear related_types[].max_year "
        "related_types[].maxYear tags[] references[].catalogue.id references[].catalogue.code "
        "references[].number",
    ("issues", "issue_marks", "issue_signatures", "issue_references"):
        "id is_dated year gregorian_year min_year max_year mint_letter marks[].id marks[].title "
        "marks[].picture marks[].letters signatures[].signer_name signatures[].signer_title mintage "
        "references[].catalogue.id references[].catalogue.code references[].number comment",
    ("prices",): "currency prices[].grade prices[].price",
    ("issuers",): "code name flag wikidata_id parent.code parent.name level",
    ("mints",): "id name local_name place country.code country.name start_year end_year nomisma_id "
                "wikidata_id",
    ("catalogues",): "id code title author publisher isbn13",
    ("publications", "publication_contributors", "publication_publishers", "publication_places",
     "publication_part_of"):
        "id url type title translated_title volume_number subtitle translated_subtitle edition "
        "languages[] year page_count pages cover isbn10 isbn13 issn oclc_number contributors[].role "
        "contributors[].name contributors[].id publishers[].name publishers[].id "
        "publication_places[].name publication_places[].geonames_id part_of[].type part_of[].id "
        "part_of[].title part_of[].volume_number bibliographical_notice homepage_url download_urls[]",
    ("user",): "username avatar",
    ("collections",): "id name",
    ("collected_items",):
        "id quantity type.id type.title type.category type.issuer.code type.issuer.name issue.id "
        "issue.year issue.gregorian_year issue.mint_letter issue.mintage for_swap grade private_comment "
        "public_comment price.value price.currency collection.id collection.name collection "
        "pictures[].url pictures[0].thumbnail_url storage_location acquisition_place acquisition_date "
        "serial_number internal_id weight size axis grading_details.grading_company.id "
        "grading_details.grading_company.name grading_details.slab_grade.id "
        "grading_details.slab_grade.value grading_details.slab_number grading_details.cac_sticker "
        "grading_details.grading_designations[].id grading_details.grading_designations[].value "
        "grading_details.grading_strike.id grading_details.grading_strike.value "
        "grading_details.grading_surface.id grading_details.grading_surface.value",
}


def _paths(resources: tuple[str, ...]) -> set[str]:
    """Every path the tables read, unwrapped from converters and split at ``|``."""
    found: set[str] = set()
    for resource in resources:
        for column in TABLES[resource].columns:
            inner = re.sub(r"^\w+\((.*)\)$", r"\1", column.source)
            found.update(inner.split("|"))
    sides = {p.replace(f"{side}.", "*.", 1) for p in found for side in schema.SIDES if p.startswith(side)}
    return found | sides


@pytest.mark.parametrize("resources", list(DOCUMENTED), ids=lambda r: r[0])
def test_schema__every_documented_field_is_reachable(resources: tuple[str, ...]) -> None:
    missing = set(DOCUMENTED[resources].split()) - _paths(resources)
    assert not missing


@pytest.mark.parametrize("resource", RESOURCES)
def test_schema__column_names_are_unique_snake_case_with_known_dtypes(resource: str) -> None:
    table = TABLES[resource]
    names = [c.name for c in table.columns]
    assert len(names) == len(set(names))
    assert all(SNAKE.match(name) for name in names)
    assert all(c.dtype in DTYPES and c.description and c.source for c in table.columns)


@pytest.mark.parametrize("resource", RESOURCES)
def test_schema__ids_come_first(resource: str) -> None:
    first = columns(resource)[0]
    assert first.endswith("id") or first == "code"


@pytest.mark.parametrize("resource", RESOURCES)
def test_empty_frame__has_every_column_with_its_dtype_and_no_rows(resource: str) -> None:
    frame = empty_frame(resource)
    assert list(frame.columns) == columns(resource)
    assert frame.dtypes.to_dict() == dtypes(resource)
    assert len(frame) == 0
    assert isinstance(frame.index, pd.RangeIndex)


def test_empty_frame__dtypes_follow_the_conventions() -> None:
    types = empty_frame("types").dtypes
    assert types["id"] == "Int64" and types["min_year"] == "Int64"
    assert types["weight"] == "float64" and types["value_numeric"] == "float64"
    assert types["title"] == "string" and types["demonetization_is_demonetized"] == "boolean"
    assert types["demonetization_date"] == "datetime64[ns]"
    assert types["category"] == CATEGORY_DTYPE
    prices = empty_frame("prices").dtypes
    assert prices["grade"] == GRADE_DTYPE and str(prices["fetched_at"]) == "datetime64[ns, UTC]"


def test_empty_frame__unknown_resource_raises() -> None:
    with pytest.raises(ValueError, match="unknown resource 'coins'"):
        empty_frame("coins")


def test_grade_dtype__orders_grades_worst_to_best() -> None:
    grades: Any = pd.Series(["unc", "f", "vg", "xf"], dtype=GRADE_DTYPE)
    assert grades.sort_values().tolist() == ["vg", "f", "xf", "unc"]
    assert (grades >= "xf").tolist() == [True, False, False, True]
    assert list(GRADE_DTYPE.categories) == list(GRADES) and GRADE_DTYPE.ordered


def test_category_dtype__has_the_fixed_categories() -> None:
    assert list(CATEGORY_DTYPE.categories) == list(CATEGORIES) and not CATEGORY_DTYPE.ordered


def test_empty_frame__frames_concatenate_without_losing_dtypes() -> None:
    left = pd.DataFrame({"grade": pd.Categorical(["f"], dtype=GRADE_DTYPE)})
    right = pd.DataFrame({"grade": pd.Categorical(["unc"], dtype=GRADE_DTYPE)})
    both = pd.concat([empty_frame("prices")[["grade"]], left, right], ignore_index=True)
    assert both["grade"].dtype == GRADE_DTYPE and both["grade"].max() == "unc"


def test_schema_frame__describes_every_column() -> None:
    frame = schema_frame("types")
    assert frame["name"].tolist() == columns("types")
    row = frame.set_index("name").loc["issuer_code"]
    assert (row["dtype"], row["source"]) == ("string", "issuer.code")
    assert frame.set_index("name").loc["category", "dtype"] == "category (coin, banknote, exonumia)"
    assert frame.notna().all().all()


def test_schema__part_names_map_to_tables() -> None:
    assert schema.TYPE_PARTS["mints"] == "type_mints"
    assert schema.ISSUE_PARTS["references"] == "issue_references"
    assert set(schema.TYPE_PARTS) >= {"rulers", "mints", "printers", "references", "tags",
                                       "related_types", "lettering_scripts", "engravers", "designers"}
    assert set(schema.ISSUE_PARTS) == {"marks", "signatures", "references"}
    assert all(TABLES[r].parent for r in (*schema.TYPE_PARTS.values(), *schema.ISSUE_PARTS.values()))


def test_schema__version_is_a_positive_int() -> None:
    assert isinstance(schema.SCHEMA_VERSION, int) and schema.SCHEMA_VERSION >= 1


@pytest.mark.parametrize("resource", ["prices", "types"])
def test_empty_frame__parquet_round_trip_is_restored_by_astype(resource: str) -> None:
    # pyarrow keeps no categories for a zero-row dictionary column; astype(dtypes()) restores them.
    buffer = io.BytesIO()
    empty_frame(resource).to_parquet(buffer)
    buffer.seek(0)
    back = pd.read_parquet(buffer).astype(dtypes(resource))
    pd.testing.assert_frame_equal(back, empty_frame(resource))

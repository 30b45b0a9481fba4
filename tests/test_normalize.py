"""The normalisers: exact schemas, exact values, real bodies' quirks and the sample catalogue."""

from __future__ import annotations

import gzip
import importlib.resources
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from numista_frames.frames import normalize as nz
from numista_frames.frames.normalize import PriceRecord
from numista_frames.frames.parts import parse_source
from numista_frames.frames.schema import (
    ISSUE_PARTS,
    PUBLICATION_PARTS,
    RESOURCES,
    TABLES,
    TYPE_PARTS,
    columns,
    dtypes,
    empty_frame,
)
from numista_frames.frames.values import CONVERTERS, as_int, typed_array
from numista_frames.testing import load_sample_catalogue
from numista_frames.testing.collection import UserStore

REAL = Path(__file__).resolve().parents[2] / "shared" / "numista-api" / "real"
needs_real = pytest.mark.skipif(
    not REAL.is_dir(), reason=f"needs real Numista answer bodies, looked for in {REAL} (the "
    "project's shared/numista-api/real folder, beside this checkout)")

# -- hand-written bodies in the shapes of the real ones ----------------------------------------

#: As coindex's 2026 captures: object_type, issue_terms, legacy related_types, \r\n lettering.
TYPE_2026: dict[str, Any] = {
    "category": "coin", "commemorated_topic": "Year of the Dragon", "comments": "<p>BU</p>",
    "composition": {"text": "Silver 999.9"}, "demonetization": {"is_demonetized": True,
                                                                "demonetization_date": "2002-02-28"},
    "edge": {"description": "Reeded"}, "id": 386213, "issuer": {"code": "australie", "name": "Australia"},
    "issue_terms": {"is_issued": True, "issue_date": "2023-11-14"},
    "max_year": 2024, "min_year": 2024, "mints": [{"id": 21, "name": "Perth Mint"}],
    "object_type": {"id": 3, "name": "Non-circulating coins"},
    "obverse": {"designers": ["Jody Clark"], "lettering": "ELIZABETH II\r\n1oz 9999 Ag\r\nJC",
                "lettering_scripts": [{"name": "Latin"}], "picture": "https://x/o.jpg",
                "picture_copyright": "Perth Mint", "thumbnail": "https://x/o-180.jpg"},
    "orientation": "medal", "references": [{"catalogue": {"code": "KM", "id": 3}, "number": "4639"}],
    "related_types": [{"category": "coin", "country": {"code": "australie", "name": "Australia"},
                       "id": 85886, "maxYear": 2016, "minYear": 2016, "title": "1 Dollar Koala"}],
    "reverse": {"designers": ["Ing Ing Jong"], "lettering": "龍\r\nDRAGON",
                "lettering_scripts": [{"name": "Chinese"}, {"name": "Latin"}]},
    "ruler": [{"group": {"id": 825, "name": "House of Windsor"}, "id": 6815, "name": "Charles III",
               "wikidata_id": "Q43274"}],
    "series": "Lunar Series III", "shape": "Round", "size": 40.9, "tags": ["Dragon", "Chinese calendar"],
    "technique": {"text": "Milled"}, "thickness": 3.5, "title": "1 Dollar - Year of the Dragon",
    "type": "Non-circulating coins", "url": "https://en.numista.com/386213",
    "value": {"currency": {"full_name": "Dollar (1966-date)", "id": 243, "name": "Dollar"},
              "numeric_value": 1, "text": "1 Dollar"},
    "weight": 31, "unknown_future_field": {"x": 1},
}
#: As planchet's 2025 capture: mints ids as strings, a fraction, documented related_types.
TYPE_2025: dict[str, Any] = {
    "id": 99700, "url": "https://en.numista.com/99700", "title": "¼ Dollar \"Washington Quarter\"",
    "category": "coin", "issuer": {"code": "etats-unis", "name": "United States"},
    "min_year": 2017, "max_year": 2017, "type": "Circulating commemorative coins",
    "ruler": [{"id": 4720, "name": "Federal republic", "wikidata_id": "Q30"}],
    "value": {"text": "¼ Dollar ", "numeric_value": 0.25, "numerator": 1, "denominator": 4,
              "currency": {"id": 59, "name": "Dollar", "full_name": "Dollar (1785-date)"}},
    "demonetization": {"is_demonetized": False}, "size": 24.3, "thickness": 1.75, "weight": 5.67,
    "obverse": {"engravers": ["William Cousins"], "lettering": "IN \r\nGOD WE \r\nTRUST"},
    "reverse": {"engravers": ["Frank Morris", "Michael Gaudioso"]},
    "mints": [{"id": "10", "name": "Denver"}, {"id": "11", "name": "Philadelphia"}],
    "related_types": [{"id": 5, "title": "Quarter", "category": "coin",
                       "issuer": {"code": "etats-unis", "name": "United States"},
                       "min_year": 1999, "max_year": 2008}],
    "references": [{"catalogue": {"id": 3, "code": "KM"}, "number": "657"}],
}
TYPE_BC: dict[str, Any] = {
    "id": 1500, "title": "Tetradrachm", "category": "coin", "issuer": {"code": "athens", "name": "Athens"},
    "min_year": -454, "max_year": -404, "value": {"text": "1 Tetradrachm"}, "weight": "17.2",
    "size": "n/a", "printers": "not a list",
}
#: A banknote: printers and a watermark.
TYPE_BANKNOTE: dict[str, Any] = {
    "id": 204, "title": "10 Pounds", "category": "banknote", "issuer": {"code": "royaume-uni"},
    "min_year": 2017, "max_year": 2021, "size": 132, "size2": 69,
    "printers": [{"id": 11, "name": "De La Rue"}], "watermark": {"description": "Queen", "picture": "https://x/w"},
}
ISSUES: dict[int, list[dict[str, Any]]] = {
    4001: [
        {"id": 48765, "is_dated": True, "year": "平成元年", "gregorian_year": 1989, "mintage": 471374000},
        {"id": 48766, "is_dated": True, "year": 1990, "gregorian_year": 1990, "mint_letter": "D",
         "marks": [{"id": 1192, "title": "Bee", "picture": "https://x/1192.png"}],
         "references": [{"catalogue": {"id": 3, "code": "KM"}, "number": "12a"}], "comment": "Proof"},
    ],
    4002: [{"id": 38520, "is_dated": False, "min_year": -200, "max_year": -150,
            "signatures": [{"signer_name": "H. Keller", "signer_title": "Chief Cashier"}]}],
}
PRICES: dict[str, Any] = {
    "currency": "USD", "prices": [{"grade": "unc", "price": 66.5425}, {"grade": "f", "price": 3}]}
ISSUERS: dict[str, Any] = {"count": 2, "issuers": [
    {"code": "hong_kong", "name": "Hong Kong", "parent": {"code": "china", "name": "China"}, "level": 2,
     "flag": "https://x/hk.gif", "wikidata_id": "Q8646"},
    {"code": "brno_duchy", "name": "Brno, Duchy of", "wikidata_id": None},
]}
MINTS: dict[str, Any] = {"count": 1, "mints": [
    {"id": 10, "name": "Denver Mint", "place": "Denver", "start_year": 1906, "end_year": 9999,
     "country": {"code": "etats-unis", "name": "United States"}}]}
CATALOGUES: dict[str, Any] = {"count": 1587, "catalogues": [{"id": 206, "code": "A", "title": "A Checklist",
                                             "author": "Stephen Album", "publisher": "Self",
                                             "isbn13": "9780615562445"}]}
PUBLICATION: dict[str, Any] = {
               "id": "L106610", "type": "volume", "title": "Cast Chinese Coins", "year": "2017",
               "languages": ["en", "zh"], "page_count": 453,
               "contributors": [{"role": "author", "name": "David Hartill", "id": "369"}],
               "publishers": [{"name": "Self-published", "id": "93"}],
               "publication_places": [{"name": "London", "geonames_id": "2643743"}],
               "part_of": [{"type": "volume_group", "id": "L111322", "title": "Cast Chinese Coins"}]}
COLLECTIONS: dict[str, Any] = {"count": 2, "collections": [{"id": 43709, "name": "Misc - Non-US"},
                                           {"id": 43708, "name": "Misc - US"}]}
ITEM: dict[str, Any] = {
    "id": 48567296, "quantity": 1, "for_swap": False, "grade": "au",
    "type": {"id": 10637, "title": "50 Cents &quot;Capped Bust&quot;", "category": "coin",
             "issuer": {"code": "etats-unis", "name": "United States"}},
    "issue": {"id": 73608, "is_dated": True, "year": 1833, "gregorian_year": 1833, "mintage": 5206000},
    "price": {"value": 250, "currency": "USD"}, "collection": {"id": 43708, "name": "Misc - US"},
    "acquisition_date": "2020-08-08", "axis": 6,
    "pictures": [{"url": "https://x/1.jpg", "thumbnail_url": "https://x/1t.jpg"},
                 {"url": "https://x/2.jpg", "thumbnail_url": "https://x/2t.jpg"}],
    "grading_details": {"grading_company": {"id": 1, "name": "NGC"},
                        "slab_grade": {"id": 13, "value": "AU55"}, "slab_number": "12345/3210",
                        "grading_designations": [{"id": 419, "value": "+"}, {"id": 420, "value": "★"}]},
}
ITEMS: dict[str, Any] = {
         "item_count": 2, "item_for_swap_count": 0, "item_type_count": 1, "item_type_for_swap_count": 0,
         "items": [ITEM, {**ITEM, "id": 48567297, "collection": 43709, "grade": "VF"}]}
SEARCH: dict[str, Any] = {"count": 2, "types": [
    {"id": 236498, "title": "Medal - Ron Solera", "category": "exonumia",
     "issuer": {"code": "mexique", "name": "Mexico"}, "obverse_thumbnail": "https://x/o.jpg"},
    {"id": 420, "title": "5 Cents", "category": "coin", "issuer": {"code": "canada", "name": "Canada"},
     "min_year": 1858, "max_year": 1901, "object_type": {"id": 1, "name": "Standard circulation coins"}},
]}
ALL_TYPES = [TYPE_2026, TYPE_2025, TYPE_BC, TYPE_BANKNOTE]
FETCHED = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)

Normaliser = Callable[[Any], pd.DataFrame]


def _with_part(normalise: Callable[[Any, str], pd.DataFrame], part: str) -> Normaliser:
    def with_part(body: Any) -> pd.DataFrame:
        return normalise(body, part)

    return with_part


#: resource -> (normaliser, a body with rows, an empty body)
CASES: dict[str, tuple[Normaliser, Any, Any]] = {
    "search": (nz.normalize_search, SEARCH, {"count": 0, "types": []}),
    "types": (nz.normalize_types, ALL_TYPES, []),
    "issues": (nz.normalize_issues, ISSUES, {}),
    "prices": (lambda b: nz.normalize_prices(b, fetched_at=FETCHED),
               [(4001, 48766, PRICES, ISSUES[4001][1])], []),
    "price_history": (nz.normalize_price_history,
                      [{"type_id": 4001, "issue_id": 48766, "currency": "EUR", "grade": "vf",
                        "price": 2.5, "observed_at": FETCHED}], []),
    "issuers": (nz.normalize_issuers, ISSUERS, {"count": 0, "issuers": []}),
    "mints": (nz.normalize_mints, MINTS, {"count": 0, "mints": []}),
    "catalogues": (nz.normalize_catalogues, CATALOGUES, {"count": 0, "catalogues": []}),
    "publications": (nz.normalize_publications, PUBLICATION, []),
    "user": (lambda b: nz.normalize_user(2, b), {"username": "Xavier", "avatar": "https://x/a.png"}, {}),
    "collections": (nz.normalize_collections, COLLECTIONS, {"count": 0, "collections": []}),
    "collected_items": (nz.normalize_collected_items, ITEMS, {"item_count": 0, "items": []}),
    **{table: (_with_part(nz.normalize_type_parts, part), ALL_TYPES, [])
       for part, table in TYPE_PARTS.items()},
    **{table: (_with_part(nz.normalize_issue_parts, part), ISSUES, {})
       for part, table in ISSUE_PARTS.items()},
    **{table: (_with_part(nz.normalize_publication_parts, part), PUBLICATION, [])
       for part, table in PUBLICATION_PARTS.items()},
}


def _row(frame: pd.DataFrame, **where: Any) -> dict[Any, Any]:
    mask = np.logical_and.reduce([frame[k] == v for k, v in where.items()])
    rows = frame[mask].to_dict("records")
    assert len(rows) == 1, rows
    return rows[0]


def _assert_schema(frame: pd.DataFrame, resource: str) -> None:
    assert list(frame.columns) == columns(resource)
    assert frame.dtypes.to_dict() == dtypes(resource)


# -- schema conformance ----------------------------------------------------------------------------


def test_cases__cover_every_resource() -> None:
    assert set(CASES) == set(RESOURCES)


@pytest.mark.parametrize("resource", RESOURCES)
def test_normalize__returns_the_schema_for_a_body(resource: str) -> None:
    normalise, body, _ = CASES[resource]
    frame = normalise(body)
    _assert_schema(frame, resource)
    assert len(frame) > 0


@pytest.mark.parametrize("resource", sorted(set(RESOURCES) - {"user"}))
def test_normalize__returns_exactly_the_empty_frame_for_an_empty_body(resource: str) -> None:
    normalise, _, empty = CASES[resource]
    pd.testing.assert_frame_equal(normalise(empty), empty_frame(resource))
    pd.testing.assert_frame_equal(normalise(None), empty_frame(resource))


@pytest.mark.parametrize("resource", RESOURCES)
def test_normalize__round_trips_through_parquet(resource: str) -> None:
    normalise, body, _ = CASES[resource]
    frame = normalise(body)
    buffer = io.BytesIO()
    frame.to_parquet(buffer)
    buffer.seek(0)
    pd.testing.assert_frame_equal(pd.read_parquet(buffer), frame)


def test_normalize__frames_of_different_calls_concatenate_with_their_dtypes() -> None:
    first = nz.normalize_prices([(1, 2, PRICES)], fetched_at=FETCHED)
    second = nz.normalize_prices([(1, 3, {"currency": "EUR", "prices": [{"grade": "vf", "price": 1.5}]})])
    both = pd.concat([first, second, empty_frame("prices")], ignore_index=True)
    assert both.dtypes.to_dict() == dtypes("prices")
    assert both.sort_values("grade")["grade"].tolist() == ["f", "vf", "unc"]


def test_parse_source__every_source_of_every_table_compiles() -> None:
    for table in TABLES.values():
        for column in table.columns:
            source = parse_source(column.source)
            assert source.converter is None or source.converter in CONVERTERS
            if table.parent and source.exploded:
                assert source.relative_to(_head(table)) is not None


def _head(table: Any) -> tuple[str, ...]:
    path = next(p for c in table.columns for p in parse_source(c.source).paths if "[]" in p)
    return tuple(path[: path.index("[]")])


# -- values --------------------------------------------------------------------------------------


def test_normalize_types__flattens_nested_objects() -> None:
    row = _row(nz.normalize_types([TYPE_2026]), id=386213)
    assert (row["issuer_code"], row["issuer_name"]) == ("australie", "Australia")
    assert (row["object_type_id"], row["object_type_name"]) == (3, "Non-circulating coins")
    assert (row["value_currency_id"], row["value_currency_full_name"]) == (243, "Dollar (1966-date)")
    assert row["value_numeric"] == 1.0 and row["weight"] == 31.0 and row["category"] == "coin"
    assert row["demonetization_is_demonetized"] is True
    assert row["demonetization_date"] == pd.Timestamp("2002-02-28")
    assert (row["issue_terms_is_issued"], row["issue_terms_issue_date"]) == (True, pd.Timestamp("2023-11-14"))
    assert row["rulers"] == "Charles III" and row["mints"] == "Perth Mint"
    assert row["tags"] == "Dragon; Chinese calendar" and row["references"] == "KM# 4639"
    assert row["obverse_lettering_scripts"] == "Latin"
    assert row["reverse_lettering_scripts"] == "Chinese; Latin"
    assert row["obverse_picture_copyright"] == "Perth Mint" and row["edge_description"] == "Reeded"
    assert pd.isna(row["watermark_picture"]) and pd.isna(row["size2"])


def test_normalize_types__normalises_lettering_line_ends() -> None:
    row = _row(nz.normalize_types([TYPE_2026]), id=386213)
    assert row["obverse_lettering"] == "ELIZABETH II\n1oz 9999 Ag\nJC"
    assert row["reverse_lettering"] == "龍\nDRAGON"


def test_normalize_types__keeps_fractions_of_face_values() -> None:
    row = _row(nz.normalize_types(TYPE_2025), id=99700)
    assert (row["value_numeric"], row["value_numerator"], row["value_denominator"]) == (0.25, 1, 4)
    assert row["value_text"] == "¼ Dollar"
    assert row["obverse_engravers"] == "William Cousins"
    assert row["reverse_engravers"] == "Frank Morris; Michael Gaudioso"


def test_normalize_types__bc_years_are_negative_and_wrong_kinds_are_na() -> None:
    row = _row(nz.normalize_types(TYPE_BC), id=1500)
    assert (row["min_year"], row["max_year"]) == (-454, -404)
    assert row["weight"] == 17.2  # numeric string accepted
    assert pd.isna(row["size"]) and pd.isna(row["printers"]) and pd.isna(row["object_type_id"])


def test_normalize_types__banknote_dimensions_printers_and_watermark() -> None:
    row = _row(nz.normalize_types(TYPE_BANKNOTE), id=204)
    assert (row["category"], row["size"], row["size2"]) == ("banknote", 132.0, 69.0)
    assert row["printers"] == "De La Rue"
    assert (row["watermark_description"], row["watermark_picture"]) == ("Queen", "https://x/w")
    assert nz.normalize_type_parts(TYPE_BANKNOTE, "printers").values.tolist() == [[204, 11, "De La Rue"]]


def test_normalize_type_parts__mint_ids_as_strings_become_ints() -> None:
    frame = nz.normalize_type_parts([TYPE_2026, TYPE_2025], "mints")
    assert frame.values.tolist() == [[386213, 21, "Perth Mint"], [99700, 10, "Denver"],
                                     [99700, 11, "Philadelphia"]]


def test_normalize_type_parts__legacy_and_documented_related_types_share_columns() -> None:
    frame = nz.normalize_type_parts([TYPE_2026, TYPE_2025], "type_related_types")
    assert frame.drop(columns="title").values.tolist() == [
        [386213, 85886, "coin", "australie", "Australia", 2016, 2016],
        [99700, 5, "coin", "etats-unis", "United States", 1999, 2008],
    ]


def test_normalize_type_parts__sides_are_kept() -> None:
    scripts = nz.normalize_type_parts(TYPE_2026, "lettering_scripts")
    assert scripts[["side", "script"]].values.tolist() == [
        ["obverse", "Latin"], ["reverse", "Chinese"], ["reverse", "Latin"]]
    designers = nz.normalize_type_parts(TYPE_2026, "designers")
    assert designers["name"].tolist() == ["Jody Clark", "Ing Ing Jong"]
    engravers = nz.normalize_type_parts(TYPE_2025, "engravers")
    assert engravers["side"].tolist() == ["obverse", "reverse", "reverse"]


def test_normalize_type_parts__rulers_and_references() -> None:
    rulers = nz.normalize_type_parts(TYPE_2026, "rulers")
    assert rulers.values.tolist() == [[386213, 6815, "Charles III", "Q43274", pd.NA, 825, "House of Windsor"]]
    refs = nz.normalize_type_parts([TYPE_2026, TYPE_2025], "references")
    assert refs.values.tolist() == [[386213, 3, "KM", "4639"], [99700, 3, "KM", "657"]]


def test_normalize_type_parts__unknown_part_raises() -> None:
    with pytest.raises(ValueError, match="unknown type part 'obverse'"):
        nz.normalize_type_parts(TYPE_2026, "obverse")


def test_normalize_issues__year_as_written_and_gregorian_year() -> None:
    frame = nz.normalize_issues(ISSUES)
    assert frame[["type_id", "issue_id", "year", "gregorian_year"]].values.tolist() == [
        [4001, 48765, "平成元年", 1989], [4001, 48766, "1990", 1990], [4002, 38520, pd.NA, pd.NA]]
    undated = _row(frame, issue_id=38520)
    assert (undated["is_dated"], undated["min_year"], undated["max_year"]) == (False, -200, -150)
    assert undated["signatures"] == "H. Keller" and pd.isna(undated["mintage"])
    dated = _row(frame, issue_id=48766)
    assert (dated["mint_letter"], dated["marks"], dated["references"], dated["comment"]) == (
        "D", "Bee", "KM# 12a", "Proof")


def test_normalize_issues__accepts_pairs_and_string_type_ids() -> None:
    frame = nz.normalize_issues([("4001", ISSUES[4001])])
    assert frame["type_id"].tolist() == [4001, 4001]


def test_normalize_issue_parts__keyed_by_type_and_issue() -> None:
    marks = nz.normalize_issue_parts(ISSUES, "marks")
    assert marks.values.tolist() == [[4001, 48766, 1192, "Bee", pd.NA, "https://x/1192.png"]]
    signatures = nz.normalize_issue_parts(ISSUES, "signatures")
    assert signatures.values.tolist() == [[4002, 38520, "H. Keller", "Chief Cashier"]]
    refs = nz.normalize_issue_parts(ISSUES, "issue_references")
    assert refs.values.tolist() == [[4001, 48766, 3, "KM", "12a"]]


def test_normalize_prices__long_format_with_the_issue() -> None:
    frame = nz.normalize_prices([PriceRecord(4001, 48766, PRICES, ISSUES[4001][1])], fetched_at=FETCHED)
    assert frame.drop(columns="fetched_at").values.tolist() == [
        [4001, 48766, "unc", 66.5425, "USD", "1990", 1990, "D", "Proof"],
        [4001, 48766, "f", 3.0, "USD", "1990", 1990, "D", "Proof"],
    ]
    assert (frame["fetched_at"] == pd.Timestamp("2026-11-26 10:30", tz="UTC")).all()
    assert frame.sort_values("grade")["grade"].tolist() == ["f", "unc"]


def test_normalize_prices__fetch_times_of_each_record_and_missing_issue() -> None:
    frame = nz.normalize_prices([
        (1, 2, PRICES, None, "2026-01-01T12:00:00+01:00"),
        (1, 3, {"currency": "EUR", "prices": []}),
        (1, 4, {"currency": "EUR", "prices": [{"grade": "mint", "price": "x"}]}, None, 0),
    ])
    assert frame["issue_id"].tolist() == [2, 2, 4]
    assert frame["fetched_at"].tolist()[:2] == [pd.Timestamp("2026-01-01 11:00", tz="UTC")] * 2
    assert frame["fetched_at"].iloc[2] == pd.Timestamp(0, tz="UTC")
    assert frame["year"].isna().all() and pd.isna(frame["grade"].iloc[2]) and np.isnan(frame["price"].iloc[2])


def test_normalize_issuers__flattens_parent() -> None:
    frame = nz.normalize_issuers(ISSUERS, lang="fr")
    assert frame.values.tolist()[0] == ["hong_kong", "Hong Kong", "china", "China", 2, "Q8646",
                                        "https://x/hk.gif", "fr"]
    assert nz.normalize_issuers(ISSUERS)["lang"].isna().all()  # not known: NA, never a guess
    assert frame["wikidata_id"].isna().tolist() == [False, True]


def test_normalize_mints__single_body_list_and_active() -> None:
    from_list = nz.normalize_mints(MINTS)
    single = nz.normalize_mints({**MINTS["mints"][0], "id": "10", "end_year": 1950})
    row = _row(from_list, id=10)
    assert row["is_active"] is True and row["country_code"] == "etats-unis"
    assert single[["id", "end_year", "is_active"]].values.tolist() == [[10, 1950, False]]


def test_normalize_catalogues__one_row_per_catalogue() -> None:
    assert nz.normalize_catalogues(CATALOGUES).values.tolist() == [
        [206, "A", "A Checklist", "Stephen Album", "Self", "9780615562445"]]


def test_normalize_publications__string_ids_and_year() -> None:
    row = _row(nz.normalize_publications(PUBLICATION), id="L106610")
    assert (row["year"], row["page_count"], row["languages"]) == (2017, 453, "en; zh")
    assert (row["contributors"], row["part_of_id"]) == ("David Hartill", "L111322")
    contributors = nz.normalize_publication_parts(PUBLICATION, "contributors")
    assert contributors.values.tolist() == [["L106610", 369, "David Hartill", "author"]]
    places = nz.normalize_publication_parts([PUBLICATION], "places")
    assert places.values.tolist() == [["L106610", "London", 2643743]]


def test_normalize_user__one_row() -> None:
    frame = nz.normalize_user("2", CASES["user"][1])
    assert frame.values.tolist() == [[2, "Xavier", "https://x/a.png"]]
    _assert_schema(nz.normalize_user(3, {}), "user")


def test_normalize_collections__with_and_without_user() -> None:
    assert nz.normalize_collections(COLLECTIONS, user_id=7).values.tolist() == [
        [7, 43709, "Misc - Non-US"], [7, 43708, "Misc - US"]]
    assert nz.normalize_collections(COLLECTIONS)["user_id"].isna().all()


def test_normalize_collected_items__flattens_and_unescapes() -> None:
    frame = nz.normalize_collected_items(ITEMS, user_id=1)
    row = _row(frame, id=48567296)
    assert row["title"] == '50 Cents "Capped Bust"'
    assert (row["type_id"], row["issue_id"]) == (10637, 73608)
    assert (row["year"], row["gregorian_year"]) == ("1833", 1833)
    assert (row["mintage"], row["price_value"], row["price_currency"]) == (5206000, 250.0, "USD")
    assert (row["collection_id"], row["collection_name"], row["grade"]) == (43708, "Misc - US", "au")
    assert (row["grading_company_id"], row["grading_company"], row["slab_grade"]) == (1, "NGC", "AU55")
    assert (row["grading_designations"], row["grading_designation_ids"]) == ("+; ★", "419; 420")
    assert (row["picture_count"], row["picture_url"]) == (2, "https://x/1.jpg")
    assert row["acquisition_date"] == pd.Timestamp("2020-08-08") and row["axis"] == 6


def test_normalize_collected_items__bare_int_collection_and_upper_case_grade() -> None:
    row = _row(nz.normalize_collected_items(ITEMS), id=48567297)
    assert row["collection_id"] == 43709 and pd.isna(row["collection_name"])
    assert row["grade"] == "vf"


def test_normalize_collected_items__single_item_and_int_grading_ids() -> None:
    item = {**ITEM, "grading_details": {"grading_company": 2, "grading_designations": [419]}}
    row = nz.normalize_collected_items(item).iloc[0]
    assert (row["grading_company_id"], row["grading_designation_ids"]) == (2, "419")


def test_normalize_search__pages_and_v1_spelling() -> None:
    frame = nz.normalize_search([*SEARCH["types"], {"id": "7", "title": "x", "minYear": 1900}])
    assert frame["id"].tolist() == [236498, 420, 7]
    assert frame["min_year"].tolist() == [pd.NA, 1858, 1900]
    assert frame["category"].tolist() == ["exonumia", "coin", np.nan]
    assert _row(frame, id=420)["object_type_id"] == 1


# -- robustness ----------------------------------------------------------------------------------


def test_normalize__ignores_non_object_records_and_wrong_kinds() -> None:
    junk: list[Any] = ["junk", None, {"id": {"x": 1}, "title": 5, "issuer": "canada",
                                      "category": ["coin"], "min_year": "1900x"}]
    frame = nz.normalize_search(junk)
    assert len(frame) == 1
    assert frame.iloc[0][["id", "issuer_code", "min_year"]].isna().all()
    assert frame["title"].tolist() == ["5"] and frame["category"].isna().all()


def test_normalize__rejects_a_payload_that_is_no_json_list_or_object() -> None:
    with pytest.raises(TypeError, match="got int"):
        nz.normalize_types(42)  # type: ignore[arg-type]


def test_typed_array__coerces_or_gives_na() -> None:
    assert typed_array("Int64", [1, "2", 3.0, 3.5, True, 2**70, None]).tolist() == [
        1, 2, 3, pd.NA, pd.NA, pd.NA, pd.NA]
    assert typed_array("boolean", [True, 0, "yes", "x"]).tolist() == [True, False, True, pd.NA]
    dates = typed_array("datetime64[ns]", ["2020-01-02", "1500-01-01", "bad", 5, "2011-05-06T10:00:00"])
    as_text = pd.Series(dates).astype(str).fillna("NaT").tolist()
    assert as_text == ["2020-01-02", "NaT", "NaT", "NaT", "2011-05-06"]
    partial = typed_array("datetime64[ns]", ["2001-00-00", "1998-06-00"])
    assert pd.Series(partial).astype(str).tolist() == ["2001-01-01", "1998-06-01"]
    assert as_int("L106610") is None and as_int(" 42 ") == 42


# -- real bodies ----------------------------------------------------------------------------------


def _real(name: str) -> Any:
    return json.loads((REAL / name).read_text(encoding="utf-8"))


@needs_real
def test_real__1050_types() -> None:
    bodies = _real("coindex__numista-type-cache_types_lang-es_1050.json")
    frame = nz.normalize_types(bodies.values())
    _assert_schema(frame, "types")
    assert len(frame) == 1050 and frame["id"].is_unique and frame["id"].notna().all()
    assert frame["issuer_code"].notna().all() and frame["title"].notna().all()
    assert frame["demonetization_date"].notna().sum() == 141  # 25 of them written 2001-00-00
    assert frame["issue_terms_issue_date"].notna().sum() == 122
    assert not frame["obverse_lettering"].str.contains("\r", regex=False).any()
    assert (frame["weight"] > 0).all() and frame["category"].notna().all()


@needs_real
def test_real__partial_dates_say_how_much_is_known() -> None:
    bodies = list(_real("coindex__numista-type-cache_types_lang-es_1050.json").values())
    frame = nz.normalize_types(bodies)
    raw = pd.Series([(b.get("demonetization") or {}).get("demonetization_date") for b in bodies])
    precision = frame["demonetization_date_precision"]
    assert int((precision == "year").sum()) == int(raw.str.endswith("-00-00").fillna(False).sum()) == 25
    assert precision.notna().sum() == frame["demonetization_date"].notna().sum() == 141
    months = raw.str.match(r"^\d{4}-(?!00)\d{2}-00$").fillna(False)
    assert int((precision == "month").sum()) == int(months.sum())
    issued = frame["issue_terms_issue_date_precision"]
    raw_issued = pd.Series([(b.get("issue_terms") or {}).get("issue_date") for b in bodies])
    assert issued.notna().sum() == 122
    partial = int(raw_issued.str.contains("-00").fillna(False).sum())
    assert int(issued.isin(["year", "month"]).sum()) == partial == 4


@needs_real
def test_real__html_comments_have_a_plain_text_twin() -> None:
    bodies = list(_real("coindex__numista-type-cache_types_lang-es_1050.json").values())
    frame = nz.normalize_types(bodies)
    html_rows = frame["comments"].str.contains("<", regex=False).fillna(False)
    assert html_rows.any()
    plain = frame.loc[html_rows, "comments_text"]
    assert not plain.str.contains(r"<[a-zA-Z/][^>]*>", regex=True).any()
    assert not frame["comments_text"].str.contains("\r", regex=False).fillna(False).any()
    entities = frame["comments_text"].str.contains(r"&(?:amp|quot|lt|gt|nbsp);", regex=True)
    assert not entities.fillna(False).any()
    assert (frame["comments"].notna() == frame["comments_text"].notna()).mean() > 0.95


@needs_real
def test_real__1050_types_parts() -> None:
    bodies = list(_real("coindex__numista-type-cache_types_lang-es_1050.json").values())
    related = nz.normalize_type_parts(bodies, "related_types")
    assert len(related) == 1838 and related[["issuer_code", "min_year", "max_year"]].notna().all().all()
    assert len(nz.normalize_type_parts(bodies, "references")) == 1872
    assert len(nz.normalize_type_parts(bodies, "lettering_scripts")) == 1322 + 1138 + 76
    assert len(nz.normalize_type_parts(bodies, "mints")) == 1089


@needs_real
@pytest.mark.parametrize("name", sorted(p.name for p in REAL.glob("*type_*_lang-*.json")))
def test_real__single_types(name: str) -> None:
    frame = nz.normalize_types(_real(name))
    assert len(frame) == 1 and frame["id"].iloc[0] == int(name.split("_")[-2])
    assert frame[["title", "issuer_code", "value_numeric", "obverse_picture"]].notna().all().all()


@needs_real
def test_real__planchet_mint_ids_are_strings() -> None:
    mints = nz.normalize_type_parts(_real("planchet__type_99700_lang-en.json"), "mints")
    assert mints["mint_id"].tolist() == [10, 11, 12]


@needs_real
def test_real__issuers() -> None:
    frame = nz.normalize_issuers(_real("namachieli__GET_issuers_13mar2022_issuers-array-only.json"))
    assert len(frame) == 4250 and frame["code"].is_unique and frame["name"].notna().all()
    assert frame["parent_code"].notna().sum() == 3949
    assert len(nz.normalize_issuers(_real("namachieli__GET_issuers_TRUNCATED.json"))) == 2


@needs_real
def test_real__publication() -> None:
    frame = nz.normalize_publications(_real("planchet__publication_L106610_probable.json"))
    assert frame[["id", "year", "page_count", "isbn13"]].values.tolist() == [
        ["L106610", 2017, 453, "9781787194946"]]


@needs_real
@pytest.mark.parametrize("name", [
    "namachieli__GET_users_ID_collected_items_collection-43708.json",
    "namachieli__PATCH_users_ID_collected_items_48567296_200.json",
    "namachieli__POST_users_ID_collected_items_201.json",
])
def test_real__collected_items(name: str) -> None:
    frame = nz.normalize_collected_items(_real(name))
    assert frame[["id", "title", "collection_id", "grade"]].values.tolist() == [
        [48567296, '50 Cents / ½ Dollar "Capped Bust Half Dollar"', 43708, "au"]]


@needs_real
def test_real__small_bodies() -> None:
    assert nz.normalize_search(_real("namachieli__GET_types_q-Escudo_issuer-mexico_TRUNCATED.json"))[
        "issuer_code"].tolist() == ["mexique"]
    assert nz.normalize_catalogues(_real("namachieli__GET_catalogues_TRUNCATED.json"))["code"].tolist() == [
        "A", "AB"]
    assert len(nz.normalize_collections(_real("namachieli__GET_users_ID_collections.json"))) == 5
    assert nz.normalize_user(2, _real("namachieli__GET_users_2.json"))["username"].tolist() == ["Xavier"]


# -- the sample catalogue, as the fake API serves it -------------------------------------------------


@pytest.fixture(scope="module")
def served() -> dict[str, Any]:
    cat = load_sample_catalogue()
    issues = {type_id: cat.get_issues(type_id) for type_id in cat.type_ids}
    raw = importlib.resources.files("numista_frames.testing").joinpath("data/sample_catalogue.json.gz")
    publication_ids = [p["id"] for p in json.loads(gzip.decompress(raw.read_bytes()))["publications"]]
    return {
        "cat": cat, "types": [cat.get_type(t) for t in cat.type_ids], "issues": issues,
        "prices": [(t, i["id"], cat.get_prices(t, i["id"], "EUR"), i)
                   for t, lst in issues.items() for i in lst],
        "publications": [cat.get_publication(p) for p in publication_ids],
    }


def test_sample__types_and_issues_have_no_na_in_required_columns(served: dict[str, Any]) -> None:
    types = nz.normalize_types(served["types"])
    assert len(types) == 741 and types["id"].is_unique
    required = ["id", "title", "category", "issuer_code", "issuer_name", "min_year", "max_year",
                "object_type_id", "url"]
    assert types[required].notna().all().all()
    assert (types["min_year"] < 0).sum() == 6
    issues = nz.normalize_issues(served["issues"])
    assert len(issues) == 8433 and issues[["type_id", "issue_id", "is_dated"]].notna().all().all()
    dated = issues[issues["is_dated"]]
    assert dated["gregorian_year"].notna().all() and dated["year"].notna().all()
    assert issues.loc[~issues["is_dated"], ["min_year", "max_year"]].notna().all().all()


def test_sample__prices(served: dict[str, Any]) -> None:
    frame = nz.normalize_prices(served["prices"], fetched_at=FETCHED)
    assert len(frame) == sum(len(body["prices"]) for _, _, body, _ in served["prices"])
    assert frame[["type_id", "issue_id", "grade", "price", "currency", "fetched_at"]].notna().all().all()
    assert frame["issue_id"].nunique() == 7114 and (frame["currency"] == "EUR").all()


def test_sample__search_reference_and_user_bodies(served: dict[str, Any]) -> None:
    cat = served["cat"]
    search = nz.normalize_search(cat.search({"issuer": "canada", "count": "100"}))
    assert len(search) > 0 and search[["id", "title", "category", "issuer_code"]].notna().all().all()
    assert len(nz.normalize_issuers(cat.get_issuers())) == 26
    assert nz.normalize_mints(cat.get_mints())[["id", "name"]].notna().all().all()
    assert len(nz.normalize_catalogues(cat.get_catalogues())) == 13
    assert nz.normalize_publications(served["publications"])[["id", "title", "year"]].notna().all().all()
    items = nz.normalize_collected_items(UserStore(cat).list_items(1, {}), user_id=1)
    assert len(items) == 190 and items[["id", "type_id", "title", "quantity"]].notna().all().all()
    assert not items["title"].str.contains("&quot;", regex=False).any()


def test_entities__decoded_in_every_text_column_but_raw_html() -> None:
    body = {"id": 9, "title": "Dollar &quot;Bust&quot; (P&O)", "category": "coin",
            "composition": {"text": "Plata 999,9 (Marked &quot;PLATA 1000&quot;)"},
            "obverse": {"lettering": "A &amp; B &copy 1&#8239;oz"},
            "comments": "<p>El &quot;Villa Real&quot;</p>"}
    frame = nz.normalize_types([body])
    row = frame.iloc[0]
    assert row["title"] == 'Dollar "Bust" (P&O)'  # a bare & stays
    assert row["composition"] == 'Plata 999,9 (Marked "PLATA 1000")'
    assert row["obverse_lettering"] == "A & B &copy 1\u202foz"  # only complete entities
    assert row["comments"] == body["comments"]  # the raw HTML column is kept as sent
    assert row["comments_text"] == 'El "Villa Real"'
    search = nz.normalize_search([{"id": 9, "title": "5 Francs &quot;Hercule&quot;"}])
    assert search["title"].iloc[0] == '5 Francs "Hercule"'
    parts = nz.normalize_type_parts([{**body, "mints": [{"id": 1, "name": "Paris &amp; Lyon"}]}],
                                    "mints")
    assert parts["name"].iloc[0] == "Paris & Lyon"


@needs_real
def test_real__no_entity_left_in_plain_text_columns() -> None:
    for name in sorted(p.name for p in REAL.glob("*.json")):
        body = _real(name)
        frames = []
        if "types_lang" in name or "type_" in name:
            frames.append(nz.normalize_types(list(body.values()) if "1050" in name else body))
        if "collected_items" in name:
            frames.append(nz.normalize_collected_items(body))
        for frame in frames:
            raw_html = {"comments", "bibliographical_notice"}
            for column in frame.columns.difference(list(raw_html)):
                if frame[column].dtype == "string":
                    left = frame[column].str.contains(r"&(?:quot|amp|lt|gt|#\d+);", regex=True)
                    assert not left.fillna(False).any(), (name, column)


@pytest.mark.parametrize("values", [[1, 2, 3], [1, None, 3], [None, None], [], [2**63, 5],
                                    [1, "2", 3.0, 3.5, True, None]])
def test_typed_array__ints_the_fast_way_or_not_are_the_same_and_writable(values: list[Any]) -> None:
    from numista_frames.frames.values import as_int

    got = typed_array("Int64", values)
    assert got.tolist() == [pd.NA if as_int(v) is None else as_int(v) for v in values]
    frame = pd.DataFrame({"n": got}, copy=False)  # as build_frame makes them
    if len(frame):
        frame.loc[0, "n"] = 42  # the frame owns its data: assigning in place works
        assert frame["n"].iloc[0] == 42


@pytest.mark.parametrize("values", [["a", None, "b"], ["a", 1, 2.5, True, None], []])
def test_typed_array__texts_the_fast_way_or_not_are_the_same(values: list[Any]) -> None:
    from numista_frames.frames.values import as_text

    got = typed_array("string", values).tolist()
    assert [None if v is pd.NA else v for v in got] == [as_text(v) for v in values]

"""Tests of the fake API's pure side: the sample catalogue, search and localisation."""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from numista_frames.testing import ApiError, SampleCatalogue, load_sample_catalogue
from numista_frames.testing.collection import UserStore
from numista_frames.testing.search import words

CANADA = {"code": "canada", "name": "Canada"}
USA = {"code": "etats-unis", "name": "United States"}
COIN = {"id": 1, "name": "Standard circulation coin"}
KM = {"id": 3, "code": "KM"}


def make_type(type_id: int, title: str, **extra: Any) -> dict[str, Any]:
    """A stored type in the sample-catalogue format (English, optional keys omitted)."""
    stored: dict[str, Any] = {
        "id": type_id,
        "url": f"https://en.numista.com/{type_id}",
        "title": title,
        "category": "coin",
        "issuer": CANADA,
        "min_year": 1900,
        "max_year": 1910,
        "type": COIN["name"],
        "object_type": COIN,
    }
    stored.update(extra)
    return stored


def make_catalogue() -> dict[str, Any]:
    """A small catalogue exercising every search filter and every translated label."""
    full = make_type(
        10,
        '1 Dollar "Peace"',
        issuer=USA,
        min_year=1921,
        max_year=1935,
        composition={"text": "Silver"},
        technique={"text": "Milled"},
        shape="Round",
        value={
            "text": "1 Dollar",
            "currency": {"id": 59, "name": "Dollar", "full_name": "Dollar (1785-date)"},
        },
        ruler=[{"id": 4720, "name": "Federal republic", "group": {"id": 1, "name": "Presidents"}}],
        mints=[{"id": 11, "name": "Philadelphia Mint"}],
        obverse={"thumbnail": "https://img/o.jpg", "lettering_scripts": [{"name": "Latin"}]},
        reverse={"thumbnail": "https://img/r.jpg", "description": "Eagle"},
        related_types=[{"id": 12, "title": "x", "country": USA, "minYear": 1921, "maxYear": 1921}],
        references=[{"catalogue": KM, "number": "150"}],
        size=38.1,
        weight=26.73,
        _material_id=7,
    )
    return {
        "meta": {"synthetic": True, "seed": 1, "format_version": 1},
        "rates": {"EUR": 1.0, "USD": 1.33085, "JPY": 160.0},
        "issuers": [CANADA, {**USA, "parent": {"code": "americas", "name": "Americas"}}],
        "issuer_aliases": {"united-states": "etats-unis"},
        "mints": [{"id": 11, "name": "Philadelphia Mint", "country": USA, "end_year": 9999}],
        "catalogues": [{"id": 3, "code": "KM", "title": "Standard Catalog", "author": "C", "publisher": "K"}],
        "publications": [{"id": "L106610", "title": "Cast Chinese Coins", "year": "2017"}],
        "object_types": [{**COIN, "category": "coin"}],
        "types": [
            full,
            make_type(11, "5 Cents - Victoria", min_year=1858, max_year=1901, size=15.5, weight=1.1),
            make_type(12, "2 Dollars - Élisabeth II", category="exonumia", min_year=-300, max_year=-250),
            make_type(13, "1 Dollaro", size=10.04),
            make_type(14, "Cent", _material_id=7),
        ],
        "issues": {
            "10": [{"id": 101, "is_dated": True, "year": 1922}, {"id": 100, "is_dated": True, "year": 1921}],
            "11": [
                {"id": 110, "is_dated": True, "year": 1858, "references": [{"catalogue": KM, "number": "2A"}]}
            ],
        },
        "prices": {"100": {"unc": 50, "f": 12.5, "vf": 20}},
        "translations": {
            "es": {
                "United States": "Estados Unidos",
                "Americas": "Américas",
                "Standard circulation coin": "Monedas de circulación",
                "Silver": "Plata",
                "Milled": "Acuñación a máquina",
                "Round": "Circular",
                "Dollar": "Dólar",
                "Presidents": "Presidentes",
                "Philadelphia Mint": "Casa de la Moneda de Filadelfia",
                "Latin": "Latina",
            }
        },
        "users": {
            "1": {
                "username": "ana",
                "avatar": "https://img/a.png",
                "collections": [{"id": 5, "name": "US"}],
                "items": [
                    {"id": 7, "quantity": 2, "type": 10, "issue": 100, "for_swap": True, "collection": 5}
                ],
            }
        },
    }


@pytest.fixture
def catalogue() -> SampleCatalogue:
    return SampleCatalogue(make_catalogue())


def search_ids(cat: SampleCatalogue, /, **params: str) -> list[int]:
    return [item["id"] for item in cat.search(params)["types"]]


# -- construction and loading -----------------------------------------------------------------


def test_sample_catalogue__rejects_other_format_version() -> None:
    with pytest.raises(ValueError, match="format_version"):
        SampleCatalogue({"meta": {"format_version": 2}})


def test_sample_catalogue__from_path_reads_gzip_and_plain_json(tmp_path: Path) -> None:
    data = json.dumps(make_catalogue()).encode()
    (tmp_path / "c.json.gz").write_bytes(gzip.compress(data))
    (tmp_path / "c.json").write_bytes(data)
    for name in ("c.json.gz", "c.json"):
        assert SampleCatalogue.from_path(tmp_path / name).type_ids == [10, 11, 12, 13, 14]


def test_sample_catalogue__does_not_modify_the_data_it_serves(catalogue: SampleCatalogue) -> None:
    body = catalogue.get_type(10, "es")
    body["issuer"]["name"] = "changed"
    body["ruler"][0]["group"]["name"] = "changed"
    assert catalogue.get_type(10)["issuer"]["name"] == "United States"
    assert catalogue.get_type(10)["ruler"][0]["group"]["name"] == "Presidents"


# -- types, issues, lists ---------------------------------------------------------------------


def test_get_type__serves_stored_type_without_private_keys(catalogue: SampleCatalogue) -> None:
    body = catalogue.get_type(10)
    assert "_material_id" not in body
    assert body["title"] == '1 Dollar "Peace"'
    assert body["url"] == "https://en.numista.com/10"
    assert body["weight"] == 26.73


def test_get_type__lang_es_translates_only_labels(catalogue: SampleCatalogue) -> None:
    body = catalogue.get_type(10, "es")
    assert body["url"] == "https://es.numista.com/10"
    assert body["issuer"] == {"code": "etats-unis", "name": "Estados Unidos"}
    assert body["object_type"]["name"] == body["type"] == "Monedas de circulación"
    assert body["composition"]["text"] == "Plata"
    assert body["technique"]["text"] == "Acuñación a máquina"
    assert body["shape"] == "Circular"
    assert body["value"]["currency"]["name"] == "Dólar"
    assert body["value"]["currency"]["full_name"] == "Dollar (1785-date)"  # no translation: English
    assert body["value"]["text"] == "1 Dollar"
    assert body["ruler"][0]["group"]["name"] == "Presidentes"
    assert body["ruler"][0]["name"] == "Federal republic"
    assert body["mints"][0]["name"] == "Casa de la Moneda de Filadelfia"
    assert body["obverse"]["lettering_scripts"] == [{"name": "Latina"}]
    assert body["related_types"][0]["country"]["name"] == "Estados Unidos"
    assert body["title"] == '1 Dollar "Peace"'


def test_get_type__lang_without_translations_stays_english(catalogue: SampleCatalogue) -> None:
    body = catalogue.get_type(10, "fr")
    assert body["issuer"]["name"] == "United States"
    assert body["url"] == "https://fr.numista.com/10"


def test_get_type__unknown_type_is_404(catalogue: SampleCatalogue) -> None:
    with pytest.raises(ApiError) as caught:
        catalogue.get_type(999)
    assert caught.value.status == 404


def test_get_issues__bare_list_in_stored_order(catalogue: SampleCatalogue) -> None:
    assert [issue["id"] for issue in catalogue.get_issues(10)] == [101, 100]
    assert catalogue.get_issues(13) == []


def test_get_issuers__counts_and_translates_parent(catalogue: SampleCatalogue) -> None:
    body = catalogue.get_issuers("es")
    assert body["count"] == 2
    assert body["issuers"][1]["name"] == "Estados Unidos"
    assert body["issuers"][1]["parent"] == {"code": "americas", "name": "Américas"}


def test_get_mints__list_and_one_translated(catalogue: SampleCatalogue) -> None:
    assert catalogue.get_mints()["count"] == 1
    mint = catalogue.get_mint(11, "es")
    assert mint["name"] == "Casa de la Moneda de Filadelfia"
    assert mint["country"]["name"] == "Estados Unidos"
    with pytest.raises(ApiError, match="Mint 12"):
        catalogue.get_mint(12)


def test_catalogues_publications_users__served_as_stored(catalogue: SampleCatalogue) -> None:
    assert catalogue.get_catalogues()["catalogues"][0]["code"] == "KM"
    assert catalogue.get_publication("L106610")["year"] == "2017"
    assert catalogue.get_user(1) == {"username": "ana", "avatar": "https://img/a.png"}
    with pytest.raises(ApiError):
        catalogue.get_user(2)


# -- prices -----------------------------------------------------------------------------------


def test_get_prices__grade_order_and_conversion(catalogue: SampleCatalogue) -> None:
    assert catalogue.get_prices(10, 100) == {
        "currency": "EUR",
        "prices": [
            {"grade": "f", "price": 12.5},
            {"grade": "vf", "price": 20.0},
            {"grade": "unc", "price": 50.0},
        ],
    }
    usd = catalogue.get_prices(10, 100, "USD")
    assert usd["currency"] == "USD"
    assert [p["price"] for p in usd["prices"]] == [16.6356, 26.617, 66.5425]


def test_get_prices__issue_without_estimates_is_empty(catalogue: SampleCatalogue) -> None:
    assert catalogue.get_prices(10, 101, "JPY") == {"currency": "JPY", "prices": []}


@pytest.mark.parametrize("currency", ["usd", "US", "XYZ", "EURO"])
def test_get_prices__bad_currency_is_400(catalogue: SampleCatalogue, currency: str) -> None:
    with pytest.raises(ApiError) as caught:
        catalogue.get_prices(10, 100, currency)
    assert (caught.value.status, caught.value.message) == (400, "Invalid value for parameter 'currency'")


@pytest.mark.parametrize(("type_id", "issue_id"), [(11, 100), (10, 999), (999, 100)])
def test_get_prices__issue_not_of_type_is_404(
    catalogue: SampleCatalogue, type_id: int, issue_id: int
) -> None:
    with pytest.raises(ApiError) as caught:
        catalogue.get_prices(type_id, issue_id)
    assert caught.value.status == 404


# -- search -----------------------------------------------------------------------------------


def test_words__casefolds_strips_accents_and_plural_s() -> None:
    assert words("2 Dollars - Élisabeth II") == ["2", "dollar", "elisabeth", "ii"]


def test_search__item_shape_like_real_search_items(catalogue: SampleCatalogue) -> None:
    body = catalogue.search({"q": "peace"})
    assert body == {
        "count": 1,
        "types": [
            {
                "id": 10,
                "title": '1 Dollar "Peace"',
                "category": "coin",
                "issuer": USA,
                "min_year": 1921,
                "max_year": 1935,
                "obverse_thumbnail": "https://img/o.jpg",
                "reverse_thumbnail": "https://img/r.jpg",
                "object_type": COIN,
            }
        ],
    }


def test_search__q_matches_whole_words_plural_and_accents(catalogue: SampleCatalogue) -> None:
    assert search_ids(catalogue, q="DOLLAR") == [10, 12]  # not "Dollaro"
    assert search_ids(catalogue, q="dollars elisabeth") == [12]
    assert search_ids(catalogue, q="cent") == [11, 14]
    assert search_ids(catalogue, q="dol") == []
    assert search_ids(catalogue, q="!!") == []


def test_search__issuer_code_or_english_alias(catalogue: SampleCatalogue) -> None:
    assert search_ids(catalogue, issuer="etats-unis") == [10]
    assert search_ids(catalogue, issuer="united-states") == [10]
    with pytest.raises(ApiError, match="Invalid value for parameter 'issuer'"):
        catalogue.search({"issuer": "atlantis"})


def test_search__category_filter(catalogue: SampleCatalogue) -> None:
    assert search_ids(catalogue, q="dollar", category="exonumia") == [12]
    with pytest.raises(ApiError, match="'category'"):
        catalogue.search({"q": "dollar", "category": "stamp"})


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("year", "1901", [11, 13, 14]),
        ("year", "1800-1858", [11]),
        ("year", "1930-2000", [10]),
        ("date", "-260", [12]),
        ("date", "-400--300", [12]),
        ("date", "1911-1920", []),
    ],
)
def test_search__year_and_date_ranges_overlap(
    catalogue: SampleCatalogue, name: str, value: str, expected: list[int]
) -> None:
    assert search_ids(catalogue, **{name: value}) == expected


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"year": "19o2"}, "year"),
        ({"year": "1900-1800"}, "year"),
        ({"date": "1800-"}, "date"),
        ({"q": "a", "size": "ten"}, "size"),
        ({"q": "a", "weight": "1-"}, "weight"),
        ({"q": "a", "ruler": "x"}, "ruler"),
        ({"catalogue": "KM"}, "catalogue"),
        ({"q": "a", "page": "0"}, "page"),
        ({"q": "a", "count": "101"}, "count"),
        ({"q": "a", "count": "0"}, "count"),
    ],
)
def test_search__malformed_parameter_is_400(
    catalogue: SampleCatalogue, params: dict[str, str], name: str
) -> None:
    with pytest.raises(ApiError) as caught:
        catalogue.search(params)
    assert (caught.value.status, caught.value.message) == (400, f"Invalid value for parameter '{name}'")


def test_search__needs_q_issuer_catalogue_date_or_year(catalogue: SampleCatalogue) -> None:
    with pytest.raises(ApiError, match="At least one") as caught:
        catalogue.search({"category": "coin", "q": ""})
    assert caught.value.status == 400


def test_search__number_needs_catalogue(catalogue: SampleCatalogue) -> None:
    with pytest.raises(ApiError, match="'number'"):
        catalogue.search({"q": "dollar", "number": "150"})


def test_search__catalogue_and_number_match_type_and_issue_references(catalogue: SampleCatalogue) -> None:
    assert search_ids(catalogue, catalogue="3") == [10, 11]
    assert search_ids(catalogue, catalogue="3", number="150") == [10]
    assert search_ids(catalogue, catalogue="3", number="2a") == [11]
    assert search_ids(catalogue, catalogue="4") == []


def test_search__ruler_material_size_weight(catalogue: SampleCatalogue) -> None:
    assert search_ids(catalogue, year="0-3000", ruler="4720") == [10]
    assert search_ids(catalogue, year="0-3000", material="7") == [10, 14]
    assert search_ids(catalogue, year="0-3000", size="15.5") == [11]
    assert search_ids(catalogue, year="0-3000", size="10") == [13]  # 10.04 rounds to 10
    assert search_ids(catalogue, year="0-3000", size="10.1") == []
    assert search_ids(catalogue, year="0-3000", size="9-16") == [11, 13]
    assert search_ids(catalogue, year="0-3000", weight="26.7") == [10]
    assert search_ids(catalogue, year="0-3000", weight="1-2") == [11]


def test_search__pages_are_stable_and_total_is_counted(catalogue: SampleCatalogue) -> None:
    pages = [catalogue.search({"year": "-1000-3000", "count": "2", "page": str(p)}) for p in (1, 2, 3, 4)]
    assert [page["count"] for page in pages] == [5, 5, 5, 5]
    assert [[t["id"] for t in page["types"]] for page in pages] == [[10, 11], [12, 13], [14], []]


def test_search__empty_result(catalogue: SampleCatalogue) -> None:
    assert catalogue.search({"q": "florin"}) == {"count": 0, "types": []}


def test_search__lang_translates_search_items(catalogue: SampleCatalogue) -> None:
    item = catalogue.search({"q": "peace", "lang": "es"})["types"][0]
    assert item["issuer"]["name"] == "Estados Unidos"
    assert item["object_type"]["name"] == "Monedas de circulación"


# -- search by image --------------------------------------------------------------------------


def image_body(data: bytes = b"\x89PNG fake", **extra: Any) -> dict[str, Any]:
    return {"images": [{"mime_type": "image/png", "image_data": base64.b64encode(data).decode()}], **extra}


def test_search_by_image__deterministic_and_sorted(catalogue: SampleCatalogue) -> None:
    first = catalogue.search_by_image(image_body(max_results=3))
    assert first == catalogue.search_by_image(image_body(max_results=3))
    distances = [item["similarity_distance"] for item in first["types"]]
    assert first["count"] == len(distances) == 3
    assert distances == sorted(distances)
    assert all(0 <= d <= 1 for d in distances)
    other = catalogue.search_by_image(image_body(b"other image", max_results=3))
    assert [t["id"] for t in other["types"]] != [t["id"] for t in first["types"]] or distances != [
        t["similarity_distance"] for t in other["types"]
    ]


def test_search_by_image__category_and_experimental(catalogue: SampleCatalogue) -> None:
    body = catalogue.search_by_image(image_body(category="exonumia"), "es", experimental=True)
    assert [t["id"] for t in body["types"]] == [12]
    assert -300 <= body["experimental_tentative_year"] <= -250
    assert body["experimental_tentative_grade"] in {"g", "vg", "f", "vf", "xf", "au", "unc"}


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"images": []},
        {"images": [{"mime_type": "image/gif", "image_data": "AAAA"}]},
        {"images": [{"mime_type": "image/png", "image_data": "not base64!"}]},
        {"images": [{"mime_type": "image/png", "image_data": ""}]},
        image_body(max_results=0),
        image_body(max_results=101),
        image_body(category="stamp"),
        {"images": [image_body()["images"][0]] * 3},
    ],
)
def test_search_by_image__bad_body_is_400(catalogue: SampleCatalogue, body: Any) -> None:
    with pytest.raises(ApiError) as caught:
        catalogue.search_by_image(body)
    assert caught.value.status == 400


# -- collected items (pure store) -------------------------------------------------------------


def test_user_store__renders_stored_items_like_the_api(catalogue: SampleCatalogue) -> None:
    store = UserStore(catalogue)
    body = store.list_items(1, {}, "es")
    assert {k: v for k, v in body.items() if k != "items"} == {
        "item_count": 2,
        "item_for_swap_count": 2,
        "item_type_count": 1,
        "item_type_for_swap_count": 1,
    }
    assert body["items"] == [
        {
            "id": 7,
            "quantity": 2,
            "type": {
                "id": 10,
                "title": "1 Dollar &quot;Peace&quot;",
                "category": "coin",
                "issuer": {"code": "etats-unis", "name": "Estados Unidos"},
            },
            "issue": {"id": 100, "is_dated": True, "year": 1921},
            "for_swap": True,
            "collection": {"id": 5, "name": "US"},
        }
    ]


def test_user_store__writes_stay_in_the_store(catalogue: SampleCatalogue) -> None:
    store = UserStore(catalogue)
    store.delete_item(1, 7)
    assert store.list_items(1, {})["items"] == []
    assert UserStore(catalogue).list_items(1, {})["item_count"] == 2


# -- the shipped sample catalogue -------------------------------------------------------------


def test_load_sample_catalogue__serves_every_type_cleanly() -> None:
    try:
        catalogue = load_sample_catalogue()
    except FileNotFoundError:
        pytest.skip("needs the sample catalogue file numista_frames/testing/data/sample_catalogue.json.gz; "
                    "make it with: python data/make_sample_catalogue.py")
    assert load_sample_catalogue() is catalogue
    assert catalogue.type_ids
    for type_id in catalogue.type_ids:
        body = catalogue.get_type(type_id, "es")
        assert body["id"] == type_id
        assert body["url"] == f"https://es.numista.com/{type_id}"
        assert not any(key.startswith("_") for key in body)
        assert isinstance(catalogue.get_issues(type_id), list)
    assert catalogue.search({"year": "-5000-3000", "count": "100"})["count"] == len(catalogue.type_ids)

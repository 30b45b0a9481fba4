"""The fake Numista API serves what Numista's document allows and what real Numista sends.

Two kinds of evidence, both read from the shared reference folder (the module is skipped when it
is absent; CI copies ``shared/`` beside the clone):

1. **OpenAPI.** Bodies served over HTTP by a running :class:`FakeNumista` validate against the
   schema Numista's own document (``openapi-3.29.0.yaml``) declares for the endpoint and status,
   after :func:`relax_to_reality` has patched the document where NOTES §9 says reality differs,
   and nowhere else. The validator asserts types, enums and required fields as the document
   states them, and :func:`close_objects` adds one tightening: an object may only carry the
   properties the document (or §9) declares. Formats (``date``, ``uri``) are annotations, as in
   JSON Schema: real bodies carry partial dates such as ``"1918-00-00"``. Real bodies validate
   under the same schemas, which checks the relaxation set itself.
2. **Shapes.** Per key path (top level, and one level into objects and list items, such as
   ``obverse.picture``, ``ruler[].group`` or ``tags[]``), how often real bodies carry it and with
   which JSON kinds, compared with the fake's bodies: no invented key path, no commonly present
   key path missing, no kind reality never shows.
"""

from __future__ import annotations

import base64
import copy
import functools
import gzip
import importlib.resources
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml
from openapi_schema_validator import OAS30Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from numista_frames.testing import FakeNumista

SHARED = Path(__file__).resolve().parents[2] / "shared" / "numista-api"
REAL = SHARED / "real"
if not (SHARED / "openapi-3.29.0.yaml").is_file():
    pytest.skip(
        f"needs Numista's OpenAPI document and real answer bodies, looked for in {SHARED} "
        "(the project's shared/numista-api folder, beside this checkout); without them the fake "
        "cannot be compared with the real API",
        allow_module_level=True,
    )

JSON = "application/json"
LANGS = ("en", "es", "fr")
CATEGORIES = ("coin", "banknote", "exonumia")
#: A key path is "commonly present" from this share of bodies on.
COMMON = 0.5
#: Documented paths of the collected-item endpoints.
ITEMS = "/users/{user_id}/collected_items"
ITEM = ITEMS + "/{item_id}"
PRICES = "/types/{type_id}/issues/{issue_id}/prices"


# -- the document, relaxed where NOTES §9 says reality differs ---------------------------------

INT: dict[str, Any] = {"type": "integer"}
STR: dict[str, Any] = {"type": "string"}
#: Where the document says integer and reality sends a string of digits.
INT_OR_DIGITS: dict[str, Any] = {"anyOf": [INT, {"type": "string", "pattern": "^[0-9]+$"}]}


def _object(properties: Mapping[str, Any], required: Iterable[str] = ()) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": dict(properties)}
    if required:
        schema["required"] = list(required)
    return schema


def _body_schema(spec: dict[str, Any], path: str, method: str, status: str = "200") -> dict[str, Any]:
    schema: dict[str, Any] = spec["paths"][path][method]["responses"][status]["content"][JSON]["schema"]
    return schema


def relax_to_reality(spec: dict[str, Any]) -> dict[str, Any]:
    """Patch Numista's document in place where NOTES §9 says reality differs, and nowhere else.

    One patch per §9 row about response bodies. The other rows (search page size, the form of a
    type's ``url``, OAuth by POST, the example ``expires_in``) are about requests or examples and
    need none; the tests check the ``url`` form and ``count=100`` directly.
    """
    schemas = spec["components"]["schemas"]
    type_props = schemas["type"]["properties"]
    # object_type {id, name} on types and search items: absent from the document.
    object_type = _object({"id": INT, "name": STR}, required=("id", "name"))
    type_props["object_type"] = object_type
    for path, method in (("/types", "get"), ("/search_by_image", "post")):
        item = _body_schema(spec, path, method)["properties"]["types"]["items"]
        item["properties"]["object_type"] = object_type
    # issue_terms {is_issued, issue_date} on some types: absent from the document.
    type_props["issue_terms"] = _object({"is_issued": {"type": "boolean"}, "issue_date": STR})
    # related_types[] in the real shape {id, title, category, country{code,name}, minYear, maxYear}.
    related = type_props["related_types"]["items"]["properties"]
    related = {key: related[key] for key in ("id", "title", "category")}
    related |= {"country": {"$ref": "#/components/schemas/issuer"}, "minYear": INT, "maxYear": INT}
    type_props["related_types"]["items"] = _object(related, required=("id", "title"))
    # mints[].id: a string in 2025, an integer in 2026.
    type_props["mints"]["items"]["properties"]["id"] = INT_OR_DIGITS
    # publication year, contributor and publisher ids: strings.
    publication = schemas["publication"]["properties"]
    publication["year"] = INT_OR_DIGITS
    for people in ("contributors", "publishers"):
        publication[people]["items"]["properties"]["id"] = INT_OR_DIGITS
    # issuer wikidata_id: null where an issuer has no Wikidata item (the 2022 issuers capture).
    listed = _body_schema(spec, "/issuers", "get")["properties"]["issuers"]["items"]
    listed["properties"]["wikidata_id"] = {"type": "string", "nullable": True}
    # error schema: the field is error_message (the document requires `error`).
    schemas["error"]["required"] = ["error_message"]
    # POST collected item 201: `collection` is a bare int.
    created = copy.deepcopy(schemas["collected_item"])
    created["properties"]["collection"] = {"anyOf": [{"$ref": "#/components/schemas/collection"}, INT]}
    schemas["collected_item_created"] = created
    post = spec["paths"][ITEMS]["post"]
    post["responses"]["201"]["content"][JSON]["schema"] = {
        "$ref": "#/components/schemas/collected_item_created"
    }
    return spec


def close_objects(node: Any) -> Any:
    """Tighten (not relax): a schema that declares properties is an object allowing no others."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            node.setdefault("type", "object")
            node.setdefault("additionalProperties", False)
        for child in node.values():
            close_objects(child)
    elif isinstance(node, list):
        for child in node:
            close_objects(child)
    return node


SPEC_URI = "urn:numista:openapi-3.29.0"


@functools.cache
def document() -> dict[str, Any]:
    """Numista's OpenAPI document as published."""
    loaded: dict[str, Any] = yaml.safe_load((SHARED / "openapi-3.29.0.yaml").read_text(encoding="utf-8"))
    return loaded


@functools.cache
def _registry(relaxed: bool) -> Registry[Any]:
    spec = copy.deepcopy(document())
    if relaxed:
        relax_to_reality(spec)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, DRAFT4.create_resource(close_objects(spec)))
    return registry


@functools.cache
def validator(path: str, method: str = "get", status: str = "200", *, relaxed: bool = True) -> Any:
    """A compiled validator for the body of ``method path`` answered ``status``."""
    parts = ("paths", path, method, "responses", status, "content", JSON, "schema")
    pointer = "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)
    return OAS30Validator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=_registry(relaxed))


def violations(
    body: Any, path: str, method: str = "get", status: str = "200", *, relaxed: bool = True
) -> list[str]:
    """Readable schema violations of one body (empty when it validates)."""
    errors = validator(path, method, status, relaxed=relaxed).iter_errors(body)
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message[:160]}" for e in errors]


def assert_conform(bodies: Mapping[str, Any], path: str, method: str = "get", status: str = "200") -> None:
    """Every body (labelled by the request it answered) validates against the relaxed schema."""
    assert bodies, "nothing to validate"
    found = [f"{label} {v}" for label, body in bodies.items() for v in violations(body, path, method, status)]
    assert not found, f"{len(found)} schema violations, first ones:\n" + "\n".join(found[:12])


# -- real bodies ----------------------------------------------------------------------------------


def real(name: str) -> Any:
    return json.loads((REAL / name).read_text(encoding="utf-8"))


@functools.cache
def real_types() -> dict[str, Any]:
    """1,050 real ``GET /types/{id}?lang=es`` bodies keyed by id (coins and exonumia)."""
    bodies: dict[str, Any] = real("coindex__numista-type-cache_types_lang-es_1050.json")
    return bodies


# -- the running fake -----------------------------------------------------------------------------


class Fake:
    """Plain HTTP to a running fake: checks the status, decodes the JSON body."""

    def __init__(self, api: FakeNumista, session: requests.Session) -> None:
        self.url, self.session = api.url, session
        session.headers["Numista-API-Key"] = api.api_key

    def call(
        self, method: str, path: str, status: int = 200, *, token: str = "", body: Any = None, **params: Any
    ) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        answer = self.session.request(
            method, self.url + path, params=params, json=body, headers=headers, timeout=10
        )
        assert answer.status_code == status, f"{method} {path} {params}: {answer.status_code} {answer.text}"
        return answer.json() if answer.content else None

    def get(self, path: str, status: int = 200, **params: Any) -> Any:
        return self.call("GET", path, status, **params)


@pytest.fixture(scope="module")
def api() -> Iterator[FakeNumista]:
    with FakeNumista(image_search=True) as server:
        yield server


@pytest.fixture(scope="module")
def fake(api: FakeNumista) -> Iterator[Fake]:
    with requests.Session() as session:
        yield Fake(api, session)


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    """The shipped sample catalogue as stored (to know which ids exist)."""
    resource = importlib.resources.files("numista_frames.testing").joinpath("data/sample_catalogue.json.gz")
    data: dict[str, Any] = json.loads(gzip.decompress(resource.read_bytes()))
    return data


@pytest.fixture(scope="module")
def token(fake: Fake) -> str:
    """A client-credentials token of user 1 that may view and edit the collection."""
    body = fake.get("/oauth_token", grant_type="client_credentials", scope="view_collection,edit_collection")
    return str(body["access_token"])


@pytest.fixture(scope="module")
def types_by_lang(fake: Fake, sample: dict[str, Any]) -> dict[str, dict[int, Any]]:
    """Type bodies served over HTTP: every type in ``es``, every third type of each category in
    ``en`` and ``fr``."""
    by_category = {c: [t["id"] for t in sample["types"] if t["category"] == c] for c in CATEGORIES}
    spread = [type_id for ids in by_category.values() for type_id in ids[::3]]
    wanted = {"es": [t["id"] for t in sample["types"]], "en": spread, "fr": spread}
    return {lang: {i: fake.get(f"/types/{i}", lang=lang) for i in ids} for lang, ids in wanted.items()}


def priced_and_unpriced(sample: dict[str, Any], n: int) -> list[tuple[int, int]]:
    """``n`` (type id, issue id) pairs with estimates and ``n`` without, spread over the catalogue."""
    pairs = [(int(t), issue["id"]) for t, issues in sample["issues"].items() for issue in issues]
    priced = [pair for pair in pairs if str(pair[1]) in sample["prices"]]
    unpriced = [pair for pair in pairs if str(pair[1]) not in sample["prices"]]
    return priced[:: len(priced) // n][:n] + unpriced[:: len(unpriced) // n][:n]


# == 1. OpenAPI validation of the fake's bodies ===================================================

SEARCHES: list[dict[str, Any]] = [
    {"q": "dollar"},
    {"issuer": "canada", "count": "100"},  # §9: 100 accepted
    {"issuer": "united-states", "category": "banknote"},
    {"year": "1990-2000", "category": "exonumia"},
    {"date": "-300--250"},
    {"catalogue": "3", "page": "2"},
    {"q": "euro", "issuer": "allemagne"},
    {"q": "no such coin"},
]


@pytest.mark.parametrize("lang", LANGS)
def test_search__queries_conform(fake: Fake, lang: str) -> None:
    bodies = {f"{query}": fake.get("/types", lang=lang, **query) for query in SEARCHES}
    assert_conform(bodies, "/types")
    assert {body["count"] > 0 for body in bodies.values()} == {True, False}
    items = [item for body in bodies.values() for item in body["types"]]
    typed = sum("object_type" in item for item in items)  # §9; real results lack it now and then
    assert typed >= 0.95 * len(items)


def test_search__every_page_of_a_query_conforms(fake: Fake) -> None:
    pages: dict[str, Any] = {}
    page, total = 1, None
    while total is None or (page - 1) * 50 < total:
        pages[f"page {page}"] = body = fake.get("/types", q="dollar", count=50, page=page)
        total = body["count"]
        page += 1
    assert len(pages) >= 3
    assert sum(len(body["types"]) for body in pages.values()) == total
    assert_conform(pages, "/types")


@pytest.mark.parametrize("lang", LANGS)
def test_types__bodies_conform(types_by_lang: dict[str, dict[int, Any]], lang: str) -> None:
    bodies = types_by_lang[lang]
    assert len(bodies) >= 200
    assert {body["category"] for body in bodies.values()} == set(CATEGORIES)
    assert_conform({f"type {i} {lang}": body for i, body in bodies.items()}, "/types/{type_id}")
    assert all(body["url"] == f"https://{lang}.numista.com/{i}" for i, body in bodies.items())  # §9


@pytest.mark.parametrize(("lang", "first", "step"), [("en", 0, 2), ("es", 1, 2), ("fr", 0, 7)])
def test_issues__bodies_conform(fake: Fake, sample: dict[str, Any], lang: str, first: int, step: int) -> None:
    """The issues of every type, half in ``en`` and half in ``es``, and of every seventh in ``fr``."""
    ids = [t["id"] for t in sample["types"]][first::step]
    bodies = {f"issues of {i} {lang}": fake.get(f"/types/{i}/issues", lang=lang) for i in ids}
    assert_conform(bodies, "/types/{type_id}/issues")


@pytest.mark.parametrize("currency", ["EUR", "USD", "JPY", "GBP", "CHF", "CAD"])
def test_prices__bodies_conform(fake: Fake, sample: dict[str, Any], currency: str) -> None:
    bodies = {
        f"prices of {t}/{i}": fake.get(f"/types/{t}/issues/{i}/prices", currency=currency, lang="fr")
        for t, i in priced_and_unpriced(sample, 15)
    }
    assert_conform(bodies, PRICES)
    sizes = {len(body["prices"]) for body in bodies.values()}
    assert 0 in sizes and 7 in sizes


@pytest.mark.parametrize("lang", LANGS)
def test_issuers_and_mints__bodies_conform(fake: Fake, lang: str) -> None:
    assert_conform({f"issuers {lang}": fake.get("/issuers", lang=lang)}, "/issuers")
    mints = fake.get("/mints", lang=lang)
    assert_conform({f"mints {lang}": mints}, "/mints")
    one = {f"mint {m['id']} {lang}": fake.get(f"/mints/{m['id']}", lang=lang) for m in mints["mints"]}
    assert_conform(one, "/mints/{mint_id}")


def test_catalogues_publications_users__bodies_conform(fake: Fake, sample: dict[str, Any]) -> None:
    assert_conform({"catalogues": fake.get("/catalogues")}, "/catalogues")
    publications = {p["id"]: fake.get(f"/publications/{p['id']}") for p in sample["publications"]}
    assert {body["type"] for body in publications.values()} == {"volume", "article"}
    assert_conform(publications, "/publications/{id}")
    users = {f"user {u}": fake.get(f"/users/{u}", lang="es") for u in sample["users"]}
    assert_conform(users, "/users/{user_id}")


def test_search_by_image__bodies_conform(fake: Fake) -> None:
    image = {"mime_type": "image/png", "image_data": base64.b64encode(b"\x89PNG fake").decode()}
    plain = fake.call("POST", "/search_by_image", body={"images": [image], "max_results": 20})
    body = {"images": [image], "category": "coin"}
    experimental = fake.call("POST", "/search_by_image?activate_experimental_features", body=body)
    assert_conform({"plain": plain, "experimental": experimental}, "/search_by_image", "post")


def test_oauth_token__get_and_post_bodies_conform(fake: Fake) -> None:
    params: dict[str, Any] = {"grant_type": "client_credentials", "scope": "view_collection"}
    posted = fake.session.post(f"{fake.url}/oauth_token", data=params, timeout=10)
    assert posted.status_code == 200
    assert_conform({"GET": fake.get("/oauth_token", **params), "POST": posted.json()}, "/oauth_token")


def test_collections__bodies_conform(fake: Fake, token: str) -> None:
    collections = fake.get("/users/1/collections", token=token)
    assert_conform({"collections": collections}, "/users/{user_id}/collections")


def test_collected_items__list_and_one_conform(fake: Fake, token: str) -> None:
    everything = fake.get("/users/1/collected_items", token=token)
    first = everything["items"][0]
    queries = [
        {"category": "banknote"},
        {"collection": first["collection"]["id"]},
        {"type": first["type"]["id"]},
    ]
    lists = {f"{q}": fake.get("/users/1/collected_items", token=token, **q) for q in queries}
    assert_conform({"all": everything, **lists}, ITEMS)
    ids = [item["id"] for item in everything["items"]]
    one = {f"item {i}": fake.get(f"/users/1/collected_items/{i}", token=token) for i in ids[::9]}
    assert_conform(one, ITEM)


def test_collected_items__post_201_and_patch_200_conform(
    fake: Fake, sample: dict[str, Any], token: str
) -> None:
    type_id, issues = next((int(t), i) for t, i in sample["issues"].items() if len(i) > 1)
    grading = {"grading_company": 2, "slab_grade": 13, "slab_number": "12345/3210", "cac_sticker": "Gold"}
    grading |= {"grading_designations": [192, 193], "grading_strike": 223, "grading_surface": 228}
    new = {"type": type_id, "issue": issues[0]["id"], "quantity": 2, "grade": "vf", "for_swap": True}
    new |= {"private_comment": "API", "price": {"value": 76, "currency": "EUR"}, "collection": 52301}
    new |= {"storage_location": "Box", "acquisition_place": "Fair", "acquisition_date": "2020-08-08"}
    new |= {"serial_number": "A1", "internal_id": "n12", "weight": 4.4, "size": 20.5, "axis": 6}
    new |= {"grading_details": grading}
    created = fake.call("POST", "/users/1/collected_items", 201, token=token, body=new)
    assert isinstance(created["collection"], int)  # §9
    assert_conform({"POST 201": created}, ITEMS, "post", "201")
    item = f"/users/1/collected_items/{created['id']}"
    patched = fake.call("PATCH", item, token=token, body={"issue": None, "grade": "xf", "price": None})
    assert_conform({"PATCH 200": patched}, ITEM, "patch")
    assert fake.call("DELETE", item, 204, token=token) is None


ERRORS: list[tuple[str, str, dict[str, Any], int, str]] = [  # method, path, params, status, documented
    ("GET", "/types", {}, 400, "/types"),
    ("GET", "/types", {"q": "cent", "count": "0"}, 400, "/types"),
    ("GET", "/types", {"issuer": "atlantis"}, 400, "/types"),
    ("GET", "/types/999999999", {}, 404, "/types/{type_id}"),
    ("GET", "/types/999999999/issues", {}, 404, "/types/{type_id}/issues"),
    ("GET", "/types/1031/issues/1/prices", {}, 404, PRICES),
    ("GET", "/types/1031/issues/20002/prices", {"currency": "EURO"}, 400, PRICES),
    ("GET", "/mints/999999", {}, 404, "/mints/{mint_id}"),
    ("GET", "/publications/L999999", {}, 404, "/publications/{id}"),
    ("GET", "/users/999999", {}, 404, "/users/{user_id}"),
    ("GET", "/users/1/collections", {}, 401, "/users/{user_id}/collections"),
    ("GET", "/users/1/collected_items", {}, 401, ITEMS),
    ("POST", "/users/1/collected_items", {}, 401, ITEMS),
    ("GET", "/oauth_token", {"grant_type": "client_credentials"}, 401, "/oauth_token"),
]


@pytest.mark.parametrize(("method", "path", "params", "status", "documented"), ERRORS)
def test_errors__bodies_conform(
    fake: Fake, method: str, path: str, params: dict[str, Any], status: int, documented: str
) -> None:
    body = fake.call(method, path, status, **params)
    assert not violations(body, documented, method.lower(), str(status))


def test_errors__missing_key_is_401_and_conforms(api: FakeNumista) -> None:
    answer = requests.get(f"{api.url}/issuers", timeout=10)
    assert answer.status_code == 401
    assert not violations(answer.json(), "/issuers", status="401")


def integral_floats(value: Any, path: str = "") -> list[str]:
    """Where a body holds a float with an integral value (NOTES §1: those arrive as ints)."""
    if isinstance(value, float):
        return [path or "/"] if value.is_integer() else []
    children = (
        value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    )
    return [found for key, inner in children for found in integral_floats(inner, f"{path}/{key}")]


def test_numbers__integral_values_are_served_as_ints(
    fake: Fake, sample: dict[str, Any], token: str, types_by_lang: dict[str, dict[int, Any]]
) -> None:
    bodies: dict[str, Any] = {f"type {i}": body for i, body in types_by_lang["es"].items()}
    for t, i in priced_and_unpriced(sample, 40):
        for currency in ("EUR", "USD", "JPY"):
            bodies[f"prices {i} {currency}"] = fake.get(f"/types/{t}/issues/{i}/prices", currency=currency)
    bodies["items"] = fake.get("/users/1/collected_items", token=token)
    found = [f"{label} {path}" for label, body in bodies.items() for path in integral_floats(body)]
    assert not found, found[:10]


# -- the relaxations, checked against real bodies -------------------------------------------------


def test_relaxations__real_type_bodies_conform() -> None:
    bodies = {f"real type {i}": body for i, body in real_types().items()}
    for name in sorted(REAL.glob("coindex__type_*.json")):
        bodies[name.name] = real(name.name)
    bodies["planchet type 99700"] = real("planchet__type_99700_lang-en.json")
    assert_conform(bodies, "/types/{type_id}")


def test_relaxations__each_is_needed_by_a_real_body() -> None:
    planchet = real("planchet__type_99700_lang-en.json")
    unrelaxed = violations(planchet, "/types/{type_id}", relaxed=False)
    assert "/mints/0/id: '10' is not of type 'integer'" in unrelaxed
    legacy = next(body for body in real_types().values() if "related_types" in body and "issue_terms" in body)
    unrelaxed_text = " ".join(violations(legacy, "/types/{type_id}", relaxed=False))
    assert all(word in unrelaxed_text for word in ("object_type", "issue_terms", "minYear"))
    publication = real("planchet__publication_L106610_probable.json")
    assert len(violations(publication, "/publications/{id}", relaxed=False)) == 3  # year, 2 ids
    created = real("namachieli__POST_users_ID_collected_items_201.json")
    assert violations(created, ITEMS, "post", "201", relaxed=False)
    assert violations({"error_message": "Not found"}, "/types/{type_id}", status="404", relaxed=False)


REAL_BODIES = [  # file, documented path, method, status
    ("planchet__publication_L106610_probable.json", "/publications/{id}", "get", "200"),
    ("namachieli__GET_catalogues_TRUNCATED.json", "/catalogues", "get", "200"),
    ("namachieli__GET_issuers_TRUNCATED.json", "/issuers", "get", "200"),
    ("namachieli__GET_types_q-Escudo_issuer-mexico_TRUNCATED.json", "/types", "get", "200"),
    ("namachieli__GET_users_2.json", "/users/{user_id}", "get", "200"),
    ("namachieli__GET_users_ID_collections.json", "/users/{user_id}/collections", "get", "200"),
    ("namachieli__GET_users_ID_collected_items_collection-43708.json", ITEMS, "get", "200"),
    ("namachieli__PATCH_users_ID_collected_items_48567296_200.json", ITEM, "patch", "200"),
    ("namachieli__POST_users_ID_collected_items_201.json", ITEMS, "post", "201"),
]


@pytest.mark.parametrize(("name", "path", "method", "status"), REAL_BODIES, ids=[r[0] for r in REAL_BODIES])
def test_relaxations__other_real_bodies_conform(name: str, path: str, method: str, status: str) -> None:
    assert not violations(real(name), path, method, status)


def test_relaxations__real_issuers_conform_with_null_wikidata_id_allowed() -> None:
    """The 2022 issuer list has ``"wikidata_id": null`` for 509 of 4,250 issuers, which the
    document and NOTES §1 ("omitted, not null") rule out and §9 does not list. The fake serves
    it too (issue 11), so the relaxed document allows it there, and only there: the real list
    conforms as a whole, and a null anywhere else in it would not."""
    issuers = real("namachieli__GET_issuers_13mar2022_issuers-array-only.json")
    assert sum(issuer.get("wikidata_id", "") is None for issuer in issuers) == 509
    assert not violations({"count": len(issuers), "issuers": issuers}, "/issuers")
    broken = [{**issuers[0], "name": None}, *issuers[1:]]
    assert violations({"count": len(issuers), "issuers": broken}, "/issuers")


# == 2. Shapes compared with real bodies ===========================================================


def kind(value: Any) -> str:
    """The JSON kind of a decoded value: int, float, str, bool, dict or list."""
    return "bool" if isinstance(value, bool) else type(value).__name__


def key_paths(body: Mapping[str, Any]) -> dict[str, set[str]]:
    """The key paths of a body with the kinds found there: top level (``obverse``), one level into
    objects (``obverse.picture``) and list items (``ruler[].group``; ``tags[]`` for scalars).
    Nulls count as absent (NOTES §1: optional fields are omitted, not null)."""
    found: dict[str, set[str]] = {}

    def note(path: str, value: Any) -> None:
        if value is not None:
            found.setdefault(path, set()).add(kind(value))

    for key, value in body.items():
        note(key, value)
        inner = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        joiner = "[]." if isinstance(value, list) else "."
        for item in inner:
            if isinstance(item, dict):
                for sub, sub_value in item.items():
                    note(f"{key}{joiner}{sub}", sub_value)
            else:
                note(f"{key}[]", item)
    return found


@dataclass(frozen=True)
class Shape:
    """How many bodies carry each key path, and the kinds seen there."""

    bodies: int
    seen: Counter[str]
    kinds: dict[str, set[str]]

    def share(self, path: str) -> float:
        return self.seen[path] / self.bodies


def shape_of(bodies: Iterable[Mapping[str, Any]]) -> Shape:
    every = list(bodies)
    seen: Counter[str] = Counter()
    kinds: dict[str, set[str]] = {}
    for body in every:
        for path, found in key_paths(body).items():
            seen[path] += 1
            kinds.setdefault(path, set()).update(found)
    return Shape(len(every), seen, kinds)


def shape_problems(
    fake: Shape, reality: Shape, documented: Iterable[str] = (), numbers: Iterable[str] = ()
) -> list[str]:
    """What sets the fake's shape apart from reality's: (a) key paths neither real bodies nor the
    documentation show, (b) key paths common in reality but not in the fake, (c) kinds reality
    never shows. An int is fine where reality sends floats (integral measures come as ints), and
    at the ``numbers`` paths, which the document types ``number``, a float is fine too."""
    allowed = set(reality.seen) | set(documented)
    problems = [f"invented: {path}" for path in sorted(fake.seen) if path not in allowed]
    problems += [
        f"missing: {path} in {reality.share(path):.0%} of real bodies, {fake.share(path):.0%} of the fake's"
        for path in sorted(reality.seen)
        if reality.share(path) >= COMMON and fake.share(path) < COMMON
    ]
    for path in sorted(set(fake.seen) & set(reality.seen)):
        accepted = reality.kinds[path] | ({"int"} if "float" in reality.kinds[path] else set())
        accepted |= {"int", "float"} if path in numbers else set()
        if fake.kinds[path] - accepted:
            problems.append(
                f"kind: {path} is {sorted(fake.kinds[path])}, really {sorted(reality.kinds[path])}"
            )
    return problems


def assert_shape(
    fake: Iterable[Mapping[str, Any]],
    reality: Iterable[Mapping[str, Any]],
    documented: Iterable[str] = (),
    numbers: Iterable[str] = (),
) -> None:
    fake_shape, real_shape = shape_of(fake), shape_of(reality)
    assert fake_shape.bodies and real_shape.bodies
    problems = shape_problems(fake_shape, real_shape, documented, numbers)
    assert not problems, "\n".join(problems)


def documented(fields: Mapping[str, str]) -> frozenset[str]:
    """Key paths from ``{"key": "subkeys", "key[]": "item keys"}`` (a list of scalars has ``""``)."""
    paths: set[str] = set()
    for key, subkeys in fields.items():
        base = key.removesuffix("[]")
        paths.add(base)
        if key.endswith("[]") and not subkeys:
            paths.add(key)
        joiner = "[]." if key.endswith("[]") else "."
        paths.update(f"{base}{joiner}{sub}" for sub in subkeys.split())
    return frozenset(paths)


def _plain(*keys: str) -> dict[str, str]:
    return dict.fromkeys(keys, "")


SIDE = (
    "engravers designers description lettering lettering_scripts unabridged_legend lettering_translation "
    "picture thumbnail picture_copyright picture_copyright_url picture_license_name picture_license_url"
)
#: The type fields of NOTES §5 (``GET /types/{type_id}``), §9's additions included. size2,
#: printers and watermark are banknote fields there (the real type bodies hold no banknote).
NOTES_TYPE = documented(
    {
        **_plain("id", "url", "title", "category", "min_year", "max_year", "type", "shape", "orientation"),
        **_plain(
            "weight", "size", "size2", "thickness", "series", "commemorated_topic", "comments", "tags[]"
        ),
        "issuer": "code name",
        "issuing_entity": "id name wikidata_id",
        "secondary_issuing_entity": "id name wikidata_id",
        "object_type": "id name",
        "value": "text numeric_value numerator denominator currency",
        "ruler[]": "id name wikidata_id nomisma_id group",
        "demonetization": "is_demonetized demonetization_date",
        "issue_terms": "is_issued issue_date",
        "composition": "text",
        "technique": "text",
        **dict.fromkeys(("obverse", "reverse", "edge", "watermark"), SIDE),
        "mints[]": "id name",
        "printers[]": "id name",
        "related_types[]": "id title category country minYear maxYear",
        "references[]": "catalogue number",
    }
)
#: NOTES §5: search items, issuers, catalogues and collected items.
NOTES_SEARCH_ITEM = documented(
    {
        **_plain("id", "title", "category", "min_year", "max_year", "obverse_thumbnail", "reverse_thumbnail"),
        "issuer": "code name",
        "object_type": "id name",
    }
)
NOTES_ISSUER = documented({**_plain("code", "name", "flag", "wikidata_id", "level"), "parent": "code name"})
NOTES_CATALOGUE = documented(_plain("id", "code", "title", "author", "publisher", "isbn13"))
NOTES_COLLECTED_ITEM = documented(
    {
        **_plain("id", "quantity", "for_swap", "grade", "private_comment", "public_comment"),
        **_plain("storage_location", "acquisition_place", "acquisition_date", "serial_number"),
        **_plain("internal_id", "weight", "size", "axis"),
        "type": "id title category issuer",
        "issue": "id is_dated year gregorian_year min_year max_year mint_letter marks signatures mintage "
        "references comment",
        "price": "value currency",
        "collection": "id name",
        "pictures[]": "url thumbnail_url",
        "grading_details": "grading_company slab_grade slab_number cac_sticker grading_designations "
        "grading_strike grading_surface",
    }
)
#: Collected-item numbers the document types ``number``: the two real items hold round prices
#: (250, 300), served as ints as NOTES §1 says; other prices arrive as floats.
ITEM_NUMBERS = frozenset({"price.value", "weight", "size"})


def test_shapes__type_bodies_like_real_ones(types_by_lang: dict[str, dict[int, Any]]) -> None:
    """All coin and exonumia types in ``es`` against 1,050 real ``es`` bodies (none a banknote),
    and the 2025 capture whose ``mints[].id`` are strings (§9)."""
    fake = [body for body in types_by_lang["es"].values() if body["category"] != "banknote"]
    assert len(fake) >= 500
    reality = [*real_types().values(), real("planchet__type_99700_lang-en.json")]
    assert_shape(fake, reality, NOTES_TYPE)


def test_shapes__banknote_bodies_invent_nothing(types_by_lang: dict[str, dict[int, Any]]) -> None:
    notes = shape_of(body for body in types_by_lang["es"].values() if body["category"] == "banknote")
    problems = shape_problems(notes, shape_of(real_types().values()), NOTES_TYPE)
    assert not [problem for problem in problems if problem.startswith("invented")]
    assert min(notes.share(path) for path in ("printers", "size2", "watermark")) >= COMMON  # NOTES §5


def test_shapes__search_items_like_real_ones(fake: Fake) -> None:
    items = [item for query in SEARCHES for item in fake.get("/types", **query)["types"]]
    reality = real("namachieli__GET_types_q-Escudo_issuer-mexico_TRUNCATED.json")["types"]
    assert_shape(items, reality, NOTES_SEARCH_ITEM)


def test_shapes__issuers_like_real_ones(fake: Fake) -> None:
    issuers = fake.get("/issuers")["issuers"]
    assert_shape(issuers, real("namachieli__GET_issuers_13mar2022_issuers-array-only.json"), NOTES_ISSUER)


def test_shapes__catalogues_users_collections_like_real_ones(
    fake: Fake, sample: dict[str, Any], token: str
) -> None:
    catalogues = fake.get("/catalogues")["catalogues"]
    assert_shape(catalogues, real("namachieli__GET_catalogues_TRUNCATED.json")["catalogues"], NOTES_CATALOGUE)
    users = [fake.get(f"/users/{u}") for u in sample["users"]]
    assert_shape(users, [real("namachieli__GET_users_2.json")])
    collections = fake.get("/users/1/collections", token=token)
    assert_shape([collections], [real("namachieli__GET_users_ID_collections.json")])


def test_shapes__collected_items_like_real_ones(fake: Fake, token: str) -> None:
    listed = fake.get("/users/1/collected_items", token=token)
    reality = real("namachieli__GET_users_ID_collected_items_collection-43708.json")
    assert set(listed) == set(reality)
    patched = real("namachieli__PATCH_users_ID_collected_items_48567296_200.json")
    assert_shape(listed["items"], [*reality["items"], patched], NOTES_COLLECTED_ITEM, ITEM_NUMBERS)


def test_shapes__created_item_like_the_real_201(fake: Fake, sample: dict[str, Any], token: str) -> None:
    fields = ("type", "issue", "grade", "price", "collection")
    stored = next(item for item in sample["users"]["1"]["items"] if set(fields) <= set(item))
    body = {key: stored[key] for key in fields}
    created = fake.call("POST", "/users/1/collected_items", 201, token=token, body=body)
    fake.call("DELETE", f"/users/1/collected_items/{created['id']}", 204, token=token)
    reality = [real("namachieli__POST_users_ID_collected_items_201.json")]
    assert_shape([created], reality, NOTES_COLLECTED_ITEM, ITEM_NUMBERS)


def test_shapes__publications_like_the_real_one(fake: Fake, sample: dict[str, Any]) -> None:
    """Volumes against the real volume; NOTES §5 is vague, so the document lists the other fields."""
    bodies = [fake.get(f"/publications/{p['id']}") for p in sample["publications"]]
    volumes = [body for body in bodies if body["type"] == "volume"]
    fields = document()["components"]["schemas"]["publication"]["properties"]
    listed = {
        key + "[]" * (schema.get("type") == "array"): " ".join(schema.get("items", {}).get("properties", {}))
        for key, schema in fields.items()
    }
    assert_shape(volumes, [real("planchet__publication_L106610_probable.json")], documented(listed))

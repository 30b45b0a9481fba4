"""The one table of columns (name, dtype, JSON source, description) of every frame numista_frames returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .validate import CATEGORIES, GRADES

__all__ = [
    "CATEGORY_DTYPE",
    "DTYPES",
    "GRADE_DTYPE",
    "ISSUE_PARTS",
    "JOIN_SEPARATOR",
    "PUBLICATION_PARTS",
    "RESOURCES",
    "SCHEMA_VERSION",
    "SIDES",
    "SIDE_DTYPE",
    "STRING_DTYPE",
    "TABLES",
    "TYPE_PARTS",
    "Column",
    "Table",
    "columns",
    "dtypes",
    "empty_frame",
    "schema_frame",
]

#: Bump whenever a column is added, removed, renamed, reordered or retyped.
SCHEMA_VERSION = 1

#: Sides of a type, in Numista's order (``*`` in a source stands for each of them).
SIDES = ("obverse", "reverse", "edge", "watermark")
#: Lists shown in one cell (``ruler[].name`` in a wide frame) are joined with this.
JOIN_SEPARATOR = "; "

#: Grades worst to best; ordered so that ``df.sort_values("grade")`` and ``grade >= "vf"`` work.
GRADE_DTYPE = pd.CategoricalDtype(list(GRADES), ordered=True)
#: Fixed categories so that frames of different calls concatenate without turning into object.
CATEGORY_DTYPE = pd.CategoricalDtype(list(CATEGORIES), ordered=False)
SIDE_DTYPE = pd.CategoricalDtype(list(SIDES), ordered=False)
# Pinned to pyarrow storage: what read_parquet gives back, whatever mode.string_storage says.
STRING_DTYPE = pd.StringDtype("pyarrow")

#: Dtype names used in the tables and the pandas dtype each stands for.
DTYPES: Mapping[str, Any] = {
    "Int64": pd.Int64Dtype(),
    "float64": np.dtype("float64"),
    "string": STRING_DTYPE,
    "boolean": pd.BooleanDtype(),
    "datetime64[ns]": np.dtype("datetime64[ns]"),
    "datetime64[ns, UTC]": pd.DatetimeTZDtype("ns", "UTC"),
    "grade": GRADE_DTYPE,
    "category": CATEGORY_DTYPE,
    "side": SIDE_DTYPE,
}
_DTYPE_LABELS = {
    "grade": "category (g<vg<f<vf<xf<au<unc)",
    "category": "category (coin, banknote, exonumia)",
    "side": "category (obverse, reverse, edge, watermark)",
}

_I, _F, _S, _B, _D, _T = "Int64", "float64", "string", "boolean", "datetime64[ns]", "datetime64[ns, UTC]"


@dataclass(frozen=True)
class Column:
    """One column: its name, dtype name (a key of ``DTYPES``), JSON source and description.

    ``source`` is a path into the JSON record: ``issuer.code``; ``a|b`` takes the first present;
    ``ruler[].name`` is each element of a list (joined with ``JOIN_SEPARATOR`` in wide frames,
    one row each in long ``parts`` frames); ``pictures[0].url`` is the first element; ``@name`` is
    a value the normaliser supplies (``@type_id``); ``*`` is each side; ``conv(path)`` applies the
    named converter of :mod:`numista_frames.normalize_parts` (``lines``, ``unescape``, ``refs``...).
    """

    name: str
    dtype: str
    source: str
    description: str


@dataclass(frozen=True)
class Table:
    """The columns of one resource, in order; ``parent`` names what a long parts table explodes."""

    resource: str
    description: str
    columns: tuple[Column, ...]
    parent: str | None = None  # what a long table explodes: types, issues, publications or prices


def _cols(*rows: tuple[str, str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*row) for row in rows)


_ISSUER = (
    ("issuer_code", _S, "issuer.code", "Issuer code, an opaque slug (etats-unis, canada)"),
    ("issuer_name", _S, "issuer.name", "Issuer name, translated by lang"),
)
_OBJECT_TYPE = (
    ("object_type_id", _I, "object_type.id", "Object type id (1 = standard circulation coins)"),
    ("object_type_name", _S, "object_type.name", "Object type, translated by lang"),
)
_SEARCH = _cols(
    ("id", _I, "id", "Type id (N#)"),
    ("title", _S, "title", "Title of the type"),
    ("category", "category", "category", "coin, banknote or exonumia"),
    *_ISSUER,
    ("min_year", _I, "min_year|minYear", "First year produced (Gregorian; BC negative)"),
    ("max_year", _I, "max_year|maxYear", "Last year produced (Gregorian; BC negative)"),
    *_OBJECT_TYPE,
    ("obverse_thumbnail", _S, "obverse_thumbnail", "URL of the obverse thumbnail"),
    ("reverse_thumbnail", _S, "reverse_thumbnail", "URL of the reverse thumbnail"),
    ("similarity_distance", _F, "similarity_distance", "Image search only: 0..1, lower is closer"),
)


def _side(side: str) -> tuple[tuple[str, str, str, str], ...]:
    return (
        (f"{side}_description", _S, f"lines({side}.description)", f"Description of the {side}"),
        (f"{side}_lettering", _S, f"lines({side}.lettering)", "Lettering as written, lines split by \\n"),
        (f"{side}_unabridged_legend", _S, f"lines({side}.unabridged_legend)", "Legend unabridged"),
        (f"{side}_lettering_translation", _S, f"lines({side}.lettering_translation)", "Lettering translated"),
        (f"{side}_lettering_scripts", _S, f"{side}.lettering_scripts[].name", "Scripts of the lettering"),
        (f"{side}_engravers", _S, f"{side}.engravers[]", "Engravers"),
        (f"{side}_designers", _S, f"{side}.designers[]", "Designers"),
        (f"{side}_picture", _S, f"{side}.picture", "URL of the picture (see the copyright columns)"),
        (f"{side}_thumbnail", _S, f"{side}.thumbnail", "URL of the thumbnail"),
        (f"{side}_picture_copyright", _S, f"{side}.picture_copyright", "Owner of the picture"),
        (f"{side}_picture_copyright_url", _S, f"{side}.picture_copyright_url", "Website of the owner"),
        (f"{side}_picture_license_name", _S, f"{side}.picture_license_name", "Licence of the picture"),
        (f"{side}_picture_license_url", _S, f"{side}.picture_license_url", "URL of the licence"),
    )


_VALUE = (
    ("value_text", _S, "strip(value.text)", "Face value as written (1/4 Dollar)"),
    ("value_numeric", _F, "value.numeric_value", "Face value as a number (0.25)"),
    ("value_numerator", _I, "value.numerator", "Numerator when the value is a fraction"),
    ("value_denominator", _I, "value.denominator", "Denominator when the value is a fraction"),
    ("value_currency_id", _I, "value.currency.id", "Currency id"),
    ("value_currency_name", _S, "value.currency.name", "Currency name, translated by lang"),
    ("value_currency_full_name", _S, "value.currency.full_name", "Currency name with its dates"),
)
_ENTITIES = tuple(
    (f"{entity}_{field}", dtype, f"{entity}.{field}", f"{what} issuing entity: {field}")
    for entity, what in (("issuing_entity", "Primary"), ("secondary_issuing_entity", "Secondary"))
    for field, dtype in (("id", _I), ("name", _S), ("wikidata_id", _S))
)
_TYPES = _cols(
    ("id", _I, "id", "Type id (N#)"),
    ("title", _S, "title", "Title of the type"),
    ("category", "category", "category", "coin, banknote or exonumia"),
    *_ISSUER,
    ("min_year", _I, "min_year", "First year produced (Gregorian; BC negative)"),
    ("max_year", _I, "max_year", "Last year produced (Gregorian; BC negative)"),
    ("type", _S, "type", "Kind of object, translated (equals object_type_name)"),
    *_OBJECT_TYPE,
    *_VALUE,
    ("rulers", _S, "ruler[].name", "Ruling authorities (ids in the type_rulers table)"),
    ("composition", _S, "composition.text", "Composition (metallic content)"),
    ("technique", _S, "technique.text", "Manufacturing technique"),
    ("shape", _S, "shape", "Shape"),
    ("weight", _F, "weight", "Weight in grams"),
    ("size", _F, "size", "Diameter, or largest dimension, in mm"),
    ("size2", _F, "size2", "Second dimension of non-round items, in mm"),
    ("thickness", _F, "thickness", "Thickness in mm"),
    ("orientation", _S, "orientation", "coin, medal, variable, three or nine"),
    ("series", _S, "series", "Series the type belongs to"),
    ("commemorated_topic", _S, "commemorated_topic", "What a commemorative type commemorates"),
    ("demonetization_is_demonetized", _B, "demonetization.is_demonetized", "Demonetized?"),
    ("demonetization_date", _D, "demonetization.demonetization_date",
     "Date of demonetization (2001-00-00, month and day unknown, reads 2001-01-01)"),
    ("issue_terms_is_issued", _B, "issue_terms.is_issued", "Issued yet? (newer types)"),
    ("issue_terms_issue_date", _D, "issue_terms.issue_date", "Date of issue"),
    *_ENTITIES,
    ("mints", _S, "mints[].name", "Mints (ids in the type_mints table)"),
    ("printers", _S, "printers[].name", "Printers of banknotes (ids in type_printers)"),
    ("references", _S, "refs(references)", "Catalogue references, e.g. KM# 657"),
    ("tags", _S, "tags[]", "Tags"),
    ("comments", _S, "comments", "General comments (HTML)"),
    ("url", _S, "url", "Page of the type on Numista"),
    *(column for side in SIDES for column in _side(side)),
)
_ISSUE = (
    ("is_dated", _B, "is_dated", "Does the issue carry a year?"),
    ("year", _S, "year", "Year as written on the piece (may be another calendar, e.g. 平成元年)"),
    ("gregorian_year", _I, "gregorian_year", "Year in the Gregorian calendar (BC negative)"),
    ("min_year", _I, "min_year", "Undated issues: first Gregorian year"),
    ("max_year", _I, "max_year", "Undated issues: last Gregorian year"),
    ("mint_letter", _S, "mint_letter", "Mint letter"),
    ("mintage", _I, "mintage", "Quantity produced (NA when unknown)"),
)
_ISSUES = _cols(
    ("type_id", _I, "@type_id", "Type id (N#)"),
    ("issue_id", _I, "id", "Issue id"),
    *_ISSUE,
    ("comment", _S, "comment", "Comment (Proof, BU set...)"),
    ("marks", _S, "marks[].title|marks[].letters", "Marks (details in issue_marks)"),
    ("signatures", _S, "signatures[].signer_name", "Signers of a banknote (issue_signatures)"),
    ("references", _S, "refs(references)", "Catalogue references of the issue"),
)
_PRICES = _cols(
    ("type_id", _I, "@type_id", "Type id (N#)"),
    ("issue_id", _I, "@issue_id|@issue.id", "Issue id"),
    ("grade", "grade", "prices[].grade", "Grade, ordered g<vg<f<vf<xf<au<unc"),
    ("price", _F, "prices[].price", "Current estimate in currency (no history: see fetched_at)"),
    ("currency", _S, "currency", "ISO 4217 code of the price"),
    ("year", _S, "@issue.year", "Issue year as written"),
    ("gregorian_year", _I, "@issue.gregorian_year", "Issue year, Gregorian"),
    ("mint_letter", _S, "@issue.mint_letter", "Mint letter of the issue"),
    ("comment", _S, "@issue.comment", "Comment of the issue"),
    ("fetched_at", _T, "@fetched_at", "When the estimate was fetched (UTC)"),
)
_PRICE_HISTORY = _cols(
    ("type_id", _I, "type_id", "Type id (N#)"),
    ("issue_id", _I, "issue_id", "Issue id"),
    ("currency", _S, "currency", "ISO 4217 code of the price"),
    ("grade", "grade", "grade", "Grade, ordered g<vg<f<vf<xf<au<unc"),
    ("price", _F, "price", "The estimate observed"),
    ("observed_at", _T, "observed_at", "When it was fetched from Numista (UTC)"),
)
_ISSUERS = _cols(
    ("code", _S, "code", "Issuer code, an opaque slug"),
    ("name", _S, "name", "Issuer name, translated by lang"),
    ("parent_code", _S, "parent.code", "Code of the parent issuer"),
    ("parent_name", _S, "parent.name", "Name of the parent issuer"),
    ("level", _I, "level", "Depth in the issuer tree (1-5)"),
    ("wikidata_id", _S, "wikidata_id", "Wikidata id (Q...)"),
    ("flag", _S, "flag", "URL of the flag"),
)
_MINTS = _cols(
    ("id", _I, "id", "Mint id (a string in some bodies)"),
    ("name", _S, "name", "Mint name, translated by lang"),
    ("local_name", _S, "local_name", "Name in the local language"),
    ("place", _S, "place", "Where the mint is"),
    ("country_code", _S, "country.code", "Issuer code of the country"),
    ("country_name", _S, "country.name", "Country name"),
    ("start_year", _I, "start_year", "First year of operation"),
    ("end_year", _I, "end_year", "Last year of operation (9999 = active, as Numista says)"),
    ("is_active", _B, "active(end_year)", "end_year == 9999"),
    ("nomisma_id", _S, "nomisma_id", "Nomisma id"),
    ("wikidata_id", _S, "wikidata_id", "Wikidata id"),
)
_CATALOGUES = _cols(
    ("id", _I, "id", "Catalogue id (3 = KM)"),
    ("code", _S, "code", "Code shown in references (KM)"),
    ("title", _S, "title", "Title"),
    ("author", _S, "author", "Author(s)"),
    ("publisher", _S, "publisher", "Publisher"),
    ("isbn13", _S, "isbn13", "ISBN-13"),
)
_PUBLICATIONS = _cols(
    ("id", _S, "id", "Publication id (L + 6 digits)"),
    ("type", _S, "type", "volume, article, volume_group or article_group"),
    ("title", _S, "title", "Title"),
    ("translated_title", _S, "translated_title", "Title in English"),
    ("subtitle", _S, "subtitle", "Subtitle"),
    ("translated_subtitle", _S, "translated_subtitle", "Subtitle in English"),
    ("volume_number", _S, "volume_number", "Number of the volume in its group"),
    ("edition", _S, "edition", "Edition"),
    ("year", _I, "year", "Year of publication (a string in real bodies)"),
    ("page_count", _I, "page_count", "Number of pages"),
    ("pages", _S, "pages", "Page range of an article"),
    ("cover", _S, "cover", "softcover, hardcover, spiral..."),
    ("languages", _S, "languages[]", "ISO 639 codes of the languages"),
    ("contributors", _S, "contributors[].name", "Contributors (roles in publication_contributors)"),
    ("publishers", _S, "publishers[].name", "Publishers"),
    ("publication_places", _S, "publication_places[].name", "Places of publication"),
    ("part_of_id", _S, "part_of[0].id", "Id of the first parent publication"),
    ("part_of_type", _S, "part_of[0].type", "Type of the first parent publication"),
    ("part_of_title", _S, "part_of[0].title", "Title of the first parent publication"),
    ("isbn10", _S, "isbn10", "ISBN-10"),
    ("isbn13", _S, "isbn13", "ISBN-13"),
    ("issn", _S, "issn", "ISSN of a volume group"),
    ("oclc_number", _S, "oclc_number", "OCLC number"),
    ("bibliographical_notice", _S, "bibliographical_notice", "Bibliographical notice (HTML)"),
    ("homepage_url", _S, "homepage_url", "Website of the publication"),
    ("download_urls", _S, "download_urls[]", "Where to download it"),
    ("url", _S, "url", "Page of the publication on Numista"),
)
_USER = _cols(
    ("user_id", _I, "@user_id", "User id"),
    ("username", _S, "username", "User name"),
    ("avatar", _S, "avatar", "URL of the avatar"),
)
_COLLECTIONS = _cols(
    ("user_id", _I, "@user_id", "Owner (NA unless given)"),
    ("id", _I, "id", "Collection id"),
    ("name", _S, "name", "Collection name"),
)


def _graded(name: str, what: str, label: str = "value") -> tuple[tuple[str, str, str, str], ...]:
    path = f"grading_details.{name}"
    return ((f"{name}_id", _I, f"{path}.id|{path}", f"{what} id"), (name, _S, f"{path}.{label}", what))


_COLLECTED_ITEMS = _cols(
    ("id", _I, "id", "Collected item id"),
    ("user_id", _I, "@user_id", "Owner (NA unless given)"),
    ("type_id", _I, "type.id", "Type id (N#)"),
    ("title", _S, "unescape(type.title)", "Title of the type, HTML entities decoded"),
    ("category", "category", "type.category", "coin, banknote or exonumia"),
    ("issuer_code", _S, "type.issuer.code", "Issuer code"),
    ("issuer_name", _S, "type.issuer.name", "Issuer name"),
    ("issue_id", _I, "issue.id", "Issue id"),
    *((name, dtype, f"issue.{source}", text) for name, dtype, source, text in _ISSUE),
    ("issue_comment", _S, "issue.comment", "Comment of the issue (Proof...)"),
    ("quantity", _I, "quantity", "How many"),
    ("grade", "grade", "grade", "Grade, ordered g<vg<f<vf<xf<au<unc"),
    ("for_swap", _B, "for_swap", "Offered for swap?"),
    ("price_value", _F, "price.value", "Price paid"),
    ("price_currency", _S, "price.currency", "ISO 4217 code of the price"),
    ("collection_id", _I, "collection.id|collection", "Collection id (a bare int in POST 201 bodies)"),
    ("collection_name", _S, "collection.name", "Collection name"),
    ("acquisition_date", _D, "acquisition_date", "Date acquired"),
    ("acquisition_place", _S, "acquisition_place", "Where acquired"),
    ("storage_location", _S, "storage_location", "Where stored"),
    ("serial_number", _S, "serial_number", "Serial number (banknotes)"),
    ("internal_id", _S, "internal_id", "The owner's own id"),
    ("private_comment", _S, "private_comment", "Private comment"),
    ("public_comment", _S, "public_comment", "Public comment"),
    ("weight", _F, "weight", "Measured weight in grams"),
    ("size", _F, "size", "Measured size in mm"),
    ("axis", _I, "axis", "Die axis in hours (1-12)"),
    *_graded("grading_company", "Grading company (NGC, PCGS...)", "name"),
    *_graded("slab_grade", "Slab grade"),
    ("slab_number", _S, "grading_details.slab_number", "Slab number"),
    ("cac_sticker", _S, "grading_details.cac_sticker", "CAC sticker (Green, Gold)"),
    ("grading_designations", _S, "grading_details.grading_designations[].value", "Designations"),
    ("grading_designation_ids", _S, "grading_details.grading_designations[].id|"
     "grading_details.grading_designations[]", "Ids of the designations"),
    *_graded("grading_strike", "Strike"),
    *_graded("grading_surface", "Surface"),
    ("picture_count", _I, "count(pictures)", "Number of pictures"),
    ("picture_url", _S, "pictures[0].url", "URL of the first picture"),
    ("picture_thumbnail_url", _S, "pictures[0].thumbnail_url", "Thumbnail of the first picture"),
    ("picture_urls", _S, "pictures[].url", "URLs of all pictures"),
)
_TYPE_ID = ("type_id", _I, "id", "Type id (N#)")
_REF = (
    ("catalogue_id", _I, "references[].catalogue.id", "Catalogue id (3 = KM)"),
    ("catalogue_code", _S, "references[].catalogue.code", "Catalogue code (KM)"),
    ("number", _S, "references[].number", "Number in that catalogue"),
)
_ISSUE_KEYS = (("type_id", _I, "@type_id", "Type id (N#)"), ("issue_id", _I, "id", "Issue id"))
_PUB_ID = ("publication_id", _S, "id", "Publication id")


def _part(parent: str, resource: str, doc: str, *rows: tuple[str, str, str, str]) -> Table:
    return Table(resource, doc, _cols(*rows), parent)


def _people(role: str) -> Table:
    return _part("types", f"type_{role}", f"{role.capitalize()} of each side, one row each", _TYPE_ID,
                 ("side", "side", "*", "obverse, reverse, edge or watermark"),
                 ("name", _S, f"*.{role}[]", "Name"))


_PARTS = (
    _part("types", "type_rulers", "Ruling authorities of each type", _TYPE_ID,
          ("ruler_id", _I, "ruler[].id", "Ruler id"), ("name", _S, "ruler[].name", "Ruler name"),
          ("wikidata_id", _S, "ruler[].wikidata_id", "Wikidata id"),
          ("nomisma_id", _S, "ruler[].nomisma_id", "Nomisma id"),
          ("group_id", _I, "ruler[].group.id", "Dynasty or period id"),
          ("group_name", _S, "ruler[].group.name", "Dynasty or period")),
    _part("types", "type_mints", "Mints of each type", _TYPE_ID,
          ("mint_id", _I, "mints[].id", "Mint id (strings in 2025 bodies)"),
          ("name", _S, "mints[].name", "Mint name")),
    _part("types", "type_printers", "Printers of each banknote type", _TYPE_ID,
          ("printer_id", _I, "printers[].id", "Printer id"), ("name", _S, "printers[].name", "Printer name")),
    _part("types", "type_references", "Catalogue references of each type", _TYPE_ID, *_REF),
    _part("types", "type_tags", "Tags of each type", _TYPE_ID, ("tag", _S, "tags[]", "Tag")),
    _part("types", "type_related_types", "Related types (documented and legacy shapes)", _TYPE_ID,
          ("related_type_id", _I, "related_types[].id", "Id of the related type"),
          ("title", _S, "related_types[].title", "Its title"),
          ("category", "category", "related_types[].category", "Its category"),
          ("issuer_code", _S, "related_types[].issuer.code|related_types[].country.code", "Its issuer"),
          ("issuer_name", _S, "related_types[].issuer.name|related_types[].country.name", "Issuer name"),
          ("min_year", _I, "related_types[].min_year|related_types[].minYear", "Its first year"),
          ("max_year", _I, "related_types[].max_year|related_types[].maxYear", "Its last year")),
    _part("types", "type_lettering_scripts", "Scripts of the lettering of each side", _TYPE_ID,
          ("side", "side", "*", "obverse, reverse, edge or watermark"),
          ("script", _S, "*.lettering_scripts[].name", "Script name, translated by lang")),
    _people("engravers"),
    _people("designers"),
    _part("issues", "issue_marks", "Marks of each issue", *_ISSUE_KEYS,
          ("mark_id", _I, "marks[].id", "Mark id"), ("title", _S, "marks[].title", "Mark title"),
          ("letters", _S, "marks[].letters", "Letters of the mark"),
          ("picture", _S, "marks[].picture", "URL of the mark's picture")),
    _part("issues", "issue_signatures", "Signatures on each banknote issue", *_ISSUE_KEYS,
          ("signer_name", _S, "signatures[].signer_name", "Who signed"),
          ("signer_title", _S, "signatures[].signer_title", "Their title")),
    _part("issues", "issue_references", "Catalogue references of each issue", *_ISSUE_KEYS, *_REF),
    _part("publications", "publication_contributors", "Contributors of each publication", _PUB_ID,
          ("contributor_id", _I, "contributors[].id", "Person id"),
          ("name", _S, "contributors[].name", "Name"),
          ("role", _S, "contributors[].role", "author, editor or translator")),
    _part("publications", "publication_publishers", "Publishers of each publication", _PUB_ID,
          ("publisher_id", _I, "publishers[].id", "Publisher id"), ("name", _S, "publishers[].name", "Name")),
    _part("publications", "publication_places", "Places of publication", _PUB_ID,
          ("name", _S, "publication_places[].name", "City and country"),
          ("geonames_id", _I, "publication_places[].geonames_id", "GeoNames id")),
    _part("publications", "publication_part_of", "Parent publications (series, volumes)", _PUB_ID,
          ("parent_id", _S, "part_of[].id", "Id of the parent"), ("type", _S, "part_of[].type", "Its type"),
          ("title", _S, "part_of[].title", "Its title"),
          ("volume_number", _S, "part_of[].volume_number", "Volume number in the parent")),
)

#: Every table, by resource name.
TABLES: Mapping[str, Table] = {
    table.resource: table
    for table in (
        Table("search", "GET /types (and /search_by_image) items, one row per type", _SEARCH),
        Table("types", "GET /types/{id}: one row per type", _TYPES),
        Table("issues", "GET /types/{id}/issues: one row per issue", _ISSUES),
        Table("prices", "GET .../issues/{id}/prices: one row per type, issue and grade", _PRICES, "prices"),
        Table("price_history", "The local price history: one row per observation", _PRICE_HISTORY),
        Table("issuers", "GET /issuers: one row per issuer", _ISSUERS),
        Table("mints", "GET /mints, /mints/{id}: one row per mint", _MINTS),
        Table("catalogues", "GET /catalogues: one row per catalogue", _CATALOGUES),
        Table("publications", "GET /publications/{id}: one row per publication", _PUBLICATIONS),
        Table("user", "GET /users/{id}: one row", _USER),
        Table("collections", "GET /users/{id}/collections: one row per collection", _COLLECTIONS),
        Table("collected_items", "GET /users/{id}/collected_items: one row per item", _COLLECTED_ITEMS),
        *_PARTS,
    )
}
RESOURCES = tuple(TABLES)


def _parts_of(parent: str) -> dict[str, str]:
    prefix = {"types": "type_", "issues": "issue_", "publications": "publication_"}[parent]
    return {t.resource.removeprefix(prefix): t.resource for t in _PARTS if t.parent == parent}


#: Part names accepted by ``normalize_type_parts`` and the resource each gives.
TYPE_PARTS: Mapping[str, str] = _parts_of("types")
ISSUE_PARTS: Mapping[str, str] = _parts_of("issues")
PUBLICATION_PARTS: Mapping[str, str] = _parts_of("publications")


def _table(resource: str) -> Table:
    try:
        return TABLES[resource]
    except KeyError:
        raise ValueError(f"unknown resource {resource!r}; known: {', '.join(RESOURCES)}") from None


def columns(resource: str) -> list[str]:
    """The column names of a resource's frame, in order.

    Parameters
    ----------
    resource : str
        A key of ``TABLES`` (``"search"``, ``"types"``, ``"type_rulers"``...).

    Returns
    -------
    list of str
        Column names.

    Raises
    ------
    ValueError
        For an unknown resource.

    Examples
    --------
    >>> columns("user")
    ['user_id', 'username', 'avatar']
    """
    return [column.name for column in _table(resource).columns]


def dtypes(resource: str) -> dict[str, Any]:
    """The pandas dtype of each column of a resource's frame, in order.

    Examples
    --------
    >>> dtypes("collections")["name"]
    <StringDtype(na_value=<NA>)>
    """
    return {column.name: DTYPES[column.dtype] for column in _table(resource).columns}


def empty_frame(resource: str) -> pd.DataFrame:
    """A frame with every column of a resource, the right dtypes and no rows.

    Parameters
    ----------
    resource : str
        A key of ``TABLES``.

    Returns
    -------
    DataFrame
        Zero rows; what the resource's normaliser returns for an empty body.

    Raises
    ------
    ValueError
        For an unknown resource.

    Examples
    --------
    >>> empty_frame("prices").dtypes["grade"]
    CategoricalDtype(categories=['g', 'vg', 'f', 'vf', 'xf', 'au', 'unc'], ordered=True, categories_dtype=str)
    """
    return pd.DataFrame({name: pd.array([], dtype=dtype) for name, dtype in dtypes(resource).items()})


def schema_frame(resource: str) -> pd.DataFrame:
    """Describe a resource's frame: one row per column with name, dtype, source and description.

    Examples
    --------
    >>> schema_frame("issuers").loc[2].tolist()
    ['parent_code', 'string', 'parent.code', 'Code of the parent issuer']
    """
    rows = [(c.name, _DTYPE_LABELS.get(c.dtype, c.dtype), c.source, c.description)
            for c in _table(resource).columns]
    names = ["name", "dtype", "source", "description"]
    return pd.DataFrame(rows, columns=names).astype(STRING_DTYPE)

"""Columns of the long tables of list parts (rulers, mints, references ... one row each)."""

from __future__ import annotations

from numista_frames.frames.schema.base import _I, _S, Table, _cols

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

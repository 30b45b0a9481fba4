"""Columns of the reference lists: issuers, mints, catalogues and publications."""

from __future__ import annotations

from numista_frames.frames.schema.base import _B, _I, _S, _cols

_ISSUERS = _cols(
    ("code", _S, "code", "Issuer code, an opaque slug"),
    ("name", _S, "name", "Issuer name, translated by lang"),
    ("parent_code", _S, "parent.code", "Code of the parent issuer"),
    ("parent_name", _S, "parent.name", "Name of the parent issuer"),
    ("level", _I, "level", "Depth in the issuer tree (1-5)"),
    ("wikidata_id", _S, "wikidata_id", "Wikidata id (Q...)"),
    ("flag", _S, "flag", "URL of the flag"),
    ("lang", _S, "@lang", "Language of the names and texts (en, es or fr; NA when not known)"),
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
    ("lang", _S, "@lang", "Language of the names and texts (en, es or fr; NA when not known)"),
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
    ("bibliographical_notice", _S, "html(bibliographical_notice)", "Bibliographical notice (HTML)"),
    ("bibliographical_notice_text", _S, "plain(bibliographical_notice)",
     "The notice as plain text (tags stripped, entities unescaped)"),
    ("homepage_url", _S, "homepage_url", "Website of the publication"),
    ("download_urls", _S, "download_urls[]", "Where to download it"),
    ("url", _S, "url", "Page of the publication on Numista"),
)

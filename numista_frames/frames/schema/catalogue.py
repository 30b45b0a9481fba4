"""Columns of the catalogue frames: search results, types, issues, prices and the price history."""

from __future__ import annotations

from numista_frames.frames.schema.base import _B, _D, _F, _I, _S, _T, SIDES, _cols

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
    ("lang", _S, "@lang", "Language of the names and texts (en, es or fr; NA when not known)"),
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
    ("demonetization_date_precision", _S, "precision(demonetization.demonetization_date)",
     "How much of demonetization_date is known: year, month or day"),
    ("issue_terms_is_issued", _B, "issue_terms.is_issued", "Issued yet? (newer types)"),
    ("issue_terms_issue_date", _D, "issue_terms.issue_date", "Date of issue"),
    ("issue_terms_issue_date_precision", _S, "precision(issue_terms.issue_date)",
     "How much of issue_terms_issue_date is known: year, month or day"),
    *_ENTITIES,
    ("mints", _S, "mints[].name", "Mints (ids in the type_mints table)"),
    ("printers", _S, "printers[].name", "Printers of banknotes (ids in type_printers)"),
    ("references", _S, "refs(references)", "Catalogue references, e.g. KM# 657"),
    ("tags", _S, "tags[]", "Tags"),
    ("comments", _S, "html(comments)", "General comments (HTML, as Numista sends it)"),
    ("comments_text", _S, "plain(comments)", "The comments as plain text (tags stripped, entities "
     "unescaped, newlines normalised)"),
    ("url", _S, "url", "Page of the type on Numista"),
    *(column for side in SIDES for column in _side(side)),
    ("lang", _S, "@lang", "Language of the names and texts (en, es or fr; NA when not known)"),
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
    ("lang", _S, "@lang", "Language of the names and texts (en, es or fr; NA when not known)"),
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

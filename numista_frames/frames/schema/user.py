"""Columns of user data: users, collections and collected items."""

from __future__ import annotations

from numista_frames.frames.schema.base import _B, _D, _F, _I, _S, _cols
from numista_frames.frames.schema.catalogue import _ISSUE

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

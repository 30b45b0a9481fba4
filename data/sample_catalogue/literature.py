"""Reference catalogues (KM, Schön, …) and publications, as ``GET /catalogues`` and
``GET /publications/{id}`` serve them."""

from __future__ import annotations

import random
from typing import Any

from .records import Json
from .state import BuilderState

CATALOGUES = (  # id, code, title, author, publisher, has isbn13
    (3, "KM", "Standard Catalog of World Coins", "Chester L. Krause, Clifford Mishler",
     "Krause Publications", True),
    (7, "Schön", "Weltmünzkatalog 20. Jahrhundert", "Gerhard Schön", "Battenberg", True),
    (12, "Y", "Modern World Coins", "Richard S. Yeoman", "Whitman Publishing", False),
    (14, "P", "Standard Catalog of World Paper Money", "Albert Pick", "Krause Publications", True),
    (22, "Sp", "Coins of England and the United Kingdom", "Spink", "Spink Books", True),
    (25, "Gad", "Monnaies françaises", "Victor Gadoury", "Éditions Victor Gadoury", True),
    (36, "JNDA", "Japanese Coin Catalogue", "Japan Numismatic Dealers Association", "JNDA", False),
    (133, "Ch", "Standard Catalogue of Canadian Coins", "W. K. Cross", "Charlton Press", True),
    (145, "BC", "Canadian Government Paper Money", "W. K. Cross", "Charlton Press", True),
    (171, "Fr", "Paper Money of the United States", "Arthur L. Friedberg, Ira S. Friedberg",
     "Coin & Currency Institute", True),
    (206, "SG", "Greek Coins and Their Values", "David R. Sear", "Seaby", True),
    (239, "Cr", "Roman Republican Coinage", "Michael H. Crawford", "Cambridge University Press",
     True),
    (301, "J", "Die deutschen Münzen seit 1871", "Kurt Jaeger", "Battenberg", True),
)
CATALOGUE_IDS = {row[1]: row[0] for row in CATALOGUES}
SECOND_CATALOGUE = {"allemagne": "J", "france": "Gad", "royaume-uni": "Sp", "japon": "JNDA",
                    "canada": "Ch", "espagne": "Schön", "italie": "Schön", "belgique": "Schön",
                    "pays-bas": "Schön", "autriche": "Schön", "suisse": "Schön",
                    "irlande": "Schön", "mexique": "Y", "athens": "SG",
                    "roman_republic_ancient": "Cr"}
PUBLICATIONS = (  # id, type, title, edition, language, year, pages, author, publisher, place
    ("L104233", "volume", "World Coins of the Modern Era", "14th Edition", "en", 2020, 2388,
     "Harriet Colley", "Prairie Numismatic Press", "Iola, United States"),
    ("L105870", "volume", "Coins of the British Isles", "59th Edition", "en", 2024, 712,
     "Arthur Penrose", "Marlow & Finch", "London, United Kingdom"),
    ("L107251", "volume", "Münzen der Bundesrepublik", "26. Auflage", "de", 2019, 892,
     "Greta Fuchs", "Vogelsang Verlag", "Regenstauf, Germany"),
    ("L108402", "article", "A die study of the Canadian small cent", "", "en", 2012, "113-126",
     "Liam O'Rourke", "Maple Numismatic Society", ""),
    ("L109015", "volume", "Catalogue of Japanese Modern Coins", "2023 Edition", "ja", 2023, 340,
     "Kenji Arai", "Tsubame Shobo", "Tokyo, Japan"),
    ("L110544", "volume", "Banknotes of the World, 1961-Present", "26th Edition", "en", 2021,
     1296, "Owen Marsh", "Prairie Numismatic Press", "Iola, United States"),
)
PUBLICATION_AUTHORS = tuple(dict.fromkeys(row[7] for row in PUBLICATIONS))
PUBLICATION_PUBLISHERS = tuple(dict.fromkeys(row[8] for row in PUBLICATIONS))
PART_OF = {
    "L104233": {"type": "volume_group", "id": "L104200", "title": "World Coins of the Modern Era"},
    "L105870": {"type": "volume_group", "id": "L105801", "title": "Coins of the British Isles"},
    "L107251": {"type": "volume_group", "id": "L107188", "title": "Münzen der Bundesrepublik"},
    "L108402": {"type": "volume", "id": "L108390", "title": "Maple Numismatic Review",
                "volume_number": "Volume 12"},
    "L110544": {"type": "volume_group", "id": "L110500", "title": "Banknotes of the World"},
}


def _isbn10(isbn13: str) -> str:
    """The ISBN-10 of a 978- ISBN-13."""
    digits = isbn13[3:12]
    check = sum((10 - i) * int(d) for i, d in enumerate(digits)) % 11
    return digits + "0123456789X"[(11 - check) % 11]


def _notice(row: tuple[Any, ...]) -> str:
    """The bibliographical notice of a publication row, in Numista's style."""
    pid, kind, title, edition, _, year, pages, author, publisher, place = row
    if kind == "article":
        parent = PART_OF[pid]
        return (f"{author}; {year}. “{title}”, {parent['title']}, "
                f"{parent['volume_number']}, pages {pages}.")
    return (f"{author}; {year}. <em>{title}</em>{f' ({edition})' if edition else ''}. "
            f"{publisher}{f', {place}' if place else ''}.")


def _isbn13(rng: random.Random) -> str:
    digits = "978" + "".join(str(rng.randint(0, 9)) for _ in range(9))
    check = -sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(digits)) % 10
    return digits + str(check)


class LiteratureBuilder(BuilderState):
    """Mixin of ``CatalogueBuilder``: the catalogue and publication listings."""

    def catalogue_list(self) -> list[Json]:
        out = []
        for cid, code, title, author, publisher, has_isbn in CATALOGUES:
            row: Json = {"id": cid, "code": code, "title": title, "author": author,
                         "publisher": publisher}
            if has_isbn:
                row["isbn13"] = _isbn13(self.rng)
            out.append(row)
        return out

    def publication(self, row: tuple[Any, ...]) -> Json:
        """A literature entry shaped like ``GET /publications/{id}`` (ids and year as strings).
        Volumes have a page count, publishers, a cover and library numbers; articles have a page
        range and sit in the volume ``part_of`` names."""
        pid, kind, title, edition, lang, year, pages, author, publisher, place = row
        volume = kind == "volume"
        pub: Json = {"id": pid, "url": f"https://numista.com/{pid}", "type": kind,
                     "title": title, "bibliographical_notice": _notice(row), "languages": [lang],
                     "year": str(year), ("page_count" if volume else "pages"): pages,
                     "contributors": [{"role": "author", "name": author,
                                       "id": str(300 + PUBLICATION_AUTHORS.index(author) * 37)}]}
        if volume:
            pub["publishers"] = [{"name": publisher,
                                  "id": str(50 + PUBLICATION_PUBLISHERS.index(publisher) * 11)}]
        if edition:
            pub["edition"] = edition
        if volume and self.chance(0.8):
            pub["isbn13"] = _isbn13(self.rng)
        if place:
            pub["publication_places"] = [{"name": place, "geonames_id": str(
                self.rng.randint(1_000_000, 9_999_999))}]
        if pid in PART_OF:
            pub["part_of"] = [dict(PART_OF[pid])]
        if volume:
            pub.update(self.library_numbers(pid, pub.get("isbn13", "")))
        return pub

    def library_numbers(self, pid: str, isbn13: str) -> Json:
        """Cover, ISBN-10 and OCLC number of a volume. They draw from their own seeded generator
        so that adding them left every other choice of the catalogue unchanged."""
        rng = random.Random(f"{self.seed}:{pid}")
        out: Json = {"cover": rng.choice(("hardcover", "softcover", "softcover"))}
        if isbn13.startswith("978"):
            out["isbn10"] = _isbn10(isbn13)
        if rng.random() < 0.8:
            out["oclc_number"] = str(rng.randint(10_000_000, 1_400_000_000))
        return out

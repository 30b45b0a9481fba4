#!/usr/bin/env python3
"""Generate the SYNTHETIC sample catalogue shipped with ``numista_frames.testing``.

Everything written here is invented: issuer codes, catalogue codes and object-type ids look like
Numista's, but titles, years, mintages, prices, users and collections are made up to give the fake
API, the tests and the demo a realistic catalogue. The format is the contract in data/README.md.

    python data/make_sample_catalogue.py [--seed N] [--out PATH] [--check]

The output is deterministic: one ``random.Random(seed)`` drives every choice (a volume's library
numbers use their own, seeded with the seed and the volume's id), nothing reads the clock or
``hash()``, JSON is dumped with sorted keys and gzip with ``mtime=0``.

Type designs are written as a small table (``DESIGNS``), one row per design::

    kind | title | years | composition | dimensions | mints (printers) | series | shape

``kind`` picks the object type, ``years`` is ``first..last`` (negative = BC), ``dimensions`` are
``size weight [thickness]`` for coins and ``width height`` for banknotes, and a title containing
``{topic}`` makes one type per topic of ``TOPICS[series]`` spread over the years (``{ruler}`` is
replaced by the ruler of that year). ``@code`` lines set the issuer of the rows below them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any, NamedTuple

Json = dict[str, Any]

DEFAULT_SEED = 20261126
FORMAT_VERSION = 1
DEFAULT_OUT = (
    Path(__file__).resolve().parents[2] / "numista_frames/testing/data/sample_catalogue.json.gz"
)
NOTE = (
    "SYNTHETIC DATA. Everything in this catalogue (titles, years, mintages, prices, users and "
    "collections) is invented by data/make_sample_catalogue.py for offline tests and demos; "
    "only the shapes, issuer codes, catalogue codes and object-type ids follow Numista. "
    "Do not use it as facts."
)
GRADES = ("g", "vg", "f", "vf", "xf", "au", "unc")
RATES = {"EUR": 1.0, "USD": 1.08, "GBP": 0.85, "CAD": 1.47, "CHF": 0.96, "JPY": 162.0}
METAL_EUR_PER_GRAM = {1: 0.95, 2: 75.0}  # material id -> price of the pure metal
PHOTO = "https://en.numista.com/catalogue/photos/{code}/{name}-{size}.jpg"


class Issuer(NamedTuple):
    code: str
    name: str
    wikidata: str
    legend: str  # lettering used on generated designs
    scale: float  # log10 of a typical circulation mintage


ISSUERS = {i.code: i for i in (
    Issuer("etats-unis", "United States", "Q30", "UNITED STATES OF AMERICA", 9.0),
    Issuer("canada", "Canada", "Q16", "CANADA", 8.3),
    Issuer("australie", "Australia", "Q408", "AUSTRALIA", 8.0),
    Issuer("royaume-uni", "United Kingdom", "Q145", "UNITED KINGDOM", 8.3),
    Issuer("france", "France", "Q142", "RÉPUBLIQUE FRANÇAISE", 8.2),
    Issuer("allemagne", "Germany", "Q183", "BUNDESREPUBLIK DEUTSCHLAND", 7.9),
    Issuer("mexique", "Mexico", "Q96", "ESTADOS UNIDOS MEXICANOS", 8.3),
    Issuer("japon", "Japan", "Q17", "日本国", 8.6),
    Issuer("nouvelle-zelande", "New Zealand", "Q664", "NEW ZEALAND", 7.3),
    Issuer("espagne", "Spain", "Q29", "ESPAÑA", 8.2),
    Issuer("italie", "Italy", "Q38", "REPUBBLICA ITALIANA", 8.2),
    Issuer("suisse", "Switzerland", "Q39", "CONFOEDERATIO HELVETICA", 7.3),
    Issuer("belgique", "Belgium", "Q31", "BELGIQUE BELGIË", 7.6),
    Issuer("pays-bas", "Netherlands", "Q55", "KONINKRIJK DER NEDERLANDEN", 7.8),
    Issuer("autriche", "Austria", "Q40", "REPUBLIK ÖSTERREICH", 7.6),
    Issuer("irlande", "Ireland", "Q27", "ÉIRE", 7.3),
    Issuer("bahamas", "Bahamas", "Q778", "COMMONWEALTH OF THE BAHAMAS", 6.3),
    Issuer("jamaique", "Jamaica", "Q766", "JAMAICA", 6.8),
    Issuer("bermudes", "Bermuda", "", "BERMUDA", 6.0),
    Issuer("fidji", "Fiji", "Q712", "FIJI", 6.5),
    Issuer("liberia", "Liberia", "Q1014", "REPUBLIC OF LIBERIA", 6.2),
    Issuer("zimbabwe", "Zimbabwe", "", "ZIMBABWE", 7.0),
    Issuer("singapour", "Singapore", "Q334", "SINGAPORE", 7.6),
    Issuer("hong_kong", "Hong Kong", "Q8646", "HONG KONG 香港", 7.8),
    Issuer("athens", "Athens", "Q1524", "ΑΘΕ", 0.0),
    Issuer("roman_republic_ancient", "Roman Republic (ancient)", "Q17167", "ROMA", 0.0),
)}
ISSUER_PARENTS = {  # code -> (parent code, parent name, level); most issuers sit in a section
    "etats-unis": ("united-states", "United States", 2),
    "canada": ("canada_section", "Canada", 2),
    "australie": ("australia_section", "Australia", 2),
    "royaume-uni": ("united-kingdom", "United Kingdom", 2),
    "france": ("france_section", "France", 2),
    "allemagne": ("germany", "Germany", 2),
    "mexique": ("mexico", "Mexico", 2),
    "japon": ("japan_section", "Japan", 2),
    "espagne": ("spain", "Spain", 2),
    "italie": ("italy", "Italy", 2),
    "suisse": ("switzerland", "Switzerland", 2),
    "belgique": ("belgium", "Belgium", 2),
    "pays-bas": ("netherlands", "Netherlands", 2),
    "autriche": ("austria", "Austria", 2),
    "zimbabwe": ("zimbabwe_section", "Zimbabwe", 2),
    "hong_kong": ("china", "China", 2),
    "athens": ("attica_section", "Attica", 2),
    "roman_republic_ancient": ("rome_section", "Rome", 2),
}
FLAGGED = ("etats-unis", "canada", "australie", "royaume-uni", "france", "allemagne", "japon",
           "suisse", "bahamas", "fidji", "singapour", "hong_kong")
ISSUER_ALIASES = {
    "united-states": "etats-unis", "usa": "etats-unis", "australia": "australie",
    "united-kingdom": "royaume-uni", "great-britain": "royaume-uni", "germany": "allemagne",
    "mexico": "mexique", "japan": "japon", "new-zealand": "nouvelle-zelande", "spain": "espagne",
    "italy": "italie", "switzerland": "suisse", "belgium": "belgique", "netherlands": "pays-bas",
    "austria": "autriche", "ireland": "irlande", "jamaica": "jamaique", "bermuda": "bermudes",
    "fiji": "fidji", "singapore": "singapour", "hong-kong": "hong_kong",
    "roman-republic": "roman_republic_ancient",
}
SCRIPTS = {"japon": ("Japanese",), "hong_kong": ("Latin", "Chinese (Traditional)"),
           "athens": ("Greek",)}


class Currency(NamedTuple):
    id: int
    name: str
    full_name: str
    issuers: str
    units: str  # comma-separated unit roots counted in this currency
    eur: float  # rough value of one unit in EUR, for prices
    demonetized: str = ""  # demonetization date of its coins and notes


CURRENCIES = (
    Currency(59, "Dollar", "Dollar (1785-date)", "etats-unis", "Dollar,Cent", 0.93),
    Currency(44, "Dollar", "Dollar (1858-date)", "canada", "Dollar,Cent", 0.68),
    Currency(243, "Dollar", "Dollar (1966-date)", "australie", "Dollar,Cent", 0.61),
    Currency(94, "Dollar", "Dollar (1967-date)", "nouvelle-zelande", "Dollar,Cent", 0.56),
    Currency(101, "Pound sterling", "Pound sterling (decimal, 1971-date)", "royaume-uni",
             "Pound,Penny", 1.17),
    Currency(9006, "Euro", "Euro (2002-date)", "france allemagne espagne italie belgique pays-bas "
             "autriche irlande", "Euro,Euro Cent", 1.0),
    Currency(110, "New franc", "New franc (1960-2001)", "france", "Franc,Centime", 0.152,
             "2005-02-17"),
    Currency(133, "Deutsche Mark", "Deutsche Mark (1948-2001)", "allemagne",
             "Deutsche Mark,Pfennig", 0.511, "2001-12-31"),
    Currency(167, "Peso", "Nuevo peso (1993-date)", "mexique", "Peso,Centavo", 0.05),
    Currency(168, "Onza", "Troy ounce (bullion, 1982-date)", "mexique", "Onza", 0.0),
    Currency(152, "Yen", "Yen (1871-date)", "japon", "Yen", 0.0062),
    Currency(180, "Peseta", "Peseta (1869-2001)", "espagne", "Peseta", 0.006, "2002-02-28"),
    Currency(191, "Lira", "Lira (1946-2001)", "italie", "Lira", 0.000516, "2002-02-28"),
    Currency(204, "Franc", "Swiss franc (1850-date)", "suisse", "Franc,Rappen", 1.04),
    Currency(112, "Belgian franc", "Belgian franc (1832-2001)", "belgique", "Franc", 0.0248,
             "2002-02-28"),
    Currency(121, "Gulden", "Gulden (1817-2001)", "pays-bas", "Gulden,Cent", 0.454, "2002-01-28"),
    Currency(97, "Schilling", "Schilling (1945-2001)", "autriche", "Schilling", 0.0727,
             "2002-02-28"),
    Currency(140, "Pound", "Irish pound (decimal, 1971-2001)", "irlande", "Pound,Penny", 1.27,
             "2002-02-09"),
    Currency(226, "Dollar", "Dollar (1966-date)", "bahamas", "Dollar,Cent", 0.93),
    Currency(231, "Dollar", "Dollar (1969-date)", "jamaique", "Dollar,Cent", 0.006),
    Currency(236, "Dollar", "Dollar (1970-date)", "bermudes", "Dollar,Cent", 0.93),
    Currency(241, "Dollar", "Dollar (1969-date)", "fidji", "Dollar,Cent", 0.41),
    Currency(248, "Dollar", "Dollar (1847-date)", "liberia", "Dollar,Cent", 0.005),
    Currency(252, "Dollar", "Dollar (1980-2009)", "zimbabwe", "Dollar,Cent", 1e-15, "2009-04-12"),
    Currency(258, "Dollar", "Dollar (1967-date)", "singapour", "Dollar,Cent", 0.69),
    Currency(263, "Dollar", "Dollar (1863-date)", "hong_kong", "Dollar,Cent", 0.12),
    Currency(1201, "Attic drachm", "Attic drachm (510-38 BC)", "athens", "Drachm", 0.0),
    Currency(1230, "Denarius", "Denarius (211-31 BC)", "roman_republic_ancient", "Denarius", 0.0),
)
UNITS = {  # word in a title -> (unit root, how many roots it is worth)
    "Cent": ("Cent", Fraction(1, 100)), "Cents": ("Cent", Fraction(1, 100)),
    "Euro Cent": ("Euro Cent", Fraction(1, 100)), "Euro Cents": ("Euro Cent", Fraction(1, 100)),
    "Centime": ("Franc", Fraction(1, 100)), "Centimes": ("Franc", Fraction(1, 100)),
    "Penny": ("Penny", Fraction(1, 100)), "Pence": ("Penny", Fraction(1, 100)),
    "Pfennig": ("Pfennig", Fraction(1, 100)), "Rappen": ("Rappen", Fraction(1, 100)),
    "Centavos": ("Centavo", Fraction(1, 100)), "Obol": ("Drachm", Fraction(1, 6)),
    "Tetradrachm": ("Drachm", Fraction(4)), "Quinarius": ("Denarius", Fraction(1, 2)),
    "As": ("Denarius", Fraction(1, 10)), "Trillion Dollars": ("Dollar", Fraction(10**14)),
    "Lire": ("Lira", Fraction(1)),
}


class Ruler(NamedTuple):
    id: int
    name: str
    wikidata: str
    group: str
    start: int
    end: int
    legend: str  # portrait legend; empty when the ruler is not portrayed


WINDSOR = (("George V", "Q269412", 1910, 1936, "GEORGIVS V D·G·REX"),
           ("George VI", "Q280856", 1936, 1952, "GEORGIVS VI D·G·REX"),
           ("Elizabeth II", "Q9682", 1952, 2022, "ELIZABETH II D·G·REGINA"),
           ("Charles III", "Q43274", 2022, 9999, "CHARLES III D·G·REX"))
REALMS = {"canada": 9999, "australie": 9999, "royaume-uni": 9999, "nouvelle-zelande": 9999,
          "bahamas": 9999, "jamaique": 9999, "bermudes": 9999, "fidji": 9999, "hong_kong": 1997}
OTHER_RULERS = {  # issuer -> (name, wikidata, group, start, end, legend)
    "etats-unis": (("Federal republic", "Q30", "", 1776, 9999, ""),),
    "france": (("Fifth Republic", "Q200686", "Modern France", 1958, 9999, ""),),
    "allemagne": (("Federal Republic", "Q183", "", 1949, 9999, ""),),
    "mexique": (("United Mexican States", "Q96", "", 1905, 9999, ""),),
    "japon": (("Hirohito", "", "Imperial House of Japan", 1926, 1989, ""),
              ("Akihito", "", "Imperial House of Japan", 1989, 2019, ""),
              ("Naruhito", "", "Imperial House of Japan", 2019, 9999, "")),
    "espagne": (("Juan Carlos I", "Q19943", "House of Bourbon", 1975, 2014, "JUAN CARLOS I"),
                ("Felipe VI", "Q191045", "House of Bourbon", 2014, 9999, "FELIPE VI")),
    "italie": (("Italian Republic", "Q38", "", 1946, 9999, ""),),
    "suisse": (("Swiss Confederation", "Q39", "", 1848, 9999, ""),),
    "belgique": (("Baudouin", "", "House of Belgium", 1951, 1993, "BAUDOUIN I"),
                 ("Albert II", "", "House of Belgium", 1993, 2013, "ALBERT II"),
                 ("Philippe", "", "House of Belgium", 2013, 9999, "PHILIPPE")),
    "pays-bas": (("Juliana", "", "House of Orange-Nassau", 1948, 1980, "JULIANA"),
                 ("Beatrix", "", "House of Orange-Nassau", 1980, 2013, "BEATRIX"),
                 ("Willem-Alexander", "", "House of Orange-Nassau", 2013, 9999,
                  "WILLEM-ALEXANDER")),
    "autriche": (("Second Republic", "Q40", "", 1945, 9999, ""),),
    "irlande": (("Republic of Ireland", "Q27", "", 1937, 9999, ""),),
    "liberia": (("Republic of Liberia", "Q1014", "", 1847, 9999, ""),),
    "zimbabwe": (("Republic of Zimbabwe", "", "", 1980, 9999, ""),),
    "singapour": (("Republic of Singapore", "Q334", "", 1965, 9999, ""),),
    "hong_kong": (("Special Administrative Region", "", "", 1997, 9999, ""),),
}
RULER_GROUPS = {"House of Windsor": 825, "Modern France": 89, "Imperial House of Japan": 312,
                "House of Bourbon": 44, "House of Belgium": 213, "House of Orange-Nassau": 271}


def _ruler_table() -> dict[str, list[Ruler]]:
    """Give every (issuer, ruler) pair its own id, as Numista does."""
    table: dict[str, list[Ruler]] = {}
    next_id = 2001
    for code in ISSUERS:
        rows = [(n, w, "House of Windsor", s, min(e, REALMS[code]), lg)
                for n, w, s, e, lg in WINDSOR if code in REALMS and s < REALMS[code]]
        rows += OTHER_RULERS.get(code, ())
        table[code] = []
        for row in rows:
            table[code].append(Ruler(next_id, *row))
            next_id += 7
    return table


RULERS = _ruler_table()


class Mint(NamedTuple):
    key: str
    id: int
    name: str
    place: str
    country: str
    start: int
    end: int
    letter: str = ""


MINTS = {m.key: m for m in (
    Mint("P", 11, "United States Mint of Philadelphia", "Philadelphia", "etats-unis", 1792, 9999,
         "P"),
    Mint("D", 10, "United States Mint of Denver", "Denver", "etats-unis", 1906, 9999, "D"),
    Mint("S", 12, "United States Mint of San Francisco", "San Francisco", "etats-unis", 1854, 9999,
         "S"),
    Mint("W", 13, "United States Mint of West Point", "West Point", "etats-unis", 1984, 9999, "W"),
    Mint("O", 16, "United States Mint of New Orleans", "New Orleans", "etats-unis", 1838, 1909,
         "O"),
    Mint("CC", 17, "United States Mint of Carson City", "Carson City", "etats-unis", 1870, 1893,
         "CC"),
    Mint("OTT", 19, "Royal Canadian Mint of Ottawa", "Ottawa", "canada", 1908, 9999),
    Mint("WPG", 20, "Royal Canadian Mint of Winnipeg", "Winnipeg", "canada", 1976, 9999),
    Mint("PER", 21, "Perth Mint", "Perth", "australie", 1899, 9999),
    Mint("CBR", 22, "Royal Australian Mint", "Canberra", "australie", 1965, 9999),
    Mint("LLA", 23, "Royal Mint of Llantrisant", "Llantrisant", "royaume-uni", 1968, 9999),
    Mint("TWR", 24, "Royal Mint of Tower Hill", "London", "royaume-uni", 1810, 1975),
    Mint("PAR", 14, "Monnaie de Paris", "Paris", "france", 864, 9999),
    Mint("PES", 15, "Monnaie de Paris, Pessac", "Pessac", "france", 1973, 9999),
    Mint("BER", 31, "State Mint of Berlin", "Berlin", "allemagne", 1750, 9999, "A"),
    Mint("MUN", 30, "Bavarian Central Mint", "Munich", "allemagne", 1871, 9999, "D"),
    Mint("STU", 32, "State Mint of Stuttgart", "Stuttgart", "allemagne", 1871, 9999, "F"),
    Mint("KAR", 33, "State Mint of Karlsruhe", "Karlsruhe", "allemagne", 1871, 9999, "G"),
    Mint("HAM", 34, "Hamburg Mint", "Hamburg", "allemagne", 1875, 9999, "J"),
    Mint("MEX", 40, "Mexico City Mint", "Mexico City", "mexique", 1535, 9999, "Mo"),
    Mint("OSA", 41, "Japan Mint", "Osaka", "japon", 1871, 9999),
    Mint("MAD", 43, "Royal Mint of Spain", "Madrid", "espagne", 1893, 9999),
    Mint("ROM", 44, "Italian State Mint", "Rome", "italie", 1911, 9999, "R"),
    Mint("BRN", 45, "Swissmint", "Bern", "suisse", 1855, 9999, "B"),
    Mint("BRU", 46, "Royal Belgian Mint", "Brussels", "belgique", 1832, 2017),
    Mint("UTR", 47, "Royal Dutch Mint", "Utrecht", "pays-bas", 1567, 9999),
    Mint("VIE", 48, "Austrian Mint", "Vienna", "autriche", 1194, 9999),
    Mint("SAN", 49, "Currency Centre", "Sandyford", "irlande", 1978, 9999),
    Mint("SGP", 51, "Singapore Mint", "Singapore", "singapour", 1968, 9999),
    Mint("POB", 52, "Pobjoy Mint", "Kingswood", "royaume-uni", 1965, 9999),
    Mint("FRK", 53, "Franklin Mint", "Wawa", "etats-unis", 1964, 9999),
    Mint("BIR", 54, "Birmingham Mint", "Birmingham", "royaume-uni", 1850, 2003),
    Mint("VAL", 55, "Valcambi", "Balerna", "suisse", 1961, 9999),
    Mint("MAY", 56, "B.H. Mayer's Mint", "Pforzheim", "allemagne", 1871, 9999),
    Mint("ATH", 901, "Athens", "Athens", "athens", -520, -38),
    Mint("RMA", 902, "Rome", "Rome", "roman_republic_ancient", -289, -31),
)}
MINT_EXTRAS = {  # key -> optional mint fields
    "MUN": {"local_name": "Bayerisches Hauptmünzamt"},
    "BER": {"local_name": "Staatliche Münze Berlin"},
    "STU": {"local_name": "Staatliche Münzen Baden-Württemberg"},
    "HAM": {"local_name": "Hamburgische Münze"},
    "MEX": {"local_name": "Casa de Moneda de México"}, "OSA": {"local_name": "造幣局"},
    "MAD": {"local_name": "Fábrica Nacional de Moneda y Timbre"},
    "ROM": {"local_name": "Istituto Poligrafico e Zecca dello Stato"},
    "BRN": {"local_name": "Eidgenössische Münzstätte"},
    "VIE": {"local_name": "Münze Österreich"},
    "BRU": {"local_name": "Koninklijke Munt van België"},
    "UTR": {"local_name": "Koninklijke Nederlandse Munt"},
    "ATH": {"nomisma_id": "athens", "wikidata_id": "Q1524"},
    "RMA": {"nomisma_id": "rome", "wikidata_id": "Q220"},
}
PRINTERS = {"BEP": (601, "Bureau of Engraving and Printing"), "CBN": (602, "Canadian Bank Note"),
            "BAI": (603, "BA International"), "NPA": (604, "Note Printing Australia"),
            "DLR": (605, "De La Rue"), "BDF": (606, "Banque de France"),
            "BDR": (607, "Bundesdruckerei"), "GD": (608, "Giesecke+Devrient"),
            "NPB": (609, "National Printing Bureau"), "BXM": (610, "Banco de México"),
            "FNMT": (611, "Fábrica Nacional de Moneda y Timbre"), "BDI": (612, "Banca d'Italia"),
            "ORF": (613, "Orell Füssli"), "NBB": (614, "National Bank of Belgium"),
            "JEZ": (615, "Joh. Enschedé"), "OBS": (616, "Oesterreichische Banknotendruckerei"),
            "CBI": (617, "Central Bank of Ireland"), "FPR": (618, "Fidelity Printers"),
            "HKN": (619, "Hong Kong Note Printing")}
ENTITIES = {  # issuer -> issuing entity of its banknotes (and of some coins)
    "etats-unis": (301, "Federal Reserve System", "Q53536"), "canada": (302, "Bank of Canada", ""),
    "australie": (303, "Reserve Bank of Australia", ""),
    "royaume-uni": (304, "Bank of England", ""),
    "france": (305, "Banque de France", ""), "allemagne": (306, "Deutsche Bundesbank", ""),
    "mexique": (307, "Banco de México", ""), "japon": (308, "Bank of Japan", ""),
    "nouvelle-zelande": (309, "Reserve Bank of New Zealand", ""),
    "espagne": (310, "Banco de España", ""), "italie": (311, "Banca d'Italia", ""),
    "suisse": (312, "Swiss National Bank", ""), "belgique": (313, "National Bank of Belgium", ""),
    "pays-bas": (314, "De Nederlandsche Bank", ""),
    "autriche": (315, "Oesterreichische Nationalbank", ""),
    "irlande": (316, "Central Bank of Ireland", ""),
    "bahamas": (317, "Central Bank of The Bahamas", ""), "jamaique": (318, "Bank of Jamaica", ""),
    "bermudes": (319, "Bermuda Monetary Authority", ""), "fidji": (320, "Reserve Bank of Fiji", ""),
    "liberia": (321, "Central Bank of Liberia", ""),
    "zimbabwe": (322, "Reserve Bank of Zimbabwe", ""),
    "singapour": (323, "Monetary Authority of Singapore", ""),
    "hong_kong": (324, "Hong Kong Monetary Authority", ""),
}
COIN_ENTITY_ISSUERS = ("mexique", "bahamas", "jamaique", "bermudes", "fidji", "liberia",
                       "zimbabwe", "singapour", "hong_kong")
UNDATED_NOTE_ISSUERS = ("royaume-uni", "japon", "bahamas", "fidji", "singapour")

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

OBJECT_TYPES = {  # kind -> (id, name, category)
    "circ": (1, "Standard circulation coins", "coin"),
    "comm": (2, "Circulating commemorative coins", "coin"),
    "ncl": (3, "Non-circulating coins", "coin"),
    "bull": (20, "Bullion coins", "coin"),
    "note": (14, "Standard banknotes", "banknote"),
    "cnote": (15, "Commemorative banknotes", "banknote"),
    "medal": (149, "Medals", "exonumia"),
    "cmedal": (135, "Commemorative medals", "exonumia"),
    "fantasy": (8, "Fantasy coins", "exonumia"),
    "token": (220, "Mint tokens", "exonumia"),
    "medallion": (219, "Collector medallions", "exonumia"),
}
COMPOSITIONS = {  # key -> (material id for the search filter, composition text, fineness)
    "bronze": (4, "Bronze", 0.0), "zinc": (13, "Copper plated zinc", 0.0),
    "cn": (3, "Copper-nickel", 0.0), "clad": (3, "Copper-nickel clad copper", 0.0),
    "nicn": (3, "Nickel clad copper-nickel", 0.0), "ni": (17, "Nickel", 0.0),
    "ag": (1, "Silver", 0.95), "ag500": (1, "Silver (.500)", 0.5),
    "ag800": (1, "Silver (.800)", 0.8), "ag835": (1, "Silver (.835)", 0.835),
    "ag900": (1, "Silver (.900)", 0.9), "ag925": (1, "Silver (.925)", 0.925),
    "ag999": (1, "Silver (.999)", 0.999), "ag9999": (1, "Silver (.9999)", 0.9999),
    "au917": (2, "Gold (.9167)", 0.9167), "au9999": (2, "Gold (.9999)", 0.9999),
    "al": (9, "Aluminium", 0.0), "albr": (10, "Aluminium-bronze", 0.0),
    "brass": (16, "Brass", 0.0), "nibr": (8, "Nickel-brass", 0.0),
    "mnbr": (8, "Manganese brass", 0.0), "aureate": (8, "Aureate-bronze plated nickel", 0.0),
    "steel": (5, "Stainless steel", 0.0), "custeel": (14, "Copper-plated steel", 0.0),
    "brsteel": (14, "Brass-plated steel", 0.0), "nisteel": (15, "Nickel-plated steel", 0.0),
    "nordic": (18, "Nordic gold", 0.0),
    "bimet": (11, "Bimetallic: nickel-brass centre in copper-nickel ring", 0.0),
    "bimet2": (11, "Bimetallic: copper-nickel centre in nickel-brass ring", 0.0),
    "paper": (6, "Paper", 0.0), "polymer": (7, "Polymer", 0.0),
}
SHAPE_BY_CATEGORY = {"coin": "Round", "banknote": "Rectangular", "exonumia": "Round"}

DESIGNS_TABLE = """
@etats-unis
circ | 1 Cent "Lincoln Wheat Ears Cent" | 1909..1958 | bronze | 19.05 3.11 1.52 | P D S
    | Lincoln cent
circ | 1 Cent "Lincoln Memorial Cent" | 1959..2024 | zinc | 19.05 2.5 1.52 | P D S | Lincoln cent
circ | 5 Cents "Buffalo Nickel" | 1913..1938 | cn | 21.2 5 1.95 | P D S
circ | 5 Cents "Jefferson Nickel" | 1938..2024 | cn | 21.21 5 1.95 | P D S | Jefferson nickel
circ | 10 Cents "Mercury Dime" | 1916..1945 | ag900 | 17.9 2.5 1.35 | P D S
circ | 10 Cents "Roosevelt Dime" | 1965..2024 | clad | 17.91 2.268 1.35 | P D S
circ | ¼ Dollar "Washington Quarter" | 1965..1998 | clad | 24.26 5.67 1.75 | P D S
circ | ½ Dollar "Franklin Half Dollar" | 1948..1963 | ag900 | 30.61 12.5 2.15 | P D S
circ | ½ Dollar "Kennedy Half Dollar" | 1971..2024 | clad | 30.61 11.34 2.15 | P D S
circ | 1 Dollar "Morgan Dollar" | 1878..1904 | ag900 | 38.1 26.73 2.4 | P O CC S
circ | 1 Dollar "Peace Dollar" | 1921..1935 | ag900 | 38.1 26.73 2.4 | P D S
circ | 1 Dollar "Eisenhower Dollar" | 1971..1978 | clad | 38.1 22.68 2.58 | P D S
circ | 1 Dollar "Susan B. Anthony Dollar" | 1979..1999 | clad | 26.5 8.1 2 | P D S
circ | 1 Dollar "Sacagawea Dollar" | 2000..2008 | mnbr | 26.5 8.1 2 | P D S | Golden dollars
comm | ¼ Dollar "Washington Quarter" ({topic}) | 1999..2008 | clad | 24.26 5.67 1.75 | P D S
    | 50 State Quarters
comm | ¼ Dollar "Washington Quarter" ({topic}) | 2009 | clad | 24.26 5.67 1.75 | P D S
    | D.C. and Territories Quarters
comm | ¼ Dollar "Washington Quarter" ({topic}) | 2010..2013 | clad | 24.26 5.67 1.75 | P D S
    | America the Beautiful Quarters
comm | 1 Dollar "Presidential Dollar" ({topic}) | 2007..2011 | mnbr | 26.5 8.1 2 | P D S
    | Presidential dollars
comm | 1 Dollar "Native American Dollar" ({topic}) | 2009..2020 | mnbr | 26.5 8.1 2 | P D S
    | Native American dollars
ncl | 1 Dollar ({topic}) | 1983..2022 | ag900 | 38.1 26.73 2.58 | P S W | US commemorative dollars
bull | 1 Dollar "American Silver Eagle" (Bullion Coin) | 1986..2021 | ag999 | 40.6 31.103 2.98
    | P S W | American Eagle
bull | 50 Dollars "American Gold Eagle" | 1986..2024 | au917 | 32.7 33.931 2.87 | W | American Eagle
note | 1 Dollar (Federal Reserve Note; Washington) | 1963..2021 | paper | 156 66 | BEP | Federal Reserve Notes
note | 2 Dollars (Federal Reserve Note; Jefferson) | 1976..2017 | paper | 156 66 | BEP | Federal Reserve Notes
note | 5 Dollars (Federal Reserve Note; Lincoln) | 2006..2021 | paper | 156 66 | BEP
    | Federal Reserve Notes
note | 10 Dollars (Federal Reserve Note; Hamilton) | 2004..2017 | paper | 156 66 | BEP
    | Federal Reserve Notes
note | 20 Dollars (Federal Reserve Note; Jackson) | 2004..2017 | paper | 156 66 | BEP
    | Federal Reserve Notes
note | 50 Dollars (Federal Reserve Note; Grant) | 2004..2017 | paper | 156 66 | BEP
    | Federal Reserve Notes
note | 100 Dollars (Federal Reserve Note; Franklin) | 2009..2021 | paper | 156 66 | BEP
    | Federal Reserve Notes
cmedal | Medal - {topic} | 2007..2014 | bronze | 38.1 26 | P | First Spouse medals
@canada
circ | 1 Cent - George V | 1920..1936 | bronze | 19.05 3.24 1.65 | OTT
circ | 1 Cent - George VI | 1937..1952 | bronze | 19.05 3.24 1.65 | OTT
circ | 1 Cent - Elizabeth II (Maple Twig) | 1953..2012 | bronze | 19.05 2.5 1.45 | OTT WPG
    | Canadian cent
circ | 5 Cents - Elizabeth II (Beaver) | 1953..2022 | ni | 21.2 4.54 1.76 | OTT WPG
circ | 10 Cents - Elizabeth II (Bluenose) | 1953..2022 | ni | 18.03 2.07 1.22 | OTT WPG
circ | 25 Cents - Elizabeth II (Caribou) | 1953..2022 | ni | 23.88 5.05 1.6 | OTT WPG
circ | 1 Dollar - Elizabeth II (Voyageur) | 1968..1986 | ni | 32.13 15.62 2.62 | OTT
circ | 1 Dollar - Elizabeth II (Loon) | 1987..2022 | aureate | 26.5 7 1.95 | OTT WPG
    | | Hendecagonal (11-sided)
circ | 2 Dollars - Elizabeth II (Polar Bear) | 1996..2022 | bimet | 28 7.3 1.8 | OTT WPG
comm | 25 Cents - {ruler} ({topic}) | 1992 | ni | 23.88 5.05 1.6 | OTT WPG | Canada 125
ncl | 1 Dollar - {ruler} ({topic}) | 1971..2004 | ag500 | 36.07 23.33 2.95 | OTT
    | Canadian silver dollars
bull | 5 Dollars - Elizabeth II "Silver Maple Leaf" | 1988..2022 | ag9999 | 38 31.11 3.29 | OTT
    | Maple Leaf
bull | 50 Dollars - Elizabeth II "Gold Maple Leaf" | 1979..2022 | au9999 | 30 31.11 2.8 | OTT
    | Maple Leaf
note | 1 Dollar - Elizabeth II (Parliament) | 1973..1989 | paper | 152 70 | CBN BAI
    | Scenes of Canada
note | 2 Dollars - Elizabeth II (Inuit hunters) | 1974..1986 | paper | 152 70 | CBN BAI
    | Scenes of Canada
note | 5 Dollars (Kingfisher) | 1986..2001 | paper | 152 70 | CBN BAI | Birds of Canada
note | 20 Dollars - Elizabeth II (Canadian Journey) | 2004..2012 | paper | 152 70 | CBN BAI
    | Canadian Journey
note | 5 Dollars (Frontier) | 2013..2021 | polymer | 152.4 69.85 | CBN | Frontier
cnote | 10 Dollars - Elizabeth II (Canada 150) | 2017 | polymer | 152.4 69.85 | CBN
cnote | 10 Dollars (Viola Desmond) | 2018 | polymer | 152.4 69.85 | CBN
token | Mint token - {topic} | 1990..2010 | nibr | 28 7 | WPG | Mint visitor tokens
@australie
circ | 1 Cent - Elizabeth II (Feather-tailed Glider) | 1966..1991 | bronze | 17.53 2.6 1.4 | CBR PER
circ | 2 Cents - Elizabeth II (Frilled-neck Lizard) | 1966..1991 | bronze | 21.59 5.2 1.8 | CBR PER
circ | 5 Cents - Elizabeth II (Echidna) | 1966..2022 | cn | 19.41 2.83 1.3 | CBR
circ | 10 Cents - Elizabeth II (Lyrebird) | 1966..2022 | cn | 23.6 5.65 1.9 | CBR
circ | 20 Cents - Elizabeth II (Platypus) | 1966..2022 | cn | 28.52 11.3 2.5 | CBR
circ | 50 Cents - Elizabeth II (Coat of Arms) | 1969..2022 | cn | 31.51 15.55 2 | CBR
    | | Dodecagonal (12-sided)
circ | 1 Dollar - Elizabeth II (Kangaroos) | 1984..2022 | albr | 25 9 2.8 | CBR
circ | 2 Dollars - Elizabeth II (Aboriginal Elder) | 1988..2022 | albr | 20.5 6.6 3 | CBR
comm | 1 Dollar - {ruler} ({topic}) | 2001..2016 | albr | 25 9 2.8 | CBR
    | Australian commemorative dollars
comm | 50 Cents - {ruler} ({topic}) | 1994..2019 | cn | 31.51 15.55 2 | CBR | Australian 50 cents
    | Dodecagonal (12-sided)
ncl | 1 Dollar - {ruler} ({topic}) | 2008..2019 | ag999 | 40.6 31.1 3.2 | PER | Lunar Series
bull | 1 Dollar - Elizabeth II (Kookaburra) | 1990..2022 | ag999 | 40.6 31.135 4 | PER
    | Australian Kookaburra
bull | 100 Dollars - Elizabeth II (Gold Nugget) | 1987..2022 | au9999 | 32.1 31.16 2.65 | PER
    | Australian Nugget
note | 1 Dollar - Elizabeth II | 1966..1982 | paper | 140 70 | NPA | First decimal series
note | 5 Dollars - Elizabeth II | 1992..2015 | polymer | 130 65 | NPA | Polymer series
note | 10 Dollars (Banjo Paterson) | 1993..2015 | polymer | 137 65 | NPA | Polymer series
note | 20 Dollars (Mary Reibey) | 1994..2016 | polymer | 144 65 | NPA | Polymer series
note | 50 Dollars (David Unaipon) | 1995..2017 | polymer | 151 65 | NPA | Polymer series
note | 100 Dollars (Nellie Melba) | 1996..2019 | polymer | 158 65 | NPA | Polymer series
token | Mint token - {topic} | 1988..2000 | albr | 30 11 | CBR | Royal Australian Mint tokens
@nouvelle-zelande
circ | 1 Cent - Elizabeth II (Silver Fern) | 1967..1987 | bronze | 17.53 2.07 1.3 | LLA
circ | 10 Cents - Elizabeth II (Koruru) | 1967..2006 | cn | 23.62 5.66 1.9 | LLA
circ | 50 Cents - Elizabeth II (Endeavour) | 1967..2006 | cn | 31.75 13.61 2.6 | LLA
circ | 1 Dollar - Elizabeth II (Kiwi) | 1991..2022 | albr | 23 8 2.7 | LLA
ncl | 1 Dollar - {ruler} ({topic}) | 1970..1998 | cn | 38.74 27.22 2.8 | LLA
    | New Zealand commemorative dollars
note | 5 Dollars (Edmund Hillary) | 1999..2014 | polymer | 135 65 | NPA | Polymer series
note | 10 Dollars (Kate Sheppard) | 1999..2014 | polymer | 140 68 | NPA | Polymer series
note | 20 Dollars - Elizabeth II | 1999..2014 | polymer | 145 70 | NPA | Polymer series
@royaume-uni
circ | 1 Penny - George VI | 1937..1952 | bronze | 30.8 9.45 1.9 | TWR
circ | 1 Penny - Elizabeth II | 1971..2022 | bronze | 20.32 3.56 1.52 | TWR LLA | Decimal coinage
circ | 2 Pence - Elizabeth II | 1971..2022 | bronze | 25.91 7.12 1.85 | LLA | Decimal coinage
circ | 5 Pence - Elizabeth II | 1990..2022 | cn | 18 3.25 1.7 | LLA | Decimal coinage
circ | 10 Pence - Elizabeth II | 1992..2022 | cn | 24.5 6.5 1.85 | LLA | Decimal coinage
circ | 20 Pence - Elizabeth II | 1982..2022 | cn | 21.4 5 1.7 | LLA | Decimal coinage
    | Heptagonal (7-sided)
circ | 50 Pence - Elizabeth II (Britannia) | 1997..2022 | cn | 27.3 8 1.78 | LLA | Decimal coinage
    | Heptagonal (7-sided)
circ | 1 Pound - Elizabeth II (Royal Arms) | 1983..2016 | nibr | 22.5 9.5 3.15 | LLA
    | Decimal coinage
circ | 1 Pound - Elizabeth II (Floral Emblems) | 2016..2022 | bimet | 23.43 8.75 2.8 | LLA
    | Decimal coinage | Dodecagonal (12-sided)
circ | 2 Pounds - Elizabeth II (Technology) | 1997..2015 | bimet2 | 28.4 12 2.5 | LLA
    | Decimal coinage
comm | 50 Pence - {ruler} ({topic}) | 1973..2023 | cn | 27.3 8 1.78 | LLA | British 50 pence
    | Heptagonal (7-sided)
comm | 2 Pounds - {ruler} ({topic}) | 1986..2015 | bimet2 | 28.4 12 2.5 | LLA | British 2 pounds
ncl | 5 Pounds - {ruler} ({topic}) | 1990..2022 | cn | 38.61 28.28 2.89 | LLA | British crowns
bull | 2 Pounds - Elizabeth II (Britannia) | 1998..2022 | ag999 | 38.61 31.21 3 | LLA | Britannia
bull | 100 Pounds - Elizabeth II (Britannia) | 1987..2022 | au9999 | 32.69 31.21 2.7 | LLA
    | Britannia
note | 5 Pounds (Elizabeth Fry) | 2002..2016 | paper | 135 70 | DLR | Series E
note | 10 Pounds (Charles Darwin) | 2000..2017 | paper | 142 75 | DLR | Series E
note | 20 Pounds (Adam Smith) | 2007..2020 | paper | 149 80 | DLR | Series F
note | 50 Pounds (Boulton and Watt) | 2011..2022 | paper | 156 85 | DLR | Series F
note | 5 Pounds (Winston Churchill) | 2016..2022 | polymer | 125 65 | DLR | Series G
cmedal | Medal - {topic} | 1977..2012 | cn | 38.6 28 | LLA | Royal Mint medals
@france
circ | 20 Centimes (Marianne) | 1962..2001 | albr | 23.5 4 1.45 | PAR PES
circ | 1 Franc (Semeuse) | 1960..2001 | ni | 24 6 1.7 | PAR PES | New franc coinage
circ | 5 Francs (Semeuse) | 1970..2001 | nicn | 29 10 2.15 | PAR PES | New franc coinage
circ | 10 Francs (Génie de la Bastille) | 1988..2001 | bimet | 23 6.5 2.1 | PAR PES
circ | 1 Euro Cent | 1999..2024 | custeel | 16.25 2.3 1.67 | PES | Euro coinage
circ | 10 Euro Cents | 1999..2024 | nordic | 19.75 4.1 1.93 | PES | Euro coinage
circ | 1 Euro | 1999..2024 | bimet2 | 23.25 7.5 2.33 | PES | Euro coinage
circ | 2 Euros | 1999..2024 | bimet | 25.75 8.5 2.2 | PES | Euro coinage
comm | 2 Euros ({topic}) | 2008..2024 | bimet | 25.75 8.5 2.2 | PES | French 2 euro commemoratives
ncl | 10 Euros ({topic}) | 2010..2012 | ag900 | 29 10 1.6 | PAR | French regions
note | 20 Francs (Debussy) | 1980..1997 | paper | 140 75 | BDF
note | 50 Francs (Saint-Exupéry) | 1992..1999 | paper | 123 80 | BDF
note | 100 Francs (Cézanne) | 1997..1998 | paper | 133 80 | BDF
note | 200 Francs (Eiffel) | 1995..1999 | paper | 143 80 | BDF
note | 500 Francs (Pierre and Marie Curie) | 1994..2000 | paper | 153 80 | BDF
medal | Medal - {topic} | 1975..2015 | bronze | 68 150 5 | PAR | Monnaie de Paris art medals
@allemagne
circ | 1 Pfennig | 1948..2001 | custeel | 16.5 2 1.38 | BER MUN STU KAR HAM | Deutsche Mark coinage
circ | 10 Pfennig | 1949..2001 | brsteel | 21.5 4 1.7 | BER MUN STU KAR HAM | Deutsche Mark coinage
circ | 1 Deutsche Mark | 1950..2001 | cn | 23.5 5.5 1.75 | BER MUN STU KAR HAM
    | Deutsche Mark coinage
circ | 2 Deutsche Mark (Konrad Adenauer) | 1969..1987 | nicn | 26.75 7 1.79 | BER MUN STU KAR HAM
circ | 5 Deutsche Mark | 1975..2001 | nicn | 29 10 2.25 | BER MUN STU KAR HAM
    | Deutsche Mark coinage
circ | 1 Euro Cent | 2002..2024 | custeel | 16.25 2.3 1.67 | BER MUN STU KAR HAM | Euro coinage
circ | 50 Euro Cents | 2002..2024 | nordic | 24.25 7.8 2.38 | BER MUN STU KAR HAM | Euro coinage
circ | 2 Euros | 2002..2024 | bimet | 25.75 8.5 2.2 | BER MUN STU KAR HAM | Euro coinage
comm | 2 Euros ({topic}) | 2006..2022 | bimet | 25.75 8.5 2.2 | BER MUN STU KAR HAM | German states
ncl | 10 Euro ({topic}) | 2002..2015 | ag925 | 32.5 18 2.2 | BER MUN STU KAR HAM | German 10 euro
note | 5 Deutsche Mark (Bettina von Arnim) | 1991 | paper | 122 62 | BDR GD
note | 10 Deutsche Mark (Carl Friedrich Gauss) | 1989..1999 | paper | 130 65 | BDR GD
note | 20 Deutsche Mark (Annette von Droste-Hülshoff) | 1991..1993 | paper | 138 68 | BDR GD
note | 50 Deutsche Mark (Balthasar Neumann) | 1989..1996 | paper | 146 71 | BDR GD
note | 100 Deutsche Mark (Clara Schumann) | 1989..1996 | paper | 154 74 | BDR GD
medal | Medal - {topic} | 1990..2012 | ag999 | 40 20 2.5 | MAY | German medals
@mexique
circ | 1 Peso (José María Morelos) | 1970..1983 | cn | 29 9 2.3 | MEX
circ | 10 Centavos | 1992..2009 | steel | 14 1.755 1.4 | MEX | Nuevo peso coinage
circ | 1 Peso | 1992..2024 | bimet | 21 3.95 1.9 | MEX | Nuevo peso coinage
circ | 5 Pesos | 1992..2024 | bimet | 25.5 7.07 2 | MEX | Nuevo peso coinage
circ | 10 Pesos | 1997..2024 | bimet | 28 10.33 2.2 | MEX | Nuevo peso coinage
comm | 5 Pesos ({topic}) | 2008..2010 | bimet | 25.5 7.07 2 | MEX | Bicentennial of Independence
ncl | 100 Pesos ({topic}) | 2003..2005 | ag925 | 39 33.94 2.9 | MEX | Mexican states
bull | 1 Onza "Libertad" | 1982..2024 | ag999 | 40 31.1 3.2 | MEX | Libertad
note | 20 Pesos (Benito Juárez) | 2006..2020 | polymer | 120 66 | BXM
note | 50 Pesos (José María Morelos) | 2004..2020 | polymer | 127 66 | BXM
note | 100 Pesos (Nezahualcóyotl) | 2004..2019 | paper | 134 66 | BXM
note | 200 Pesos (Sor Juana Inés de la Cruz) | 2007..2019 | paper | 141 66 | BXM
note | 500 Pesos (Diego Rivera and Frida Kahlo) | 2010..2017 | paper | 148 66 | BXM
@japon
circ | 1 Yen | 1955..2024 | al | 20 1 1.5 | OSA
circ | 5 Yen | 1959..2024 | brass | 22 3.75 1.5 | OSA | | Round with a round hole
circ | 10 Yen | 1959..2024 | bronze | 23.5 4.5 1.5 | OSA
circ | 50 Yen | 1967..2024 | cn | 21 4 1.7 | OSA | | Round with a round hole
circ | 100 Yen | 1967..2024 | cn | 22.6 4.8 1.7 | OSA
circ | 500 Yen (Paulownia) | 1982..1999 | cn | 26.5 7.2 1.8 | OSA
circ | 500 Yen (Paulownia; nickel-brass) | 2000..2021 | nibr | 26.5 7 1.8 | OSA
comm | 500 Yen ({topic}) | 2008..2016 | bimet | 26.5 7.1 1.8 | OSA | 47 Prefectures
ncl | 1000 Yen ({topic}) | 2008..2016 | ag999 | 40 31.1 2.9 | OSA | 47 Prefectures
note | 1000 Yen (Noguchi Hideyo) | 2004..2024 | paper | 150 76 | NPB
note | 5000 Yen (Higuchi Ichiyō) | 2004..2024 | paper | 156 76 | NPB
note | 10000 Yen (Fukuzawa Yukichi) | 2004..2024 | paper | 160 76 | NPB
cmedal | Medal - {topic} | 1990..2010 | ag999 | 40 30 | OSA | Japan Mint medals
@espagne
circ | 1 Peseta - Juan Carlos I | 1975..1980 | albr | 21 3.5 1.7 | MAD
circ | 100 Pesetas - Juan Carlos I | 1982..2001 | albr | 24.5 9.25 2.5 | MAD
circ | 500 Pesetas - Juan Carlos I | 1987..2001 | albr | 28 12 2.5 | MAD
circ | 1 Euro Cent - Juan Carlos I | 1999..2014 | custeel | 16.25 2.3 1.67 | MAD | Euro coinage
circ | 2 Euros - Juan Carlos I | 1999..2014 | bimet | 25.75 8.5 2.2 | MAD | Euro coinage
circ | 1 Euro - Felipe VI | 2015..2024 | bimet2 | 23.25 7.5 2.33 | MAD | Euro coinage
comm | 2 Euros - {ruler} ({topic}) | 2010..2024 | bimet | 25.75 8.5 2.2 | MAD
    | UNESCO World Heritage Sites
ncl | 10 Euro - {ruler} ({topic}) | 2002..2012 | ag925 | 40 27 | MAD | Spanish 10 euro
note | 1000 Pesetas (Hernán Cortés and Francisco Pizarro) | 1992 | paper | 130 65 | FNMT
note | 5000 Pesetas (Christopher Columbus) | 1992 | paper | 136 70 | FNMT
@italie
circ | 100 Lire | 1955..1989 | steel | 27.8 8 1.95 | ROM
circ | 500 Lire | 1982..2001 | bimet2 | 25.8 6.8 1.8 | ROM
circ | 1 Euro Cent | 2002..2024 | custeel | 16.25 2.3 1.67 | ROM | Euro coinage
circ | 2 Euros (Dante Alighieri) | 2002..2024 | bimet | 25.75 8.5 2.2 | ROM | Euro coinage
comm | 2 Euros ({topic}) | 2004..2023 | bimet | 25.75 8.5 2.2 | ROM | Italian 2 euro commemoratives
ncl | 5 Euro ({topic}) | 2003..2012 | ag925 | 32 18 | ROM | Italian 5 euro
note | 1000 Lire (Maria Montessori) | 1990..1998 | paper | 112 61 | BDI
note | 50000 Lire (Gian Lorenzo Bernini) | 1992..1999 | paper | 156 78 | BDI
@suisse
circ | 5 Rappen | 1981..2024 | albr | 17.15 1.8 1.25 | BRN
circ | 20 Rappen | 1939..2024 | cn | 21.05 4 1.65 | BRN
circ | 1 Franc (Helvetia standing) | 1968..2024 | cn | 23.2 4.4 1.55 | BRN
circ | 5 Francs (Alpine herdsman) | 1968..2024 | cn | 31.45 13.2 2.35 | BRN
ncl | 20 Francs ({topic}) | 1991..2012 | ag835 | 33 20 2.3 | BRN | Swiss commemoratives
ncl | 10 Francs ({topic}) | 2004..2012 | bimet | 33 15 | BRN | Swiss bimetallic commemoratives
note | 10 Francs (Le Corbusier) | 1995..2016 | paper | 126 74 | ORF | Eighth series
note | 20 Francs (Arthur Honegger) | 1995..2016 | paper | 137 74 | ORF | Eighth series
note | 50 Francs (Sophie Taeuber-Arp) | 1995..2016 | paper | 148 74 | ORF | Eighth series
medallion | Medallion - {topic} | 2000..2010 | ag999 | 35 20 | VAL | Swiss medallions
@belgique
circ | 1 Franc - Baudouin (Belgique) | 1951..1988 | cn | 21 4 1.55 | BRU
circ | 5 Francs - Baudouin | 1986..1993 | nibr | 20 5.5 | BRU
circ | 20 Francs - Albert II | 1994..2001 | nibr | 23 8 | BRU
circ | 1 Euro Cent - Albert II | 1999..2007 | custeel | 16.25 2.3 1.67 | BRU | Euro coinage
circ | 2 Euros - Philippe | 2014..2024 | bimet | 25.75 8.5 2.2 | BRU UTR | Euro coinage
comm | 2 Euros - {ruler} ({topic}) | 2005..2024 | bimet | 25.75 8.5 2.2 | BRU UTR
    | Belgian 2 euro commemoratives
note | 100 Francs (James Ensor) | 1995..2001 | paper | 138 76 | NBB
@pays-bas
circ | 1 Cent - Juliana | 1950..1980 | bronze | 17 2 | UTR
circ | 10 Cents - Juliana | 1950..1980 | ni | 15 1.5 | UTR
circ | 1 Gulden - Beatrix | 1982..2001 | ni | 25 6 1.8 | UTR
circ | 2½ Gulden - Beatrix | 1982..2001 | ni | 29 10 2.2 | UTR
circ | 5 Euro Cents - Beatrix | 1999..2013 | custeel | 21.25 3.92 1.67 | UTR | Euro coinage
circ | 2 Euros - Willem-Alexander | 2014..2024 | bimet | 25.75 8.5 2.2 | UTR | Euro coinage
ncl | 5 Euro - {ruler} ({topic}) | 2003..2012 | ag925 | 29 11.9 | UTR | Dutch 5 euro
note | 100 Gulden (Little owl) | 1977..1992 | paper | 155 75 | JEZ
note | 50 Gulden (Sunflower) | 1982..1999 | paper | 148 76 | JEZ
@autriche
circ | 1 Schilling | 1959..2001 | albr | 22.5 4.2 1.6 | VIE
circ | 10 Schilling | 1974..2001 | nicn | 26 6.2 1.7 | VIE
circ | 10 Euro Cents | 2002..2024 | nordic | 19.75 4.1 1.93 | VIE | Euro coinage
circ | 2 Euros (Bertha von Suttner) | 2002..2024 | bimet | 25.75 8.5 2.2 | VIE | Euro coinage
ncl | 10 Euro ({topic}) | 2002..2009 | ag925 | 32 17.3 | VIE | Austrian castles
bull | 1½ Euro "Vienna Philharmonic" | 2008..2024 | ag999 | 37 31.103 3.2 | VIE
    | Vienna Philharmonic
bull | 100 Euro "Vienna Philharmonic" | 2002..2024 | au9999 | 37 31.103 2 | VIE
    | Vienna Philharmonic
note | 100 Schilling (Eugen Böhm von Bawerk) | 1984 | paper | 146 72 | OBS
note | 500 Schilling (Rosa Mayreder) | 1997 | paper | 160 75 | OBS
medallion | Medallion - {topic} | 2002..2010 | ag999 | 36 20 | VIE | Austrian medallions
@irlande
circ | 1 Penny (Hen) | 1971..2000 | bronze | 20.32 3.56 1.52 | LLA SAN
circ | 1 Pound (Red deer) | 1990..2000 | cn | 31.1 10 2.5 | SAN
circ | 5 Euro Cent (Harp) | 2002..2024 | custeel | 21.25 3.92 1.67 | SAN | Euro coinage
circ | 2 Euros (Harp) | 2002..2024 | bimet | 25.75 8.5 2.2 | SAN | Euro coinage
comm | 2 Euros ({topic}) | 2007..2022 | bimet | 25.75 8.5 2.2 | SAN | Irish 2 euro commemoratives
ncl | 15 Euro ({topic}) | 2003..2012 | ag925 | 38.6 28.28 | SAN | Irish commemoratives
note | 5 Pounds (Catherine McAuley) | 1994..1999 | paper | 128 65 | CBI
note | 20 Pounds (Daniel O'Connell) | 1992..1999 | paper | 144 74 | CBI
@bahamas
circ | 1 Cent - Elizabeth II (Starfish) | 1966..2006 | bronze | 19 3.1 1.5 | FRK LLA
circ | 10 Cents - Elizabeth II (Bonefish) | 1966..2007 | cn | 20 4.5 1.6 | FRK LLA
    | | Scalloped (with 12 notches)
circ | 15 Cents - Elizabeth II (Hibiscus) | 1966..2005 | cn | 23 5.5 1.6 | FRK LLA
    | | Square with rounded corners
circ | 1 Dollar - Elizabeth II (Conch shell) | 1966..1974 | ag800 | 37.5 18 2.5 | FRK
ncl | 1 Dollar - {ruler} ({topic}) | 1973..2003 | ag925 | 38.6 28.3 2.9 | FRK
    | Bahamas commemoratives
note | 1 Dollar - Elizabeth II | 1974..2017 | paper | 156 67 | DLR
note | 3 Dollars - Elizabeth II | 1984..2001 | paper | 156 67 | DLR
@jamaique
circ | 1 Cent - Elizabeth II (Ackee fruit) | 1969..1990 | bronze | 21 4.2 1.5 | LLA
circ | 10 Cents - Elizabeth II (Lignum vitae) | 1969..1990 | cn | 23.6 5.6 1.8 | LLA
circ | 1 Dollar - Elizabeth II (Alexander Bustamante) | 1990..2022 | nisteel | 18.5 2.9 1.6 | LLA
    | | Heptagonal (7-sided)
circ | 5 Dollars - Elizabeth II (Norman Manley) | 1994..2022 | nisteel | 21.5 4.3 1.8 | LLA
ncl | 1 Dollar - {ruler} ({topic}) | 1976..1999 | ag925 | 38 28 2.8 | FRK | Jamaica commemoratives
note | 50 Dollars (Samuel Sharpe) | 1988..2017 | paper | 145 70 | DLR
note | 100 Dollars (Donald Sangster) | 1986..2017 | paper | 145 70 | DLR
fantasy | 1 Euro - {topic} | 2004..2007 | bimet2 | 23.25 7.5 | | Fantasy euro patterns
@bermudes
circ | 1 Cent - Elizabeth II (Wild boar) | 1970..2008 | bronze | 19 3.1 1.5 | LLA
circ | 25 Cents - Elizabeth II (Tropicbird) | 1970..2008 | cn | 24 5.7 1.7 | LLA
circ | 1 Dollar - Elizabeth II (Sailboat) | 1983..1988 | nibr | 26 9.5 2.4 | LLA
ncl | 1 Dollar - {ruler} ({topic}) | 1985..2006 | ag925 | 38.6 28.3 2.9 | POB | Bermuda triangles
    | Triangular
note | 2 Dollars - Elizabeth II | 1988..2009 | paper | 140 70 | DLR
note | 5 Dollars (Hamilton) | 2009..2018 | paper | 140 70 | DLR
@fidji
circ | 1 Cent - Elizabeth II (Tanoa) | 1969..2006 | bronze | 17.5 1.9 1.2 | LLA
circ | 10 Cents - Elizabeth II (Throwing club) | 1969..2009 | cn | 23.6 5.6 1.9 | LLA
circ | 1 Dollar - Elizabeth II (Clay pot) | 1995..2010 | nibr | 30 10 2.3 | LLA
    | | Heptagonal (7-sided)
ncl | 1 Dollar - {ruler} ({topic}) | 1986..2012 | ag999 | 38.6 31.1 | POB | Fiji commemoratives
note | 5 Dollars - Elizabeth II | 1974..2007 | paper | 140 70 | DLR
note | 10 Dollars (Flying fish) | 2012..2017 | paper | 145 72 | DLR
fantasy | 1 Euro - {topic} | 2004..2007 | bimet2 | 23.25 7.5 | | Fantasy euro patterns
@liberia
circ | 1 Cent (Elephant) | 1960..1984 | bronze | 18 2.6 1.3 | FRK
circ | 25 Cents (Liberty head) | 1960..1987 | cn | 24 5.7 1.7 | FRK
circ | 5 Dollars (Liberty head) | 1982..1985 | cn | 26.5 12 2.2 | FRK | | Decagonal (10-sided)
ncl | 1 Dollar ({topic}) | 1995..2005 | cn | 38.6 28 | POB | Liberia wildlife
ncl | 5 Dollars ({topic}) | 2000..2008 | ag999 | 38.6 20 | POB | Liberia history
note | 5 Dollars (Edward James Roye) | 2003..2016 | paper | 156 67 | DLR
note | 20 Dollars (William Tubman) | 2003..2017 | paper | 156 67 | DLR
fantasy | 1 Euro - {topic} | 2004..2007 | bimet2 | 23.25 7.5 | | Fantasy euro patterns
@zimbabwe
circ | 1 Cent (Zimbabwe Ruins) | 1980..1999 | bronze | 17.5 2.7 1.4
circ | 1 Dollar (Zimbabwe Bird) | 1980..1997 | cn | 27 8 2.2
circ | 2 Dollars (Pangolin) | 1997..2001 | albr | 24.5 7 2
circ | 5 Dollars (Rhinoceros) | 2001..2003 | bimet | 26 9 2.2
note | 10 Dollars (Chiremba Balancing Rocks) | 1980..1994 | paper | 146 72 | FPR
note | 100 Trillion Dollars (Victoria Falls) | 2008 | paper | 162 82 | GD
fantasy | 1 Euro - {topic} | 2004..2007 | bimet2 | 23.25 7.5 | | Fantasy euro patterns
@singapour
circ | 1 Cent (Apartment blocks) | 1967..1985 | bronze | 17.8 1.9 1.3 | SGP
circ | 10 Cents (Seahorse) | 1967..1985 | cn | 19.4 2.8 1.5 | SGP
circ | 1 Dollar (Merlion) | 1987..2012 | albr | 22.4 6.3 2.4 | SGP
circ | 1 Dollar (Third Series) | 2013..2024 | bimet | 24.65 7.62 2.2 | SGP
ncl | 5 Dollars ({topic}) | 1981..2019 | ag925 | 38.7 28.3 | SGP | Singapore commemoratives
note | 2 Dollars (Yusof bin Ishak) | 1999..2020 | polymer | 126 63 | NPA | Portrait series
note | 10 Dollars (Yusof bin Ishak) | 1999..2020 | paper | 141 69 | NPA | Portrait series
cnote | 50 Dollars (Golden Jubilee) | 2015 | polymer | 156 74 | NPA
@hong_kong
circ | 1 Dollar - Elizabeth II (Lion) | 1978..1992 | cn | 25.5 7.1 2.4 | LLA BIR
circ | 1 Dollar (Bauhinia) | 1993..2024 | nisteel | 25.5 7.1 2.4 | LLA
circ | 2 Dollars (Bauhinia) | 1993..2024 | cn | 28 8.4 2.2 | LLA | | Scalloped (with 12 notches)
circ | 5 Dollars (Bauhinia) | 1993..2024 | cn | 27 13.5 2.9 | LLA | | Decagonal (10-sided)
circ | 10 Dollars (Bauhinia) | 1994..2024 | bimet | 24 11 2.7 | LLA
ncl | 1000 Dollars - {ruler} ({topic}) | 1976..1987 | au917 | 28.4 15.98 | LLA
    | Hong Kong lunar gold
note | 20 Dollars (Harbour view) | 2003..2009 | paper | 143 76 | HKN
note | 100 Dollars (Lion statues) | 2003..2009 | paper | 159 79 | HKN
@athens
circ | Tetradrachm (Owl) | -454..-404 | ag | 24 17.2 | ATH | | Round (irregular)
circ | Drachm (Owl) | -449..-413 | ag | 16 4.3 | ATH | | Round (irregular)
circ | Obol (Owl) | -454..-404 | ag | 10 0.7 | ATH | | Round (irregular)
@roman_republic_ancient
circ | Denarius (Dioscuri) | -211..-208 | ag | 19 4.5 | RMA | | Round (irregular)
circ | Quinarius (Dioscuri) | -211..-208 | ag | 15 2.2 | RMA | | Round (irregular)
circ | As (Janus) | -211..-150 | bronze | 33 30 | RMA | | Round (irregular)
"""

TOPICS = {  # series -> "; "-separated topics, one type each
    "50 State Quarters": "Delaware; Pennsylvania; New Jersey; Georgia; Connecticut; "
    "Massachusetts; Maryland; South Carolina; New Hampshire; Virginia; New York; North Carolina; "
    "Rhode Island; Vermont; Kentucky; Tennessee; Ohio; Louisiana; Indiana; Mississippi; "
    "Illinois; Alabama; Maine; Missouri; Arkansas; Michigan; Florida; Texas; Iowa; Wisconsin; "
    "California; Minnesota; Oregon; Kansas; West Virginia; Nevada; Nebraska; Colorado; "
    "North Dakota; South Dakota; Montana; Washington; Idaho; Wyoming; Utah; Oklahoma; "
    "New Mexico; Arizona; Alaska; Hawaii",
    "D.C. and Territories Quarters": "District of Columbia; Puerto Rico; Guam; American Samoa; "
    "U.S. Virgin Islands; Northern Mariana Islands",
    "America the Beautiful Quarters": "Hot Springs; Yellowstone; Yosemite; Grand Canyon; "
    "Mount Hood; Gettysburg; Glacier; Olympic; Vicksburg; Chickasaw; El Yunque; Chaco Culture; "
    "Acadia; Hawaii Volcanoes; Denali; White Mountain; Perry's Victory; Great Basin; "
    "Fort McHenry; Mount Rushmore",
    "Presidential dollars": "George Washington; John Adams; Thomas Jefferson; James Madison; "
    "James Monroe; John Quincy Adams; Andrew Jackson; Martin Van Buren; William Henry Harrison; "
    "John Tyler; James K. Polk; Zachary Taylor; Millard Fillmore; Franklin Pierce; "
    "James Buchanan; Abraham Lincoln; Andrew Johnson; Ulysses S. Grant; Rutherford B. Hayes; "
    "James Garfield",
    "Native American dollars": "Three Sisters; Great Tree of Peace; Harvest Treaty; Trade Routes; "
    "River Canoes; Hospitality; Code Talkers; Written Syllabary; Olympic Athlete; Ironworkers; "
    "Sky Pioneers; Citizenship Act",
    "US commemorative dollars": "Los Angeles Olympiad; Statue of Liberty Centennial; "
    "Constitution Bicentennial; Congress Bicentennial; Mount Rushmore Jubilee; "
    "Korean War Memorial; Bill of Rights; World Cup USA; Jefferson Memorial; "
    "Smithsonian Sesquicentennial; Jackie Robinson; Library of Congress; Lewis and Clark; "
    "Boy Scouts Centennial; Mark Twain; Apollo 11 Jubilee",
    "Canada 125": "New Brunswick; Northwest Territories; Newfoundland; Manitoba; Yukon; Alberta; "
    "Prince Edward Island; Ontario; Nova Scotia; Quebec; Saskatchewan; British Columbia",
    "Canadian silver dollars": "British Columbia Centennial; Island Centennial; "
    "Winnipeg Centennial; Calgary Centennial; Toronto Sesquicentennial; Jacques Cartier; "
    "Vancouver Centennial; Davis Strait; Frontenac; Loyalists; Hudson Bay Voyage; "
    "Governor General's Awards; Parliament Library; Peacekeeping; Nunavut; Voyage of Discovery; "
    "Golden Jubilee; Cobalt Silver Strike; Winter Olympiad; Northern Lights",
    "Australian commemorative dollars": "Centenary of Federation; Year of the Outback; "
    "Volunteers; Women's Suffrage; Vietnam Veterans; Eureka Stockade; Gallipoli; Citizenship; "
    "Year of Astronomy; Girl Guides; Rugby League; Antarctic Expedition",
    "Australian 50 cents": "Year of the Family; Dampier; Kosciuszko; Year of Older Persons; "
    "Masterpieces in Silver; Royal Visit; Olympic Games; Cook Voyage; Lunar Landing; "
    "Reconciliation",
    "Lunar Series": "Year of the Rat; Year of the Ox; Year of the Tiger; Year of the Rabbit; "
    "Year of the Dragon; Year of the Snake; Year of the Horse; Year of the Goat; "
    "Year of the Monkey; Year of the Rooster; Year of the Dog; Year of the Pig",
    "New Zealand commemorative dollars": "Cook Bicentenary; Royal Visit; Commonwealth Games; "
    "Waitangi Day; Kakapo; Black Robin; Chatham Islands; Takahe; Royal Albatross; Hector's Dolphin",
    "British 50 pence": "Economic Community; Presidency of the Council; Health Service; "
    "Victoria Cross; Kew Gardens; Aquatics; Athletics; Benjamin Britten; Peter Rabbit; "
    "Paddington Bear; Stephen Hawking; Battle of Britain; Gruffalo; Brexit",
    "British 2 pounds": "Commonwealth Games; Bill of Rights; Bank of England; Rugby World Cup; "
    "Millennium; Marconi; Darwin; Brunel; Magna Carta; Navy",
    "British crowns": "Queen Mother; Golden Wedding; Millennium; Golden Jubilee; "
    "Trafalgar; Diamond Jubilee",
    "French 2 euro commemoratives": "Presidency of the Council; Appeal of 18 June; Fête de la "
    "Musique; Joan of Arc; Élysée Treaty; Federation Day; Breast Cancer Research; Tour de France",
    "French regions": "Alsace; Aquitaine; Auvergne; Brittany; Burgundy; Centre; Champagne; "
    "Corsica; Franche-Comté; Languedoc; Limousin; Lorraine; Normandy; Provence",
    "German states": "Schleswig-Holstein; Mecklenburg-Vorpommern; Hamburg; Saarland; Bremen; "
    "Baden-Württemberg; Bavaria; Lower Saxony; Hesse; Saxony; Berlin; Brandenburg; "
    "North Rhine-Westphalia; Rhineland-Palatinate; Thuringia; Saxony-Anhalt",
    "German 10 euro": "Museum Island; Dresden Frauenkirche; Football World Cup; Wadden Sea; "
    "Bauhaus; Federal Court; Brothers Grimm; Elbe Sandstone; Schiller; Goethe",
    "Bicentennial of Independence": "Ignacio López Rayón; Carlos María de Bustamante; "
    "Francisco Primo de Verdad; Mariano Matamoros; Miguel Ramos Arizpe; Leona Vicario; "
    "Mariano Jiménez; Hermenegildo Galeana; José María Cos; Pedro Moreno",
    "Mexican states": "Zacatecas; Yucatán; Veracruz; Tlaxcala; Tamaulipas; Tabasco; Sonora; "
    "Sinaloa; San Luis Potosí; Quintana Roo; Querétaro; Puebla",
    "47 Prefectures": "Hokkaido; Kyoto; Shimane; Nagano; Nara; Kochi; Gifu; Fukui; Aichi; "
    "Aomori; Saga; Kagoshima; Toyama; Ibaraki; Kumamoto; Akita",
    "UNESCO World Heritage Sites": "Córdoba Mosque; Altamira Cave; Gaudí Works; "
    "Segovia Aqueduct; Santiago de Compostela; Burgos Cathedral; Alhambra; Toledo; Salamanca; "
    "Oviedo Churches",
    "Spanish 10 euro": "Don Quixote; Cervantes; Columbus; Velázquez; Caravel; Flamenco",
    "Italian 2 euro commemoratives": "World Food Programme; Treaty of Rome; Human Rights; "
    "Unification; Carabinieri; Dante; Firefighters; Capitoline Wolf",
    "Italian 5 euro": "Venice Carnival; Galileo; Naples; Verdi; Leonardo",
    "Belgian 2 euro commemoratives": "Economic Union; Atomium; Treaty of Rome; Human Rights; "
    "Louis Braille; Red Cross",
    "Dutch 5 euro": "Vincent van Gogh; Silver Coin; Rembrandt; Euro; Architecture; Peace",
    "Austrian castles": "Hochosterwitz; Hellbrunn; Artstetten; Schönbrunn; Ambras; "
    "Riegersburg; Eggenberg; Hofburg",
    "Irish 2 euro commemoratives": "Treaty of Rome; Constitution; Easter Rising; Flag",
    "Irish commemoratives": "Special Olympics; Presidency; Samuel Beckett",
    "Swiss commemoratives": "Mozart; Gotthard Pass; Red Cross; Matterhorn; Chillon Castle; "
    "Jungfrau Railway; Lion of Lucerne; Swiss National Park; Rhaetian Railway; Geneva Lake",
    "Swiss bimetallic commemoratives": "Glacier Express; Bernina Express; Alpine Fauna; Grisons",
    "Bahamas commemoratives": "Independence; Flamingos; Columbus Landfall; Blue Marlin; Junkanoo",
    "Jamaica commemoratives": "Independence; Hummingbird; Caribbean Games; Reggae",
    "Bermuda triangles": "Bermuda Triangle; Sea Venture; Deliverance; Gombey Dancers; Longtail",
    "Fiji commemoratives": "Coral Reef; Sea Turtle; Sailing Canoe; Orchid; Parrotfish",
    "Liberia wildlife": "Pygmy Hippo; Leopard; Chimpanzee; Crocodile; Forest Elephant; "
    "Grey Parrot; Bongo; Sea Eagle",
    "Liberia history": "Founding of Monrovia; Flag Day; Independence; Lone Star; Pepper Coast; "
    "Providence Island",
    "Singapore commemoratives": "Monetary Authority; Changi Airport; Esplanade; Orchid; "
    "Botanic Gardens; Golden Jubilee",
    "Hong Kong lunar gold": "Year of the Dragon; Year of the Snake; Year of the Horse; "
    "Year of the Goat; Year of the Monkey; Year of the Rooster; Year of the Dog; Year of the Pig; "
    "Year of the Rat; Year of the Ox; Year of the Tiger; Year of the Rabbit",
    "First Spouse medals": "Martha Washington; Abigail Adams; Dolley Madison; Elizabeth Monroe; "
    "Louisa Adams; Anna Harrison; Letitia Tyler; Sarah Polk",
    "Royal Mint medals": "Silver Jubilee; Royal Wedding; Millennium; Diamond Jubilee",
    "Monnaie de Paris art medals": "Sailing Ship; Notre-Dame; Mont Saint-Michel; Versailles; "
    "Loire Castles; Eiffel Tower",
    "German medals": "Brandenburg Gate; Reunification; Cologne Cathedral; Neuschwanstein; "
    "Hanseatic League; Wartburg",
    "Japan Mint medals": "Cherry Blossom; Mount Fuji; Osaka Castle",
    "Mint visitor tokens": "Winnipeg Visitor Centre; Ottawa Boutique; Loon Dollar Anniversary; "
    "Coin Show; Heritage Day",
    "Royal Australian Mint tokens": "Canberra Visitor Gallery; Mint Open Day; Press Room",
    "Swiss medallions": "Shooting Festival; Wrestling Festival; Alphorn; Edelweiss",
    "Austrian medallions": "Lipizzaner; Vienna Opera; Danube",
    "Fantasy euro patterns": "Trial Strike; Specimen Pattern; Essai; Prova",
}

LABELS = {  # English label -> (Spanish, French), for the labels that ``lang`` translates
    "United States": ("Estados Unidos", "États-Unis"), "Canada": ("Canadá", "Canada"),
    "Australia": ("Australia", "Australie"), "United Kingdom": ("Reino Unido", "Royaume-Uni"),
    "France": ("Francia", "France"), "Germany": ("Alemania", "Allemagne"),
    "Mexico": ("México", "Mexique"), "Japan": ("Japón", "Japon"),
    "New Zealand": ("Nueva Zelanda", "Nouvelle-Zélande"), "Spain": ("España", "Espagne"),
    "Italy": ("Italia", "Italie"), "Switzerland": ("Suiza", "Suisse"),
    "Belgium": ("Bélgica", "Belgique"), "Netherlands": ("Países Bajos", "Pays-Bas"),
    "Austria": ("Austria", "Autriche"), "Ireland": ("Irlanda", "Irlande"),
    "Bahamas": ("Bahamas", "Bahamas"), "Jamaica": ("Jamaica", "Jamaïque"),
    "Bermuda": ("Bermudas", "Bermudes"), "Fiji": ("Fiyi", "Fidji"),
    "Liberia": ("Liberia", "Libéria"), "Zimbabwe": ("Zimbabue", "Zimbabwe"),
    "Singapore": ("Singapur", "Singapour"), "Hong Kong": ("Hong Kong", "Hong Kong"),
    "Athens": ("Atenas", "Athènes"), "Rome": ("Roma", "Rome"),
    "Roman Republic (ancient)": ("República romana (antigua)", "République romaine (antique)"),
    "China": ("China", "Chine"), "Attica": ("Ática", "Attique"),
    "Standard circulation coins": ("Monedas de circulación corriente",
                                   "Pièces de circulation courante"),
    "Circulating commemorative coins": ("Monedas conmemorativas de circulación",
                                        "Pièces commémoratives de circulation"),
    "Non-circulating coins": ("Monedas no circulantes", "Pièces non circulantes"),
    "Bullion coins": ("Monedas de inversión", "Pièces d'investissement"),
    "Standard banknotes": ("Billetes corrientes", "Billets courants"),
    "Commemorative banknotes": ("Billetes conmemorativos", "Billets commémoratifs"),
    "Medals": ("Medallas", "Médailles"),
    "Commemorative medals": ("Medallas conmemorativas", "Médailles commémoratives"),
    "Fantasy coins": ("Monedas de fantasía", "Monnaies de fantaisie"),
    "Mint tokens": ("Fichas de ceca", "Jetons de la Monnaie"),
    "Collector medallions": ("Medallones de colección", "Médaillons de collection"),
    "Bronze": ("Bronce", "Bronze"), "Copper plated zinc": ("Zinc cobreado", "Zinc cuivré"),
    "Copper-nickel": ("Cuproníquel", "Cupronickel"),
    "Copper-nickel clad copper": ("Cobre revestido de cuproníquel", "Cuivre plaqué cupronickel"),
    "Nickel clad copper-nickel": ("Cuproníquel revestido de níquel",
                                  "Cupronickel plaqué nickel"),
    "Nickel": ("Níquel", "Nickel"), "Silver": ("Plata", "Argent"), "Gold": ("Oro", "Or"),
    "Aluminium": ("Aluminio", "Aluminium"),
    "Aluminium-bronze": ("Bronce de aluminio", "Bronze d'aluminium"),
    "Brass": ("Latón", "Laiton"), "Nickel-brass": ("Latón de níquel", "Laiton-nickel"),
    "Manganese brass": ("Latón al manganeso", "Laiton au manganèse"),
    "Aureate-bronze plated nickel": ("Níquel chapado en bronce dorado",
                                     "Nickel plaqué bronze doré"),
    "Stainless steel": ("Acero inoxidable", "Acier inoxydable"),
    "Copper-plated steel": ("Acero cobreado", "Acier cuivré"),
    "Brass-plated steel": ("Acero chapado en latón", "Acier plaqué laiton"),
    "Nickel-plated steel": ("Acero niquelado", "Acier nickelé"),
    "Nordic gold": ("Oro nórdico", "Or nordique"),
    "Bimetallic: nickel-brass centre in copper-nickel ring": (
        "Bimetálica: centro de latón de níquel, anillo de cuproníquel",
        "Bimétallique : centre en laiton-nickel, anneau en cupronickel"),
    "Bimetallic: copper-nickel centre in nickel-brass ring": (
        "Bimetálica: centro de cuproníquel, anillo de latón de níquel",
        "Bimétallique : centre en cupronickel, anneau en laiton-nickel"),
    "Paper": ("Papel", "Papier"), "Polymer": ("Polímero", "Polymère"),
    "Milled": ("Acuñada a máquina", "Frappe mécanique"),
    "Milled, Colourised": ("Acuñada a máquina, coloreada", "Frappe mécanique, colorisée"),
    "Hammered": ("Acuñada a martillo", "Frappe au marteau"),
    "Intaglio": ("Calcografía", "Taille-douce"),
    "Offset, Intaglio": ("Offset, calcografía", "Offset, taille-douce"),
    "Round": ("Circular", "Ronde"),
    "Round (irregular)": ("Circular (irregular)", "Ronde (irrégulière)"),
    "Round with a round hole": ("Circular con un agujero redondo", "Ronde avec un trou rond"),
    "Heptagonal (7-sided)": ("Heptagonal (7 lados)", "Heptagonale (7 côtés)"),
    "Decagonal (10-sided)": ("Decagonal (10 lados)", "Décagonale (10 côtés)"),
    "Hendecagonal (11-sided)": ("Endecagonal (11 lados)", "Hendécagonale (11 côtés)"),
    "Dodecagonal (12-sided)": ("Dodecagonal (12 lados)", "Dodécagonale (12 côtés)"),
    "Scalloped (with 12 notches)": ("Festoneada (12 muescas)", "Festonnée (12 encoches)"),
    "Square with rounded corners": ("Cuadrada con esquinas redondeadas",
                                    "Carrée à coins arrondis"),
    "Triangular": ("Triangular", "Triangulaire"), "Rectangular": ("Rectangular", "Rectangulaire"),
    "Dollar": ("Dólar", "Dollar"), "Euro": ("Euro", "Euro"),
    "Pound sterling": ("Libra esterlina", "Livre sterling"), "Pound": ("Libra", "Livre"),
    "New franc": ("Nuevo franco", "Nouveau franc"), "Deutsche Mark": ("Marco alemán", "Mark"),
    "Peso": ("Peso", "Peso"), "Nuevo peso": ("Nuevo peso", "Nouveau peso"),
    "Onza": ("Onza", "Once"), "Troy ounce": ("Onza troy", "Once troy"), "Yen": ("Yen", "Yen"),
    "Peseta": ("Peseta", "Peseta"), "Lira": ("Lira", "Lire"), "Franc": ("Franco", "Franc"),
    "Swiss franc": ("Franco suizo", "Franc suisse"),
    "Belgian franc": ("Franco belga", "Franc belge"), "Gulden": ("Florín", "Florin"),
    "Schilling": ("Chelín", "Schilling"), "Irish pound": ("Libra irlandesa", "Livre irlandaise"),
    "Attic drachm": ("Dracma ática", "Drachme attique"), "Denarius": ("Denario", "Denier"),
    "United States Mint of Philadelphia": ("Casa de la Moneda de Filadelfia",
                                           "Monnaie de Philadelphie"),
    "United States Mint of Denver": ("Casa de la Moneda de Denver", "Monnaie de Denver"),
    "United States Mint of San Francisco": ("Casa de la Moneda de San Francisco",
                                            "Monnaie de San Francisco"),
    "United States Mint of West Point": ("Casa de la Moneda de West Point",
                                         "Monnaie de West Point"),
    "United States Mint of New Orleans": ("Casa de la Moneda de Nueva Orleans",
                                          "Monnaie de La Nouvelle-Orléans"),
    "United States Mint of Carson City": ("Casa de la Moneda de Carson City",
                                          "Monnaie de Carson City"),
    "Royal Canadian Mint of Ottawa": ("Real Casa de la Moneda de Canadá, Ottawa",
                                      "Monnaie royale canadienne d'Ottawa"),
    "Royal Canadian Mint of Winnipeg": ("Real Casa de la Moneda de Canadá, Winnipeg",
                                        "Monnaie royale canadienne de Winnipeg"),
    "Perth Mint": ("Casa de la Moneda de Perth", "Monnaie de Perth"),
    "Royal Australian Mint": ("Real Casa de la Moneda de Australia", "Monnaie royale australienne"),
    "Royal Mint of Llantrisant": ("Real Casa de la Moneda, Llantrisant",
                                  "Monnaie royale de Llantrisant"),
    "Royal Mint of Tower Hill": ("Real Casa de la Moneda, Tower Hill",
                                 "Monnaie royale de Tower Hill"),
    "Monnaie de Paris": ("Casa de la Moneda de París", "Monnaie de Paris"),
    "Monnaie de Paris, Pessac": ("Casa de la Moneda de París, Pessac", "Monnaie de Paris, Pessac"),
    "State Mint of Berlin": ("Casa de la Moneda de Berlín", "Monnaie d'État de Berlin"),
    "Bavarian Central Mint": ("Casa Central de la Moneda de Baviera",
                              "Monnaie centrale de Bavière"),
    "State Mint of Stuttgart": ("Casa de la Moneda de Stuttgart", "Monnaie d'État de Stuttgart"),
    "State Mint of Karlsruhe": ("Casa de la Moneda de Karlsruhe", "Monnaie d'État de Karlsruhe"),
    "Hamburg Mint": ("Casa de la Moneda de Hamburgo", "Monnaie de Hambourg"),
    "Mexico City Mint": ("Casa de Moneda de la Ciudad de México", "Monnaie de Mexico"),
    "Japan Mint": ("Casa de la Moneda de Japón", "Monnaie du Japon"),
    "Royal Mint of Spain": ("Real Casa de la Moneda", "Monnaie royale d'Espagne"),
    "Italian State Mint": ("Casa de la Moneda del Estado italiano", "Monnaie d'État italienne"),
    "Swissmint": ("Casa de la Moneda suiza", "Monnaie fédérale suisse"),
    "Royal Belgian Mint": ("Real Casa de la Moneda de Bélgica", "Monnaie royale de Belgique"),
    "Royal Dutch Mint": ("Real Casa de la Moneda neerlandesa", "Monnaie royale des Pays-Bas"),
    "Austrian Mint": ("Casa de la Moneda de Austria", "Monnaie autrichienne"),
    "Currency Centre": ("Centro de Moneda", "Centre monétaire"),
    "Singapore Mint": ("Casa de la Moneda de Singapur", "Monnaie de Singapour"),
    "Pobjoy Mint": ("Casa de la Moneda Pobjoy", "Monnaie Pobjoy"),
    "Franklin Mint": ("Casa de la Moneda Franklin", "Monnaie Franklin"),
    "Birmingham Mint": ("Casa de la Moneda de Birmingham", "Monnaie de Birmingham"),
    "B.H. Mayer's Mint": ("Casa de la Moneda B.H. Mayer", "Monnaie B.H. Mayer"),
    "Valcambi": ("Valcambi", "Valcambi"),
    "House of Windsor": ("Casa de Windsor", "Maison Windsor"),
    "Modern France": ("Francia moderna", "France moderne"),
    "Imperial House of Japan": ("Casa Imperial de Japón", "Maison impériale du Japon"),
    "House of Bourbon": ("Casa de Borbón", "Maison de Bourbon"),
    "House of Belgium": ("Casa de Bélgica", "Maison de Belgique"),
    "House of Orange-Nassau": ("Casa de Orange-Nassau", "Maison d'Orange-Nassau"),
    "Latin": ("Latina", "Latin"), "Japanese": ("Japonesa", "Japonais"), "Greek": ("Griega", "Grec"),
    "Chinese (Traditional)": ("China (tradicional)", "Chinois traditionnel"),
}
PAREN_WORDS = {"date": ("actualidad", "aujourd'hui"), "decimal": ("decimal", "décimal"),
               "bullion": ("inversión", "investissement"), "BC": ("a. C.", "av. J.-C.")}

PEOPLE = ("Anna Lindqvist", "Marc Valloire", "Peter Hollis", "Inês Carvalho", "Tomás Ibarra",
          "Greta Fuchs", "Oliver Brandt", "Kenji Arai", "Sofia Marchetti", "Liam O'Rourke",
          "Claire Dumont", "Henrik Vos", "Nadia Kowal", "Samuel Achebe", "Ruth Penrose",
          "Daniel Whitcombe", "Mei Lin Chow", "Aroha Parata")
SIGNER_NAMES = ("E. Hartley", "J. Moreau", "K. Albrecht", "T. Nakamura", "R. Castillo",
                "M. O'Neill", "S. Brouwer", "L. Ferraro", "A. Whitfield", "D. Okoro",
                "P. Lindgren", "C. Tan", "H. Keller", "B. Duarte", "N. Fraser", "G. Ricci")
SIGNER_TITLES = {"etats-unis": ("Treasurer of the United States", "Secretary of the Treasury"),
                 "royaume-uni": ("Chief Cashier",)}
PHOTOGRAPHERS = ("Numis Lyon", "coinhunter77", "K. Varga", "oldpenny", "M. Tanaka",
                 "Silverstack", "R. Delacroix", "Auction archive", "Maple Cabinet", "B. Okafor",
                 "Zentralkabinett", "Plata y Cobre", "Southern Cross Coins", "notafilia_rj")
LICENSES = (("CC BY-NC-SA", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
            ("CC BY-NC", "https://creativecommons.org/licenses/by-nc/4.0/"),
            ("CC BY", "https://creativecommons.org/licenses/by/4.0/"),
            ("CC BY-SA", "https://creativecommons.org/licenses/by-sa/4.0/"),
            ("CC0", "https://creativecommons.org/publicdomain/zero/1.0/"))
TAGS = ("Animal", "Bird", "Coat of arms", "Map", "Ship", "Portrait", "Building", "Flag", "Flower",
        "Tree", "Sport", "Anniversary", "Bridge", "Mountain", "Eagle", "Lion", "Crown", "Star",
        "Plant", "Monument", "Science", "Woman", "Writer", "Music", "Fish", "Castle", "Mythology",
        "Chinese calendar", "Olympic Games", "Explorer", "Politician", "Wreath")
COMMENT_SENTENCES = (
    "Struck at the {mint}.", "Part of the {series} series.",
    "The design was chosen after a public competition.",
    "Mintage figures include pieces struck for collector sets.",
    "Released into circulation in {year}.", "Sold in a capsule with a numbered certificate.",
    "Also issued in proof quality for collectors.", "Varieties exist in the size of the date.",
    "Some pieces show a weak strike on the rim.", "Designed to mark {topic}.",
)
ANCIENT_COMMENTS = ("Struck at the {mint}.", "Many pieces were struck off-centre.",
                    "Found in several hoards; weights vary a little.")
EDGES = ("Reeded", "Plain", "Smooth", "Interrupted reeding", "Reeded", "Plain")
EDGE_LETTERING = {"royaume-uni": "DECUS ET TUTAMEN", "etats-unis": "E PLURIBUS UNUM",
                  "allemagne": "EINIGKEIT UND RECHT UND FREIHEIT", "suisse": "DOMINUS PROVIDEBIT",
                  "france": "★ ★ ★ ★ ★ ★", "canada": "CANADA CANADA CANADA"}
ERAS = (("昭和", 1926), ("平成", 1989), ("令和", 2019))
KANJI_DIGITS = "〇一二三四五六七八九"
YEN_KANJI = {1: "一円", 5: "五円", 10: "十円", 50: "五十円", 100: "百円",
             500: "五百円", 1000: "千円", 5000: "五千円", 10000: "一万円"}
VARIETY_COMMENTS = ("Small date", "Large date", "Doubled die obverse", "Mint set only",
                    "Wide rim", "BU")
ISSUE_MARKS = {  # issuer -> marks that appear on some of its issues
    "france": ({"id": 1187, "title": "Cornucopia (mint mark)",
                "picture": "https://en.numista.com/catalogue/marques/1187.png"},
               {"id": 1192, "title": "Bee (mintmaster mark)",
                "picture": "https://en.numista.com/catalogue/marques/1192.png"}),
    "australie": ({"id": 2210, "title": "Privy mark P", "letters": "P"},
                  {"id": 2214, "title": "Privy mark C", "letters": "C"}),
}
LAST_ACQUISITION = date(2025, 10, 31)
ACQUISITION_PLACES = ("Coin show", "Local dealer", "Bank roll", "Online auction", "Numista swap",
                      "Gift", "Flea market", "Mint shop")
PORTRAIT_TEXTS = ("Crowned effigy of {ruler} facing right.",
                  "Portrait of {ruler} facing right, surrounded by the legend.",
                  "Effigy of {ruler} with the date below.")
EMBLEM_TEXTS = ("Coat of arms of {issuer} with the date.",
                "National emblem surrounded by the name of the country.",
                "Allegory of {issuer} with the legend and the date.")
TOPIC_TEXTS = ("Design dedicated to {topic}, with the face value.",
               "Commemorative design: {topic}.",
               "{topic} shown in the centre, with the legend around.")
VALUE_TEXTS = ("Face value {value} between two branches.",
               "Face value {value} with a stylised plant.",
               "Large numeral of the value ({value}) and the date.")
VALUE_RE = re.compile(r"^(\d*)([½¼]?) ?(.+)$")
FRACTIONS = {"": Fraction(0), "½": Fraction(1, 2), "¼": Fraction(1, 4)}


class Design(NamedTuple):
    """One row of ``DESIGNS_TABLE``: a type, or a series of types when it has topics."""

    issuer: str
    kind: str
    title: str
    years: tuple[int, int]
    comp: str
    dims: tuple[float, ...]
    mints: tuple[str, ...]  # mint keys, or printer keys for banknotes
    series: str
    shape: str

    @property
    def category(self) -> str:
        """``coin``, ``banknote`` or ``exonumia``."""
        return OBJECT_TYPES[self.kind][2]


class TypeContext(NamedTuple):
    """What the issue, price and user generators need to know about a generated type."""

    design: Design
    currency: Currency | None
    face_eur: float
    metal_eur: float


def parse_designs(table: str = DESIGNS_TABLE) -> list[Design]:
    """Parse ``DESIGNS_TABLE`` (format in the module docstring); a line starting with ``|``
    continues the row above it."""
    rows: list[tuple[str, str]] = []
    issuer = ""
    for raw in table.splitlines():
        line = raw.strip()
        if line.startswith("@"):
            issuer = line[1:]
        elif line.startswith("|"):
            rows[-1] = (rows[-1][0], f"{rows[-1][1]} {line}")
        elif line:
            rows.append((issuer, line))
    return [_design(issuer, text) for issuer, text in rows]


def _design(issuer: str, text: str) -> Design:
    """Turn one table row into a validated ``Design``."""
    kind, title, years, comp, dims, mints, series, shape = ([f.strip() for f in text.split("|")]
                                                           + [""] * 3)[:8]
    first, _, last = years.partition("..")
    if kind not in OBJECT_TYPES or issuer not in ISSUERS or comp not in COMPOSITIONS:
        raise ValueError(f"bad design row for {issuer!r}: {text}")
    design = Design(issuer, kind, title, (int(first), int(last or first)), comp,
                    tuple(float(x) for x in dims.split()), tuple(mints.split()), series,
                    shape or SHAPE_BY_CATEGORY[OBJECT_TYPES[kind][2]])
    if any(k not in MINTS and k not in PRINTERS for k in design.mints) or (
            "{topic}" in title and series not in TOPICS):
        raise ValueError(f"unknown mint, printer or topic series in: {text}")
    return design


def expand(design: Design) -> Iterator[tuple[int, int, str]]:
    """Yield ``(min_year, max_year, topic)`` for each type a design makes."""
    first, last = design.years
    if "{topic}" not in design.title:
        yield first, last, ""
        return
    topics = [t.strip() for t in TOPICS[design.series].split(";")]
    for index, topic in enumerate(topics):
        year = first + index * (last - first + 1) // len(topics)
        yield year, year, topic


def _num(x: float) -> int | float:
    """A measure as Numista sends it: integral values as ints (8), others as floats (8.5)."""
    return int(x) if float(x).is_integer() else x


def _issuer_ref(code: str) -> Json:
    return {"code": code, "name": ISSUERS[code].name}


def _ruler_at(issuer: str, year: int) -> Ruler | None:
    """The ruler in office in ``year`` (the last one to have started by then)."""
    found = None
    for ruler in RULERS[issuer]:
        if ruler.start <= year:
            found = ruler
    return found


def _rulers_between(issuer: str, first: int, last: int) -> list[Ruler]:
    found = [r for r in RULERS[issuer] if r.start <= last and r.end > first]
    at_start = _ruler_at(issuer, first)
    return found or ([at_start] if at_start else [])


def _ruler_json(ruler: Ruler) -> Json:
    out: Json = {"id": ruler.id, "name": ruler.name}
    if ruler.wikidata:
        out["wikidata_id"] = ruler.wikidata
    if ruler.group:
        out["group"] = {"id": RULER_GROUPS[ruler.group], "name": ruler.group}
    return out


def _currency(issuer: str, root: str) -> Currency | None:
    """The currency counting ``root`` units, preferring the issuer's own."""
    matches = [c for c in CURRENCIES if root in c.units.split(",")]
    local = [c for c in matches if issuer in c.issuers.split()]
    return (local or matches)[0] if matches else None


def parse_value(issuer: str, title: str) -> tuple[Json, Currency] | None:
    """The ``value`` object for a title such as ``½ Dollar "Kennedy Half Dollar"``; None for
    titles without a face value (medals, tokens)."""
    text = re.split(r' \(| "| - ', title)[0]
    match = VALUE_RE.match(text)
    if match is None:
        return None
    whole, fraction, unit = match.groups()
    root, factor = UNITS.get(unit, (unit, Fraction(1)))
    currency = _currency(issuer, root) or _currency(issuer, root.removesuffix("s"))
    if currency is None:
        return None
    amount = Fraction(int(whole or (0 if fraction else 1))) + FRACTIONS[fraction]
    worth = amount * factor
    value: Json = {"text": text, "numeric_value": _num(float(worth)),
                   "currency": {"id": currency.id, "name": currency.name,
                                "full_name": currency.full_name}}
    if fraction or factor.denominator not in (1, 100):
        value.update(numerator=worth.numerator, denominator=worth.denominator)
    return value, currency


def _subject(title: str) -> str:
    """The person or motif a title names in quotes or parentheses."""
    found = re.findall(r'"([^"]+)"|\(([^)]+)\)', title)
    return next((q or p for q, p in reversed(found)), title).split(";")[-1].strip()


def _kanji_number(n: int) -> str:
    if n == 1:
        return "元"
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else KANJI_DIGITS[tens] + "十")
    return head + (KANJI_DIGITS[units] if units else "")


def _japanese_eras(year: int) -> list[tuple[str, int]]:
    """``(era, year of the era)`` for a Gregorian year: both eras in a year of succession."""
    eras = [(name, start) for name, start in ERAS if start <= year]
    forms = [(name, year - start + 1) for name, start in eras[-2:]]
    return forms if eras[-1][1] == year else forms[-1:]


def written_years(issuer: str, year: int) -> list[int]:
    """The year as written on the piece, as the integer ``year`` of an issue (the document types
    it ``integer``): the year of the Japanese era (Showa 64 and Heisei 1 both in 1989),
    the Gregorian year elsewhere."""
    if issuer != "japon":
        return [year]
    return [era_year for _, era_year in _japanese_eras(year)]


def era_legend(year: int) -> str:
    """The date as a Japanese legend writes it (``平成元年``), in the latest era of the year."""
    era, era_year = _japanese_eras(year)[-1]
    return f"{era}{_kanji_number(era_year)}年"


def _shown_letter(mint: Mint | None, year: int, numeric: float | None) -> str:
    """Philadelphia put no letter on its coins before 1980, nor ever on cents."""
    if mint is None or (mint.key == "P" and (year < 1980 or numeric == 0.01)):
        return ""
    return mint.letter


def _issue_year(issue: Json) -> int:
    """The Gregorian year of a dated issue, the first year of an undated one."""
    return int(issue["gregorian_year"] if issue["is_dated"] else issue["min_year"])


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


def _grade_ladder(rng: random.Random, grades: tuple[str, ...], top: float,
                  floor: float) -> dict[str, float]:
    """Prices for ``grades`` ending at ``top``: each lower grade is worth 20-60 % less, none is
    below ``floor`` (metal or face value) and they strictly increase after rounding."""
    raw: dict[str, float] = {}
    price = top
    for grade in reversed(GRADES[: GRADES.index(grades[-1]) + 1]):
        raw[grade] = price
        price /= rng.uniform(1.2, 1.6)
    ladder: dict[str, float] = {}
    last = 0.0
    for grade in grades:
        last = max(round(max(raw[grade], floor), 2), round(last + 0.01, 2))
        ladder[grade] = last
    return ladder


class CatalogueBuilder:
    """Builds the catalogue; every random choice comes from one ``random.Random(seed)``."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.types: list[Json] = []
        self.issues: dict[str, list[Json]] = {}
        self.prices: dict[str, dict[str, float]] = {}
        self.context: dict[int, TypeContext] = {}
        self.signers: dict[tuple[str, int], list[Json]] = {}
        self.ref_numbers: dict[tuple[str, str], int] = {}
        self.last_type_id = 1000
        self.last_issue_id = 20000

    def chance(self, p: float) -> bool:
        """True with probability ``p``."""
        return self.rng.random() < p

    def build(self) -> Json:
        """The whole catalogue, in the format of data/README.md."""
        for design in parse_designs():
            for first, last, topic in expand(design):
                self.add_type(design, first, last, topic)
        self.link_related_types()
        catalogue: Json = {
            "meta": {"synthetic": True, "seed": self.seed, "format_version": FORMAT_VERSION,
                     "generator": "data/make_sample_catalogue.py", "note": NOTE},
            "rates": dict(RATES), "issuers": issuer_list(), "issuer_aliases": dict(ISSUER_ALIASES),
            "mints": mint_list(), "catalogues": self.catalogue_list(),
            "publications": [self.publication(row) for row in PUBLICATIONS],
            "object_types": [{"id": i, "name": n, "category": c}
                             for i, n, c in sorted(OBJECT_TYPES.values())],
            "types": self.types, "issues": self.issues, "prices": self.prices,
        }
        catalogue["translations"] = translations(catalogue)
        catalogue["users"] = {"1": self.collector(), "2": self.fan()}
        return catalogue

    # ----------------------------------------------------------------------------- types
    def add_type(self, design: Design, first: int, last: int, topic: str) -> None:
        """Generate one type, its issues and their prices."""
        record = self.type_record(design, first, last, topic)
        self.types.append(record)
        issues = self.number_issues(self.issue_plan(design, record))
        self.issues[str(record["id"])] = issues
        for issue in issues:
            self.price_issue(record, issue)

    def type_record(self, d: Design, first: int, last: int, topic: str) -> Json:
        self.last_type_id += self.rng.randint(1, 60)
        tid = self.last_type_id
        ot_id, ot_name, category = OBJECT_TYPES[d.kind]
        ruler = _ruler_at(d.issuer, first)
        title = d.title.format(topic=topic, ruler=ruler.name if ruler else "")
        record: Json = {"id": tid, "url": f"https://en.numista.com/{tid}", "title": title,
                        "category": category, "issuer": _issuer_ref(d.issuer),
                        "min_year": first, "max_year": last, "type": ot_name,
                        "object_type": {"id": ot_id, "name": ot_name},
                        "_material_id": COMPOSITIONS[d.comp][0]}
        currency = self.add_value(record, d)
        self.add_authority(record, d, currency)
        self.add_physical(record, d)
        self.add_sides(record, d, topic)
        self.add_catalogue_fields(record, d, topic)
        return record

    def add_value(self, record: Json, d: Design) -> Currency | None:
        parsed = parse_value(d.issuer, record["title"])
        value, currency = parsed if parsed else ({}, None)
        if value:
            record["value"] = value
        face_eur = float(value.get("numeric_value", 0)) * (currency.eur if currency else 0.0)
        material, _, fineness = COMPOSITIONS[d.comp]
        per_gram = METAL_EUR_PER_GRAM.get(material, 0.0)
        metal = d.dims[1] * fineness * per_gram if d.category != "banknote" else 0.0
        self.context[record["id"]] = TypeContext(d, currency, face_eur, metal)
        return currency

    def add_authority(self, record: Json, d: Design, currency: Currency | None) -> None:
        """Ruler, issuing entity and demonetization."""
        rulers = _rulers_between(d.issuer, record["min_year"], record["max_year"])
        if rulers and (d.category != "exonumia" or self.chance(0.6)):
            record["ruler"] = [_ruler_json(r) for r in rulers]
        coin_entity = (d.category == "coin" and d.issuer in COIN_ENTITY_ISSUERS
                       and self.chance(0.55))
        if d.issuer in ENTITIES and (d.category == "banknote" or coin_entity):
            eid, name, wikidata = ENTITIES[d.issuer]
            record["issuing_entity"] = {"id": eid, "name": name}
            if wikidata:
                record["issuing_entity"]["wikidata_id"] = wikidata
        if d.category != "exonumia" and record["min_year"] > 0:
            date_ = currency.demonetized if currency else ""
            record["demonetization"] = ({"is_demonetized": True, "demonetization_date": date_}
                                        if date_ else {"is_demonetized": False})

    def add_physical(self, record: Json, d: Design) -> None:
        """Composition, technique, shape and measures."""
        record["composition"] = {"text": COMPOSITIONS[d.comp][1]}
        record["technique"] = {"text": self.technique(d, record["min_year"])}
        record["shape"] = d.shape
        if d.category == "banknote":
            record["size"], record["size2"] = (_num(x) for x in d.dims)
            return
        record["size"], record["weight"] = _num(d.dims[0]), _num(d.dims[1])
        if len(d.dims) > 2 and self.chance(0.9):
            record["thickness"] = _num(d.dims[2])
        if self.chance(0.96):
            usual = "coin" if d.issuer == "etats-unis" else "medal"
            record["orientation"] = usual if self.chance(0.97) else "variable"

    def technique(self, d: Design, year: int) -> str:
        if d.category == "banknote":
            return "Offset, Intaglio" if d.comp == "polymer" else "Intaglio"
        if year < 0:
            return "Hammered"
        return "Milled, Colourised" if d.kind == "ncl" and self.chance(0.12) else "Milled"

    # ----------------------------------------------------------------------------- sides
    def add_sides(self, record: Json, d: Design, topic: str) -> None:
        record["obverse"] = self.side(record, d, "obverse", topic)
        record["reverse"] = self.side(record, d, "reverse", topic)
        if d.category == "banknote":
            record["watermark"] = self.watermark(record)
        elif record["min_year"] > 0 and self.chance(0.96):
            record["edge"] = self.edge(d.issuer)

    def side(self, record: Json, d: Design, face: str, topic: str) -> Json:
        side: Json = {}
        for role, p in (("engravers", 0.48), ("designers", 0.46)):
            if self.chance(p):
                side[role] = self.rng.sample(PEOPLE, self.rng.choice((1, 1, 2)))
        if self.chance(0.985):
            side["description"] = self.description(record, d, face, topic)
        lines, extras = self.lettering(record, d, face, topic)
        if lines and self.chance(0.99):
            side["lettering"] = "\r\n".join(lines)
            side["lettering_scripts"] = [{"name": s} for s in SCRIPTS.get(d.issuer, ("Latin",))]
            side.update(extras)
        side.update(self.picture(d.issuer))
        return side

    def description(self, record: Json, d: Design, face: str, topic: str) -> str:
        ruler = _ruler_at(d.issuer, record["min_year"])
        value = record.get("value", {}).get("text", _subject(record["title"]))
        subject = _subject(record["title"])
        if record["min_year"] < 0:
            return ("Head of a deity facing right." if face == "obverse"
                    else f"{subject} with the legend {ISSUERS[d.issuer].legend}.")
        if face == "obverse" and ruler and ruler.legend:
            return self.rng.choice(PORTRAIT_TEXTS).format(ruler=ruler.name)
        if d.category == "banknote":
            return (f"{subject}, with the name of the issuing bank and the value."
                    if face == "obverse" else f"Vignette with the value {value} in words.")
        if face == "obverse" and '"' in record["title"]:
            return f"Obverse of the {subject} design, with the legend and the date."
        if face == "obverse":
            return self.rng.choice(EMBLEM_TEXTS).format(issuer=ISSUERS[d.issuer].name)
        if topic:
            return self.rng.choice(TOPIC_TEXTS).format(topic=topic)
        return self.rng.choice(VALUE_TEXTS).format(value=value)

    def lettering(self, record: Json, d: Design, face: str, topic: str) -> tuple[list[str], Json]:
        """Lines of lettering and the optional unabridged legend or translation."""
        issuer, year = ISSUERS[d.issuer], record["min_year"]
        ruler = _ruler_at(d.issuer, year)
        numeric = record.get("value", {}).get("numeric_value", 0)
        if d.issuer == "japon" and face == "obverse":
            return ([issuer.legend, era_legend(year)],
                     {"lettering_translation": f"Japan\r\n{year}"})
        if d.issuer == "japon":
            return ([YEN_KANJI.get(numeric, "記念"), str(numeric)],
                    {"lettering_translation": f"{numeric} yen\r\n{numeric}"})
        if year < 0:
            return [issuer.legend], {}
        if face == "reverse":
            value = record.get("value", {}).get("text", "").upper()
            return [x for x in (topic.upper(), value, str(year) if topic else "") if x], {}
        if ruler and ruler.legend:
            extras = ({"unabridged_legend": ruler.legend.replace("D·G·", "DEI GRATIA ")}
                      if "D·G·" in ruler.legend and self.chance(0.3) else {})
            return [f"{ruler.legend}  {issuer.legend}", str(year)], extras
        motto = ["IN GOD WE TRUST", "LIBERTY"] if d.issuer == "etats-unis" else []
        return [issuer.legend, *motto, str(year)], {}

    def picture(self, issuer: str) -> Json:
        """Picture and thumbnail URLs, with copyright and licence on most."""
        rng = self.rng
        name = (f"{rng.getrandbits(56):014x}.{rng.randint(10_000_000, 99_999_999)}"
                if self.chance(0.7) else str(rng.randint(1000, 99_999)))
        out: Json = {"picture": PHOTO.format(code=issuer, name=name, size="original"),
                     "thumbnail": PHOTO.format(code=issuer, name=name, size="180")}
        if self.chance(0.88):
            owner = rng.choice(PHOTOGRAPHERS)
            out["picture_copyright"] = owner
            if self.chance(0.4):
                out["picture_copyright_url"] = "https://{}.example".format(
                    re.sub(r"[^a-z0-9]+", "-", owner.lower()).strip("-"))
            if self.chance(0.28):
                out["picture_license_name"], out["picture_license_url"] = rng.choice(LICENSES)
        return out

    def edge(self, issuer: str) -> Json:
        edge: Json = {"description": self.rng.choice(EDGES)}
        if issuer in EDGE_LETTERING and self.chance(0.15):
            edge = {"description": "Lettered", "lettering": EDGE_LETTERING[issuer],
                    "lettering_scripts": [{"name": "Latin"}]}
        if self.chance(0.14):
            edge.update(self.picture(issuer))
        return edge

    def watermark(self, record: Json) -> Json:
        subject = _subject(record["title"])
        mark: Json = {"description": self.rng.choice(
            (subject, f"{subject} and electrotype value", "Electrotype value and security thread"))}
        if self.chance(0.3):
            mark.update(self.picture(record["issuer"]["code"]))
        return mark

    # ------------------------------------------------------------------ catalogue fields
    def add_catalogue_fields(self, record: Json, d: Design, topic: str) -> None:
        """Mints or printers, series, topic, comments, tags, references, issue terms."""
        if d.category == "banknote":
            record["printers"] = [{"id": PRINTERS[k][0], "name": PRINTERS[k][1]} for k in d.mints]
        elif d.mints:
            record["mints"] = [{"id": MINTS[k].id, "name": MINTS[k].name} for k in d.mints]
        if d.series:
            record["series"] = d.series
        if topic:
            record["commemorated_topic"] = topic
        if self.chance(0.7):
            record["comments"] = self.comments(record, d, topic)
        if self.chance(0.9):
            record["tags"] = sorted(self.rng.sample(TAGS, self.rng.choice((1, 1, 2, 2, 3, 4))))
        references = self.references(d)
        if references:
            record["references"] = references
        if d.kind in ("comm", "ncl", "cnote") and record["min_year"] >= 1990 and self.chance(0.2):
            month, day = (0, 0) if self.chance(0.15) else (self.rng.randint(1, 12),
                                                            self.rng.randint(1, 28))
            record["issue_terms"] = {"is_issued": True,
                                     "issue_date": f"{record['min_year']}-{month:02d}-{day:02d}"}

    def comments(self, record: Json, d: Design, topic: str) -> str:
        mint = MINTS[d.mints[0]].name if d.mints and d.mints[0] in MINTS else "national mint"
        usable = [s for s in (ANCIENT_COMMENTS if record["min_year"] < 0 else COMMENT_SENTENCES)
                  if ("{series}" not in s or d.series) and ("{topic}" not in s or topic)]
        sentences = [s.format(mint=mint, series=d.series, year=record["min_year"], topic=topic)
                     for s in self.rng.sample(usable, self.rng.choice((1, 1, 2)))]
        joiner = "</p>\r\n<p>" if self.chance(0.6) else "<br /><br />\r\n"
        return f"<p>{joiner.join(sentences)}</p>"

    def references(self, d: Design) -> list[Json]:
        if d.category == "banknote":
            codes = ["P", *{"etats-unis": ["Fr"], "canada": ["BC"]}.get(d.issuer, [])]
        elif d.years[0] < 0:
            codes = [SECOND_CATALOGUE[d.issuer]]
        elif d.category == "exonumia":
            codes = ["KM"] if self.chance(0.3) else []
        else:
            second = SECOND_CATALOGUE.get(d.issuer)
            codes = ["KM"] + ([second] if second and self.chance(0.6) else [])
            codes = codes if self.chance(0.93) else []
        return [{"catalogue": {"id": CATALOGUE_IDS[c], "code": c},
                 "number": self.reference_number(c, d)} for c in codes]

    def reference_number(self, code: str, d: Design) -> str:
        """Catalogue numbers that grow within an issuer, in each catalogue's usual style."""
        key = (code, d.issuer)
        n = self.ref_numbers.get(key, self.rng.randint(1, 700)) + self.rng.randint(1, 9)
        self.ref_numbers[key] = n
        if code == "P":
            return f"{n}{self.rng.choice(('', 'a', 'b'))}"
        if code == "JNDA":
            return f"{n // 100 + 1:02d}-{n % 100 + 1}"
        if code == "Cr":
            return f"{n % 400 + 40}/{self.rng.randint(1, 4)}"
        if code == "KM" and d.category == "exonumia":
            return f"X{n}"
        return str(n)

    # ---------------------------------------------------------------------------- issues
    def issue_plan(self, d: Design, record: Json) -> list[Json]:
        """The issues of a type, without ids, in Numista's order (year, mint, variety)."""
        first, last = record["min_year"], record["max_year"]
        if first < 0:
            return [{"is_dated": False, "min_year": first, "max_year": last}]
        if d.category == "banknote":
            return self.note_issues(d, record)
        if d.category == "exonumia":
            return self.medal_issues(d, record)
        plan: list[Json] = []
        for year in range(first, last + 1):
            skipped = d.kind == "circ" and first < year < last and self.chance(0.04)
            if not skipped:
                plan += self.year_issues(d, record, year)
        return plan

    def year_issues(self, d: Design, record: Json, year: int) -> list[Json]:
        """One issue per lettered mint active that year (or one if none shows a letter),
        followed by proofs and varieties."""
        active = [MINTS[k] for k in d.mints if MINTS[k].start <= year <= MINTS[k].end]
        strikes: list[Mint | None] = [m for m in active if m.letter] or [*active[:1]] or [None]
        if d.kind == "bull":
            strikes = strikes[:1]
        issues: list[Json] = []
        for index, mint in enumerate(strikes):
            proof_mint = mint is not None and mint.key == "S" and year >= 1968
            if index and d.kind == "circ" and not proof_mint and self.chance(0.12):
                continue
            for written in written_years(d.issuer, year):
                comment = "Proof" if proof_mint else self.regular_comment(d)
                issues.append(self.dated_issue(d, record, written, year, mint, comment))
                if index == 0 and not proof_mint:
                    issues += [self.dated_issue(d, record, written, year, mint, c)
                               for c in self.variety_comments(d, year, comment)]
        return issues

    def regular_comment(self, d: Design) -> str:
        if d.kind == "ncl":
            return self.rng.choice(("", "", "", "", "BU", "Prooflike", "Specimen", "Proof"))
        return "BU" if d.kind == "bull" and self.chance(0.05) else ""

    def variety_comments(self, d: Design, year: int, regular: str) -> list[str]:
        extra = []
        if d.kind == "circ" and self.chance(0.04):
            extra.append(self.rng.choice(VARIETY_COMMENTS))
        us_proofs = "S" in d.mints and year >= 1968
        proof_odds = {"circ": 0.2 if year >= 1970 else 0.0, "comm": 0.3, "ncl": 0.45}
        if regular != "Proof" and not us_proofs and self.chance(proof_odds.get(d.kind, 0.0)):
            extra.append("Proof")
        return extra

    def dated_issue(self, d: Design, record: Json, written: int, year: int,
                    mint: Mint | None, comment: str) -> Json:
        issue: Json = {"is_dated": True, "year": written, "gregorian_year": year}
        letter = _shown_letter(mint, year, record.get("value", {}).get("numeric_value"))
        if letter and d.kind != "bull":
            issue["mint_letter"] = letter
        mintage = self.mintage(d, record, year, comment)
        if mintage:
            issue["mintage"] = mintage
        if comment:
            issue["comment"] = comment
        if d.issuer in ISSUE_MARKS and self.chance(0.25):
            issue["marks"] = [dict(self.rng.choice(ISSUE_MARKS[d.issuer]))]
        if self.chance(0.04):
            number = f"{self.rng.randint(1, 999)}{self.rng.choice('ab')}"
            issue["references"] = [{"catalogue": {"id": 3, "code": "KM"}, "number": number}]
        return issue

    def note_issues(self, d: Design, record: Json) -> list[Json]:
        """Banknotes: a few dated printings with signatures, or undated signature periods."""
        first, last = record["min_year"], record["max_year"]
        if d.issuer in UNDATED_NOTE_ISSUERS:
            cuts = sorted(self.rng.sample(range(first, last + 1),
                                          min(last - first + 1, self.rng.randint(1, 3))))
            spans = list(zip(cuts, [*[c - 1 for c in cuts[1:]], last], strict=True))
            return [{"is_dated": False, "min_year": a, "max_year": max(a, b),
                     "signatures": self.signatures(d.issuer, a)} for a, b in spans]
        years = sorted(self.rng.sample(range(first, last + 1),
                                       min(last - first + 1, self.rng.randint(2, 7))))
        issues: list[Json] = []
        for year in years:
            for comment in ("", "Replacement note")[: 1 + self.chance(0.15)]:
                issue: Json = {"is_dated": True, "year": year, "gregorian_year": year,
                               "signatures": self.signatures(d.issuer, year)}
                mintage = self.mintage(d, record, year, comment)
                if mintage and self.chance(0.6):
                    issue["mintage"] = mintage
                if comment:
                    issue["comment"] = comment
                issues.append(issue)
        return issues

    def signatures(self, issuer: str, year: int) -> list[Json]:
        """The same signers for every note of an issuer in a six-year period."""
        key = (issuer, year // 6)
        if key not in self.signers:
            titles = SIGNER_TITLES.get(issuer, ("Governor", "Deputy Governor"))
            names = self.rng.sample(SIGNER_NAMES, len(titles))
            self.signers[key] = [{"signer_name": n, "signer_title": t}
                                 for n, t in zip(names, titles, strict=True)]
        return [dict(s) for s in self.signers[key]]

    def medal_issues(self, d: Design, record: Json) -> list[Json]:
        first, last = record["min_year"], record["max_year"]
        if self.chance(0.3):
            issue: Json = {"is_dated": False, "min_year": first,
                           "max_year": max(last, first + self.rng.randint(0, 3))}
        else:
            comment = "Proof" if self.chance(0.2) else ""
            issue = self.dated_issue(d, record, first, first, None, comment)
        return [issue]

    def mintage(self, d: Design, record: Json, year: int, comment: str) -> int | None:
        """A plausible mintage, or None (unknown) for about one issue in seven."""
        rng = self.rng
        if self.chance(0.3 if year < 1920 else 0.12):
            return None
        scale = ISSUERS[d.issuer].scale
        face_cents = max(self.context[record["id"]].face_eur * 100, 1.0)
        if comment == "Proof":
            exponent = rng.uniform(3.3, 5.8)
        elif d.kind == "circ":
            exponent = (scale - 0.3 * math.log10(face_cents) + rng.gauss(0, 0.35)
                        - max(0, 1950 - year) / 60)
        elif d.kind == "comm":
            exponent = scale - 0.6 + rng.gauss(0, 0.3)
        elif d.kind == "bull":
            exponent = rng.uniform(4.3, 5.8) if d.comp.startswith("au") else rng.uniform(5.2, 7.2)
        elif d.category == "banknote":
            exponent = scale - 0.3 + rng.gauss(0, 0.5)
        elif d.category == "exonumia":
            exponent = rng.uniform(2.5, 4.5)
        else:
            exponent = rng.uniform(3.5, 5.7)
        count = 10**exponent
        return int(round(count, -3)) if count >= 100_000 else int(count)

    def number_issues(self, plan: list[Json]) -> list[Json]:
        """Give issues unique, increasing ids; for some types the ids are shuffled, as when
        issues were added to Numista out of order."""
        ids = []
        for _ in plan:
            self.last_issue_id += self.rng.randint(1, 9)
            ids.append(self.last_issue_id)
        if self.chance(0.2):
            self.rng.shuffle(ids)
        return [{"id": iid, **issue} for iid, issue in zip(ids, plan, strict=True)]

    # ---------------------------------------------------------------------------- prices
    def price_issue(self, record: Json, issue: Json) -> None:
        """Estimates in EUR for some grades of an issue; about 15 % get none."""
        if self.chance(0.15):
            return
        ctx = self.context[record["id"]]
        year = _issue_year(issue)
        comment = issue.get("comment", "")
        grades = self.priced_grades(ctx.design, year, comment)
        top = self.top_price(ctx, issue, year)
        if comment == "Proof":
            top *= self.rng.uniform(1.5, 3.0)
        legal_tender = ctx.currency is not None and not ctx.currency.demonetized
        floor = max(ctx.metal_eur, ctx.face_eur if legal_tender else 0.0)
        self.prices[str(issue["id"])] = _grade_ladder(self.rng, grades, top, floor)

    def priced_grades(self, d: Design, year: int, comment: str) -> tuple[str, ...]:
        choice = self.rng.choice
        if year < 0:
            return choice((GRADES[2:5], GRADES[1:5]))
        if d.kind == "bull":
            return choice((GRADES[6:], GRADES[5:]))
        if comment or d.kind == "ncl" or d.category == "exonumia":
            return choice((GRADES[6:], GRADES[5:], GRADES[4:]))
        if d.category == "banknote":
            return GRADES[1:] if year < 1990 else GRADES[3:]
        if year >= 1990:
            return choice((GRADES[4:], GRADES[6:], GRADES[3:]))
        return choice((GRADES, GRADES[2:], GRADES[1:]))

    def top_price(self, ctx: TypeContext, issue: Json, year: int) -> float:
        """Price of the best grade listed: metal, face value, age and rarity."""
        d, rng = ctx.design, self.rng
        if year < 0:
            return rng.uniform(60, 160) * float(d.dims[1] ** 0.7) * (1.0 if d.comp == "ag" else 0.3)
        if d.kind == "bull":
            return ctx.metal_eur * rng.uniform(1.08, 1.25)
        if d.category == "banknote":
            redeemable = ctx.face_eur * 1.08 if ctx.currency and not ctx.currency.demonetized else 0
            base = max(redeemable, 2.5 + 6 * math.log10(1 + ctx.face_eur))
            return base * (1 + max(0, 2025 - year) / 25) * rng.uniform(0.8, 1.3)
        if d.category == "exonumia":
            return max(ctx.metal_eur * 1.2, rng.uniform(6, 45))
        if d.kind == "ncl":
            return max(ctx.metal_eur * 1.3, ctx.face_eur * 1.05) + rng.uniform(8, 45)
        mintage = issue.get("mintage")
        rarity = min(max(float((2e7 / mintage) ** 0.35), 0.6), 40.0) if mintage else 1.5
        age = 1 + max(0, 2025 - year) / 15
        collector = (0.5 + 3 * math.sqrt(ctx.face_eur)) * age * rarity
        collector *= 1.4 if d.kind == "comm" else 1.0
        return max(ctx.metal_eur * 1.15, collector)

    # --------------------------------------------------------------------- related types
    def link_related_types(self) -> None:
        """Give about a third of the types ``related_types`` (legacy shape) pointing at other
        types of the same issuer and series or face value."""
        groups: dict[tuple[str, str], list[Json]] = {}
        for record in self.types:
            family = record.get("series") or record.get("value", {}).get("text", "")
            groups.setdefault((record["issuer"]["code"], family), []).append(record)
        for members in groups.values():
            for record in members:
                others = [m for m in members if m is not record]
                if not others or not self.chance(0.4):
                    continue
                chosen = self.rng.sample(others, min(len(others), self.rng.randint(1, 10)))
                record["related_types"] = [
                    {"id": o["id"], "title": o["title"], "category": o["category"],
                     "country": dict(o["issuer"]), "minYear": o["min_year"],
                     "maxYear": o["max_year"]} for o in sorted(chosen, key=lambda o: o["id"])]

    # ---------------------------------------------------------------- reference listings
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

    # ----------------------------------------------------------------------------- users
    def collector(self) -> Json:
        """User 1: five collections and ~190 items, with long runs of a few types so that
        set completion means something."""
        collections = [{"id": 52301 + i, "name": n} for i, n in enumerate(
            ("United States", "Commonwealth", "Europe", "Banknotes", "World type set"))]
        euro_zone = [*CURRENCIES[5].issuers.split(), "suisse"]

        def is_coin(t: Json) -> bool:
            return bool(t["category"] == "coin" and t["min_year"] > 0)

        plan: list[tuple[Callable[[Json], bool], int, int]] = [  # filter, types, issues each
            (lambda t: "Lincoln" in t["title"], 2, 18),
            (lambda t: "(Maple Twig)" in t["title"], 1, 20),
            (lambda t: "Jefferson Nickel" in t["title"], 1, 10),
            (lambda t: t["title"] == "1 Pfennig", 1, 10),
            (lambda t: t.get("series") == "50 State Quarters", 25, 1),
            (lambda t: t["issuer"]["code"] == "etats-unis" and t["object_type"]["id"] == 1, 6, 2),
            (lambda t: t["object_type"]["id"] == 20, 3, 3),
            (lambda t: t["issuer"]["code"] in REALMS and " Dollar " in f" {t['title']} "
             and is_coin(t), 15, 1),
            (lambda t: t["issuer"]["code"] in euro_zone and t["object_type"]["id"] == 2, 10, 1),
            (lambda t: t["category"] == "banknote", 14, 1),
            (lambda t: t["category"] == "exonumia", 6, 1),
            (lambda t: t["issuer"]["code"] in ("athens", "roman_republic_ancient"), 2, 1),
            (lambda t: is_coin(t) and t["object_type"]["id"] in (1, 3), 36, 1),
        ]
        picks = [pick for keep, n_types, n_issues in plan
                 for pick in self.pick_issues(keep, n_types, n_issues)]

        def collection_of(record: Json) -> int:
            code = record["issuer"]["code"]
            if record["category"] == "banknote":
                return 52304
            if code == "etats-unis":
                return 52301
            return 52302 if code in REALMS else 52303 if code in euro_zone else 52305

        items = self.items(picks, 48_500_000, collection_of)
        return {"username": "sample_collector",
                "avatar": "https://en.numista.com/forum/avatars/sample_collector.png",
                "collections": collections, "items": items}

    def fan(self) -> Json:
        """User 2: one collection and a dozen circulation coins."""
        picks = self.pick_issues(lambda t: t["object_type"]["id"] == 1 and t["min_year"] > 1900,
                                 12, 1)
        return {"username": "numista_fan",
                "avatar": "https://en.numista.com/forum/avatars/numista_fan.png",
                "collections": [{"id": 61001, "name": "My coins"}],
                "items": self.items(picks, 51_200_000, lambda record: 61001)}

    def pick_issues(self, keep: Callable[[Json], bool], n_types: int,
                    n_issues: int) -> list[tuple[Json, Json]]:
        """``n_issues`` issues (in catalogue order) of each of ``n_types`` matching types."""
        candidates = [t for t in self.types if keep(t)]
        picks = []
        for record in self.rng.sample(candidates, min(n_types, len(candidates))):
            issues = self.issues[str(record["id"])]
            positions = sorted(self.rng.sample(range(len(issues)), min(n_issues, len(issues))))
            picks += [(record, issues[i]) for i in positions]
        return picks

    def items(self, picks: list[tuple[Json, Json]], first_id: int,
              collection_of: Callable[[Json], int]) -> list[Json]:
        items, item_id = [], first_id
        for number, (record, issue) in enumerate(picks, start=1):
            item_id += self.rng.randint(1, 500)
            items.append(self.item(item_id, number, record, issue, collection_of(record)))
        return items

    def item(self, item_id: int, number: int, record: Json, issue: Json,
             collection: int) -> Json:
        """A stored collected item (the POST body plus its id)."""
        rng = self.rng
        item: Json = {"id": item_id, "type": record["id"], "for_swap": self.chance(0.1),
                      "quantity": rng.choices((1, 2, 3, 4, 5), weights=(80, 10, 5, 3, 2))[0]}
        if self.chance(0.93):
            item["issue"] = issue["id"]
        year = _issue_year(issue)
        grade = rng.choice(GRADES[4:] if year >= 1980 else GRADES[1:6])
        if self.chance(0.92):
            item["grade"] = grade
        if self.chance(0.8):
            item["price"] = self.price_paid(record, issue, grade)
        if self.chance(0.92):
            item["collection"] = collection
        if self.chance(0.85):
            start = date(min(max(year, 2008), 2025), 1, 1)
            days = rng.randint(0, (LAST_ACQUISITION - start).days)
            item["acquisition_date"] = (start + timedelta(days=days)).isoformat()
        if self.chance(0.3):
            item["acquisition_place"] = rng.choice(ACQUISITION_PLACES)
        if self.chance(0.15):
            item["internal_id"] = f"SC-{number:04d}"
        if self.chance(0.25):
            item["storage_location"] = f"Album {rng.randint(1, 6)}, page {rng.randint(1, 40)}"
        if self.chance(0.06):
            item["private_comment"] = rng.choice(("Found in change", "Gift", "Upgrade wanted"))
        if item["for_swap"]:
            item["public_comment"] = "Available for swap"
        return item

    def price_paid(self, record: Json, issue: Json, grade: str) -> Json:
        estimate = self.prices.get(str(issue["id"]), {}).get(grade)
        eur = estimate * self.rng.uniform(0.7, 1.3) if estimate else self.rng.uniform(0.5, 30)
        dollars = record["issuer"]["code"] == "etats-unis"
        currency = "USD" if self.chance(0.8 if dollars else 0.2) else "EUR"
        paid = round(eur * RATES[currency], 2)
        # Collectors note larger prices in whole units, served as JSON ints (NOTES §1).
        return {"value": round(paid) if paid >= 10 else _num(paid), "currency": currency}


def issuer_list() -> list[Json]:
    """Issuers as ``GET /issuers`` lists them."""
    out = []
    for code, issuer in ISSUERS.items():
        row: Json = {"code": code, "name": issuer.name}
        if issuer.wikidata:
            row["wikidata_id"] = issuer.wikidata
        if code in FLAGGED:
            row["flag"] = f"https://en.numista.com/design/pays/{code}.gif"
        if code in ISSUER_PARENTS:
            parent_code, parent_name, row["level"] = ISSUER_PARENTS[code]
            row["parent"] = {"code": parent_code, "name": parent_name}
        else:
            row["level"] = 1
        out.append(row)
    return out


def mint_list() -> list[Json]:
    """Mints as ``GET /mints/{id}`` serves them, ordered by id."""
    out = []
    for mint in sorted(MINTS.values(), key=lambda m: m.id):
        row: Json = {"id": mint.id, "name": mint.name, "place": mint.place,
                     "country": _issuer_ref(mint.country), "start_year": mint.start,
                     "end_year": mint.end, **MINT_EXTRAS.get(mint.key, {})}
        out.append(row)
    return out


def translatable_labels(catalogue: Json) -> list[str]:
    """Every label that ``lang`` translates and that the catalogue uses, sorted."""
    labels = {o["name"] for o in catalogue["object_types"]}
    labels |= {m["name"] for m in catalogue["mints"]}
    for issuer in catalogue["issuers"]:
        labels |= {issuer["name"], issuer.get("parent", {}).get("name", issuer["name"])}
    for t in catalogue["types"]:
        labels |= {t["composition"]["text"], t["technique"]["text"], t["shape"]}
        currency = t.get("value", {}).get("currency")
        labels |= {currency["name"], currency["full_name"]} if currency else set()
        labels |= {r["group"]["name"] for r in t.get("ruler", []) if "group" in r}
        for face in ("obverse", "reverse", "edge", "watermark"):
            labels |= {s["name"] for s in t.get(face, {}).get("lettering_scripts", [])}
    return sorted(labels)


def translate(label: str, lang_index: int) -> str | None:
    """The Spanish (0) or French (1) label, composing ``Base (detail)`` labels such as
    ``Silver (.925)`` or ``Dollar (1785-date)`` from their base; None when unknown."""
    if label in LABELS:
        return LABELS[label][lang_index]
    match = re.fullmatch(r"(.+) \((.+)\)", label)
    if not match or match.group(1) not in LABELS:
        return None
    detail = match.group(2)
    for word, localised in PAREN_WORDS.items():
        detail = re.sub(rf"\b{word}\b", localised[lang_index], detail)
    return f"{LABELS[match.group(1)][lang_index]} ({detail})"


def translations(catalogue: Json) -> Json:
    out: Json = {"es": {}, "fr": {}}
    for label in translatable_labels(catalogue):
        for index, lang in enumerate(("es", "fr")):
            localised = translate(label, index)
            if localised:
                out[lang][label] = localised
    return out


def build_catalogue(seed: int = DEFAULT_SEED) -> Json:
    """Build the synthetic sample catalogue for ``seed`` (same seed, same catalogue)."""
    return CatalogueBuilder(seed).build()


def encode(catalogue: Json) -> bytes:
    """The catalogue as the shipped bytes: compact sorted UTF-8 JSON, gzipped with mtime=0."""
    text = json.dumps(catalogue, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, then rename over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes it private; the file ships in the package
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise


def is_current(path: Path, data: bytes) -> bool:
    """Whether the file at ``path`` holds ``data`` (or the same JSON, should another zlib
    compress it differently)."""
    if not path.exists():
        return False
    shipped = path.read_bytes()
    return shipped == data or gzip.decompress(shipped) == gzip.decompress(data)


def summary(catalogue: Json) -> str:
    """Counts worth reporting: types per category, "Dollar" titles per issuer, issues, prices,
    users' items."""
    categories: dict[str, int] = {}
    dollars: dict[str, int] = {}
    for t in catalogue["types"]:
        categories[t["category"]] = categories.get(t["category"], 0) + 1
        if re.search(r"\bDollar\b", t["title"]):
            dollars[t["issuer"]["code"]] = dollars.get(t["issuer"]["code"], 0) + 1
    issues = sum(len(v) for v in catalogue["issues"].values())
    items = {u["username"]: len(u["items"]) for u in catalogue["users"].values()}
    return (f"types: {len(catalogue['types'])} {categories}\n"
            f"'Dollar' titles: {sum(dollars.values())} {dollars}\n"
            f"issues: {issues}, priced: {len(catalogue['prices'])}\nitems: {items}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the file at --out differs from a fresh build")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    catalogue = build_catalogue(args.seed)
    data = encode(catalogue)
    if args.check:
        if is_current(args.out, data):
            print(f"{args.out} is up to date")
            return 0
        print(f"{args.out} is stale or missing (it differs from a fresh build with seed "
              f"{args.seed}); regenerate it with: python data/make_sample_catalogue.py",
              file=sys.stderr)
        return 1
    write_atomically(args.out, data)
    print(summary(catalogue))
    print(f"wrote {args.out} ({len(data):,} bytes) in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

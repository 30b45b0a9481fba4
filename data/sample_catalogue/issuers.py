"""Issuers and what belongs to them: currencies, rulers, mints, banknote printers and issuing
entities, with the issuer and mint listings of the catalogue.

Codes and ids look like Numista's; the rest is invented for the SYNTHETIC sample catalogue.
"""

from __future__ import annotations

from typing import NamedTuple

from .records import Json


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


def issuer_ref(code: str) -> Json:
    return {"code": code, "name": ISSUERS[code].name}


def ruler_at(issuer: str, year: int) -> Ruler | None:
    """The ruler in office in ``year`` (the last one to have started by then)."""
    found = None
    for ruler in RULERS[issuer]:
        if ruler.start <= year:
            found = ruler
    return found


def rulers_between(issuer: str, first: int, last: int) -> list[Ruler]:
    found = [r for r in RULERS[issuer] if r.start <= last and r.end > first]
    at_start = ruler_at(issuer, first)
    return found or ([at_start] if at_start else [])


def ruler_json(ruler: Ruler) -> Json:
    out: Json = {"id": ruler.id, "name": ruler.name}
    if ruler.wikidata:
        out["wikidata_id"] = ruler.wikidata
    if ruler.group:
        out["group"] = {"id": RULER_GROUPS[ruler.group], "name": ruler.group}
    return out


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
                     "country": issuer_ref(mint.country), "start_year": mint.start,
                     "end_year": mint.end, **MINT_EXTRAS.get(mint.key, {})}
        out.append(row)
    return out

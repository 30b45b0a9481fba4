"""Type records as ``GET /types/{id}`` serves them: value, authority, physical and catalogue
fields (the sides are in ``sides``), and the legacy ``related_types`` links between them."""

from __future__ import annotations

import re
from fractions import Fraction

from .designs import COMPOSITIONS, OBJECT_TYPES, Design
from .issuers import (
    COIN_ENTITY_ISSUERS,
    CURRENCIES,
    ENTITIES,
    MINTS,
    PRINTERS,
    Currency,
    issuer_ref,
    ruler_at,
    ruler_json,
    rulers_between,
)
from .literature import CATALOGUE_IDS, SECOND_CATALOGUE
from .records import Json, json_number
from .sides import TypeSideBuilder
from .state import TypeContext

METAL_EUR_PER_GRAM = {1: 0.95, 2: 75.0}  # material id -> price of the pure metal
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
VALUE_RE = re.compile(r"^(\d*)([½¼]?) ?(.+)$")
FRACTIONS = {"": Fraction(0), "½": Fraction(1, 2), "¼": Fraction(1, 4)}


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
    value: Json = {"text": text, "numeric_value": json_number(float(worth)),
                   "currency": {"id": currency.id, "name": currency.name,
                                "full_name": currency.full_name}}
    if fraction or factor.denominator not in (1, 100):
        value.update(numerator=worth.numerator, denominator=worth.denominator)
    return value, currency


class TypeRecordBuilder(TypeSideBuilder):
    """Mixin of ``CatalogueBuilder``: one type record per design and topic, then their links."""

    def type_record(self, d: Design, first: int, last: int, topic: str) -> Json:
        self.last_type_id += self.rng.randint(1, 60)
        tid = self.last_type_id
        ot_id, ot_name, category = OBJECT_TYPES[d.kind]
        ruler = ruler_at(d.issuer, first)
        title = d.title.format(topic=topic, ruler=ruler.name if ruler else "")
        record: Json = {"id": tid, "url": f"https://en.numista.com/{tid}", "title": title,
                        "category": category, "issuer": issuer_ref(d.issuer),
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
        rulers = rulers_between(d.issuer, record["min_year"], record["max_year"])
        if rulers and (d.category != "exonumia" or self.chance(0.6)):
            record["ruler"] = [ruler_json(r) for r in rulers]
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
            record["size"], record["size2"] = (json_number(x) for x in d.dims)
            return
        record["size"], record["weight"] = json_number(d.dims[0]), json_number(d.dims[1])
        if len(d.dims) > 2 and self.chance(0.9):
            record["thickness"] = json_number(d.dims[2])
        if self.chance(0.96):
            usual = "coin" if d.issuer == "etats-unis" else "medal"
            record["orientation"] = usual if self.chance(0.97) else "variable"

    def technique(self, d: Design, year: int) -> str:
        if d.category == "banknote":
            return "Offset, Intaglio" if d.comp == "polymer" else "Intaglio"
        if year < 0:
            return "Hammered"
        return "Milled, Colourised" if d.kind == "ncl" and self.chance(0.12) else "Milled"

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

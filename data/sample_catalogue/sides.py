"""The obverse, reverse, edge and watermark of a type: descriptions, lettering and pictures."""

from __future__ import annotations

import re

from .designs import Design
from .issuers import ISSUERS, SCRIPTS, ruler_at
from .japanese import YEN_KANJI, era_legend
from .records import Json
from .state import BuilderState

PHOTO = "https://en.numista.com/catalogue/photos/{code}/{name}-{size}.jpg"
PEOPLE = ("Anna Lindqvist", "Marc Valloire", "Peter Hollis", "Inês Carvalho", "Tomás Ibarra",
          "Greta Fuchs", "Oliver Brandt", "Kenji Arai", "Sofia Marchetti", "Liam O'Rourke",
          "Claire Dumont", "Henrik Vos", "Nadia Kowal", "Samuel Achebe", "Ruth Penrose",
          "Daniel Whitcombe", "Mei Lin Chow", "Aroha Parata")
PHOTOGRAPHERS = ("Numis Lyon", "coinhunter77", "K. Varga", "oldpenny", "M. Tanaka",
                 "Silverstack", "R. Delacroix", "Auction archive", "Maple Cabinet", "B. Okafor",
                 "Zentralkabinett", "Plata y Cobre", "Southern Cross Coins", "notafilia_rj")
LICENSES = (("CC BY-NC-SA", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
            ("CC BY-NC", "https://creativecommons.org/licenses/by-nc/4.0/"),
            ("CC BY", "https://creativecommons.org/licenses/by/4.0/"),
            ("CC BY-SA", "https://creativecommons.org/licenses/by-sa/4.0/"),
            ("CC0", "https://creativecommons.org/publicdomain/zero/1.0/"))
EDGES = ("Reeded", "Plain", "Smooth", "Interrupted reeding", "Reeded", "Plain")
EDGE_LETTERING = {"royaume-uni": "DECUS ET TUTAMEN", "etats-unis": "E PLURIBUS UNUM",
                  "allemagne": "EINIGKEIT UND RECHT UND FREIHEIT", "suisse": "DOMINUS PROVIDEBIT",
                  "france": "★ ★ ★ ★ ★ ★", "canada": "CANADA CANADA CANADA"}
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


def _subject(title: str) -> str:
    """The person or motif a title names in quotes or parentheses."""
    found = re.findall(r'"([^"]+)"|\(([^)]+)\)', title)
    return next((q or p for q, p in reversed(found)), title).split(";")[-1].strip()


class TypeSideBuilder(BuilderState):
    """Mixin of ``CatalogueBuilder``: the sides of a type record."""

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
        ruler = ruler_at(d.issuer, record["min_year"])
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
        ruler = ruler_at(d.issuer, year)
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

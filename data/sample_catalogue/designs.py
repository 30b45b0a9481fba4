"""Kinds of object, compositions and the ``Design`` rows parsed from ``DESIGNS_TABLE``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from .design_table import DESIGNS_TABLE
from .issuers import ISSUERS, MINTS, PRINTERS
from .topics import TOPICS

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


def parse_designs(table: str = DESIGNS_TABLE) -> list[Design]:
    """Parse ``DESIGNS_TABLE`` (format in the docstring of ``design_table``); a line starting
    with ``|`` continues the row above it."""
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

"""The state every part of the builder shares: one seeded generator and what was built so far."""

from __future__ import annotations

import random
from typing import NamedTuple

from .designs import Design
from .issuers import Currency
from .records import Json


class TypeContext(NamedTuple):
    """What the issue, price and user generators need to know about a generated type."""

    design: Design
    currency: Currency | None
    face_eur: float
    metal_eur: float


class BuilderState:
    """What the builder's parts (types, issues, prices, users, literature) read and fill in;
    every random choice comes from one ``random.Random(seed)``, so their call order matters."""

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

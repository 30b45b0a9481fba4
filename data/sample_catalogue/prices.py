"""Price estimates per grade in EUR (never decreasing with grade), and the exchange rates."""

from __future__ import annotations

import math
import random

from .designs import Design
from .issues import issue_year
from .records import Json
from .state import BuilderState, TypeContext

GRADES = ("g", "vg", "f", "vf", "xf", "au", "unc")
RATES = {"EUR": 1.0, "USD": 1.08, "GBP": 0.85, "CAD": 1.47, "CHF": 0.96, "JPY": 162.0}


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


class PriceBuilder(BuilderState):
    """Mixin of ``CatalogueBuilder``: estimates for most issues (about 15 % get none)."""

    def price_issue(self, record: Json, issue: Json) -> None:
        """Estimates in EUR for some grades of an issue; about 15 % get none."""
        if self.chance(0.15):
            return
        ctx = self.context[record["id"]]
        year = issue_year(issue)
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

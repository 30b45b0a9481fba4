"""The two sample users, their collections and their collected items."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from .issuers import CURRENCIES, REALMS
from .issues import issue_year
from .prices import GRADES, RATES
from .records import Json, json_number
from .state import BuilderState

LAST_ACQUISITION = date(2025, 10, 31)
ACQUISITION_PLACES = ("Coin show", "Local dealer", "Bank roll", "Online auction", "Numista swap",
                      "Gift", "Flea market", "Mint shop")


class UserBuilder(BuilderState):
    """Mixin of ``CatalogueBuilder``: users 1 and 2, picking issues from the built types."""

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
        year = issue_year(issue)
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
        return {"value": round(paid) if paid >= 10 else json_number(paid), "currency": currency}

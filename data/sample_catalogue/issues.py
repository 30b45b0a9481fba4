"""The issues of a type, as ``GET /types/{id}/issues`` serves them, in Numista's order."""

from __future__ import annotations

import math

from .designs import Design
from .issuers import ISSUERS, MINTS, UNDATED_NOTE_ISSUERS, Mint
from .japanese import written_years
from .records import Json
from .state import BuilderState

SIGNER_NAMES = ("E. Hartley", "J. Moreau", "K. Albrecht", "T. Nakamura", "R. Castillo",
                "M. O'Neill", "S. Brouwer", "L. Ferraro", "A. Whitfield", "D. Okoro",
                "P. Lindgren", "C. Tan", "H. Keller", "B. Duarte", "N. Fraser", "G. Ricci")
SIGNER_TITLES = {"etats-unis": ("Treasurer of the United States", "Secretary of the Treasury"),
                 "royaume-uni": ("Chief Cashier",)}
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


def _shown_letter(mint: Mint | None, year: int, numeric: float | None) -> str:
    """Philadelphia put no letter on its coins before 1980, nor ever on cents."""
    if mint is None or (mint.key == "P" and (year < 1980 or numeric == 0.01)):
        return ""
    return mint.letter


def issue_year(issue: Json) -> int:
    """The Gregorian year of a dated issue, the first year of an undated one."""
    return int(issue["gregorian_year"] if issue["is_dated"] else issue["min_year"])


class IssueBuilder(BuilderState):
    """Mixin of ``CatalogueBuilder``: plans, mintages and ids of the issues of a type."""

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

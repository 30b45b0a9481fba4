"""Generate the SYNTHETIC sample catalogue shipped with ``numista_frames.testing``.

Everything written here is invented: issuer codes, catalogue codes and object-type ids look like
Numista's, but titles, years, mintages, prices, users and collections are made up to give the fake
API, the tests and the demo a realistic catalogue. The format is the contract in data/README.md.

    python data/make_sample_catalogue.py [--seed N] [--out PATH] [--check]

The output is deterministic: one ``random.Random(seed)`` drives every choice (a volume's library
numbers use their own, seeded with the seed and the volume's id), nothing reads the clock or
``hash()``, JSON is dumped with sorted keys and gzip with ``mtime=0``.

The generator is split by concern: ``issuers``, ``designs`` (parsing ``design_table`` and ``topics``),
``type_records`` and ``sides``, ``issues``, ``prices``, ``users``, ``literature`` and ``labels``;
``CatalogueBuilder`` here joins their builder mixins over one ``state.BuilderState``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from .designs import OBJECT_TYPES, Design, expand, parse_designs
from .issuers import ISSUER_ALIASES, issuer_list, mint_list
from .issues import IssueBuilder
from .labels import translations
from .literature import PUBLICATIONS, LiteratureBuilder
from .prices import RATES, PriceBuilder
from .records import Json
from .type_records import TypeRecordBuilder
from .users import UserBuilder

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


class CatalogueBuilder(TypeRecordBuilder, IssueBuilder, PriceBuilder, UserBuilder, LiteratureBuilder):
    """Builds the catalogue; every random choice comes from one ``random.Random(seed)``."""

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

    def add_type(self, design: Design, first: int, last: int, topic: str) -> None:
        """Generate one type, its issues and their prices."""
        record = self.type_record(design, first, last, topic)
        self.types.append(record)
        issues = self.number_issues(self.issue_plan(design, record))
        self.issues[str(record["id"])] = issues
        for issue in issues:
            self.price_issue(record, issue)


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


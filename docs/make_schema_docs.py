"""Write docs/schemas.md from the schema tables: ``python docs/make_schema_docs.py [--check]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from numista_frames.frames import schema

TARGET = Path(__file__).with_name("schemas.md")
LOADERS = {
    "search": "nf.search_df", "types": "nf.types_df", "issues": "nf.issues_df",
    "prices": "nf.prices_df", "issuers": "nf.issuers_df", "mints": "nf.mints_df",
    "catalogues": "nf.catalogues_df", "publications": "nf.publications_df", "user": "nf.user_df",
    "collections": "nf.collections_df", "collected_items": "nf.collection_df",
}


def _loader(resource: str) -> str:
    if resource in LOADERS:
        return f"`{LOADERS[resource]}(...)`"
    for parts, fn in ((schema.TYPE_PARTS, "type_parts_df"), (schema.ISSUE_PARTS, "issue_parts_df")):
        for part, name in parts.items():
            if name == resource:
                return f'`nf.{fn}(..., part="{part}")`'
    return "`nf.frames.normalize.normalize_publication_parts(bodies, part)` (no loader)"


def render() -> str:
    """The whole Markdown page."""
    lines = [
        "# Frame schemas",
        "",
        "Generated from `numista_frames/frames/schema/` by `python docs/make_schema_docs.py`; a test",
        f"keeps it current. Schema version {schema.SCHEMA_VERSION}. Every loader returns exactly",
        "these columns and dtypes, also for an empty result. `source` is where the value comes",
        "from in Numista's JSON (`a|b`: the first present; `x[].y`: each element, joined with",
        '`"; "` in wide frames, one row each in long ones; `@name`: supplied by the loader;',
        "`conv(...)`: a converter applied). Text columns have their HTML entities decoded",
        "(`&quot;` becomes `\"`; a bare `&` stays), except the raw HTML ones (`html(...)`), which",
        "keep what Numista sends beside a `plain(...)` twin.",
        "",
    ]
    for resource in schema.RESOURCES:
        table = schema.schema_frame(resource)
        lines += [f"## `{resource}`", "", f"Loader: {_loader(resource)}", "",
                  "| column | dtype | source | description |", "|---|---|---|---|"]
        for row in table.itertuples(index=False):
            cells = [f"`{row.name}`", str(row.dtype), f"`{row.source}`", str(row.description)]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the page is stale")
    args = parser.parse_args()
    text = render()
    if args.check:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is stale: run python docs/make_schema_docs.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

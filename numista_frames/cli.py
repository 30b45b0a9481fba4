"""The ``numista-frames`` command line: a thin shell over the public API, errors caught here."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .client import Client
from .config import configured, get_settings
from .exceptions import NumistaError

__all__ = ["main"]

#: The demo's fake API listens here when it can, so a second run finds its answers cached.
DEMO_PORT = 47651


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 error, 2 usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        result: int = args.func(args)
        return result
    except NumistaError as exc:
        print(f"numista-frames: error: {exc}", file=sys.stderr)
        return 1
    except (ValueError, TypeError) as exc:
        print(f"numista-frames: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="numista-frames",
        description="The Numista API v3 as typed pandas DataFrames. Source: Numista.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="run the whole pipeline on the bundled sample (no key, "
                                       "no network)")
    demo.add_argument("--out", type=Path, default=None, help="folder for the demo's files")
    demo.set_defaults(func=_demo)

    serve = sub.add_parser("serve-fake", help="serve the fake Numista API until interrupted")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--latency", type=float, default=0.0, help="seconds added to each answer")
    serve.add_argument("--max-concurrency", type=int, default=10)
    serve.add_argument("--monthly-quota", type=int, default=None)
    serve.add_argument("--image-search", action="store_true", help="enable POST /search_by_image")
    serve.set_defaults(func=_serve_fake)

    quota = sub.add_parser("quota", help="requests spent this month by the configured key")
    quota.set_defaults(func=_quota)
    return parser


def _serve_fake(args: argparse.Namespace) -> int:
    from .testing import serve_forever

    def ready(api: Any) -> None:
        print(f"Fake Numista API (SYNTHETIC sample catalogue) at {api.url}", flush=True)
        print(f"Any API key works, e.g. NUMISTA_API_URL={api.url} NUMISTA_API_KEY={api.api_key}",
              flush=True)
        print("Press Ctrl-C to stop.", flush=True)

    serve_forever(args.port, args.host, on_ready=ready, latency=args.latency,
                  max_concurrency=args.max_concurrency, monthly_quota=args.monthly_quota,
                  image_search=args.image_search)
    return 0


def _quota(args: argparse.Namespace) -> int:
    print(Client().quota())
    return 0


def _demo(args: argparse.Namespace) -> int:
    import pandas as pd

    from . import api
    from .export import to_parquet
    from .testing import FakeNumista

    cache_dir = get_settings().cache_dir / "demo"
    # The fake runs on loopback: no rate ceiling needed (the concurrency cap still holds).
    with _start_fake(FakeNumista) as fake, configured(
            api_url=fake.url, api_key=fake.api_key, cache_dir=cache_dir, offline=False,
            requests_per_second=None):
        print(f"numista-frames demo: a fake Numista API serving the SYNTHETIC sample catalogue "
              f"at {fake.url}\n")
        started = time.perf_counter()
        dollars = api.search_df("dollar", progress=False)
        print(f'Search "dollar": {len(dollars)} types (first 10)\n')
        with pd.option_context("display.width", 120, "display.max_colwidth", 50):
            print(dollars[["id", "title", "issuer_name", "min_year", "max_year"]].head(10)
                  .to_string(index=False))
        top = dollars["id"].head(3).tolist()
        issues = api.issues_df(top, progress=False)
        prices = api.prices_df(top, progress=False)
        print(f"\nIssues of N# {', '.join(map(str, top))}: {len(issues)}; price estimates: "
              f"{len(prices)} (issue x grade, {prices['currency'].iloc[0]})")
        spent = sum(f.attrs["requests_spent"] for f in (dollars, issues, prices))
        print(f"\nSource: Numista (N# = type id). {time.perf_counter() - started:.2f} s; "
              f"{spent} request(s) sent to the API; caches in {cache_dir}.")
        if spent == 0:
            print("Caches answered everything: this run spent no requests.")
        if args.out is not None:
            for name, frame in (("dollar", dollars), ("prices", prices)):
                print(f"Wrote {to_parquet(frame, args.out / f'{name}.parquet')}")
    return 0


def _start_fake(factory: Any) -> Any:
    """The demo's fake, started on its usual port (so caches carry over), else on any free port."""
    try:
        return factory(port=DEMO_PORT).start()
    except OSError:
        return factory().start()


if __name__ == "__main__":
    sys.exit(main())

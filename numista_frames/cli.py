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
from .config import get_settings
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

    from .testing import FakeNumista

    settings = get_settings()
    cache_dir = settings.cache_dir / "demo"
    with _start_fake(FakeNumista) as api, Client(settings, api_url=api.url, api_key=api.api_key,
                                                  cache_dir=cache_dir, offline=False) as client:
        print(f"numista-frames demo: fake Numista API with the SYNTHETIC sample catalogue at "
              f"{api.url}\n")
        started = time.perf_counter()
        rows = [_search_row(t) for t in client.iter_types("dollar", page_size=100)]
        frame = pd.DataFrame(rows)
        print(f'Search "dollar": {len(frame)} types\n')
        with pd.option_context("display.width", 120, "display.max_colwidth", 60):
            print(frame.head(15).to_string(index=False))
        elapsed = time.perf_counter() - started
        print(f"\nSource: Numista (N# = type id). {elapsed * 1000:.0f} ms; "
              f"{client.counts.network} request(s) sent to the API, "
              f"{client.counts.cached} answered from the cache in {cache_dir}.")
        if client.counts.network == 0:
            print("Caches answered everything: this run spent no requests.")
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
            frame.to_csv(args.out / "dollar.csv", index=False)
            print(f"Wrote {args.out / 'dollar.csv'}")
    return 0


def _start_fake(factory: Any) -> Any:
    """The demo's fake, started on its usual port (so caches carry over), else on any free port."""
    try:
        return factory(port=DEMO_PORT).start()
    except OSError:
        return factory().start()


def _search_row(item: dict[str, Any]) -> dict[str, Any]:
    issuer = item.get("issuer") or {}
    return {"id": item.get("id"), "title": item.get("title"), "issuer": issuer.get("name"),
            "category": item.get("category"), "min_year": item.get("min_year"),
            "max_year": item.get("max_year")}


if __name__ == "__main__":
    sys.exit(main())

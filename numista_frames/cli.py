"""The ``numista-frames`` command line: a thin shell over the public API, errors caught here."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .client import Client
from .exceptions import NumistaError

__all__ = ["main"]



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
    demo.add_argument("--out", type=Path, default=Path("numista-demo"),
                      help="folder for the demo's files (default: ./numista-demo)")
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
    from .demo import run_demo

    run_demo(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

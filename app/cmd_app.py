"""`policykg app [--store DIR] [--port N] [--headless]`: the Streamlit app."""
from __future__ import annotations

import sys


def cmd_app(args) -> int:
    try:
        from app.launch import run_app
    except ImportError as e:  # pragma: no cover - the app module ships with the package
        print(f"error: the app is not available: {e}", file=sys.stderr)
        return 2
    return run_app(args.store, port=args.port, headless=args.headless)


def register(sub, store_option) -> None:
    a = sub.add_parser("app", help="open the Streamlit app (builds the bundled corpus on first run)")
    a.add_argument("--port", type=int, default=None, metavar="N", help="port on 127.0.0.1 (default 8501)")
    a.add_argument("--headless", action="store_true", help="serve without opening a browser")
    store_option(a)
    a.set_defaults(func=cmd_app)

"""`policykg serve [--port N] [--store DIR]`: a read-only SPARQL endpoint over the store.

Runs ``oxigraph serve-read-only`` on the store directory (graph/serve.py): queries at
``http://127.0.0.1:PORT/query``, updates refused with 403.  Stop it before building
into the same store (one writer at a time).
"""
from __future__ import annotations

import sys


def cmd_serve(args) -> int:
    from graph import serve
    from graph.store import StoreMissing, is_remote
    if is_remote(args.store):
        print("error: serve runs over a store directory; a remote store already has its "
              "own endpoint", file=sys.stderr)
        return 2
    print(f"SPARQL endpoint: http://{args.host}:{args.port}/query (read-only; "
          f"queries time out after {args.timeout}s; Ctrl-C stops)", file=sys.stderr)
    try:
        return serve.run(args.store, args.port, args.host, args.timeout)
    except (StoreMissing, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def register(sub, store_option) -> None:
    p = sub.add_parser("serve", help="read-only SPARQL 1.1 endpoint over the store (oxigraph)")
    p.add_argument("--port", type=int, default=7878, metavar="N", help="port (default 7878)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to bind (default 127.0.0.1; the server has no authentication)")
    p.add_argument("--timeout", type=int, default=30, metavar="S",
                   help="cancel queries after S seconds (default 30)")
    store_option(p)
    p.set_defaults(func=cmd_serve)

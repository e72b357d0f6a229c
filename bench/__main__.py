"""`python -m bench …`: generate a synthetic corpus; run the build benchmark (to come)."""
from __future__ import annotations

import argparse
import json
import sys


def _generate(args: argparse.Namespace) -> int:
    from .generate import generate

    summary = generate(args.docs, args.out, seed=args.seed)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def _run(args: argparse.Namespace) -> int:
    # ------------------------------------------------------------------------
    # TODO(bench run): time a build of a generated corpus on top of the
    # library's build API (generate into a temporary folder, build, check the
    # parent links against manifest.json: each entry's "parents" lists the
    # files its preamble cites).  Another engineer implements this.
    # ------------------------------------------------------------------------
    print("bench run: not implemented yet", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write a deterministic synthetic corpus and manifest.json")
    g.add_argument("--docs", type=int, required=True, metavar="N", help="number of documents")
    g.add_argument("--out", required=True, metavar="DIR", help="output folder (created)")
    g.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    g.set_defaults(func=_generate)
    r = sub.add_parser("run", help="(not implemented yet) time a build of N generated documents")
    r.add_argument("--docs", type=int, required=True, metavar="N")
    r.set_defaults(func=_run)
    args = p.parse_args(argv)
    if getattr(args, "docs", 1) < 1:
        p.error("--docs must be at least 1")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

"""`python -m bench …`: generate a synthetic corpus; run the build and query benchmark."""
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
    from .run import run, summary_line

    result = run(args.docs, out=args.out, repeat=args.repeat, jobs=args.jobs, seed=args.seed,
                 workdir=args.workdir, rdflib=not args.no_rdflib,
                 rdflib_timeout=args.rdflib_timeout, link_timeout=args.link_timeout,
                 keep=args.keep, query_timeout=args.query_timeout,
                 log=lambda m: print(m, file=sys.stderr, flush=True))
    print(json.dumps(result["summary"], ensure_ascii=False))
    print(summary_line(result))
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write a deterministic synthetic corpus and manifest.json")
    g.add_argument("--docs", type=int, required=True, metavar="N", help="number of documents")
    g.add_argument("--out", required=True, metavar="DIR", help="output folder (created)")
    g.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    g.set_defaults(func=_generate)
    r = sub.add_parser("run", help="benchmark build and queries on N generated documents "
                                   "(see bench/run.py and BENCHMARKS.md)")
    r.add_argument("--docs", type=int, required=True, metavar="N")
    r.add_argument("--out", metavar="FILE", help="write the full results as JSON")
    r.add_argument("--repeat", type=int, default=5, metavar="R",
                   help="runs per parameterised query (median, p95; default 5)")
    r.add_argument("--jobs", type=int, default=None, metavar="J", help="parse processes (default: nproc)")
    r.add_argument("--seed", type=int, default=0, metavar="S")
    r.add_argument("--workdir", metavar="DIR", help="where corpus and stores go (default: a temp dir)")
    r.add_argument("--keep", action="store_true", help="keep the work directory")
    r.add_argument("--link-timeout", type=float, default=3600, metavar="S",
                   help="stop the link step after S seconds (build time then a lower bound)")
    r.add_argument("--no-rdflib", action="store_true", help="skip the rdflib baseline")
    r.add_argument("--rdflib-timeout", type=float, default=3600, metavar="S",
                   help="give up on the rdflib baseline after S seconds (partial figures kept)")
    r.add_argument("--query-timeout", type=float, default=300, metavar="S",
                   help="limit per timed query or page-data function (reported as failed; default 300)")
    r.set_defaults(func=_run)
    args = p.parse_args(argv)
    if getattr(args, "docs", 1) < 1:
        p.error("--docs must be at least 1")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

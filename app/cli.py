"""The `policykg` command: a thin layer over the library.

Exit status: 0 ok, 1 some inputs rejected (each named on stderr), 2 usage error.
"""
from __future__ import annotations

import argparse
import json
import sys

from loaders import LoaderError, parse_file


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


def cmd_extract(args) -> int:
    try:
        doc = parse_file(args.file)
    except LoaderError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    report = doc.report(spans=not args.no_spans)
    if args.format == "json":
        _print_json(report)
    else:
        from app.tables import print_report_table
        print_report_table(report)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="policykg", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    x = sub.add_parser("extract", help="print the extraction report of one document")
    x.add_argument("file")
    x.add_argument("--format", choices=["json", "table"], default="json")
    x.add_argument("--no-spans", action="store_true", help="leave character offsets out")
    x.set_defaults(func=cmd_extract)
    return p


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

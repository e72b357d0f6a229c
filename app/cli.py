"""The `policykg` command: a thin layer over the library.

Exit status: 0 ok, 1 some inputs rejected (each named on stderr), 2 usage error.
"""
from __future__ import annotations

import argparse
import importlib
import csv
import json
import sys

from loaders import LoaderError, parse_file

DEFAULT_STORE = ".policykg/store"

#: Subcommands living in their own modules; each has ``register(subparsers, store_option)``.
COMMAND_MODULES = ["app.cmd_lineage", "app.cmd_serve", "app.cmd_app", "app.cmd_snapshot"]


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


def _open(args, read_only: bool = True):
    """The store named by --store; None (after printing why) when it cannot be opened.

    Reads go through the publish protocol (docs/store_protocol.md): the published
    generation is resolved once and leased while the command runs."""
    from graph.store import StoreError, open_store
    try:
        if read_only:
            from graph.publish import open_for_read
            return open_for_read(args.store)
        return open_store(args.store, read_only=read_only)
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return None


def cmd_build(args) -> int:
    from graph.build import build
    from graph.publish import open_for_write
    from graph.store import StoreError
    try:        # a new generation, published atomically at the end (graph/publish.py)
        with open_for_write(args.store) as store:
            report = build(args.paths or None, store, jobs=args.jobs)
            del store
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    for path, message in report.rejected:
        print(f"rejected: {message}", file=sys.stderr)
    links = report.links
    print(f"loaded {len(report.loaded)} document(s) into {args.store}"
          + (f"; {links.edges} citation link(s), {links.stubs} stub document(s)" if links else "")
          + (f"; {len(report.rejected)} rejected" if report.rejected else ""))
    return 1 if report.rejected else 0


def _write_result(result, fmt: str) -> None:
    if fmt == "json":
        _print_json(result.dicts())
    elif fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(result.vars)
        w.writerows([["" if v is None else v for v in row] for row in result.rows])
    else:
        from app.tables import format_table
        print(format_table(result.vars, [list(r) for r in result.rows]))


def cmd_query(args) -> int:
    from graph.queries import QueryError, load_query, parse_query, run
    sources = [x for x in (args.name, args.file) if x]
    if len(sources) != 1:
        print("error: give one of NAME, --file F or - (stdin)", file=sys.stderr)
        return 2
    try:
        if args.file:
            with open(args.file, encoding="utf-8") as f:
                q = parse_query(f.read(), args.file, args.file)
        elif args.name == "-":
            q = parse_query(sys.stdin.read(), "<stdin>")
        else:
            q = load_query(args.name)
    except (QueryError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    store = _open(args)
    if store is None:
        return 2
    try:
        result = run(store, q, dict(args.param or []))
    except QueryError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    _write_result(result, args.format)
    return 0


def cmd_export(args) -> int:
    from graph.publish import open_for_read
    from graph.snapshot import manifest_path, write_snapshot
    from graph.store import StoreError
    try:            # the published generation, leased while we read it
        store = open_for_read(args.store)
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    write_snapshot(store, args.format, args.output)
    print(f"wrote {args.output} and {manifest_path(args.output)}", file=sys.stderr)
    return 0


def cmd_validate(args) -> int:
    from graph.validate import validate
    store = _open(args)
    if store is None:
        return 2
    report = validate(store)
    if report.conforms:
        print("conforms")
        return 0
    for v in report.violations:
        print(v)
    print(f"does not conform: {len(report.violations)} violation(s)")
    return 1


def _store_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", default=DEFAULT_STORE, metavar="DIR",
                   help=f"store directory (default: {DEFAULT_STORE})")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="policykg", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    x = sub.add_parser("extract", help="print the extraction report of one document")
    x.add_argument("file")
    x.add_argument("--format", choices=["json", "table"], default="json")
    x.add_argument("--no-spans", action="store_true", help="leave character offsets out")
    x.set_defaults(func=cmd_extract)

    b = sub.add_parser("build", help="load files or folders (default: the bundled corpus) into the store")
    b.add_argument("paths", nargs="*", metavar="PATH")
    b.add_argument("--jobs", type=int, default=1, metavar="N", help="parse, and align and cascade when linking, in N processes (default 1)")
    _store_option(b)
    b.set_defaults(func=cmd_build)

    q = sub.add_parser("query", help="run a named query (queries/*.rq), a file, or - for stdin")
    q.add_argument("name", nargs="?", metavar="NAME|-")
    q.add_argument("--file", metavar="F", help="a .rq file")
    q.add_argument("-p", "--param", nargs=2, action="append", metavar=("KEY", "VALUE"),
                   help="bind a query parameter (repeatable)")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    _store_option(q)
    q.set_defaults(func=cmd_query)

    e = sub.add_parser("export", help="write a sorted, deterministic snapshot of the store")
    e.add_argument("--format", choices=["trig", "nquads", "turtle", "jsonld", "graphml", "csv"],
                   default="nquads")
    e.add_argument("-o", "--output", required=True, metavar="PATH")
    _store_option(e)
    e.set_defaults(func=cmd_export)

    v = sub.add_parser("validate", help="check the store against ontology/shapes.ttl (SHACL)")
    _store_option(v)
    v.set_defaults(func=cmd_validate)
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub, _store_option)
    return p


def main(argv=None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:          # argparse: usage errors exit 2, --help exits 0
        return int(e.code or 0)
    try:
        return args.func(args)
    except BrokenPipeError:          # `policykg query … | head`
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())

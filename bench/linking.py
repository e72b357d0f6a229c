"""Linking time against corpus size: `python -m bench.linking [--sizes 50 100 200 400] [--jobs 2]`.

For each size N: generate a corpus with ``python -m bench generate --docs N`` (the
deterministic generator), build it into a fresh on-disk store (the build links once and
loads the regions graph), then time ``graph.link.link`` alone — the whole links graph
recomputed and written — ``--repeat`` times and keep the best.  Prints one row per size
with the time per document, so linear growth shows as a flat ``ms/doc`` column, and the
phases (see PHASES).  ``--markdown`` prints the table
for docs/linking_bench.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

#: link timings: align and cascade are CPU seconds summed over the per-child workers,
#: paths_wall the wall clock of that per-child phase
PHASES = ("resolve", "infer", "paths", "canonical", "read", "align", "cascade", "paths_wall", "write")


def run_size(n: int, workdir: Path, jobs: int, repeat: int, seed: int = 0) -> dict:
    from graph.build import build
    from graph.link import link
    from graph.store import open_store

    corpus = workdir / f"corpus_{n}"
    subprocess.run([sys.executable, "-m", "bench", "generate", "--docs", str(n), "--out",
                    str(corpus), "--seed", str(seed)], check=True, capture_output=True)
    store = open_store(workdir / f"store_{n}")
    t0 = time.perf_counter()
    report = build([corpus], store, jobs=jobs)
    build_s = time.perf_counter() - t0
    best = None
    for _ in range(repeat):
        r = link(store, jobs=jobs)
        total = dict(r.timings)["total"]
        if best is None or total < dict(best.timings)["total"]:
            best = r
    t = dict(best.timings)
    return {"docs": len(report.loaded), "rejected": len(report.rejected),
            "build_s": round(build_s, 2), "link_s": t["total"],
            "ms_per_doc": round(1000 * t["total"] / max(1, len(report.loaded)), 2),
            "phases": {k: t.get(k) for k in PHASES},
            "resolved": best.resolved, "stubs": best.stubs, "inferred": best.inferred,
            "alignments": best.alignments, "cascade_steps": best.cascade_steps,
            "triples": best.triples}


def markdown(rows: list[dict]) -> str:
    head = ("| docs | link s | ms/doc | " + " | ".join(PHASES)
            + " | resolved | inferred | alignments | cascade steps | links triples | build s |")
    out = [head, "|" + "---|" * (len(PHASES) + 9)]
    for r in rows:
        p = r["phases"]
        out.append(f"| {r['docs']} | {r['link_s']:.2f} | {r['ms_per_doc']:.1f} | "
                   + " | ".join(f"{p.get(k) or 0:.2f}" for k in PHASES)
                   + f" | {r['resolved']} | {r['inferred']} | {r['alignments']} | "
                     f"{r['cascade_steps']} | {r['triples']} | {r['build_s']:.1f} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.linking", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 400], metavar="N")
    p.add_argument("--jobs", type=int, default=2, help="parse processes for the build")
    p.add_argument("--repeat", type=int, default=3, help="link runs per size (best kept)")
    p.add_argument("--keep", metavar="DIR", help="work in DIR (kept) instead of a temp dir")
    p.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = p.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="pkg-linkbench-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            row = run_size(n, work, args.jobs, args.repeat)
            rows.append(row)
            if not args.markdown:
                print(json.dumps(row, ensure_ascii=False), flush=True)
    if args.markdown:
        print(f"{date.today().isoformat()}, {platform.node()}: {os.cpu_count()} cores, "
              f"{platform.processor() or platform.machine()}, Python {platform.python_version()}\n")
        print(markdown(rows))
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        growth = (b["link_s"] / a["link_s"]) / (b["docs"] / a["docs"])
        print(f"\n{b['docs'] / a['docs']:.0f}× the documents: link time ×{b['link_s'] / a['link_s']:.1f} "
              f"(time ratio / size ratio = {growth:.2f}; 1 = linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

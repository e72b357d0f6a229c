"""`python -m bench.report RESULT.json`: the Markdown tables of BENCHMARKS.md from one
``python -m bench run --out RESULT.json`` (nothing is measured here)."""
from __future__ import annotations

import json
import sys

from .run import REFERENCE_ONLY, summary_line


def _ms(v: dict | None) -> str:
    if not v:
        return "–"
    if "error" in v:
        return "failed: " + v["error"].split(":")[0]
    return f"{v['median_ms']:.1f} / {v['p95_ms']:.1f}"


def _one(v: dict | None) -> str:
    if not v:
        return "–"
    if "error" in v:
        return "failed: " + v["error"].split(":")[0]
    rows = f" ({v['rows']} rows)" if v.get("rows") is not None else ""
    return f"{v['median_ms']:.0f}{rows}"


def report(r: dict) -> str:
    s, b, lk, p, bl = r["summary"], r["build"], r["link"], r["parse_only"], r["bulk_load"]
    out = [f"```\n{summary_line(r)}\n```", ""]
    m = r["machine"]
    out.append(f"Machine: {m['nproc']} cores ({m['cpu']}), {m['memory']}, Python {m['python']}; "
               f"load average at start {tuple(round(x, 1) for x in m['loadavg_at_start'])}, "
               + ", ".join(f"after {k.replace('_done', '')} {tuple(round(x, 1) for x in v)}"
                           for k, v in r.get("loadavg", {}).items() if k != "start")
               + f"; started {r['started']}, --jobs {r['jobs']}, --repeat {r['repeat']}.")
    out.append("")
    links = lk.get("links") or {}
    t = dict(links.get("timings") or [])
    rows = [
        ("documents / quads in document graphs", f"{s['docs']:,} / {b['triples']:,} "
                                                  f"({s['quads_per_doc']:,} per document)"),
        ("text parsed", f"{b['chars']:,} characters"),
        ("parse-only floor (N-Quads out, --jobs workers)", f"{p['wall_s']:.0f} s "
         f"(parse {p['parse_cpu_s']:.0f} s + mapping {p['rdf_cpu_s']:.0f} s CPU; "
         f"{p['nquads_mb']:,.0f} MB of N-Quads)"),
        ("bare bulk-load floor (that file, on disk)", f"{bl['wall_s']:.0f} s, {bl['peak_rss_mb']:,.0f} MB peak"),
        ("build: documents phase", f"{s['documents_s']:.0f} s (parent's bulk loading "
         f"{b['timings_s']['store']:.0f} s, overlapping the workers)"),
        ("build: link + stats", f"{s['link_s']:.0f} s" + (" (timed out)" if s["link_timed_out"] else "")
         + (f" — link {lk['timings_s']['link']:.0f} s (resolve {t.get('resolve', 0):.0f}, "
            f"canonical indicators {t.get('canonical', 0):.0f}, per-child align + cascade "
            f"{t.get('paths_wall', 0):.0f} wall, write {t.get('write', 0):.0f}), "
            f"stats {lk['timings_s']['stats']:.0f} s" if "timings_s" in lk else "")),
        ("whole build", f"{s['build_s']:.0f} s; limit_ratio {s['limit_ratio']}"),
        ("links graph", f"{links.get('triples', 0):,} triples: {links.get('inferred', 0):,} inferred "
         f"parents, {links.get('alignments', 0):,} alignment candidates, "
         f"{links.get('cascade_steps', 0):,} cascade steps, {links.get('gaps', 0):,} gaps"),
        ("peak RSS", f"{s['peak_rss_mb']:,.0f} MB (largest process: build parent, parse workers, "
         f"link parent {s.get('link_peak_rss_mb', '?')} MB, link workers "
         f"{s.get('link_worker_peak_rss_mb', '?')} MB)"),
        ("store on disk", f"{s['store_mb']:,.0f} MB"),
    ]
    rd = r.get("rdflib") or {}
    if rd:
        rows.append(("rdflib baseline", (f"load {rd.get('load_s', '?')} s, link {rd.get('link_s', '?')} s"
                                          + (" (capped)" if rd.get("link_capped") else "")
                                          + f", build {rd.get('build_s', '?')} s"
                                          + (" (lower bound)" if rd.get("build_incomplete") else "")
                                          + f"; build ratio {s.get('rdflib_build_ratio', 'na')}, "
                                          f"query ratio {s.get('rdflib_query_ratio', 'na')} over "
                                          f"{s.get('rdflib_queries_compared', 0)} queries")))
    out += ["| figure | value |", "|---|---|"] + [f"| {a} | {b_} |" for a, b_ in rows] + [""]
    q = r["queries"]["queries"]
    names = sorted({k.split(":")[0] for k in q})
    rq = (rd.get("queries") or {})
    out += ["| canned query | with parameters: median / p95 ms | full: ms (rows) | rdflib, parameterised median ms |",
            "|---|---|---|---|"]
    for n in names:
        theirs = rq.get(f"{n}:param") or rq.get(f"{n}:full")
        th = "–" if not theirs else f"{theirs['median_ms']:.0f}" + (" (capped)" if theirs.get("capped") else "")
        out.append(f"| `{n}` | {_ms(q.get(f'{n}:param'))} | {_one(q.get(f'{n}:full'))} | {th} |")
    out += ["", "| page data (first view) | median / p95 ms | rows |", "|---|---|---|"]
    for k, v in r["queries"]["pagedata"].items():
        note = " (reference, not on a page)" if any(x in k for x in REFERENCE_ONLY) else ""
        out.append(f"| `{k}`{note} | {_ms(v)} | {v.get('rows', '–')} |")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    for path in argv:
        print(report(json.load(open(path, encoding="utf-8"))))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

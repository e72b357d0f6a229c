"""`python -m bench run` end to end on a handful of generated documents: every step runs, every
canned query and page-data function is timed on both stores, and the last line is the
machine-readable summary the issue asks for.  (Speed is the benchmark's business, not this
test's: it checks the harness works, not how fast.)"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph import queries as Q

ROOT = Path(__file__).resolve().parent.parent
KEYS = ("docs", "quads_per_doc", "build_s", "peak_rss_mb", "lineage_p95_ms", "slowest_query_ms",
        "rdflib_build_ratio", "rdflib_query_ratio", "limit_ratio")


@pytest.mark.slow
def test_bench_run_prints_the_summary_line(tmp_path):
    out = tmp_path / "result.json"
    p = subprocess.run([sys.executable, "-m", "bench", "run", "--docs", "6", "--repeat", "1",
                        "--out", str(out), "--workdir", str(tmp_path / "work")],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    last = p.stdout.strip().splitlines()[-1]
    m = re.fullmatch(r"summary: " + " ".join(rf"{k}=(\S+)" for k in KEYS), last)
    assert m, last
    values = dict(zip(KEYS, m.groups()))
    assert values["docs"] == "6"
    for k in KEYS:                      # every figure measured in this run: none missing
        assert values[k] != "na", (k, last)
        float(values[k])
    r = json.loads(out.read_text(encoding="utf-8"))
    assert not r["link"].get("timed_out") and r["link"]["links"]["alignments"] > 0
    names = {q.name for q in Q.list_queries()}
    timed = {k.split(":")[0] for k, v in r["queries"]["queries"].items() if "median_ms" in v}
    assert timed == names, r["queries"]["queries"]
    assert all("median_ms" in v for v in r["queries"]["pagedata"].values()), r["queries"]["pagedata"]
    rd = r["rdflib"]["queries"]
    assert {k.split(":")[0] for k in rd} == names
    assert not (tmp_path / "work" / "bulk").exists()      # the floor's store is gone before the build

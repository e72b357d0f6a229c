"""The command line end to end, in a temporary directory (default store .policykg/store)."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from app.cli import main
from graph.store import open_store

from conftest import CORPUS, seed_paths


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_query_without_a_store_says_run_build(workdir, capsys):
    for argv in (["query", "documents"], ["export", "--format", "nquads", "-o", "x.nq"],
                 ["validate"]):
        code, out, err = run(capsys, *argv)
        assert code == 2, argv
        assert "no store at .policykg/store; run policykg build" in err
    assert not (workdir / ".policykg").exists()


def test_usage_errors_exit_2(workdir, capsys):
    assert run(capsys, "query")[0] == 2
    assert run(capsys, "nosuchcommand")[0] == 2


def test_build_query_export_validate(workdir, capsys):
    code, out, err = run(capsys, "build")
    assert code == 0, err
    assert "loaded 5 document(s)" in out

    code, out, err = run(capsys, "query", "documents", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["doc", "title", "level", "region_code", "issuer", "date", "period",
                             "stub", "sections"]
    assert sum(r["stub"] == "false" for r in rows) == 5
    assert any(r["stub"] == "true" for r in rows)

    code, out, err = run(capsys, "query", "measures", "--format", "json", "-p", "doc", rows[0]["doc"])
    assert code == 0, err
    assert "\\u" not in out                       # Chinese unescaped
    data = json.loads(out)
    assert all(r["doc"] == rows[0]["doc"] for r in data)

    code, out, err = run(capsys, "query", "units")
    assert code == 0 and out.splitlines()[0].split()[0] == "unit"

    for fmt in ("trig", "turtle"):
        assert run(capsys, "export", "--format", fmt, "-o", f"snap.{fmt}")[0] == 0
        assert (workdir / f"snap.{fmt}").stat().st_size > 0

    code, out, err = run(capsys, "validate")
    assert code == 0 and out.strip() == "conforms", out


def test_query_from_file_and_stdin(workdir, capsys, monkeypatch):
    assert run(capsys, "build", str(seed_paths()[0]))[0] == 0
    (workdir / "q.rq").write_text("SELECT (COUNT(*) AS ?n) WHERE { ?d a eli:LegalResource }",
                                  encoding="utf-8")
    code, out, err = run(capsys, "query", "--file", "q.rq", "--format", "json")
    assert code == 0 and int(json.loads(out)[0]["n"]) >= 1
    monkeypatch.setattr("sys.stdin", io.StringIO("SELECT ?t WHERE { ?d eli:title ?t }"))
    code, out, err = run(capsys, "query", "-", "--format", "csv")
    assert code == 0 and out.startswith("t\n")
    code, out, err = run(capsys, "query", "--file", "q.rq", "-p", "x", "1")
    assert code == 2 and "error" in err       # ?x is not in the projection


def test_two_builds_export_identical_bytes(workdir, capsys):
    for store in ("a", "b"):
        assert run(capsys, "build", "--store", store, "--jobs", "2")[0] == 0
        assert run(capsys, "export", "--store", store, "--format", "nquads", "-o", f"{store}.nq")[0] == 0
    a, b = (workdir / "a.nq").read_bytes(), (workdir / "b.nq").read_bytes()
    assert a == b and len(a) > 1000
    lines = a.decode("utf-8").splitlines()
    assert lines == sorted(lines)


def test_bad_file_is_rejected_and_the_rest_loaded(workdir, capsys):
    docs = workdir / "docs"
    shutil.copytree(CORPUS, docs)
    (docs / "zz_broken.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    code, out, err = run(capsys, "build", str(docs))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "zz_broken.txt" in lines[0]
    assert "loaded 5 document(s)" in out
    store = open_store(".policykg/store", read_only=True)
    names = store.query("SELECT DISTINCT ?n WHERE { ?s pkg:fileName ?n }").column("n")
    assert "zz_broken.txt" not in names and len(names) == 5

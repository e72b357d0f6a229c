"""Snapshots: export writes PATH.manifest.json; import verifies it and rebuilds the store."""
from __future__ import annotations

import json

import pytest

from app.cli import main
from graph.export import sorted_nquads
from graph.publish import current_generation, open_for_read
from graph.snapshot import manifest_path

from conftest import CORPUS


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """The seeds built once; exported in every importable format."""
    d = tmp_path_factory.mktemp("snap")
    store = d / "store"
    assert main(["build", str(CORPUS), "--store", str(store)]) == 0
    for fmt, ext in (("trig", "trig"), ("nquads", "nq"), ("jsonld", "jsonld"),
                     ("turtle", "ttl")):
        assert main(["export", "--store", str(store), "--format", fmt,
                     "-o", str(d / f"kg.{ext}")]) == 0
    return d, store


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_manifest_is_deterministic_and_describes_the_file(source, capsys, tmp_path):
    d, store = source
    m = json.loads((d / "kg.trig.manifest.json").read_text(encoding="utf-8"))
    assert m["format"] == "trig" and m["generation"] == current_generation(store)
    assert m["counts"]["documents"] == 5 and m["counts"]["quads"] > 10_000
    assert m["counts"]["graphs"] >= 5 + 3
    (f,) = m["files"]
    assert f["name"] == "kg.trig" and f["size"] == (d / "kg.trig").stat().st_size
    assert set(m) == {"checksum", "counts", "files", "format", "generation",
                      "policykg_version", "snapshot_version"}      # no timestamps
    # a second export of the same generation: identical file and manifest
    assert run(capsys, "export", "--store", store, "--format", "trig",
               "-o", tmp_path / "kg.trig")[0] == 0
    assert (tmp_path / "kg.trig").read_bytes() == (d / "kg.trig").read_bytes()
    assert ((tmp_path / "kg.trig.manifest.json").read_bytes()
            == (d / "kg.trig.manifest.json").read_bytes())


@pytest.mark.parametrize("name", ["kg.trig", "kg.nq", "kg.jsonld"])
def test_export_then_import_gives_the_same_dataset(source, capsys, tmp_path, name):
    d, store = source
    target = tmp_path / "imported"
    code, out, err = run(capsys, "import", d / name, "--store", target)
    assert code == 0, err
    assert "imported 5 document(s)" in out
    assert target.is_symlink()                         # published through the protocol
    original, imported = open_for_read(store), open_for_read(target)
    # no blank nodes anywhere: identical sorted N-Quads is isomorphism of the datasets
    a = sorted_nquads(original)
    assert b"_:" not in a and a == sorted_nquads(imported)
    assert original.named_graphs() == imported.named_graphs()


def _copy(source_dir, tmp_path, name="kg.nq"):
    data = (source_dir / name).read_bytes()
    man = (source_dir / f"{name}.manifest.json").read_bytes()
    (tmp_path / name).write_bytes(data)
    (tmp_path / f"{name}.manifest.json").write_bytes(man)
    return tmp_path / name


def test_a_changed_byte_is_refused_and_nothing_written(source, capsys, tmp_path):
    d, _ = source
    snap = _copy(d, tmp_path)
    data = bytearray(snap.read_bytes())
    data[len(data) // 2] ^= 0x01
    snap.write_bytes(bytes(data))
    code, out, err = run(capsys, "import", snap, "--store", tmp_path / "s")
    assert code == 1
    assert "snapshot refused" in err and "sha256" in err
    assert not (tmp_path / "s").exists() and not (tmp_path / "s.d").exists()


def test_an_edited_manifest_is_refused(source, capsys, tmp_path):
    d, _ = source
    snap = _copy(d, tmp_path)
    mp = manifest_path(snap)
    m = json.loads(mp.read_text(encoding="utf-8"))
    m["counts"]["documents"] += 1
    mp.write_text(json.dumps(m), encoding="utf-8")
    code, out, err = run(capsys, "import", snap, "--store", tmp_path / "s")
    assert code == 1 and "manifest" in err and "modified" in err
    assert not (tmp_path / "s").exists()
    # a file swapped for another with a manifest that does not list it: refused too
    snap2 = _copy(d, tmp_path, "kg.trig")
    snap2.write_bytes((d / "kg.nq").read_bytes())
    assert run(capsys, "import", snap2, "--store", tmp_path / "s")[0] == 1
    # a missing manifest
    (tmp_path / "lone.nq").write_bytes((d / "kg.nq").read_bytes())
    code, _, err = run(capsys, "import", tmp_path / "lone.nq", "--store", tmp_path / "s")
    assert code == 1 and "no manifest" in err
    assert not (tmp_path / "s").exists()


def test_import_does_not_overwrite_a_store_unless_asked(source, capsys, tmp_path):
    d, store = source
    target = tmp_path / "t"
    assert run(capsys, "import", d / "kg.nq", "--store", target)[0] == 0
    gen = current_generation(target)
    code, _, err = run(capsys, "import", d / "kg.trig", "--store", target)
    assert code == 2 and "--replace" in err and current_generation(target) == gen
    assert run(capsys, "import", d / "kg.trig", "--store", target, "--replace")[0] == 0
    assert current_generation(target) != gen
    # a Turtle snapshot merges the graphs: refused, clearly
    code, _, err = run(capsys, "import", d / "kg.ttl", "--store", tmp_path / "u")
    assert code == 1 and "Turtle" in err

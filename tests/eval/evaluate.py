"""Score the measure aligner against tests/eval/alignment_gold.json.

    .venv/bin/python -m tests.eval.evaluate        # prints the figures of docs/alignment_eval.md
    .venv/bin/python -m tests.eval.evaluate --store .policykg/store   # the same, scored on the
                                                   # alignments a build wrote (pkg:Alignment)

- precision@1: share of child measures (with a Hunan counterpart) whose rank-1
  candidate is one of the expected Hunan measures;
- hit@3: share whose top three hold at least one expected measure;
- recall@3: share of all expected (child, parent) pairs found in the top three;
- acceptance: with the threshold, accepted rank-1 links that are right / all accepted
  (precision), right accepted / items with a counterpart (recall), and items without a
  counterpart correctly left unaccepted.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from graph.align import THRESHOLD, align_documents

from .seed_measures import IRIS, seed_doc

GOLD = Path(__file__).resolve().parent / "alignment_gold.json"


@dataclass(frozen=True)
class Figures:
    items: int
    p_at_1: float
    hit_at_3: float
    recall_at_3: float
    accepted_precision: float
    accepted_recall: float
    none_rejected: str
    unmatched: tuple[str, ...]


def _find(doc, path: str, heading: str):
    for m in doc.measures:
        if m.path == path and m.heading[:6] == heading[:6]:
            return m
    for m in doc.measures:
        if m.heading[:10] == heading[:10]:
            return m
    return None


Ranked = list[tuple[str, bool]]      # (parent path, accepted), rank 1 first


def score(lookup, certain_only: bool = False) -> Figures:
    """The figures, given ``lookup(child_key, path, heading) -> Ranked | None`` (None = the
    gold measure is not in the parse)."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    n = p1 = h3 = pairs = found = acc = acc_ok = none_n = none_ok = 0
    unmatched = []
    for it in gold["items"]:
        if certain_only and not it["certain"]:
            continue
        ranked = lookup(it["child_doc"], it["child_path"], it["child_heading"])
        if ranked is None:
            unmatched.append(f'{it["child_doc"]} {it["child_path"]}')
            continue
        top = [p for p, _a in ranked]
        exp = [e["path"] for e in it["expected"]]
        accepted = bool(ranked) and ranked[0][1]
        if not exp:
            none_n += 1
            none_ok += not accepted
            acc += accepted
            continue
        n += 1
        p1 += bool(top) and top[0] in exp
        h3 += any(p in exp for p in top[:3])
        pairs += len(exp)
        found += sum(1 for p in exp if p in top[:3])
        if accepted:
            acc += 1
            acc_ok += top[0] in exp
    return Figures(items=n + none_n, p_at_1=round(p1 / n, 3), hit_at_3=round(h3 / n, 3),
                   recall_at_3=round(found / pairs, 3),
                   accepted_precision=round(acc_ok / acc, 3) if acc else 0.0,
                   accepted_recall=round(acc_ok / n, 3),
                   none_rejected=f"{none_ok}/{none_n}", unmatched=tuple(unmatched))


def evaluate(certain_only: bool = False, threshold: float = THRESHOLD, **kw) -> Figures:
    """Align each child seed with Hunan directly (graph.align) and score."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    parent = seed_doc(gold["parent_doc"])
    docs = {k: seed_doc(k) for k in {i["child_doc"] for i in gold["items"]}}
    results = {k: align_documents(d, [parent], threshold=threshold, **kw) for k, d in docs.items()}
    ppath = {m.iri: m.path for m in parent.measures}

    def lookup(key, path, heading):
        m = _find(docs[key], path, heading)
        if m is None:
            return None
        ranked = sorted((a for a in results[key].alignments if a.child == m.iri),
                        key=lambda a: a.rank)
        return [(ppath[a.parent], a.accepted) for a in ranked]

    return score(lookup, certain_only)


def evaluate_store(store, certain_only: bool = False) -> Figures:
    """Score the alignments a build wrote to ``store`` (the ``alignment`` named query),
    restricted to the Hunan candidates, the seeds identified by their loaded text."""
    from graph.queries import run
    from loaders import parse_file
    from loaders.to_rdf import doc_iri

    from .seed_measures import CORPUS, SEEDS
    iri = {k: doc_iri(parse_file(CORPUS / f)).value for k, f in SEEDS.items()}
    hunan = iri[json.loads(GOLD.read_text(encoding="utf-8"))["parent_doc"]]
    rows = run(store, "alignment").dicts()
    by_child: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        if r["parent_doc"] == hunan:
            by_child.setdefault((r["child_doc"], r["child_path"]), []).append(r)

    def lookup(key, path, heading):
        cands = [v for (d, p), v in by_child.items() if d == iri[key] and p == path
                 and (v[0]["child_heading"] or "")[:6] == heading[:6]]
        if not cands:
            cands = [v for (d, _p), v in by_child.items() if d == iri[key]
                     and (v[0]["child_heading"] or "")[:10] == heading[:10]]
        if not cands:
            return None
        ranked = sorted(cands[0], key=lambda r: int(r["rank"]))
        return [(r["parent_path"], r["accepted"] == "true") for r in ranked]

    return score(lookup, certain_only)


if __name__ == "__main__":
    import sys
    if "--store" in sys.argv:
        from graph.store import open_store
        st = open_store(sys.argv[sys.argv.index("--store") + 1], read_only=True)
        for label, certain in (("all", False), ("certain only", True)):
            print(label, evaluate_store(st, certain_only=certain))
    else:
        for label, certain in (("all", False), ("certain only", True)):
            print(label, evaluate(certain_only=certain))

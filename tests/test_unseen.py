"""Hand-written documents of the genre the extractor was not built on (tests/unseen/*.txt) scored
against hand-made gold (tests/unseen/*.json) with the shared scorer's ``score_doc``.

The scorer is imported from ../shared/eval/score_extraction.py when it is there; otherwise a small
copy of its field checks below is used.  A regression lowers the mean or a field below its floor.
"""
from __future__ import annotations

import difflib
import importlib.util
import json
import re
import unicodedata
from pathlib import Path

import pytest

from loaders.parse import parse_file

HERE = Path(__file__).resolve().parent
UNSEEN = HERE / "unseen"
SCORER = HERE.parent.parent / "shared" / "eval" / "score_extraction.py"
MEAN_FLOOR = 0.95
FIELD_FLOOR = 1.0          # every field of every unseen document scores 1.0 today


def _load_score_doc():
    if SCORER.exists():
        spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod.score_doc
    return _score_doc


# --- a small copy of the scorer's field checks (used when the shared scorer is absent) ---------
QUOTES = "“”\"'‘’「」『』《》<>〈〉()（）[]【】〔〕 \u3000\xa0\t\r\n"


def _norm(s) -> str:
    return "" if s is None else "".join(ch for ch in unicodedata.normalize("NFKC", str(s)) if ch not in QUOTES)


def _similar(a, b, cutoff=0.85) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a and b) and (a == b or difflib.SequenceMatcher(None, a, b).ratio() >= cutoff)


def _value(v) -> str:
    m = re.search(r"(≤|≥|<|>|=)?\s*(-?\d+(?:\.\d+)?)", unicodedata.normalize("NFKC", str(v or "")).strip())
    if not m:
        return ""
    num = m.group(2).rstrip("0").rstrip(".") if "." in m.group(2) else m.group(2)
    return (m.group(1) or "") + num


def _f1(tp, ng, np_):
    if ng == 0 and np_ == 0:
        return 1.0
    p, r = (tp / np_ if np_ else 0.0), (tp / ng if ng else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def _matched(gold, pred, same) -> int:
    used, tp = set(), 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and same(g, p):
                used.add(i)
                tp += 1
                break
    return tp


def _score_doc(gold: dict, ext: dict) -> dict:
    s: dict[str, float] = {}
    if gold.get("title"):
        s["title"] = float(_similar(gold["title"], ext.get("title"), 0.9))
    issuer = lambda g, p: (_similar(_norm(g).replace("市场监督管理局", "市场监管局"),
                                    _norm(p).replace("市场监督管理局", "市场监管局"), 0.8)
                           or _norm(p).replace("市场监督管理局", "市场监管局") in _norm(g).replace("市场监督管理局", "市场监管局"))
    if gold.get("issuer"):
        s["issuer"] = _matched(gold["issuer"], ext.get("issuer") or [], issuer) / len(gold["issuer"])
    for key in ("date", "doc_number", "level", "region_code", "period"):
        if gold.get(key):
            s[key] = float(_norm(gold[key]) == _norm(ext.get(key)))
    gb, eb = gold.get("basis") or [], ext.get("basis") or []
    if gb or eb:
        s["basis"] = _f1(_matched(gb, eb, lambda g, p: _similar(g, p, 0.9)), len(gb), len(eb))
    gs, es = gold.get("sections_top") or [], ext.get("sections_top") or []
    if gs:
        s["sections_top"] = _f1(_matched(gs, es, lambda g, p: _norm(g) == _norm(p)), len(gs), len(es))
    gi, ei = gold.get("indicators") or [], ext.get("indicators") or []
    if gi or ei:
        row = lambda g, p: (_similar(g["name"], p.get("name")) and _value(g.get("target")) == _value(p.get("target"))
                            and _value(g.get("baseline")) == _value(p.get("baseline"))
                            and _norm(g.get("unit")).replace("％", "%") == _norm(p.get("unit")).replace("％", "%")
                            and (g.get("attribute") or "") == (p.get("attribute") or ""))
        s["indicators"] = _f1(_matched(gi, ei, row), len(gi), len(ei))
    tgt = lambda g, p: (_value(g["quantity"]) == _value(p.get("quantity")).lstrip("≤≥<>=")
                        and _norm(g.get("unit")) == _norm(p.get("unit")))
    gt, et = gold.get("inline_targets") or [], ext.get("inline_targets") or []
    if gold.get("inline_targets_complete"):
        s["inline_targets"] = _f1(_matched(gt, et, tgt), len(gt), len(et))
    elif gt:
        s["inline_targets_recall"] = _matched(gt, et + ei, tgt) / len(gt)
    nt = gold.get("not_targets") or []
    if nt:
        def hits(bad, p):     # as the shared scorer: same number and unit, and the quotes overlap
            if not tgt(bad, p):
                return False
            quote = _norm(p.get("text"))
            return not quote or quote in _norm(bad["text"]) or _norm(bad["text"]) in quote
        s["not_targets_avoided"] = 1 - sum(any(hits(b, p) for p in et) for b in nt) / len(nt)
    gm = gold.get("measures") or []
    if gm:
        em = [m for m in ext.get("measures") or [] if m.get("units")]
        s["measures_count"] = float(len(em) == len(gm))
        unit = lambda g, p: _norm(re.sub(r"[<〈＜][^>〉＞]*[>〉＞]", "", g)) == _norm(re.sub(r"[<〈＜][^>〉＞]*[>〉＞]", "", p))
        scores = [_f1(_matched(g["units"], p["units"], unit), len(g["units"]), len(p["units"])) for g, p in zip(gm, em)]
        s["measure_units"] = sum(scores) / len(gm)
        s["lead_unit"] = sum(unit(g["lead_unit"], p.get("lead_unit") or p["units"][0]) for g, p in zip(gm, em)) / len(gm)
    return s


# --- the test ---------------------------------------------------------------------------------
GOLDS = sorted(UNSEEN.glob("*.json"))


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    score_doc = _load_score_doc()
    out = {}
    for gf in GOLDS:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        ext = parse_file(UNSEEN / gold["file"]).report(spans=False)
        out[gf.stem] = score_doc(gold, ext)
    return out


def test_there_are_unseen_documents():
    assert len(GOLDS) >= 8
    for gf in GOLDS:
        assert (UNSEEN / json.loads(gf.read_text(encoding="utf-8"))["file"]).exists()


def test_mean_score_over_unseen_documents(scores):
    values = [v for s in scores.values() for v in s.values()]
    mean = sum(values) / len(values)
    assert mean >= MEAN_FLOOR, f"mean {mean:.3f} over {len(values)} fields"


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.stem)
def test_no_field_below_its_floor(gold, scores):
    low = {k: round(v, 3) for k, v in scores[gold.stem].items() if v < FIELD_FLOOR}
    assert not low, f"{gold.stem}: {low}"


def test_the_copy_of_the_scorer_agrees_with_the_scorer(scores):
    if not SCORER.exists():
        pytest.skip("shared scorer not present")
    for gf in GOLDS[:3]:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        ext = parse_file(UNSEEN / gold["file"]).report(spans=False)
        assert _score_doc(gold, ext).keys() == scores[gf.stem].keys()

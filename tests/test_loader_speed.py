"""The fast paths of the loaders give what the plain forms they replace give.

Each speed-up in loaders/ keeps a slower, obvious form of the same rule (a regex tried at
every character, a per-character loop, a set of every quad); these tests hold the two
together on seed texts and on random strings built from the pieces that matter.
"""
from __future__ import annotations

import gc
import random
import re
from pathlib import Path

import pytest

from loaders import fold, structure, targets, units
from loaders.regions import GENERIC_NAMES, gazetteer

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _texts() -> list[str]:
    files = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")) + sorted(
        (Path(__file__).parent / "unseen").glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def _random_strings(pieces: list[str], n: int, seed: int, most: int = 12) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, most))) for _ in range(n)]


# --- regions: Gazetteer.find ------------------------------------------------------------

def _find_plain(g, text: str) -> list[tuple[int, int, str]]:
    """At every character the longest name (two characters or more) starting there."""
    out, i = [], 0
    names = [k for k in g._by_name if len(k) >= 2]
    longest = max(len(k) for k in names)
    known = set(names)
    for s in range(len(text)):
        if s < i:
            continue
        hit = next((text[s:s + n] for n in range(min(longest, len(text) - s), 1, -1)
                    if text[s:s + n] in known), None)
        if hit and hit not in GENERIC_NAMES and not g._embedded(text, s, hit):
            out.append((s, s + len(hit), hit))
            i = s + len(hit)
    return out


def test_gazetteer_find_is_the_plain_scan():
    g = gazetteer()
    names = sorted(g._by_name)
    rnd = random.Random(3)
    pieces = []
    for _ in range(400):
        nm = rnd.choice(names)
        pieces += [nm, nm[:max(1, len(nm) - 1)], nm[1:] or nm]
    pieces += list("省市区县和及与的在新城郊示范，。 \n") + sorted(GENERIC_NAMES)
    texts = [t[:3000] for t in _texts()] + _random_strings(pieces, 1500, seed=4, most=8)
    for t in texts:
        assert g.find(t) == _find_plain(g, t), t[:80]


# --- units: bare clauses ------------------------------------------------------------------

def test_bare_clause_ends_are_the_regex_matches():
    pieces = list(units.LEAD_LABELS + units.SUPPORT_LABELS) + [
        "单位", "牵", "头", "责任", " ", "\t", "\u3000", "\n", "。", "；", ";", "！", "?", "：", ":",
        "（", "）", "科", "局", "、", "，", "x"]
    rnd = random.Random(7)
    for t in _random_strings(pieces, 20000, seed=8, most=14):
        a = rnd.randint(0, len(t))
        b = rnd.randint(a, len(t))
        want = [m.end() for m in units.BARE_CLAUSE.finditer(t, a, b)]
        assert list(units._bare_clause_ends(t, a, b)) == want, (t, a, b)


# --- fold ----------------------------------------------------------------------------------

def test_fold_chars_is_fold_char_per_character():
    every = "".join(chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c <= 0xDFFF)
    every += "".join(chr(c) for c in range(0x20000, 0x20400))
    assert fold.fold_chars(every) == "".join(fold.fold_char(ch) for ch in every)
    simplified = "市场监管局责任单位"
    assert fold.fold_chars(simplified) is simplified
    assert fold.fold_chars("市場監管𠀀") == "市场监管𠀀"


def test_gloss_pattern_is_the_lookbehind_first_one():
    plain = re.compile(rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[（(]"
                       rf"(?=[a-zA-Zü{fold.TONED}' ]*[{fold.TONED}])[a-zA-Zü{fold.TONED}' ]{{1,40}}[）)]")
    pieces = ["市", "場", "a", "chǎng", "jiān guǎn", "(", ")", "（", "）", " ", "\n", "x", "ü", "'"]
    for t in _random_strings(pieces, 5000, seed=9):
        for pos in (0, 1):
            assert [m.span() for m in fold.GLOSS.finditer(t, pos)] == [m.span() for m in plain.finditer(t, pos)]


# --- structure and targets: cheap tests before regexes ----------------------------------

def test_leader_test_is_the_regex():
    pieces = ["…", ".", "·", "－", "-", " ", "1", "２", "目录", "第一章", "\u3000"]
    for t in _random_strings(pieces, 20000, seed=10, most=16):
        assert structure._has_leader(t) == (structure.TOC_LEADER.search(t) is not None), t


def test_chinese_numeral_candidates_need_a_numeral_before_a_unit():
    pieces = list("一两二三四五六七八九十百零〇个家项件批所座名条场户以上左右，。；、）\n") + ["建成", "新增", "x"]
    for t in _random_strings(pieces, 20000, seed=11, most=10):
        if targets.CN_CANDIDATE.search(t) or targets.CN_AFTER.search(t):
            assert targets.CN_PAIR.search(t), t


def test_target_candidates_open_with_a_digit_class():
    plain = re.compile(targets.CANDIDATE.pattern.replace(r"(?P<num>\d\d*", r"(?P<num>\d+", 1))
    assert plain.pattern != targets.CANDIDATE.pattern
    pieces = list("0123456789.９ 个万元%％户家以上下内左右学时月年，。") + ["亿元", "工作日", "x"]
    for t in _random_strings(pieces, 20000, seed=13, most=10):
        assert ([(m.span(), m.groupdict()) for m in targets.CANDIDATE.finditer(t)]
                == [(m.span(), m.groupdict()) for m in plain.finditer(t)]), t


def test_lines_of_a_range_are_the_plain_split():
    def plain(text, start, end):
        out, pos = [], start
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            raw = text[pos:stop]
            skip = structure.ARTEFACT.match(raw).end()
            body = raw[skip:].rstrip()
            out.append((pos + skip, pos + skip + len(body), body))
            pos = stop + 1
        return out

    rnd = random.Random(14)
    pieces = ["a", "\n", " ", "\ufeff", "[bookmark: x]", "中", "\n\n", "\u3000"]
    for t in _random_strings(pieces, 3000, seed=15, most=30) + [t[:4000] for t in _texts()]:
        for _ in range(10):
            a = rnd.randint(-2, len(t) + 2)
            b = rnd.randint(a - 2, len(t) + 3)
            assert [(x.start, x.end, x.text) for x in structure.lines(t, a, b)] == plain(t, a, b), (t, a, b)


def test_heading_start_covers_every_heading_style():
    pieces = list("第一二三四五六七八九十百零〇○两章编篇部分、．.（）()0123456789０１２专栏 \t") + ["x", "指导思想"]
    for t in _random_strings(pieces, 20000, seed=12, most=8):
        if any(p.match(t) for _style, p in structure.PATTERNS):
            assert structure.HEADING_START.match(t), t


# --- to_rdf ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_docs():
    from loaders.parse import parse_file
    files = sorted(SEEDS.glob("*.txt")) or sorted(CORPUS.glob("*.txt"))
    return [parse_file(f) for f in files]


def test_to_quads_has_no_duplicate_and_leaves_the_collector_as_it_was(seed_docs):
    from loaders.to_rdf import to_quads
    for doc in seed_docs:
        quads = to_quads(doc)
        assert len(set(quads)) == len(quads)
    assert gc.isenabled()
    gc.disable()
    try:
        to_quads(seed_docs[0])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_vocabulary_terms_as_attributes():
    from pyoxigraph import NamedNode

    from loaders.vocab import ELI, OA
    assert ELI.title == NamedNode("http://data.europa.eu/eli/ontology#title") == ELI["title"]
    assert OA.prefix == "oa"                               # the property, as before
    assert OA["prefix"] == NamedNode("http://www.w3.org/ns/oa#prefix")
    with pytest.raises(AttributeError, match="not a term of ELI"):
        ELI.titel
    with pytest.raises(AttributeError, match="not a term of ELI"):
        ELI["titel"]

"""Targets stated in prose: a quantity with a unit that the plan sets out to reach.

A candidate is a number written with a unit of measure (``21万户``, ``98%``, ``40批次``,
``10000台(件)``, ``50个学时``; Chinese numerals only right after a target verb:
``建成三个``).  It is a target unless the text says it is a past statistic:

- it lies in a section that reviews the previous period (发展基础, 历史成效, 面临形势,
  发展环境, 机遇和挑战 …);
- its sentence carries a tense cue without a forward one (截至2020年底, 由2017年的…增至,
  “十三五”时期末, 以来, a year before the plan period not introduced by 较/比);
- it is part of a name, date, range or code (12315, 4.26, 第二届, 1-2个, 2022-2024年).

The comparator comes from the words around the number (不少于/不低于/以上 → ≥, 超过/突破 → >,
不超过/以内/以下 → ≤, 低于/少于 → <, 达到/达/保持在 → =); the year from 到2026年 / 至2023年底 in
the sentence, else a 到YYYY年 earlier in the paragraph, else the year a goal section opens with,
else the plan's year when the plan covers one year; 每年 / 年均 leave it null.
"""
from __future__ import annotations

import re

from .model import IndicatorRow, Measure, Metadata, Section, Span, Target
from .numerals import cn_to_int
from .tables import UNIT

# units a prose target is counted in (tables.UNIT without bare time words, which are durations or dates)
_TIME = re.compile(r"^[十百千万亿]*(年|月|日|岁|期|起)$")
# (\d\d* rather than \d+: a pattern that opens with a character class lets the engine skip to
# the digits instead of trying every character)
CANDIDATE = re.compile(
    rf"(?P<num>\d\d*(?:\.\d+)?)\s*(?:个(?=学时|课时|工作日|小时|月))?(?P<unit>{UNIT})(?P<post>以上|以内|以下|左右)?")
CN_CANDIDATE = re.compile(
    r"(?P<num>[两二三四五六七八九]|[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]百[零一二三四五六七八九十]*)"
    r"(?P<unit>个|家|项|件|批|所|座|名|条|场|户)(?P<post>以上|左右)?")
CN_CUE = re.compile(r"(新增|建成|建设|培育|创建|打造|完成|达到|达|不少于|不低于|突破|超过|争创|建立|选树|新建)$")
# a Chinese numeral written after its noun, closing the clause: 培育…示范区一个。 新建…工作站八个，
CN_AFTER = re.compile(
    r"(?P<num>[一两二三四五六七八九]|[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]百[零一二三四五六七八九十]*)"
    r"(?P<unit>个|家|项|件|批|所|座|名|条|场|户)(?P<post>以上|左右)?(?=[，,。；;、）)]|$)", re.M)
# a numeral character right before a unit character: CN_CANDIDATE and CN_AFTER match only where this
# does (they try their alternatives at every character; this finds the few paragraphs worth it)
CN_PAIR = re.compile(r"[一两二三四五六七八九十百零][个家项件批所座名条场户]")
CN_VERB = re.compile(r"新增|建成|培育|创建|打造|完成|新建|设立|建立|选树|争创|认定|引进|推出|发布|制定|制修订|修订")
# a percentage in words: 百分之九十五, 百分之九十五点五
CN_PERCENT = re.compile(r"百分之(?P<num>[零〇一二三四五六七八九十百两]+(?:点[零〇一二三四五六七八九]+)?)(?P<post>以上|以内|以下|左右)?")

REVIEW = re.compile(r"发展基础|工作基础|现实基础|历史成效|主要成效|成效|回顾|成就|形势|发展环境|机遇|挑战|"
                    r"基本情况|取得的?成绩|工作总结|现状")
GOAL = re.compile(r"目标")
CLAUSE_END = "，,；;。！？!?：:\n"
SENTENCE_END = "；;。！？!?\n"
FULL_STOP = "。！？!?\n"

PAST = re.compile(r"截至|截止|以来|由\s*\d{4}\s*年|(?<![到至])“?十[一二三]五”?(?:时期|期间|期末|末)|"
                  r"已(?:经|达|有|建成|完成|实现|累计)|增至|较.{0,12}?(?:期末|年底|年末)?(?:增长|提高|提升|下降)")
FUTURE = re.compile(r"力争|争取|确保|到\s*20\d\d|(?<![截止])至\s*20\d\d|将|计划|目标|预计|“?十[四五六]五”?(?:期间|时期|末)")
YEAR_AT = re.compile(r"(?:到|至|力争到|在)?\s*(20\d\d)\s*年?(?:底|末|前)?")
BASE_CUE = re.compile(r"(较|比|同比|与|由|相比|比照)\s*$")
PER_YEAR = re.compile(r"每年|年均|每季度|每月|每半年")
WHOLE_YEAR = re.compile(r"全年|年内|今年|本年")

COMPARATORS = [
    (re.compile(r"(不少于|不低于|不小于|至少)\s*$"), "≥"),
    (re.compile(r"(不超过|不高于|不大于|控制在)\s*$"), "≤"),
    (re.compile(r"(超过|突破|超|高于|大于|多于)\s*$"), ">"),
    (re.compile(r"(低于|少于|小于)\s*$"), "<"),
    (re.compile(r"(达到|达|增至|增加到|提高到|提升到|提高至|提升至|保持在|稳定在|实现|为|至)\s*$"), "="),
]
POST = {"以上": "≥", "以内": "≤", "以下": "≤"}
#: A clause prefix that is only a verb: the indicator is the noun after the quantity.
VERB_ONLY = re.compile(r"(?:打造|建设|建成|创建|培育|新增|设立|完成|建立|引进|发展|开展|争创|认定|推广)")
TAIL_NOUN = re.compile(r"[^，,。；;：:、\s（()）“”]{2,20}")
LEAD = re.compile(r"^(?:\s|其中|并|力争|争取|确保|全年|年内|每年|年均|(?:到|至|在)?\s*20\d\d\s*年?(?:底|末|前)?|"
                  r"“?十[四五六]五”?(?:期间|时期|末)|实现|推动|使)+")


def _plan_years(meta: Metadata) -> tuple[int | None, int | None]:
    ys = [int(y) for y in re.findall(r"\d{4}", meta.period or "")]
    return (ys[0], ys[-1]) if ys else (None, None)


def _context(sections: tuple[Section, ...], pos: int) -> list[Section]:
    """The sections that contain ``pos``, outermost first."""
    return [s for s in sections if s.span.start <= pos < max(s.end, s.span.end)]


def _goal_year(text: str, secs: list[Section]) -> int | None:
    """The year a goal section opens with (到2026年,…), for the goals listed under it."""
    for s in secs:
        if GOAL.search(s.title):
            m = re.search(r"(?:到|至)\s*(20\d\d)\s*年", text[s.span.end: s.end])
            if m:
                return int(m.group(1))
    return None


def _past_cue(prefix: str, plan_start: int | None) -> bool:
    """A tense cue of a past statistic; 较2021年下降10% compares a target with the year before the plan."""
    for m in PAST.finditer(prefix):
        y = re.search(r"(20\d\d)\s*年", m.group()) if m.group().startswith("较") else None
        if y and plan_start and int(y.group(1)) >= plan_start - 1:
            continue
        return True
    return False


def _is_past(sentence_prefix: str, plan_start: int | None) -> bool:
    future = FUTURE.search(sentence_prefix)
    if _past_cue(sentence_prefix, plan_start) and not future:
        return True
    if plan_start and not future:
        for m in re.finditer(r"(20\d\d|19\d\d)\s*年", sentence_prefix):
            if int(m.group(1)) < plan_start and not BASE_CUE.search(sentence_prefix[: m.start()]):
                return True
    return False


def _year(clause_prefix: str, sentence_prefix: str, para_prefix: str, default: int | None,
          single: int | None, plan_start: int | None) -> int | None:
    if PER_YEAR.search(clause_prefix):
        sentence_prefix = clause_prefix     # 每年 …: only a deadline in the same clause gives a year
    for m in reversed(list(YEAR_AT.finditer(sentence_prefix))):
        y = int(m.group(1))
        if BASE_CUE.search(sentence_prefix[: m.start()]) or re.match(r"\s*年?\s*[-—~至]\s*20\d\d", sentence_prefix[m.end(1):]):
            continue
        if plan_start is None or y >= plan_start:
            return y
    if PER_YEAR.search(sentence_prefix):
        return None
    m = None
    for m in re.finditer(r"(?:到|至)\s*(20\d\d)\s*年", para_prefix):
        pass
    if m is not None:
        return int(m.group(1))
    if default is not None:
        return default
    return single


def _comparator(before: str, post: str | None) -> str | None:
    if post in POST:
        return POST[post]
    for pat, sym in COMPARATORS:
        if pat.search(before):
            return sym
    return None


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last clause mark, or a 、 that closes a quantity."""
    i = pos
    while i > lo:
        ch = text[i - 1]
        if ch in CLAUSE_END:
            break
        if ch == "、" and re.search(rf"\d\s*{UNIT}(?:以上|以内|以下)?$", text[max(lo, i - 20): i - 1]):
            break
        i -= 1
    while i < pos and text[i] in " \t\u3000\xa0":
        i += 1
    return i


def _inside_brackets(prefix: str) -> bool:
    return prefix.count("《") > prefix.count("》") or prefix.count("“") > prefix.count("”")


_NUMBER_BEFORE = re.compile(r"[\d.·\-－—~～/]$|第$")
_ORDINAL_BEFORE = re.compile(r"第[\d、,，和及至]*$")
_RANGE_AFTER = re.compile(r"\s*[-－—~～]\s*\d")
_LATIN_BEFORE = re.compile(r"[A-Za-z]$")
_LATIN_AFTER = re.compile(r"[A-Za-z]")
_SIZE_CLASS = re.compile(r"经营额|规模|以上的|产值的")


def _candidates(text: str, a: int, b: int):
    for m in CANDIDATE.finditer(text, a, b):
        unit = m.group("unit")
        if _TIME.match(unit):
            continue
        before = text[max(a, m.start() - 3): m.start()]
        after = text[m.end(): m.end() + 2]
        if _NUMBER_BEFORE.search(before) or _ORDINAL_BEFORE.search(text[max(a, m.start() - 40): m.start()]) or _RANGE_AFTER.match(text[m.end("num"):m.end("num") + 3]):
            continue                      # part of a date, code, range or ordinal
        if _LATIN_BEFORE.search(before) or _LATIN_AFTER.match(after):
            continue
        if unit in ("万元", "元", "亿元") and _SIZE_CLASS.match(after + text[m.end() + 2: m.end() + 3]):
            continue                      # a size class (1000万元经营额广告企业), not a target
        yield m, m.group("num")
    if CN_PAIR.search(text, a, b) is not None:
        yield from _cn_candidates(text, a, b)
    for m in CN_PERCENT.finditer(text, a, b):
        yield m, _arabic(m.group("num"))


def _cn_candidates(text: str, a: int, b: int):
    """Chinese numerals with a unit: after a target verb (建成三个), or closing the clause (…示范区一个。)."""
    seen = set()
    for m in CN_CANDIDATE.finditer(text, a, b):
        if CN_CUE.search(text[max(a, m.start() - 3): m.start()]) and not re.match(r"[一二三四五六七八九十]", text[m.end():m.end() + 1]):
            seen.add(m.start())
            yield m, _arabic(m.group("num"))
    for m in CN_AFTER.finditer(text, a, b):
        if m.start() in seen or re.search(r"[一二三四五六七八九十百零〇第每]$", text[max(a, m.start() - 1): m.start()]):
            continue
        clause = text[_clause_start(text, a, m.start()): m.start()]
        if CN_VERB.search(clause) and not re.search(r"[\d一二三四五六七八九十两][个家项件批所座名条场户]", clause):
            yield m, _arabic(m.group("num"))


def _arabic(cn: str) -> str:
    """A Chinese numeral as an Arabic number: 三 -> 3, 六十 -> 60, 九十五点五 -> 95.5."""
    whole, _, frac = cn.partition("点")
    n = cn_to_int(whole)
    if n is None:
        return cn
    digits = "".join(str(cn_to_int(ch)) for ch in frac if cn_to_int(ch) is not None)
    return f"{n}.{digits}" if digits else str(n)


def extract(text: str, sections: tuple[Section, ...], meta: Metadata,
            measures: tuple[Measure, ...], indicators: tuple[IndicatorRow, ...]) -> tuple[Target, ...]:
    """Targets stated in the prose of ``text[meta.body_start:meta.body_end]``, in document order."""
    plan_start, plan_end = _plan_years(meta)
    single = plan_end if plan_start is not None and plan_start == plan_end else None
    in_table = [(r.span.start, r.span.end) for r in indicators]
    out: list[Target] = []
    pos = meta.body_start
    while pos < meta.body_end:
        nl = text.find("\n", pos, meta.body_end)
        end = meta.body_end if nl < 0 else nl
        para_start, para_end = pos, end
        pos = end + 1
        if para_end - para_start < 4:
            continue
        cands = sorted(_candidates(text, para_start, para_end), key=lambda x: x[0].start())
        if not cands:
            continue
        secs = _context(sections, para_start)
        if any(REVIEW.search(s.title) for s in secs):
            continue
        goal_year = _goal_year(text, secs)
        for m, num in cands:
            start = m.start()
            if any(x <= start < y for x, y in in_table):
                continue
            s_start = max((text.rfind(ch, para_start, start) for ch in SENTENCE_END), default=-1)
            s_start = para_start if s_start < para_start else s_start + 1
            sentence_prefix = text[s_start:start]
            if _inside_brackets(sentence_prefix) or _is_past(sentence_prefix, plan_start):
                continue
            # clauses parted by ； share the tense of the sentence: 2021年，A达到…；B达到…
            f_start = max((text.rfind(ch, para_start, start) for ch in FULL_STOP), default=-1)
            f_start = para_start if f_start < para_start else f_start + 1
            if f_start < s_start and not FUTURE.search(sentence_prefix) and _is_past(text[f_start:s_start], plan_start):
                continue
            c_start = _clause_start(text, para_start, start)
            clause_prefix = text[c_start:start]
            year = _year(clause_prefix, sentence_prefix, text[para_start:s_start], goal_year, single, plan_start)
            cmp_ = _comparator(clause_prefix, m.group("post"))
            indicator = LEAD.sub("", clause_prefix)
            indicator = re.sub(r"(不少于|不低于|不小于|不超过|不高于|控制在|超过|突破|超|高于|低于|少于|达到|达|增至|"
                               r"增加到|提高到|提升到|提高至|提升至|保持在|稳定在|为)\s*$", "", indicator).strip()
            if not indicator or VERB_ONLY.fullmatch(indicator):
                # 打造500个放心消费集贸市场: the indicator follows the quantity
                tail = TAIL_NOUN.match(text, m.end(), min(len(text), m.end() + 24))
                if tail:
                    indicator = indicator + tail.group(0)
            unit = (m.groupdict().get("unit") or "%").replace("％", "%")
            out.append(Target(text=text[c_start:m.end()], quantity=num, unit=unit, year=year,
                              comparator=cmp_, indicator=indicator or None,
                              span=Span.of(text, c_start, m.end())))
    return tuple(out)

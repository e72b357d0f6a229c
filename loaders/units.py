"""Responsible units: the clauses that pin a task on named units, and their identity.

Clauses this genre writes, in either width and in any mix of them::

    （责任单位：行政审批和政务服务科、各市场监管所）
    (责任单位:行政审批办<登记注册科>、相关科室)
    （牵头单位：办公室；配合单位：各相关科室，各市场监管所）
    责任单位：质量监督管理科                      (no brackets, at the end of a paragraph)

Rules, none tied to one document:

- lists are separated by 、 ， , ； ; (separators inside brackets do not split);
- ``<…>`` / ``〈…〉`` / ``＜…＞`` after a unit is an alias or sub-office of that unit:
  the name keeps it as written, ``base`` drops it, ``alias`` holds it;
- the first listed unit leads (责任单位 lists, "排第一的为牵头单位") unless a label
  names the lead (牵头单位, 主责单位 …): then units under lead labels lead and the
  rest support;
- collective units name a class of units (各市场监管所, 机关各科室, 相关科室和单位,
  食品相关科室): they start with 各/所有/全体/相关, or hold 各 or 相关 before a word
  for a kind of unit;
- a clause that makes a class of units co-responsible for all the work
  (所有…工作，X均为责任单位) is a document-wide responsibility, see
  :func:`document_units`;
- near-duplicates inside one issuer (食检所 / 市食检所, 食品生产科 / 食品生产科<米粉办>)
  resolve to one canonical unit, see :func:`canonical_units`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .model import Measure, Span, UnitRef

OPEN, CLOSE = "（(【[", "）)】]"
ANGLE = {"<": ">", "〈": "〉", "＜": "＞"}
BRACKETS = {"（": "）", "(": ")", "【": "】", "[": "]", **ANGLE}
SEPARATORS = "、，,；;"

LEAD_LABELS = ("牵头单位", "牵头部门", "牵头科室", "牵头处室", "主责单位", "主办单位", "牵头")
SUPPORT_LABELS = ("责任单位", "责任部门", "责任科室", "责任处室", "责任主体", "配合单位",
                  "配合部门", "配合科室", "协办单位", "协同单位", "参与单位", "协助单位")
LABEL = "|".join(sorted(LEAD_LABELS + SUPPORT_LABELS, key=len, reverse=True))
LABEL_RE = re.compile(rf"({LABEL})[ \t\u3000]*[：:]")
# a label at the start of a bracket, or after a sentence break / line start without brackets
CLAUSE_OPEN = re.compile(rf"[（(【\[][ \t\u3000]*(?=(?:{LABEL})[ \t\u3000]*[：:])")
BARE_CLAUSE = re.compile(rf"(?:^|(?<=[。；;！？!?]))[ \t\u3000]*(?=(?:{LABEL})[ \t\u3000]*[：:])", re.M)

KIND = r"(?:科室|单位|部门|处室|股室|机构|科|室|局|所|队|中心|委|办|站)"
COLLECTIVE = re.compile(rf"^(?:各|所有|全体|相关|有关)|各\S{{0,8}}?{KIND}|(?:相关|有关)(?:责任|业务)?{KIND}")
# a role written after the unit: 市场监管局牵头，发改委配合；各部门按职责分工负责
ROLE_SUFFIX = re.compile(r"(?:按职责分工|按职能分工|按职责)?(?P<role>牵头|配合|参与|协助|协同|负责|落实)$")
ORG_SUFFIX = re.compile(rf"{KIND}|会|院|组|班|支队|处|股|专班|秘书处")
LEVEL_PREFIX = ("市", "区", "县", "省", "州", "旗")
SPACE = re.compile(r"[ \t\u3000\xa0]+")


@dataclass(frozen=True)
class Clause:
    """One responsibility clause: its units in order and the whole clause's span."""

    units: tuple[UnitRef, ...]
    span: Span

    @property
    def lead_unit(self) -> str | None:
        return lead_of(self.units)


def squeeze(s: str) -> str:
    """Drop stray white space inside a name (Word splits words: 审 查)."""
    return SPACE.sub("", s)


def is_collective(name: str) -> bool:
    return bool(COLLECTIVE.search(squeeze(name)))


ALIAS = re.compile(r"[<〈＜]([^>〉＞]*)[>〉＞]\s*$")


def split_alias(name: str) -> tuple[str, str | None]:
    """'行政审批办<登记注册科>' -> ('行政审批办', '登记注册科')."""
    m = ALIAS.search(name)
    if not m or m.start() == 0:
        return name, None
    return name[:m.start()].strip(), m.group(1).strip() or None


def _close_of(text: str, start: int, limit: int) -> int:
    """Offset of the bracket closing the one at ``start`` (nesting aware), or -1."""
    depth = 0
    for i in range(start, limit):
        ch = text[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth -= 1
            if depth == 0:
                return i
        elif ch == "\n":
            return -1
    return -1


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Top-level pieces of text[start:end] between separators (brackets respected)."""
    pieces, depth_stack, piece = [], [], start
    for i in range(start, end):
        ch = text[i]
        if ch in BRACKETS:
            depth_stack.append(BRACKETS[ch])
        elif depth_stack and ch == depth_stack[-1]:
            depth_stack.pop()
        elif not depth_stack and ch in SEPARATORS:
            pieces.append((piece, i))
            piece = i + 1
    pieces.append((piece, end))
    return pieces


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    junk = " \t\u3000\xa0。.\n"
    while a < b and text[a] in junk:
        a += 1
    while b > a and text[b - 1] in junk:
        b -= 1
    return a, b


def _units_in(text: str, start: int, end: int) -> list[UnitRef]:
    """Units of the clause body text[start:end] (labels and roles resolved)."""
    labels = list(LABEL_RE.finditer(text, start, end))
    explicit_lead = (any(m.group(1) in LEAD_LABELS for m in labels)
                     or re.search(r"牵头(?=[，,；;、）)\s]|$)", text[start:end]) is not None)
    out: list[UnitRef] = []
    for k, m in enumerate(labels):
        seg_end = labels[k + 1].start() if k + 1 < len(labels) else end
        lead_label = m.group(1) in LEAD_LABELS
        for a, b in _split(text, m.end(), seg_end):
            a, b = _trim(text, a, b)
            if a >= b:
                continue
            suffix = ROLE_SUFFIX.search(text, a, b)
            said = suffix.group("role") if suffix and suffix.start() > a else None
            if said:
                a, b = _trim(text, a, suffix.start())
            raw = text[a:b]
            if a >= b or LABEL_RE.fullmatch(raw) or raw in LEAD_LABELS + SUPPORT_LABELS:
                continue
            name = squeeze(raw)
            base, alias = split_alias(name)
            if said == "牵头" or (explicit_lead and lead_label):
                role = "lead"
            elif explicit_lead or said:
                role = "support"
            else:
                role = "lead" if not out else "support"
            out.append(UnitRef(name=name, base=base, alias=alias, role=role,
                               collective=is_collective(base), span=Span.of(text, a, b)))
    return out


def clauses(text: str, start: int = 0, end: int | None = None) -> tuple[Clause, ...]:
    """Every responsibility clause in text[start:end], in order."""
    end = len(text) if end is None else end
    if LABEL_RE.search(text, start, end) is None:
        return ()                 # both kinds of clause hold a label and its colon
    found: list[Clause] = []
    taken: list[tuple[int, int]] = []
    for m in CLAUSE_OPEN.finditer(text, start, end):
        close = _close_of(text, m.start(), end)
        if close < 0:
            continue
        units = _units_in(text, m.end(), close)
        if units:
            found.append(Clause(tuple(units), Span.of(text, m.start(), close + 1)))
            taken.append((m.start(), close + 1))
    for a in _bare_clause_ends(text, start, end):
        if any(s <= a < e for s, e in taken):
            continue
        stop = text.find("\n", a, end)
        stop = end if stop < 0 else stop
        cut = re.search(r"[。！？!?]", text[a:stop])
        b = a + cut.start() if cut else stop
        units = _units_in(text, a, b)
        if units:
            _, b = _trim(text, a, b)
            found.append(Clause(tuple(units), Span.of(text, a, b)))
    return tuple(sorted(found, key=lambda c: c.span.start))


def _bare_clause_ends(text: str, start: int, end: int):
    """``m.end()`` of each match of BARE_CLAUSE.finditer(text, start, end), found from the labels.

    The pattern tries its anchor and look-behind at every character; a match is the white
    space before a label and its colon, the run starting at a line start or after a sentence
    end.  A label inside another label's match never has white space or a boundary before it."""
    for m in LABEL_RE.finditer(text, start, end):
        q = p = m.start()
        while p > start and text[p - 1] in " \t\u3000":
            p -= 1
        if p == 0 or text[p - 1] in "\n。；;！？!?":
            yield q


def lead_of(units: Iterable[UnitRef]) -> str | None:
    units = list(units)
    for u in units:
        if u.role == "lead":
            return u.name
    return units[0].name if units else None


# -- document-wide co-responsibility ------------------------------------------------------

SCOPE = r"(?:所有|全部|各项|上述|以上|全年)"
WHOLE_DOC = re.compile(
    rf"{SCOPE}[^。；;\n]*?工作[^。；;\n]*?[，,：:]\s*(?P<who>[^，,。；;\n]+?)"
    rf"(?:均|都|皆|也|同)(?:为|是|作为)(?:共同)?责任单位"
    rf"|(?P<who2>[^，,。；;：:\n]+?)(?:均|都|皆)?(?:为|是|作为)共同责任单位")


WHOLE_DOC_CUE = re.compile(r"(?:均|都|皆|也|同)(?:为|是|作为)(?:共同)?责任单位|共同责任单位")


#: How far before its cue a whole-document clause may start (bounds the regex work on long lines).
WHOLE_DOC_WINDOW = 150


def _whole_doc_matches(text: str, start: int, end: int):
    """WHOLE_DOC matches, searched in bounded windows around the clusters of cues.

    A match never spans lines and starts at most WHOLE_DOC_WINDOW characters before
    its cue; cues within one window share one search, so the work stays linear in the
    text even on one very long line full of cues."""
    cues = list(WHOLE_DOC_CUE.finditer(text, start, end))
    seen: set[tuple[int, int]] = set()
    i = 0
    while i < len(cues):
        first = cues[i]
        j = i
        while j + 1 < len(cues) and cues[j + 1].end() <= first.start() + WHOLE_DOC_WINDOW:
            j += 1
        lo = max(start, first.start() - WHOLE_DOC_WINDOW)
        a = max(text.rfind("\n", lo, first.start()) + 1, lo)
        for m in WHOLE_DOC.finditer(text, a, cues[j].end()):
            if m.span() not in seen and "\n" not in m.group(0):
                seen.add(m.span())
                yield m
        i = j + 1


def document_units(text: str, start: int = 0, end: int | None = None,
                   skip: Iterable[tuple[int, int]] = ()) -> tuple[UnitRef, ...]:
    """Units a closing (or opening) clause makes co-responsible for all the work.

    ``skip`` holds ranges (measure texts) where such wording is a measure's own."""
    end = len(text) if end is None else end
    skip = list(skip)
    out: list[UnitRef] = []
    for m in _whole_doc_matches(text, start, end):
        group = "who" if m.group("who") else "who2"
        a, b = _trim(text, m.start(group), m.end(group))
        if a >= b or any(s <= a < e for s, e in skip):
            continue
        pieces = [_trim(text, x, y) for x, y in _split(text, a, b)]
        pieces = [(x, y) for x, y in pieces if x < y]
        # a shared suffix (X、Y、Z市场监督管理局) keeps the list whole: the parts are not units
        if len(pieces) > 1 and not all(ORG_SUFFIX.search(squeeze(text[x:y])[-3:]) for x, y in pieces):
            pieces = [(a, b)]
        for x, y in pieces:
            name = squeeze(text[x:y])
            base, alias = split_alias(name)
            out.append(UnitRef(name=name, base=base, alias=alias, role="support",
                               collective=True, span=Span.of(text, x, y)))
    return tuple(out)


# -- canonical units ---------------------------------------------------------------------

@dataclass(frozen=True)
class CanonicalUnit:
    """One organisational unit of an issuer and the labels the text uses for it."""

    key: str                        # canonical name (base, level prefix dropped when a variant lacks it)
    label: str                      # preferred label: the most frequent base as written
    alt_labels: tuple[str, ...]     # other names as written (市食检所, 食品生产科<米粉办>)
    aliases: tuple[str, ...]        # names inside <…>: 米粉办, 登记注册科
    collective: bool


def _refs(measures: Iterable[Measure], extra: Iterable[UnitRef]) -> list[UnitRef]:
    refs = [u for m in measures for u in m.units]
    return refs + list(extra)


def canonical_units(measures: Iterable[Measure], extra: Iterable[UnitRef] = ()) -> dict[str, str]:
    """name as written -> canonical key, for the units of one document (one issuer).

    The key is the unit without its <alias>; a level prefix (市食检所) is dropped
    when the same issuer also writes the unit without it (食检所)."""
    refs = _refs(measures, extra)
    bases = {u.base for u in refs}
    out: dict[str, str] = {}
    for u in refs:
        key = u.base
        for p in LEVEL_PREFIX:
            if key.startswith(p) and key[len(p):] in bases and len(key) - len(p) >= 2:
                key = key[len(p):]
                break
        out[u.name] = key
    return out


def unit_catalogue(measures: Iterable[Measure], extra: Iterable[UnitRef] = ()) -> tuple[CanonicalUnit, ...]:
    """One :class:`CanonicalUnit` per canonical key, in order of first mention."""
    measures = list(measures)
    refs = _refs(measures, extra)
    keys = canonical_units(measures, extra)
    order: list[str] = []
    names: dict[str, list[str]] = {}
    bases: dict[str, list[str]] = {}
    aliases: dict[str, list[str]] = {}
    collective: dict[str, bool] = {}
    for u in refs:
        k = keys[u.name]
        if k not in names:
            order.append(k)
            names[k], bases[k], aliases[k] = [], [], []
        names[k].append(u.name)
        bases[k].append(u.base)
        if u.alias and u.alias not in aliases[k]:
            aliases[k].append(u.alias)
        collective[k] = collective.get(k, False) or u.collective
    out = []
    for k in order:
        label = max(dict.fromkeys(bases[k]), key=bases[k].count)
        alts = tuple(n for n in dict.fromkeys(names[k] + bases[k]) if n != label)
        out.append(CanonicalUnit(k, label, alts, tuple(aliases[k]), collective[k]))
    return tuple(out)


__all__ = ["Clause", "CanonicalUnit", "clauses", "document_units", "canonical_units",
           "unit_catalogue", "is_collective", "split_alias", "lead_of", "squeeze"]

"""Citations: every 《》 title, split into the document's basis and other references.

- A title is the text between an outer 《 and its matching 》 on one line; inner
  brackets stay as written (《X印发<Y>的通知》, 《…〈…〉…》, even 《关于印发《Y》的通知》).
- ``basis``: the document as a whole names it as its basis — the title stands in
  the notice or the preamble (before the first body heading) and a cue (根据,
  按照…要求, 依据, 依照, 遵照, 为贯彻落实, 贯彻落实) opens its clause.  Everything else is
  a ``reference``.  The document's own title (also inside its own notice) is not
  a citation at all; a parent with the same title, wrapped in its notice
  (《长沙市…局印发<Y>的通知》 when the document is Y), is.
- ``title`` unwraps a notice wrapper (``X[关于]印发<Y>的通知`` -> Y, issuer X);
  an issuing body written just before the 《 (国家市场监管总局《…》, 中共中央办公厅、
  国务院办公厅20181126日印发《…》) becomes the issuer; a doc number in
  parentheses right after the 》 becomes ``doc_number``.
"""
from __future__ import annotations

import re

from .model import Citation, Metadata, Section, Span
from .regions import gazetteer

OPEN, CLOSE = "《", "》"
BRACKET_OR_NL = re.compile("[《》\n]")
CUE = re.compile(r"根据|按照|依据|依照|遵照|贯彻落实|为贯彻|贯彻")
CLAUSE_END = "。；;！？!?\n"
WRAPPED = re.compile(r"^(?P<issuer>.*?)(?:关于)?印发\s*[<〈＜《](?P<y>.+)[>〉＞》]\s*的通知$")
WRAPPED_PLAIN = re.compile(r"^(?P<issuer>.*?)关于印发(?P<y>.+)的通知$")
DOCNO_AFTER = re.compile(r"\s*[（(]\s*([\u4e00-\u9fff]{1,12}\s*[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*第?\s*\d{1,4}\s*号)\s*[）)]")
ORG_END = re.compile(r"(?:局|委员会|委|厅|部|院|政府|办公室|办公厅|中心|总局|署|党委|省委|市委|区委|县委|联合会|协会)$")
ORG_START = re.compile(r"^(?:国家|国务院|中共|中央|全国|最高|省|市|区|县|自治区)")
NOT_IN_NAME = re.compile(r"的|要求|有关|精神|规定|部署|关于|意见|通知|按照|根据")
ISSUED = re.compile(r"(?:于)?(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-.]\d{1,2}[-.]\d{1,2}|\d{5,8}日)?"
                    r"(?:联合)?(?:印发|发布|出台|制定|颁布|下发)?(?:的)?$")


def titles(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of the outermost 《…》 in ``text[start:end]``, nested brackets kept inside."""
    end = len(text) if end is None else end
    out, depth, opened = [], 0, -1
    for mark in BRACKET_OR_NL.finditer(text, start, end):
        i, ch = mark.start(), mark.group()
        if ch == "\n":
            depth, opened = 0, -1            # an unclosed 《 does not run past its line
        elif ch == OPEN:
            if depth == 0:
                opened = i
            depth += 1
        elif ch == CLOSE and depth:
            depth -= 1
            if depth == 0 and i - opened > 1:
                out.append(Span(opened, i + 1, text[opened:i + 1]))
    return out


def unwrap(as_written: str) -> tuple[str, str | None]:
    """'X印发<Y>的通知' -> (Y, X); '关于印发Y的通知' -> (Y, None); anything else unchanged."""
    m = WRAPPED.match(as_written) or WRAPPED_PLAIN.match(as_written)
    if not m or not m.group("y").strip():
        return as_written, None
    issuer = m.group("issuer").strip() or None
    return m.group("y").strip(), issuer


def _clause_start(text: str, pos: int, floor: int = 0) -> int:
    i = pos
    while i > floor and text[i - 1] not in CLAUSE_END:
        i -= 1
    return i


def prefix_issuer(text: str, pos: int) -> str | None:
    """An issuing body written right before the 《 at ``pos`` (国家市场监管总局《…》)."""
    clause = text[_clause_start(text, pos, max(0, pos - 120)):pos]
    # other titles of the clause are not part of a name
    clause = clause[clause.rfind(CLOSE) + 1:]
    m = ISSUED.search(clause)
    stem = clause[: m.start()] if m else clause
    run = re.search(r"[\u4e00-\u9fff、]{2,60}$", stem)
    if not run:
        return None
    chunk = run.group()
    g = gazetteer()
    for k in range(len(chunk) - 1):          # the longest plausible body name
        cand = chunk[k:].strip("、")
        if len(cand) < 3 or len(cand) > 40 or not ORG_END.search(cand) or NOT_IN_NAME.search(cand):
            continue
        if ORG_START.match(cand) or any(s == 0 for s, _e, _n in g.find(cand[:12])):
            if CUE.match(cand):
                continue
            return cand
    return None


def _fold(s: str | None) -> str:
    return re.sub(r"[\s《》<>〈〉＜＞“”\"']", "", s or "")


def extract(text: str, meta: Metadata, sections: tuple[Section, ...]) -> tuple[Citation, ...]:
    body_end = meta.body_end if meta.body_end else len(text)
    first_heading = sections[0].span.start if sections else body_end
    own = {_fold(meta.title)} if meta.title and not meta.title_inferred else set()
    if meta.notice_title:
        own.add(_fold(meta.notice_title))
        notice_y, _ = unwrap(meta.notice_title.strip())
        own.add(_fold(notice_y))
    out: list[Citation] = []
    for sp in titles(text, 0, body_end):
        inner = sp.text[1:-1]
        if _fold(inner) in own:
            continue
        clause_from = _clause_start(text, sp.start)
        basis = sp.start < first_heading and bool(CUE.search(text[clause_from:sp.start]))
        title, issuer = unwrap(inner)
        issuer = issuer or prefix_issuer(text, sp.start)
        m = DOCNO_AFTER.match(text, sp.end)
        out.append(Citation(
            as_written=inner, title=title, issuer=issuer,
            doc_number=m.group(1) if m else None,
            kind="basis" if basis else "reference", span=sp,
        ))
    return tuple(out)

"""Document metadata: title, issuer(s), date, doc number, level, region, period, type.

The head of a plan (everything before its first body heading) comes in a few
shapes, each recognised by a general rule rather than by document:

- web-page chrome: breadcrumbs (当前位置 … >>), 放大字体/缩小字体, 核心提示, and
  trailing footers (推荐产品, 扫一扫在手机上查看当前页面, 打印本页 …);
- a portal metadata block: ``key: value`` pairs such as 发布机构, 发文日期, 文号,
  名称, 发布日期 (keys may be spaced out: 文   号);
- a notice (通知) wrapping the plan: ``[X]关于印发[《]Y[》]的通知``, a 文号 line,
  addressees, one or two sentences, then the signature block (issuing bodies,
  one per line or space separated, and the date ``2021年8月6日``);
- the plan's own title line (ending in a genre word: 规划, 纲要, 方案, 要点 …,
  possibly followed by the period in brackets), sometimes followed by its issuer
  and a month;
- or no title at all: the text opens with its preamble (``2023年,全市…``).

When the text names no issuer, the issuer is inferred from the way the text
speaks of itself: level cues (全区/区局, 全市/市局, 全省/省局) and the division it
names most at that level (开福区市场监管 -> 长沙市开福区市场监督管理局).
"""
from __future__ import annotations

import re
from collections import Counter

from .model import Metadata, Section, SourceDoc, Span
from .numerals import cn_to_int
from .regions import NATIONAL_BODY, gazetteer
from .structure import lines

CN_DIGIT = "〇○零一二三四五六七八九十"
DASH = "\\-－—–~～至到"
GENRES = ("工作要点", "要点", "工作方案", "行动方案", "实施方案", "方案", "行动计划", "工作计划", "计划",
          "纲要", "规划", "实施意见", "指导意见", "意见", "实施细则", "细则", "办法", "措施", "决定", "通知")
PERIOD_PAREN = re.compile(rf"[（(]\s*(\d{{4}})\s*[{DASH}]\s*(\d{{4}})\s*年?\s*[）)]\s*$")
TITLE_END = re.compile(rf"(?:{'|'.join(GENRES)})(?:[（(][^（()）]{{1,20}}[）)])?$")
NOTICE = re.compile(r"^(?P<issuer>.*?)(?:关于)?印发\s*(?P<y>.+?)\s*的通知$")
ORG = re.compile(r"(?:局|委员会|委|厅|部|院|政府|办公室|办公厅|中心|总局|署|办|党委|省委|市委|区委|县委|联合会|协会|管委会)$")
DATE_CN = re.compile(rf"^([\d{CN_DIGIT}]{{4}})\s*年\s*([\d{CN_DIGIT}]{{1,2}})\s*月\s*([\d{CN_DIGIT}]{{1,3}})\s*日$")
DATE_ISO = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
DOCNO = re.compile(rf"[\u4e00-\u9fff]{{1,12}}\s*[〔［\[【(（]\s*(?:(?:19|20)\d{{2}}|[{CN_DIGIT}]{{4}})\s*[〕］\]】)）]"
                   rf"\s*第?\s*(?:\d{{1,4}}|[{CN_DIGIT}百]{{1,5}})\s*号")
FIELD_KEYS = ("索引号", "主题分类", "发布机构", "发文机关", "发文单位", "发文日期", "成文日期", "效力状态", "文号",
              "发文字号", "名称", "标题", "发布日期", "发布时间", "来源", "生效日期", "有效性", "公文种类",
              "主题词", "信息来源", "所属机构")
FIELD = re.compile("(" + "|".join(r"\s*".join(k) for k in FIELD_KEYS) + r")\s*[:：]")
CHROME = re.compile(r"当前位置|您的位置|现在的位置|>>|»|[>＞›].*[>＞›]|首页\s*[>＞›]|放大字体|缩小字体|核心提示|打印本页|关闭窗口|【打印】|【关闭】|分享到|"
                    r"公开属性|字号[:：]?\s*[大中小]")
FOOTER = re.compile(r"推荐产品|扫一扫在手机上|打印本页|关闭窗口|【打印】|【关闭】|上一篇|下一篇|相关链接|"
                    r"版权所有|网站标识码|ICP备|主办单位|责任编辑")
LEVEL_CUES = {
    "district": re.compile(r"全区|区局|本区|我区|全县|县局|本县|我县|全旗|旗局"),
    "city": re.compile(r"全市|市局|本市|我市|全州|州局"),
    "province": re.compile(r"全省|省局|本省|我省|全区各地"),
}
BODY_TYPE = "市场监督管理局"
RED_HEAD = re.compile(r"^\s*(\S.{1,60}?)\s*文件\s*$")         # 长沙市开福区市场监督管理局文件


def _fold(s: str) -> str:
    return re.sub(r"[\s《》<>〈〉]", "", s or "")


def _date(y: str, m: str, d: str) -> str | None:
    vals = [v if v.isdigit() else str(cn_to_int(v) or "") for v in (y, m, d)]
    if not all(vals):
        return None
    yi, mi, di = (int(v) for v in vals)
    if not (1949 <= yi <= 2100 and 1 <= mi <= 12 and 1 <= di <= 31):
        return None
    return f"{yi:04d}-{mi:02d}-{di:02d}"


def fields(text: str, start: int, end: int) -> dict[str, Span]:
    """Portal ``key: value`` pairs in ``text[start:end]`` (value spans, possibly empty)."""
    out: dict[str, Span] = {}
    for ln in lines(text, start, end):
        ms = list(FIELD.finditer(ln.text))
        for i, m in enumerate(ms):
            key = re.sub(r"\s", "", m.group(1))
            vs = m.end()
            ve = ms[i + 1].start() if i + 1 < len(ms) else len(ln.text)
            raw = ln.text[vs:ve]
            lead = len(raw) - len(raw.lstrip())
            val = raw.strip()
            out.setdefault(key, Span(ln.start + vs + lead, ln.start + vs + lead + len(val), val))
    return out


ALSO_NAMED = re.compile(r"[（(]([^（()）]{2,20})[）)]$")     # 市场监督管理局（知识产权局）: a body's second name


def _orgs(line_text: str, line_start: int) -> list[Span]:
    """A signature line of issuing bodies (space or 、 separated), else [].

    A body written with its second name in brackets (X市场监督管理局（X知识产权局）) is one
    body; its span is the first name."""
    parts = []
    for m in re.finditer(r"[^\s、，,\u3000]+", line_text):
        p = m.group()
        also = ALSO_NAMED.search(p)
        if also and also.start() > 0 and ORG.search(also.group(1)):
            p = p[:also.start()]
        parts.append((m.start(), p))
    if not parts or len(line_text) > 80 or any(not ORG.search(p) or len(p) > 30 for _, p in parts):
        return []
    return [Span(line_start + s, line_start + s + len(p), p) for s, p in parts]


def _title_like(t: str) -> bool:
    return (4 <= len(t) <= 80 and "。" not in t and not FIELD.search(t) and not CHROME.search(t)
            and bool(TITLE_END.search(t)))


def _is_furniture(t: str) -> bool:
    """Chrome, portal fields, a red head (X文件), a 文号 or 签发人 line."""
    return (bool(CHROME.search(t)) or bool(FIELD.search(t)) or bool(RED_HEAD.match(t))
            or bool(DOCNO.match(t.strip())) or "签发人" in t)


def _is_chrome(t: str) -> bool:
    """Lines of the head that are neither a title nor prose (short labels such as 附件 included)."""
    return _is_furniture(t) or len(t) <= 8 and not TITLE_END.search(t)


def period_of(s: str) -> tuple[str, int, int] | None:
    """'（2022-2026年）' -> 2022-2026, '“十四五”' -> 2021-2025, '2023年' -> 2023 (with the match offsets)."""
    m = re.search(rf"(\d{{4}})\s*[{DASH}]\s*(\d{{4}})\s*年", s) or re.search(rf"[（(](\d{{4}})\s*[{DASH}]\s*(\d{{4}})[）)]", s)
    if m:
        return f"{m.group(1)}-{m.group(2)}", m.start(), m.end()
    m = re.search(r"“?十([一二三四五六七八九])五”?", s)
    if m:
        n = 10 + cn_to_int(m.group(1))
        first = 1966 + 5 * (n - 3)
        return f"{first}-{first + 4}", m.start(), m.end()
    m = re.search(r"(?<!\d)((?:19|20)\d{2})\s*年(?:度)?", s)
    if m:
        return m.group(1), m.start(), m.start() + 4
    return None


def doc_type_of(title: str | None) -> str | None:
    if not title:
        return None
    t = PERIOD_PAREN.sub("", title).rstrip()
    for g in GENRES:               # longest first within each family (工作要点 before 要点)
        if t.endswith(g):
            return g
    return None


def _signature(text: str, ls, start_i: int, stop_i: int):
    """(date, date span, issuer spans) of the first signature block in lines[start_i:stop_i]."""
    for i in range(start_i, stop_i):
        m = DATE_CN.match(ls[i].text)
        if not m:
            continue
        d = _date(*m.groups())
        if not d:
            continue
        orgs: list[Span] = []
        j = i - 1
        while j >= start_i and len(orgs) < 6:
            if not ls[j].text:
                j -= 1
                continue
            found = _orgs(ls[j].text, ls[j].start)
            if not found:
                break
            orgs = found + orgs
            j -= 1
        return d, Span(ls[i].start, ls[i].end, ls[i].text), orgs, i
    return None


def _footer(text: str, after: int) -> int:
    for ln in lines(text, after):
        if ln.text and len(ln.text) <= 60 and FOOTER.search(ln.text):
            return ln.start
    return len(text)


def _infer_region(text: str):
    """The issuer's division when the text names none: level cues + the division it names most."""
    g = gazetteer()
    cues = Counter()
    for level, pat in LEVEL_CUES.items():
        for m in pat.finditer(text):
            cues[level] += 3 if m.group().endswith("局") else 1
    mentions = g.mention_codes(text)
    if not mentions:
        return None
    levels = [lv for lv, _ in cues.most_common()] or ["district", "city", "province"]
    for level in levels:
        scored = []
        for code, n in mentions.items():
            r = g.by_code(code)
            if r.level != level:
                continue
            stem = r.name[:-1] if level == "district" and len(r.name) > 2 else r.short_name
            n += 3 * len(re.findall(re.escape(stem) + "(?:区|县|市)?市场监", text))
            scored.append((n, -int(code), r))
        if scored:
            best = max(scored)[2]
            names = [best.name] + [a.name for a in g.ancestors(best.code) if a.level != "national"]
            return g.resolve(names, hint_codes=list(mentions))
    return None


def _region_of(issuers: tuple[str, ...], text: str):
    g = gazetteer()
    for name in issuers:
        if NATIONAL_BODY.match(name):
            return g.country()
        names = [n for _s, _e, n in g.find(name)]
        if names:
            return g.resolve(names, hint_codes=list(g.mention_codes(text)))
    return None


def extract(src: SourceDoc, sections: tuple[Section, ...]) -> Metadata:
    text = src.text
    head_end = sections[0].span.start if sections else min(len(text), 3000)
    ls = [ln for ln in lines(text, 0, head_end)]
    fld = fields(text, 0, head_end)
    nonempty = [i for i, ln in enumerate(ls) if ln.text]

    # -- the notice and its signature ------------------------------------------------------
    notice_i = next((i for i in nonempty if not CHROME.search(ls[i].text) and not FIELD.search(ls[i].text)
                     and len(ls[i].text) <= 120 and NOTICE.match(ls[i].text)), None)
    notice_title = ls[notice_i].text if notice_i is not None else None
    sig = _signature(text, ls, notice_i or 0, len(ls))
    sig_i = sig[3] if sig else None

    # -- the title ---------------------------------------------------------------------------
    title = title_span = body_from = None
    title_i = None
    if notice_i is not None:
        nm = NOTICE.match(ls[notice_i].text)
        y = nm.group("y")
        y_at = nm.start("y")
        if y.startswith("《") and y.endswith("》"):
            y, y_at = y[1:-1], y_at + 1
        title = y
        after = (sig_i if sig_i is not None else notice_i) + 1
        title_i = next((i for i in range(after, len(ls)) if _fold(ls[i].text) == _fold(y)), None)
        if title_i is None:
            s = ls[notice_i].start + y_at
            title_span = Span(s, s + len(y), y)
    else:
        for k, i in enumerate(nonempty):
            t = ls[i].text
            if _title_like(t):
                title_i = i
                break
            nxt = nonempty[k + 1] if k + 1 < len(nonempty) else None
            if _is_furniture(t):
                continue
            if (nxt is not None and len(t) <= 40 and not re.search(r"[。，,：:；]", t)
                    and _title_like(t + ls[nxt].text)):           # a title wrapped over two lines
                title = t + ls[nxt].text
                title_span = Span(ls[i].start, ls[nxt].end, text[ls[i].start:ls[nxt].end])
                body_from = ls[i].start
                break
            if not _is_chrome(t):
                break          # prose before any title line: the text has no title
        if title_i is None and ("名称" in fld or "标题" in fld):
            sp = fld.get("名称") or fld.get("标题")
            if sp.text:
                title, title_span = sp.text, sp
    if title_i is not None:
        ln = ls[title_i]
        title, title_span = ln.text, Span(ln.start, ln.end, ln.text)

    # -- where the body starts and ends ------------------------------------------------------
    if title_i is not None:
        body_start = ls[title_i].start
    elif body_from is not None:
        body_start = body_from
    elif sig_i is not None:
        body_start = next((ls[i].start for i in nonempty if i > sig_i and not _is_chrome(ls[i].text)),
                          ls[sig_i].end)
    else:
        body_start = next((ls[i].start for i in nonempty if not _is_chrome(ls[i].text)), 0)
    last_heading = sections[-1].span.end if sections else body_start
    body_end = _footer(text, max(body_start, last_heading))
    while body_end > body_start and text[body_end - 1] in " \t\n\r\u3000\xa0":
        body_end -= 1

    # -- dates ------------------------------------------------------------------------------
    date = date_span = published = None
    if sig:
        date, date_span = sig[0], sig[1]
    for key in ("成文日期", "发文日期"):
        sp = fld.get(key)
        m = DATE_ISO.search(sp.text) if sp else None
        if date is None and m and _date(*m.groups()):
            date, date_span = _date(*m.groups()), Span(sp.start + m.start(), sp.start + m.end(), m.group())
    for key in ("发布日期", "发布时间"):
        sp = fld.get(key)
        m = DATE_ISO.search(sp.text) if sp else None
        if published is None and m:
            published = _date(*m.groups())
    if date is None:                  # a plan signed at its end, after the body
        tail = [ln for ln in lines(text, max(body_start, last_heading), body_end) if ln.text][-6:]
        tsig = _signature(text, tail, 0, len(tail))
        if tsig:
            date, date_span = tsig[0], tsig[1]
            sig = sig or (None, None, tsig[2], None)

    # -- doc number ---------------------------------------------------------------------------
    doc_number = doc_number_span = None
    for key in ("文号", "发文字号"):
        sp = fld.get(key)
        if sp and DOCNO.search(sp.text):
            doc_number_span = sp
            break
    if doc_number_span is None:
        stop = max(body_start, (ls[title_i].end if title_i is not None else 0))
        for ln in lines(text, 0, min(head_end, stop + 200)):
            m = DOCNO.match(ln.text.strip())
            if m and (len(ln.text.strip()) == m.end() or ln.text.strip()[m.end()].isspace()):
                off = ln.start + ln.text.find(m.group())
                doc_number_span = Span(off, off + len(m.group()), m.group())
                break
    if doc_number_span is not None:
        doc_number = doc_number_span.text

    # -- issuer -------------------------------------------------------------------------------
    issuer_spans: list[Span] = list(sig[2]) if sig else []
    if not issuer_spans:
        for key in ("发布机构", "发文机关", "发文单位"):
            sp = fld.get(key)
            if sp and sp.text:
                issuer_spans = [s for part in [sp] for s in (_orgs(part.text, part.start) or [part])]
                break
    if not issuer_spans and title_i is not None:
        nxt = next((i for i in nonempty if i > title_i), None)
        if nxt is not None:
            issuer_spans = _orgs(ls[nxt].text, ls[nxt].start)
    if not issuer_spans and notice_i is not None:
        pre = NOTICE.match(ls[notice_i].text).group("issuer")
        issuer_spans = _orgs(pre, ls[notice_i].start)
    if not issuer_spans:                   # the red head of an official document: X文件
        for i in nonempty[:4]:
            m = RED_HEAD.match(ls[i].text)
            if m:
                issuer_spans = _orgs(m.group(1), ls[i].start + m.start(1))
                break
    if not issuer_spans and title_span is not None:
        m = re.match(r"^(.{2,30}?(?:局|委员会|厅|政府))(?=[“\"《]|关于|\d{4})", title_span.text)
        if m:
            issuer_spans = [Span(title_span.start, title_span.start + m.end(), m.group(1))]
    issuer = tuple(s.text for s in issuer_spans)
    issuer_inferred = False
    region = _region_of(issuer, text) if issuer else None
    if issuer and region is None:          # 区市场监管局: the body names no division itself
        region = _infer_region(text[body_start:body_end])
    if not issuer:
        region = _infer_region(text[body_start:body_end])
        if region is not None and ("市场监管" in text or "市场监督管理" in text):
            issuer = (gazetteer().full_name(region.code) + BODY_TYPE,)
            issuer_inferred = True

    # -- title when the text has none -----------------------------------------------------------
    title_inferred = False
    opening = re.match(r"\s*((?:19|20)\d{2})\s*年", text[body_start:])
    if title is None:
        own = Counter(m.group(1) for m in re.finditer("(?:本|根据|按照)(" + "|".join(GENRES[:-1]) + ")", text))
        genre = own.most_common(1)[0][0] if own else ("工作要点" if opening else None)
        if "工作要点" in text and (opening or genre in ("要点", None)):
            genre = "工作要点"
        if genre:
            where = gazetteer().full_name(region.code) if region is not None else ""
            domain = "市场监管" if "市场监管" in text and "市场监管" not in genre else ""
            year = f"{opening.group(1)}年" if opening else ""
            title, title_inferred = f"{year}{where}{domain}{genre}", True

    # -- period and type -------------------------------------------------------------------------
    period = period_span = None
    found = period_of(title_span.text) if title_span is not None and not title_inferred else None
    if found:
        period = found[0]
        period_span = Span(title_span.start + found[1], title_span.start + found[2],
                           text[title_span.start + found[1]: title_span.start + found[2]])
    elif opening and title_inferred:
        s = body_start + opening.start(1)
        period, period_span = opening.group(1), Span(s, s + 4, opening.group(1))
    doc_type = doc_type_of(title)
    if period is None and doc_type in ("规划", "纲要"):      # the preamble names the plan period
        pre_end = sections[0].span.start if sections and sections[0].span.start > body_start else body_start + 600
        found = period_of(text[body_start:pre_end])
        if found and "-" in found[0]:
            s = body_start + found[1]
            period, period_span = found[0], Span(s, body_start + found[2], text[s:body_start + found[2]])

    return Metadata(
        title=title, title_inferred=title_inferred, title_span=None if title_inferred else title_span,
        notice_title=notice_title, issuer=issuer, issuer_inferred=issuer_inferred,
        issuer_spans=tuple(issuer_spans), date=date, date_span=date_span, published=published,
        doc_number=doc_number, doc_number_span=doc_number_span,
        level=region.level if region is not None else None,
        region=gazetteer().path_name(region.code) if region is not None else None,
        region_code=region.code if region is not None else None,
        period=period, period_span=period_span, doc_type=doc_type,
        body_start=body_start, body_end=body_end,
    )

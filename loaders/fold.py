"""Folding: the matching copy of a text, and mapping a parse of it back.

The parsers match simplified characters (市场监管, 责任单位 …).  A document written
in traditional characters (市場監管, 責任單位) is parsed on a *matching copy* and
every value is then put back into the characters as written:

1. **Per-character fold.**  Each character goes through OpenCC ``t2s`` on its
   own (never phrase by phrase), and is replaced only when the result is one
   character, so the copy has exactly the length of the original and every
   offset stays valid.  Simplified text is left unchanged (all five seeds fold
   to themselves), so folding costs nothing for it.
2. **Pinyin glosses.**  A gloss in brackets right after a CJK character with at
   least one tone-marked vowel, ``市場(chǎng)監管`` / ``（jiān guǎn）``, is taken out
   of the matching copy: the rest of the line moves left over it and the line is
   padded at its end with as many spaces (parsers strip line ends).  Line
   boundaries, and so every offset outside the line, stay where they were; a
   position map (copy offset -> original offset) records the move.  A gloss
   without tone marks (``(chang)``) is left alone: it cannot be told from a
   latin abbreviation.
3. **Back to the original.**  :func:`restore` walks the PolicyDoc generically
   (``dataclasses.replace`` over every field, tuples, lists and dicts): the
   SourceDoc becomes the original, every ``Span`` is re-mapped and re-sliced
   from the original text (a span over a glossed word quotes the gloss, as
   written), and every string goes back character by character through the
   reverse table built from the aligned texts.  A folded character that stands
   for several originals (发 from 發 and 髮) is resolved by finding the string in
   the copy, near the span of the value's record when it has one.  Values are
   restored without their glosses: the gloss is a reading aid, the evidence
   keeps it.

Lost 年/月 in dates (``20181126日``) is left to the metadata and citation stages.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from .model import SourceDoc, SourceTable, Span

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# (the bracket comes first and the look-behind checks the character before it: the engine then jumps
# from bracket to bracket instead of trying the look-behind at every character)
GLOSS = re.compile(rf"[（(](?<=[\u3400-\u9fff\uf900-\ufaff][（(])"
                   rf"(?=[a-zA-Zü{TONED}' ]*[{TONED}])[a-zA-Zü{TONED}' ]{{1,40}}[）)]")


@lru_cache(maxsize=None)
def _converter():
    import opencc
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """The simplified form of one character, or the character itself."""
    if ch < "\u2e80":
        return ch
    out = _converter().convert(ch)
    return out if len(out) == 1 else ch


@lru_cache(maxsize=None)
def _plane_folds() -> tuple[dict[int, str], re.Pattern]:
    """Every character of the Basic Multilingual Plane that folds to another one, as a
    str.translate table, and a pattern that finds them, characters beyond the plane and lone
    surrogates (those are folded one by one).  Made once per process (~50k OpenCC calls):
    a text without any of them — every simplified text — is then left as it is after one
    regex scan instead of a look-up per character."""
    convert = _converter().convert
    table: dict[int, str] = {}
    for code in range(0x2E80, 0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        out = convert(ch)
        if len(out) == 1 and out != ch:          # fold_char(ch) != ch
            table[code] = out
    chars = "".join(re.escape(chr(c)) for c in sorted(table))
    return table, re.compile(f"[{chars}\ud800-\udfff\U00010000-\U0010ffff]")


OFF_PLANE = re.compile("[\ud800-\udfff\U00010000-\U0010ffff]")


def fold_chars(text: str) -> str:
    """Per-character t2s: the result always has the length of ``text``."""
    table, foldable = _plane_folds()
    if foldable.search(text) is None:
        return text
    extra = {ord(ch): fold_char(ch) for ch in set(OFF_PLANE.findall(text))}
    out = text.translate({**table, **extra} if extra else table)
    assert len(out) == len(text)
    return out


@dataclass(frozen=True)
class View:
    """The matching copy of ``original`` and its position map."""

    original: str
    folded: str
    where: tuple[int, ...] | None    # copy offset -> original offset; None: identity

    @property
    def changed(self) -> bool:
        return self.folded != self.original

    def start(self, i: int) -> int:
        if self.where is None or i >= len(self.where):
            return i
        return self.where[max(i, 0)]

    def end(self, i: int) -> int:
        if self.where is None or i <= 0 or i > len(self.where):
            return i
        return self.where[i - 1] + 1

    def span(self, s: Span) -> Span:
        a = self.start(s.start)
        b = max(a, self.end(s.end)) if s.end > s.start else a
        return Span(a, b, self.original[a:b])


def view(text: str) -> View:
    """Fold characters and move pinyin glosses out of the way (lengths kept)."""
    folded = fold_chars(text)
    if not GLOSS.search(text):
        return View(text, folded, None)
    where = list(range(len(text)))
    chars = list(folded)
    for line in re.finditer(r"[^\n]+", text):
        glosses = list(GLOSS.finditer(text, line.start(), line.end()))
        if not glosses:
            continue
        keep: list[int] = []
        pos = line.start()
        for g in glosses:
            keep.extend(range(pos, g.start()))
            pos = g.end()
        keep.extend(range(pos, line.end()))
        pad = line.end() - line.start() - len(keep)
        last = keep[-1] if keep else line.start()
        new_chars = [folded[i] for i in keep] + [" "] * pad
        new_where = keep + [last] * pad
        chars[line.start():line.end()] = new_chars
        where[line.start():line.end()] = new_where
    out = "".join(chars)
    assert len(out) == len(text)
    return View(text, out, tuple(where))


def fold_source(src: SourceDoc, v: View) -> SourceDoc:
    """The matching copy of a SourceDoc (tables' cells folded, spans unchanged: they cover lines)."""
    tables = tuple(SourceTable(tuple(tuple(GLOSS.sub("", fold_chars(c)) for c in row) for row in t.rows),
                               Span(t.span.start, t.span.end, v.folded[t.span.start:t.span.end]))
                   for t in src.tables)
    return dataclasses.replace(src, text=v.folded, tables=tables)


class _Back:
    """Strings and spans of a parse of the copy, put back into the original."""

    def __init__(self, src: SourceDoc, v: View):
        self.src, self.v = src, v
        origins: dict[str, set[str]] = {}
        for i, ch in enumerate(v.folded):
            orig = v.original[v.start(i)]
            if fold_char(orig) == ch:          # skips the padding that replaced glosses
                origins.setdefault(ch, set()).add(orig)
        self.table = {ch: next(iter(o)) for ch, o in origins.items() if len(o) == 1}
        self.ambiguous = {ch for ch, o in origins.items() if len(o) > 1}

    def string(self, s: str, near: Span | None) -> str:
        if not any(ch in self.ambiguous for ch in s):
            return "".join(self.table.get(ch, ch) for ch in s)
        found = self._find(s, near)
        if found is None:
            return "".join(self.table.get(ch, ch) for ch in s)
        v = self.v
        return "".join(v.original[v.start(i)] for i in range(found, found + len(s)))

    def _find(self, s: str, near: Span | None) -> int | None:
        text = self.v.folded
        if near is not None:
            i = text.find(s, max(0, near.start - len(s)), near.end + len(s))
            if i >= 0:
                return i
        i = text.find(s)
        return i if i >= 0 else None

    def walk(self, obj, near: Span | None = None):
        if isinstance(obj, str):
            return self.string(obj, near)
        if isinstance(obj, Span):
            return self.v.span(obj)
        if isinstance(obj, SourceDoc):
            return self.src
        if isinstance(obj, tuple):
            return tuple(self.walk(x, near) for x in obj)
        if isinstance(obj, list):
            return [self.walk(x, near) for x in obj]
        if isinstance(obj, dict):
            return {k: self.walk(x, near) for k, x in obj.items()}
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            values = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
            own = next((x for x in values.values() if isinstance(x, Span)), near)
            return dataclasses.replace(obj, **{k: self.walk(x, own) for k, x in values.items()})
        return obj


def restore(doc, src: SourceDoc, v: View):
    """Map a parse of the matching copy back onto the original SourceDoc ``src``."""
    return _Back(src, v).walk(doc)

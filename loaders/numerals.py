"""Chinese numerals as they appear in plan numbering and targets (一 … 九十九, 二○三五, 两)."""
from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_NUM_CHARS = "".join(DIGITS) + "".join(UNITS)


def cn_to_int(s: str) -> int | None:
    """'三' -> 3, '十二' -> 12, '二十' -> 20, '一百零五' -> 105, '二○三五' -> 2035; None if not a numeral."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if any(ch not in DIGITS and ch not in UNITS for ch in s):
        return None
    if not any(ch in UNITS for ch in s):          # digit by digit: 二○三五
        return int("".join(str(DIGITS[ch]) for ch in s))
    total, section, num = 0, 0, 0
    for ch in s:
        if ch in DIGITS:
            num = DIGITS[ch]
        else:
            unit = UNITS[ch]
            if unit == 10000:
                section = (section + num) * unit
                total += section
                section = 0
            else:
                section += (num or 1) * unit
            num = 0
    return total + section + num


def to_int(s: str) -> int | None:
    """Arabic or Chinese numeral (full width digits folded)."""
    s = s.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if s.isdigit():
        return int(s)
    return cn_to_int(s)

"""Showing document strings as text, never as markup."""
from __future__ import annotations

import re

_MD = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")


def md(s: object) -> str:
    """A document string safe inside st.markdown / st.subheader: every markdown and HTML
    character backslash-escaped, so ``<script>`` shows as the characters it is."""
    return _MD.sub(r"\\\1", "" if s is None else str(s))


def short(s: object, n: int = 60) -> str:
    text = "" if s is None else str(s)
    return text if len(text) <= n else text[: n - 1] + "…"

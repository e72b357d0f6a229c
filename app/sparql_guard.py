"""Read-only checks on SPARQL typed by users (TOOLING.md §1.7, §1.8, appendix A.4).

    check_user_query(text) -> kind ("SELECT" | "ASK" | "CONSTRUCT" | "DESCRIBE")

Raises ``QueryRefused`` with a message fit for the page when the text is

* an update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY) — pyoxigraph's
  ``Store.query`` refuses those too, and the child opens the store read-only, but the
  user deserves a clear reason;
* a query with a ``SERVICE`` pattern anywhere (pyoxigraph would fetch the URL: SSRF);
* anything else that does not parse as a SPARQL query.

The tree from rdflib's ``parseQuery`` is walked for ``ServiceGraphPattern`` so SERVICE
in any letter case, inside OPTIONAL, UNION or a subquery is caught, while a
``?service`` variable or the string "SERVICE" pass.
"""
from __future__ import annotations

import re

from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

MAX_QUERY_CHARS = 100_000

_KINDS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
          "DescribeQuery": "DESCRIBE"}
_UPDATE_WORDS = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", re.I)


class QueryRefused(ValueError):
    """A user query the app will not run; ``str(e)`` is the message for the page."""


def _walk(x):
    if isinstance(x, CompValue):
        yield x
        for v in x.values():
            yield from _walk(v)
    elif isinstance(x, (list, tuple, ParseResults)):
        for v in x:
            yield from _walk(v)


def _is_update(text: str) -> str | None:
    """The first update operation if ``text`` parses as a SPARQL update."""
    try:
        parseUpdate(text)
    except Exception:
        return None
    m = _UPDATE_WORDS.search(text)
    return m.group(1).upper() if m else "UPDATE"


def check_user_query(text: str) -> str:
    """The query form of ``text`` when it is a read-only query the app may run."""
    if not text or not text.strip():
        raise QueryRefused("empty query")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefused(f"query too long ({len(text):,} characters; limit {MAX_QUERY_CHARS:,})")
    op = _is_update(text)
    if op:
        raise QueryRefused(f"{op}: updates are not allowed here — this query box is read-only")
    try:
        tree = parseQuery(text)
    except Exception as e:  # pyparsing's ParseException and friends
        if _UPDATE_WORDS.search(text) and ";" in text:
            raise QueryRefused("updates are not allowed here — this query box is read-only") from None
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise QueryRefused(f"not a SPARQL query: {msg}") from None
    nodes = list(_walk(tree))
    if any(n.name == "ServiceGraphPattern" for n in nodes):
        raise QueryRefused("SERVICE is not allowed: the app does not send queries to other servers")
    for n in nodes:
        if n.name in _KINDS:
            return _KINDS[n.name]
    raise QueryRefused("not a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)")


__all__ = ["check_user_query", "QueryRefused", "MAX_QUERY_CHARS"]

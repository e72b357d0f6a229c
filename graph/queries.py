"""Named SPARQL queries: queries/*.rq with a grlc-style header, one loader for CLI, app, tests.

Header (comment lines at the top of the file)::

    #+ title: Measures and responsible units
    #+ description: Every measure of every document …
    #+ params:
    #+   - doc: iri — restrict to one document

Parameter types: ``iri``, ``string``, ``integer``, ``decimal``, ``boolean``.  Values are
bound as RDF terms through the store's ``substitutions`` (SEP-0007), never pasted into
the query text.  A parameter must be a variable of the SELECT projection; one left
unset stays a free variable, so it does not restrict the results.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import pyoxigraph as ox

from loaders.vocab import XSD

from .store import GraphStore, Result

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
PARAM_TYPES = ("iri", "string", "integer", "decimal", "boolean")


class QueryError(Exception):
    """A query that cannot be found, parsed, bound or run."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "string"
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: str | None = None

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*)$")
_PARAM = re.compile(r"^#\+\s*-\s*\??(\w+)\s*:\s*(\w+)\s*(?:[—:-]+\s*(.*))?$")


def parse_query(text: str, name: str = "<query>", path: str | None = None) -> NamedQuery:
    """Read the ``#+`` header of a query text."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    in_params = False
    for line in text.splitlines():
        s = line.strip()
        if not s.startswith("#+"):
            if s and not s.startswith("#"):
                break
            continue
        pm = _PARAM.match(s)
        if in_params and pm:
            ptype = pm.group(2).lower()
            if ptype not in PARAM_TYPES:
                raise QueryError(f"{name}: parameter {pm.group(1)} has unknown type {ptype!r} "
                                 f"(one of {', '.join(PARAM_TYPES)})")
            params.append(Param(pm.group(1), ptype, (pm.group(3) or "").strip()))
            continue
        hm = _HEADER.match(s)
        if hm:
            key, value = hm.group(1).lower(), hm.group(2).strip()
            in_params = key == "params"
            if not in_params:
                fields[key] = value
    return NamedQuery(name=name, title=fields.get("title", name),
                      description=fields.get("description", ""), params=tuple(params),
                      text=text, path=path)


def list_queries(directory: str | Path = QUERIES_DIR) -> list[NamedQuery]:
    """Every named query, sorted by name."""
    return [parse_query(p.read_text(encoding="utf-8"), p.stem, str(p))
            for p in sorted(Path(directory).glob("*.rq"))]


def load_query(name: str, directory: str | Path = QUERIES_DIR) -> NamedQuery:
    """A named query by name (``documents``) or a path to a .rq file."""
    p = Path(directory) / f"{name}.rq"
    if not p.is_file():
        q = Path(name)
        if q.suffix == ".rq" and q.is_file():
            p = q
        else:
            known = ", ".join(x.name for x in list_queries(directory))
            raise QueryError(f"no query named {name!r} (known: {known})")
    return parse_query(p.read_text(encoding="utf-8"), p.stem, str(p))


def to_term(value: Any, ptype: str | None) -> ox.NamedNode | ox.Literal:
    """A parameter value (as typed on the command line) as an RDF term of its declared type."""
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    s = str(value)
    if ptype is None:        # undeclared (ad-hoc query): <iri> or a plain string
        if s.startswith("<") and s.endswith(">"):
            return ox.NamedNode(s[1:-1])
        return ox.Literal(s)
    try:
        if ptype == "iri":
            return ox.NamedNode(s[1:-1] if s.startswith("<") and s.endswith(">") else s)
        if ptype == "integer":
            return ox.Literal(str(int(s)), datatype=XSD.integer)
        if ptype == "decimal":
            float(s)
            return ox.Literal(s, datatype=XSD.decimal)
        if ptype == "boolean":
            if s.lower() not in ("true", "false", "1", "0"):
                raise ValueError(s)
            return ox.Literal(s.lower() in ("true", "1"))
    except ValueError:
        raise QueryError(f"{value!r} is not a valid {ptype}") from None
    return ox.Literal(s)


def bind(query: NamedQuery, values: Mapping[str, Any] | None) -> dict[str, ox.NamedNode | ox.Literal]:
    """Parameter values → terms; a name the query does not declare is an error
    (ad-hoc queries without a header accept any variable)."""
    out = {}
    for key, value in (values or {}).items():
        p = query.param(key)
        if p is None and query.params:
            names = ", ".join(x.name for x in query.params)
            raise QueryError(f"{query.name} has no parameter {key!r} (it takes: {names})")
        out[key] = to_term(value, p.type if p else None)
    return out


def run(store: GraphStore, query: NamedQuery | str, params: Mapping[str, Any] | None = None) -> Result:
    """Run a named query (or its name) with parameters; results as plain Python."""
    q = load_query(query) if isinstance(query, str) else query
    subs = bind(q, params)
    try:
        return store.query(q.text, subs or None)
    except SyntaxError as e:
        raise QueryError(f"{q.name}: {e}") from None
    except RuntimeError as e:     # pyoxigraph: e.g. a parameter outside the projection
        raise QueryError(f"{q.name}: {e}") from None


__all__ = ["NamedQuery", "Param", "QueryError", "QUERIES_DIR", "bind", "list_queries",
           "load_query", "parse_query", "run", "to_term"]

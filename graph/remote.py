"""A remote SPARQL 1.1 server as a ``GraphStore`` (Oxigraph server, Virtuoso 7, others).

    open_store("oxigraph+http://127.0.0.1:7878")      # /query, /update, /store
    open_store("virtuoso+http://127.0.0.1:8890")      # /sparql, /sparql-auth, /sparql-graph-crud-auth
    open_store("oxigraph+http://127.0.0.1:7878")      # or a plain URL: layout detected (Oxigraph, then Virtuoso)
    open_store("virtuoso+http://host/sparql?update=/sparql-auth&gsp=/sparql-graph-crud-auth&flavor=virtuoso")

Endpoints.  The location's scheme prefix (``oxigraph+`` / ``virtuoso+``) or the query
string hint ``flavor=`` picks the layout; ``query=``, ``update=`` and ``gsp=`` in the
query string override single endpoints (paths are relative to the server root, or
full URLs).  A plain ``http(s)://host:port`` is probed: ``GET /query?query=ASK{}``
(Oxigraph) then ``GET /sparql?query=ASK{}`` (Virtuoso).  A plain URL whose path is not
empty (``http://host/sparql``) is taken as the query endpoint of a generic server
whose update and GSP endpoints must be given as hints.

Protocol (plain ``requests``, TOOLING.md §2.4):

* queries: form-encoded POST (never ``application/sparql-query``: Virtuoso hangs on
  it), ``Accept: application/sparql-results+json``; a body that is not valid JSON is an
  error (``oxigraph serve --timeout-s`` answers 200 with a truncated body);
* updates: form-encoded POST ``update=…``;
* a document graph is replaced by one Graph Store Protocol ``PUT ?graph=IRI`` (atomic
  replacement of that graph on both servers); stale graphs named in ``drop`` are
  removed after the PUT, so a reader never sees the document missing;
* parameters are bound with an inline ``VALUES`` block at the start of the outermost
  WHERE group (terms serialised by pyoxigraph, so they are escaped), which is what
  pyoxigraph's ``substitutions`` do for the projected parameters of queries/*.rq.

Union default graph.  The .rq files query the union of all graphs.  Oxigraph server:
every query carries ``union-default-graph`` (the server's own option, same as starting
it with ``--union-default-graph``).  Virtuoso: its default graph is already the union
of all graphs, which includes ~2,500 system triples; PolicyKG's queries name its own
terms, and ``named_graphs``/``quads``/``dump`` list only graphs under
``https://w3id.org/policykg/`` (``OWN_GRAPHS``).

Credentials never live in code: ``POLICYKG_SPARQL_USER`` / ``POLICYKG_SPARQL_PASSWORD``
and ``POLICYKG_SPARQL_AUTH=digest|basic`` (Virtuoso needs digest; it is the default for
``virtuoso+``), or ``~/.config/policykg/stores.toml`` (``POLICYKG_STORES_TOML``
overrides the path), one table per store URL::

    ["virtuoso+http://127.0.0.1:8890"]
    user = "dba"
    password = "…"
    auth = "digest"
    # query = "/sparql"   update = "/sparql-auth"   gsp = "/sparql-graph-crud-auth"

Environment values win over the file.  Oxigraph server has no authentication at all:
bind it to 127.0.0.1.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import pyoxigraph as ox
import requests

from loaders.vocab import BASE, PREFIXES, XSD

from .store import GraphStore, Result, StoreError, _node, term_value, to_term

#: graphs PolicyKG owns on a shared server
OWN_GRAPHS = BASE
ENV_USER, ENV_PASSWORD, ENV_AUTH = ("POLICYKG_SPARQL_USER", "POLICYKG_SPARQL_PASSWORD",
                                    "POLICYKG_SPARQL_AUTH")
ENV_CONFIG = "POLICYKG_STORES_TOML"
LAYOUTS = {
    "oxigraph": {"query": "/query", "update": "/update", "gsp": "/store"},
    "virtuoso": {"query": "/sparql", "update": "/sparql-auth", "gsp": "/sparql-graph-crud-auth"},
}
_PREFIX_TEXT = "".join(f"PREFIX {p}: <{b}>\n" for p, b in PREFIXES.items())
TIMEOUT = 300
_XSD_BOOLEAN = XSD.boolean.value


@dataclass(frozen=True)
class Endpoints:
    flavor: str          # oxigraph | virtuoso | generic
    query: str
    update: str | None
    gsp: str | None


def _config_for(url: str) -> dict:
    path = Path(os.environ.get(ENV_CONFIG) or Path.home() / ".config/policykg/stores.toml")
    if not path.is_file():
        return {}
    import tomllib
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return dict(data.get(url) or data.get(url.rstrip("/")) or {})


def _auth(flavor: str, conf: Mapping[str, Any]):
    user = os.environ.get(ENV_USER) or conf.get("user")
    password = os.environ.get(ENV_PASSWORD) or conf.get("password")
    if not user:
        return None
    kind = (os.environ.get(ENV_AUTH) or conf.get("auth")
            or ("digest" if flavor == "virtuoso" else "basic")).lower()
    if kind == "digest":
        return requests.auth.HTTPDigestAuth(user, password or "")
    if kind == "basic":
        return requests.auth.HTTPBasicAuth(user, password or "")
    raise StoreError(f"{ENV_AUTH} must be digest or basic, not {kind!r}")


def _probe(session: requests.Session, root: str) -> str:
    for flavor in ("oxigraph", "virtuoso"):
        try:
            r = session.get(root + LAYOUTS[flavor]["query"], params={"query": "ASK {}"},
                            headers={"Accept": "application/sparql-results+json"}, timeout=10)
        except requests.RequestException as e:
            raise StoreError(f"cannot reach SPARQL server at {root}: {e}") from None
        if r.ok and '"boolean"' in r.text:
            return flavor
    raise StoreError(f"no SPARQL endpoint found at {root} (tried /query and /sparql); "
                     "name it: oxigraph+http://… or virtuoso+http://…, or ?query=…&update=…&gsp=…")


def resolve_endpoints(location: str, session: requests.Session | None = None,
                      conf: Mapping[str, Any] | None = None) -> Endpoints:
    """The query/update/GSP URLs of a store location (see the module docstring)."""
    conf = conf or {}
    m = re.match(r"^(oxigraph|virtuoso)\+(https?://.*)$", location)
    flavor, url = (m.group(1), m.group(2)) if m else (None, location)
    parts = urlsplit(url)
    hints = dict(parse_qsl(parts.query))
    flavor = hints.pop("flavor", None) or conf.get("flavor") or flavor
    root = urlunsplit((parts.scheme, parts.netloc, "", "", "")).rstrip("/")
    path = parts.path.rstrip("/")
    if flavor is None and not path and not any(k in hints or k in conf for k in ("query",)):
        flavor = _probe(session or requests.Session(), root)
    layout = dict(LAYOUTS.get(flavor or "", {}))
    if path and "query" not in hints:
        layout["query"] = path
        if flavor is None:
            layout.setdefault("update", path)

    def url_of(key: str) -> str | None:
        v = hints.get(key) or conf.get(key) or layout.get(key)
        if v is None:
            return None
        return v if v.startswith(("http://", "https://")) else root + (v if v.startswith("/") else "/" + v)

    q = url_of("query")
    if q is None:
        raise StoreError(f"no query endpoint for {location}")
    return Endpoints(flavor or "generic", q, url_of("update"), url_of("gsp"))


_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^\\]|\\.)*?\"\"\"|'\'\'(?:[^\\]|\\.)*?'\'\'
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
  | (?P<other>\s+|.)
""", re.X | re.S)
_CLAUSE_END = {"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES", "GROUP", "WHERE", "FROM", "SELECT"}


def bind_values(sparql: str, substitutions: Mapping[str, Any] | None) -> str:
    """``sparql`` with its parameters replaced by their terms, as pyoxigraph's
    ``substitutions`` do (the variable becomes the constant everywhere): in a SELECT
    projection ``?x`` becomes ``(<term> AS ?x)``, in GROUP BY / ORDER BY it is left
    out (a constant does not group or order), elsewhere it is the term itself.  Terms
    are serialised by pyoxigraph, so IRIs and literals are escaped."""
    if not substitutions:
        return sparql
    terms = {k.lstrip("?$"): str(to_term(v)) for k, v in substitutions.items()}
    out: list[str] = []
    mode = ""                  # "" | "project" | "modifier" (GROUP BY / ORDER BY)
    clause_start = 0           # index in ``out`` where the current modifier clause starts
    clause_kept = 0
    words: list[str] = []      # recent significant words
    selects = 0                # SELECT keywords seen: the first is the outermost
    projected = 0              # terms kept in the current projection
    for m in _TOKEN.finditer(sparql):
        kind, text = m.lastgroup, m.group()
        if kind == "word":
            up = text.upper()
            if mode == "modifier" and up in _CLAUSE_END:
                if clause_kept == 0:
                    del out[clause_start:]
                mode = ""
            if mode == "project" and up in ("WHERE", "FROM"):
                if projected == 0:
                    out.append(f"(1 AS ?_unused{selects}) ")
                mode = ""
            if up == "SELECT":
                mode, selects, projected = "project", selects + 1, 0
            elif up == "BY" and words and words[-1] in ("GROUP", "ORDER"):
                mode, clause_start, clause_kept = "modifier", len(out) - 2, 0
                while clause_start > 0 and out[clause_start].upper() not in ("GROUP", "ORDER"):
                    clause_start -= 1
            words.append(up)
        elif kind == "other" and text in "{}" and text.strip():
            if mode == "modifier" and clause_kept == 0:
                del out[clause_start:]
            if mode == "project" and projected == 0:
                out.append(f"(1 AS ?_unused{selects}) ")
            mode = ""
        if kind == "var" and text[1:] in terms:
            term = terms[text[1:]]
            if mode == "project" and selects == 1:
                text = f"({term} AS {text})"      # the outermost projection keeps the column
                projected += 1
            elif mode in ("project", "modifier"):   # a subquery: the outer query binds it
                continue
            else:
                text = term
        elif mode == "project" and kind in ("var", "word") and text.upper() not in (
                "SELECT", "DISTINCT", "REDUCED"):
            projected += 1
        elif mode == "modifier" and kind not in ("comment", "other") and not (
                kind == "word" and text.upper() in ("GROUP", "ORDER", "BY")):
            clause_kept += 1
        elif mode == "modifier" and kind == "other" and text.strip() and text not in "()":
            clause_kept += 1
        out.append(text)
    if mode == "modifier" and clause_kept == 0:
        del out[clause_start:]
    return "".join(out)


_DISTINCT = re.compile(r"^(?:\s*(?:PREFIX\s+[\w-]*:\s*<[^>]*>|BASE\s*<[^>]*>))*\s*SELECT\s+DISTINCT\b",
                       re.I)


def _strip_comments(sparql: str) -> str:
    return "".join(m.group() for m in _TOKEN.finditer(sparql) if m.lastgroup != "comment")


def _needs_prefixes(sparql: str) -> str:
    """Prepend the project prefixes that the query uses but does not declare."""
    declared = {m.group(1) for m in re.finditer(r"PREFIX\s+([\w-]*):", sparql, re.I)}
    missing = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w<#/-]){re.escape(p)}:", sparql)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing) + sparql


def json_term(b: Mapping[str, Any] | None):
    """A SPARQL JSON results binding as a pyoxigraph term."""
    if b is None:
        return None
    t, v = b["type"], b["value"]
    if t == "uri":
        return ox.NamedNode(v)
    if t == "bnode":
        return ox.BlankNode(v)
    if b.get("xml:lang"):
        return ox.Literal(v, language=b["xml:lang"])
    if b.get("datatype"):
        if b["datatype"] == _XSD_BOOLEAN and v in ("1", "0"):     # Virtuoso stores booleans as 1/0
            v = "true" if v == "1" else "false"
        return ox.Literal(v, datatype=ox.NamedNode(b["datatype"]))
    return ox.Literal(v)


class RemoteStore(GraphStore):
    """A SPARQL 1.1 Protocol + Graph Store Protocol server, through ``requests``."""

    def __init__(self, endpoints: Endpoints, auth=None, read_only: bool = False,
                 location: str | None = None, session: requests.Session | None = None):
        self.endpoints = endpoints
        self.auth = auth
        self.read_only = read_only
        self.location = location or endpoints.query
        self.session = session or requests.Session()

    @classmethod
    def from_location(cls, location: str, read_only: bool = False) -> "RemoteStore":
        conf = _config_for(location)
        session = requests.Session()
        ep = resolve_endpoints(location, session, conf)
        return cls(ep, _auth(ep.flavor, conf), read_only, location, session)

    # -- protocol --------------------------------------------------------------------
    def _post_query(self, sparql: str, accept: str) -> requests.Response:
        data = {"query": _needs_prefixes(sparql)}
        if self.endpoints.flavor == "oxigraph":
            data["union-default-graph"] = ""
        try:
            r = self.session.post(self.endpoints.query, data=data, headers={"Accept": accept},
                                  timeout=TIMEOUT)
        except requests.RequestException as e:
            raise StoreError(f"query to {self.endpoints.query} failed: {e}") from None
        if r.status_code == 400:
            raise SyntaxError(r.text.strip()[:500])
        if not r.ok:
            raise StoreError(f"query to {self.endpoints.query}: HTTP {r.status_code} {r.text[:300]}")
        return r

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store at {self.location} is open read-only")

    def update(self, sparql: str) -> None:
        """Run one SPARQL update (all operations of one request in one transaction)."""
        self._check_writable()
        if not self.endpoints.update:
            raise StoreError(f"no update endpoint known for {self.location}")
        r = self.session.post(self.endpoints.update, data={"update": _needs_prefixes(sparql)},
                              auth=self.auth, timeout=TIMEOUT)
        if not r.ok:
            raise StoreError(f"update to {self.endpoints.update}: HTTP {r.status_code} {r.text[:300]}")

    def _gsp(self, method: str, graph: str, body: bytes | None = None) -> requests.Response:
        self._check_writable()
        if not self.endpoints.gsp:
            raise StoreError(f"no Graph Store Protocol endpoint known for {self.location}")
        headers = {"Content-Type": "text/turtle; charset=utf-8"} if body is not None else {}
        r = self.session.request(method, self.endpoints.gsp, params={"graph": graph}, data=body,
                                 headers=headers, auth=self.auth, timeout=TIMEOUT)
        if not r.ok and not (method == "DELETE" and r.status_code == 404):
            raise StoreError(f"{method} {self.endpoints.gsp}?graph={graph}: HTTP {r.status_code} "
                             f"{r.text[:300]}")
        return r

    # -- writing ---------------------------------------------------------------------
    def replace_graph(self, graph_iri, quads, drop=()) -> int:
        g = _node(graph_iri).value
        triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads},
                         key=str)          # materialised first: a failing generator writes nothing
        self._check_writable()
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)   # N-Triples is Turtle
        if triples:
            self._gsp("PUT", g, body)
        else:
            self._gsp("DELETE", g)
        stale = sorted({_node(x).value for x in drop} - {g})
        if stale:
            self.drop_graphs(stale)
        return len(triples)

    def replace_graph_file(self, graph_iri, path) -> None:
        """One Graph Store Protocol PUT with the file streamed as the body (N-Triples is
        Turtle): the server replaces the graph in one operation."""
        g = _node(graph_iri).value
        self._check_writable()
        if Path(path).stat().st_size == 0:
            self._gsp("DELETE", g)
            return
        with open(path, "rb") as body:
            self._gsp("PUT", g, body)

    def drop_graphs(self, graphs) -> None:
        ops = [f"DROP SILENT GRAPH <{_node(x).value}>" for x in sorted({_node(x).value for x in graphs})]
        if ops:
            self.update(" ;\n".join(ops))

    # -- reading ---------------------------------------------------------------------
    def _select_json(self, sparql: str) -> dict:
        r = self._post_query(sparql, "application/sparql-results+json")
        try:
            return json.loads(r.content.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise StoreError("the server sent an incomplete result (timeout?): "
                             + r.text[-200:]) from None

    def query(self, sparql, substitutions=None) -> Result:
        data = self._select_json(bind_values(sparql, substitutions))
        if "boolean" in data:
            return Result(["result"], [("true" if data["boolean"] else "false",)])
        names = data["head"].get("vars", [])
        rows = [tuple(term_value(json_term(b.get(n))) for n in names)
                for b in data["results"]["bindings"]]
        if self.endpoints.flavor == "virtuoso" and _DISTINCT.match(_strip_comments(sparql)):
            rows = list(dict.fromkeys(rows))   # Virtuoso's DISTINCT can repeat equal rows
        return Result(names, rows)

    def terms(self, sparql: str, substitutions=None) -> tuple[list[str], list[tuple]]:
        """Like ``query`` but the values are pyoxigraph terms (datatypes kept)."""
        data = self._select_json(bind_values(sparql, substitutions))
        names = data["head"].get("vars", [])
        return names, [tuple(json_term(b.get(n)) for n in names) for b in data["results"]["bindings"]]

    def construct(self, sparql, substitutions=None) -> list[ox.Triple]:
        r = self._post_query(bind_values(sparql, substitutions), "text/turtle")
        return list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))

    def named_graphs(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                          f'FILTER(STRSTARTS(STR(?g), "{OWN_GRAPHS}")) }}').rows
        return sorted(g for (g,) in rows if g)

    def quads(self, graph=None) -> list[ox.Quad]:
        graphs = [_node(graph).value] if graph is not None else self.named_graphs()
        out = []
        for g in graphs:
            gn = ox.NamedNode(g)
            _, rows = self.terms(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}")
            out.extend(ox.Quad(s, p, o, gn) for s, p, o in rows)
        return out

    def dump(self, format=ox.RdfFormat.N_QUADS, graph=None) -> bytes:
        quads = self.quads(graph)
        if graph is not None and format in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES,
                                            ox.RdfFormat.RDF_XML, ox.RdfFormat.N3):
            return ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                                format=format)
        return ox.serialize(quads, format=format)


__all__ = ["RemoteStore", "Endpoints", "resolve_endpoints", "bind_values", "json_term",
           "OWN_GRAPHS", "LAYOUTS"]

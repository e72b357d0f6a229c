"""Corpus statistics, computed once at build time into their own named graph.

The overview and units pages show corpus-wide figures (documents by level, counts of
measures, targets and responsible units, workload per unit).  At 10,000 documents each
of these is a scan of millions of quads; computed per page view they would make every
page wait.  ``write_stats(store)`` runs the aggregates once, after linking, and writes
the answers to ``https://w3id.org/policykg/graph/stats`` in one atomic replace; the
readers below (``counts``, ``unit_workload``) return the same shapes as
``app/pagedata.counts`` / ``unit_workload`` by reading a few hundred triples.

The stats graph uses a small vocabulary of its own (``STATS`` below, under
``https://w3id.org/policykg/stats#``): it describes the corpus, not the plans, and
is recomputed whole on every build, like the links graph.  A store built before this
module existed has no stats graph: the readers then return ``None`` and callers fall
back to the live aggregates.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from loaders.vocab import BASE, PREFIXES, RDF, SKOS, XSD, Vocabulary

from .store import GraphStore

#: the statistics graph and its terms
STATS_GRAPH = ox.NamedNode(BASE + "graph/stats")
STATS = Vocabulary("pkgstats", BASE + "stats#", """
    Corpus LevelCount UnitWorkload IndicatorEntry IssuerUnits
    documents stubs measures targets units level levelName
    unit issuer measuresLed measuresSupported rank indicator canonical
""".split())
_NODE = BASE + "id/stats/"

_P = "".join(f"PREFIX {p}: <{b}>\n" for p, b in PREFIXES.items())

#: documents by level (loaded documents only; stubs are counted apart)
BY_LEVEL = _P + """
SELECT ?level (COUNT(DISTINCT ?doc) AS ?n) WHERE {
  ?doc pkg:sourceText ?src .
  OPTIONAL { ?doc pkg:level ?lv }
  BIND(COALESCE(STRAFTER(STR(?lv), "/level/"), "unknown") AS ?level0)
  BIND(IF(?level0 = "", "unknown", ?level0) AS ?level)
} GROUP BY ?level"""

STUBS = _P + "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s pkg:stub true }"
MEASURES = _P + "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a pkg:Measure }"
TARGETS = _P + "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t pkg:valueRole pkg:Target }"
UNITS = _P + "SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE { ?r a pkg:Responsibility ; pkg:unit ?u }"

#: every indicator as written, per document (for the Targets page's index)
INDICATORS = _P + """
SELECT DISTINCT ?doc ?ind ?label WHERE { GRAPH ?doc { ?ind a pkg:Indicator ; skos:prefLabel ?label } }"""

#: indicator → canonical cross-level indicator (written by the link step)
CANONICAL = _P + """
SELECT ?ind ?canonical ?label WHERE { GRAPH <%s> {
  ?ind skos:exactMatch|skos:closeMatch ?canonical . OPTIONAL { ?canonical skos:prefLabel ?label } } }
""" % (BASE + "graph/links")

#: readers
READ_COUNTS = _P + """
PREFIX pkgstats: <%s>
SELECT ?documents ?stubs ?measures ?targets ?units WHERE {
  GRAPH <%s> { ?c a pkgstats:Corpus ; pkgstats:documents ?documents ; pkgstats:stubs ?stubs ;
                  pkgstats:measures ?measures ; pkgstats:targets ?targets ; pkgstats:units ?units }
}""" % (STATS.base, STATS_GRAPH.value)

READ_LEVELS = _P + """
PREFIX pkgstats: <%s>
SELECT ?level ?n WHERE { GRAPH <%s> { ?x a pkgstats:LevelCount ; pkgstats:levelName ?level ;
                                        pkgstats:documents ?n } }""" % (STATS.base, STATS_GRAPH.value)

#: the stored workload rows, busiest first (rank = by measures led + supported); %s is a
#: restriction: the top N ranks, or one issuer (bound as ?issuer)
READ_WORKLOAD = _P + """
PREFIX pkgstats: <%s>
SELECT ?unit ?label ?issuer ?measures_led ?measures_supported WHERE {
  GRAPH <%s> { %%s
               ?x a pkgstats:UnitWorkload ; pkgstats:rank ?rank ; pkgstats:unit ?unit ;
                  pkgstats:measuresLed ?measures_led ; pkgstats:measuresSupported ?measures_supported .
               OPTIONAL { ?x skos:prefLabel ?label } OPTIONAL { ?x pkgstats:issuer ?issuer } }
} ORDER BY ?rank""" % (STATS.base, STATS_GRAPH.value)

READ_ISSUERS = _P + """
PREFIX pkgstats: <%s>
SELECT ?issuer ?units WHERE { GRAPH <%s> {
  ?x a pkgstats:IssuerUnits ; skos:prefLabel ?issuer ; pkgstats:units ?units } } ORDER BY ?issuer
""" % (STATS.base, STATS_GRAPH.value)


READ_ENTRIES = _P + """
PREFIX pkgstats: <%s>
SELECT ?entry ?name ?docs WHERE { GRAPH <%s> {
  ?entry a pkgstats:IndicatorEntry ; pkgstats:rank ?rank ; skos:prefLabel ?name ;
         pkgstats:documents ?docs } } ORDER BY ?rank""" % (STATS.base, STATS_GRAPH.value)

READ_ENTRY_CANONICAL = _P + """
PREFIX pkgstats: <%s>
SELECT ?entry ?canonical WHERE { GRAPH <%s> { ?entry pkgstats:canonical ?canonical } }
""" % (STATS.base, STATS_GRAPH.value)

READ_ENTRY_INDICATORS = _P + """
PREFIX pkgstats: <%s>
SELECT ?entry ?ind WHERE { GRAPH <%s> { ?entry pkgstats:indicator ?ind } } ORDER BY ?ind
""" % (STATS.base, STATS_GRAPH.value)


def indicator_entries(store: GraphStore) -> list[dict]:
    """The Targets page's index, computed live: one entry per name (the canonical
    cross-level indicator's label when the link step found one, else the name as written),
    most widespread first: ``{"name", "docs", "indicators", "canonical"}`` (IRIs sorted)."""
    canon: dict[str, tuple[str, str]] = {}
    for ind, c, label in store.query(CANONICAL).rows:
        if ind not in canon:
            canon[ind] = (c, label or c.rsplit("/", 1)[-1])
    by: dict[str, dict] = {}
    for doc, ind, label in store.query(INDICATORS).rows:
        c = canon.get(ind)
        name = c[1] if c else label
        e = by.setdefault(name, {"name": name, "docs": set(), "indicators": set(), "canonical": set()})
        e["docs"].add(doc)
        e["indicators"].add(ind)
        if c:
            e["canonical"].add(c[0])
    out = [{"name": e["name"], "docs": len(e["docs"]), "indicators": sorted(e["indicators"]),
            "canonical": sorted(e["canonical"])} for e in by.values()]
    return sorted(out, key=lambda e: (-e["docs"], e["name"]))


@dataclass(frozen=True)
class StatsReport:
    documents: int
    stubs: int
    measures: int
    targets: int
    units: int
    by_level: dict[str, int]
    workload_rows: int
    indicator_entries: int = 0


def _n(store: GraphStore, sparql: str) -> int:
    rows = store.query(sparql).rows
    return int(float(rows[0][0])) if rows and rows[0][0] is not None else 0


def _int(v) -> int:
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return 0


def workload_order(r: dict):
    """Busiest first: measures led + supported, then led, then label and IRI."""
    led, sup = _int(r.get("measures_led")), _int(r.get("measures_supported"))
    return (-(led + sup), -led, r.get("label") or "", r.get("unit") or "")


def _lit(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=XSD.integer)


def compute(store: GraphStore) -> tuple[list[ox.Quad], StatsReport]:
    """Run the corpus-wide aggregates; the stats graph's quads and a summary."""
    from . import queries as canned
    g = STATS_GRAPH
    by_level = {lv or "unknown": _int(n) for lv, n in store.query(BY_LEVEL).rows}
    rep = StatsReport(documents=sum(by_level.values()), stubs=_n(store, STUBS),
                      measures=_n(store, MEASURES), targets=_n(store, TARGETS),
                      units=_n(store, UNITS), by_level=by_level, workload_rows=0)
    quads: list[ox.Quad] = []

    def add(s, p, o):
        quads.append(ox.Quad(s, p, o, g))

    corpus = ox.NamedNode(_NODE + "corpus")
    add(corpus, RDF.type, STATS.Corpus)
    for term, value in ((STATS.documents, rep.documents), (STATS.stubs, rep.stubs),
                        (STATS.measures, rep.measures), (STATS.targets, rep.targets),
                        (STATS.units, rep.units)):
        add(corpus, term, _lit(value))
    for level, n in sorted(by_level.items()):
        x = ox.NamedNode(_NODE + "level/" + level)
        add(x, RDF.type, STATS.LevelCount)
        add(x, STATS.levelName, ox.Literal(level))
        add(x, STATS.documents, _lit(n))
    try:
        rows = canned.run(store, "units").dicts()      # the page's own question, answered once
    except canned.QueryError:
        rows = []
    rows = sorted((r for r in rows if r.get("unit")), key=workload_order)
    issuers: dict[str, int] = {}
    for i, r in enumerate(rows, 1):
        if not r.get("unit"):
            continue
        x = ox.NamedNode(f"{_NODE}unit/{i}")
        add(x, RDF.type, STATS.UnitWorkload)
        add(x, STATS.rank, _lit(i))
        add(x, STATS.unit, ox.NamedNode(r["unit"]))
        add(x, STATS.measuresLed, _lit(_int(r.get("measures_led"))))
        add(x, STATS.measuresSupported, _lit(_int(r.get("measures_supported"))))
        if r.get("label"):
            add(x, SKOS.prefLabel, ox.Literal(r["label"]))
        if r.get("issuer"):
            add(x, STATS.issuer, ox.Literal(r["issuer"]))
            issuers[r["issuer"]] = issuers.get(r["issuer"], 0) + 1
    for i, (name, n) in enumerate(sorted(issuers.items()), 1):
        x = ox.NamedNode(f"{_NODE}issuer/{i}")
        add(x, RDF.type, STATS.IssuerUnits)
        add(x, SKOS.prefLabel, ox.Literal(name))
        add(x, STATS.units, _lit(n))
    entries = indicator_entries(store)
    for i, e in enumerate(entries, 1):
        x = ox.NamedNode(f"{_NODE}indicator/{i}")
        add(x, RDF.type, STATS.IndicatorEntry)
        add(x, STATS.rank, _lit(i))
        add(x, SKOS.prefLabel, ox.Literal(e["name"]))
        add(x, STATS.documents, _lit(e["docs"]))
        for c in e["canonical"]:
            add(x, STATS.canonical, ox.NamedNode(c))
        for ind in e["indicators"]:
            add(x, STATS.indicator, ox.NamedNode(ind))
    return quads, StatsReport(**{**rep.__dict__, "workload_rows": len(rows),
                                 "indicator_entries": len(entries)})


def write_stats(store: GraphStore) -> StatsReport:
    """Recompute the stats graph and replace it in one write: through an N-Triples file
    and ``GraphStore.replace_graph_file`` (a bulk load; at 1,000 documents the graph has
    ~110,000 triples, which a SPARQL ``INSERT DATA`` took ~10 s to write)."""
    import tempfile
    quads, report = compute(store)
    with tempfile.NamedTemporaryFile(prefix="policykg-stats-", suffix=".nt") as f:
        f.write(ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                             format=ox.RdfFormat.N_TRIPLES))
        f.flush()
        store.replace_graph_file(STATS_GRAPH, f.name)
    return report


def counts(store: GraphStore) -> dict | None:
    """``{"documents", "stubs", "by_level", "measures", "targets", "units"}`` from the stats
    graph (the shape of ``app.pagedata.counts``), or None when the store has none."""
    res = store.query(READ_COUNTS).dicts()
    if not res:
        return None
    c = res[0]
    return {"documents": _int(c["documents"]), "stubs": _int(c["stubs"]),
            "by_level": {lv: _int(n) for lv, n in store.query(READ_LEVELS).rows},
            "measures": _int(c["measures"]), "targets": _int(c["targets"]),
            "units": _int(c["units"])}


def unit_workload(store: GraphStore, top: int | None = None,
                  issuer: str | None = None) -> list[dict] | None:
    """Rows of the canned ``units`` query as stored at build time, busiest first (measures
    led + supported; the shape of ``app.pagedata.unit_workload``): all of them, the ``top``
    busiest, or those of one ``issuer``.  None when the store has no stats graph.  At
    10,000 documents there are ~100,000 units: pages ask for a top or an issuer."""
    if counts(store) is None:
        return None
    if issuer is not None:
        res = store.query(READ_WORKLOAD % "?x pkgstats:issuer ?issuer .",
                          {"issuer": ox.Literal(issuer)})
    elif top is not None:
        res = store.query(READ_WORKLOAD % f"?x pkgstats:rank ?rank FILTER(?rank <= {int(top)})")
    else:
        res = store.query(READ_WORKLOAD % "")
    return [{**r, "measures_led": _int(r["measures_led"]),
             "measures_supported": _int(r["measures_supported"])} for r in res.dicts()]


def unit_issuers(store: GraphStore) -> list[tuple[str, int]] | None:
    """(issuer, number of its units) for every issuer with units, by name; None when the
    store has no stats graph or one written before this list was added."""
    if counts(store) is None:
        return None
    rows = store.query(READ_ISSUERS).rows
    if not rows and store.query(READ_WORKLOAD % "?x pkgstats:rank 1 .").rows:
        return None
    return [(name, _int(n)) for name, n in rows]


def indicator_index(store: GraphStore) -> list[dict] | None:
    """The Targets page's index as stored at build time, most widespread first:
    ``{"entry", "name", "docs", "canonical"}`` — the indicator IRIs of one entry come from
    :func:`entry_indicators` (at 10,000 documents there are hundreds of thousands).  None
    when the store has no stats graph (or one written before the index was added)."""
    if counts(store) is None:
        return None
    rows = store.query(READ_ENTRIES).rows
    if not rows:
        return None if _n(store, _P + "SELECT (COUNT(*) AS ?n) WHERE { ?i a pkg:Indicator }") else []
    canon: dict[str, list[str]] = {}
    for entry, c in store.query(READ_ENTRY_CANONICAL).rows:
        canon.setdefault(entry, []).append(c)
    return [{"entry": e, "name": name, "docs": _int(n), "canonical": sorted(canon.get(e, []))}
            for e, name, n in rows]


def entry_indicators(store: GraphStore, entry: str) -> list[str]:
    """The indicator IRIs (as written in the documents) of one stored index entry."""
    return [ind for _e, ind in store.query(READ_ENTRY_INDICATORS, {"entry": ox.NamedNode(entry)}).rows]


__all__ = ["STATS", "STATS_GRAPH", "StatsReport", "compute", "counts", "unit_workload",
           "unit_issuers", "workload_order",
           "indicator_entries", "indicator_index", "entry_indicators", "write_stats"]

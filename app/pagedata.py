"""Page data as plain Python: every function takes a GraphStore and returns lists/dicts of str.

No Streamlit here (``app/data.py`` caches these); nothing of pyoxigraph leaves a
function (``GraphStore.query`` already returns ``Result``).  The canned queries of
``queries/*.rq`` are used where one answers the page's question; the few questions
no canned query answers yet (counts, the text and its annotations, sections, direct
lineage edges) are asked here, in the app's own SPARQL below.
"""
from __future__ import annotations

from collections import defaultdict

from graph import queries as canned
import pyoxigraph as ox

from graph.store import GraphStore, Result
from loaders.vocab import PREFIXES

_P = "".join(f"PREFIX {p}: <{b}>\n" for p, b in PREFIXES.items())

COUNTS = _P + """
SELECT
  (SUM(IF(?kind = "measure", 1, 0)) AS ?measures)
  (SUM(IF(?kind = "target", 1, 0)) AS ?targets)
WHERE {
  { ?x a pkg:Measure . BIND("measure" AS ?kind) }
  UNION { ?x pkg:valueRole pkg:Target . BIND("target" AS ?kind) }
}"""

UNITS_COUNT = _P + "SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE { ?r a pkg:Responsibility ; pkg:unit ?u }"

REGIONS = _P + """
SELECT ?doc (SAMPLE(?label) AS ?region) (SAMPLE(?t) AS ?doc_type) (SAMPLE(?n) AS ?doc_number)
WHERE {
  ?doc pkg:sourceText ?src .
  OPTIONAL { ?doc eli:jurisdiction ?r . ?r skos:prefLabel ?label }
  OPTIONAL { ?doc eli:type_document ?ti . BIND(REPLACE(STR(?ti), "^.*/", "") AS ?t) }
  OPTIONAL { ?doc eli:id_local ?n }
} GROUP BY ?doc"""

MEASURE_COUNTS = _P + """
SELECT ?doc (COUNT(?m) AS ?n) WHERE { ?m a pkg:Measure ; pkg:inDocument ?doc } GROUP BY ?doc"""

EDGES = _P + """
SELECT DISTINCT ?child ?parent ?kind ?confidence WHERE {
  { ?child eli:based_on ?parent . BIND("asserted" AS ?kind) BIND(1.0 AS ?confidence) }
  UNION
  { ?inf a pkg:InferredLineage ; pkg:child ?child ; pkg:parent ?parent .
    OPTIONAL { ?inf pkg:confidence ?c }
    BIND("inferred" AS ?kind) BIND(COALESCE(?c, 0.5) AS ?confidence) }
  UNION
  { ?child eli:applies ?parent . ?parent a eli:LegalResource .
    FILTER NOT EXISTS { ?child eli:based_on ?parent }
    BIND("inferred" AS ?kind) BIND(0.5 AS ?confidence) }
}"""

TEXT = _P + """
SELECT ?doc ?text ?file ?format ?sha WHERE {
  ?doc pkg:sourceText ?src . ?src rdf:value ?text .
  OPTIONAL { ?src pkg:fileName ?file } OPTIONAL { ?src pkg:sourceFormat ?format }
  OPTIONAL { ?src pkg:textSha256 ?sha }
} LIMIT 1"""

ANNOTATIONS = _P + """
SELECT ?doc ?anno ?kind ?body ?start ?end ?exact WHERE {
  GRAPH ?doc {
    ?anno a oa:Annotation ; pkg:factKind ?kind ; oa:hasBody ?body ; oa:hasTarget ?t .
    ?t oa:hasSelector ?pos . ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
    OPTIONAL { ?t oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?exact }
  }
} ORDER BY ?start ?end"""

SECTIONS = _P + """
SELECT ?doc ?s ?path ?number ?heading ?depth ?order WHERE {
  GRAPH ?doc {
    ?s a eli:LegalResourceSubdivision ; pkg:path ?path .
    FILTER NOT EXISTS { ?s a pkg:Measure }
    OPTIONAL { ?s eli:number ?number } OPTIONAL { ?s pkg:heading ?heading }
    OPTIONAL { ?s pkg:depth ?depth } OPTIONAL { ?s pkg:order ?order }
  }
} ORDER BY ?order"""

MEASURE_TEXTS = _P + """
SELECT ?doc ?measure ?path ?heading ?text WHERE {
  GRAPH ?doc {
    ?measure a pkg:Measure ; pkg:order ?order .
    OPTIONAL { ?measure pkg:path ?path } OPTIONAL { ?measure pkg:heading ?heading }
    OPTIONAL { ?measure pkg:text ?text }
  }
} ORDER BY ?doc ?order"""

#: measures of one document with their units (the canned ``measures`` query aggregates over
#: all documents before the ``doc`` parameter applies: 13 s at 1,000 documents)
MEASURE_UNITS = _P + """
SELECT ?doc ?measure ?order ?role ?unit ?k WHERE {
  GRAPH ?doc {
    ?measure a pkg:Measure ; pkg:order ?order .
    ?r pkg:measure ?measure ; org:role ?ro ; pkg:unit ?u ; pkg:order ?k .
    ?u skos:prefLabel ?unit .
    BIND(REPLACE(STR(?ro), "^.*#", "") AS ?role)
  }
} ORDER BY ?order ?k"""

OBSERVATIONS_DOC = _P + """
SELECT DISTINCT ?doc ?obs ?indicator ?canonical ?role ?value ?written ?comparator ?unit ?year
       ?binding ?cumulative ?quote ?table WHERE {
  GRAPH ?doc {
    ?obs a qb:Observation ; pkg:indicator ?ind ; pkg:valueRole ?r ; sdmx-measure:obsValue ?value .
    ?ind skos:prefLabel ?indicator .
    OPTIONAL { ?obs pkg:valueAsWritten ?written } OPTIONAL { ?obs pkg:comparator ?comparator }
    OPTIONAL { ?obs qudt:unit ?u . ?u qudt:symbol ?unit } OPTIONAL { ?obs pkg:year ?year }
    OPTIONAL { ?obs pkg:bindingNature ?b }
    OPTIONAL { ?obs pkg:cumulative ?cumulative } OPTIONAL { ?obs pkg:quote ?quote }
    OPTIONAL { ?obs pkg:table ?table }
  }
  BIND(REPLACE(STR(?r), "^.*#", "") AS ?role)
  BIND(REPLACE(STR(?b), "^.*/", "") AS ?binding)
  OPTIONAL { ?ind skos:exactMatch|skos:closeMatch ?canonical }
}"""

OBSERVATIONS = _P + """
SELECT DISTINCT ?doc ?obs ?indicator ?canonical ?role ?value ?written ?comparator ?unit ?year ?binding
       ?cumulative ?quote ?table WHERE {
  ?obs a qb:Observation ; pkg:inDocument ?doc ; pkg:indicator ?ind ; pkg:valueRole ?r ;
       sdmx-measure:obsValue ?value .
  ?ind skos:prefLabel ?indicator .
  BIND(REPLACE(STR(?r), "^.*#", "") AS ?role)
  OPTIONAL { ?ind skos:exactMatch|skos:closeMatch ?canonical }
  OPTIONAL { ?obs pkg:valueAsWritten ?written } OPTIONAL { ?obs pkg:comparator ?comparator }
  OPTIONAL { ?obs qudt:unit ?u . ?u qudt:symbol ?unit } OPTIONAL { ?obs pkg:year ?year }
  OPTIONAL { ?obs pkg:bindingNature ?b . BIND(REPLACE(STR(?b), "^.*/", "") AS ?binding) }
  OPTIONAL { ?obs pkg:cumulative ?cumulative } OPTIONAL { ?obs pkg:quote ?quote }
  OPTIONAL { ?obs pkg:table ?table }
}"""

CANONICAL_LABELS = _P + """
SELECT DISTINCT ?canonical ?label WHERE {
  ?ind a pkg:Indicator ; skos:exactMatch|skos:closeMatch ?canonical .
  OPTIONAL { ?canonical skos:prefLabel ?label } }"""


def _run_canned(store: GraphStore, name: str, params: dict | None = None) -> Result | None:
    """A canned query's result, or None when the query file is not there (yet)."""
    try:
        return canned.run(store, canned.load_query(name), params)
    except canned.QueryError:
        return None


def _int(v) -> int:
    try:
        return int(float(v))
    except (TypeError, ValueError):
        return 0


def _bool(v) -> bool:
    return str(v).lower() in ("true", "1")


# --- documents ---------------------------------------------------------------------------

def documents(store: GraphStore) -> list[dict]:
    """One dict per document (stubs included): the canned ``documents`` columns plus
    region name, type, doc number and number of measures."""
    res = _run_canned(store, "documents")
    rows = res.dicts() if res is not None else []
    extra = {r["doc"]: r for r in store.query(REGIONS).dicts()}
    nmeas = {d: _int(n) for d, n in store.query(MEASURE_COUNTS).rows}
    out = []
    seen = set()
    for r in rows:
        if r["doc"] in seen:
            continue
        seen.add(r["doc"])
        x = extra.get(r["doc"], {})
        out.append({**r, "stub": _bool(r.get("stub")), "region": x.get("region"),
                    "doc_type": x.get("doc_type"), "doc_number": x.get("doc_number"),
                    "measures": nmeas.get(r["doc"], 0)})
    return out


def counts(store: GraphStore, docs: list[dict]) -> dict:
    m = store.query(COUNTS).dicts()[0]
    by_level: dict[str, int] = defaultdict(int)
    for d in docs:
        if not d["stub"]:
            by_level[d.get("level") or "unknown"] += 1
    return {"documents": sum(by_level.values()), "stubs": sum(1 for d in docs if d["stub"]),
            "by_level": dict(by_level), "measures": _int(m.get("measures")),
            "targets": _int(m.get("targets")),
            "units": _int(store.query(UNITS_COUNT).rows[0][0])}


def located(docs: list[dict]) -> list[dict]:
    """Loaded documents with the coordinates of their region (gazetteer, read-only)."""
    from loaders.regions import gazetteer
    gz = gazetteer()
    out = []
    for d in docs:
        code = d.get("region_code")
        r = gz.by_code(code) if code else None
        if d["stub"] or r is None or r.lat is None or r.lon is None:
            continue
        out.append({"doc": d["doc"], "title": d.get("title") or "", "level": d.get("level"),
                    "region": r.name, "lat": r.lat, "lon": r.lon})
    return out


def lineage_edges(store: GraphStore) -> list[tuple[str, str, str, float]]:
    """Direct document links ``(child, parent, kind, confidence)``; kind asserted | inferred."""
    best: dict[tuple[str, str], tuple[str, float]] = {}
    for child, parent, kind, conf in store.query(EDGES).rows:
        key = (child, parent)
        if key not in best or best[key][0] == "inferred" and kind == "asserted":
            best[key] = (kind, float(conf or 0.5))
    return sorted((c, p, k, conf) for (c, p), (k, conf) in best.items())


# --- one document --------------------------------------------------------------------------

def _iri(doc: str) -> dict:
    return {"doc": ox.NamedNode(doc)}


def document_detail(store: GraphStore, doc: str) -> dict:
    text = store.query(TEXT, _iri(doc)).dicts()
    sections = store.query(SECTIONS, _iri(doc)).dicts()
    annos = store.query(ANNOTATIONS, _iri(doc)).dicts()
    units: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"Lead": [], "Support": []})
    for r in store.query(MEASURE_UNITS, _iri(doc)).dicts():
        names = units[r["measure"]].setdefault(r["role"], [])
        if r["unit"] not in names:
            names.append(r["unit"])
    ms = []
    for r in store.query(MEASURE_TEXTS, _iri(doc)).dicts():
        u = units.get(r["measure"], {})
        ms.append({**r, "lead_unit": "、".join(u.get("Lead", [])) or None,
                   "other_units": "、".join(u.get("Support", [])) or None})
    obs = [r for r in store.query(OBSERVATIONS_DOC, _iri(doc)).dicts()]
    cit = _run_canned(store, "citations", {"doc": doc})
    return {"text": (text[0] if text else {}), "sections": sections, "annotations": annos,
            "measures": ms, "observations": obs,
            "citations": [r for r in (cit.dicts() if cit is not None else []) if r["doc"] == doc]}


def indicator_rows(obs: list[dict]) -> tuple[list[dict], list[dict]]:
    """Observations → (table rows: baseline and target paired; prose targets)."""
    table: dict[tuple, dict] = {}
    prose = []
    for o in obs:
        if o.get("table") or "/obs/row_" in o["obs"]:
            key = (o["doc"], o["obs"].rsplit("_", 1)[0])
            row = table.setdefault(key, {"indicator": o["indicator"], "unit": o.get("unit"),
                                         "binding": o.get("binding"), "baseline": None,
                                         "baseline_year": None, "target": None, "year": None,
                                         "comparator": None, "obs": key[1]})
            if o["role"] == "Baseline":
                row["baseline"], row["baseline_year"] = o.get("written") or o["value"], o.get("year")
            else:
                row["target"], row["year"] = o.get("written") or o["value"], o.get("year")
                row["comparator"] = o.get("comparator")
        else:
            prose.append({"indicator": o["indicator"], "target": o.get("written") or o["value"],
                          "unit": o.get("unit"), "year": o.get("year"),
                          "comparator": o.get("comparator"), "quote": o.get("quote")})
    return sorted(table.values(), key=lambda r: _row_key(r["obs"])), prose


def _row_key(obs: str):
    tail = obs.rsplit("/", 1)[-1]
    return (len(tail), tail)


# --- lineage --------------------------------------------------------------------------------

def stored_alignment(store: GraphStore, child_doc: str) -> tuple[list[dict], list[dict]] | None:
    """(alignments, gaps+locals) written by the link step for ``child_doc``, or None when the
    store has none at all (not computed yet)."""
    res = _run_canned(store, "alignment", {"child_doc": child_doc})
    if res is None:
        return None
    rows = [r for r in res.dicts() if r["child_doc"] == child_doc]
    if not rows:
        anyrow = store.query(_P + "ASK { ?a a pkg:Alignment }").rows[0][0] == "true"
        if not anyrow:
            return None
    gaps = _run_canned(store, "gaps", {"child_doc": child_doc})
    return rows, [r for r in (gaps.dicts() if gaps is not None else []) if r["child_doc"] == child_doc]


def measure_infos(store: GraphStore, docs: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for d in docs:
        for r in store.query(MEASURE_TEXTS, _iri(d)).dicts():
            out[d].append(r)
    return dict(out)


# --- targets and units ------------------------------------------------------------------------

def all_observations(store: GraphStore) -> list[dict]:
    # per-graph evaluation: the union-graph OBSERVATIONS did not finish in 10 min at 1,000 docs
    return store.query(OBSERVATIONS_DOC).dicts()


def canonical_labels(store: GraphStore) -> dict[str, str]:
    return {c: (lbl or c.rsplit("/", 1)[-1]) for c, lbl in store.query(CANONICAL_LABELS).rows}


def unit_workload(store: GraphStore) -> list[dict]:
    res = _run_canned(store, "units")
    return [{**r, "measures_led": _int(r.get("measures_led")),
             "measures_supported": _int(r.get("measures_supported"))}
            for r in (res.dicts() if res is not None else [])]


def unit_pairs(store: GraphStore) -> list[dict]:
    res = _run_canned(store, "unit_network")
    return [{**r, "shared_measures": _int(r.get("shared_measures"))}
            for r in (res.dicts() if res is not None else [])]


__all__ = ["documents", "counts", "located", "lineage_edges", "document_detail",
           "indicator_rows", "stored_alignment", "measure_infos", "all_observations",
           "canonical_labels", "unit_workload", "unit_pairs"]


def inferred_parents(docs: list[dict], doc: str) -> list[tuple[str, float]]:
    """graph.infer on the fly for one document: (parent, confidence), best first.  Used for
    the alignment preview while the link step does not store inferred lineage yet."""
    from graph.infer import infer_parents
    from graph.lineage_model import docs_from_rows
    rows = [(d["doc"], d.get("title"), d.get("issuer"), d.get("doc_number"), d.get("level"),
             d.get("region_code"), d.get("period"), d.get("doc_type"), d["stub"]) for d in docs]
    infos = docs_from_rows(rows)
    out = [(x.parent, x.confidence) for x in infer_parents(infos) if x.child == doc]
    return sorted(out, key=lambda x: -x[1])


def cascade_rows(store: GraphStore) -> list[dict]:
    """The stored target cascade (queries/cascade.rq), [] when not computed."""
    res = _run_canned(store, "cascade")
    return res.dicts() if res is not None else []

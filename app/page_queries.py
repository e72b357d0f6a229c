"""The app's own SPARQL (page data of app/pagedata.py), as constants.

Per-document questions are asked inside the document's named graph (``GRAPH ?doc``):
the default graph is the union of all graphs, where terms shared by many documents
(organisations, units, unit symbols) are repeated once per document graph.  Queries with
``%s`` take a VALUES list of IRIs (``app.pagedata._iris``).
"""
from __future__ import annotations

from loaders.vocab import GRAPH, PREFIXES

_P = "".join(f"PREFIX {p}: <{b}>\n" for p, b in PREFIXES.items())
LINKS = GRAPH.links.value

# --- live corpus-wide aggregates: only for stores without a stats graph ---------------------

COUNTS = _P + """
SELECT
  (SUM(IF(?kind = "measure", 1, 0)) AS ?measures)
  (SUM(IF(?kind = "target", 1, 0)) AS ?targets)
WHERE {
  { GRAPH ?g { ?x a pkg:Measure } BIND("measure" AS ?kind) }
  UNION { GRAPH ?g { ?x pkg:valueRole pkg:Target } BIND("target" AS ?kind) }
}"""

UNITS_COUNT = _P + """
SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE { GRAPH ?g { ?r a pkg:Responsibility ; pkg:unit ?u } }"""

# --- documents -----------------------------------------------------------------------------

#: loaded documents: their metadata from their own graph (one row per document)
DOCS = _P + """
SELECT ?doc ?title ?lv ?region ?date ?period ?dt ?number WHERE {
  GRAPH ?doc {
    ?doc pkg:sourceText ?src .
    OPTIONAL { ?doc eli:title ?title }
    OPTIONAL { ?doc pkg:level ?lv }
    OPTIONAL { ?doc eli:jurisdiction ?region }
    OPTIONAL { ?doc eli:date_document ?date }
    OPTIONAL { ?doc dcterms:temporal ?p . ?p rdfs:label ?period }
    OPTIONAL { ?doc eli:type_document ?dt }
    OPTIONAL { ?doc eli:id_local ?number }
  }
}"""

ISSUERS = _P + """
SELECT ?doc ?name WHERE { GRAPH ?doc { ?doc pkg:sourceText ?src ; eli:passed_by ?org .
                                       ?org skos:prefLabel ?name } }"""

#: documents known only by citation: stubs in the links graph
STUBS = _P + """
SELECT ?doc ?title ?lv ?region ?name WHERE {
  GRAPH <%s> {
    ?doc pkg:stub true .
    OPTIONAL { ?doc eli:title ?title }
    OPTIONAL { ?doc pkg:level ?lv }
    OPTIONAL { ?doc eli:jurisdiction ?region }
    OPTIONAL { ?doc eli:passed_by ?org . ?org skos:prefLabel ?name }
  }
}""" % LINKS

#: measures, and subdivisions (measures included), per document graph: two plain counts
#: (one query with EXISTS per subdivision took 1.1 s at 1,000 documents, these 0.06 s)
MEASURE_COUNTS = _P + """
SELECT ?doc (COUNT(?s) AS ?n) WHERE { GRAPH ?doc { ?s a pkg:Measure } } GROUP BY ?doc"""
PARTS = _P + """
SELECT ?doc (COUNT(?s) AS ?n) WHERE { GRAPH ?doc { ?s a eli:LegalResourceSubdivision } } GROUP BY ?doc"""

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
SELECT ?doc ?measure ?path ?heading ?text ?order WHERE {
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

#: the optional columns of an observation row, the end of its GRAPH ?doc block, and the role
#: and binding names (shared by both observation queries)
_OBS_COLUMNS = """    OPTIONAL { ?obs pkg:valueAsWritten ?written } OPTIONAL { ?obs pkg:comparator ?comparator }
    OPTIONAL { ?obs qudt:unit ?u . ?u qudt:symbol ?unit } OPTIONAL { ?obs pkg:year ?year }
    OPTIONAL { ?obs pkg:bindingNature ?b }
    OPTIONAL { ?obs pkg:cumulative ?cumulative } OPTIONAL { ?obs pkg:quote ?quote }
    OPTIONAL { ?obs pkg:table ?table }
  }
  BIND(REPLACE(STR(?r), "^.*#", "") AS ?role)
  BIND(REPLACE(STR(?b), "^.*/", "") AS ?binding)
"""

OBSERVATIONS_DOC = _P + """
SELECT DISTINCT ?doc ?obs ?indicator ?canonical ?role ?value ?written ?comparator ?unit ?year
       ?binding ?cumulative ?quote ?table WHERE {
  GRAPH ?doc {
    ?obs a qb:Observation ; pkg:indicator ?ind ; pkg:valueRole ?r ; sdmx-measure:obsValue ?value .
    ?ind skos:prefLabel ?indicator .
""" + _OBS_COLUMNS + """  OPTIONAL { ?ind skos:exactMatch|skos:closeMatch ?canonical }
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



# --- lineage: one document's stored alignment ----------------------------------------------

#: the alignment candidates of the child measures in VALUES (links graph)
ALIGNMENTS_OF = _P + """
SELECT ?child ?parent ?score ?rank ?accepted WHERE { GRAPH <%s> {
  VALUES ?child { %%s }
  ?a pkg:child ?child ; pkg:parent ?parent ; pkg:score ?score ; pkg:rank ?rank .
  OPTIONAL { ?a pkg:accepted ?accepted } } }""" % LINKS

#: ?doc's implementation gaps (parent measures not taken up) and local additions
GAPS_OF = _P + """
SELECT ?doc ?kind ?parent_doc ?m ?best_score ?closest WHERE { GRAPH <%s> {
  { ?g pkg:childDoc ?doc ; a pkg:ImplementationGap ; pkg:parentDoc ?parent_doc ;
       pkg:parentMeasure ?m ; pkg:bestScore ?best_score .
    OPTIONAL { ?g pkg:childMeasure ?closest } BIND("gap" AS ?kind) }
  UNION
  { ?g pkg:childDoc ?doc ; a pkg:LocalAddition ; pkg:childMeasure ?m ; pkg:bestScore ?best_score .
    OPTIONAL { ?g pkg:parentDoc ?parent_doc } OPTIONAL { ?g pkg:parentMeasure ?closest }
    BIND("local" AS ?kind) }
} }""" % LINKS

# --- targets: one indicator at a time -------------------------------------------------------

# (the index of indicators to choose from: graph.stats.INDICATORS / CANONICAL)

#: the observations of the indicators in VALUES (filled in by ``indicator_observations``)
OBSERVATIONS_OF = _P + """
SELECT DISTINCT ?doc ?obs ?ind ?indicator ?role ?value ?written ?comparator ?unit ?year
       ?binding ?cumulative ?quote ?table WHERE {
  GRAPH ?doc {
    VALUES ?ind { %s }          # inside GRAPH: outside it the engine scans every graph first
    ?obs pkg:indicator ?ind ; a qb:Observation ; pkg:valueRole ?r ; sdmx-measure:obsValue ?value .
    ?ind skos:prefLabel ?indicator .
""" + _OBS_COLUMNS + """}"""

#: the stored cascade steps of the canonical indicators in VALUES (links graph only)
CASCADE_OF = _P + """
SELECT ?canonical ?indicator ?parent_doc ?child_doc ?label ?binding_change ?pt ?pc ?ct ?cc ?ci ?co
       ?parent_year ?child_year ?parent_unit ?child_unit ?parent_binding ?child_binding ?ratio
       ?deadline_shift WHERE { GRAPH <%s> {
  VALUES ?canonical { %%s }
  ?s pkg:canonicalIndicator ?canonical ; a pkg:CascadeStep ; pkg:parentDoc ?parent_doc ;
     pkg:childDoc ?child_doc ; pkg:cascadeLabel ?label ; pkg:bindingChange ?binding_change .
  OPTIONAL { ?canonical skos:prefLabel ?indicator }
  OPTIONAL { ?s pkg:parentTarget ?pt } OPTIONAL { ?s pkg:parentComparator ?pc }
  OPTIONAL { ?s pkg:childTarget ?ct } OPTIONAL { ?s pkg:childComparator ?cc }
  OPTIONAL { ?s pkg:childIndicator ?ci } OPTIONAL { ?s pkg:childObservation ?co }
  OPTIONAL { ?s pkg:parentYear ?parent_year } OPTIONAL { ?s pkg:childYear ?child_year }
  OPTIONAL { ?s pkg:parentUnit ?parent_unit } OPTIONAL { ?s pkg:childUnit ?child_unit }
  OPTIONAL { ?s pkg:parentBinding ?parent_binding } OPTIONAL { ?s pkg:childBinding ?child_binding }
  OPTIONAL { ?s pkg:escalationRatio ?ratio } OPTIONAL { ?s pkg:deadlineShift ?deadline_shift }
} }""" % LINKS

#: labels (prefLabel, eli:title, pkg:quote) of the subjects in VALUES, each in its own graph
LABELS_OF = _P + """
SELECT ?x ?label WHERE { GRAPH ?g { VALUES ?x { %s }
  { ?x skos:prefLabel ?label } UNION { ?x eli:title ?label } UNION { ?x pkg:quote ?label } } }"""

# --- units: the pairs among the units a page draws -------------------------------------------

UNIT_PAIRS = _P + """
SELECT ?unit ?partner (COUNT(DISTINCT ?m) AS ?shared_measures) (COUNT(DISTINCT ?led) AS ?led_by_unit)
WHERE {
  VALUES ?unit { %s }
  GRAPH ?g {
    ?r1 pkg:unit ?unit ; pkg:measure ?m .
    ?r2 pkg:measure ?m ; pkg:unit ?partner .
    OPTIONAL { ?r1 org:role ?role }
  }
  FILTER(?unit != ?partner)
  VALUES ?partner { %s }
  BIND(IF(?role = pkg:Lead, ?m, ?none) AS ?led)
} GROUP BY ?unit ?partner"""



__all__ = ["_P", "LINKS", "COUNTS", "UNITS_COUNT", "DOCS", "ISSUERS", "STUBS", "MEASURE_COUNTS",
           "PARTS", "EDGES", "TEXT", "ANNOTATIONS", "SECTIONS", "MEASURE_TEXTS",
           "MEASURE_UNITS", "OBSERVATIONS_DOC", "OBSERVATIONS", "CANONICAL_LABELS",
           "OBSERVATIONS_OF", "UNIT_PAIRS", "ALIGNMENTS_OF",
           "GAPS_OF", "CASCADE_OF", "LABELS_OF"]

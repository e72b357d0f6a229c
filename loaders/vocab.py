"""The one namespace module: every IRI the code uses comes from here.

Terms are pyoxigraph ``NamedNode``s (the fast path to the store).  Each
namespace lists its terms; a misspelt term raises ``AttributeError`` at once,
like rdflib's ``DefinedNamespace`` with ``_fail = True``::

    >>> ELI.title
    <NamedNode value=http://data.europa.eu/eli/ontology#title>
    >>> ELI.titel
    Traceback (most recent call last):
    AttributeError: 'titel' is not a term of ELI (http://data.europa.eu/eli/ontology#)

Terms that are not Python identifiers (``eli:date_document`` is fine,
``sdmx-measure:obsValue`` is fine) are reached with ``NS["term"]``, checked the
same way.  ``pkg:`` terms are declared in ``ontology/policykg.ttl`` (a test
checks that every term listed here is declared there), the SKOS concepts of the
schemes in ``ontology/schemes.ttl``.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from pyoxigraph import NamedNode


class Vocabulary:
    """A closed set of terms under one base IRI."""

    def __init__(self, prefix: str, base: str, terms: Iterable[str]):
        self._prefix = prefix
        self._base = base
        self._nodes = {t: NamedNode(base + t) for t in terms}
        # terms become instance attributes, so ``ELI.title`` is a plain attribute read and
        # ``__getattr__`` only runs for misspelt terms; names of the class's own attributes
        # (``prefix``, ``base`` …) keep meaning those, as before
        cls_attrs = set(dir(type(self)))
        self.__dict__.update({t: n for t, n in self._nodes.items()
                              if t not in cls_attrs and not t.startswith("_")})

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._nodes[name]
        except KeyError:
            raise AttributeError(f"{name!r} is not a term of {self._prefix.upper()} ({self._base})") from None

    def __getitem__(self, name: str) -> NamedNode:
        try:
            return self._nodes[name]
        except KeyError:
            return self.__getattr__(name)

    def __contains__(self, name: str) -> bool:
        return name in self._nodes

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._nodes))

    @property
    def prefix(self) -> str:
        return self._prefix

    @property
    def base(self) -> str:
        return self._base

    def __repr__(self) -> str:
        return f"Vocabulary({self._prefix}: <{self._base}>, {len(self._nodes)} terms)"


def _words(s: str) -> list[str]:
    return s.split()


# --- W3C and community vocabularies (only the terms PolicyKG uses) -------------
RDF = Vocabulary("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                 _words("type value Property List first rest nil"))
RDFS = Vocabulary("rdfs", "http://www.w3.org/2000/01/rdf-schema#",
                  _words("label comment subClassOf subPropertyOf domain range Class Resource "
                         "isDefinedBy seeAlso"))
XSD = Vocabulary("xsd", "http://www.w3.org/2001/XMLSchema#",
                 _words("string boolean integer decimal date gYear dateTime anyURI "
                        "nonNegativeInteger"))
OWL = Vocabulary("owl", "http://www.w3.org/2002/07/owl#",
                 _words("Ontology Class ObjectProperty DatatypeProperty NamedIndividual "
                        "versionInfo imports"))
ELI = Vocabulary("eli", "http://data.europa.eu/eli/ontology#",
                 _words("LegalResource LegalResourceSubdivision title id_local date_document "
                        "date_publication passed_by jurisdiction type_document is_part_of "
                        "has_part number type_subdivision based_on cites applies"))
ORG = Vocabulary("org", "http://www.w3.org/ns/org#",
                 _words("Organization OrganizationalUnit Role unitOf hasUnit role"))
PROV = Vocabulary("prov", "http://www.w3.org/ns/prov#",
                  _words("Entity Activity wasGeneratedBy wasDerivedFrom used"))
DCTERMS = Vocabulary("dcterms", "http://purl.org/dc/terms/",
                     _words("title temporal PeriodOfTime Location identifier format source "
                            "description"))
SKOS = Vocabulary("skos", "http://www.w3.org/2004/02/skos/core#",
                  _words("Concept ConceptScheme prefLabel altLabel notation inScheme "
                         "hasTopConcept broader exactMatch closeMatch definition"))
QB = Vocabulary("qb", "http://purl.org/linked-data/cube#",
                _words("Observation DataSet dataSet"))
SDMX_MEASURE = Vocabulary("sdmx-measure", "http://purl.org/linked-data/sdmx/2009/measure#",
                          _words("obsValue"))
SDMX_DIMENSION = Vocabulary("sdmx-dimension", "http://purl.org/linked-data/sdmx/2009/dimension#",
                            _words("refArea refPeriod"))
QUDT = Vocabulary("qudt", "http://qudt.org/schema/qudt/",
                  _words("Unit unit symbol conversionMultiplier"))
OA = Vocabulary("oa", "http://www.w3.org/ns/oa#",
                _words("Annotation SpecificResource TextQuoteSelector TextPositionSelector "
                       "hasBody hasTarget hasSource hasSelector exact prefix suffix start end "
                       "motivatedBy identifying describing"))
DCAT = Vocabulary("dcat", "http://www.w3.org/ns/dcat#",
                  _words("Dataset Distribution startDate endDate"))
VOID = Vocabulary("void", "http://rdfs.org/ns/void#", _words("triples"))
SH = Vocabulary("sh", "http://www.w3.org/ns/shacl#", _words("NodeShape PropertyShape"))

# --- PolicyKG ------------------------------------------------------------------
BASE = "https://w3id.org/policykg/"
PKG = Vocabulary("pkg", BASE + "ontology#", _words("""
    Measure Responsibility Indicator Citation SourceText LoadActivity ValueRole BindingNature
    Level DocumentType SubdivisionType Region
    Lead Support Baseline Target
    level stub titleInferred noticeTitle issuerInferred loadComplete inDocument
    heading path order depth text
    measure unit asWritten collective coResponsibleUnit
    hasCitation citationKind citedTitle citedIssuer citedDocNumber resolvesTo
    indicator baseline valueRole valueAsWritten comparator year bindingNature cumulative category
    table rowNumber quote
    factKind sourceText fileName sha256 textSha256 encoding sourceFormat loaderVersion
    startYear endYear regionName
    InferredLineage Alignment ImplementationGap LocalAddition CanonicalIndicator CascadeStep
    child parent confidence reason onPath method score rank accepted resolution stubKey
    childDoc parentDoc childMeasure parentMeasure bestScore
    canonicalIndicator dimension parentIndicator childIndicator parentObservation childObservation
    parentTarget childTarget parentComparator childComparator parentYear childYear
    parentUnit childUnit parentBinding childBinding escalationRatio deadlineShift bindingChange
    cascadeLabel
"""))

#: W3C Basic Geo (WGS84) vocabulary: coordinates of regions.
GEO = Vocabulary("geo", "http://www.w3.org/2003/01/geo/wgs84_pos#", _words("SpatialThing lat long"))

#: Named graphs shared by all documents.
GRAPH = Vocabulary("graph", BASE + "graph/", _words("ontology links regions"))

#: SKOS concepts of ontology/schemes.ttl.
LEVEL = Vocabulary("level", BASE + "id/level/", _words("national province city district"))
DOCTYPE = Vocabulary("doctype", BASE + "id/doctype/", _words(
    "plan work_points work_plan action_plan implementation_plan outline opinion notice"))
BINDING = Vocabulary("binding", BASE + "id/binding/", _words("binding expected"))
SUBDIV = Vocabulary("subdiv", BASE + "id/subdivision/", _words("chapter section item box"))
SCHEME = Vocabulary("scheme", BASE + "id/scheme/", _words(
    "levels document_types binding_nature subdivision_types value_roles responsibility_roles "
    "regions canonical_indicators"))

#: Bases under which data IRIs are minted (see loaders/to_rdf.py).
ID = BASE + "id/"

#: Prefixes for compact Turtle/TriG and for the PREFIX lines the query loader adds.
PREFIXES: dict[str, str] = {v.prefix: v.base for v in (
    RDF, RDFS, XSD, OWL, ELI, ORG, PROV, DCTERMS, SKOS, QB, SDMX_MEASURE, SDMX_DIMENSION,
    QUDT, OA, DCAT, VOID, GEO, PKG, LEVEL, DOCTYPE, BINDING, SUBDIV)}

#: 规划/工作要点/… as written → concept (the longest match wins, see ``doc_type_concept``).
DOC_TYPES: dict[str, str] = {
    "规划": "plan", "工作要点": "work_points", "工作方案": "work_plan", "行动方案": "action_plan",
    "行动计划": "action_plan", "实施方案": "implementation_plan", "纲要": "outline",
    "意见": "opinion", "实施意见": "opinion", "通知": "notice",
}

#: 约束性/预期性 → concept.
BINDING_NATURE: dict[str, str] = {"约束性": "binding", "预期性": "expected"}

#: Section numbering style (loaders/structure.py) → subdivision type.
SUBDIVISION_TYPES: dict[str, str] = {
    "chapter": "chapter", "cn": "section", "paren_cn": "section", "arabic": "item", "box": "box",
}


def doc_type_concept(doc_type: str | None) -> NamedNode | None:
    """The document-type concept for a type as written (工作方案, 十四五规划 …), or None."""
    if not doc_type:
        return None
    for written in sorted(DOC_TYPES, key=len, reverse=True):
        if doc_type.endswith(written) or doc_type == written:
            return DOCTYPE[DOC_TYPES[written]]
    return None


__all__ = [
    "Vocabulary", "RDF", "RDFS", "XSD", "OWL", "ELI", "ORG", "PROV", "DCTERMS", "SKOS", "QB",
    "SDMX_MEASURE", "SDMX_DIMENSION", "QUDT", "OA", "DCAT", "VOID", "SH", "GEO", "PKG", "GRAPH",
    "LEVEL", "DOCTYPE", "BINDING", "SUBDIV", "SCHEME", "ID", "BASE", "PREFIXES", "DOC_TYPES",
    "BINDING_NATURE", "SUBDIVISION_TYPES", "doc_type_concept",
]

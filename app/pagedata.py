"""Page data as plain Python: every function takes a GraphStore and returns lists/dicts of str.

No Streamlit here (``app/data.py`` caches these, keyed by the store's published
generation); nothing of pyoxigraph leaves a function (``GraphStore.query`` already
returns ``Result``).  ``python -m bench run`` times these functions by name, so the
names below are stable.

Scale rules (measured on 1,000 generated documents, docs/app_timings.md):

* corpus-wide figures come from the stats graph written at build time
  (``graph.stats``: counts by level, workload per unit), with the live aggregate as a
  fallback for stores built before it existed;
* per-document questions are asked inside the document's named graph
  (``GRAPH ?doc { … }``): the default graph is the union of all graphs, where terms
  shared by many documents (organisations, units, unit symbols) are repeated once per
  document graph and joins through them grow with the corpus;
* no page asks a corpus-wide question of every row: the Targets page reads one
  indicator's observations, the Units page the co-responsibility pairs of the units it
  draws, the document list is paged.

Page data functions (page → function):

=================  ===================================================================
overview           ``documents(store)``, ``counts(store, docs)``, ``located(docs)``,
                   ``lineage_edges(store)``, ``documents_page(docs, page, size, text)``
document           ``document_detail(store, doc)``, ``indicator_rows(observations)``
lineage            ``stored_alignment(store, child_doc)``, ``measure_infos(store, docs)``,
                   ``inferred_parents(docs, doc)``
targets            ``indicator_index(store)`` (names, documents per name, their
                   indicator IRIs), ``indicator_observations(store, indicators)``,
                   ``cascade_rows(store, canonical)``, ``target_table(obs, docs, cascade)``
units              ``unit_workload(store)``, ``unit_pairs(store, units)``
(corpus-wide)      ``all_observations(store)``, ``canonical_labels(store)``: every
                   observation / canonical label; not used by a page (slow at scale)
=================  ===================================================================
"""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from graph import queries as canned
from graph.store import GraphStore, Result
from loaders.vocab import BASE

from .page_queries import (  # noqa: F401  (OBSERVATIONS, LINKS: re-exported)
    _P, ALIGNMENTS_OF, ANNOTATIONS, CANONICAL_LABELS, CASCADE_OF, COUNTS, DOCS,
    EDGES, GAPS_OF, ISSUERS, LABELS_OF, LINKS, MEASURE_COUNTS, MEASURE_TEXTS,
    MEASURE_UNITS, OBSERVATIONS, OBSERVATIONS_DOC, OBSERVATIONS_OF, PARTS, SECTIONS, STUBS,
    TEXT, UNITS_COUNT, UNIT_PAIRS)

#: units drawn in the network (the busiest ones)
TOP_UNITS = 60
#: rows of the Units page's workload table when no issuer is chosen (the busiest)
TABLE_UNITS = 500

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


def _tail(iri: str | None, marker: str) -> str | None:
    if not iri or marker not in iri:
        return None
    return iri.split(marker, 1)[1] or None


def _iris(values) -> str:
    """IRIs (taken from the store) for a VALUES clause; anything that could break out of
    ``<…>`` is dropped."""
    out = []
    for v in values:
        v = str(v)
        if v and not any(c in v for c in '<>"{}|^`\\ \n'):
            out.append(f"<{v}>")
    return " ".join(out)


# --- documents ---------------------------------------------------------------------------

_LEVEL_RANK = {"national": 1, "province": 2, "city": 3, "district": 4}


def documents(store: GraphStore) -> list[dict]:
    """One dict per document, stubs included: the canned ``documents`` columns (doc, title,
    level, region_code, issuer, date, period, stub, sections) plus region name, type, doc
    number and number of measures; ordered like the canned query (loaded first, by level,
    title)."""
    from loaders.regions import gazetteer
    gz = gazetteer()
    issuers: dict[str, list[str]] = defaultdict(list)
    for d, name in store.query(ISSUERS).rows:
        if name and name not in issuers[d]:
            issuers[d].append(name)
    nmeas = {d: _int(n) for d, n in store.query(MEASURE_COUNTS).rows}
    parts = {d: (nmeas.get(d, 0), _int(n) - nmeas.get(d, 0)) for d, n in store.query(PARTS).rows}
    out: dict[str, dict] = {}

    def row(doc, title, lv, region, stub) -> dict:
        code = _tail(region, "/region/")
        r = gz.by_code(code) if code else None
        return {"doc": doc, "title": title, "level": _tail(lv, "/level/"), "region_code": code,
                "issuer": None, "date": None, "period": None, "stub": stub,
                "sections": parts.get(doc, (0, 0))[1], "region": r.name if r else None,
                "doc_type": None, "doc_number": None, "measures": parts.get(doc, (0, 0))[0]}

    for doc, title, lv, region, date, period, dt, number in store.query(DOCS).rows:
        r = out.get(doc)
        if r is None:
            r = out[doc] = row(doc, title, lv, region, False)
            r["issuer"] = "、".join(sorted(issuers.get(doc, []))) or None
        r["title"] = r["title"] or title
        r["date"] = r["date"] or date
        r["period"] = r["period"] or period
        r["doc_type"] = r["doc_type"] or _tail(dt, "/doctype/")
        r["doc_number"] = r["doc_number"] or number
    stub_issuers: dict[str, set[str]] = defaultdict(set)
    for doc, title, lv, region, name in store.query(STUBS).rows:
        if name:
            stub_issuers[doc].add(name)
        if doc not in out:
            out[doc] = row(doc, title, lv, region, True)
        elif out[doc]["stub"]:
            out[doc]["title"] = out[doc]["title"] or title
    for doc, names in stub_issuers.items():
        if out[doc]["stub"]:
            out[doc]["issuer"] = "、".join(sorted(names))
    return sorted(out.values(), key=lambda r: (r["stub"], _LEVEL_RANK.get(r["level"] or "", 5),
                                               r["title"] or "", r["doc"]))


def documents_page(docs: list[dict], page: int = 1, size: int = 50, text: str = "",
                   stubs: bool = False) -> tuple[list[dict], int, int]:
    """One page of the document list: (rows, number of matching documents, pages).
    ``text`` filters on title, issuer and region (substring)."""
    rows = [d for d in docs if (stubs or not d["stub"]) and (not text or any(
        text in (d.get(k) or "") for k in ("title", "issuer", "region", "doc_number")))]
    pages = max(1, -(-len(rows) // max(1, size)))
    page = min(max(1, page), pages)
    return rows[(page - 1) * size: page * size], len(rows), pages


def counts(store: GraphStore, docs: list[dict]) -> dict:
    """Documents (by level), stubs, measures, targets, units: from the stats graph written at
    build time; live aggregates only when the store has none."""
    from graph import stats
    c = stats.counts(store)
    if c is not None:
        return c
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
    store has none at all (not computed yet).  Alignment rows carry the columns of the canned
    ``alignment`` query (child_doc, child_path, child_heading, parent_doc, parent_path,
    parent_heading, score, rank, accepted, child, parent); gap rows those of ``gaps`` (kind,
    child_doc, parent_doc, path, heading, best_score, closest_path, closest_heading) plus the
    measure IRI (``parent`` for a gap, ``child`` for a local addition).

    Read from the links graph with the document's measures bound, paths and headings from
    the documents' own graphs (the canned queries join over the union graph: 10-12 s at
    1,000 documents)."""
    own = measure_infos(store, [child_doc]).get(child_doc, [])
    ids = [m["measure"] for m in own]
    rows: list[dict] = []
    for i in range(0, len(ids), 50):
        values = _iris(ids[i:i + 50])
        if values:
            rows.extend(store.query(ALIGNMENTS_OF % values).dicts())
    if not rows and store.query(_P + "ASK { GRAPH <%s> { ?a a pkg:Alignment } }" % LINKS
                                ).rows[0][0] != "true":
        return None
    gaps = store.query(GAPS_OF, _iri(child_doc)).dicts()
    # a measure's IRI is its document's IRI plus one path segment; checked against the
    # measures read from that document's graph below
    guess = {r["parent"]: r["parent"].rsplit("/", 1)[0] for r in rows}
    docs = sorted(({g["parent_doc"] for g in gaps if g.get("parent_doc")} | set(guess.values()))
                  - {child_doc})
    info = {m["measure"]: m for ms in measure_infos(store, docs).values() for m in ms}
    info.update({m["measure"]: m for m in own})
    for r in rows:
        r["parent_doc"] = (info.get(r["parent"]) or {}).get("doc") or guess[r["parent"]]

    def part(iri, key):
        return (info.get(iri) or {}).get(key) if iri else None

    out = []
    for r in rows:
        out.append({"child_doc": child_doc, "child_path": part(r["child"], "path"),
                    "child_heading": part(r["child"], "heading"), "parent_doc": r["parent_doc"],
                    "parent_path": part(r["parent"], "path"),
                    "parent_heading": part(r["parent"], "heading"), "score": r["score"],
                    "rank": r["rank"], "accepted": "true" if _bool(r.get("accepted")) else "false",
                    "child": r["child"], "parent": r["parent"],
                    "_order": _int(part(r["child"], "order"))})
    out.sort(key=lambda r: (r["_order"], r["child_path"] or "", _int(r["rank"])))
    for r in out:
        del r["_order"]
    gl = []
    for g in gaps:
        m, closest = g["m"], g.get("closest")
        gl.append({"kind": g["kind"], "child_doc": child_doc, "parent_doc": g.get("parent_doc"),
                   "path": part(m, "path"), "heading": part(m, "heading"),
                   "best_score": g["best_score"], "closest_path": part(closest, "path"),
                   "closest_heading": part(closest, "heading"),
                   ("parent" if g["kind"] == "gap" else "child"): m})
    gl.sort(key=lambda g: (g["kind"], g["parent_doc"] or "",
                           _int(part(g.get("parent") or g.get("child"), "order")), g["path"] or ""))
    return out, gl


def measure_infos(store: GraphStore, docs: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for d in docs:
        for r in store.query(MEASURE_TEXTS, _iri(d)).dicts():
            out[d].append(r)
    return dict(out)


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


# --- targets ----------------------------------------------------------------------------------

def indicator_index(store: GraphStore) -> list[dict]:
    """The indicators to choose from: one entry per name (the canonical cross-level indicator's
    label when the link step found one, else the name as written), most widespread first:
    ``{"name", "docs" (number of documents), "indicators" (IRIs), "canonical" (IRIs)}``.

    Read from the stats graph when the build stored the index there (``graph.stats``; the
    live aggregate reads every indicator of the corpus: 1.7 s at 1,000 documents).  A stored
    entry also carries ``"entry"`` (its stats node) and, in place of its indicator IRIs
    (hundreds of thousands at 10,000 documents), ``"indicators": [entry]``:
    :func:`indicator_observations` reads the entry's indicators when it is given one."""
    from graph import stats
    stored = stats.indicator_index(store)
    if stored is not None:
        return [{"name": e["name"], "docs": e["docs"], "indicators": [e["entry"]],
                 "canonical": e["canonical"], "entry": e["entry"]} for e in stored]
    return stats.indicator_entries(store)        # the live aggregate, as stored at build time


#: stats-graph nodes of stored index entries (``graph.stats``), read as their indicators
_ENTRY_PREFIX = BASE + "id/stats/indicator/"


def indicator_observations(store: GraphStore, indicators: list[str]) -> list[dict]:
    """Every observation (baseline and target) of the given indicator IRIs, each read in its
    document's graph: the rows of one choice on the Targets page.  A stored index entry
    (``indicator_index``'s ``"entry"``) stands for its indicators."""
    from graph import stats
    iris: set[str] = set()
    for x in indicators:
        if str(x).startswith(_ENTRY_PREFIX):
            iris.update(stats.entry_indicators(store, x))
        else:
            iris.add(x)
    out: list[dict] = []
    ids = sorted(iris)
    for i in range(0, len(ids), 50):       # small VALUES lists: the cost grows faster than
        values = _iris(ids[i:i + 50])         # the list (1,082 IRIs: 8 s in one, 0.25 s by 50)
        if values:
            out.extend(store.query(OBSERVATIONS_OF % values).dicts())
    return out


def _labels(store: GraphStore, iris) -> dict[str, str]:
    """prefLabel / title / quote of each IRI, read in its own graph (VALUES by 50)."""
    ids = sorted({i for i in iris if i})
    out: dict[str, str] = {}
    for i in range(0, len(ids), 50):
        values = _iris(ids[i:i + 50])
        if values:
            for x, label in store.query(LABELS_OF % values).rows:
                out.setdefault(x, label)
    return out


def cascade_rows(store: GraphStore, canonical: list[str] | str | None = None) -> list[dict]:
    """The stored target cascade (the columns of queries/cascade.rq), [] when not computed;
    restricted to the given canonical indicator(s) when given (the whole cascade grows with
    the corpus; the canned query with one indicator takes 2.7 s at 1,000 documents, the
    links graph read here with titles and quotes looked up afterwards a fraction of it)."""
    if canonical is None:
        res = _run_canned(store, "cascade")
        return res.dicts() if res is not None else []
    cs = [canonical] if isinstance(canonical, str) else list(canonical)
    steps: list[dict] = []
    for i in range(0, len(cs), 50):
        values = _iris(cs[i:i + 50])
        if values:
            steps.extend(store.query(CASCADE_OF % values).dicts())
    labels = _labels(store, [x for r in steps for x in (r["parent_doc"], r["child_doc"], r.get("ci"),
                                                         r.get("co"))])
    out = []
    for r in steps:
        pt, ct = r.get("pt"), r.get("ct")
        out.append({"indicator": r.get("indicator"), "parent_title": labels.get(r["parent_doc"]),
                    "parent_target": (r.get("pc") or "") + (pt or ""),
                    "parent_year": r.get("parent_year"), "parent_binding": r.get("parent_binding"),
                    "child_title": labels.get(r["child_doc"]),
                    "child_indicator": labels.get(r.get("ci") or ""),
                    "child_target": (r.get("cc") or "") + ct if ct else "",
                    "child_as_written": labels.get(r.get("co") or ""),
                    "child_year": r.get("child_year"), "child_binding": r.get("child_binding"),
                    "parent_unit": r.get("parent_unit"), "child_unit": r.get("child_unit"),
                    "ratio": r.get("ratio"), "deadline_shift": r.get("deadline_shift"),
                    "binding_change": r.get("binding_change"), "label": r["label"],
                    "canonical": r["canonical"], "parent_doc": r["parent_doc"],
                    "child_doc": r["child_doc"]})
    return sorted(out, key=lambda r: (r["label"] == "dropped", r["indicator"] or "",
                                      r["parent_doc"], r["child_doc"]))


RANK = {"national": 4, "province": 3, "city": 2, "district": 1}


def target_table(obs: list[dict], docs: dict[str, dict], cascade: list[dict]) -> list[dict]:
    """One indicator's observations → one row per (document, table row or prose target):
    baseline, target, unit, year, binding, and the escalation against the nearest higher
    level in the region chain (the stored cascade of the link step wins when it has the row).
    Keys: doc, title, level, region, baseline, target, target_value, unit, year, binding,
    comparator, ratio, flag ("raised", a cascade label, or "")."""
    rows: dict[tuple, dict] = {}
    for o in obs:
        if o["doc"] not in docs:
            continue
        # a table row's baseline and target share the IRI stem …/obs/row_N_(baseline|target)
        slot = o["obs"].rsplit("_", 1)[0] if "/obs/row_" in o["obs"] else o["obs"]
        r = rows.setdefault((o["doc"], slot), {
            "doc": o["doc"], "baseline": None, "target": None, "target_value": None, "year": None,
            "binding": None, "comparator": None, "unit": o.get("unit")})
        if o["role"] == "Baseline":
            r["baseline"] = o.get("written") or o["value"]
        else:
            r["target"] = o.get("written") or o["value"]
            try:
                r["target_value"] = float(o["value"])
            except (TypeError, ValueError):
                r["target_value"] = None
            r["year"] = o.get("year")
            r["comparator"] = o.get("comparator")
        r["binding"] = r["binding"] or o.get("binding")
    stored = {c["child_doc"]: c for c in cascade if c.get("child_doc")}
    out = []
    for r in rows.values():
        d = docs[r["doc"]]
        code = d.get("region_code") or ""
        flag, ratio = "", None
        if r["target_value"] is not None:
            for other in rows.values():
                od = docs[other["doc"]]
                oc = (od.get("region_code") or "").rstrip("0")
                higher = RANK.get(od.get("level") or "", 0) > RANK.get(d.get("level") or "", 0)
                chain = od.get("level") == "national" or (oc and code.startswith(oc))
                if not (higher and chain) or other["target_value"] in (None, 0) or other["unit"] != r["unit"]:
                    continue
                ratio = r["target_value"] / other["target_value"]
                lower_better = (r["comparator"] or "") in ("≤", "<")
                if (ratio > 1 and not lower_better) or (ratio < 1 and lower_better):
                    flag = "raised"
                break
        if r["doc"] in stored:          # the cascade computed by the link step wins
            c = stored[r["doc"]]
            flag = c.get("label") or ""
            ratio = float(c["ratio"]) if c.get("ratio") not in (None, "") else ratio
        out.append({**r, "title": d.get("title"), "level": d.get("level"),
                    "region": d.get("region") or "", "ratio": ratio, "flag": flag})
    return sorted(out, key=lambda x: (-RANK.get(x["level"] or "", 0), x["title"] or ""))


def all_observations(store: GraphStore) -> list[dict]:
    """Every observation of the corpus (per-graph evaluation). Not used by a page: at 1,000
    documents it takes ~14 s; the Targets page reads one indicator's rows instead."""
    return store.query(OBSERVATIONS_DOC).dicts()


def canonical_labels(store: GraphStore) -> dict[str, str]:
    return {c: (lbl or c.rsplit("/", 1)[-1]) for c, lbl in store.query(CANONICAL_LABELS).rows}


# --- units --------------------------------------------------------------------------------------

def unit_workload(store: GraphStore, top: int | None = None,
                  issuer: str | None = None) -> list[dict]:
    """Rows of the canned ``units`` query (unit, label, issuer, measures_led,
    measures_supported), busiest first (led + supported): all, the ``top`` busiest, or one
    ``issuer``'s — from the stats graph when the store has one, else aggregated live."""
    from graph import stats
    rows = stats.unit_workload(store, top=top, issuer=issuer)
    if rows is not None:
        return rows
    res = _run_canned(store, "units")
    rows = [{**r, "measures_led": _int(r.get("measures_led")),
             "measures_supported": _int(r.get("measures_supported"))}
            for r in (res.dicts() if res is not None else []) if r.get("unit")]
    rows = sorted((r for r in rows if issuer is None or r.get("issuer") == issuer),
                  key=stats.workload_order)
    return rows[:top] if top is not None and issuer is None else rows


def unit_issuers(store: GraphStore) -> list[tuple[str, int]]:
    """(issuer, number of its responsible units), by name: the Units page's filter."""
    from graph import stats
    stored = stats.unit_issuers(store)
    if stored is not None:
        return stored
    n: dict[str, int] = defaultdict(int)
    for r in unit_workload(store):
        if r.get("issuer"):
            n[r["issuer"]] += 1
    return sorted(n.items())


def busiest_units(workload: list[dict], n: int = TOP_UNITS) -> list[str]:
    load = {w["unit"]: w["measures_led"] + w["measures_supported"] for w in workload if w.get("unit")}
    return sorted(load, key=lambda u: (-load[u], u))[:n]


def unit_pairs(store: GraphStore, units: list[str] | None = None) -> list[dict]:
    """Pairs of the given units named on the same measures (both directions):
    ``{"unit", "partner", "shared_measures", "led_by_unit"}``.  Default: the
    ``TOP_UNITS`` busiest units, what the Units page draws first."""
    if units is None:
        units = busiest_units(unit_workload(store))
    values = _iris(sorted(set(units)))
    if not values:
        return []
    return [{**r, "shared_measures": _int(r.get("shared_measures")),
             "led_by_unit": _int(r.get("led_by_unit"))}
            for r in store.query(UNIT_PAIRS % (values, values)).dicts()]


__all__ = ["documents", "documents_page", "counts", "located", "lineage_edges",
           "document_detail", "indicator_rows", "stored_alignment", "measure_infos",
           "inferred_parents", "indicator_index", "indicator_observations", "cascade_rows",
           "target_table", "all_observations", "canonical_labels", "unit_workload", "unit_issuers",
           "busiest_units", "unit_pairs", "TOP_UNITS", "TABLE_UNITS", "RANK"]

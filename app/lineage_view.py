"""Lineage as the pages show it: filtered, grouped, measured (plain Python, no Streamlit).

    lineage_nodes(docs, edges, levels, province, show_stubs, focus, cap) -> (nodes, edges, grouped)
    neighbourhood(edges, doc) -> (ancestors, descendants) with depths and link kinds
    alignment_preview(child, ancestors, measures) -> rows (graph.align on the fly)
    shared_phrases(a, b) -> phrases both measure texts contain (for highlighting)
"""
from __future__ import annotations

import html
from collections import defaultdict

import networkx as nx

from .graph_html import GEdge, GNode, doc_url

#: grouping steps, tried in order until the graph fits: which levels fold into which region
COLLAPSE = (
    (("district",), lambda c: c[:4] + "00"),
    (("city", "district"), lambda c: c[:2] + "0000"),
    (("province", "city", "district"), lambda c: "100000"),
)


def _region_name(code: str) -> str:
    from loaders.regions import gazetteer
    r = gazetteer().by_code(code)
    return r.name if r else code


def lineage_nodes(docs: list[dict], edges: list[tuple], levels: set[str] | None = None,
                  province: str | None = None, show_stubs: bool = True, focus: str | None = None,
                  cap: int = 300) -> tuple[list[GNode], list[GEdge], list[tuple[str, int]]]:
    """Nodes and edges of the lineage graph after filters; beyond ``cap`` nodes the lowest
    level is grouped by parent region (repeatedly).  ``grouped`` lists (level, count)."""
    by = {d["doc"]: d for d in docs}
    keep: set[str] = set()
    around: set[str] | None = None
    if focus and focus in by:
        g = nx.DiGraph()
        g.add_edges_from((c, p) for c, p, *_ in edges)
        around = {focus}
        if focus in g:
            around |= nx.descendants(g, focus) | nx.ancestors(g, focus)
    for d in docs:
        if d["stub"] or (around is not None and d["doc"] not in around):
            continue
        if levels is not None and (d.get("level") or "unknown") not in levels:
            continue
        code = d.get("region_code") or ""
        if province and not (code.startswith(province[:2]) or d.get("level") == "national"):
            continue
        keep.add(d["doc"])
    keep = {k for k in keep if k in by and not by[k]["stub"]}
    es = [(c, p, k) for c, p, k, *_ in edges if c in keep]
    if show_stubs:
        keep |= {p for c, p, _ in es if p in by and by[p]["stub"]}
    es = [(c, p, k) for c, p, k in es if p in keep]

    member: dict[str, str] = {k: k for k in keep}       # doc -> node key
    groups: dict[str, dict] = {}
    grouped: list[tuple[str, int]] = []
    if len(member) > cap and show_stubs:      # stubs go first: the cheapest to drop
        member = {d: k for d, k in member.items() if not by[d]["stub"]}
    for step, (levels_in, parent_of) in enumerate(COLLAPSE):
        if len(set(member.values())) <= cap:
            break
        groups, grouped = {}, []
        for d in list(member):
            x = by[d]
            if x.get("level") not in levels_in:
                member[d] = d
                continue
            parent = parent_of(x.get("region_code") or "000000")
            key = f"group:{step}:{parent}"
            grp = groups.setdefault(key, {"level": levels_in[0], "parent": parent, "count": 0})
            grp["count"] += 1
            member[d] = key
        grouped = [(lv, sum(1 for d in member if by[d].get("level") == lv and member[d] != d))
                   for lv in levels_in]

    nodes: list[GNode] = []
    for key in sorted(set(member.values())):
        if key in groups:
            grp = groups[key]
            name = _region_name(grp["parent"])
            nodes.append(GNode(key, f"{name} ×{grp['count']}", f"{name}: {grp['count']} documents",
                               level=grp["level"], group=True, order=grp["parent"]))
            continue
        d = by[key]
        title = d.get("title") or key.rsplit("/", 1)[-1]
        tip = " · ".join(x for x in (title, d.get("issuer"), d.get("date"), d.get("region")) if x)
        nodes.append(GNode(key, title, tip, level=d.get("level"), stub=d["stub"],
                           url=None if d["stub"] else doc_url(key),
                           order=(d.get("region_code") or "") + title, selected=key == focus))
    out_edges: dict[tuple[str, str], GEdge] = {}
    for c, p, kind in es:
        a, b = member.get(c), member.get(p)
        if a is None or b is None or a == b:
            continue
        e = out_edges.get((a, b))
        if e is None:
            out_edges[(a, b)] = GEdge(a, b, inferred=kind != "asserted",
                                      title="asserted" if kind == "asserted" else "inferred")
        else:
            e.width = min(e.width + 0.5, 6)
            e.inferred = e.inferred and kind != "asserted"
    # a stub reached only through grouped documents sorts under its group
    return nodes, list(out_edges.values()), grouped


def neighbourhood(edges: list[tuple], doc: str) -> tuple[list[dict], list[dict]]:
    """Ancestors and descendants of ``doc``: [{doc, depth, kind}] nearest first; ``kind``
    is the kind of the direct link for depth 1 and "transitive" further away."""
    from graph.lineage import documents_graph
    g = documents_graph(edges)
    if doc not in g:
        return [], []

    def walk(graph) -> list[dict]:
        dist = nx.single_source_shortest_path_length(graph, doc)
        out = []
        for other, depth in sorted(dist.items(), key=lambda x: (x[1], x[0])):
            if other == doc:
                continue
            kind = "transitive"
            if depth == 1:
                data = graph.get_edge_data(doc, other) or {}
                kind = data.get("kind", "asserted")
            out.append({"doc": other, "depth": depth, "kind": kind})
        return out
    return walk(g), walk(g.reverse(copy=True))


def alignment_preview(child: str, ancestors: list[str], measures: dict[str, list[dict]]
                      ) -> tuple[list[dict], list[dict], list[dict]]:
    """graph.align on the fly: (alignments, gaps, local additions) as plain rows."""
    from graph.align import align_documents
    from graph.lineage_model import DocInfo, MeasureInfo

    def info(d: str) -> DocInfo:
        return DocInfo(iri=d, title=None, measures=tuple(
            MeasureInfo(m["measure"], m.get("path") or "", m.get("heading") or "",
                        m.get("text") or m.get("heading") or "") for m in measures.get(d, [])))
    res = align_documents(info(child), [info(a) for a in ancestors if measures.get(a)])
    al = [{"child": a.child, "parent": a.parent, "parent_doc": a.parent_doc, "score": a.score,
           "rank": a.rank, "accepted": a.accepted} for a in res.alignments]
    gaps = [{"parent": g.parent, "parent_doc": g.parent_doc, "best_score": g.best_score}
            for g in res.gaps]
    adds = [{"child": x.child, "best_score": x.best_score} for x in res.additions]
    return al, gaps, adds


def shared_phrases(a: str, b: str, min_len: int = 2, limit: int = 60) -> list[str]:
    """Maximal runs of ``a`` (≥ ``min_len`` CJK characters) that ``b`` also contains,
    boiler-plate words (graph.align.STOPWORDS) left out; longest first."""
    from graph.align import STOPWORDS
    a, b = a or "", b or ""
    found: set[str] = set()
    i = 0
    while i < len(a):
        j = i + min_len
        if not ("\u4e00" <= a[i] <= "\u9fff") or a[i:j] not in b:
            i += 1
            continue
        while j < len(a) and a[i:j + 1] in b:
            j += 1
        phrase = a[i:j]
        if phrase not in STOPWORDS:
            found.add(phrase)
        i = j
    return sorted(found, key=lambda w: (-len(w), w))[:limit]


def highlight(text: str, phrases: list[str], tag: str = "mark") -> str:
    """``text`` as escaped HTML with every occurrence of ``phrases`` wrapped in ``<mark>``."""
    text = text or ""
    marks = [False] * len(text)
    for p in phrases:
        start = text.find(p)
        while p and start >= 0:
            for i in range(start, start + len(p)):
                marks[i] = True
            start = text.find(p, start + len(p))
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and marks[j] == marks[i]:
            j += 1
        chunk = html.escape(text[i:j])
        out.append(f"<{tag}>{chunk}</{tag}>" if marks[i] else chunk)
        i = j
    return "".join(out)


def depth_groups(rows: list[dict]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        out[r["depth"]].append(r)
    return dict(out)


__all__ = ["lineage_nodes", "neighbourhood", "alignment_preview", "shared_phrases", "highlight"]

"""pyvis HTML for the app's graphs (TOOLING.md §5): safe, offline, fixed layout.

* Every string that comes from a document or a user is ``html.escape``d before it
  reaches pyvis: the HTML runs with same-origin access to the app.  (A small script
  decodes the entities again for display: vis-network draws labels on a canvas and
  sets tooltips with ``innerText``, so the decoded text is never parsed as HTML.)
* Node ids are generated (``n0``, ``n1`` …): pyvis writes ids unescaped into its
  select menu; IRIs stay in the ``url`` attribute, percent-encoded.
* Physics is off; positions are computed in Python (rows by level for lineage, a
  spring layout for small networks), so 1,000 nodes draw in seconds.
* pyvis's Bootstrap ``<link>``/``<script>`` tags (jsdelivr CDN) are stripped; vis-network
  itself is inlined (``cdn_resources="in_line"``).
* Clicking a node that has a ``url`` navigates the app's tab there (the iframe may
  navigate the top page on a user click: ``allow-top-navigation-by-user-activation``).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import quote

LEVEL_ROWS = {"national": 0, "province": 1, "city": 2, "district": 3}
LEVEL_COLOURS = {"national": "#c0392b", "province": "#e67e22", "city": "#2e86c1",
                 "district": "#27ae60", None: "#8e44ad"}
STUB_COLOUR = "#bdc3c7"
X_STEP = 170
Y_STEP = 150

_CDN_TAG = re.compile(r"<(link|script)\b[^>]*cdn\.jsdelivr\.net[^>]*>(?:\s*</script>)?", re.I | re.S)
_HEADING = re.compile(r"<center>\s*<h1>.*?</h1>\s*</center>", re.S)

_AFTER = """
<script type="text/javascript">
(function () {
  function dec(s) { var t = document.createElement("textarea"); t.innerHTML = s; return t.value; }
  if (typeof nodes === "undefined" || !nodes) { return; }
  var upd = [];
  nodes.forEach(function (n) {
    upd.push({id: n.id, label: n.label ? dec(n.label) : n.label, title: n.title ? dec(n.title) : n.title});
  });
  nodes.update(upd);
  if (typeof edges !== "undefined" && edges) {
    var eu = [];
    edges.forEach(function (e) { if (e.title) { eu.push({id: e.id, title: dec(e.title)}); } });
    edges.update(eu);
  }
  network.on("click", function (p) {
    if (!p.nodes.length) { return; }
    var n = nodes.get(p.nodes[0]);
    if (n && n.url) {
      var target = new URL(n.url, window.top.location.href);
      window.top.location.href = target.href;
    }
  });
})();
</script>
"""


def esc(s: object, limit: int | None = None) -> str:
    """A document string made safe for the graph HTML (and cut to ``limit`` characters)."""
    text = "" if s is None else str(s)
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return html.escape(text, quote=True)


def doc_url(iri: str, page: str = "document") -> str:
    return f"{page}?doc={quote(iri, safe='')}"


@dataclass
class GNode:
    key: str                      # IRI or group key (never written into the HTML as is)
    label: str
    title: str = ""
    level: str | None = None
    stub: bool = False
    group: bool = False           # stands for several documents
    url: str | None = None
    order: str = ""               # sort key within its row (region code, title)
    selected: bool = False


@dataclass
class GEdge:
    source: str
    target: str
    inferred: bool = False
    title: str = ""
    width: float = 1.0


@dataclass
class Layout:
    x: dict[str, float] = field(default_factory=dict)
    y: dict[str, float] = field(default_factory=dict)


def level_layout(nodes: list[GNode], edges: list[GEdge]) -> Layout:
    """Rows by level (national at the top); a stub sits one row above the documents that
    cite it; within a row, nodes ordered by region code so a region's chain lines up."""
    rows: dict[str, int] = {}
    for n in nodes:
        if not n.stub:
            rows[n.key] = LEVEL_ROWS.get(n.level or "", 4)
    children: dict[str, list[str]] = {}
    for e in edges:
        children.setdefault(e.target, []).append(e.source)
    for n in nodes:
        if n.stub:
            below = [rows.get(c, 4) for c in children.get(n.key, [])]
            rows[n.key] = (min(below) if below else 4) - 0.5
    lay = Layout()
    by_row: dict[float, list[GNode]] = {}
    for n in nodes:
        by_row.setdefault(rows[n.key], []).append(n)
    for r, members in by_row.items():
        members.sort(key=lambda n: (n.order, n.label))
        width = (len(members) - 1) * X_STEP
        for i, n in enumerate(members):
            lay.x[n.key] = i * X_STEP - width / 2
            lay.y[n.key] = r * Y_STEP
    return lay


def spring_layout(nodes: list[GNode], edges: list[GEdge], scale: float = 450) -> Layout:
    import networkx as nx
    g = nx.Graph()
    g.add_nodes_from(n.key for n in nodes)
    g.add_edges_from((e.source, e.target) for e in edges)
    # k: node spacing; the default 1/sqrt(n) packs each cluster of the units network into
    # a blot of overlapping labels
    k = 2.5 / max(1, len(g)) ** 0.5
    pos = nx.spring_layout(g, seed=7, scale=scale, k=k) if len(g) else {}
    lay = Layout()
    for k, (x, y) in pos.items():
        lay.x[k], lay.y[k] = float(x), float(y)
    return lay


def render(nodes: list[GNode], edges: list[GEdge], layout: Layout, height: int = 600,
           directed: bool = True) -> str:
    """The self-contained HTML of one graph (no network access needed)."""
    from pyvis.network import Network

    net = Network(height=f"{height}px", width="100%", directed=directed, cdn_resources="in_line",
                  bgcolor="#ffffff")
    ids: dict[str, str] = {}
    for i, n in enumerate(nodes):
        nid = f"n{i}"
        ids[n.key] = nid
        colour = STUB_COLOUR if n.stub else LEVEL_COLOURS.get(n.level, LEVEL_COLOURS[None])
        opts = dict(label=esc(n.label, 40), title=esc(n.title or n.label), x=layout.x.get(n.key, 0),
                    y=layout.y.get(n.key, 0), physics=False,
                    color={"background": colour, "border": "#333333" if n.selected else colour},
                    borderWidth=4 if n.selected else 1,
                    shape="box" if n.stub else ("diamond" if n.group else "dot"),
                    size=22 if n.group else 14, font={"size": 14},
                    widthConstraint={"maximum": X_STEP - 30})
        if n.stub:
            opts["shapeProperties"] = {"borderDashes": [4, 3]}
            opts["font"] = {"size": 13, "color": "#444444"}
        if n.url:
            opts["url"] = n.url
        net.add_node(nid, **opts)
    for e in edges:
        if e.source not in ids or e.target not in ids:
            continue
        net.add_edge(ids[e.source], ids[e.target], dashes=bool(e.inferred),
                     color="#999999" if e.inferred else "#444444", title=esc(e.title),
                     width=e.width, arrows="to" if directed else "")
    net.toggle_physics(False)
    net.set_options('{"physics": {"enabled": false}, "interaction": {"hover": true, '
                    '"navigationButtons": false, "tooltipDelay": 150}, '
                    '"edges": {"smooth": false}, "nodes": {"physics": false}}')
    out = net.generate_html(notebook=False)
    return clean_html(out)


def clean_html(out: str) -> str:
    """Strip the CDN tags and the empty heading; add the decode-and-click script."""
    out = _CDN_TAG.sub("", out)
    out = _HEADING.sub("", out)
    return out.replace("</body>", _AFTER + "</body>", 1) if "</body>" in out else out + _AFTER


__all__ = ["GNode", "GEdge", "Layout", "level_layout", "spring_layout", "render", "esc",
           "doc_url", "clean_html", "LEVEL_COLOURS", "STUB_COLOUR"]

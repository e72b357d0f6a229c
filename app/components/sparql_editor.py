"""The SPARQL editor: canned queries, parameters, the query text, run, results.

Owns the session-state keys ``sparql_*``.  The query, the canned query's name and its
parameters live in the URL (``?q=…&canned=…&p.doc=…``): opening such a link fills the
editor and runs the query once.
"""
from __future__ import annotations

from dataclasses import asdict

import streamlit as st

from ..i18n import t
from .. import sandbox
from ..sandbox import Outcome, run_user_query
from .downloads import table_downloads
from .text import md

Q, CANNED, RESULT, INIT = "sparql_q", "sparql_canned", "sparql_result", "sparql_init"


def _param_key(name: str) -> str:
    return f"sparql_p_{name}"


def _from_url(queries: dict[str, dict]) -> bool:
    """Fill the editor from the URL once per session; True when it holds a query to run."""
    if st.session_state.get(INIT):
        return False
    st.session_state[INIT] = True
    qp = st.query_params
    name = qp.get("canned")
    if name in queries:
        st.session_state[CANNED] = name
        st.session_state[Q] = queries[name]["text"]
        for p in queries[name]["params"]:
            st.session_state[_param_key(p["name"])] = qp.get(f"p.{p['name']}", "")
    if qp.get("q"):
        st.session_state[Q] = qp.get("q")
    return bool(st.session_state.get(Q)) and bool(qp.get("q") or name in queries)


def _on_canned(queries: dict[str, dict]) -> None:
    name = st.session_state.get(CANNED)
    if name in queries:
        st.session_state[Q] = queries[name]["text"]
        for p in queries[name]["params"]:
            st.session_state[_param_key(p["name"])] = ""
    st.session_state.pop(RESULT, None)


def _to_url(text: str, name: str | None, params: dict[str, str]) -> None:
    d = {"q": text}
    if name:
        d["canned"] = name
    d.update({f"p.{k}": v for k, v in params.items() if v})
    st.query_params.from_dict(d)


def sparql_editor(store_path: str, queries: list[dict]) -> None:
    by = {q["name"]: q for q in queries}
    autorun = _from_url(by)
    st.caption(t("readonly_note", s=f"{sandbox.TIMEOUT_S:g}", n=f"{sandbox.MAX_ROWS:,}"))
    st.session_state.setdefault(CANNED, "")
    st.session_state.setdefault(Q, "SELECT ?doc ?title WHERE {\n  ?doc a <http://data.europa.eu/eli/ontology#LegalResource> ;\n"
                                   "       <http://data.europa.eu/eli/ontology#title> ?title .\n} LIMIT 20")
    if not queries:
        st.info(t("no_canned"))
    names = [""] + list(by)
    st.selectbox(t("choose_canned"), names, key=CANNED,
                 format_func=lambda n: by[n]["title"] if n else t("custom"),
                 on_change=_on_canned, args=(by,))
    chosen = by.get(st.session_state[CANNED])
    params: dict[str, str] = {}
    if chosen:
        st.markdown(md(chosen["description"]))
        if chosen["params"]:
            st.caption(t("params"))
            cols = st.columns(min(3, len(chosen["params"])))
            for i, p in enumerate(chosen["params"]):
                params[p["name"]] = cols[i % len(cols)].text_input(
                    f"{p['name']} ({p['type']})", key=_param_key(p["name"]), help=p["description"])
    with st.expander(t("canned") + f" ({len(queries)})"):
        for q in queries:
            ps = ", ".join(f"{p['name']}: {p['type']}" for p in q["params"])
            st.markdown(f"**{md(q['title'])}** — `{q['name']}`" + (f" — {md(ps)}" if ps else ""))
            st.caption(q["description"])
    text = st.text_area("SPARQL", key=Q, height=220)
    run = st.button(t("run"), key="sparql_run", type="primary")
    if run or autorun:
        subs = {k: (chosen["params"][i]["type"], v) for i, (k, v) in enumerate(params.items()) if v} \
            if chosen else {}
        _to_url(text, chosen["name"] if chosen else None, params)
        with st.spinner(t("run") + "…"):
            st.session_state[RESULT] = asdict(run_user_query(store_path, text, subs))
    res = st.session_state.get(RESULT)
    if res:
        show_outcome(Outcome(**res), (chosen or {}).get("name") or "query")


def show_outcome(o: Outcome, name: str) -> None:
    if o.kind == "refused":
        st.error(o.message)
        return
    if o.kind == "timeout":
        st.error(t("timeout", s=f"{sandbox.TIMEOUT_S:g}"))
        return
    if o.kind == "error":
        st.error(t("error", e=o.message))
        return
    st.success(t("n_rows", n=len(o.rows)) + f" · {o.seconds:.2f} s")
    if o.truncated:
        st.warning(t("truncated", n=len(o.rows)))
    import pandas as pd
    st.dataframe(pd.DataFrame(o.rows, columns=o.vars), hide_index=True, width="stretch")
    table_downloads(o.vars, o.rows, name, key="sparql_dl")
    if o.kind == "triples" and o.triples:
        st.subheader(t("graph_view"))
        from ..graph_html import GEdge, GNode, render, spring_layout
        keys: dict[str, GNode] = {}
        edges = []
        for s, p, obj, kind in o.triples[:400]:
            keys.setdefault(s, GNode(s, s.rsplit("/", 1)[-1].rsplit("#", 1)[-1], s))
            if kind == "literal":
                lk = f"lit:{len(keys)}"
                keys[lk] = GNode(lk, obj, obj, level="literal")
                edges.append(GEdge(s, lk, title=p))
            else:
                keys.setdefault(obj, GNode(obj, obj.rsplit("/", 1)[-1].rsplit("#", 1)[-1], obj))
                edges.append(GEdge(s, obj, title=p))
        nodes = list(keys.values())
        from .graph_frame import graph_frame
        graph_frame(render(nodes, edges, spring_layout(nodes, edges), height=500), 500)

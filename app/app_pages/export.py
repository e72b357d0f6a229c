"""Export: a snapshot of the store (TriG, N-Quads, Turtle, JSON-LD, GraphML, CSV of the
main queries) with a manifest of counts, sha256 per file and the PolicyKG version."""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from app import data
from app.i18n import t
from app.snapshot import snapshot, zip_bytes

KEY = "export_snapshot"
path, gen = data.store_path(), data.gen()
st.title(t("export"))
if st.button(t("make_snapshot"), key="export_make", type="primary"):
    with st.status(t("making_snapshot"), expanded=True) as status:
        bar = st.progress(0.0)
        files, manifest = snapshot(data.store(path), data.documents(path, gen),
                                   data.lineage_edges(path, gen),
                                   progress=lambda f, what: bar.progress(f, text=what))
        st.session_state[KEY] = {"gen": gen, "files": files, "manifest": manifest,
                                 "zip": zip_bytes(files, manifest)}
        status.update(label=t("snapshot"), state="complete", expanded=False)
snap = st.session_state.get(KEY)
if snap and snap["gen"] == gen:
    m = snap["manifest"]
    st.subheader(t("manifest"))
    st.json(m, expanded=False)
    st.download_button(t("download_all"), snap["zip"], file_name="policykg-snapshot.zip",
                       mime="application/zip", key="export_zip")
    st.download_button("manifest.json", json.dumps(m, ensure_ascii=False, indent=1).encode(),
                       file_name="manifest.json", mime="application/json", key="export_manifest")
    st.dataframe(pd.DataFrame([{t("file"): k, t("bytes"): v["bytes"], "sha256": v["sha256"]}
                               for k, v in m["files"].items()]), hide_index=True, width="stretch")
    cols = st.columns(4)
    for i, (name, blob) in enumerate(sorted(snap["files"].items())):
        cols[i % 4].download_button(name, blob, file_name=name, key=f"export_{name}")

"""Add documents: upload, preview the extraction report, add to the graph (a new published
store generation, app/uploads.py; the document shows in every page at once)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app import data
from app.components.text import md
from app.graph_html import doc_url
from app.i18n import t
from app.uploads import MAX_BYTES, add_document, parse_upload
from loaders import LoaderError

st.title(t("add_documents"))
st.caption(t("writer_note"))
up = st.file_uploader(t("upload"), type=["txt", "docx", "html", "htm", "pdf"], key="add_file")
if up is None:
    st.stop()
raw = up.getvalue()
if len(raw) > MAX_BYTES:
    st.error(t("too_large", n=f"{len(raw):,}", limit=f"{MAX_BYTES:,}"))
    st.stop()
try:
    with st.spinner(t("extraction_report") + "…"):
        doc = parse_upload(up.name, raw)
except LoaderError as e:
    st.error(t("rejected", e=e))
    st.stop()
except Exception as e:  # a parser bug is a message, never a traceback
    st.error(t("rejected", e=f"{type(e).__name__}: {e}"))
    st.stop()

rep = doc.report(spans=False)
st.subheader(t("extraction_report"))
st.markdown(f"**{md(rep.get('title') or up.name)}**")
fields = ["title", "issuer", "date", "doc_number", "level", "region", "region_code", "period",
          "doc_type"]
st.dataframe(pd.DataFrame([(k, str(rep.get(k) if not isinstance(rep.get(k), list)
                                   else "、".join(rep.get(k)))) for k in fields],
                          columns=[t("field"), t("value")]), hide_index=True, width="stretch")
c = st.columns(5)
for col, (label, k) in zip(c, (("sections", "sections"), ("measures", "measures"),
                               ("indicator_table", "indicators"), ("prose_targets", "inline_targets"),
                               ("based_on", "basis"))):
    col.metric(t(label), len(rep.get(k) or []))
if rep.get("warnings"):
    st.warning(t("warnings") + ": " + "; ".join(rep["warnings"]))
if rep.get("measures"):
    st.dataframe(pd.DataFrame([{t("path"): m["path"], t("heading"): m["heading"],
                                t("lead"): m.get("lead_unit") or "", t("units"): "、".join(m["units"])}
                               for m in rep["measures"]]), hide_index=True, width="stretch", height=240)
with st.expander("JSON"):
    st.json(rep, expanded=False)

if st.button(t("add_to_graph"), key="add_go", type="primary"):
    from graph.publish import StoreBusy
    try:
        with st.status(t("adding"), expanded=False) as status:
            loaded = add_document(data.store_path(), doc)
            data.refresh()
            status.update(label=t("added", title=loaded.title or loaded.iri), state="complete")
        st.success(t("added", title=md(loaded.title or loaded.iri)))
        st.markdown(f"[{t('open_document')}]({doc_url(loaded.iri)})")
    except StoreBusy as e:
        st.warning(t("store_busy", e=e))
    except Exception as e:
        st.error(t("error", e=e))

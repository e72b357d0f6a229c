"""PolicyKG in the browser: `policykg app` (or `streamlit run app/streamlit_app.py`).

The store comes from $POLICYKG_STORE (default .policykg/store); the bundled corpus is
built into it first when it does not exist.  Pages live in app/pages/, one file each.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from app import data
from app.components.sidebar import language_switch, store_line
from app.i18n import t

HERE = Path(__file__).resolve().parent
PAGES = [("overview", "overview.py", "🗺️"), ("document", "document.py", "📄"),
         ("lineage", "lineage.py", "🌳"), ("targets", "targets.py", "🎯"),
         ("units", "units.py", "🏛️"), ("sparql", "sparql.py", "🔎"),
         ("export", "export.py", "📦"), ("add_documents", "add.py", "➕")]

st.set_page_config(page_title="PolicyKG 政策知识图谱", page_icon="🏛️", layout="wide")
language_switch()
path = data.store_path()
try:
    if not data.store_exists(path):
        with st.status(t("building_corpus"), expanded=False) as status:
            h = data.store_handle(path)
            status.update(label=h.note, state="complete")
    h = data.store_handle(path)
except Exception as e:  # the page says what went wrong, never a traceback
    st.error(t("store_error", e=e))
    st.stop()
store_line(path, h.writable, h.note)

nav = st.navigation([st.Page(HERE / "pages" / f, title=t(key), icon=icon, url_path=key,
                             default=(key == "overview")) for key, f, icon in PAGES])
st.sidebar.caption(t("app_title"))
nav.run()

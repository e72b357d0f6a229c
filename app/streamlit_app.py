"""PolicyKG in the browser: `policykg app` (or `streamlit run app/streamlit_app.py`).

The store comes from $POLICYKG_STORE (default .policykg/store); the bundled corpus is
built into it first when it does not exist (a published generation, app/launch.py).  Pages live in app/app_pages/, one file each (not app/pages/: a folder named
"pages" next to the entry script switches Streamlit to its old multipage mode, which
never runs this script, so st.navigation, the sidebar and the store setup would be skipped).
"""
from __future__ import annotations

import traceback
from pathlib import Path

import streamlit as st

from app import data
from app.components.sidebar import language_switch, store_line
from app.i18n import t
from app.launch import ensure_store

HERE = Path(__file__).resolve().parent
PAGES = [("overview", "overview.py", ":material/map:"), ("document", "document.py", ":material/description:"),
         ("lineage", "lineage.py", ":material/account_tree:"), ("targets", "targets.py", ":material/flag:"),
         ("units", "units.py", ":material/groups:"), ("sparql", "sparql.py", ":material/search:"),
         ("export", "export.py", ":material/download:"), ("add_documents", "add.py", ":material/upload_file:")]

st.set_page_config(page_title="PolicyKG 政策知识图谱", page_icon=":material/account_tree:", layout="wide")
language_switch()
path = data.store_path()
try:
    if not data.store_exists(path):
        with st.status(t("building_corpus"), expanded=False) as status:
            note = ensure_store(path, quiet=True)
            status.update(label=note or t("store"), state="complete")
    data.store(path)                       # opens (or reopens) the published generation
except Exception as e:  # the page says what went wrong, never a traceback
    st.error(t("store_error", e=e))
    st.stop()
store_line(path, data.gen(path))

nav = st.navigation([st.Page(HERE / "app_pages" / f, title=t(key), icon=icon, url_path=key,
                             default=(key == "overview")) for key, f, icon in PAGES])
st.sidebar.caption(t("app_title"))
try:
    nav.run()
except Exception as e:  # a failing page says so in one line; the traceback goes to the log
    traceback.print_exc()
    st.error(t("error", e=f"{type(e).__name__}: {e}"))

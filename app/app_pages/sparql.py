"""SPARQL: the editor, canned queries by title, results with CSV/JSON downloads,
a graph view for CONSTRUCT; read-only, time-limited, row-capped; the URL holds the query."""
from __future__ import annotations

import streamlit as st

from app import data
from app.components.sparql_editor import sparql_editor
from app.i18n import t

st.title(t("sparql"))
st.caption(t("link_note"))
sparql_editor(data.store_path(), data.canned_queries())

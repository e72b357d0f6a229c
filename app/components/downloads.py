"""CSV and JSON downloads of a table."""
from __future__ import annotations

import json

import streamlit as st

from ..i18n import t
from ..snapshot import rows_csv


def table_downloads(vars: list[str], rows: list, name: str, key: str) -> None:
    c1, c2 = st.columns(2)
    c1.download_button(t("download_csv"), rows_csv(vars, rows), file_name=f"{name}.csv",
                       mime="text/csv", key=f"{key}_csv")
    data = [dict(zip(vars, r)) for r in rows]
    c2.download_button(t("download_json"), json.dumps(data, ensure_ascii=False, indent=1).encode(),
                       file_name=f"{name}.json", mime="application/json", key=f"{key}_json")

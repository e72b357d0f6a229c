"""Overview: counts, documents on a map, the lineage graph (click a node to open it), the
document list a page at a time."""
from __future__ import annotations

import pandas as pd
import pydeck as pdk
import streamlit as st

from app import data
from loaders.regions import gazetteer
from app.components.graph_frame import graph_frame
from app.graph_html import doc_url
from app.pagedata import documents_page
from app.i18n import level_label, t
from app.graph_html import LEVEL_COLOURS

path, gen = data.store_path(), data.gen()
st.title(t("app_title"))
docs = data.documents(path, gen)
c = data.counts(path, gen)

cols = st.columns(5)
cols[0].metric(t("documents"), c["documents"])
cols[1].metric(t("stubs"), c["stubs"])
cols[2].metric(t("measures"), c["measures"])
cols[3].metric(t("units_count"), c["units"])
cols[4].metric(t("targets_count"), c["targets"])
order = ["national", "province", "city", "district", "unknown"]
st.caption(t("by_level") + ": " + " · ".join(
    f"{level_label(k)} {c['by_level'][k]}" for k in order if k in c["by_level"]))

left, right = st.columns([2, 3])
with left:
    st.subheader(t("map"))
    pts = data.located(path, gen)
    if pts:
        df = pd.DataFrame(pts)
        df["colour"] = [list(int(LEVEL_COLOURS.get(lv, "#8e44ad")[i:i + 2], 16) for i in (1, 3, 5))
                        for lv in df["level"]]
        df["name"] = df["region"] + " · " + df["title"]
        layer = pdk.Layer("ScatterplotLayer", df, get_position=["lon", "lat"], get_fill_color="colour",
                          get_radius=25000, radius_min_pixels=4, pickable=True, opacity=0.8)
        # context without a base map: every province seat in grey, with its short name
        ctx = pd.DataFrame([{"lon": r.lon, "lat": r.lat, "name": r.short_name}
                            for r in gazetteer().__iter__() if r.level == "province" and r.lat])
        context = [pdk.Layer("ScatterplotLayer", ctx, get_position=["lon", "lat"],
                             get_fill_color=[190, 190, 190], get_radius=12000, radius_min_pixels=2),
                   pdk.Layer("TextLayer", ctx, get_position=["lon", "lat"], get_text="name",
                             get_size=12, get_color=[120, 120, 120], character_set="auto",
                             get_pixel_offset=[0, 12], font_family='"WenQuanYi Micro Hei", sans-serif')]
        view = pdk.ViewState(latitude=34.5, longitude=106.5, zoom=2.6)
        # map_style=None: no base map tiles fetched from the internet (offline-safe)
        st.pydeck_chart(pdk.Deck(layers=[*context, layer], initial_view_state=view, map_style=None,
                                 tooltip={"text": "{name}"}), height=420)
        st.dataframe(pd.DataFrame({t("region"): df["region"], t("title"): df["title"],
                                   t("level"): [level_label(x) for x in df["level"]],
                                   t("latitude"): df["lat"], t("longitude"): df["lon"]}),
                     hide_index=True, height=180)
    else:
        st.info(t("no_coordinates"))

with right:
    st.subheader(t("lineage_graph"))
    st.caption(t("graph_legend"))
    f1, f2, f3 = st.columns([3, 2, 2])
    levels = f1.multiselect(t("filter_levels"), order, default=order, key="ov_levels",
                            format_func=level_label)
    provinces = sorted({(d.get("region_code") or "")[:2] + "0000" for d in docs
                        if not d["stub"] and d.get("region_code") and d.get("level") != "national"})
    gz = gazetteer()
    province = f2.selectbox(t("filter_province"), [""] + provinces, key="ov_province",
                            format_func=lambda c: t("all") if not c else (gz.by_code(c).name
                                                                         if gz.by_code(c) else c))
    stubs = f3.checkbox(t("show_stubs"), value=True, key="ov_stubs")
    with st.spinner(t("lineage_graph") + "…"):
        html, grouped, n = data.lineage_graph_html(path, gen, tuple(levels), province or None, stubs,
                                                   None, 300, 560)
    for level, count in grouped:
        st.info(t("grouped", n=count, level=level_label(level)))
    graph_frame(html, 560)

st.subheader(t("document_list"))
PAGE = 50
q1, q2, q3 = st.columns([4, 2, 2])
text = q1.text_input(t("search_documents"), key="ov_text").strip()
_, total, pages = documents_page(docs, 1, PAGE, text)
page = q2.number_input(t("page_n", n=pages), min_value=1, max_value=pages, value=1, step=1,
                       key="ov_page")
q3.caption(t("n_documents", n=f"{total:,}"))
rows, _, _ = documents_page(docs, int(page), PAGE, text)
st.dataframe(pd.DataFrame([{t("title"): d.get("title"), t("level"): level_label(d.get("level")),
                            t("region"): d.get("region") or "", t("issuer"): d.get("issuer") or "",
                            t("date"): d.get("date") or "", t("measures"): d.get("measures", 0),
                            t("open_document"): doc_url(d["doc"])} for d in rows]),
             hide_index=True, width="stretch",
             column_config={t("open_document"): st.column_config.LinkColumn(display_text="↗")})

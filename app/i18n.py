"""Chinese / English labels of the app.

    t("overview")            -> "概览" or "Overview", after the sidebar switch
    t("n_rows", n=3)         -> "3 行" / "3 rows"

The language lives in ``st.session_state["lang"]`` (owned by
``components.sidebar.language_switch``); outside a Streamlit run it is Chinese.
A missing key raises ``KeyError`` at once: no label silently falls back to its key.
"""
from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

LABELS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("政策知识图谱", "PolicyKG"),
    "language": ("语言 / Language", "语言 / Language"),
    "overview": ("概览", "Overview"),
    "document": ("文件", "Document"),
    "lineage": ("谱系", "Lineage"),
    "targets": ("指标目标", "Targets"),
    "units": ("责任单位", "Units"),
    "sparql": ("SPARQL 查询", "SPARQL"),
    "export": ("导出", "Export"),
    "add_documents": ("添加文件", "Add documents"),
    "store": ("数据库", "Store"),
    "building_corpus": ("正在构建内置语料…", "Building the bundled corpus…"),
    "built_corpus": ("已载入 {n} 份文件", "Loaded {n} documents"),
    "store_error": ("无法打开数据库：{e}", "Cannot open the store: {e}"),
    "error": ("出错：{e}", "Error: {e}"),
    "no_documents": ("数据库中没有文件。", "The store holds no documents."),
    # overview
    "documents": ("文件", "Documents"),
    "stubs": ("未载入的被引文件", "Cited, not loaded (stubs)"),
    "measures": ("任务措施", "Measures"),
    "units_count": ("责任单位", "Units"),
    "targets_count": ("目标值", "Targets"),
    "by_level": ("按层级", "By level"),
    "map": ("文件地图", "Documents on a map"),
    "no_coordinates": ("没有可定位的文件。", "No document has a located region."),
    "lineage_graph": ("谱系图", "Lineage graph"),
    "graph_legend": ("颜色 = 层级；实线 = 文件声明的依据；虚线 = 推断；灰色方框 = 未载入的被引文件；"
                     "点击节点打开文件。",
                     "Colour = level; solid = basis stated by the document; dashed = inferred; "
                     "grey box = cited but not loaded (stub); click a node to open the document."),
    "filter_levels": ("显示层级", "Levels shown"),
    "filter_province": ("省份", "Province"),
    "all": ("全部", "All"),
    "show_stubs": ("显示未载入的被引文件", "Show stub documents"),
    "grouped": ("节点过多：{n} 份{level}文件已按上级地区分组（选择省份可展开）。",
                "Too many nodes: {n} {level} documents grouped by parent region (pick a province "
                "to expand)."),
    "level_national": ("国家", "national"),
    "level_province": ("省级", "province"),
    "level_city": ("市级", "city"),
    "level_district": ("区县", "district"),
    "level_unknown": ("未知", "unknown"),
    # document
    "choose_document": ("选择文件", "Choose a document"),
    "metadata": ("元数据", "Metadata"),
    "field": ("字段", "Field"),
    "value": ("值", "Value"),
    "title": ("标题", "Title"),
    "issuer": ("发文机关", "Issuer"),
    "date": ("日期", "Date"),
    "doc_number": ("文号", "Doc number"),
    "level": ("层级", "Level"),
    "region": ("地区", "Region"),
    "period": ("规划期", "Period"),
    "doc_type": ("文件类型", "Type"),
    "stub": ("未载入", "Stub"),
    "stub_notice": ("这是一份被引用但尚未载入的文件，只有标题。",
                    "This document is cited but not loaded: only its title is known."),
    "sections": ("章节结构", "Sections"),
    "measures_units": ("任务措施与责任单位", "Measures and responsible units"),
    "lead": ("牵头单位", "Lead"),
    "support": ("配合单位", "Supporting"),
    "heading": ("标题", "Heading"),
    "path": ("位置", "Path"),
    "text": ("内容", "Text"),
    "indicator_table": ("指标表", "Indicator table"),
    "prose_targets": ("正文中的目标", "Targets in the text"),
    "indicator": ("指标", "Indicator"),
    "baseline": ("基期值", "Baseline"),
    "target": ("目标值", "Target"),
    "year": ("年份", "Year"),
    "unit": ("单位", "Unit"),
    "binding": ("属性", "Binding"),
    "comparator": ("比较", "Comparator"),
    "source_text": ("原文", "Source text"),
    "fact": ("要高亮的事实", "Fact to highlight"),
    "no_fact": ("（无）", "(none)"),
    "full_text": ("全文", "Full text"),
    "excerpt": ("所选事实附近的原文", "Source around the selected fact"),
    "based_on": ("依据（上位文件）", "Based on (higher documents)"),
    "implemented_by": ("落实文件（下位文件）", "Implemented by (lower documents)"),
    "none": ("无", "none"),
    "open": ("打开", "open"),
    "kind": ("类型", "Kind"),
    # lineage
    "ancestors": ("上位文件（祖先）", "Ancestors"),
    "descendants": ("下位文件（后代）", "Descendants"),
    "depth": ("层数", "Depth"),
    "edge": ("关系", "Link"),
    "asserted": ("声明", "asserted"),
    "inferred": ("推断", "inferred"),
    "alignment": ("措施对齐", "Measure alignment"),
    "not_computed": ("措施对齐尚未计算（谱系计算模块尚未写入数据库）。",
                     "Measure alignment is not yet computed (the lineage step has not written it "
                     "to the store yet)."),
    "compute_preview": ("在应用中计算对齐预览", "Compute an alignment preview in the app"),
    "preview_note": ("预览：在应用中即时计算，未写入数据库。",
                     "Preview: computed in the app now, not stored."),
    "no_ancestors": ("该文件没有已载入且含措施的上位文件。",
                     "This document has no loaded ancestor with measures."),
    "child_measure": ("下级措施", "Child measure"),
    "parent_measures": ("最相近的上级措施", "Best parent measures"),
    "score": ("相似度", "Score"),
    "gaps": ("落实缺口（上级要求、下级未提及）", "Implementation gaps (asked above, not taken up)"),
    "additions": ("本级新增措施", "Local additions"),
    "choose_child_measure": ("选择下级措施", "Choose a child measure"),
    # targets
    "choose_indicator": ("选择指标", "Choose an indicator"),
    "no_indicators": ("没有指标数据。", "No indicator data."),
    "escalation": ("加码", "Escalation"),
    "ratio": ("相对上级", "vs. level above"),
    "document_col": ("文件", "Document"),
    "cascade": ("逐级传导（上级目标 → 下级目标）", "Cascade (higher target → lower target)"),
    # units
    "workload": ("各单位工作量", "Workload per unit"),
    "led": ("牵头", "Led"),
    "supported": ("配合", "Supported"),
    "network": ("协同网络（同一措施中共同负责）", "Co-responsibility network (units on the same measure)"),
    "filter_issuer": ("按发文机关筛选", "Filter by issuer"),
    "no_units": ("没有责任单位数据。", "No responsible units."),
    "top_units": ("网络中显示前 {n} 个单位", "Network shows the top {n} units"),
    "busiest_units": ("显示任务最多的 {n} 个单位（共 {total} 个）；按发文机关筛选可看该机关的全部单位。",
                      "The {n} busiest of {total} units; filter by issuer to see all of its units."),
    # sparql
    "canned": ("预置查询", "Canned queries"),
    "no_canned": ("还没有预置查询（queries/*.rq）。", "No canned queries yet (queries/*.rq)."),
    "choose_canned": ("选择预置查询", "Choose a canned query"),
    "custom": ("（自定义）", "(custom)"),
    "params": ("参数", "Parameters"),
    "run": ("运行", "Run"),
    "n_rows": ("{n} 行", "{n} rows"),
    "truncated": ("结果已截断为前 {n} 行。", "Result truncated to the first {n} rows."),
    "timeout": ("查询超过 {s} 秒被终止。", "The query was stopped after {s} s (time limit)."),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_json": ("下载 JSON", "Download JSON"),
    "readonly_note": ("只读：不允许更新（INSERT/DELETE/LOAD/CLEAR/DROP/CREATE）和 SERVICE；"
                      "每个查询最多 {s} 秒、{n} 行。",
                      "Read-only: updates (INSERT/DELETE/LOAD/CLEAR/DROP/CREATE) and SERVICE are "
                      "refused; each query runs at most {s} s and returns at most {n} rows."),
    "link_note": ("此页面的网址包含查询，可直接分享。", "This page's URL holds the query: share it."),
    "graph_view": ("图视图", "Graph view"),
    "triples": ("三元组", "triples"),
    # export
    "snapshot": ("快照", "Snapshot"),
    "make_snapshot": ("生成快照", "Make a snapshot"),
    "making_snapshot": ("正在生成快照…", "Making the snapshot…"),
    "manifest": ("清单", "Manifest"),
    "download_all": ("下载全部（zip）", "Download all (zip)"),
    "file": ("文件", "File"),
    "bytes": ("字节", "Bytes"),
    # add documents
    "upload": ("上传文件（.txt .docx .html .pdf，最大 10 MB）",
               "Upload a file (.txt .docx .html .pdf, at most 10 MB)"),
    "too_large": ("文件过大：{n} 字节（上限 {limit} 字节）。", "File too large: {n} bytes (limit {limit})."),
    "rejected": ("无法读取该文件：{e}", "This file cannot be read: {e}"),
    "extraction_report": ("抽取结果预览", "Extraction report (preview)"),
    "add_to_graph": ("加入知识图谱", "Add to the knowledge graph"),
    "adding": ("正在加入…", "Adding…"),
    "added": ("已加入：{title}", "Added: {title}"),
    "open_document": ("打开该文件", "Open the document"),
    "writer_note": ("添加文件会生成并发布新的数据库版本（与 policykg build 相同）；各页面随即显示新版本。",
                    "Adding a document writes and publishes a new store generation (as policykg "
                    "build does); every page shows it at once."),
    "store_busy": ("另一个进程正在写入数据库（例如 policykg build），请稍后再添加：{e}",
                   "Another process is writing the store (a policykg build?); add the document "
                   "later: {e}"),
    "generation": ("版本", "generation"),
    "document_list": ("文件列表", "Document list"),
    "search_documents": ("筛选（标题、发文机关、地区）", "Filter (title, issuer, region)"),
    "page_n": ("页码（共 {n} 页）", "Page (of {n})"),
    "n_documents": ("{n} 份文件", "{n} documents"),
    "parent_doc_col": ("上级文件", "Higher plan"),
    "parent_target_col": ("上级目标", "Higher target"),
    "parent_year_col": ("上级年份", "Higher year"),
    "parent_binding_col": ("上级属性", "Higher binding"),
    "child_doc_col": ("下级文件", "Lower plan"),
    "child_written_col": ("下级原文", "Lower plan, as written"),
    "child_year_col": ("下级年份", "Lower year"),
    "child_binding_col": ("下级属性", "Lower binding"),
    "deadline_shift_col": ("期限变化（年）", "Deadline shift (years)"),
    "binding_change_col": ("属性变化", "Binding change"),
    "cascade_label_col": ("传导结果", "Outcome"),
    "cascade_kept": ("保持", "kept"),
    "cascade_raised": ("加码", "raised"),
    "cascade_softened": ("放宽", "softened"),
    "cascade_dropped": ("未承接", "dropped"),
    "cascade_unknown": ("无法比较", "unknown"),
    "binding_carried": ("沿用", "carried"),
    "binding_downgraded": ("降级", "downgraded"),
    "binding_upgraded": ("升级", "upgraded"),
    "binding_unstated": ("未注明", "unstated"),
    "binding_dropped": ("未承接", "dropped"),
    "binding_none": ("无", "none"),
    "doctype_plan": ("规划", "plan"),
    "doctype_work_points": ("工作要点", "work points"),
    "doctype_work_plan": ("工作方案", "work plan"),
    "doctype_action_plan": ("行动方案", "action plan"),
    "doctype_implementation_plan": ("实施方案", "implementation plan"),
    "doctype_outline": ("纲要", "outline"),
    "doctype_opinion": ("意见", "opinion"),
    "doctype_notice": ("通知", "notice"),
    "nature_binding": ("约束性", "binding"),
    "nature_expected": ("预期性", "expected"),
    "nature_约束性": ("约束性", "binding"),
    "nature_预期性": ("预期性", "expected"),
    "latitude": ("纬度", "Latitude"),
    "longitude": ("经度", "Longitude"),
    "chart_first_n": ("图中显示前 {n} 个目标（共 {total} 个，见上表）", "The chart shows the first {n} of {total} targets (all in the table)"),
    "indicator_rows_note": ("只读取所选指标的目标值。", "Only the chosen indicator's targets are read."),
    "warnings": ("警告", "Warnings"),
    "count": ("数量", "Count"),
}


def current_lang() -> str:
    try:
        import streamlit as st
        lang = st.session_state.get("lang", DEFAULT_LANG)
    except Exception:  # outside a Streamlit run (bare imports, tests of helpers)
        lang = DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str | None = None, **kw) -> str:
    zh, en = LABELS[key]
    s = en if (lang or current_lang()) == "en" else zh
    return s.format(**kw) if kw else s


def term_label(prefix: str, value: str | None, lang: str | None = None) -> str:
    """A stored keyword (``plan``, ``expected``, ``raised`` …) in the page's language; the
    value itself when there is no label for it, "" for None."""
    key = f"{prefix}_{value}"
    return t(key, lang) if value and key in LABELS else (value or "")


def level_label(level: str | None, lang: str | None = None) -> str:
    key = f"level_{level}" if level and f"level_{level}" in LABELS else "level_unknown"
    return t(key, lang)


__all__ = ["t", "level_label", "term_label", "LABELS", "LANGS", "current_lang"]

"""Writes the gold files of tests/unseen (hand-made; edit here and re-run, then review the JSON diff)."""
import json
from pathlib import Path
D = Path(__file__).resolve().parent
def T(text, q, unit, year=None, cmp=None):
    return {"text": text, "quantity": q, "unit": unit, "year": year, "comparator": cmp}
def NT(text, q, unit):
    return {"text": text, "quantity": q, "unit": unit}
def M(heading, units, lead=None):
    return {"heading": heading, "units": units, "lead_unit": lead or units[0]}
def I(name, unit, base, target, attr, cat=None, cum=None, by=2020, y=2025):
    return {"name": name, "unit": unit, "baseline": base, "baseline_year": by if base else None,
            "target": target, "year": y, "attribute": attr, "category": cat, "cumulative": cum}
G = {}
G["u01_national"] = dict(
    title="“十四五”市场监管现代化规划", title_inferred=False, issuer=["国务院"], date="2021-12-14",
    doc_number="国发〔2021〕30号", level="national", region="中华人民共和国", region_code="100000", period="2021-2025",
    basis=["中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要"],
    references=["中华人民共和国行政许可法"],
    sections_top=["第一章　发展环境", "第二章　总体要求", "第三章　营造公平竞争的市场环境", "第四章　守住市场安全底线", "第五章　加强规划实施保障"],
    indicators=[I("市场主体总量", "亿户", "1.4", "2", "预期性", "市场主体"),
                I("企业开办时间", "工作日", "4", "≤3", "预期性", "市场主体"),
                I("制造业产品质量合格率", "%", "93.39", "≥94", "预期性", "质量安全"),
                I("食品抽检合格率", "%", "97.69", "≥98", "约束性", "质量安全"),
                I("特种设备万台死亡人数", "人", "0.15", "≤0.2", "约束性", "质量安全"),
                I("消费者满意度", "分", "78", "≥80", "预期性", "消费环境")],
    inline_targets=[T("市场主体总量力争达到2亿户", "2", "亿户", 2025, "="),
                    T("企业开办时间压缩至3个工作日以内", "3", "工作日", 2025, "≤"),
                    T("消费者满意度达到80分以上", "80", "分", 2025, "≥"),
                    T("每年完成国家食品安全监督抽检60万批次以上", "60", "万批次", None, "≥")],
    inline_targets_complete=True,
    not_targets=[NT("市场主体总量由2015年底的7746.9万户", "7746.9", "万户"), NT("增长到2020年底的1.4亿户", "1.4", "亿户"),
                 NT("全国企业开办时间压缩至4个工作日以内", "4", "工作日"), NT("累计审查政策措施189万件", "189", "万件"),
                 NT("制定修订国家标准1.1万项", "1.1", "万项"), NT("主要消费品领域国际标准转化率达到95%以上", "95", "%"),
                 NT("食品安全抽检合格率稳定在97%以上", "97", "%")],
    measures=[],
    notes="National plan wrapped in a State Council notice (国发〔2021〕30号) signed 国务院 on one line. 第一章/第一节 numbering with ideographic spaces; items （一）（二） inside 节. Indicator table 专栏1 whitespace separated, blank category cells are leading ordinary spaces, units in the name's brackets. 第一节 reviews the 13th plan: past statistics are not targets. No responsible units are named.")
G["u02_guangdong"] = dict(
    title="2023年全省市场监管工作要点", title_inferred=False, issuer=["广东省市场监督管理局"], date="2023-03-10",
    doc_number="粤市监办〔2023〕21号", level="province", region="广东省", region_code="440000", period="2023",
    basis=["中共广东省委关于深入推进绿美广东生态建设的决定"], references=["质量强国建设纲要"],
    sections_top=["一、着力优化营商环境,激发市场主体活力", "二、着力推进质量强省,提升质量发展水平", "三、着力维护公平竞争,规范市场秩序",
                  "四、着力守牢安全底线,保障人民群众生命健康", "五、着力加强自身建设,提升依法行政能力"],
    indicators=[],
    inline_targets=[T("力争全年新设经营主体200万户以上", "200", "万户", 2023, "≥"), T("制造业产品质量合格率稳定在94%以上", "94", "%", 2023, "≥"),
                    T("新增省级标准化试点示范项目30个", "30", "个", 2023, None), T("全年办理专利侵权纠纷行政裁决案件1500件以上", "1500", "件", 2023, "≥"),
                    T("投诉按时办结率达到98%以上", "98", "%", 2023, "≥"), T("全年完成食品安全监督抽检25万批次", "25", "万批次", 2023, None),
                    T("电梯按需维保试点扩大到10个地市", "10", "个", 2023, "="), T("年内建成\"五有\"规范化市场监管所100个", "100", "个", 2023, None)],
    inline_targets_complete=True,
    measures=[M("深化商事制度改革", ["登记注册处", "信用监督管理处"]), M("强化涉企收费监管", ["价格监督检查和反不正当竞争处"]),
              M("支持个体工商户发展", ["登记注册处", "个体私营经济监督管理处"]), M("实施质量强省战略", ["质量发展局"]),
              M("夯实质量基础设施", ["计量处", "标准化处", "认证认可处"]), M("加强知识产权保护", ["知识产权保护处", "省知识产权保护中心"]),
              M("强化反垄断和反不正当竞争", ["反垄断局", "价格监督检查和反不正当竞争处"]), M("规范网络市场秩序", ["网络交易监督管理处"]),
              M("加强消费者权益保护", ["消费者权益保护处", "省12315指挥中心"]),
              M("强化食品安全监管", ["食品安全协调处", "食品生产安全监督管理处", "食品经营安全监督管理处"]),
              M("加强特种设备安全监管", ["特种设备安全监察处"]), M("强化工业产品质量安全监管", ["产品质量安全监督管理处"]),
              M("推进法治市场监管建设", ["法规处", "执法稽查局"]), M("加强基层基础建设", ["人事处", "综合规划处"]),
              M("加强智慧监管建设", ["科技和信息化处"])],
    notes="Provincial work points, half-width punctuation and quotes. The notice title has no 《》 around the plan title; the plan's title is 2023年全省市场监管工作要点 (quoted in 《》 in the notice body: not a citation). Items (一)…(十五) numbered continuously across parts, each with a (责任单位:…) clause. 12315 and the report deadline are not targets.")
G["u03_ganzhou"] = dict(
    title="赣州市市场监管领域优化营商环境实施方案", title_inferred=False, issuer=["赣州市市场监督管理局"], date="2022-07-18",
    doc_number="赣市监字〔2022〕58号", level="city", region="江西省赣州市", region_code="360700", period=None,
    basis=["优化营商环境条例", "江西省优化营商环境条例", "江西省人民政府办公厅关于印发江西省营商环境优化升级“一号改革工程”实施方案的通知"],
    references=[], sections_top=["一、总体要求", "二、工作目标", "三、重点任务", "四、保障措施"], indicators=[],
    inline_targets=[T("全市企业开办时间压缩至1个工作日以内", "1", "工作日", 2022, "≤"), T("全市市场主体总量突破90万户", "90", "万户", 2022, ">"),
                    T("“一网通办”事项办理率达到95%以上", "95", "%", 2023, "≥"), T("联合抽查比例不低于30%", "30", "%", None, "≥"),
                    T("全年办理免罚案件200件以上", "200", "件", None, "≥"), T("全年帮扶企业300家以上", "300", "家", None, "≥"),
                    T("全年知识产权质押融资额达到15亿元", "15", "亿元", None, "=")],
    inline_targets_complete=True,
    measures=[M("深化企业开办“一件事”改革", ["行政审批科", "信息中心", "各县（市、区）市场监管局"]),
              M("推进经营范围规范化登记", ["登记注册科", "行政审批科"]),
              M("优化企业注销服务", ["登记注册科", "行政审批科", "各县（市、区）市场监管局"]),
              M("制定年度抽查计划", ["信用监督管理科"]),
              M("推动信用风险分类结果在抽查中的运用", ["信用监督管理科", "执法稽查局"]),
              M("推行包容审慎监管", ["法规科", "执法稽查局", "各县（市、区）市场监管局"]),
              M("规范涉企检查行为", ["法规科", "局机关各业务科室"]),
              M("开展质量技术帮扶", ["质量发展科", "市计量测试所", "市产品质量监督检验所"]),
              M("加强知识产权运用保护", ["知识产权运用促进科", "知识产权保护科"])],
    notes="City implementation plan wrapped in a notice. Units clauses （牵头单位：X；配合单位：Y、Z）; unit names contain brackets with 、 inside (各县（市、区）市场监管局). Item 3 has sub-items （1）（2）（3） and one clause on its own line after them: one measure. Item 4 has two sub-items each with its own clause: two measures. 一年不超过两次 is a rule, not a target. No period in the title.")
G["u04_fenghuang"] = dict(
    title="凤凰县旅游市场秩序整治提升行动方案", title_inferred=False, issuer=["凤凰县市场监督管理局"], date="2023-03-02",
    doc_number="凤市监发〔2023〕6号", level="district", region="湖南省湘西土家族苗族自治州凤凰县", region_code="433123", period=None,
    basis=["湘西土家族苗族自治州旅游市场秩序综合整治工作方案"], references=[],
    sections_top=["一、工作目标", "二、整治重点", "三、工作步骤", "四、工作要求"], indicators=[],
    inline_targets=[T("全县旅游市场明码标价执行率达到100%", "100", "%", None, "="), T("涉旅消费投诉处理满意率达到95%以上", "95", "%", None, "≥"),
                    T("力争创建放心消费示范街区3条", "3", "条", None, None), T("放心消费示范单位50家", "50", "家", None, None),
                    T("全年开展食品安全监督抽检400批次以上", "400", "批次", None, "≥"), T("投诉处理时限压缩至3个工作日以内", "3", "工作日", None, "≤")],
    inline_targets_complete=True,
    measures=[M("规范价格秩序", ["价格监督检查股", "古城市场监管所"]), M("整治虚假宣传", ["广告监督管理股", "执法大队", "古城市场监管所"]),
              M("强化食品安全", ["食品经营监督管理股", "食品安全抽检中心", "各市场监管所"]), M("加强特种设备安全监管", ["特种设备安全监察股", "沱江市场监管所"]),
              M("畅通投诉举报渠道", ["消费者权益保护股", "12315投诉举报中心"])],
    notes="County (凤凰县 in 湘西土家族苗族自治州) action plan: red head X文件, doc number, the notice title split over two lines (issuer line, then 关于印发《Y》的通知), the plan, and the signature block at the end of the document. Units in （责任单位：…） clauses; 股 offices. Dates of 工作步骤 and report deadlines are not targets.")
G["u05_kunshan"] = dict(
    title="昆山市“十四五”市场监督管理发展规划", title_inferred=False, issuer=["昆山市市场监督管理局"], date=None,
    doc_number=None, level="district", region="江苏省苏州市昆山市", region_code="320583", period="2021-2025",
    basis=["昆山市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "苏州市“十四五”市场监管发展规划"], references=[],
    sections_top=["一、发展基础", "二、面临形势", "三、总体要求", "四、主要任务", "五、保障措施"],
    indicators=[I("市场主体总量", "万户", "62.8", "85", "预期性", None, False), I("每千人拥有企业数", "户", "98", "≥120", "预期性", None, False),
                I("每万人口高价值发明专利拥有量", "件", "18.6", "30", "预期性", None, False),
                I("主导和参与制修订国家标准数", "项", "156", "200", "预期性", None, True),
                I("食品安全评价性抽检合格率", "%", "98.2", "≥98.5", "约束性", None, False),
                I("特种设备万台死亡人数", "人", "0", "≤0.3", "约束性", None, False)],
    inline_targets=[T("市场主体总量突破85万户", "85", "万户", 2025, ">"), T("每万人口高价值发明专利拥有量达到30件", "30", "件", 2025, "="),
                    T("到2025年累计获评江苏精品20个以上", "20", "个", 2025, "≥")],
    inline_targets_complete=True,
    not_targets=[NT("全市市场主体总量达到62.8万户", "62.8", "万户"), NT("较“十二五”末增长86.5%", "86.5", "%"), NT("每千人拥有企业数达到98户", "98", "户"),
                 NT("全市累计获评江苏精品12个", "12", "个"), NT("主导和参与制修订国家标准156项", "156", "项"), NT("食品安全评价性抽检合格率保持在98%以上", "98", "%")],
    measures=[],
    notes="County-level city (县级市 昆山市 under 苏州市) plan: title line, issuer and month below it, no notice. Indicator table 表1 with columns 序号 指标 单位 2020年 2025年 属性, units in their own column; note 注：第4项为累计数. 发展基础 states past statistics.")
G["u06_chaoyang"] = dict(
    title="朝阳区质量强区建设三年行动计划（2022—2024年）", title_inferred=False, issuer=["北京市朝阳区市场监督管理局"], date="2022-06-20",
    published="2022-06-24", doc_number="朝市监发〔2022〕18号", level="district", region="北京市朝阳区", region_code="110105", period="2022-2024",
    basis=["北京市“十四五”时期市场监管发展规划", "朝阳区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"], references=[],
    sections_top=["一、总体目标", "二、重点任务", "三、保障措施"], indicators=[],
    inline_targets=[T("全区主导和参与制修订国际、国家和行业标准累计达到600项", "600", "项", 2024, "="), T("新增首都标准化示范项目10个", "10", "个", 2024, None),
                    T("有效注册商标总量超过40万件", "40", "万件", 2024, ">"), T("消费者满意度保持在85分以上", "85", "分", 2024, "≥"),
                    T("产品质量监督抽查不合格发现率较2021年下降10%", "10", "%", None, None)],
    inline_targets_complete=True,
    measures=[M("推动重点产业质量提升", ["区市场监管局", "区发展改革委", "区经济和信息化局"]),
              M("提升服务业质量水平", ["区商务局", "区市场监管局", "区文化和旅游局"]),
              M("加强计量标准化建设", ["区市场监管局", "区科委", "各街乡"]),
              M("完善检验检测服务", ["区市场监管局", "朝阳园管委会"]),
              M("加强质量安全监管", ["区市场监管局", "区应急管理局"]),
              M("加强质量文化建设", ["区委宣传部", "区市场监管局", "区总工会"])],
    notes="Portal page of a district of a 直辖市 (朝阳区 of 北京市, not 长春市朝阳区 or 朝阳市): breadcrumbs, 索引号/发布机构/成文日期/文号/发布日期/标题 block, the notice (unsigned at its head; the signature follows the plan), footer chrome. Basis is named in the notice (为贯彻落实《…》和《…》). Measure numbers 1–6 run across （一）（二）（三）.")
G["u07_qiandongnan"] = dict(
    title="黔东南州2022年知识产权工作要点", title_inferred=False, issuer=["黔东南州市场监督管理局"], date=None,
    doc_number=None, level="city", region="贵州省黔东南苗族侗族自治州", region_code="522600", period="2022",
    basis=["知识产权强国建设纲要（2021—2035年）"], references=[],
    sections_top=["一、加强知识产权创造", "二、促进知识产权运用", "三、强化知识产权保护", "四、优化知识产权服务", "五、加强组织保障"], indicators=[],
    inline_targets=[T("全州发明专利授权量年均增长15%以上", "15", "%", None, "≥"), T("有效注册商标总量年均增长百分之十", "10", "%", None, None),
                    T("力争新增三家国家知识产权优势示范企业", "3", "家", 2022, None), T("专利侵权纠纷案件结案率达到百分之九十五以上", "95", "%", 2022, "≥"),
                    T("培育高价值专利组合二个以上", "2", "个", 2022, "≥"), T("全年新增地理标志证明商标两件", "2", "件", 2022, None),
                    T("力争建成国家地理标志产品保护示范区一个", "1", "个", 2022, None), T("全年促成专利转让许可50项以上", "50", "项", 2022, "≥"),
                    T("全年实现知识产权质押融资额1.2亿元", "1.2", "亿元", 2022, None), T("全年查处案件不少于六十件", "60", "件", 2022, "≥"),
                    T("全州新建知识产权维权援助工作站八个", "8", "个", 2022, None), T("全年培训人员500人次以上", "500", "人次", 2022, "≥")],
    inline_targets_complete=True,
    not_targets=[NT("全州专利授权量达到1856件", "1856", "件"), NT("同比增长21.3%", "21.3", "%"), NT("有效注册商标总量达到2.9万件", "2.9", "万件")],
    measures=[],
    notes="Work points of an autonomous prefecture (黔东南苗族侗族自治州, written 黔东南州); the issuer line carries its second name in brackets (市场监督管理局（知识产权局）). Targets in Chinese numerals (三家, 两件, 六十件, 一个/八个 after the noun, 百分之九十五) are recorded with Arabic quantities; 年均增长 targets carry no year. The preamble states 2021 statistics (not targets) before the 2022 goals.")
G["u08_pudong"] = dict(
    title="浦东新区市场监管领域“放管服”改革2022年工作方案", title_inferred=False, issuer=["上海市浦东新区市场监督管理局"], date="2022-03-15",
    doc_number=None, level="district", region="上海市浦东新区", region_code="310115", period="2022",
    basis=["上海市浦东新区市场主体登记确认制若干规定", "上海市优化营商环境条例"], references=[],
    sections_top=["一、主要目标", "二、重点工作", "三、工作要求"], indicators=[],
    inline_targets=[T("企业开办全程网办率达到99%以上", "99", "%", 2022, "≥"), T("新设市场主体不少于6万户", "6", "万户", 2022, "≥"),
                    T("“一业一证”改革行业扩大至31个", "31", "个", 2022, "="), T("全年非现场检查占比达到30%", "30", "%", 2022, "="),
                    T("年内实现高频事项“免申即享”10项以上", "10", "项", 2022, "≥")],
    inline_targets_complete=True,
    measures=[M("全面实施市场主体登记确认制", ["登记注册处", "各市场监管所"]),
              M("深化“一业一证”改革", ["行政审批处", "登记注册处", "食品经营监管处"]),
              M("推进信用风险分类监管", ["信用监管处", "执法稽查支队"]),
              M("深化“互联网+监管”", ["科技信息处", "信用监管处", "各市场监管所"]),
              M("推行“一网通办”提质增效", ["行政审批处"]),
              M("加强知识产权公共服务", ["知识产权处", "浦东新区知识产权保护中心"])],
    notes="District of 上海市 (浦东新区): title line, no notice; the issuer and the date sign at the end, the date in Chinese numerals (二〇二二年三月十五日), after an 附件 line. Units on their own line without brackets: 牵头部门：X；配合部门：Y、Z.")
G["u09_guangxi"] = dict(
    title="广西食品安全“十四五”规划", title_inferred=False, issuer=["广西壮族自治区市场监督管理局"], date="2021-12-28",
    doc_number="桂市监发〔2021〕45号", level="province", region="广西壮族自治区", region_code="450000", period="2021-2025",
    basis=["中共中央 国务院关于深化改革加强食品安全工作的意见", "广西壮族自治区国民经济和社会发展第十四个五年规划和2035年远景目标纲要"], references=[],
    sections_top=["一、发展基础", "二、总体要求", "三、主要任务", "四、保障措施"],
    indicators=[I("食品安全抽检量", "批次/千人", "4.5", "5", "约束性"), I("食品评价性抽检合格率", "%", "98.1", "≥98", "约束性"),
                I("食品安全示范县（市、区）", "个", "28", "40", "预期性"), I("大中型餐饮单位“明厨亮灶”覆盖率", "%", "85", "≥95", "预期性"),
                I("食品生产企业风险分级管理覆盖率", "%", None, "100", "约束性")],
    inline_targets=[T("食品安全抽检量稳定在每年5批次/千人", "5", "批次/千人", None, "="), T("食品评价性抽检合格率保持在98%以上", "98", "%", 2025, "≥"),
                    T("创建国家食品安全示范城市2个", "2", "个", 2025, None)],
    inline_targets_complete=True,
    not_targets=[NT("全区食品安全监督抽检量达到每年4.5批次/千人", "4.5", "批次/千人"), NT("评价性抽检合格率稳定在98%以上", "98", "%"),
                 NT("建成食品安全示范县（市、区）28个", "28", "个"), NT("农贸市场快检室覆盖率达到100%", "100", "%")],
    measures=[],
    notes="Autonomous-region (province level) plan in a notice; 全区 here means the whole region (province). Indicator table as Markdown pipe rows |序号|指标|单位|2020年|2025年|属性| with a |---| separator row; units in their own column, '-' baseline is null.")
for name, g in G.items():
    out = {"file": name + ".txt", **g}
    (D / (name + ".json")).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print("ok", len(G))

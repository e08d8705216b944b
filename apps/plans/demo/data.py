"""The destinations of the demo 2020 cohort: the seed report's chapter-2 figures and the demo's own choices.

Seed: 湖北职业技术学院 2020 届毕业生就业质量年度报告 (``/work/shared/seed``), 2.1-2.2, 4.1.1, 4.2.8, 4.2.11.
Every figure marked "seed" is copied from the report; everything else is this demo's choice, made to fit them
(fixtures/README.md lists both, and what the demo does where the report contradicts itself).
"""

import datetime

RANDOM_SEED = 20201231  # any fixed number; changing it changes who goes where, not the counts
FIRST_CUTOFF = datetime.date(2020, 8, 31)  # seed 2.1.1: 初次就业率
FINAL_CUTOFF = datetime.date(2020, 12, 31)  # seed 4.2.11

# --- Seed figures -----------------------------------------------------------------------------------------
GRADUATES = 5098
# 2.1.1 at 2020-08-31, by the report's categories (apps/refdata/seed_data.REPORT_CATEGORIES).
CATEGORIES_0831 = {"协议就业": 883, "灵活就业": 2203, "升学、出国": 989, "自主创业": 5, "待就业": 1018}
EMPLOYED_0831 = 4080  # 80.03%
# 4.2.11: 85.23% at 2020-12-31. 4,345 / 5,098 = 85.229...% is the only count that prints as 85.23%.
EMPLOYED_1231 = 4345
# 2.1.3 as printed; they add up to 1,272, but 1,018 graduates are not employed (domain.md). The demo scales
# them to 1,018 with largest remainders (REASONS_0831 below).
SEED_REASONS = {
    "求职中": 737, "签约中": 21, "拟参加公招考试": 6, "拟创业": 9, "拟应征入伍": 28, "拟升学": 435,
    "拟出国出境": 3, "暂不就业": 20, "落实单位未上报": 5, "身体健康状况": 8,
}  # fmt: skip
# 2.2.1: 2,971 in 湖北省 (58.28% of the 5,098 graduates), counted as the provincial platform counts (domain.md):
# every employed graduate at the province of their destination, 升学 at the admitting school's.
IN_HUBEI_0831 = 2971
# 4.3 (the 番禺 "一帮一" programme): "到广东地区就业累计 231 人", by the end of the year.
IN_GUANGDONG_1231 = 231
# 4.2.8: the 510 graduates who are 建档立卡 or from one of the 52 counties: "就业率超过 83.91%" at 08-31.
# No count out of 510 prints as 83.91% (427.94 would); 428 / 510 = 83.92% is the least that is above it.
HARDSHIP_GROUP = 510
HARDSHIP_EMPLOYED_0831 = 428
# 4.1.1: 专升本 989 (all of 2.1.1's 升学、出国 989), 应征入伍 53 (2020's enlistment was in September).
UPGRADE_STUDY = 989
ENLISTED = 53
# 2.1.2 names the majors at the top (highest first) and at the bottom (lowest first); the rates themselves are
# only in figures 2-2-1 and 2-2-2, which the text does not carry.
TOP_MAJORS = [
    "电气自动化技术",
    "建设工程管理",
    "人物形象设计",
    "护理",
    "医学美容技术",
    "数控技术",
    "工程造价",
]
BOTTOM_MAJORS = ["商务英语", "工商企业管理", "药学", "汽车检测与维修技术", "汽车营销与服务", "软件技术"]
# 2.2.2 and 2.2.3 give an order of names and no numbers; the demo's counts below keep that order.
UNIT_NATURE_ORDER = ["企业", "医疗卫生单位", "中初教育单位", "城镇社区"]
INDUSTRY_ORDER = ["43", "42", "22", "41", "34", "24", "37", "32", "44", "35"]  # 建筑业 is printed twice

# --- The demo's choices -----------------------------------------------------------------------------------
# Employed at 08-31 per major (表 1-2's graduates in brackets): the seed's top seven and bottom six in its
# order, every other major between them, adding up to 4,080. 通信技术 has one graduate, so 0% or 100%: it is
# employed, level with 电气自动化技术 (10 of 10).
EMPLOYED_BY_MAJOR_0831 = {
    "建筑装饰工程技术": 28, "广告设计与制作": 23, "学前教育": 363,  # (35, 29, 428)
    "金融管理": 12, "会计": 96, "工商企业管理": 9, "电子商务": 83, "物流管理": 33, "商务英语": 0,
    "临床医学": 356, "药学": 26, "医学检验技术": 114, "医学影像技术": 228,  # (487, 48, 142, 295)
    "口腔医学": 831,  # (1079)
    "护理": 872, "助产": 110, "医学美容技术": 54, "人物形象设计": 12,  # (949, 125, 59, 13)
    "机械制造与自动化": 27, "数控技术": 58, "模具设计与制造": 15, "机电一体化技术": 70, "电气自动化技术": 10,
    "工业机器人技术": 19, "汽车检测与维修技术": 40, "汽车营销与服务": 8,
    "电子信息工程技术": 31, "计算机应用技术": 99, "计算机网络技术": 33, "计算机信息管理": 4, "软件技术": 90,
    "通信技术": 1,
    "旅游管理": 11, "酒店管理": 42, "中西面点工艺": 17, "应用英语": 10,
    "建筑工程技术": 29, "建设工程管理": 62, "工程造价": 57,
    "康复治疗技术": 97,
}  # fmt: skip

# Destination codes at 08-31 (2020 scheme), adding up to the categories of 2.1.1.
# 协议就业 883 = 10 + 11 + 27 + 46 + 50 + 51; 灵活就业 2,203 = 12 + 76; 升学、出国 989 = 80 (all 专升本,
# seed 4.1.1); 自主创业 5 = 75; 待就业 1,018 = 70 + 71 + 72 by reason (REASON_CODES).
CODES_0831 = {
    "10": 520, "11": 315, "27": 3, "46": 30, "50": 6, "51": 9,
    "12": 2017, "76": 186,
    "80": 989,
    "75": 5,
}  # fmt: skip
EMPLOYER_CODES = ("10", "11", "12", "27", "50", "51")  # the codes whose plans name a unit nature
# 2.1.3 scaled to the 1,018 not employed: 1,018 / 1,272 of each, the 4 places left to the largest remainders
# (求职中 589.83, 签约中 16.81, 拟参加公招考试 4.80, 拟应征入伍 22.41). Checked by the tests.
REASONS_0831 = {
    "求职中": 590, "签约中": 17, "拟参加公招考试": 5, "拟创业": 7, "拟应征入伍": 23, "拟升学": 348,
    "拟出国出境": 2, "暂不就业": 16, "落实单位未上报": 4, "身体健康状况": 6,
}  # fmt: skip
# The code each reason is registered under (70 待就业, 71 不就业拟升学, 72 其他暂不就业).
REASON_CODES = {
    "求职中": "70", "签约中": "70", "拟参加公招考试": "70", "拟创业": "70", "拟应征入伍": "70",
    "落实单位未上报": "70", "拟升学": "71", "拟出国出境": "71", "暂不就业": "72", "身体健康状况": "72",
}  # fmt: skip

# Between 09-01 and 12-31, 265 of the 1,018 change to a destination that counts (4,080 + 265 = 4,345): a new
# plan through the three reviews, the 待就业 one superseded. By the reason they had: (new code, how many).
# All 23 拟应征入伍 enlist in September, so 30 + 23 = 53 应征入伍 (seed 4.1.1).
AUTUMN_CHANGES = {
    "求职中": [("10", 20), ("11", 70), ("12", 104), ("76", 15)],
    "签约中": [("10", 9), ("11", 8)],
    "拟应征入伍": [("46", 23)],
    "落实单位未上报": [("11", 2), ("12", 2)],
    "拟创业": [("75", 2)],
    "拟出国出境": [("85", 2)],
    "拟参加公招考试": [("51", 2), ("50", 1)],
    "拟升学": [("12", 5)],
}
# The hardship group at 12-31 (the seed gives no figure): 446 / 510 = 87.45%, still above the school's 85.23%.
HARDSHIP_EMPLOYED_1231 = 446

# 2.2.1 at 08-31: the 989 专升本 study in 湖北 (湖北's 普通专升本 admits 湖北 colleges' graduates to 湖北
# universities), so 2,971 - 989 = 1,982 of the 3,091 with a job (every employed code but 80) work in 湖北 and
# 1,109 elsewhere: mostly 珠三角 and 长三角 as the seed says, then at home.
UPGRADE_PROVINCE = "湖北省"
WORK_PROVINCES_0831 = {
    "湖北省": 1982, "广东省": 209, "浙江省": 200, "江苏省": 110, "上海市": 60, "云南省": 140, "河南省": 68,
    "新疆维吾尔自治区": 55, "甘肃省": 42, "安徽省": 40, "山西省": 30, "广西壮族自治区": 28, "湖南省": 26,
    "北京市": 20, "四川省": 15, "贵州省": 13, "福建省": 12, "江西省": 12, "重庆市": 12, "河北省": 6, "山东省": 6,
    "陕西省": 5,
}  # fmt: skip
# Where the 263 autumn changes with a place work (the 265 but the 2 abroad): 湖北, or 珠三角 and 长三角; 广东's
# 22 and 08-31's 209 make 4.3's 231 at 12-31.
AUTUMN_PROVINCES = {"湖北省": 205, "广东省": 22, "浙江省": 18, "江苏省": 10, "上海市": 8}
# 46 应征义务兵 as the provincial platform records it (rules.py): 单位性质 40 部队, 行业 80 军队.
ARMY_UNIT_NATURE, ARMY_INDUSTRY = "40", "80"
# 2.2.2: unit nature of the 2,870 plans with an employer at 08-31 (codes 10, 11, 12, 27, 50, 51; 46's 30 add
# 部队, so the report's base is 2,900). The seed's order: 企业 (39 + 31 + 32 = 1,888), 医疗卫生单位, 中初教育单位,
# 城镇社区, then the rest (部队 30 among them).
UNIT_NATURES_0831 = {
    "39": 1769, "31": 81, "32": 38,
    "23": 596, "22": 231, "56": 60,
    "29": 36, "99": 30, "55": 14, "10": 9, "21": 4, "20": 2,
}  # fmt: skip
# 2.2.3: industry of the 2,875 plans with an employer or a company at 08-31 (the 2,870 above and 5 自主创业;
# 46's 30 add 军队, so the report's base is 2,905). The seed's ten in its order (its 卫生、社会保障和社会福利业 and
# 计算机服务业 are the older names of 43 and 34), then the rest, each below 金融业 (军队 30 among them).
INDUSTRIES_0831 = {
    "43": 1259, "42": 356, "22": 236, "41": 210, "34": 168, "24": 142, "37": 112, "32": 86, "44": 66,
    "35": 54,
    "31": 50, "33": 42, "45": 40, "38": 18, "36": 16, "11": 10, "23": 6, "39": 4,
}  # fmt: skip

# Histories before 08-31 (changes approved in the summer, so the earlier plan is superseded):
EARLY_STUDY_INTENT = 600  # of the 989 专升本: first 71 不就业拟升学 (拟升学), then 80 once admitted in August
EARLY_JOB_SEEKING = 280  # first 70 待就业 (求职中), then a job
EARLY_INFORMAL_TO_CONTRACT = 60  # first 12 其他录用形式就业, then 11 签劳动合同 with the same employer
RETURNED_ON_THE_WAY = 0.05  # share of approved plans that were returned once and resubmitted
WITHDRAWN_ON_THE_WAY = 0.01  # share withdrawn by the student before the counsellor's review, then resubmitted

# Change requests still on their way (all graduates have a plan in force, so every open plan is a change),
# made in December 2020 and never approved by the demo, so they change no figure at either date.
# (scope, status, how many); scope "fdy0501" = the demo counsellor's classes, "护理学院" = xy05's college
# outside them, "other" = each of the other nine colleges.
OPEN_PLANS = [
    ("fdy0501", "submitted", 9), ("fdy0501", "counsellor_approved", 3), ("fdy0501", "college_approved", 1),
    ("fdy0501", "returned", 2), ("fdy0501", "draft", 2),
    ("护理学院", "submitted", 6), ("护理学院", "counsellor_approved", 10), ("护理学院", "college_approved", 3),
    ("护理学院", "returned", 2), ("护理学院", "draft", 1),
    ("other", "submitted", 5), ("other", "counsellor_approved", 2), ("other", "college_approved", 3),
    ("other", "returned", 2), ("other", "draft", 1),
]  # fmt: skip
DEMO_COUNSELLOR = "fdy0501"
DEMO_COLLEGE = "护理学院"

RETURN_COMMENTS = {
    "counsellor": [
        "劳动合同未加盖单位公章，请补充上传盖章页。",
        "单位所在城市与合同不一致，请核对后重新提交。",
        "证明材料是实习协议，不能作为就业证明（四不准），请上传劳动合同或录用证明。",
    ],
    "college": [
        "统一社会信用代码与单位名称不符，请核对后重新提交。",
        "工作职位填写不具体，请填写实际岗位名称。",
    ],
    "centre": [
        "录用证明缺少单位联系人及联系电话，请补充。",
        "证明材料扫描不清晰，请重新上传。",
    ],
}

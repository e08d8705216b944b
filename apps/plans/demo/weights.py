"""How likely each kind of graduate is to land in each column: the demo's judgement, not the seed's.

The seed fixes the totals (``data``); these weights only decide which majors the totals fall on, through
``fitting.fit_table``. A zero means "never" (no 幼儿园 hires a 数控 graduate as a 口腔 technician).
"""

# The 40 majors in 14 groups that behave alike.
MAJOR_GROUPS = {
    "护理": "nursing", "助产": "nursing", "口腔医学": "dental", "临床医学": "clinical",
    "医学影像技术": "medtech", "医学检验技术": "medtech", "康复治疗技术": "medtech", "药学": "pharmacy",
    "医学美容技术": "beauty", "人物形象设计": "beauty", "学前教育": "preschool",
    "金融管理": "business", "会计": "business", "工商企业管理": "business", "电子商务": "business",
    "物流管理": "business", "商务英语": "business",
    "机械制造与自动化": "mech", "数控技术": "mech", "模具设计与制造": "mech", "机电一体化技术": "mech",
    "电气自动化技术": "mech", "工业机器人技术": "mech", "汽车检测与维修技术": "auto", "汽车营销与服务": "auto",
    "电子信息工程技术": "it", "计算机应用技术": "it", "计算机网络技术": "it", "计算机信息管理": "it",
    "软件技术": "it", "通信技术": "it",
    "旅游管理": "tourism", "酒店管理": "tourism", "中西面点工艺": "tourism", "应用英语": "tourism",
    "建筑工程技术": "build", "建设工程管理": "build", "工程造价": "build", "建筑装饰工程技术": "build",
    "广告设计与制作": "design",
}  # fmt: skip
MEDICAL_GROUPS = ("nursing", "dental", "clinical", "medtech", "pharmacy")

# Destination codes of the employed at 08-31, by group (10 11 27 46 50 51 | 12 76 | 80 | 75).
CODE_WEIGHTS = {
    "nursing": {"10": 6, "11": 4, "46": 0.1, "50": 0.3, "51": 0.3, "12": 16, "76": 0.6, "80": 9},
    "dental": {"10": 2, "11": 4, "46": 0.3, "50": 0.1, "51": 0.1, "12": 22, "76": 1, "80": 7, "75": 0.1},
    "clinical": {"10": 5, "11": 4, "46": 0.5, "50": 0.6, "51": 0.8, "12": 16, "76": 0.5, "80": 8},
    "medtech": {"10": 5, "11": 5, "27": 0.3, "46": 0.3, "50": 0.2, "51": 0.2, "12": 16, "76": 0.5, "80": 8},
    "pharmacy": {"10": 3, "11": 6, "27": 0.3, "46": 0.3, "12": 14, "76": 0.5, "80": 8},
    "beauty": {"10": 2, "11": 5, "12": 18, "76": 4, "80": 3, "75": 0.5},
    "preschool": {"10": 5, "11": 5, "50": 0.3, "51": 0.4, "12": 18, "76": 1, "80": 7},
    "business": {"10": 4, "11": 8, "46": 0.5, "50": 0.2, "51": 0.3, "12": 16, "76": 2, "80": 9, "75": 0.3},
    "mech": {"10": 6, "11": 10, "46": 1.5, "12": 14, "76": 1, "80": 4, "75": 0.1},
    "auto": {"10": 4, "11": 8, "46": 1.5, "12": 16, "76": 1.5, "80": 3},
    "it": {"10": 4, "11": 8, "27": 0.3, "46": 1, "12": 15, "76": 3, "80": 6, "75": 0.3},
    "tourism": {"10": 4, "11": 8, "46": 0.3, "12": 15, "76": 1.5, "80": 5, "75": 0.2},
    "build": {"10": 6, "11": 9, "46": 1, "51": 0.2, "12": 14, "76": 1, "80": 5, "75": 0.1},
    "design": {"10": 3, "11": 5, "12": 14, "76": 5, "80": 4, "75": 0.5},
}

# Reasons of the not employed at 08-31, by group; 拟应征入伍 is mostly men (REASON_MEN_ONLY).
REASON_BASE = {
    "求职中": 10, "签约中": 0.3, "拟参加公招考试": 0.1, "拟创业": 0.1, "拟应征入伍": 0.5, "拟升学": 6,
    "拟出国出境": 0.05, "暂不就业": 0.3, "落实单位未上报": 0.1, "身体健康状况": 0.1,
}  # fmt: skip
REASON_BY_GROUP = {
    "clinical": {"拟参加公招考试": 0.3, "暂不就业": 0.6},
    "nursing": {"拟升学": 8}, "medtech": {"拟升学": 8}, "dental": {"拟升学": 7},
    "preschool": {"拟参加公招考试": 0.3}, "business": {"拟参加公招考试": 0.3, "拟创业": 0.3},
    "mech": {"拟应征入伍": 1.2, "拟升学": 4}, "auto": {"拟应征入伍": 1.2, "拟升学": 3},
    "it": {"拟应征入伍": 1.0, "拟升学": 5, "拟创业": 0.3}, "design": {"拟创业": 0.4},
}  # fmt: skip
WOMEN_ENLISTING = 0.1  # the weight of 拟应征入伍 for women, against the group's for men

# Unit nature of plans with an employer at 08-31: by group, then masked by the code (CODE_NATURE_MASK).
NATURE_WEIGHTS = {
    "nursing": {"23": 10, "39": 8, "56": 0.6, "29": 0.3, "31": 0.2, "99": 0.5, "22": 0.1, "55": 0.1, "10": 0.05},
    "dental": {"23": 2.5, "39": 14, "99": 0.5, "56": 0.1, "29": 0.1},
    "clinical": {"23": 8, "39": 6, "56": 1, "55": 1, "29": 0.3, "99": 0.4, "10": 0.1},
    "medtech": {"23": 8, "39": 7, "29": 0.3, "99": 0.5, "56": 0.3, "20": 0.05, "21": 0.05},
    "pharmacy": {"23": 3, "39": 10, "31": 0.5, "32": 0.5},
    "beauty": {"23": 1, "39": 12, "99": 0.5},
    "preschool": {"22": 9, "39": 8, "56": 1, "29": 0.3, "99": 0.5, "10": 0.1},
    "business": {"39": 12, "31": 1.2, "32": 0.5, "56": 0.8, "10": 0.3, "29": 0.3, "22": 0.2, "23": 0.2,
                 "99": 0.3, "55": 0.2},
    "mech": {"39": 12, "31": 1.5, "32": 1, "29": 0.1, "56": 0.1},
    "auto": {"39": 12, "31": 1.2, "32": 0.8},
    "it": {"39": 12, "31": 1, "32": 0.6, "56": 0.3, "29": 0.2, "22": 0.2, "10": 0.1, "21": 0.1},
    "tourism": {"39": 12, "31": 0.5, "32": 0.8, "29": 0.2, "22": 0.3, "56": 0.2},
    "build": {"39": 12, "31": 1.5, "29": 0.3, "56": 0.2, "10": 0.1, "20": 0.1},
    "design": {"39": 12, "29": 0.3, "22": 0.2, "56": 0.2},
}  # fmt: skip
ALL_NATURES = ("10", "20", "21", "22", "23", "29", "31", "32", "39", "55", "56", "99")
CODE_NATURE_MASK = {
    "10": dict.fromkeys(ALL_NATURES, 1.0),
    "11": {**dict.fromkeys(ALL_NATURES, 1.0), "10": 0.3},
    "12": {**dict.fromkeys(ALL_NATURES, 1.0), "10": 0, "20": 0, "21": 0, "29": 0.5, "22": 0.6, "23": 0.6,
           "56": 0.6, "55": 0.5, "99": 2},
    "27": {"21": 1, "20": 1},
    "50": {"55": 1, "56": 1, "22": 0.5, "23": 0.5, "29": 0.3},
    "51": {"56": 1, "55": 1, "10": 0.5, "29": 0.5, "23": 0.3, "22": 0.3},
}  # fmt: skip

# Industry: an enterprise (39, and a 自主创业 company) follows its group; public bodies follow their nature.
INDUSTRY_BY_GROUP = {
    "nursing": {"43": 10, "41": 1.5, "42": 0.3, "37": 0.5, "31": 0.4, "33": 0.2, "34": 0.1, "22": 0.3},
    "dental": {"43": 12, "41": 0.8, "31": 0.5, "37": 0.3, "22": 0.3},
    "clinical": {"43": 10, "41": 0.8, "31": 0.6, "37": 0.5, "22": 0.3, "34": 0.2},
    "medtech": {"43": 10, "41": 1.5, "38": 0.6, "22": 0.6, "31": 0.5, "37": 0.3},
    "pharmacy": {"43": 3, "31": 6, "22": 3, "38": 0.5, "41": 0.3},
    "beauty": {"41": 10, "43": 3, "44": 2, "31": 0.5, "37": 0.5},
    "preschool": {"42": 12, "41": 0.8, "44": 0.8, "37": 0.4, "31": 0.3},
    "business": {"31": 3, "34": 2, "35": 3, "37": 3, "32": 2.5, "41": 1.5, "22": 1.5, "24": 0.8, "36": 1,
                 "44": 0.6, "33": 0.5, "42": 0.8, "43": 0.4, "11": 0.3},
    "mech": {"22": 12, "23": 0.5, "24": 1, "32": 1, "41": 1.5, "34": 0.8, "37": 0.5, "31": 0.5, "11": 0.2},
    "auto": {"41": 7, "31": 4, "22": 4, "32": 1, "37": 0.5},
    "it": {"34": 10, "22": 3, "37": 1.5, "44": 1, "31": 1, "41": 0.8, "42": 0.8, "35": 0.4, "32": 0.4},
    "tourism": {"33": 8, "37": 2, "44": 1.5, "41": 1.5, "42": 1, "32": 0.8, "31": 0.8},
    "build": {"24": 12, "36": 2, "37": 1, "38": 1, "22": 0.8, "39": 0.5, "41": 0.5},
    "design": {"44": 6, "37": 5, "24": 3, "34": 1.5, "41": 1},
}  # fmt: skip
# A public body's industry is fixed by what it is; None: follow the group, restricted to these industries.
NATURE_INDUSTRIES = {
    "23": {"43": 1}, "22": {"42": 1}, "21": {"42": 1}, "20": {"38": 1}, "10": {"45": 1},
    "56": {"45": 1, "41": 1}, "55": {"45": 1, "11": 0.3},
    "29": {"42": 0.5, "43": 0.3, "44": 0.5, "45": 0.6, "38": 0.3, "39": 0.3, "41": 0.3},
    "31": {"22": 1, "23": 0.6, "24": 1, "32": 0.8, "34": 0.6, "35": 0.8, "36": 0.2, "31": 0.3, "39": 0.3},
    "32": {"22": 1, "34": 0.5, "33": 0.4, "37": 0.4, "31": 0.4, "43": 0.3},
    "99": {"43": 1, "41": 0.6, "42": 0.6, "44": 0.3, "37": 0.3},
}  # fmt: skip
GROUP_FLOOR = 0.05  # added to a group's weight where the nature allows an industry the group does not name

# Where the employed work at 08-31, by origin: 湖北 for everybody, home for some, 珠三角/长三角 for a few.
WORK_HUBEI = 1.0
WORK_HOME = 0.6
WORK_COAST = {
    "广东省": 0.05,
    "浙江省": 0.03,
    "江苏省": 0.01,
    "上海市": 0.01,
    "北京市": 0.005,
    "福建省": 0.003,
}
# Within 湖北: a graduate from 湖北 works in their home city, in 武汉 or in 孝感 (where the college is).
HUBEI_HOME, HUBEI_WUHAN = 0.45, 0.30  # the rest 孝感
OTHERS_WUHAN = 0.55  # a graduate from elsewhere working in 湖北: 武汉, else 孝感

# Approval dates. Weekly weights for the centre's approvals of jobs, from the week of 4 May to that of 24 Aug
# (then 31 Aug): slow in May (the epidemic), most in June and July, the rest before the 31 August deadline.
JOB_WEEKS = [2, 3, 4, 5, 7, 9, 11, 12, 12, 11, 10, 9, 8, 7, 6, 6, 5, 5]
WEEKDAY_WEIGHTS = [1, 1, 1, 1, 1, 0.25, 0.1]  # Monday .. Sunday
AUTUMN_MONTHS = {9: 3, 10: 3, 11: 2, 12: 1.5}
NATIONAL_DAY = (1, 8)  # 1-8 October 2020: almost nothing is approved

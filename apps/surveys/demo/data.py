"""The numbers the demo surveys must reproduce (seed 2.3) and the demo's own choices where the seed is silent.

Every rate is (favourable answers) / (answers given), half-up to two decimals (README.md). The counts below are
chosen so each rate comes out exactly as the seed prints it; the splits between 满意 and 基本满意 (or 一般 and
不满意) are this demo's choice, as is everything marked so.
"""

import datetime

RANDOM_SEED = 20201219  # the 2020 survey's closing day (seed 2.3.1); any fixed number would do

# 表 2-1 in the seed's order, with the college named as the seed's table names it (the import resolves
# "旅游与酒店管理学院" to "旅游与酒店管理学院（国际教育学院）"): (college, respondents, of them men).
# Respondents per college and the 1,658 / 2,486 split are the seed's; the men per college are this demo's
# choice: the cohort's share of men in each college (表 1-2 of the demo cohort), scaled to 1,658.
SAMPLE_2020 = [
    ("教育与艺术学院", 276, 31),
    ("财经学院", 259, 87),
    ("医学院", 847, 432),
    ("口腔医学院", 1033, 465),
    ("护理学院", 921, 81),
    ("机电工程学院", 275, 252),
    ("信息技术学院", 220, 159),
    ("旅游与酒店管理学院", 103, 36),
    ("建筑技术学院", 116, 74),
    ("医学分院", 94, 41),
]
# The 2019 sample is this demo's choice: 3,916 respondents spread over the colleges as in 2020, 1,583 men.
SAMPLE_2019 = [
    ("教育与艺术学院", 261, 30),
    ("财经学院", 245, 83),
    ("医学院", 800, 412),
    ("口腔医学院", 976, 444),
    ("护理学院", 870, 77),
    ("机电工程学院", 260, 241),
    ("信息技术学院", 208, 151),
    ("旅游与酒店管理学院", 97, 34),
    ("建筑技术学院", 110, 71),
    ("医学分院", 89, 40),
]

# Answers per question: {question: {answer word: respondents}}. A question with fewer answers than its base
# (the employed for 专业对口程度 and 就业满意度, every respondent for the others) was left blank by the rest.
ANSWERS_2020 = {
    # 2.3.2: (2,265 + 856) / 3,536 = 88.2636 -> 88.26%
    "专业对口程度": {"对口": 2265, "基本对口": 856, "不对口": 415},
    # 2.3.3: (1,864 + 1,243) / 3,536 = 87.8676 -> 87.87%
    "就业满意度": {"满意": 1864, "基本满意": 1243, "一般": 352, "不满意": 77},
    # 2.3.5: (2,611 + 1,246) / 4,144 = 93.0743 -> 93.07%
    "母校总体满意度": {"满意": 2611, "基本满意": 1246, "一般": 241, "不满意": 46},
    # (2,402 + 1,345) / 4,137 = 90.5729 -> 90.57% (7 left it blank: over all 4,144 no count gives 90.57)
    "教学满意度": {"满意": 2402, "基本满意": 1345, "一般": 326, "不满意": 64},
    # (2,188 + 1,422) / 4,136 = 87.2824 -> 87.28% (8 left it blank)
    "学生工作满意度": {"满意": 2188, "基本满意": 1422, "一般": 431, "不满意": 95},
    # (2,245 + 1,452) / 4,135 = 89.4075 -> 89.41% (9 left it blank)
    "生活服务满意度": {"满意": 2245, "基本满意": 1452, "一般": 359, "不满意": 79},
}
# The seed gives only two 2019 rates; the 2019 questionnaire's other questions stay unanswered in the demo.
ANSWERS_2019 = {
    # (1,902 + 1,092) / 3,330 = 89.9099 -> 89.91%
    "就业满意度": {"满意": 1902, "基本满意": 1092, "一般": 281, "不满意": 55},
    # (2,376 + 1,233) / 3,916 = 92.1604 -> 92.16%
    "母校总体满意度": {"满意": 2376, "基本满意": 1233, "一般": 251, "不满意": 56},
}


GRADUATE_CAMPAIGNS = [
    {
        "year": 2020,
        "title": "2020届毕业生就业跟踪调查",
        "sent": 5089,  # seed 2.3.1 (for 5,098 graduates: the consistency panel says so)
        "returned": 4144,  # seed 2.3.1: 4,144 / 5,089 = 81.4305 -> 81.43%
        "closed_on": datetime.date(2020, 12, 19),  # seed 2.3.1
        "employed": 3536,  # this demo's choice: 85.33% of the respondents employed at the survey
        "sample": SAMPLE_2020,
        "answers": ANSWERS_2020,
    },
    {
        "year": 2019,
        "title": "2019届毕业生就业跟踪调查",
        "sent": 4812,  # this demo's choice, as are the 3,916 returned, 3,330 employed and the closing day
        "returned": 3916,
        "closed_on": datetime.date(2019, 12, 20),
        "employed": 3330,
        "sample": SAMPLE_2019,
        "answers": ANSWERS_2019,
    },
]

# 2.3.4: 250 employers rated all six dimensions, 1,500 ratings: 1,408 满意 (93.8667 -> 93.87%), 81 一般
# (5.40%), 11 不满意 (0.7333 -> 0.73%). How they spread over the dimensions is this demo's choice.
EMPLOYER_CAMPAIGN = {
    "year": 2020,
    "title": "2020届毕业生用人单位满意度调查",
    "sent": 300,  # this demo's choice, as are the 250 returned
    "returned": 250,
    "closed_on": datetime.date(2020, 12, 19),
    # dimension: (满意, 一般, 不满意), 250 each
    "ratings": {
        "品质素质": (240, 9, 1),
        "社会能力": (233, 15, 2),
        "专业基础": (234, 14, 2),
        "专业能力": (231, 16, 3),
        "发展能力": (230, 17, 3),
        "综合评价": (240, 10, 0),
    },
}

# Employer names: place + 字号 + kind of unit, drawn without repeats (none is meant to be a real unit).
EMPLOYER_PLACES = [
    "孝感",
    "武汉",
    "襄阳",
    "宜昌",
    "荆州",
    "十堰",
    "黄冈",
    "随州",
    "咸宁",
    "应城",
    "汉川",
    "安陆",
]
EMPLOYER_WORDS = [
    "康泰", "华信", "众诚", "明德", "恒通", "博远", "安和", "瑞丰", "新航", "德润", "仁和", "志远", "美齿",
    "启航", "鼎盛", "楚天", "汇智", "长江", "同心", "嘉禾",
]  # fmt: skip
EMPLOYER_KINDS = [
    "口腔门诊部", "医院", "社区卫生服务中心", "幼儿园", "科技有限公司", "机械制造有限公司", "电子商务有限公司",
    "会计师事务所", "酒店管理有限公司", "建筑工程有限公司", "康复医疗中心", "药房连锁有限公司",
]  # fmt: skip

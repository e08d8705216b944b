"""The numbers the demo park must reproduce (seed 4.4) and the demo's own choices that make it look real.

Seed: 湖北职业技术学院 2020 届毕业生就业质量年度报告, 4.4.1-4.4.3. Every seed figure is marked as such; the rest
(names, areas, dates, scores, revenue) is this demo's choice.
"""

import datetime
from decimal import Decimal

RANDOM_SEED = 20201215  # any fixed number; changing it changes names, areas, phones and figures
# The dashboard of the demo is best read "as of" this day (the park's data are the 2020 ones).
AS_OF = datetime.date(2020, 12, 15)

# 4.4.1: two sites, "使用面积近 4000 平方米". (site, location, unit prefix, units); the unit counts and the exact
# total are this demo's choice.
SITES = [
    ("体育馆创业一条街", "南区体育馆临街一层", "TY", 32),
    ("知行楼一楼", "知行楼一层", "ZX", 22),
]
TOTAL_AREA = Decimal("3960.00")
UNIT_AREA_RANGE = (45, 105)  # m², before scaling to the total

# 4.4.1: "现有入驻创业公司 46 个，带动就业 312 人".
ACTIVE_TENANTS = 46
JOBS_CREATED = 312
JOBS_RANGE = (3, 12)
TWO_UNIT_TENANTS = (2, 9, 15, 21)  # demo numbers of companies that hold two units
FREE_UNITS = ("TY-17", "TY-30", "ZX-108", "ZX-121")  # empty at the end of 2020
EXITED_UNITS = ("TY-30", "ZX-121")  # held by the two companies that left in January 2020

# (company, business, industry code of the refdata 单位行业 table). The first 46 are in the park; 47-48 failed
# the 2019 assessment and left in January 2020; 49-50 are applications waiting at the end of 2020.
# Names ending in 工作室/店/坊/馆/社/吧 are 个体工商户 (credit code 92...), the others companies (91...).
COMPANIES = [
    ("孝感市坤元网络科技有限公司", "小程序与网站开发", "34"),
    ("孝感市茜语文化传媒有限公司", "短视频制作与新媒体运营", "44"),
    ("孝感市军创农业科技有限公司", "农产品电商与冷链配送", "31"),
    ("孝感市启航教育咨询有限公司", "升学与职业规划咨询", "42"),
    ("孝感市拾光摄影工作室", "毕业照与证件照摄影", "41"),
    ("孝感市青禾茶饮店", "茶饮", "33"),
    ("孝感市印象图文设计有限公司", "图文设计与快印", "37"),
    ("孝感市康之源健康管理有限公司", "健康咨询与理疗", "41"),
    ("孝感市云帆电子商务有限公司", "孝感米酒、麻糖网上销售", "31"),
    ("孝感市匠心空间设计有限公司", "室内装饰设计", "37"),
    ("孝感市智联校园服务有限公司", "校园跑腿与快递代收", "41"),
    ("孝感市乐童教育科技有限公司", "学前儿童兴趣课程", "42"),
    ("孝感市芯动电子科技有限公司", "电子产品维修", "41"),
    ("孝感市绿野花艺工作室", "花艺与绿植租摆", "31"),
    ("孝感市行知软件有限公司", "软件外包开发", "34"),
    ("孝感市星辰动漫设计有限公司", "动漫与广告设计", "44"),
    ("孝感市麦田烘焙坊", "中西面点", "33"),
    ("孝感市优客口腔器材有限公司", "口腔耗材销售", "31"),
    ("孝感市护佑家政服务有限公司", "母婴护理与家政", "41"),
    ("孝感市车管家汽车服务有限公司", "汽车美容与保养", "41"),
    ("孝感市精工数控机械有限公司", "小型零件数控加工", "22"),
    ("孝感市筑梦工程咨询有限公司", "工程造价咨询", "38"),
    ("孝感市易达物流有限公司", "校园物流配送", "32"),
    ("孝感市金算盘财务咨询有限公司", "代理记账", "37"),
    ("孝感市悦行旅游服务有限公司", "研学旅行策划", "37"),
    ("孝感市美妍形象设计工作室", "化妆造型", "41"),
    ("孝感市康复之家健康科技有限公司", "康复器具租售", "43"),
    ("孝感市影像云医疗科技有限公司", "医学影像技术培训", "38"),
    ("孝感市极客网络工作室", "网络布线与安防监控", "34"),
    ("孝感市机智机器人教育有限公司", "青少年机器人编程", "42"),
    ("孝感市鲜达生鲜配送有限公司", "校园生鲜配送", "31"),
    ("孝感市书香文化用品店", "文具与教辅销售", "31"),
    ("孝感市青春音乐工作室", "乐器培训", "42"),
    ("孝感市瑞安消防技术服务有限公司", "消防设施检测", "38"),
    ("孝感市码上学编程培训有限公司", "少儿编程", "42"),
    ("孝感市小满咖啡馆", "咖啡与轻食", "33"),
    ("孝感市优品跨境电子商务有限公司", "跨境电商", "31"),
    ("孝感市新视界广告有限公司", "校园广告", "37"),
    ("孝感市慧眼检测技术有限公司", "食品快速检测", "38"),
    ("孝感市翼飞无人机科技有限公司", "航拍与植保服务", "38"),
    ("孝感市晨曦外语培训有限公司", "英语培训", "42"),
    ("孝感市乐享体育文化有限公司", "体育培训与赛事组织", "44"),
    ("孝感市竹韵手工艺品有限公司", "手工艺品制作", "22"),
    ("孝感市启明电气工程有限公司", "电气安装与维护", "38"),
    ("孝感市嘉禾酒店管理有限公司", "民宿运营", "33"),
    ("孝感市鲸鱼文创有限公司", "文创产品设计", "44"),
    ("孝感市飞扬打印社", "打印复印", "41"),
    ("孝感市潮玩桌游吧", "桌游", "44"),
    ("孝感市萌宠护理服务有限公司", "宠物护理", "41"),
    ("孝感市青创直播电子商务有限公司", "直播带货", "31"),
]
SOLE_TRADER_SUFFIXES = ("工作室", "店", "坊", "馆", "社", "吧")
EXITED = (47, 48)
APPLIED = 49  # waiting to be taken into review
UNDER_REVIEW = 50
UNREGISTERED = (50,)  # a team that has not registered its company yet: no credit code
CREDIT_REGION = "420902"  # 孝感市孝南区

# 4.4.2: "刘坤团队、郑茜团队、张军军团队各获资金扶持 2 万，共计 6 万元" out of "10 个符合条件的创业公司完成申报".
# The funded teams lead companies 1-3; the other seven applicants are the demo's choice.
FUNDED_LEADERS = {1: "刘坤", 2: "郑茜", 3: "张军军"}
FUNDING_APPLICANTS = (1, 2, 3, 5, 9, 15, 22, 30, 37, 40)
FUNDING_PROGRAMME = "湖北省大学生创业扶持项目"
FUNDING_YEAR = 2020
FUNDING_AMOUNT = Decimal("20000.00")
FUNDING_APPLIED_ON = datetime.date(2020, 4, 20)
FUNDING_DECIDED_ON = datetime.date(2020, 9, 30)

# Leases: two years from moving in; a lease that ended before 2021 was renewed to this day.
LEASE_YEARS = 2
RENEWED_TO = datetime.date(2021, 8, 31)
MOVE_IN_RANGE = (datetime.date(2017, 9, 1), datetime.date(2020, 7, 15))
EXITED_MOVE_IN = datetime.date(2018, 3, 1)

# 4.4.1: the park closed in the epidemic and reopened from April 2020 on approved 复工申请.
LOCKDOWN = datetime.date(2020, 1, 23)
RESUMPTION_RETURNED_ONCE = 6  # the demo's one application sent back for a fuller plan

# Operating reports: September to November 2020. For November (due in December) some are missing, some waiting.
REPORT_MONTHS = (datetime.date(2020, 9, 1), datetime.date(2020, 10, 1), datetime.date(2020, 11, 1))
NOVEMBER_MISSING = (1, 7, 18, 26, 33)
NOVEMBER_RETURNED = (12,)
NOVEMBER_WAITING = (4, 10, 20, 29, 38, 44)

# 4.4.1: passes for every company's staff after the autumn term began; two per company here.
PASSES_PER_TENANT = 2
PASS_FROM = datetime.date(2020, 9, 1)
PASS_TO = datetime.date(2021, 1, 15)
PASS_EXPIRING_TO = datetime.date(2020, 12, 25)  # within 14 days of AS_OF
PASS_EXPIRED_TO = datetime.date(2020, 11, 30)
PASSES_EXPIRING = 5
PASSES_EXPIRED = 3

# Patrols: the office's daily round of both sites (4.4.1), November to mid-December 2020.
PATROL_FROM = datetime.date(2020, 11, 2)
PATROL_TO = datetime.date(2020, 12, 14)

# Meter readings: a baseline at the end of August, then each month's end.
READING_DATES = (
    datetime.date(2020, 8, 31),
    datetime.date(2020, 9, 30),
    datetime.date(2020, 10, 31),
    datetime.date(2020, 11, 30),
)

# Assessment: 2019 (those in the park by then; two fail and leave) and 2020 (all 46; two fail, marked for exit).
ASSESSED_2019_BY = datetime.date(2019, 9, 30)
ASSESSED_2019_ON = datetime.date(2019, 12, 20)
EXITED_ON = datetime.date(2020, 1, 10)
ASSESSED_2020_ON = datetime.date(2020, 12, 10)
FAILED_2020 = (33, 41)

# 4.4.3: "492 个项目报名参加湖北省初赛网评，累计参赛学生 1521 人次 ... 6 个项目获得 8 个奖牌".
INTERNET_PLUS_YEAR = 2020
INTERNET_PLUS_EDITION = 6
INTERNET_PLUS_ENTRIES = 492
INTERNET_PLUS_STUDENTS = 1521
# (leader, project, track, stage reached, team size (demo's choice), [(awarding competition, stage, award)])
AWARDED_PROJECTS = [
    ("马超", "基于资源整合的规模化现代农业生产基地", "职教赛道", "national", 5,
     [("internet_plus", "national", "bronze"), ("internet_plus", "provincial", "gold")]),
    ("孙皓", "城市蜘蛛侠-楼宇智能逃生救援装置", "职教赛道", "provincial", 5,
     [("internet_plus", "provincial", "gold"), ("chutian", "provincial", "gold")]),
    ("万贵林", "老黄牛——基于渠道和品种优势的大悟黄牛生态产销链", "高教主赛道", "provincial", 5,
     [("internet_plus", "provincial", "silver")]),
    ("卢明皓", "童智未来", "", "provincial", 4, [("chutian", "provincial", "bronze")]),
    ("谢强", "疫情背景下渠道下沉农民工招聘与派遣", "", "provincial", 3, [("chutian", "provincial", "bronze")]),
    ("崔方阁", "乳牙收藏", "", "provincial", 3, [("chutian", "provincial", "bronze")]),
]  # fmt: skip
TEAM_SIZE_RANGE = (1, 6)
# 4.4.3: 第四届"中国创翼": 王彬团队 孝感市初赛第一名, 湖北省复赛优秀奖 (team size: demo's choice).
CHUANGYI = ("王彬", "基于微生物酶+纳米光触媒渗透技术的双重室内空气净化系统", 4, 2020, 4)

# Log-in accounts of the companies in the park: cyy01 ... cyy46 (创业园), all with the demo password.
TENANT_USERNAME = "cyy{number:02d}"

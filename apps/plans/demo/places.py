"""Where the demo's graduates work or study, and what their employers are called. Pure and deterministic.

Employer names are made up from a place, a two-character brand and the line of business ("孝感市恒达机械制造
有限公司"); public bodies are named after their place ("孝昌县人民医院"). Each name gets a 统一社会信用代码 that
passes the GB 32100 check (and its organisation code the GB 11714 one), derived from the name, so one employer
always has one code. Institutions are the 湖北 universities that took 专升本 students in 2020.
"""

import hashlib
import random

from apps.graduates.validators import credit_code_check_char

# 湖北: the city a graduate's ID number says they come from (first 4 digits; 6 for the 省直辖 cities).
HUBEI_CITY_BY_PREFIX = {
    "4201": "武汉市", "4202": "黄石市", "4203": "十堰市", "4205": "宜昌市", "4206": "襄阳市", "4207": "鄂州市",
    "4208": "荆门市", "4209": "孝感市", "4210": "荆州市", "4211": "黄冈市", "4212": "咸宁市", "4213": "随州市",
    "4228": "恩施土家族苗族自治州", "429004": "仙桃市", "429005": "潜江市", "429006": "天门市",
}  # fmt: skip
# City (or 省直辖) -> GB/T 2260 code, used as the region part of an employer's credit code.
CITY_CODES = {
    "武汉市": "420100", "黄石市": "420200", "十堰市": "420300", "宜昌市": "420500", "襄阳市": "420600",
    "鄂州市": "420700", "荆门市": "420800", "孝感市": "420900", "荆州市": "421000", "黄冈市": "421100",
    "咸宁市": "421200", "随州市": "421300", "恩施土家族苗族自治州": "422800", "仙桃市": "429004",
    "潜江市": "429005", "天门市": "429006",
    "深圳市": "440300", "广州市": "440100", "东莞市": "441900", "佛山市": "440600", "珠海市": "440400",
    "杭州市": "330100", "宁波市": "330200", "温州市": "330300", "金华市": "330700",
    "苏州市": "320500", "南京市": "320100", "无锡市": "320200", "上海市": "310000",
    "昆明市": "530100", "郑州市": "410100", "北京市": "110000", "乌鲁木齐市": "650100", "厦门市": "350200",
    "长沙市": "430100", "合肥市": "340100", "南宁市": "450100", "兰州市": "620100", "太原市": "140100",
    "贵阳市": "520100", "成都市": "510100", "南昌市": "360100", "重庆市": "500000", "石家庄市": "130100",
    "济南市": "370100", "西安市": "610100",
}  # fmt: skip
# Counties and districts a public body may be named after (孝感 is where the college is; 武汉 the capital).
COUNTIES = {
    "孝感市": [
        ("孝南区", "420902"), ("孝昌县", "420921"), ("大悟县", "420922"), ("云梦县", "420923"),
        ("应城市", "420981"), ("安陆市", "420982"), ("汉川市", "420984"),
    ],
    "武汉市": [
        ("江岸区", "420102"), ("江汉区", "420103"), ("硚口区", "420104"), ("汉阳区", "420105"),
        ("武昌区", "420106"), ("青山区", "420107"), ("洪山区", "420111"), ("东西湖区", "420112"),
        ("蔡甸区", "420114"), ("江夏区", "420115"), ("黄陂区", "420116"), ("新洲区", "420117"),
    ],
}  # fmt: skip
# Cities of work outside 湖北, by province (the first weighs most).
CITIES_BY_PROVINCE = {
    "广东省": ["深圳市", "广州市", "东莞市", "佛山市", "珠海市"],
    "浙江省": ["杭州市", "宁波市", "温州市", "金华市"],
    "江苏省": ["苏州市", "南京市", "无锡市"],
    "上海市": ["上海市"],
    "云南省": ["昆明市"], "河南省": ["郑州市"], "北京市": ["北京市"], "新疆维吾尔自治区": ["乌鲁木齐市"],
    "福建省": ["厦门市"], "湖南省": ["长沙市"], "安徽省": ["合肥市"], "广西壮族自治区": ["南宁市"],
    "甘肃省": ["兰州市"], "山西省": ["太原市"], "贵州省": ["贵阳市"], "四川省": ["成都市"],
    "江西省": ["南昌市"], "重庆市": ["重庆市"], "河北省": ["石家庄市"], "山东省": ["济南市"], "陕西省": ["西安市"],
}  # fmt: skip

BRANDS = [
    "恒达", "华信", "博远", "鑫源", "康泰", "正和", "金桥", "瑞丰", "天宇", "众诚", "宏图", "嘉禾", "明德",
    "汇通", "永安", "新桥", "楚天", "荆楚", "澴川", "德瑞", "安康", "佳信", "睿博", "启航", "卓越", "华康",
    "仁和", "九州", "昌盛", "同心", "百川", "致远", "长江", "汉江", "凤凰", "银河", "盛世", "兴业",
]  # fmt: skip
# Line of business of an enterprise, by industry code.
BUSINESS = {
    "11": ["农业科技", "生态农业发展"],
    "21": ["矿业"],
    "22": ["机械制造", "汽车零部件", "电子科技", "精密模具", "电气设备", "智能装备", "医疗器械", "制药"],
    "23": ["电力工程", "燃气"],
    "24": ["建筑工程", "建设工程", "装饰工程", "市政工程", "建筑安装工程"],
    "31": ["商贸", "医药连锁", "汽车销售服务", "电子商务"],
    "32": ["物流", "供应链管理", "快递服务", "运输"],
    "33": ["酒店管理", "餐饮管理", "烘焙食品"],
    "34": ["网络科技", "软件技术", "信息技术", "数据服务", "通信技术"],
    "35": ["保险代理", "金融信息服务"],
    "36": ["房地产开发", "物业服务"],
    "37": ["人力资源服务", "企业管理咨询", "广告传媒", "财税咨询"],
    "38": ["检测技术", "工程设计咨询", "技术服务"],
    "39": ["环境工程", "园林绿化"],
    "41": ["汽车维修服务", "美容美发", "家政服务", "养生服务", "摄影"],
    "42": ["教育科技", "职业培训"],
    "43": ["口腔门诊部", "医院", "诊所", "健康管理", "康复医疗"],
    "44": ["文化传媒", "影视文化", "体育发展", "文化艺术"],
}  # fmt: skip
STATE_OWNED = {
    "22": "机械工业集团有限公司", "23": "供电公司", "24": "城市建设投资有限公司", "31": "商业集团有限公司",
    "32": "公共交通集团有限责任公司", "34": "广电网络有限公司", "35": "农村商业银行股份有限公司",
    "36": "城市建设开发有限公司", "39": "水务集团有限公司", "43": "医药集团有限公司", "21": "矿业集团有限公司",
}  # fmt: skip
HOSPITALS = ["人民医院", "中医医院", "妇幼保健院", "第一人民医院", "第二人民医院", "中心医院"]
COMMUNITY_NAMES = [
    "书院",
    "广场",
    "车站",
    "槐荫",
    "城站",
    "花园",
    "新华",
    "解放",
    "文化",
    "东风",
    "丹阳",
    "紫荆",
]
VILLAGE_NAMES = ["王店", "李湾", "张岗", "刘河", "陈集", "杨店", "周巷", "吴铺", "黄湾", "徐家河"]

# 专升本 (80): the 本科 programme a major goes on to, and 湖北 universities that offered it in 2020.
UPGRADE_PROGRAMMES = {
    "护理": "护理学", "助产": "护理学", "医学美容技术": "护理学", "人物形象设计": "视觉传达设计",
    "口腔医学": "口腔医学", "临床医学": "临床医学", "医学影像技术": "医学影像技术", "医学检验技术": "医学检验技术",
    "药学": "药学", "康复治疗技术": "康复治疗学", "学前教育": "学前教育", "建筑装饰工程技术": "环境设计",
    "广告设计与制作": "视觉传达设计", "金融管理": "金融学", "会计": "会计学", "工商企业管理": "工商管理",
    "电子商务": "电子商务", "物流管理": "物流管理", "商务英语": "英语",
    "机械制造与自动化": "机械设计制造及其自动化", "数控技术": "机械设计制造及其自动化",
    "模具设计与制造": "机械设计制造及其自动化", "机电一体化技术": "机械电子工程", "电气自动化技术": "电气工程及其自动化",
    "工业机器人技术": "机器人工程", "汽车检测与维修技术": "车辆工程", "汽车营销与服务": "市场营销",
    "电子信息工程技术": "电子信息工程", "计算机应用技术": "计算机科学与技术", "计算机网络技术": "网络工程",
    "计算机信息管理": "信息管理与信息系统", "软件技术": "软件工程", "通信技术": "通信工程",
    "旅游管理": "旅游管理", "酒店管理": "酒店管理", "中西面点工艺": "食品科学与工程", "应用英语": "英语",
    "建筑工程技术": "土木工程", "建设工程管理": "工程管理", "工程造价": "工程造价",
}  # fmt: skip
UPGRADE_INSTITUTIONS = {
    "medical": ["湖北医药学院", "湖北科技学院", "湖北中医药大学", "江汉大学", "长江大学", "湖北文理学院"],
    "teaching": ["湖北工程学院", "湖北第二师范学院", "汉江师范学院", "黄冈师范学院", "湖北科技学院"],
    "other": [
        "湖北工程学院", "武汉轻工大学", "湖北经济学院", "湖北文理学院", "湖北理工学院", "荆楚理工学院",
        "江汉大学", "武汉工商学院", "武汉东湖学院", "湖北商贸学院", "文华学院", "武昌理工学院",
    ],
}  # fmt: skip
ABROAD = [("日本", "东京国际日本语学院", "日语"), ("马来西亚", "马来亚大学", "英语预科")]


def _digits(text: str, salt: str, count: int) -> str:
    digest = hashlib.sha256(f"{salt}:{text}".encode()).hexdigest()
    return "".join(str(int(ch, 16) % 10) for ch in digest)[:count]


def organisation_code(name: str) -> str:
    """A GB 11714 organisation code (8 digits and a check character) derived from the name."""
    body = _digits(name, "org", 8)
    total = sum(int(d) * w for d, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(name: str, kind: str, region: str) -> str:
    """A 统一社会信用代码 (GB 32100) for an employer: registration authority and type, region, organisation code
    and check character. ``kind``: "91" enterprise, "11" 机关, "12" 事业单位, "52" 民办非企业单位."""
    first17 = kind + region + organisation_code(name)
    return first17 + credit_code_check_char(first17)


def hubei_home_city(id_number: str) -> str | None:
    return HUBEI_CITY_BY_PREFIX.get(id_number[:6]) or HUBEI_CITY_BY_PREFIX.get(id_number[:4])


def _county(rng: random.Random, city: str) -> tuple[str, str]:
    if city in COUNTIES:
        return rng.choice(COUNTIES[city])
    return city, CITY_CODES[city]


def _short(city: str) -> str:
    return city.removesuffix("市") if len(city) > 2 and city.endswith("市") else city[:2]


def employer(
    rng: random.Random, *, city: str, nature: str, industry: str, major_group: str
) -> tuple[str, str]:
    """A made-up employer (name, credit code) in ``city`` of this unit nature and industry."""
    if nature == "23":
        place, region = _county(rng, city)
        if major_group == "dental" and rng.random() < 0.5:
            name = f"{_short(city)}市口腔医院" if city.endswith("市") else f"{place}口腔医院"
        elif major_group == "medtech" and rng.random() < 0.2:
            name = f"{place}康复医院"
        else:
            suffix = rng.choice(HOSPITALS if place == city else HOSPITALS[:3])
            name = f"{place}{suffix}"
        return name, credit_code(name, "12", region)
    if nature == "22":
        place, region = _county(rng, city)
        if major_group == "preschool" or rng.random() < 0.5:
            name = f"{place}{rng.choice(['实验', '机关', '第一', '第二', '城关', '中心'])}幼儿园"
        else:
            name = f"{place}第{rng.choice('一二三四五六')}中学"
        return name, credit_code(name, "12", region)
    if nature == "21":
        name = rng.choice(["湖北职业技术学院", "湖北工程学院"])
        return name, credit_code(name, "12", "420900")
    if nature == "20":
        name = "孝感市农业科学院"
        return name, credit_code(name, "12", "420900")
    if nature == "10":
        place, region = _county(rng, city)
        name = f"{place}{rng.choice(['人力资源和社会保障局', '市场监督管理局', '政务服务和大数据管理局'])}"
        return name, credit_code(name, "11", region)
    if nature == "29":
        place, region = _county(rng, city)
        name = f"{place}{rng.choice(['社会福利院', '公共就业和人才服务中心', '文化馆', '养老服务中心'])}"
        return name, credit_code(name, "12", region)
    if nature == "56":
        place, _region = _county(rng, city)
        return f"{place}{rng.choice(COMMUNITY_NAMES)}社区居民委员会", ""
    if nature == "55":
        place, _region = _county(rng, city)
        return f"{place}{rng.choice(VILLAGE_NAMES)}村村民委员会", ""
    if nature == "31":
        place, region = _county(rng, city)
        name = f"{place}{STATE_OWNED.get(industry, '国有资产经营有限公司')}"
        return name, credit_code(name, "91", region)
    if nature == "99":
        place, region = _county(rng, city)
        name = f"{place}{rng.choice(BRANDS)}{rng.choice(['康复服务中心', '托育服务中心', '职业培训学校'])}"
        return name, credit_code(name, "52", region)
    # 39 其他企业 and 32 三资企业 (and a 自主创业 company)
    business = rng.choice(BUSINESS.get(industry, ["商务服务"]))
    brand = rng.choice(BRANDS)
    if nature == "32":
        name = f"{brand}{business}（{_short(city)}）有限公司"
    elif business in ("口腔门诊部", "诊所"):
        name = f"{_short(city)}{brand}{business}"
    else:
        name = f"{_short(city)}{brand}{business}有限公司"
    return name, credit_code(name, "91", CITY_CODES[city])


# Job titles: by the group of the graduate's major where the industry is that group's own, else by industry.
TITLES_BY_GROUP = {
    "nursing": ["护士", "护士", "助产士", "护理员"],
    "dental": ["口腔医生助理", "口腔护士", "口腔技师"],
    "clinical": ["临床医师助理", "乡村医生", "医师助理"],
    "medtech": ["检验技师", "影像技师", "康复治疗师", "技师"],
    "pharmacy": ["药剂员", "执业药师助理", "药品销售代表"],
    "beauty": ["美容师", "化妆师", "形象设计师"],
    "preschool": ["幼儿教师", "保育员", "早教老师"],
    "business": ["会计", "出纳", "电商运营", "物流专员", "销售专员", "客服专员"],
    "mech": ["数控操作员", "机电技术员", "设备维护员", "电工", "质检员", "模具技术员"],
    "auto": ["汽车维修技师", "汽车销售顾问", "售后服务顾问"],
    "it": ["网络管理员", "软件测试员", "前端开发工程师", "运维工程师", "技术支持"],
    "tourism": ["酒店前台", "客房服务员", "面点师", "导游", "旅游顾问"],
    "build": ["施工员", "资料员", "造价员", "测量员", "安全员"],
    "design": ["平面设计师", "广告设计师", "室内设计助理"],
}  # fmt: skip
TITLES_BY_INDUSTRY = {
    "45": ["社区工作者", "综合服务岗", "办事员"], "35": ["银行柜员", "客户经理"], "37": ["人事专员", "客服专员"],
    "32": ["物流专员", "仓储管理员"], "31": ["销售专员", "店长助理"], "34": ["技术支持", "运营专员"],
    "42": ["教师", "课程顾问"], "43": ["医务助理", "健康管理师"], "41": ["服务顾问", "店员"],
    "44": ["活动策划", "运营专员"], "33": ["前台接待", "餐饮服务员"], "22": ["操作员", "质检员"],
    "24": ["施工员", "资料员"], "38": ["检测员", "技术员"], "36": ["物业管理员", "置业顾问"],
    "11": ["技术员"], "23": ["运维员"], "39": ["技术员"], "21": ["技术员"],
}  # fmt: skip
GROUP_INDUSTRIES = {
    "nursing": {"43"}, "dental": {"43"}, "clinical": {"43"}, "medtech": {"43", "38"}, "pharmacy": {"43", "31", "22"},
    "beauty": {"41", "43", "44"}, "preschool": {"42"}, "business": {"31", "35", "37", "32", "36"},
    "mech": {"22", "23"}, "auto": {"41", "31"}, "it": {"34"}, "tourism": {"33", "44"},
    "build": {"24", "36", "38"}, "design": {"44", "37"},
}  # fmt: skip
FREELANCE_TITLES = [
    "网店店主",
    "自媒体运营",
    "平面设计（自由职业）",
    "化妆师（自由职业）",
    "摄影师",
    "家教",
    "主播",
]


def job_title(rng: random.Random, *, major_group: str, industry: str, major: str) -> str:
    if industry in GROUP_INDUSTRIES.get(major_group, ()):
        titles = TITLES_BY_GROUP[major_group]
        if major_group == "nursing":
            return "助产士" if major == "助产" else rng.choice(["护士", "护士", "护理员"])
        return rng.choice(titles)
    return rng.choice(TITLES_BY_INDUSTRY.get(industry, ["职员"]))


def upgrade_institution(rng: random.Random, *, major: str, major_group: str) -> tuple[str, str]:
    programme = UPGRADE_PROGRAMMES[major]
    if major_group in ("nursing", "dental", "clinical", "medtech", "pharmacy") or programme == "护理学":
        pool = UPGRADE_INSTITUTIONS["medical"]
    elif major_group == "preschool":
        pool = UPGRADE_INSTITUTIONS["teaching"]
    else:
        pool = UPGRADE_INSTITUTIONS["other"]
    return rng.choice(pool), programme

"""Plausible Chinese names, drawn from a seeded ``random.Random`` so the same seed gives the same people."""

import random

# Common surnames with rough relative frequencies (the national top 100, a little heavier on names common in
# 湖北: 胡, 余, 程, 汪, 熊, 万, 邓).
SURNAMES = {
    "王": 71, "李": 70, "张": 68, "刘": 60, "陈": 50, "杨": 31, "黄": 24, "赵": 20, "吴": 20, "周": 22,
    "徐": 16, "孙": 14, "马": 13, "朱": 13, "胡": 18, "郭": 11, "何": 12, "高": 11, "林": 10, "罗": 11,
    "郑": 9, "梁": 8, "谢": 8, "宋": 7, "唐": 7, "许": 7, "韩": 6, "冯": 6, "邓": 9, "曹": 6,
    "彭": 9, "曾": 6, "肖": 8, "田": 6, "董": 5, "袁": 5, "潘": 5, "于": 5, "蒋": 5, "蔡": 5,
    "余": 8, "杜": 4, "叶": 5, "程": 7, "苏": 4, "魏": 4, "吕": 4, "丁": 4, "任": 4, "沈": 4,
    "姚": 4, "卢": 4, "姜": 3, "崔": 3, "钟": 3, "谭": 4, "陆": 3, "汪": 6, "范": 3, "金": 3,
    "石": 3, "廖": 3, "贾": 3, "夏": 4, "韦": 3, "付": 3, "方": 4, "白": 2, "邹": 3, "孟": 2,
    "熊": 6, "秦": 2, "邱": 2, "江": 3, "尹": 2, "薛": 2, "闫": 2, "段": 2, "雷": 3, "侯": 2,
    "龙": 2, "史": 2, "陶": 2, "黎": 2, "贺": 2, "顾": 2, "毛": 2, "郝": 2, "龚": 3, "邵": 2,
    "万": 4, "钱": 2, "严": 2, "覃": 2, "武": 2, "戴": 2, "莫": 1, "孔": 1, "向": 3, "汤": 2,
    "欧阳": 1, "上官": 1,
}  # fmt: skip
_SURNAME_LIST = list(SURNAMES)
_SURNAME_WEIGHTS = list(SURNAMES.values())

# Given names: a first and a second character, or one character alone.
FEMALE_FIRST = "思雨欣佳梦诗晓雅婉紫心可静文嘉玉梓美子慧秀春丽海一若安晨宇巧芷"
FEMALE_SECOND = "婷琪怡悦涵萱妍琳颖雪蕾瑶倩娜洁敏静萍燕芳丹璐月菲琴慧玲霞娟媛馨蓉岚薇茜"
MALE_FIRST = "子浩俊宇文志家嘉明天振建国伟佳晓新永鹏一思博泽昊承立世"
MALE_SECOND = "杰涛伟强磊鹏宇轩豪博航然阳凯斌超峰林龙辉翔飞鑫帆明东成健坤毅勇彬亮"
SINGLE_SHARE = 0.22

# Names of groups that do not use a Chinese surname: (male, female) given names, and a father's name that
# follows after "·" for 维吾尔族 and 哈萨克族.
UYGHUR = (
    ["艾力", "买买提", "阿不都", "吐尔逊", "艾合买提", "阿力木", "努尔艾力", "伊力哈木", "热合曼", "艾克拜尔"],
    ["阿依古丽", "古丽娜尔", "热依拉", "迪丽努尔", "帕提古丽", "米热古丽", "阿依努尔", "祖丽胡玛尔"],
    ["艾力", "买买提", "吐尔逊", "阿不都拉", "热合曼", "艾山", "玉素甫", "卡德尔", "司马义", "阿布来提"],
)  # fmt: skip
KAZAKH = (
    ["叶尔兰", "努尔兰", "别克", "达吾列提", "叶尔江"],
    ["阿依娜", "古丽米拉", "加娜尔", "阿依达娜"],
    ["哈力木", "别克", "努尔兰", "哈那提", "叶尔波拉提"],
)  # fmt: skip
MONGOL = (
    ["巴特尔", "额尔敦", "苏和", "宝音", "朝鲁", "那日苏"],
    ["其其格", "乌云", "萨仁", "娜仁", "塔娜", "高娃"],
)
TIBETAN = (["扎西", "次仁", "多吉", "平措", "旺堆", "达瓦"], ["卓玛", "拉姆", "央金", "措姆", "德吉", "曲珍"])


def _han(rng: random.Random, female: bool) -> tuple[str, str]:
    surname = rng.choices(_SURNAME_LIST, weights=_SURNAME_WEIGHTS)[0]
    first, second = (FEMALE_FIRST, FEMALE_SECOND) if female else (MALE_FIRST, MALE_SECOND)
    if rng.random() < SINGLE_SHARE:
        return surname, rng.choice(second)
    a, b = rng.choice(first), rng.choice(second)
    while b == a:
        b = rng.choice(second)
    return surname, a + b


def person_name(rng: random.Random, *, female: bool, ethnicity: str = "汉族") -> tuple[str, str]:
    """(family name, given name); the family name is empty for names without one (阿依古丽·玉素甫)."""
    if ethnicity in ("维吾尔族", "哈萨克族"):
        males, females, fathers = UYGHUR if ethnicity == "维吾尔族" else KAZAKH
        return "", f"{rng.choice(females if female else males)}·{rng.choice(fathers)}"
    if ethnicity == "蒙古族" and rng.random() < 0.5:
        return "", rng.choice(MONGOL[1] if female else MONGOL[0])
    if ethnicity == "藏族":
        first = rng.choice(TIBETAN[0])
        second = rng.choice(TIBETAN[1] if female else [n for n in TIBETAN[0] if n != first])
        return "", first + second
    return _han(rng, female)

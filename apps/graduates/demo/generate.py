"""The demo cohort as plain data: one pure, seeded function builds every graduate, class and staff member.

Nothing here touches the database, so the loader and the import rows (contract §1) come from the same people.
"""

import math
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from apps.refdata import seed_data

from ..validators import id_number_check_digit
from . import data as d
from .names import person_name

IMPORT_HEADERS = (
    "届别", "学号", "姓名", "性别", "身份证号", "民族", "学院", "专业", "班级", "生源地", "学历", "困难生类别",
    "建档立卡", "贫困县", "手机号", "电子邮箱",
)  # fmt: skip
GENDER_LABELS = {"M": "男", "F": "女"}
PROVINCE_CODES = {name: code for code, name in seed_data.PROVINCES}
EDUCATION_NAME = dict(seed_data.EDUCATION_LEVELS)[d.EDUCATION_CODE]


@dataclass(frozen=True)
class DemoGraduate:
    student_no: str
    family_name: str
    given_name: str
    gender: str  # "M" or "F", as Graduate.gender stores it
    id_number: str
    ethnicity: str
    college: str
    major: str
    class_name: str
    origin: str
    hardship_category: str
    registered_poor: bool
    poverty_county: bool
    phone: str
    email: str

    @property
    def name(self) -> str:
        return self.family_name + self.given_name

    def as_import_row(self) -> dict[str, str]:
        yes_no = {True: "是", False: "否"}
        values = (
            str(d.COHORT_YEAR), self.student_no, self.name, GENDER_LABELS[self.gender], self.id_number,
            self.ethnicity, self.college, self.major, self.class_name, self.origin, EDUCATION_NAME,
            self.hardship_category, yes_no[self.registered_poor], yes_no[self.poverty_county], self.phone,
            self.email,
        )  # fmt: skip
        return dict(zip(IMPORT_HEADERS, values, strict=True))


@dataclass(frozen=True)
class DemoClass:
    college: str
    major: str
    name: str
    size: int


@dataclass(frozen=True)
class DemoStaff:
    username: str
    family_name: str
    given_name: str
    college: str = ""
    classes: tuple[tuple[str, str], ...] = ()  # (major, class name)


@dataclass(frozen=True)
class DemoCohort:
    graduates: tuple[DemoGraduate, ...]
    classes: tuple[DemoClass, ...]
    counsellors: tuple[DemoStaff, ...]
    college_officers: tuple[DemoStaff, ...]
    admin: DemoStaff
    centre: DemoStaff


@dataclass
class _Profile:
    """Who a graduate is before they are placed in a major: origin, ethnicity, hardship."""

    origin: str
    ethnicity: str
    registered_poor: bool = False
    poverty_county: bool = False
    hardship_category: str = d.NON_HARDSHIP_CATEGORY


def class_sizes(graduates: int) -> list[int]:
    """Balanced classes of about CLASS_TARGET, at most CLASS_MAX, at least CLASS_MIN where a split allows it.

    A major of 51-59 cannot be cut into classes of 30-50: it gets two classes a little under 30.
    """
    fewest = max(1, math.ceil(graduates / d.CLASS_MAX))
    most = max(1, graduates // d.CLASS_MIN)
    count = min(max(round(graduates / d.CLASS_TARGET), fewest), most) if fewest <= most else fewest
    return [graduates // count + (1 if i < graduates % count else 0) for i in range(count)]


def _chunks(items: list, per_chunk: int) -> list[list]:
    """Split into ceil(n / per_chunk) runs as even as possible, keeping the order."""
    count = max(1, math.ceil(len(items) / per_chunk))
    sizes = [len(items) // count + (1 if i < len(items) % count else 0) for i in range(count)]
    out, start = [], 0
    for size in sizes:
        out.append(items[start : start + size])
        start += size
    return out


def _profiles(rng: random.Random) -> list[_Profile]:
    minorities = Counter()
    profiles: list[_Profile] = []
    for ethnicity, places in d.MINORITIES:
        for origin, count in places:
            profiles += [_Profile(origin, ethnicity) for _ in range(count)]
            minorities[origin] += count
    for origin, count in d.ORIGINS:
        if minorities[origin] > count:
            raise ValueError(f"{origin}: more minority graduates than graduates")
        profiles += [_Profile(origin, d.MAJORITY_ETHNICITY) for _ in range(count - minorities[origin])]

    group: list[_Profile] = []
    for origin, count in d.HARDSHIP_BY_ORIGIN:
        chosen = rng.sample([p for p in profiles if p.origin == origin], count)
        for profile in chosen:
            if origin in d.POVERTY_COUNTY_PREFIXES:
                draw = rng.random()
                profile.poverty_county = draw < 0.75
                profile.registered_poor = draw >= 0.4
            else:
                profile.registered_poor = True
        group += chosen
    categories = [name for name, count in d.HARDSHIP_CATEGORY_COUNTS for _ in range(count)]
    for profile, category in zip(rng.sample(group, len(categories)), categories, strict=True):
        profile.hardship_category = category
    rng.shuffle(profiles)
    return profiles


def _region(rng: random.Random, profile: _Profile) -> str:
    if profile.poverty_county:
        return rng.choice(d.POVERTY_COUNTY_PREFIXES[profile.origin])
    ethnic = d.ETHNIC_REGION_PREFIXES.get((profile.ethnicity, profile.origin))
    if ethnic:
        return rng.choice(ethnic)
    if profile.origin == "湖北省" and rng.random() < d.HOME_SHARE:
        return rng.choice(d.HOME_PREFIXES)
    return rng.choice(d.REGION_PREFIXES[profile.origin])


def _id_number(rng: random.Random, region: str, female: bool, taken: set[str]) -> str:
    years = list(d.BIRTH_YEAR_WEIGHTS)
    while True:
        year = rng.choices(years, weights=list(d.BIRTH_YEAR_WEIGHTS.values()))[0]
        birth = date(year, 1, 1) + timedelta(
            days=rng.randrange((date(year + 1, 1, 1) - date(year, 1, 1)).days)
        )
        sex_digit = rng.choice("02468" if female else "13579")
        first17 = f"{region}{birth:%Y%m%d}{rng.randrange(100):02d}{sex_digit}"
        number = first17 + id_number_check_digit(first17)
        if number not in taken:
            taken.add(number)
            return number


def _phone(rng: random.Random, taken: set[str]) -> str:
    while True:
        phone = rng.choice(d.PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if phone not in taken:
            taken.add(phone)
            return phone


def _email(rng: random.Random, phone: str) -> str:
    draw = rng.random()
    if draw < 0.5:
        return f"{rng.randint(100_000_000, 3_999_999_999)}@qq.com"
    if draw < 0.62 and phone:
        return f"{phone}@163.com"
    return ""


def _staff(rng: random.Random, username: str, **fields) -> DemoStaff:
    family, given = person_name(rng, female=rng.random() < 0.55)
    return DemoStaff(username, family, given, **fields)


def student_number(college_code: str, major_no: int, class_no: int, seat: int) -> str:
    """学号: intake year, college, major within the college, class, seat: 12 digits (201705010101)."""
    return f"{d.ENROLMENT_YEAR}{college_code}{major_no:02d}{class_no:02d}{seat:02d}"


def counsellor_username(college_code: str, number: int) -> str:
    return f"fdy{college_code}{number:02d}"


def college_officer_username(college_code: str) -> str:
    return f"xy{college_code}"


@lru_cache(maxsize=1)
def build_demo_cohort() -> DemoCohort:
    """The 5,098 graduates of the seed's 2020 cohort, their classes and staff; the same on every call."""
    rng = random.Random(d.RANDOM_SEED)
    profiles = iter(_profiles(rng))
    ids: set[str] = set()
    phones: set[str] = set()
    graduates: list[DemoGraduate] = []
    classes: list[DemoClass] = []
    for college, college_code, majors in d.COLLEGES:
        for major_no, (major, count, women) in enumerate(majors, start=1):
            female_slots = set(rng.sample(range(count), women))
            slot = 0
            for class_no, size in enumerate(class_sizes(count), start=1):
                class_name = f"{d.ENROLMENT_YEAR}级{major}{class_no}班"
                classes.append(DemoClass(college, major, class_name, size))
                for seat in range(1, size + 1):
                    profile = next(profiles)
                    female = slot in female_slots
                    slot += 1
                    family, given = person_name(rng, female=female, ethnicity=profile.ethnicity)
                    id_number = _id_number(rng, _region(rng, profile), female, ids)
                    phone = _phone(rng, phones) if rng.random() < d.PHONE_SHARE else ""
                    graduates.append(
                        DemoGraduate(
                            student_no=student_number(college_code, major_no, class_no, seat),
                            family_name=family,
                            given_name=given,
                            gender="F" if female else "M",
                            id_number=id_number,
                            ethnicity=profile.ethnicity,
                            college=college,
                            major=major,
                            class_name=class_name,
                            origin=profile.origin,
                            hardship_category=profile.hardship_category,
                            registered_poor=profile.registered_poor,
                            poverty_county=profile.poverty_county,
                            phone=phone,
                            email=_email(rng, phone),
                        )
                    )
    if next(profiles, None) is not None:
        raise ValueError("表 1-2 and 1.2.2 disagree on the number of graduates")

    # Staff come from their own stream so that changing the graduates does not rename them.
    staff_rng = random.Random(d.RANDOM_SEED + 1)
    counsellors: list[DemoStaff] = []
    officers: list[DemoStaff] = []
    for college, college_code, _majors in d.COLLEGES:
        officers.append(_staff(staff_rng, college_officer_username(college_code), college=college))
        own = [(c.major, c.name) for c in classes if c.college == college]
        for number, chunk in enumerate(_chunks(own, d.CLASSES_PER_COUNSELLOR), start=1):
            username = counsellor_username(college_code, number)
            counsellors.append(_staff(staff_rng, username, college=college, classes=tuple(chunk)))
    return DemoCohort(
        graduates=tuple(graduates),
        classes=tuple(classes),
        counsellors=tuple(counsellors),
        college_officers=tuple(officers),
        admin=_staff(staff_rng, d.ADMIN_USERNAME),
        centre=_staff(staff_rng, d.CENTRE_USERNAME),
    )


def demo_graduate_rows() -> list[dict[str, str]]:
    """The demo graduates as rows of the graduate import workbook (contract §1): Chinese headers, string values."""
    return [graduate.as_import_row() for graduate in build_demo_cohort().graduates]

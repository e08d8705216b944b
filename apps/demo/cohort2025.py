"""The demo's second cohort: 2025 届, on the 2021+ scheme (教学厅函〔2021〕19号), so every page, the progress
page and the report show both schemes (issue 13, item 8).

About 1,500 graduates over the 2020 demo's colleges and majors (each major at 30% of its 2020 size, at least
one), written the way a centre writes real data: the graduates through the graduate import (contract §1), their
destinations through the destination import (contract §2, twice: the summer's registrations, then the autumn's
changes that supersede some of them), and the open work of the year through the workflow services: plans a
counsellor returned, plans waiting at the counsellor, plans waiting at the college. Pure and seeded up to the
writes; the same on every run.

The mix is this demo's choice, shaped like a 专科 college's year under the 2021+ codes: 专升本 is the largest
升学 and is registered under 80 境内升学 (its sub-code was not found: domain.md); there is no 801 研究生 or 802
第二学士学位, which a 专科 graduate cannot enter directly; 12 其他录用形式 plans carry a monthly pay where the plan
has the field. One private employer takes a dozen graduates of one college, so the report's warning signs show a
crowd (疑似小企业扎堆就业).
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F, OuterRef, ProtectedError, Subquery
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.graduates.demo import data as d
from apps.graduates.demo.names import person_name
from apps.graduates.imports import graduate_import
from apps.graduates.models import ClassGroup, Cohort, Graduate
from apps.graduates.uploads import Table
from apps.graduates.validators import id_number_check_digit
from apps.plans.demo.load import evidence_pdf
from apps.plans.destination_import import COLUMNS, destination_import
from apps.plans.models import DestinationPlan, Evidence, Notification, PlanEvent, PlanStatus, Verification
from apps.refdata import seed_data
from apps.refdata.models import DestinationCode, Industry, Province, UnitNature

from .removal import without_history

YEAR = 2025
SCHEME = "2021"
ENROLMENT_YEAR = 2022
RANDOM_SEED = 20250831
SHARE_OF_2020 = 0.30
IMPORT_HEADERS = (
    "届别", "学号", "姓名", "性别", "身份证号", "民族", "学院", "专业", "班级", "生源地", "学历", "困难生类别",
    "建档立卡", "贫困县", "手机号", "电子邮箱",
)  # fmt: skip

# (code, share of the cohort); 11 takes what rounding leaves.
DESTINATION_SHARES = [
    ("10", 0.08), ("12", 0.12), ("271", 0.005), ("27", 0.003), ("502", 0.007), ("503", 0.005), ("50", 0.002),
    ("512", 0.003), ("519", 0.005), ("51", 0.002), ("46", 0.04), ("75", 0.012), ("76", 0.06), ("80", 0.26),
    ("85", 0.005), ("70", 0.10), ("71", 0.025), ("72", 0.015),
]  # fmt: skip
FILLER_CODE = "11"
WAITING_REASONS = {"70": ["求职中", "签约中", "拟参加公招考试"], "71": ["拟升学"], "72": ["暂不就业"]}
# 专升本 schools in 湖北 (real 本科 institutions that admit 专升本 students), and abroad for 85.
UPGRADE_SCHOOLS = ["湖北工程学院", "湖北文理学院", "江汉大学", "湖北科技学院", "武汉轻工大学", "湖北医药学院"]
ABROAD = [("大阪日本语学院", "日本"), ("首尔语学堂", "韩国")]
WORK_PROVINCES = [
    ("42", 0.72),
    ("44", 0.09),
    ("33", 0.06),
    ("32", 0.04),
    ("31", 0.03),
    ("11", 0.02),
    ("43", 0.04),
]
NATURES = [("39", 0.58), ("31", 0.14), ("23", 0.12), ("29", 0.05), ("22", 0.05), ("32", 0.06)]
INDUSTRIES = ["22", "43", "34", "31", "37", "42", "24", "33"]
CROWD_EMPLOYER = "孝感市鑫诚人力资源服务有限公司"
CROWD_SIZE = 12
MONTHLY_PAY = (2300, 5200)  # yuan, for 12 plans where the plan records pay
SPRING_IMPORT = datetime.date(2025, 3, 10)  # the graduates' records, before any registration
SUMMER = (datetime.date(2025, 4, 1), datetime.date(2025, 8, 31))
AUTUMN = (datetime.date(2025, 9, 10), datetime.date(2025, 12, 20))
CHANGES = 45  # graduates first registered 70 who found work in the autumn
RETURNED, AT_COUNSELLOR, AT_COLLEGE = 20, 15, 10
RETURN_REASON = "劳动合同缺少单位盖章页，请补充后重新提交。"


@dataclass(frozen=True)
class Graduate2025:
    student_no: str
    name: str
    female: bool
    id_number: str
    ethnicity: str
    college: str
    major: str
    class_name: str
    origin: str
    phone: str

    def import_row(self) -> dict[str, str]:
        values = (
            str(YEAR), self.student_no, self.name, "女" if self.female else "男", self.id_number, self.ethnicity,
            self.college, self.major, self.class_name, self.origin, "专科生毕业", "非困难生", "否", "否",
            self.phone, f"{self.phone}@163.com" if self.phone else "",
        )  # fmt: skip
        return dict(zip(IMPORT_HEADERS, values, strict=True))


def _weighted(rng: random.Random, pairs):
    codes, weights = zip(*pairs, strict=True)
    return rng.choices(codes, weights=weights)[0]


def _id_number(rng: random.Random, origin: str, female: bool, taken: set[str]) -> str:
    while True:
        region = rng.choice(d.REGION_PREFIXES[origin])
        birth = datetime.date(2003, 1, 1) + datetime.timedelta(days=rng.randrange(730))
        serial = rng.randrange(0, 500) * 2 + (0 if female else 1)
        body = f"{region}{birth:%Y%m%d}{serial:03d}"
        number = body + id_number_check_digit(body)
        if number not in taken:
            taken.add(number)
            return number


@lru_cache(maxsize=1)
def build_graduates() -> tuple[Graduate2025, ...]:
    rng = random.Random(RANDOM_SEED)
    origins = [
        (name, 0.7 if name == "湖北省" else 0.3 / (len(d.REGION_PREFIXES) - 1)) for name in d.REGION_PREFIXES
    ]
    ids: set[str] = set()
    people = []
    for college, college_code, majors in d.COLLEGES:
        for major_no, (major, count, women) in enumerate(majors, start=1):
            size = max(1, round(count * SHARE_OF_2020))
            per_class = 45
            for seat_no in range(size):
                class_no, seat = divmod(seat_no, per_class)
                female = rng.random() < women / count
                ethnicity = "土家族" if rng.random() < 0.06 else "汉族"
                origin = "湖北省" if ethnicity == "土家族" else _weighted(rng, origins)
                family, given = person_name(rng, female=female, ethnicity=ethnicity)
                phone = f"1{rng.choice(['38', '39', '50', '51', '58', '59', '87', '88', '36', '35'])}{rng.randrange(10**8):08d}"
                people.append(
                    Graduate2025(
                        student_no=f"{ENROLMENT_YEAR}{college_code}{major_no:02d}{class_no + 1:02d}{seat + 1:02d}",
                        name=family + given,
                        female=female,
                        id_number=_id_number(rng, origin, female, ids),
                        ethnicity=ethnicity,
                        college=college,
                        major=major,
                        class_name=f"{ENROLMENT_YEAR}级{major}{class_no + 1}班",
                        origin=origin,
                        phone=phone if rng.random() < 0.95 else "",
                    )
                )
    return tuple(people)


def _date_between(rng: random.Random, span: tuple[datetime.date, datetime.date]) -> datetime.date:
    return span[0] + datetime.timedelta(days=rng.randrange((span[1] - span[0]).days + 1))


def _destination_cells(rng: random.Random, code: str, graduate: Graduate2025) -> dict[str, str]:
    base = code[:2]
    if base in WAITING_REASONS:
        return {"未就业原因": rng.choice(WAITING_REASONS[base])}
    if base == "80":
        return {"单位名称": rng.choice(UPGRADE_SCHOOLS), "单位所在地": "湖北省"}
    if base == "85":
        school, country = rng.choice(ABROAD)
        return {"单位名称": school, "国家或地区": country}
    if base in ("46", "76"):
        return {}
    province = _weighted(rng, WORK_PROVINCES)
    nature = "22" if base in ("50", "51") else _weighted(rng, NATURES)
    name = f"{PROVINCE_CITY.get(province, '')}{rng.choice(FIRMS)}{rng.choice(FIRM_KINDS)}"
    if base == "75":  # an own business: no unit nature (rules.STARTUP_FIELDS)
        return {
            "单位名称": f"{graduate.name[:1]}氏{rng.choice(['网店', '工作室', '商行'])}",
            "单位行业代码": rng.choice(["31", "33", "41"]),
            "单位所在地": PROVINCE_NAMES[province],
        }
    return {
        "单位名称": name,
        "单位性质代码": nature,
        "单位行业代码": "43" if "医" in graduate.major or "护" in graduate.major else rng.choice(INDUSTRIES),
        "单位所在地": PROVINCE_NAMES[province],
    }


PROVINCE_NAMES = {
    "42": "湖北省",
    "44": "广东省",
    "33": "浙江省",
    "32": "江苏省",
    "31": "上海市",
    "11": "北京市",
    "43": "湖南省",
}
PROVINCE_CITY = {
    "42": "孝感市",
    "44": "深圳市",
    "33": "杭州市",
    "32": "苏州市",
    "31": "上海",
    "11": "北京",
    "43": "长沙市",
}
FIRMS = [
    "华信",
    "博远",
    "恒达",
    "楚天",
    "天成",
    "众康",
    "新航",
    "金桥",
    "德润",
    "同创",
    "瑞丰",
    "安和",
    "长青",
    "明德",
]
FIRM_KINDS = [
    "科技有限公司",
    "医疗器械有限公司",
    "健康管理有限公司",
    "教育咨询有限公司",
    "机电设备有限公司",
    "商贸有限公司",
]


@dataclass(frozen=True)
class DemoYear:
    summer_rows: list[dict[str, str]]
    autumn_rows: list[dict[str, str]]
    unregistered: list[str]  # 学号 of graduates with no registered destination (the open work's people)


@lru_cache(maxsize=1)
def build_year() -> DemoYear:
    """Every graduate's destination rows (contract §2): the summer's, then the autumn's changes."""
    rng = random.Random(RANDOM_SEED + 1)
    graduates = list(build_graduates())
    open_work = RETURNED + AT_COUNSELLOR + AT_COLLEGE
    order = list(range(len(graduates)))
    rng.shuffle(order)
    unregistered = sorted(graduates[i].student_no for i in order[:open_work])
    registered = [graduates[i] for i in order[open_work:]]
    counts = {code: round(share * len(graduates)) for code, share in DESTINATION_SHARES}
    counts[FILLER_CODE] = len(registered) - sum(counts.values())
    codes = [code for code, n in counts.items() for _ in range(n)]
    rng.shuffle(codes)
    summer, autumn = [], []
    crowd_college = "护理学院"
    crowd = 0
    for graduate, code in zip(registered, codes, strict=True):
        cells = _destination_cells(rng, code, graduate)
        if code == "11" and graduate.college == crowd_college and crowd < CROWD_SIZE:
            cells |= {
                "单位名称": CROWD_EMPLOYER,
                "单位性质代码": "39",
                "单位行业代码": "37",
                "单位所在地": "湖北省",
            }
            crowd += 1
        day = _date_between(rng, SUMMER if rng.random() < 0.85 else AUTUMN)
        summer.append({"学号": graduate.student_no, "毕业去向代码": code, "审核通过日期": f"{day}", **cells})
    changed = [row for row in summer if row["毕业去向代码"] == "70" and row["审核通过日期"] <= f"{SUMMER[1]}"]
    by_number = {g.student_no: g for g in graduates}
    for row in changed[:CHANGES]:
        graduate = by_number[row["学号"]]
        day = _date_between(rng, AUTUMN)
        autumn.append(
            {
                "学号": row["学号"],
                "毕业去向代码": "11",
                "审核通过日期": f"{day}",
                **_destination_cells(rng, "11", graduate),
            }
        )
    return DemoYear(summer_rows=summer, autumn_rows=autumn, unregistered=unregistered)


class Demo2025Error(Exception):
    pass


def _raise_on_errors(result, what: str) -> None:
    if not result.ok:
        shown = "；".join(f"第 {e.row} 行 {e.column}：{e.message}" for e in result.errors[:5])
        raise Demo2025Error(f"{what}未能导入：{shown}")


def _assign_counsellors() -> None:
    """Each 2022级 class goes to the counsellor of the 2017级 class of the same major and number, so the demo
    accounts see both cohorts in their scope (fdy0501 has 护理1-4班 of both years)."""
    new = {
        (c.major_id, c.name.removeprefix(f"{ENROLMENT_YEAR}级")): c
        for c in ClassGroup.objects.filter(name__startswith=f"{ENROLMENT_YEAR}级")
    }
    through = User.classes.through
    links = []
    for link in through.objects.filter(classgroup__name__startswith=f"{d.ENROLMENT_YEAR}级").select_related(
        "classgroup"
    ):
        key = (link.classgroup.major_id, link.classgroup.name.removeprefix(f"{d.ENROLMENT_YEAR}级"))
        if key in new:
            links.append(through(user_id=link.user_id, classgroup_id=new[key].pk))
    through.objects.bulk_create(links, ignore_conflicts=True)


def _open_work(log) -> dict[str, int]:
    """Plans on their way through review, written by the services as the student and the counsellor act."""
    from apps.plans.services import evidence_add, plan_save_draft, plan_transition
    from apps.plans.workflow import Action

    unregistered = build_year().unregistered
    graduates = {
        g.student_no: g
        for g in Graduate.objects.filter(student_no__in=unregistered).select_related(
            "user", "class_group__major__college"
        )
    }
    employer = {
        "employer_name": "孝感市中心医院",
        "unit_nature": UnitNature.objects.get(scheme=seed_data.UNIT_NATURE_SCHEME, code="23"),
        "industry": Industry.objects.get(scheme=seed_data.INDUSTRY_SCHEME, code="43"),
        "work_province": Province.objects.get(scheme=seed_data.PROVINCE_SCHEME, code="42"),
        "work_city": "孝感市",
        "job_title": "护士",
        "contract_type": "labour",
        "destination": DestinationCode.objects.get(scheme=SCHEME, code="11"),
    }
    counts = Counter()
    for position, student_no in enumerate(unregistered):
        graduate = graduates[student_no]
        student = graduate.user
        plan = plan_save_draft(graduate=graduate, actor=student, data=employer)
        pdf = evidence_pdf(student_no=student_no, kind="contract", code="11")
        uploaded = SimpleUploadedFile("劳动合同.pdf", pdf, content_type="application/pdf")
        evidence_add(plan=plan, actor=student, kind="contract", uploaded=uploaded)
        plan_transition(plan_id=plan.pk, action=Action.SUBMIT, actor=student)
        counsellor = User.objects.filter(role=Role.COUNSELLOR, classes=graduate.class_group_id).first()
        if position < RETURNED:
            plan_transition(plan_id=plan.pk, action=Action.RETURN, actor=counsellor, comment=RETURN_REASON)
            counts["returned"] += 1
        elif position < RETURNED + AT_COUNSELLOR:
            counts["at_counsellor"] += 1
        else:
            plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=counsellor)
            counts["at_college"] += 1
    log(
        f"2025 届在途方案：退回 {counts['returned']} 份，待辅导员审核 {counts['at_counsellor']} 份，"
        f"待学院审核 {counts['at_college']} 份（通过审核服务写入）"
    )
    return dict(counts)


def _without_notifications(run):
    """Run ``run`` and drop the notifications its services queued for after the commit: a demo loader must not
    mail anybody, and they would land after the demo guard's fingerprint (the load would look like real work).
    Django keeps the queue on the connection; only what ``run`` added is dropped."""
    connection = transaction.get_connection()
    queued = len(connection.run_on_commit)
    result = run()
    del connection.run_on_commit[queued:]
    return result


def _story_times(log) -> None:
    """The imports and services stamp today; in the demo's story the registrations were imported on the day
    they were approved, the autumn changes superseded on theirs, and the open work happened in August 2025."""
    cohort_plans = DestinationPlan.objects.filter(graduate__cohort__year=YEAR)
    registered = cohort_plans.filter(status__in=[PlanStatus.APPROVED, PlanStatus.SUPERSEDED])
    own_approval = DestinationPlan.objects.filter(pk=OuterRef("plan_id")).values("approved_at")[:1]
    successor_approval = DestinationPlan.objects.filter(replaces_id=OuterRef("pk")).values("approved_at")[:1]
    event_successor = DestinationPlan.objects.filter(replaces_id=OuterRef("plan_id")).values("approved_at")[
        :1
    ]
    events = PlanEvent.objects.filter(plan__in=registered)
    events.filter(action="import").update(created_at=Subquery(own_approval))
    events.filter(action="supersede").update(created_at=Subquery(event_successor))
    registered.update(
        created_at=F("approved_at"), updated_at=F("approved_at"), status_changed_at=F("approved_at")
    )
    superseded = registered.filter(status=PlanStatus.SUPERSEDED)
    superseded.update(
        superseded_at=Subquery(successor_approval), status_changed_at=Subquery(successor_approval)
    )
    # The record history too: the graduates came in with the spring's import, a plan's rows at its approval.
    graduate_ids = Graduate.objects.filter(cohort__year=YEAR).values("pk")
    imported_on = timezone.make_aware(datetime.datetime.combine(SPRING_IMPORT, datetime.time(9)))
    Graduate.history.filter(id__in=graduate_ids).update(history_date=imported_on)
    DestinationPlan.history.filter(graduate_id__in=graduate_ids, approved_at__isnull=False).update(
        history_date=F("approved_at")
    )
    plans = cohort_plans.exclude(status__in=[PlanStatus.APPROVED, PlanStatus.SUPERSEDED])
    rng = random.Random(RANDOM_SEED + 2)
    for plan in plans.order_by("pk"):
        day = _date_between(rng, (datetime.date(2025, 8, 10), datetime.date(2025, 8, 28)))
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, rng.randrange(60))))
        events = list(PlanEvent.objects.filter(plan=plan).order_by("pk").values_list("pk", flat=True))
        for step, pk in enumerate(events):
            PlanEvent.objects.filter(pk=pk).update(created_at=start + datetime.timedelta(hours=20 * step))
        last = start + datetime.timedelta(hours=20 * max(len(events) - 1, 0))
        DestinationPlan.objects.filter(pk=plan.pk).update(
            created_at=start, updated_at=last, submitted_at=start, status_changed_at=last
        )
    started = DestinationPlan.objects.filter(pk=OuterRef("id")).values("created_at")[:1]
    DestinationPlan.history.filter(graduate_id__in=graduate_ids, approved_at__isnull=True).update(
        history_date=Subquery(started)
    )
    log("2025 届在途方案的时间按演示情节（2025 年 8 月）记录")


def demo_2025_load(*, centre: User, log=lambda message: None) -> dict[str, int]:
    """Write the 2025 cohort: graduates (§1), destinations (§2, summer then autumn), open work (services)."""
    with transaction.atomic():
        Cohort.objects.get_or_create(year=YEAR, defaults={"destination_scheme": SCHEME})
        graduate_rows = [g.import_row() for g in build_graduates()]
        table = Table.from_dicts(list(IMPORT_HEADERS), graduate_rows)
        _raise_on_errors(graduate_import(rows_source=table, dry_run=False, actor=centre), "2025 届毕业生")
        log(f"2025 届毕业生 {len(graduate_rows)} 人（生源信息导入，contract §1）")
        _assign_counsellors()
        year = build_year()
        for rows, what in ((year.summer_rows, "夏季登记"), (year.autumn_rows, "秋季变更")):
            table = Table.from_dicts(list(COLUMNS), rows)
            _raise_on_errors(
                destination_import(rows_source=table, dry_run=False, actor=centre), f"2025 届{what}"
            )
            log(f"2025 届{what} {len(rows)} 条（去向导入，contract §2）")
        counts = _without_notifications(lambda: _open_work(log))
        _story_times(log)
    return {"graduates": len(graduate_rows), **counts}


def demo_2025_remove(*, log=lambda message: None) -> None:
    """Delete the 2025 cohort the demo wrote: plans with their history and files, graduates, their student
    accounts and classes, the cohort."""
    plans = DestinationPlan.objects.filter(graduate__cohort__year=YEAR)
    graduates = Graduate.objects.filter(cohort__year=YEAR)
    if not graduates.exists():
        return
    log(f"删除 2025 届演示数据：{graduates.count()} 名毕业生及其方案")
    files = list(Evidence.objects.filter(plan__in=plans).values_list("file", flat=True))
    plan_ids = list(plans.values_list("pk", flat=True))
    graduate_ids = list(graduates.values_list("pk", flat=True))
    user_ids = list(graduates.exclude(user=None).values_list("user_id", flat=True))
    try:
        with transaction.atomic(), without_history():
            Verification.objects.filter(plan__in=plans).delete()
            Notification.objects.filter(plan__in=plans).delete()
            Evidence.objects.filter(plan__in=plans).delete()
            PlanEvent.objects.filter(plan__in=plans).delete()
            while plans.exists():
                plans.exclude(pk__in=plans.filter(replaces__isnull=False).values("replaces")).delete()
            DestinationPlan.history.filter(id__in=plan_ids).delete()
            graduates.delete()
            Graduate.history.filter(id__in=graduate_ids).delete()
            Notification.objects.filter(recipient_id__in=user_ids).delete()
            User.objects.filter(pk__in=user_ids, role=Role.STUDENT).delete()
            ClassGroup.objects.filter(name__startswith=f"{ENROLMENT_YEAR}级", graduates=None).delete()
            Cohort.objects.filter(year=YEAR, graduates=None).delete()
    except ProtectedError as error:
        raise Demo2025Error(f"2025 届演示数据仍被其他记录引用（{error.args[0]}）") from error
    storage = Evidence._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in files])


def demo_2025_counts() -> dict[str, int]:
    plans = DestinationPlan.objects.filter(graduate__cohort__year=YEAR)
    return {
        "graduates": Graduate.objects.filter(cohort__year=YEAR).count(),
        "registered": plans.filter(status=PlanStatus.APPROVED).count(),
        "superseded": plans.filter(status=PlanStatus.SUPERSEDED).count(),
        "returned": plans.filter(status=PlanStatus.RETURNED).count(),
        "in_review": plans.filter(status__in=[PlanStatus.SUBMITTED, PlanStatus.COUNSELLOR_APPROVED]).count(),
    }

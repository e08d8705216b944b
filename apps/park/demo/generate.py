"""The demo park as plain data, drawn from a seeded ``random.Random``: the same seed gives the same park.

Nothing here touches the database; ``load`` writes what ``build_demo_park`` returns.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from zoneinfo import ZoneInfo

from apps.graduates.demo.names import person_name

from ..models import (
    ASSESSMENT_CRITERIA,
    PASS_MARK,
    Competition,
    EventSubject,
    FundingResult,
    ReviewStatus,
    Stage,
    TenantStatus,
)
from ..validators import credit_code_check_char
from ..workflow import FundingAction, ReviewAction, TenantAction
from . import data as d

TZ = ZoneInfo("Asia/Shanghai")
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
PHONE_PREFIXES = ("133", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "177", "180",
                  "182", "186", "187", "188", "189", "199")  # fmt: skip
DUTIES = ("运营", "技术", "财务", "设计", "销售", "客服")


@dataclass(frozen=True)
class DemoUnit:
    site: str
    code: str
    area: Decimal
    meter_no: str


@dataclass
class DemoTenant:
    number: int
    company_name: str
    credit_code: str
    industry_code: str
    business: str
    leader_name: str
    leader_phone: str
    unit_codes: tuple[str, ...]
    applied_on: datetime.date
    move_in_on: datetime.date | None
    lease_ends_on: datetime.date | None
    jobs_created: int
    status: str
    status_changed_at: datetime.datetime
    exited_on: datetime.date | None = None
    exit_reason: str = ""
    username: str | None = None
    team: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class DemoSubmission:
    number: int
    key: datetime.date  # report: the month; resumption: the planned day
    fields: dict
    status: str
    submitted_at: datetime.datetime
    reviewed_at: datetime.datetime | None
    review_comment: str


@dataclass(frozen=True)
class DemoPass:
    number: int
    holder_name: str
    holder_phone: str
    card_no: str
    valid_from: datetime.date
    valid_to: datetime.date


@dataclass(frozen=True)
class DemoPatrol:
    site: str
    number: int | None
    patrolled_on: datetime.date
    findings: str
    hazard: bool
    follow_up: str
    resolved_on: datetime.date | None


@dataclass(frozen=True)
class DemoReading:
    unit_code: str
    read_on: datetime.date
    reading: Decimal


@dataclass(frozen=True)
class DemoAssessment:
    number: int
    year: int
    scores: dict[str, int]
    total: int
    passed: bool
    assessed_on: datetime.date
    comment: str


@dataclass(frozen=True)
class DemoFunding:
    number: int
    team_name: str
    result: str
    amount_granted: Decimal | None


@dataclass(frozen=True)
class DemoEntry:
    competition: str
    edition: int
    year: int
    track: str
    project_name: str
    leader_name: str
    team_size: int
    stage_reached: str
    awards: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class DemoEvent:
    subject: str
    number: int  # the tenant's demo number
    key: datetime.date | None  # which report (its month); None for the tenant, its resumption or its funding
    action: str
    from_status: str
    to_status: str
    by_centre: bool
    at: datetime.datetime
    comment: str = ""


@dataclass
class DemoPark:
    units: list[DemoUnit]
    tenants: list[DemoTenant]
    reports: list[DemoSubmission]
    resumptions: list[DemoSubmission]
    passes: list[DemoPass]
    patrols: list[DemoPatrol]
    readings: list[DemoReading]
    assessments: list[DemoAssessment]
    funding: list[DemoFunding]
    entries: list[DemoEntry]
    events: list[DemoEvent]


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _add_years(day: datetime.date, years: int) -> datetime.date:
    return (
        day.replace(year=day.year + years)
        if not (day.month == 2 and day.day == 29)
        else day.replace(year=day.year + years, day=28)
    )


def _random_day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + _days(rng.randrange((last - first).days + 1))


def _name(rng: random.Random) -> str:
    family, given = person_name(rng, female=rng.random() < 0.5)
    return family + given


def _phone(rng: random.Random, taken: set[str]) -> str:
    while True:
        phone = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if phone not in taken:
            taken.add(phone)
            return phone


def _credit_code(rng: random.Random, sole_trader: bool, taken: set[str]) -> str:
    while True:
        body = "".join(rng.choice(CREDIT_CHARS) for _ in range(6))
        first17 = f"{'92' if sole_trader else '91'}{d.CREDIT_REGION}MA4{body}"
        code = first17 + credit_code_check_char(first17)
        if code not in taken:
            taken.add(code)
            return code


def _spread(rng: random.Random, count: int, total: int, low: int, high: int) -> list[int]:
    """``count`` integers in [low, high] that add up to ``total`` (drawn, then nudged one at a time)."""
    values = [rng.randint(low, high) for _ in range(count)]
    index = 0
    while (gap := total - sum(values)) != 0:
        step = 1 if gap > 0 else -1
        if low <= values[index] + step <= high:
            values[index] += step
        index = (index + 1) % count
    return values


def _units(rng: random.Random) -> list[DemoUnit]:
    raw = []
    for site_no, (site, _location, prefix, count) in enumerate(d.SITES, start=1):
        for n in range(1, count + 1):
            code = f"{prefix}-{n:02d}" if site_no == 1 else f"{prefix}-{100 + n}"
            raw.append((site, code, f"DB{site_no}{n:03d}", rng.randint(*d.UNIT_AREA_RANGE)))
    scale = d.TOTAL_AREA / sum(area for *_, area in raw)
    areas = [(Decimal(area) * scale).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) for *_, area in raw]
    areas[-1] += d.TOTAL_AREA - sum(areas)  # the rounding remainder, so the sites add up exactly
    return [
        DemoUnit(site, code, area, meter) for (site, code, meter, _), area in zip(raw, areas, strict=True)
    ]


def _score(rng: random.Random, passed: bool) -> tuple[dict[str, int], int]:
    while True:
        share = (0.68, 0.97) if passed else (0.38, 0.56)
        scores = {name: round(maximum * rng.uniform(*share)) for name, _, maximum in ASSESSMENT_CRITERIA}
        total = sum(scores.values())
        if (total >= PASS_MARK) == passed:
            return scores, total


def _tenants(rng, units: list[DemoUnit], events: list[DemoEvent]) -> list[DemoTenant]:
    phones: set[str] = set()
    codes: set[str] = set()
    jobs = _spread(rng, d.ACTIVE_TENANTS, d.JOBS_CREATED, *d.JOBS_RANGE)
    unit_iter = iter(u.code for u in units if u.code not in d.FREE_UNITS)
    tenants = []
    for number, (company, business, industry) in enumerate(d.COMPANIES, start=1):
        sole = company.endswith(d.SOLE_TRADER_SUFFIXES)
        credit = "" if number in d.UNREGISTERED else _credit_code(rng, sole, codes)
        leader = d.FUNDED_LEADERS.get(number) or _name(rng)
        phone = _phone(rng, phones)
        team = [(leader, "负责人", phone)] + [
            (_name(rng), rng.choice(DUTIES), _phone(rng, phones)) for _ in range(rng.randint(1, 3))
        ]
        tenant = DemoTenant(
            number=number, company_name=company, credit_code=credit, industry_code=industry, business=business,
            leader_name=leader, leader_phone=phone, unit_codes=(), applied_on=d.AS_OF, move_in_on=None,
            lease_ends_on=None, jobs_created=0, status=TenantStatus.APPLIED, status_changed_at=at(d.AS_OF), team=team,
        )  # fmt: skip
        if number <= d.ACTIVE_TENANTS:
            last = datetime.date(2019, 12, 31) if number in d.FUNDING_APPLICANTS else d.MOVE_IN_RANGE[1]
            tenant.move_in_on = _random_day(rng, d.MOVE_IN_RANGE[0], last)
            held = 2 if number in d.TWO_UNIT_TENANTS else 1
            tenant.unit_codes = tuple(next(unit_iter) for _ in range(held))
            tenant.jobs_created = jobs[number - 1]
            tenant.username = d.TENANT_USERNAME.format(number=number)
        elif number in d.EXITED:
            tenant.move_in_on = d.EXITED_MOVE_IN + _days(number - d.EXITED[0])
            tenant.jobs_created = 2 + number - d.EXITED[0]
        tenants.append(tenant)
    # The two companies that left held units that have stayed empty since.
    for tenant, code in zip([t for t in tenants if t.number in d.EXITED], d.EXITED_UNITS, strict=True):
        tenant.unit_codes = (code,)
    for tenant in tenants:
        _admission_history(rng, tenant, events)
    return tenants


def _admission_history(rng, tenant: DemoTenant, events: list[DemoEvent]) -> None:
    def event(action, from_status, to_status, when, comment=""):
        events.append(
            DemoEvent(
                EventSubject.TENANT, tenant.number, None, action, from_status, to_status, True, when, comment
            )
        )

    T = TenantStatus
    if tenant.move_in_on is None:  # an application of December 2020
        tenant.applied_on = (
            datetime.date(2020, 12, 1) if tenant.number == d.APPLIED else datetime.date(2020, 11, 20)
        )
        event(TenantAction.APPLY, "", T.APPLIED, at(tenant.applied_on, 10))
        tenant.status_changed_at = at(tenant.applied_on, 10)
        if tenant.number == d.UNDER_REVIEW:
            reviewed = at(tenant.applied_on + _days(4), 14)
            event(TenantAction.REVIEW, T.APPLIED, T.UNDER_REVIEW, reviewed)
            tenant.status, tenant.status_changed_at = T.UNDER_REVIEW, reviewed
        return
    tenant.applied_on = tenant.move_in_on - _days(rng.randint(30, 60))
    event(TenantAction.APPLY, "", T.APPLIED, at(tenant.applied_on, 10))
    event(TenantAction.REVIEW, T.APPLIED, T.UNDER_REVIEW, at(tenant.applied_on + _days(3), 15))
    admitted = at(tenant.move_in_on - _days(7), 16)
    event(TenantAction.ADMIT, T.UNDER_REVIEW, T.ADMITTED, admitted)
    tenant.status, tenant.status_changed_at = T.ADMITTED, admitted
    lease_end = _add_years(tenant.move_in_on, d.LEASE_YEARS) - _days(1)
    if tenant.number in d.EXITED:
        tenant.lease_ends_on = lease_end
        marked = at(d.ASSESSED_2019_ON, 16)
        event(
            TenantAction.MARK_FOR_EXIT, T.ADMITTED, T.MARKED_FOR_EXIT, marked, _failed_comment(tenant, 2019)
        )
        tenant.exited_on = d.EXITED_ON
        tenant.exit_reason = "2019 年度综合考评不合格，予以淘汰，场地收回。"
        event(TenantAction.EXIT, T.MARKED_FOR_EXIT, T.EXITED, at(d.EXITED_ON, 10), tenant.exit_reason)
        tenant.status, tenant.status_changed_at = T.EXITED, at(d.EXITED_ON, 10)
        return
    if lease_end < d.RENEWED_TO and lease_end < datetime.date(2021, 1, 1):
        event(
            TenantAction.RENEW,
            T.ADMITTED,
            T.ADMITTED,
            at(lease_end - _days(15), 11),
            f"续租至 {d.RENEWED_TO}",
        )
        lease_end = d.RENEWED_TO
    tenant.lease_ends_on = lease_end
    if tenant.number in d.FAILED_2020:
        marked = at(d.ASSESSED_2020_ON, 16)
        event(
            TenantAction.MARK_FOR_EXIT, T.ADMITTED, T.MARKED_FOR_EXIT, marked, _failed_comment(tenant, 2020)
        )
        tenant.status, tenant.status_changed_at = T.MARKED_FOR_EXIT, marked


@cache
def _assessment_scores() -> dict[tuple[int, int], tuple[dict[str, int], int]]:
    rng = random.Random(d.RANDOM_SEED + 1)
    scores = {}
    for number in range(1, len(d.COMPANIES) + 1):
        for year in (2019, 2020):
            failed = number in (d.EXITED if year == 2019 else d.FAILED_2020)
            scores[(number, year)] = _score(rng, passed=not failed)
    return scores


def _failed_comment(tenant: DemoTenant, year: int) -> str:
    total = _assessment_scores()[(tenant.number, year)][1]
    return f"{year} 年度综合考评不合格（{total} 分，合格线 {PASS_MARK} 分），列入清退。"


def _assessments(tenants: list[DemoTenant]) -> list[DemoAssessment]:
    assessments = []
    for tenant in tenants:
        if tenant.move_in_on is None:
            continue
        years = []
        if tenant.move_in_on <= d.ASSESSED_2019_BY:
            years.append((2019, d.ASSESSED_2019_ON))
        if tenant.number <= d.ACTIVE_TENANTS:
            years.append((2020, d.ASSESSED_2020_ON))
        for year, on in years:
            scores, total = _assessment_scores()[(tenant.number, year)]
            passed = total >= PASS_MARK
            comment = "" if passed else "经营停滞，未按要求报送经营报表，安全检查多次整改不到位。"
            assessments.append(DemoAssessment(tenant.number, year, scores, total, passed, on, comment))
    return assessments


def _reports(rng, tenants: list[DemoTenant], events: list[DemoEvent]) -> list[DemoSubmission]:
    reports = []
    for tenant in tenants[: d.ACTIVE_TENANTS]:
        for month in d.REPORT_MONTHS:
            november = month == d.REPORT_MONTHS[-1]
            if november and tenant.number in d.NOVEMBER_MISSING:
                continue
            next_month = (month + _days(32)).replace(day=1)
            submitted = at(next_month + _days(rng.randint(1, 8)), 10, rng.randrange(60))
            staff = tenant.jobs_created
            fields = {
                "revenue": Decimal(rng.randrange(50, 1500) * 100),
                "staff": staff,
                "graduates_employed": rng.randint(1, staff),
                "note": "经营正常。",
            }
            status, reviewed, comment = ReviewStatus.APPROVED, submitted + _days(rng.randint(1, 3)), ""
            if november and tenant.number in d.NOVEMBER_WAITING:
                status, reviewed = ReviewStatus.SUBMITTED, None
            elif november and tenant.number in d.NOVEMBER_RETURNED:
                status, comment = ReviewStatus.RETURNED, "营业收入与上月差异较大，请核实后重新填报。"
            reports.append(DemoSubmission(tenant.number, month, fields, status, submitted, reviewed, comment))
            events.append(
                DemoEvent(EventSubject.REPORT, tenant.number, month, ReviewAction.SUBMIT, "", ReviewStatus.SUBMITTED,
                          False, submitted)
            )  # fmt: skip
            if reviewed is not None:
                action = ReviewAction.APPROVE if status == ReviewStatus.APPROVED else ReviewAction.RETURN
                events.append(
                    DemoEvent(EventSubject.REPORT, tenant.number, month, action, ReviewStatus.SUBMITTED, status,
                              True, reviewed, comment)
                )  # fmt: skip
    return reports


SAFETY_PLAN = (
    "一、成立疫情防控小组，负责人为第一责任人。\n"
    "二、返岗员工 {staff} 人均持健康码绿码，返岗前 14 天无中高风险地区旅居史。\n"
    "三、每日两次测量体温并网上汇报员工身体健康状况，出现发烧、咳嗽、腹泻等情况立即向创业中心报告。\n"
    "四、经营场所每日通风、消毒并做好记录，配备口罩、消毒液和测温枪。\n"
    "五、员工凭《临时出入证》进出园区，谢绝外来无关人员。"
)


def _resumptions(rng, tenants: list[DemoTenant], events: list[DemoEvent]) -> list[DemoSubmission]:
    applications = []
    for tenant in tenants[: d.ACTIVE_TENANTS]:
        if tenant.move_in_on >= d.LOCKDOWN:
            continue
        submitted = at(
            _random_day(rng, datetime.date(2020, 3, 25), datetime.date(2020, 4, 25)), 9, rng.randrange(60)
        )
        planned = submitted.date() + _days(rng.randint(7, 14))
        staff = max(1, tenant.jobs_created - rng.randint(0, 2))
        fields = {
            "planned_on": planned,
            "staff_returning": staff,
            "safety_plan": SAFETY_PLAN.format(staff=staff),
            "contact_phone": tenant.leader_phone,
        }
        S, A = ReviewStatus, ReviewAction

        def event(action, from_status, to_status, when, by_centre, comment="", number=tenant.number):
            events.append(DemoEvent(EventSubject.RESUMPTION, number, None, action, from_status, to_status,
                                    by_centre, when, comment))  # fmt: skip

        event(A.SUBMIT, "", S.SUBMITTED, submitted, False)
        if tenant.number == d.RESUMPTION_RETURNED_ONCE:
            returned = submitted + _days(1)
            event(A.RETURN, S.SUBMITTED, S.RETURNED, returned, True, "请补充每日健康报告和消毒安排。")
            submitted = returned + _days(1)
            event(A.RESUBMIT, S.RETURNED, S.SUBMITTED, submitted, False)
        approved = submitted + _days(rng.randint(1, 3))
        event(A.APPROVE, S.SUBMITTED, S.APPROVED, approved, True)
        applications.append(
            DemoSubmission(tenant.number, planned, fields, S.APPROVED, submitted, approved, "")
        )
    return applications


def _passes(rng, tenants: list[DemoTenant]) -> list[DemoPass]:
    phones: set[str] = set()
    passes = []
    for tenant in tenants[: d.ACTIVE_TENANTS]:
        for _ in range(d.PASSES_PER_TENANT):
            card = f"LS2020{len(passes) + 1:04d}"
            passes.append(
                DemoPass(tenant.number, _name(rng), _phone(rng, phones), card, d.PASS_FROM, d.PASS_TO)
            )
    chosen = rng.sample(range(len(passes)), d.PASSES_EXPIRING + d.PASSES_EXPIRED)
    for position, index in enumerate(chosen):
        end = d.PASS_EXPIRING_TO if position < d.PASSES_EXPIRING else d.PASS_EXPIRED_TO
        p = passes[index]
        passes[index] = DemoPass(p.number, p.holder_name, p.holder_phone, p.card_no, p.valid_from, end)
    return passes


HAZARDS = [
    (datetime.date(2020, 11, 5), "体育馆创业一条街", 6, "操作间违规使用大功率电器。",
     "当场停用，约谈负责人并签订安全用电承诺书。", datetime.date(2020, 11, 5)),
    (datetime.date(2020, 11, 12), "体育馆创业一条街", None, "南区创业一条街空调线路老化，存在安全隐患。",
     "报后勤保障处，配合完成空调线路改造。", datetime.date(2020, 11, 27)),
    (datetime.date(2020, 11, 18), "知行楼一楼", 29, "消防通道堆放纸箱杂物。", "督促当场清理。", datetime.date(2020, 11, 18)),
    (datetime.date(2020, 11, 25), "知行楼一楼", 36, "外来无关人员未持出入证进入园区。",
     "联合保卫处劝离，提醒企业员工凭证进出。", datetime.date(2020, 11, 25)),
    (datetime.date(2020, 12, 3), "体育馆创业一条街", 17, "烤箱电源线破损。", "已要求更换，待复查。", None),
    (datetime.date(2020, 12, 10), "知行楼一楼", 41, "员工身体健康状况未按要求每日网上汇报。",
     "提醒企业负责人按要求每日汇报。", datetime.date(2020, 12, 11)),
]  # fmt: skip
ROUND_OK = "巡察正常：消防通道畅通，无违规用电，企业员工凭证进出。"


def _patrols() -> list[DemoPatrol]:
    hazards = {
        (day, site): (number, findings, follow_up, resolved)
        for day, site, number, findings, follow_up, resolved in HAZARDS
    }
    patrols = []
    day = d.PATROL_FROM
    while day <= d.PATROL_TO:
        if day.weekday() < 5:
            for site, *_ in d.SITES:
                if (day, site) in hazards:
                    number, findings, follow_up, resolved = hazards[(day, site)]
                    patrols.append(DemoPatrol(site, number, day, findings, True, follow_up, resolved))
                else:
                    patrols.append(DemoPatrol(site, None, day, ROUND_OK, False, "", None))
        day += _days(1)
    return patrols


def _readings(rng, units: list[DemoUnit], tenants: list[DemoTenant]) -> list[DemoReading]:
    used = {code for t in tenants[: d.ACTIVE_TENANTS] for code in t.unit_codes}
    readings = []
    for unit in units:
        value = Decimal(rng.randint(20_000, 300_000)) / 10
        readings.append(DemoReading(unit.code, d.READING_DATES[0], value))
        for day in d.READING_DATES[1:]:
            step = rng.randint(1_200, 9_000) if unit.code in used else rng.randint(0, 80)
            value += Decimal(step) / 10
            readings.append(DemoReading(unit.code, day, value))
    return readings


def _funding(events: list[DemoEvent], tenants: list[DemoTenant]) -> list[DemoFunding]:
    by_number = {t.number: t for t in tenants}
    funding = []
    for number in d.FUNDING_APPLICANTS:
        leader = by_number[number].leader_name
        funded = number in d.FUNDED_LEADERS
        result = FundingResult.FUNDED if funded else FundingResult.NOT_FUNDED
        funding.append(DemoFunding(number, f"{leader}团队", result, d.FUNDING_AMOUNT if funded else None))
        events.append(DemoEvent(EventSubject.FUNDING, number, None, FundingAction.APPLY, "", FundingResult.PENDING,
                                False, at(d.FUNDING_APPLIED_ON, 11)))  # fmt: skip
        action = FundingAction.GRANT if funded else FundingAction.DECLINE
        events.append(DemoEvent(EventSubject.FUNDING, number, None, action, FundingResult.PENDING, result, True,
                                at(d.FUNDING_DECIDED_ON, 15)))  # fmt: skip
    return funding


PROJECT_PREFIXES = ("基于物联网的", "基于大数据的", "基于人工智能的", "基于区块链的", "“互联网+”", "基于小程序的",
                    "基于5G的", "绿色", "智慧", "乡村振兴背景下的", "疫情防控背景下的", "基于VR的")  # fmt: skip
PROJECT_DOMAINS = ("社区养老", "校园二手交易", "农产品溯源", "口腔健康管理", "康复训练", "学前教育", "家庭护理",
                   "汽车维修", "物流配送", "非遗文创", "孝文化旅游", "中西面点定制", "智能家居", "垃圾分类",
                   "医学影像辅助诊断", "母婴护理", "电商直播", "会计代账", "工程造价", "机器人编程教育")  # fmt: skip
PROJECT_KINDS = ("服务平台", "系统", "项目", "解决方案", "工作室", "小程序")


def _entries(rng) -> list[DemoEntry]:
    entries = [
        DemoEntry(Competition.INTERNET_PLUS, d.INTERNET_PLUS_EDITION, d.INTERNET_PLUS_YEAR, track, project, leader,
                  size, stage, tuple(awards))
        for leader, project, track, stage, size, awards in d.AWARDED_PROJECTS
    ]  # fmt: skip
    others = d.INTERNET_PLUS_ENTRIES - len(entries)
    students = d.INTERNET_PLUS_STUDENTS - sum(e.team_size for e in entries)
    names = sorted(f"{p}{dom}{k}" for p in PROJECT_PREFIXES for dom in PROJECT_DOMAINS for k in PROJECT_KINDS)
    projects = rng.sample(names, others)
    sizes = _spread(rng, others, students, *d.TEAM_SIZE_RANGE)
    for project, size in zip(projects, sizes, strict=True):
        track = "职教赛道" if rng.random() < 0.7 else "高教主赛道"
        entries.append(
            DemoEntry(Competition.INTERNET_PLUS, d.INTERNET_PLUS_EDITION, d.INTERNET_PLUS_YEAR, track, project,
                      _name(rng), size, Stage.PROVINCIAL_ONLINE)
        )  # fmt: skip
    leader, project, size, year, edition = d.CHUANGYI
    entries.append(
        DemoEntry(Competition.CHUANGYI, edition, year, "", project, leader, size, Stage.PROVINCIAL,
                  ((Competition.CHUANGYI, Stage.CITY, "first_place"), (Competition.CHUANGYI, Stage.PROVINCIAL, "excellent")))
    )  # fmt: skip
    return entries


def build_demo_park() -> DemoPark:
    """The whole demo park; the same every time (one seeded generator, drawn in a fixed order)."""
    rng = random.Random(d.RANDOM_SEED)
    events: list[DemoEvent] = []
    units = _units(rng)
    tenants = _tenants(rng, units, events)
    return DemoPark(
        units=units,
        tenants=tenants,
        reports=_reports(rng, tenants, events),
        resumptions=_resumptions(rng, tenants, events),
        passes=_passes(rng, tenants),
        patrols=_patrols(),
        readings=_readings(rng, units, tenants),
        assessments=_assessments(tenants),
        funding=_funding(events, tenants),
        entries=_entries(rng),
        events=events,
    )

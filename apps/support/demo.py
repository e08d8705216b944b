"""Demo support data for the 2020 cohort (``python manage.py load_demo_support``, after ``load_demo_cohort``).

Seed 4.2.3: a ledger of 510 graduates (建档立卡 and the 52 counties) set up by the survey that followed the
centre's notice of 24 March; 4.2.8: personal plans and jobs recommended first; 4.2.9: 5,551,700 yuan of
one-time job-seeking subsidies. The seed gives only that total, for a subsidy "面向全体毕业生" (for all
graduates). 5,551,700 = 5,047 × 1,100, and for a per-person amount in whole hundreds of yuan 1,100 is the only
choice for a cohort of 5,098 (700 would need 7,931 graduates; the next, 4,900, would pay only 1,133 of them).
So the demo pays 1,100 yuan to 5,047 graduates: 32 did not apply and 19 were refused at the college's review
(this demo's choice), and the 510 of the hardship group were paid first, in the first of three batches.

Everything is seeded (the same data on every machine) and idempotent: each part is written only when it is not
there yet, and nothing is ever deleted without ``reset=True``, which removes this demo's support data of the
cohort and writes it again (``load_demo_support`` also checks the whole database first: apps/demo/guard.py). Case outcomes
follow the destination plans present when the demo runs (employed, or closed for 71/72); without any plan
every case stays open.
"""

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.demo.times import historical_times, story_time
from apps.graduates.demo.accounts import DEMO_ACCOUNTS
from apps.graduates.models import HARDSHIP_GROUP, Cohort, Graduate
from apps.plans.selectors import effective_plans

from .models import (
    ActionKind,
    CaseStatus,
    Eligibility,
    Priority,
    SubsidyApplication,
    SubsidyBatch,
    SubsidyEvent,
    SubsidyScheme,
    SubsidyStatus,
    SupportAction,
    SupportCase,
)
from .selectors import to_fen
from .services import support_cases_open_for
from .subsidies import subsidy_apply, subsidy_pay, subsidy_transition
from .workflow import SubsidyAction

COHORT_YEAR = 2020
RANDOM_SEED = 20200324  # the day of the centre's notice that started the survey (seed 4.2.2)
GROUP_SIZE = 510  # seed 4.2.3
OPENED_ON = datetime.date(2020, 4, 10)  # the ledger was set up by the survey after the 24 March notice
INITIAL_CUTOFF = datetime.date(2020, 8, 31)  # the two counts of the year (domain.md)
FINAL_CUTOFF = datetime.date(2020, 12, 31)
NEGLECTED_SHARE = (
    0.2  # of the cases: nobody called them after the summer (the ledger flags those still looking)
)
CORRECTION_EVERY = 40  # every 40th case has an entry corrected, to show how the log keeps corrections

SCHEME_NAME = "2020届毕业生一次性求职补贴"
SUBSIDY_AMOUNT = Decimal("1100.00")
SUBSIDY_TOTAL = Decimal("5551700.00")  # seed 4.2.9
NOT_APPLIED = 32
REJECTED = 19
SCHEME_SET_UP_ON = datetime.date(2020, 5, 8)
APPLIED_ON = datetime.date(2020, 5, 20)
# The colleges review the paper forms in the fortnight after they are collected, the centre before the first
# batch; the workflow's services stamp "now", so the loader dates its events to these days afterwards.
COLLEGE_REVIEWED_ON = datetime.date(2020, 6, 5)
CENTRE_REVIEWED_ON = datetime.date(2020, 6, 15)
ENTERED_AT = datetime.time(17, 30)  # a day's support entries are typed in at the end of that day
CORRECTED_AFTER = datetime.timedelta(days=3)
REJECT_REASON = "学籍审核未通过：结业，未取得毕业资格"
# (batch, paid on, how many): the hardship group first, then the rest by 学号.
BATCHES = [("第一批", datetime.date(2020, 6, 30), GROUP_SIZE), ("第二批", datetime.date(2020, 7, 31), 2600)]
LAST_BATCH = ("第三批", datetime.date(2020, 8, 28))  # paid before the first count, so 08-31 shows the total

INTENTS = [
    "意向在孝感本地就业", "意向回生源地就业", "意向在武汉就业", "准备专升本，同时求职", "意向参加公招考试",
    "意向基层就业（三支一扶、西部计划）",
]  # fmt: skip
MEASURES = [
    "优先推荐岗位，每月至少推送一次", "班主任每两周电话联系一次", "参加“就业帮扶网络专场招聘会”",
    "辅导简历制作与网络面试技巧", "申报一次性求职补贴", "结对帮扶教师一对一指导",
]  # fmt: skip
# Jobs recommended first (优先推荐岗位), by college code: (employer, position).
JOBS = {
    "01": [("孝感市实验幼儿园", "幼儿教师"), ("武汉童心幼教集团", "保育员"), ("湖北华艺装饰工程有限公司", "设计助理")],
    "02": [("孝感农村商业银行", "柜员"), ("湖北联众会计师事务所", "审计助理"), ("孝感市电子商务产业园", "电商运营")],
    "03": [("孝感市中心医院", "医师助理"), ("孝昌县人民医院", "检验技师"), ("汉川市人民医院", "影像技师")],
    "04": [("孝感口腔医院", "口腔医师助理"), ("武汉存济口腔医院", "口腔护士"), ("孝感市第一人民医院", "口腔科技师")],
    "05": [("孝感市中心医院", "护士"), ("孝感市妇幼保健院", "助产士"), ("安陆市普爱医院", "护士")],
    "06": [("东风汽车股份有限公司", "装配技术员"), ("孝感华工高理电子有限公司", "数控操作工"), ("孝感骏达汽车服务有限公司", "维修技师")],
    "07": [("孝感市电信分公司", "网络维护"), ("湖北省楚天云有限公司", "运维工程师"), ("武汉天喻信息产业股份有限公司", "测试工程师")],
    "08": [("孝感天仙湖大酒店", "前厅接待"), ("武汉万达瑞华酒店", "西点师"), ("孝感双峰山旅游区", "景区讲解员")],
    "09": [("中建三局第一建设工程有限责任公司", "施工员"), ("孝感市建筑设计院", "造价员"), ("孝感城投建设有限公司", "资料员")],
    "10": [("孝感市中医医院", "康复治疗师"), ("武汉市康复医院", "治疗师助理"), ("孝南区社区卫生服务中心", "康复技师")],
}  # fmt: skip
DEFAULT_JOBS = JOBS["05"]
CLOSING_REASONS = {"71": "不就业拟升学（专升本）", "72": "暂不就业"}

Log = Callable[[str], None]


class DemoSupportError(Exception):
    """The demo cannot be written (the cohort, its staff or its numbers are not there)."""


def _quiet(message: str) -> None:
    pass


@dataclass(frozen=True)
class DemoSupportResult:
    cases_opened: int
    history_written: bool
    subsidies_written: bool
    seconds: float


def _user(username: str, role: Role) -> User:
    user = User.objects.filter(username=username, role=role).first()
    if user is None:
        raise DemoSupportError(f"account {username} is missing: run load_demo_cohort first")
    return user


@transaction.atomic
def demo_support_load(*, reset: bool = False, log: Log = _quiet) -> DemoSupportResult:
    """Write the demo's cases, their history and the subsidies (see the module); each part only once."""
    started = time.perf_counter()
    cohort = Cohort.objects.filter(year=COHORT_YEAR).first()
    if cohort is None or not Graduate.objects.filter(cohort=cohort).exists():
        raise DemoSupportError(f"cohort {COHORT_YEAR} has no graduates: run load_demo_cohort first")
    centre = _user(DEMO_ACCOUNTS["centre"].username, Role.CENTRE)
    if reset:
        demo_support_remove(log=log)
    graduates = Graduate.objects.filter(cohort=cohort)
    opened = support_cases_open_for(graduates=graduates)
    log(f"Cases: {opened} opened for the hardship group (expected {GROUP_SIZE} in all)")
    subsidies = not SubsidyScheme.objects.filter(name=SCHEME_NAME).exists()
    if subsidies:
        _subsidies(cohort, centre, log)
    else:
        log(f"Subsidies: scheme “{SCHEME_NAME}” already there; kept")
    cases = SupportCase.objects.filter(graduate__cohort=cohort)
    history = not SupportAction.objects.filter(case__in=cases).exists()
    if history:
        _history(cohort, centre, log)
    else:
        log("Case history: already there; kept")
    return DemoSupportResult(opened, history, subsidies, time.perf_counter() - started)


@transaction.atomic
def demo_support_remove(*, log: Log = _quiet) -> None:
    """Delete the demo cohort's support cases with their history, and the demo's subsidy scheme with its
    applications, batches and events, through the database (the log is append-only to the app); before the
    cohort's graduates are rebuilt, as they protect them."""
    cohort = Cohort.objects.filter(year=COHORT_YEAR).first()
    if cohort is None:
        return
    log(f"Removing the support cases, their history and “{SCHEME_NAME}” of cohort {cohort.year}")
    actions = SupportAction.objects.filter(case__graduate__cohort=cohort)
    while actions.exists():  # a corrected entry is protected by its correction: remove from the last one back
        actions.filter(correction__isnull=True).delete()
    SupportCase.objects.filter(graduate__cohort=cohort).delete()
    applications = SubsidyApplication.objects.filter(scheme__name=SCHEME_NAME)
    SubsidyEvent.objects.filter(application__in=applications).delete()
    applications.delete()
    SubsidyBatch.objects.filter(scheme__name=SCHEME_NAME).delete()
    SubsidyScheme.objects.filter(name=SCHEME_NAME).delete()


def _subsidies(cohort: Cohort, centre: User, log: Log) -> None:
    scheme = SubsidyScheme.objects.create(
        cohort=cohort, name=SCHEME_NAME, eligibility=Eligibility.ALL, amount=SUBSIDY_AMOUNT, is_open=False
    )
    graduates = Graduate.objects.filter(cohort=cohort).order_by("student_no")
    group = set(graduates.filter(HARDSHIP_GROUP).values_list("pk", flat=True))
    others = [pk for pk in graduates.values_list("pk", flat=True) if pk not in group]
    left_out = random.Random(RANDOM_SEED).sample(others, NOT_APPLIED + REJECTED)
    not_applied, rejected = set(left_out[:NOT_APPLIED]), set(left_out[NOT_APPLIED:])

    # Counsellors collect the applications of their classes (paper forms); the centre any class without one.
    scheme.is_open = True
    scheme.save(update_fields=["is_open"])
    applied: set[int] = set()
    counsellors = User.objects.filter(role=Role.COUNSELLOR, classes__graduates__cohort=cohort).distinct()
    for counsellor in counsellors.order_by("username"):
        batch = list(
            graduates.filter(class_group__in=counsellor.classes.all())
            .exclude(pk__in=not_applied | applied)
            .select_related("hardship_category")
        )
        if batch:
            subsidy_apply(scheme=scheme, graduates=batch, actor=counsellor, applied_on=APPLIED_ON)
            applied.update(g.pk for g in batch)
    rest = list(graduates.exclude(pk__in=not_applied | applied).select_related("hardship_category"))
    if rest:
        subsidy_apply(scheme=scheme, graduates=rest, actor=centre, applied_on=APPLIED_ON)
    scheme.is_open = False
    scheme.save(update_fields=["is_open"])

    applications = SubsidyApplication.objects.filter(scheme=scheme)
    officers = User.objects.filter(role=Role.COLLEGE, college__majors__classes__graduates__cohort=cohort)
    for officer in officers.distinct().order_by("username"):
        mine = applications.filter(
            graduate__class_group__major__college=officer.college_id, status=SubsidyStatus.SUBMITTED
        )
        refused = list(mine.filter(graduate__in=rejected).values_list("pk", flat=True))
        if refused:
            subsidy_transition(
                application_ids=refused, action=SubsidyAction.REJECT, actor=officer, comment=REJECT_REASON
            )
        passed = list(mine.values_list("pk", flat=True))
        if passed:
            subsidy_transition(application_ids=passed, action=SubsidyAction.APPROVE, actor=officer)
    approved = list(applications.filter(status=SubsidyStatus.COLLEGE_APPROVED).values_list("pk", flat=True))
    subsidy_transition(application_ids=approved, action=SubsidyAction.APPROVE, actor=centre)

    payable = list(
        applications.filter(status=SubsidyStatus.APPROVED)
        .order_by("graduate__student_no")
        .values_list("pk", "graduate_id")
    )
    order = [pk for pk, g in payable if g in group] + [pk for pk, g in payable if g not in group]
    start = 0
    for name, paid_on, size in [*BATCHES, (*LAST_BATCH, len(order))]:
        ids = order[start : start + size]
        if ids:
            subsidy_pay(application_ids=ids, batch_name=name, paid_on=paid_on, actor=centre)
        start += size
    paid = applications.filter(status=SubsidyStatus.PAID).aggregate(
        n=Count("pk"), total=Sum("amount", default=0)
    )
    _date_the_subsidies(scheme)
    paid["total"] = to_fen(paid["total"])
    if paid["total"] != SUBSIDY_TOTAL:
        raise DemoSupportError(f"subsidies paid add up to {paid['total']}, not {SUBSIDY_TOTAL}")
    log(
        f"Subsidies: {applications.count()} applications to “{SCHEME_NAME}”, {paid['n']} paid × "
        f"{SUBSIDY_AMOUNT} = {paid['total']} yuan in {len(BATCHES) + 1} batches, {REJECTED} refused"
    )


def _date_the_subsidies(scheme: SubsidyScheme) -> None:
    """Each application, batch and event of the demo scheme at the day of the story it belongs to (the
    services wrote the load's time): applied 05-20, reviewed by the colleges 06-05 and the centre 06-15, paid
    on its batch's date."""
    applications = SubsidyApplication.objects.filter(scheme=scheme)
    events = SubsidyEvent.objects.filter(application__scheme=scheme)
    SubsidyScheme.objects.filter(pk=scheme.pk).update(created_at=story_time(SCHEME_SET_UP_ON))
    applied, by_college, by_centre = (
        story_time(APPLIED_ON),
        story_time(COLLEGE_REVIEWED_ON),
        story_time(CENTRE_REVIEWED_ON),
    )
    events.filter(action=SubsidyAction.APPLY).update(created_at=applied)
    events.filter(actor_role=Role.COLLEGE).exclude(action=SubsidyAction.APPLY).update(created_at=by_college)
    events.filter(actor_role=Role.CENTRE, action=SubsidyAction.APPROVE).update(created_at=by_centre)
    applications.update(created_at=applied, updated_at=by_centre, status_changed_at=by_centre)
    applications.filter(status=SubsidyStatus.REJECTED).update(
        updated_at=by_college, status_changed_at=by_college
    )
    for batch in SubsidyBatch.objects.filter(scheme=scheme):
        paid = story_time(batch.paid_on)
        SubsidyBatch.objects.filter(pk=batch.pk).update(created_at=paid)
        events.filter(action=SubsidyAction.PAY, application__batch=batch).update(created_at=paid)
        applications.filter(batch=batch).update(updated_at=paid, status_changed_at=paid)


@dataclass(frozen=True)
class _Case:
    case: SupportCase
    college_code: str
    author_id: int
    settled_on: datetime.date | None  # when the destination that ended (or closed) the case was registered
    employer: str
    destination: str
    paid: tuple[datetime.date, str, Decimal] | None


def _history(cohort: Cohort, centre: User, log: Log) -> None:
    cases = list(
        SupportCase.objects.filter(graduate__cohort=cohort)
        .select_related("graduate__hardship_category", "graduate__class_group__major__college")
        .order_by("graduate__student_no")
    )
    graduates = Graduate.objects.filter(cohort=cohort, support_case__isnull=False)
    plans = {
        plan.graduate_id: plan
        for plan in effective_plans(as_of=timezone.localdate(), graduates=graduates).select_related(
            "destination__category"
        )
    }
    paid = {
        graduate_id: (paid_on, batch, amount)
        for graduate_id, paid_on, batch, amount in SubsidyApplication.objects.filter(
            graduate__in=graduates, status=SubsidyStatus.PAID
        ).values_list("graduate_id", "batch__paid_on", "batch__name", "amount")
    }
    officers = dict(
        User.objects.filter(role=Role.COLLEGE, college__isnull=False)
        .order_by("-pk")
        .values_list("college_id", "pk")
    )
    items = []
    for case in cases:
        graduate = case.graduate
        plan = plans.get(graduate.pk)
        college = graduate.class_group.major.college
        _outcome(case, plan)
        if case.opened_by_id is None:
            case.opened_on = OPENED_ON  # opened automatically: the demo dates it to the survey
        items.append(
            _Case(
                case=case,
                college_code=college.code,
                author_id=case.responsible_id or officers.get(college.pk) or centre.pk,
                settled_on=plan.approved_on if plan and case.status != CaseStatus.OPEN else None,
                employer=(plan.employer_name or plan.institution) if plan else "",
                destination=plan.destination.name if plan else "",
                paid=paid.get(graduate.pk),
            )
        )
    SupportCase.objects.bulk_update(
        [item.case for item in items],
        ["opened_on", "priority", "personal_plan", "status", "closed_reason"],
        batch_size=500,
    )
    originals, corrections = [], []
    for number, item in enumerate(items, start=1):
        entries = _entries(random.Random(f"{RANDOM_SEED}-{item.case.graduate.student_no}"), item, centre)
        originals.extend(entries)
        if number % CORRECTION_EVERY == 0:
            first = entries[0]
            corrections.append((first, f"更正：{first.note}；家庭联系电话已核实并更新。"))
    for entry in originals:
        entry.created_at = story_time(entry.acted_on, ENTERED_AT)
    with historical_times(SupportAction):
        SupportAction.objects.bulk_create(originals, batch_size=500)
        SupportAction.objects.bulk_create(
            [
                SupportAction(
                    case=original.case,
                    kind=original.kind,
                    acted_on=original.acted_on,
                    note=note,
                    corrects=original,
                    author_id=original.author_id,
                    author_role=original.author_role,
                    created_at=original.created_at + CORRECTED_AFTER,
                )  # fmt: skip
                for original, note in corrections
            ],
            batch_size=500,
        )
    _date_the_cases(items, originals)
    statuses = [item.case.status for item in items]
    by_status = ", ".join(f"{CaseStatus(s).label} {statuses.count(s)}" for s in CaseStatus.values)
    log(
        f"Case history: {len(originals) + len(corrections)} entries over {len(items)} cases "
        f"({by_status}); {len(corrections)} corrections"
    )


def _date_the_cases(items: list[_Case], entries: list[SupportAction]) -> None:
    """A case was created the day it was opened and last changed with its last entry (not at the load)."""
    last_entry: dict[int, datetime.date] = {}
    for entry in entries:
        last_entry[entry.case_id] = max(entry.acted_on, last_entry.get(entry.case_id, entry.acted_on))
    groups: dict[tuple[datetime.date, datetime.date], list[int]] = {}
    for item in items:
        case = item.case
        groups.setdefault((case.opened_on, last_entry.get(case.pk, case.opened_on)), []).append(case.pk)
    for (opened_on, last_on), pks in groups.items():
        SupportCase.objects.filter(pk__in=pks).update(
            created_at=story_time(opened_on), updated_at=story_time(last_on, ENTERED_AT)
        )


def _outcome(case: SupportCase, plan) -> None:
    """Priority, the personal plan and the status the demo gives a case (status: from the destination)."""
    graduate = case.graduate
    rng = random.Random(f"{RANDOM_SEED}-plan-{graduate.student_no}")
    if graduate.hardship_category.is_hardship:
        case.priority = Priority.KEY
    elif graduate.registered_poor:
        case.priority = Priority.NORMAL
    else:
        case.priority = Priority.FOLLOW
    measures = "；".join(rng.sample(MEASURES, 3))
    case.personal_plan = f"{rng.choice(INTENTS)}。帮扶措施：{measures}。"
    case.status, case.closed_reason = CaseStatus.OPEN, ""
    if plan is not None:
        code = plan.destination.parent_code or plan.destination.code[:2]
        if plan.destination.category.counts_as_employed:
            case.status = CaseStatus.EMPLOYED
        elif code in CLOSING_REASONS:
            case.status, case.closed_reason = CaseStatus.CLOSED, CLOSING_REASONS[code]


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    if last <= first:
        return first
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def _entries(rng: random.Random, item: _Case, centre: User) -> list[SupportAction]:
    """A plausible log: the survey call, a visit for key cases, training, jobs recommended first and
    interviews, the subsidy, follow-up calls while still looking (some cases are let slip: the ledger flags
    them), and how it ended, on the day the destination was registered."""
    case = item.case
    jobs = JOBS.get(item.college_code, DEFAULT_JOBS)
    entries: list[tuple[str, datetime.date, str, str, str]] = []

    def add(kind, first, last, note, employer="", position=""):
        entries.append((kind, _day(rng, first, last), note, employer, position))

    start = case.opened_on
    intent = case.personal_plan.split("。", 1)[0]
    add(
        ActionKind.CALL,
        start,
        start + datetime.timedelta(days=10),
        f"全面摸排：电话了解实习与求职情况，{intent}",
    )
    if case.priority == Priority.KEY:
        add(ActionKind.VISIT, date(4, 25), date(5, 31), "走访谈心：了解家庭情况与求职困难，共同制定一人一策")
    if rng.random() < 0.6:
        add(ActionKind.TRAINING, date(4, 25), date(5, 15), "参加云课堂网络求职培训（简历制作、网络面试）")
    neglected = rng.random() < NEGLECTED_SHARE
    settled = item.settled_on or FINAL_CUTOFF  # the day a destination was registered, else the year's end
    end = min(settled, _day(rng, date(7, 1), date(8, 10))) if neglected else settled
    for _ in range(rng.randint(1, 3)):
        employer, position = rng.choice(jobs)
        day = _day(rng, date(5, 1), min(end, date(11, 30)))
        entries.append((ActionKind.JOB, day, f"优先推荐岗位：{employer}{position}", employer, position))
        if rng.random() < 0.5 and day + datetime.timedelta(days=10) <= end:
            entries.append((ActionKind.INTERVIEW, day + datetime.timedelta(days=rng.randint(3, 10)),
                            f"参加{employer}{position}岗位网络面试", "", ""))  # fmt: skip
    if item.paid is not None:
        paid_on, batch, amount = item.paid
        entries.append((ActionKind.SUBSIDY, paid_on, f"一次性求职补贴 {amount} 元已发放（{batch}）", "", ""))
    day = date(6, 1)
    while (day := day + datetime.timedelta(days=rng.randint(14, 21))) < end:
        entries.append((ActionKind.CALL, day, "电话跟进求职进展，推送招聘信息", "", ""))
    if not neglected:  # whoever is still looking at a cut-off was called in the fortnight before it
        for cutoff in (INITIAL_CUTOFF, FINAL_CUTOFF):
            if item.settled_on is None or cutoff < item.settled_on:
                add(ActionKind.CALL, cutoff - datetime.timedelta(days=11), cutoff,
                    "电话跟进：继续推荐岗位，提醒参加网络招聘会")  # fmt: skip
    if item.settled_on and case.status == CaseStatus.EMPLOYED:
        employer = f"，{item.employer}" if item.employer else ""
        entries.append((ActionKind.OTHER, item.settled_on, f"落实去向：{item.destination}{employer}", "", ""))
    elif item.settled_on and case.status == CaseStatus.CLOSED:
        entries.append((ActionKind.OTHER, item.settled_on, f"本人确认{case.closed_reason}，帮扶结案", "", ""))
    entries.sort(key=lambda e: e[1])
    return [
        SupportAction(
            case=case,
            kind=kind,
            acted_on=day,
            note=note,
            employer_name=employer,
            position=position,
            author_id=centre.pk if kind == ActionKind.SUBSIDY else item.author_id,
            author_role=Role.CENTRE if kind == ActionKind.SUBSIDY else _role_of(item, centre),
        )  # fmt: skip
        for kind, day, note, employer, position in entries
    ]


def date(month: int, day: int) -> datetime.date:
    return datetime.date(COHORT_YEAR, month, day)


def _role_of(item: _Case, centre: User) -> str:
    if item.author_id == centre.pk:
        return Role.CENTRE
    if item.case.responsible_id == item.author_id:
        return Role.COUNSELLOR
    return Role.COLLEGE


def demo_support_counts(*, year: int = COHORT_YEAR) -> dict:
    """What the database holds for the demo, counted from scratch (for the command's report and tests)."""
    cases = SupportCase.objects.filter(graduate__cohort__year=year)
    paid = SubsidyApplication.objects.filter(scheme__name=SCHEME_NAME, status=SubsidyStatus.PAID)
    totals = paid.aggregate(n=Count("pk"), amount=Sum("amount"))
    return {
        "cases": cases.count(),
        "actions": SupportAction.objects.filter(case__in=cases).count(),
        "cases_without_action": cases.filter(actions=None).count(),
        "applications": SubsidyApplication.objects.filter(scheme__name=SCHEME_NAME).count(),
        "paid": totals["n"],
        "paid_amount": to_fen(totals["amount"] or 0),
    }

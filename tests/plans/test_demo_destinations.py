"""The demo cohort's destination plans: counted from the database at 2020-08-31 and 2020-12-31 with
``effective_plans``, the seed report's chapter-2 figures come out exactly; every queue has work; every event is
a legal move of the transition table; loading again changes nothing.

The seed's figures are copied here from the report, and the demo's own choices from fixtures/README.md, not
read from ``apps.plans.demo.data``, so a slip in either place fails a test. The cohort is loaded once for the
module (``load_demo_cohort``: about 5,000 graduates and 6,500 plans) and removed afterwards.
"""

import datetime
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.test import override_settings

from apps.accounts.models import Role, User
from apps.demo.command import ALREADY_LOADED
from apps.graduates.demo import DEMO_ACCOUNTS
from apps.graduates.management.commands.load_demo_cohort import Command as CohortCommand
from apps.graduates.models import Graduate
from apps.plans.demo import build_demo_plans
from apps.plans.demo.fitting import fit_table, largest_remainder
from apps.plans.models import OPEN_STATUSES, DestinationPlan, Evidence, PlanEvent, PlanStatus
from apps.plans.rules import PLAN_DETAIL_FIELDS, rule_for
from apps.plans.selectors import effective_plans, review_queue
from apps.plans.services import plan_transition
from apps.plans.workflow import TRANSITIONS, Action

from ..demo_db import empty_the_database

pytestmark = pytest.mark.django_db

AUG_31 = datetime.date(2020, 8, 31)
DEC_31 = datetime.date(2020, 12, 31)
GRADUATES = 5098
EMPLOYED = Q(destination__category__counts_as_employed=True)
HARDSHIP = Q(registered_poor=True) | Q(poverty_county=True)

# Seed 2.1.1 (at 08-31).
CATEGORIES = {"协议就业": 883, "灵活就业": 2203, "升学、出国": 989, "自主创业": 5, "待就业": 1018}
# Seed 2.1.3 as printed: 1,272 for 1,018 graduates not employed.
SEED_REASONS = {
    "求职中": 737, "签约中": 21, "拟参加公招考试": 6, "拟创业": 9, "拟应征入伍": 28, "拟升学": 435,
    "拟出国出境": 3, "暂不就业": 20, "落实单位未上报": 5, "身体健康状况": 8,
}  # fmt: skip
# ... scaled by 1,018 / 1,272 with the largest remainders (fixtures/README.md).
REASONS = {
    "求职中": 590, "签约中": 17, "拟参加公招考试": 5, "拟创业": 7, "拟应征入伍": 23, "拟升学": 348,
    "拟出国出境": 2, "暂不就业": 16, "落实单位未上报": 4, "身体健康状况": 6,
}  # fmt: skip
# 2.1.2: the seed names the top seven (highest first) and the bottom six (lowest first); the counts are the
# demo's (fixtures/README.md), 表 1-2's graduates in brackets.
EMPLOYED_BY_MAJOR = {
    "建筑装饰工程技术": 28, "广告设计与制作": 23, "学前教育": 363,
    "金融管理": 12, "会计": 96, "工商企业管理": 9, "电子商务": 83, "物流管理": 33, "商务英语": 0,
    "临床医学": 356, "药学": 26, "医学检验技术": 114, "医学影像技术": 228,
    "口腔医学": 831,
    "护理": 872, "助产": 110, "医学美容技术": 54, "人物形象设计": 12,
    "机械制造与自动化": 27, "数控技术": 58, "模具设计与制造": 15, "机电一体化技术": 70, "电气自动化技术": 10,
    "工业机器人技术": 19, "汽车检测与维修技术": 40, "汽车营销与服务": 8,
    "电子信息工程技术": 31, "计算机应用技术": 99, "计算机网络技术": 33, "计算机信息管理": 4, "软件技术": 90,
    "通信技术": 1,
    "旅游管理": 11, "酒店管理": 42, "中西面点工艺": 17, "应用英语": 10,
    "建筑工程技术": 29, "建设工程管理": 62, "工程造价": 57,
    "康复治疗技术": 97,
}  # fmt: skip
EMPLOYED_BY_COLLEGE = {
    "教育与艺术学院": 414, "财经学院": 233, "医学院": 724, "口腔医学院": 831, "护理学院": 1048,
    "机电工程学院": 247, "信息技术学院": 258, "旅游与酒店管理学院（国际教育学院）": 80, "建筑技术学院": 148,
    "医学分院": 97,
}  # fmt: skip
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
# 2.2.1: 湖北省 2,971 (seed), counted as the provincial platform counts: the 989 专升本 where their school is (all
# 湖北, fixtures/README.md) and the 3,091 with a job where they work (湖北 1,982, the other 1,109 the demo's).
WORK_PROVINCES = {
    "湖北省": 1982, "广东省": 209, "浙江省": 200, "江苏省": 110, "上海市": 60, "云南省": 140, "河南省": 68,
    "新疆维吾尔自治区": 55, "甘肃省": 42, "安徽省": 40, "山西省": 30, "广西壮族自治区": 28, "湖南省": 26,
    "北京市": 20, "四川省": 15, "贵州省": 13, "福建省": 12, "江西省": 12, "重庆市": 12, "河北省": 6, "山东省": 6,
    "陕西省": 5,
}  # fmt: skip
# 4.3: "到广东地区就业累计 231 人", at 12-31: 209 at 08-31 and 22 of the autumn's changes.
GUANGDONG_1231 = 231
# 2.2.2 (the seed's order: 企业, 医疗卫生单位, 中初教育单位, 城镇社区; it names 应征入伍): over the employed with a
# unit nature, 46 应征义务兵 as 部队.
UNIT_NATURES = {
    "其他企业": 1769, "国有企业": 81, "三资企业": 38, "医疗卫生单位": 596, "中初教育单位": 231, "城镇社区": 60,
    "其他事业单位": 36, "其他": 30, "部队": 30, "农村建制村": 14, "机关": 9, "高等教育单位": 4, "科研设计单位": 2,
}  # fmt: skip
# 2.2.3 (the seed's ten in its order first): over the employed with an industry, 46 as 80 军队.
INDUSTRIES = {
    "43": 1259, "42": 356, "22": 236, "41": 210, "34": 168, "24": 142, "37": 112, "32": 86, "44": 66, "35": 54,
    "31": 50, "33": 42, "45": 40, "80": 30, "38": 18, "36": 16, "11": 10, "23": 6, "39": 4,
}  # fmt: skip
SEED_INDUSTRY_ORDER = ["43", "42", "22", "41", "34", "24", "37", "32", "44", "35"]


def percent(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _remove_demo() -> None:
    empty_the_database()  # as the migrations left it: the next module's demo loader needs an empty database


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, media):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        out = StringIO()
        call_command("load_demo_cohort", stdout=out)
        yield out.getvalue()
        _remove_demo()


@pytest.fixture
def cohort(demo_output, settings, media):
    settings.MEDIA_ROOT = media  # where the module's load wrote the evidence files
    return Graduate.objects.filter(cohort__year=2020)


def at(day: datetime.date):
    return effective_plans(as_of=day, graduates=Graduate.objects.filter(cohort__year=2020))


def _counts(plans, field: str) -> dict:
    return dict(plans.values_list(field).annotate(n=Count("pk")).order_by())


# --- 2.1.1 and the two cut-off dates -----------------------------------------------------------------------


def test_the_seed_figures_agree_with_themselves():
    assert sum(CATEGORIES.values()) == GRADUATES
    assert sum(v for k, v in CATEGORIES.items() if k != "待就业") == 4080
    assert sum(SEED_REASONS.values()) == 1272  # the seed's slip (domain.md)
    assert largest_remainder(1018, list(SEED_REASONS.values())) == list(REASONS.values())
    assert sum(EMPLOYED_BY_MAJOR.values()) == sum(EMPLOYED_BY_COLLEGE.values()) == 4080
    assert sum(WORK_PROVINCES.values()) == 4080 - 989  # everybody employed but 专升本 has a work place
    assert WORK_PROVINCES["湖北省"] + 989 == 2971  # ... and 专升本 count where their school is, all in 湖北
    assert percent(4080, GRADUATES) == Decimal("80.03") and percent(4345, GRADUATES) == Decimal("85.23")
    assert percent(2971, GRADUATES) == Decimal("58.28")
    # 4.2.8: "超过 83.91%": 428 of 510 is the least count above it; 427 is below
    assert percent(428, 510) == Decimal("83.92") and percent(427, 510) < Decimal("83.91")


def test_every_graduate_has_a_destination_at_both_dates(cohort):
    assert cohort.count() == GRADUATES
    assert at(AUG_31).count() == GRADUATES
    assert at(DEC_31).count() == GRADUATES


def test_categories_and_rate_at_august_31(cohort):
    plans = at(AUG_31)
    assert _counts(plans, "destination__category__name") == CATEGORIES
    employed = plans.filter(EMPLOYED).count()
    assert employed == 4080
    assert percent(employed, cohort.count()) == Decimal("80.03")


def test_final_rate_at_december_31(cohort):
    employed = at(DEC_31).filter(EMPLOYED).count()
    assert employed == 4345
    assert percent(employed, cohort.count()) == Decimal("85.23")


def test_codes_at_both_dates(cohort):
    codes = _counts(at(AUG_31), "destination__code")
    # 协议就业 883 = 10 + 11 + 27 + 46 + 50 + 51; 灵活就业 2,203 = 12 + 76; 升学 989 = 80 (专升本, seed 4.1.1)
    assert codes == {
        "10": 520, "11": 315, "27": 3, "46": 30, "50": 6, "51": 9, "12": 2017, "76": 186, "80": 989, "75": 5,
        "70": 646, "71": 350, "72": 22,
    }  # fmt: skip
    final = _counts(at(DEC_31), "destination__code")
    assert final["46"] == 53  # seed 4.1.1: 应征入伍 53, all enlisted in September
    assert final["80"] == 989 and final["85"] == 2


# --- 2.1.2 ----------------------------------------------------------------------------------------------


def _rates(plans, field: str) -> dict[str, tuple[int, int]]:
    graduates = _counts(Graduate.objects.filter(cohort__year=2020), f"class_group__major__{field}")
    employed = _counts(plans.filter(EMPLOYED), f"graduate__class_group__major__{field}")
    return {key: (employed.get(key, 0), n) for key, n in graduates.items()}


def test_rate_of_every_major_and_college_at_august_31(cohort):
    majors = _rates(at(AUG_31), "name")
    assert {name: employed for name, (employed, _n) in majors.items()} == EMPLOYED_BY_MAJOR
    colleges = _rates(at(AUG_31), "college__name")
    assert {name: employed for name, (employed, _n) in colleges.items()} == EMPLOYED_BY_COLLEGE
    # the seed's order: the top seven highest first, the bottom six lowest first; 通信技术 (1 graduate) is
    # level with 电气自动化技术 at 100%, every other major lies strictly between the two lists
    rate = {name: percent(e, n) for name, (e, n) in majors.items()}
    assert rate["通信技术"] == rate["电气自动化技术"] == Decimal("100.00")
    ranked = sorted((name for name in rate if name != "通信技术"), key=lambda m: -rate[m])
    assert ranked[:7] == TOP_MAJORS
    assert ranked[::-1][:6] == BOTTOM_MAJORS
    assert len({rate[m] for m in TOP_MAJORS + BOTTOM_MAJORS}) == 13  # no ties inside the lists
    assert all(rate[TOP_MAJORS[-1]] > rate[m] > rate[BOTTOM_MAJORS[-1]] for m in ranked[7:-6])


# --- 2.1.3 ----------------------------------------------------------------------------------------------


def test_reasons_of_the_not_employed_at_august_31(cohort):
    plans = at(AUG_31).exclude(EMPLOYED)
    assert plans.count() == 1018
    assert _counts(plans, "not_employed_reason__name") == REASONS
    # each reason is registered under its code: 71 不就业拟升学 for 拟升学 and 拟出国出境, 72 其他暂不就业 for
    # 暂不就业 and 身体健康状况, 70 待就业 for the rest
    by_code = defaultdict(set)
    for code, reason in plans.values_list("destination__code", "not_employed_reason__name"):
        by_code[code].add(reason)
    assert by_code["71"] == {"拟升学", "拟出国出境"}
    assert by_code["72"] == {"暂不就业", "身体健康状况"}


def test_the_autumn_changes_came_from_the_reasons_that_lead_to_work(cohort):
    before = dict(at(AUG_31).values_list("graduate_id", "not_employed_reason__name"))
    changed = at(DEC_31).filter(EMPLOYED).exclude(graduate__in=at(AUG_31).filter(EMPLOYED).values("graduate"))
    assert changed.count() == 265
    assert Counter(before[g] for g in changed.values_list("graduate_id", flat=True)) == {
        "求职中": 209, "签约中": 17, "拟应征入伍": 23, "落实单位未上报": 4, "拟创业": 2, "拟出国出境": 2,
        "拟参加公招考试": 3, "拟升学": 5,
    }  # fmt: skip


# --- 2.2.1 - 2.2.3 --------------------------------------------------------------------------------------


def test_provinces_at_august_31_count_study_where_the_school_is(cohort):
    employed = at(AUG_31).filter(EMPLOYED)
    with_place = employed.filter(work_province__isnull=False)
    assert with_place.count() == 3091  # the employed with a job (all but 专升本) where they work
    assert not employed.filter(work_province__isnull=True).exclude(destination__code="80").exists()
    assert _counts(with_place, "work_province__name") == WORK_PROVINCES
    # 专升本 (80): each names the admitting school and its province, 湖北 for all 989
    study = employed.filter(destination__code="80")
    assert _counts(study, "institution_province__name") == {"湖北省": 989}
    assert not study.filter(institution="").exists()
    in_hubei = WORK_PROVINCES["湖北省"] + 989
    assert in_hubei == 2971 and percent(in_hubei, cohort.count()) == Decimal("58.28")  # as the seed prints it


def test_guangdong_at_december_31_is_the_seeds_one_help_one_figure(cohort):
    employed = at(DEC_31).filter(EMPLOYED)
    assert employed.filter(work_province__name="广东省").count() == GUANGDONG_1231
    assert not employed.filter(institution_province__name="广东省").exists()


def test_enlisted_plans_carry_the_army_unit_nature_and_industry(cohort):
    enlisted = DestinationPlan.objects.filter(graduate__cohort__year=2020, destination__code="46")
    assert enlisted.count() >= 53
    assert _counts(enlisted, "unit_nature__name") == {"部队": enlisted.count()}
    assert _counts(enlisted, "industry__name") == {"军队": enlisted.count()}


def test_unit_natures_at_august_31(cohort):
    plans = at(AUG_31).filter(EMPLOYED, unit_nature__isnull=False)
    assert plans.count() == 2900  # the base: codes 10, 11, 12, 27, 50, 51 and 46 (部队)
    counts = _counts(plans, "unit_nature__name")
    assert counts == UNIT_NATURES
    enterprises = counts["其他企业"] + counts["国有企业"] + counts["三资企业"]
    rest = [n for name, n in counts.items() if name not in ("其他企业", "国有企业", "三资企业", "医疗卫生单位",
                                                           "中初教育单位", "城镇社区")]  # fmt: skip
    assert enterprises > counts["医疗卫生单位"] > counts["中初教育单位"] > counts["城镇社区"] > max(rest)


def test_industries_at_august_31(cohort):
    plans = at(AUG_31).filter(EMPLOYED, industry__isnull=False)
    assert plans.count() == 2905  # the base: the 2,900 above and the 5 自主创业 companies
    counts = _counts(plans, "industry__code")
    assert counts == INDUSTRIES
    ranked = sorted(counts, key=lambda code: -counts[code])
    assert ranked[:10] == SEED_INDUSTRY_ORDER


# --- 4.2.8 ----------------------------------------------------------------------------------------------


def test_hardship_group_rate(cohort):
    group = cohort.filter(HARDSHIP)
    assert group.count() == 510
    first = at(AUG_31).filter(EMPLOYED, graduate__in=group.values("pk")).count()
    final = at(DEC_31).filter(EMPLOYED, graduate__in=group.values("pk")).count()
    assert first == 428 and percent(first, 510) == Decimal("83.92") > Decimal("83.91")
    assert final == 446 and percent(final, 510) > Decimal("85.23")


# --- how the plans got there ----------------------------------------------------------------------------


def test_approvals_spread_from_may_to_august_and_the_rate_rises_every_week(cohort):
    plans = at(AUG_31).filter(EMPLOYED)
    months = _counts(plans, "approved_on__month")
    assert set(months) == {5, 6, 7, 8} and min(months.values()) > 100
    weeks = [datetime.date(2020, 5, 4) + datetime.timedelta(weeks=n) for n in range(18)]
    employed = [at(day).filter(EMPLOYED).count() for day in weeks]
    assert all(later > earlier for earlier, later in zip(employed, employed[1:], strict=False))
    assert at(datetime.date(2020, 4, 30)).count() == 0


def test_changes_supersede_and_nothing_approved_is_lost(cohort):
    plans = DestinationPlan.objects.filter(graduate__cohort__year=2020)
    # one plan in force and at most one on its way per graduate
    assert (
        not plans.filter(status=PlanStatus.APPROVED)
        .values("graduate")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert plans.filter(status=PlanStatus.APPROVED).count() == GRADUATES
    assert (
        not plans.filter(status__in=OPEN_STATUSES).values("graduate").annotate(n=Count("pk")).filter(n__gt=1)
    )
    # every superseded plan was replaced by an approved change made after it was approved
    for old in plans.filter(status=PlanStatus.SUPERSEDED).prefetch_related("replaced_by"):
        (new,) = old.replaced_by.all()
        assert new.graduate_id == old.graduate_id
        assert new.approved_at == old.superseded_at and new.created_at > old.approved_at
    # autumn changes: a 待就业 plan in force at 08-31, superseded by a job approved between 09-01 and 12-31
    autumn = plans.filter(replaces__destination__category__counts_as_employed=False, approved_on__gt=AUG_31)
    assert autumn.count() == 265 and not autumn.filter(approved_on__gt=DEC_31).exists()
    # every open plan is a change of the plan in force
    for plan in plans.filter(status__in=OPEN_STATUSES).select_related("replaces"):
        assert plan.replaces.status == PlanStatus.APPROVED and plan.replaces.graduate_id == plan.graduate_id
    # registered plans carry their date, and it is the day of the centre's approval
    assert not plans.filter(
        status__in=(PlanStatus.APPROVED, PlanStatus.SUPERSEDED), approved_on=None
    ).exists()


def test_every_plan_has_the_fields_its_destination_needs_and_only_those(cohort):
    for plan in DestinationPlan.objects.filter(graduate__cohort__year=2020).select_related("destination"):
        rule = rule_for(plan.destination)
        for name in PLAN_DETAIL_FIELDS:
            value = getattr(plan, DestinationPlan._meta.get_field(name).attname)
            if name in rule.required:
                assert value not in (None, ""), (plan.pk, plan.destination.code, name)
            if name not in rule.fields:
                assert value in (None, ""), (plan.pk, plan.destination.code, name)


def test_every_event_is_a_legal_move_by_someone_allowed_and_in_scope(cohort):
    plans = DestinationPlan.objects.filter(graduate__cohort__year=2020)
    roles = dict(User.objects.values_list("pk", "role"))
    colleges = dict(User.objects.filter(role=Role.COLLEGE).values_list("pk", "college_id"))
    classes = set(User.classes.through.objects.values_list("user_id", "classgroup_id"))
    graduate_of = {
        pk: (user, klass, college)
        for pk, user, klass, college in Graduate.objects.filter(cohort__year=2020).values_list(
            "pk", "user_id", "class_group_id", "class_group__major__college_id"
        )
    }
    by_plan = defaultdict(list)
    events = PlanEvent.objects.filter(plan__in=plans).order_by("created_at", "pk")
    for event in events.values("plan_id", "plan__graduate_id", "action", "from_status", "to_status",
                               "actor_id", "actor_role", "comment", "created_at"):  # fmt: skip
        move = TRANSITIONS.get((PlanStatus(event["from_status"]), Action(event["action"])))
        assert move is not None, event
        assert move.to == event["to_status"], event
        assert event["actor_role"] in move.roles and roles[event["actor_id"]] == event["actor_role"], event
        assert event["comment"] or not move.needs_comment, event
        user, klass, college = graduate_of[event["plan__graduate_id"]]
        role = event["actor_role"]
        assert {
            Role.STUDENT: event["actor_id"] == user,
            Role.COUNSELLOR: (event["actor_id"], klass) in classes,
            Role.COLLEGE: colleges.get(event["actor_id"]) == college,
            Role.CENTRE: True,
        }[role], event
        by_plan[event["plan_id"]].append(event)
    assert len(by_plan) == plans.exclude(status=PlanStatus.DRAFT, submitted_at=None).count()
    # each plan's events chain from draft to its status, in time
    for pk, status, approved_at, submitted_at in plans.values_list(
        "pk", "status", "approved_at", "submitted_at"
    ):
        chain = by_plan.get(pk, [])
        if not chain:
            assert status == PlanStatus.DRAFT
            continue
        assert chain[0]["from_status"] == PlanStatus.DRAFT
        assert all(a["to_status"] == b["from_status"] for a, b in zip(chain, chain[1:], strict=False))
        assert chain[-1]["to_status"] == status
        assert submitted_at == [e for e in chain if e["action"] == Action.SUBMIT][-1]["created_at"]
        if approved_at:
            centre = [e for e in chain if e["to_status"] == PlanStatus.APPROVED]
            assert [e["created_at"] for e in centre] == [approved_at]


def test_every_queue_has_work(cohort):
    users = {key: User.objects.get(username=DEMO_ACCOUNTS[key].username) for key in ("counsellor", "college")}
    centre = User.objects.get(username=DEMO_ACCOUNTS["centre"].username)
    assert review_queue(user=users["counsellor"]).count() >= 9  # fdy0501: 2017级护理1-4班
    assert review_queue(user=users["college"]).count() >= 13  # xy05: 护理学院
    assert review_queue(user=centre).count() >= 30
    plans = DestinationPlan.objects.filter(graduate__cohort__year=2020)
    counts = _counts(plans, "status")
    assert counts[PlanStatus.DRAFT] >= 10 and counts[PlanStatus.RETURNED] >= 20
    # a returned plan shows the reviewer's reason as its last event
    for plan in plans.filter(status=PlanStatus.RETURNED):
        last = plan.events.order_by("created_at", "pk").last()
        assert last.action == Action.RETURN and last.comment
    # every college officer has something waiting, and so do the counsellors of every college
    for officer in User.objects.filter(role=Role.COLLEGE, college__name__in=EMPLOYED_BY_COLLEGE):
        assert review_queue(user=officer).exists(), officer.username
        counsellors = User.objects.filter(role=Role.COUNSELLOR, classes__major__college=officer.college)
        assert any(review_queue(user=c).exists() for c in counsellors.distinct()), officer.college.name


def test_the_demo_student_has_a_plan_in_force_and_can_ask_for_a_change(cohort):
    student = Graduate.objects.get(student_no=DEMO_ACCOUNTS["student"].username)
    assert student.plans.filter(status=PlanStatus.APPROVED).count() == 1
    assert not student.plans.filter(status__in=OPEN_STATUSES).exists()


def test_evidence_of_the_plans_on_their_way_is_a_real_pdf_in_media_root(cohort):
    evidence = Evidence.objects.filter(plan__graduate__cohort__year=2020).select_related("plan")
    assert evidence.count() > 100
    for item in evidence:
        assert item.plan.status != PlanStatus.APPROVED
        with item.file.open("rb") as handle:
            content = handle.read()
        assert (
            content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF") and len(content) == item.size
        )
        assert item.uploaded_at < item.plan.submitted_at


# --- idempotence ------------------------------------------------------------------------------------------


def _snapshot():
    plans = DestinationPlan.objects.filter(graduate__cohort__year=2020)
    fields = ["graduate__student_no", "destination__code", "status", "replaces__created_at", "created_at",
              "approved_at", "approved_on", "superseded_at", "employer_name", "work_province__code",
              "not_employed_reason__code"]  # fmt: skip
    return {
        "plans": Counter(plans.values_list(*fields)),
        "events": Counter(
            PlanEvent.objects.filter(plan__in=plans).values_list(
                "plan__graduate__student_no",
                "plan__created_at",
                "action",
                "from_status",
                "to_status",
                "actor__username",
                "actor_role",
                "created_at",
            )
        ),  # fmt: skip
        "evidence": set(Evidence.objects.filter(plan__in=plans).values_list("token", "kind", "size")),
    }


def test_running_again_keeps_the_plans(cohort):
    before_ids = set(DestinationPlan.objects.filter(graduate__cohort__year=2020).values_list("pk", flat=True))
    before = _snapshot()
    out = StringIO()
    call_command("load_demo_cohort", stdout=out)
    assert str(ALREADY_LOADED).format(command="load_demo_cohort", title=CohortCommand.title) in out.getvalue()
    assert (
        set(DestinationPlan.objects.filter(graduate__cohort__year=2020).values_list("pk", flat=True))
        == before_ids
    )
    assert _snapshot() == before


def test_a_reviewed_plan_is_never_put_back_but_reset_rebuilds_the_same_plans(cohort):
    before = _snapshot()
    # given the centre approved a demo plan in the meantime
    plan = DestinationPlan.objects.filter(
        graduate__cohort__year=2020, status=PlanStatus.COLLEGE_APPROVED
    ).first()
    plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=User.objects.get(username="jyzx"))
    reviewed = _snapshot()
    # loading again refuses and keeps the approval (tests/test_demo_guard.py: every loader, every kind of work)
    with pytest.raises(CommandError):
        call_command("load_demo_cohort", stdout=StringIO())
    assert _snapshot() == reviewed != before
    call_command("load_demo_cohort", "--reset", "--yes", stdout=StringIO())
    assert _snapshot() == before


def test_the_generator_is_deterministic():
    first = build_demo_plans()
    build_demo_plans.cache_clear()
    assert build_demo_plans() == first


def test_fit_table_keeps_both_margins_and_the_zeros():
    table = fit_table([5, 3, 2], [4, 6], [[1, 1], [0, 1], [3, 1]])
    assert [sum(row) for row in table] == [5, 3, 2]
    assert [sum(col) for col in zip(*table, strict=True)] == [4, 6]
    assert table[1][0] == 0
    with pytest.raises(ValueError):
        fit_table([2], [1, 1], [[1, 0]])

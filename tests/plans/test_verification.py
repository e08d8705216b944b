"""Verification (核查): drawing samples, recording results, a false finding returns the plan, the summary."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Role
from apps.plans import verification as v
from apps.plans.models import (
    DestinationPlan,
    Notification,
    PlanStatus,
    Verification,
    VerificationBatch,
    VerificationResult,
)
from apps.plans.selectors import effective_plans
from apps.plans.services import evidence_add, plan_save_draft, plan_transition
from apps.plans.workflow import Action

from ..factories import make_cohort, make_graduate
from ..html import assert_no_inline_script_or_style
from .factories import approved_plan, code, employment_data, pdf, submitted_plan, waiting_data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def registered(
    graduate, code_value="11", *, actor, status=PlanStatus.APPROVED, day=datetime.date(2020, 7, 1)
):
    """A plan the centre approved on ``day`` (made directly: these tests are about what happens after)."""
    stamp = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    return DestinationPlan.objects.create(
        graduate=graduate,
        destination=code(code_value),
        status=status,
        approved_on=day,
        approved_at=stamp,
        status_changed_at=stamp,
        created_by=actor,
    )


@pytest.fixture
def plans(org):
    """Approved plans: 3 in college A (2 code 11, 1 code 80), 2 in college B (code 11); plus plans that must
    never be drawn: one superseded, one in review, one of another cohort."""
    a1, a1b = org.graduates["a1"]
    a2, a2b = org.graduates["a2"]
    b1, b1b = org.graduates["b1"]
    made = {
        "a1": registered(a1, actor=org.centre),
        "a1b": registered(a1b, actor=org.centre),
        "a2": registered(a2, "80", actor=org.centre),
        "b1": registered(b1, actor=org.centre),
        "b1b": registered(b1b, actor=org.centre),
    }
    registered(a2b, "70", actor=org.centre, status=PlanStatus.SUPERSEDED)
    DestinationPlan.objects.create(graduate=a2b, destination=code("11"), created_by=org.centre)  # a draft
    other = make_graduate(org.class_a1, cohort=make_cohort(2019))
    registered(other, actor=org.centre)
    return made


def drawn_ids(batch) -> set[int]:
    return set(batch.verifications.values_list("plan_id", flat=True))


def cohort_2020():
    return make_cohort(2020)


def record(verification, actor, result=VerificationResult.CONFIRMED, note="", method="phone", day=None):
    return v.verification_record(
        verification_id=verification.pk,
        actor=actor,
        method=method,
        checked_on=day or TODAY(),
        result=result,
        note=note,
    )


# --- drawing -------------------------------------------------------------------------------------------------


def test_all_of_a_college_draws_its_approved_plans_of_the_cohort_only(org, plans):
    batch = v.verification_batch_draw(actor=org.centre, cohort=cohort_2020(), college=org.college_a)

    assert drawn_ids(batch) == {plans["a1"].pk, plans["a1b"].pk, plans["a2"].pk}
    assert batch.verifications.filter(result=VerificationResult.PENDING).count() == 3
    assert batch.description == "2020届 · 护理学院 全部抽取：3 份"
    assert batch.created_by == org.centre


def test_all_of_a_code_draws_its_approved_plans(org, plans):
    batch = v.verification_batch_draw(actor=org.centre, cohort=cohort_2020(), destination=code("11"))

    assert drawn_ids(batch) == {plans[k].pk for k in ("a1", "a1b", "b1", "b1b")}


def test_a_percentage_is_a_reproducible_random_sample_whose_seed_is_recorded(org, plans):
    candidates = list(v.drawable_plans(cohort=cohort_2020()).values_list("pk", flat=True))
    assert len(candidates) == 5

    batch = v.verification_batch_draw(actor=org.centre, cohort=cohort_2020(), percent=Decimal("50"))

    seed = int(re.search(r"随机种子 (\d+)", batch.description)[1])
    assert "随机抽取 50%：5 份中抽取 3 份" in batch.description
    assert drawn_ids(batch) == set(v.draw_sample(candidates, Decimal("50"), seed))
    assert len(drawn_ids(batch)) == 3  # 2.5 rounded up


def test_the_same_seed_draws_the_same_plans_and_another_seed_may_not():
    ids = list(range(1, 201))

    assert v.draw_sample(ids, Decimal("10"), 7) == v.draw_sample(list(reversed(ids)), Decimal("10"), 7)
    assert v.draw_sample(ids, Decimal("10"), 7) != v.draw_sample(ids, Decimal("10"), 8)
    assert len(v.draw_sample(ids, Decimal("10"), 7)) == 20


@pytest.mark.parametrize(
    ("available", "percent", "size"),
    [(10, "25", 3), (10, "100", 10), (1, "0.01", 1), (200, "10", 20), (5098, "5", 255), (0, "50", 0)],
)
def test_sample_size_rounds_up(available, percent, size):
    assert v.sample_size(available, Decimal(percent)) == size


def test_a_plan_waiting_in_a_pending_verification_is_not_drawn_twice(org, plans):
    first = v.verification_batch_draw(actor=org.centre, cohort=cohort_2020(), college=org.college_b)

    second = v.verification_batch_draw(actor=org.centre, cohort=cohort_2020(), destination=code("11"))

    assert drawn_ids(second) == {plans["a1"].pk, plans["a1b"].pk}
    with pytest.raises(ValidationError) as raised:
        v.verification_batch_draw(actor=org.centre, cohort=cohort_2020(), college=org.college_b)
    assert raised.value.messages == [str(v.MSG_NOTHING_TO_DRAW)]
    # once recorded, a plan can be drawn again for a re-check (a new batch)
    for verification in first.verifications.all():
        record(verification, org.centre)
    again = v.verification_batch_draw(actor=org.centre, cohort=cohort_2020(), college=org.college_b)
    assert drawn_ids(again) == {plans["b1"].pk, plans["b1b"].pk}


def test_a_draw_needs_a_percentage_or_a_college_or_a_code(org, plans):
    with pytest.raises(ValidationError) as raised:
        v.verification_batch_draw(actor=org.centre, cohort=cohort_2020())

    assert raised.value.messages == [str(v.MSG_NEED_SCOPE)]
    assert not VerificationBatch.objects.exists()


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.ADMIN])
def test_only_the_centre_draws_and_records(org, plans, role):
    batch = v.verification_batch_draw(actor=org.centre, cohort=cohort_2020(), college=org.college_a)
    verification = batch.verifications.first()

    with pytest.raises(PermissionDenied):
        v.verification_batch_draw(actor=org.user_for(role), cohort=cohort_2020(), percent=Decimal(100))
    with pytest.raises(PermissionDenied):
        record(verification, org.user_for(role))
    verification.refresh_from_db()
    assert verification.result == VerificationResult.PENDING
    assert VerificationBatch.objects.count() == 1


# --- recording -----------------------------------------------------------------------------------------------


def test_a_recorded_verification_is_final(org, plans):
    batch = v.verification_batch_draw(actor=org.centre, cohort=cohort_2020(), college=org.college_b)
    verification = batch.verifications.first()

    record(verification, org.centre, VerificationResult.CONFIRMED, note="单位人事处确认", method="employer")

    verification.refresh_from_db()
    assert (verification.method, verification.result, verification.note) == (
        "employer",
        VerificationResult.CONFIRMED,
        "单位人事处确认",
    )
    assert verification.checked_on == TODAY() and verification.checked_by == org.centre
    assert verification.recorded_at is not None
    with pytest.raises(ValidationError) as raised:
        record(verification, org.centre, VerificationResult.FALSE, note="改口")
    assert raised.value.messages == [v.MSG_ALREADY_RECORDED.format(result="属实")]
    verification.refresh_from_db()
    assert verification.result == VerificationResult.CONFIRMED
    assert DestinationPlan.objects.get(pk=verification.plan_id).status == PlanStatus.APPROVED


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"result": VerificationResult.FALSE, "note": "  "}, "note", v.MSG_FINDING_REQUIRED),
        ({"result": VerificationResult.PENDING}, "result", v.MSG_RESULT_REQUIRED),
        ({"method": ""}, "method", v.MSG_METHOD_REQUIRED),
        ({"method": "fax"}, "method", v.MSG_METHOD_REQUIRED),
        ({"checked_on": None}, "checked_on", v.MSG_DATE_REQUIRED),
        ({"checked_on": datetime.date(2999, 1, 1)}, "checked_on", v.MSG_FUTURE_DATE),
    ],
)
def test_an_incomplete_record_is_refused_and_nothing_changes(org, plans, changes, field, message):
    verification = v.verification_batch_draw(
        actor=org.centre, cohort=cohort_2020(), college=org.college_b
    ).verifications.first()
    values = {"method": "phone", "checked_on": TODAY(), "result": VerificationResult.CONFIRMED, "note": ""}
    values.update(changes)

    with pytest.raises(ValidationError) as raised:
        v.verification_record(verification_id=verification.pk, actor=org.centre, **values)

    assert raised.value.message_dict == {field: [str(message)]}
    verification.refresh_from_db()
    assert verification.result == VerificationResult.PENDING


def test_a_check_dated_before_the_draw_is_refused(org, plans):
    verification = v.verification_batch_draw(
        actor=org.centre, cohort=cohort_2020(), college=org.college_b
    ).verifications.first()

    with pytest.raises(ValidationError) as raised:
        record(verification, org.centre, day=TODAY() - datetime.timedelta(days=1))

    assert raised.value.message_dict == {"checked_on": [v.MSG_BEFORE_DRAW.format(day=TODAY())]}


def test_a_false_finding_ends_the_plan_as_checked_with_the_finding_in_its_events(
    org, django_capture_on_commit_callbacks
):
    # given a plan the student registered through the three reviews, drawn for verification
    plan = approved_plan(org)
    verification = v.verification_batch_draw(
        actor=org.centre, cohort=cohort_2020(), college=org.college_a
    ).verifications.get()

    # when the centre records that the employer denies it
    with django_capture_on_commit_callbacks(execute=True):
        record(verification, org.centre, VerificationResult.FALSE, note="单位称无此人", method="employer")

    # then the plan is found false (terminal), the finding is the event's comment, the student is told
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FALSE
    last = plan.events.order_by("-pk").first()
    comment = v.FALSE_COMMENT.format(method="单位核实", day=TODAY(), finding="单位称无此人")
    assert (last.action, last.from_status, last.to_status, last.actor, last.comment) == (
        Action.VERIFY_FALSE,
        PlanStatus.APPROVED,
        PlanStatus.FALSE,
        org.centre,
        comment,
    )
    assert Notification.objects.filter(recipient=org.student, message__contains="单位称无此人").exists()
    verification.refresh_from_db()
    assert verification.result == VerificationResult.FALSE
    # and it no longer counts as the graduate's destination
    assert not effective_plans(as_of=TODAY()).filter(graduate=org.own_graduate).exists()


def test_a_false_finding_on_a_change_puts_the_replaced_plan_back_in_force(org):
    first = approved_plan(org, data=waiting_data())
    plan_save_draft(graduate=org.own_graduate, actor=org.student, data=employment_data())
    change = DestinationPlan.objects.get(graduate=org.own_graduate, status=PlanStatus.DRAFT)
    evidence_add(plan=change, actor=org.student, kind="contract", uploaded=pdf())
    plan_transition(plan_id=change.pk, action=Action.SUBMIT, actor=org.student)
    for reviewer in (org.counsellor, org.college_officer, org.centre):
        plan_transition(plan_id=change.pk, action=Action.APPROVE, actor=reviewer)
    verification = v.verification_batch_draw(
        actor=org.centre, cohort=cohort_2020(), college=org.college_a
    ).verifications.get()
    assert verification.plan_id == change.pk

    record(verification, org.centre, VerificationResult.FALSE, note="无劳动合同")

    first.refresh_from_db()
    change.refresh_from_db()
    assert (change.status, first.status) == (PlanStatus.FALSE, PlanStatus.APPROVED)
    assert first.events.order_by("-pk").first().action == Action.RESTORE


def test_a_false_finding_on_a_plan_no_longer_registered_is_refused_and_nothing_is_written(org):
    plan = approved_plan(org)
    verification = v.verification_batch_draw(
        actor=org.centre, cohort=cohort_2020(), college=org.college_a
    ).verifications.get()
    plan_transition(plan_id=plan.pk, action=Action.VERIFY_FALSE, actor=org.centre, comment="已直接记录")
    events = plan.events.count()

    with pytest.raises(ValidationError) as raised:
        record(verification, org.centre, VerificationResult.FALSE, note="不属实")

    assert raised.value.messages == [v.MSG_PLAN_NOT_IN_FORCE.format(status=PlanStatus.FALSE.label)]
    verification.refresh_from_db()
    assert verification.result == VerificationResult.PENDING and plan.events.count() == events


@pytest.mark.parametrize("open_status", [PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.RETURNED])
def test_a_false_finding_is_recorded_whatever_other_plan_the_graduate_has_open(org, open_status):
    # given a registered plan drawn for 核查, and a change the student started (a draft, in review, or returned
    # to them: only the student can move it)
    plan = approved_plan(org, data=waiting_data())
    verification = v.verification_batch_draw(
        actor=org.centre, cohort=cohort_2020(), college=org.college_a
    ).verifications.get()
    if open_status == PlanStatus.DRAFT:
        change = plan_save_draft(graduate=org.own_graduate, actor=org.student, data=waiting_data("拟升学"))
    else:
        change = submitted_plan(org)
        if open_status == PlanStatus.RETURNED:
            plan_transition(plan_id=change.pk, action=Action.RETURN, actor=org.counsellor, comment="缺材料")

    # when the centre records 不属实
    record(verification, org.centre, VerificationResult.FALSE, note="电话核实：未就业")

    # then the finding is recorded, the plan no longer counts, the change is left as it was
    plan.refresh_from_db()
    change.refresh_from_db()
    verification.refresh_from_db()
    assert (plan.status, change.status, verification.result) == (
        PlanStatus.FALSE,
        open_status,
        VerificationResult.FALSE,
    )
    assert not effective_plans(as_of=TODAY()).filter(graduate=org.own_graduate).exists()


def test_a_plan_superseded_after_it_was_drawn_can_be_found_false_and_each_past_date_gets_the_next(org):
    # given Z (06-01) superseded by A (07-01), A drawn for 核查 while in force, then superseded by B (09-15)
    graduate = org.own_graduate
    earliest = registered(
        graduate, "70", actor=org.centre, status=PlanStatus.SUPERSEDED, day=datetime.date(2020, 6, 1)
    )
    checked = registered(graduate, "11", actor=org.centre, day=datetime.date(2020, 7, 1))
    verification = v.verification_batch_draw(
        actor=org.centre, cohort=cohort_2020(), college=org.college_a
    ).verifications.get()
    DestinationPlan.objects.filter(pk=checked.pk).update(status=PlanStatus.SUPERSEDED)
    latest = registered(graduate, "80", actor=org.centre, day=datetime.date(2020, 9, 15))
    assert [p.pk for p in effective_plans(as_of=datetime.date(2020, 8, 31))] == [checked.pk]

    # when A is found false
    record(verification, org.centre, VerificationResult.FALSE, note="单位称无此人")

    # then A no longer counts at any date: 08-31 falls back to Z, B stays in force and counts from 09-15
    checked.refresh_from_db()
    latest.refresh_from_db()
    assert (checked.status, latest.status) == (PlanStatus.FALSE, PlanStatus.APPROVED)
    at = {
        day: [p.pk for p in effective_plans(as_of=day)]
        for day in (datetime.date(2020, 7, 1), datetime.date(2020, 8, 31), datetime.date(2020, 12, 31))
    }
    assert at == {
        datetime.date(2020, 7, 1): [earliest.pk],
        datetime.date(2020, 8, 31): [earliest.pk],
        datetime.date(2020, 12, 31): [latest.pk],
    }
    assert checked.events.get().action == Action.VERIFY_FALSE


# --- the summary ---------------------------------------------------------------------------------------------


@pytest.fixture
def checked(org, plans):
    """Batch 1: all of college A (3: 属实, 不属实, pending); batch 2: all of college B (2: 属实, 无法核实)."""
    cohort = cohort_2020()
    first = v.verification_batch_draw(actor=org.centre, cohort=cohort, college=org.college_a)
    second = v.verification_batch_draw(actor=org.centre, cohort=cohort, college=org.college_b)
    by_plan = {x.plan_id: x for x in Verification.objects.all()}
    record(by_plan[plans["a1"].pk], org.centre, VerificationResult.CONFIRMED)
    record(by_plan[plans["a1b"].pk], org.centre, VerificationResult.FALSE, note="无此单位")
    record(by_plan[plans["b1"].pk], org.centre, VerificationResult.CONFIRMED, method="sms")
    record(by_plan[plans["b1b"].pk], org.centre, VerificationResult.UNREACHABLE, method="sms")
    return first, second


def counts(row) -> tuple:
    return (row.drawn, row.checked, row.confirmed, row.false, row.unreachable, row.pending)


def test_the_summary_counts_per_batch_and_per_college_with_rates(org, checked):
    first, second = checked

    summary = v.verification_summary(cohort=cohort_2020())

    assert [(row.key, counts(row)) for row in summary["by_batch"]] == [
        (second.pk, (2, 2, 1, 0, 1, 0)),
        (first.pk, (3, 2, 1, 1, 0, 1)),
    ]
    assert [(row.name, counts(row)) for row in summary["by_college"]] == [
        ("护理学院", (3, 2, 1, 1, 0, 1)),
        ("机电工程学院", (2, 2, 1, 0, 1, 0)),
    ]
    total = summary["total"]
    assert counts(total) == (5, 4, 2, 1, 1, 1)
    assert (total.checked_rate, total.confirmed_rate, total.false_rate, total.unreachable_rate) == (
        Decimal("80.00"),
        Decimal("50.00"),
        Decimal("25.00"),
        Decimal("25.00"),
    )
    college_a = summary["by_college"][0]
    assert (college_a.checked_rate, college_a.confirmed_rate) == (Decimal("66.67"), Decimal("50.00"))
    assert v.verification_summary(cohort=make_cohort(2019))["total"].drawn == 0
    assert v.verification_summary(cohort=make_cohort(2019))["total"].checked_rate is None


# --- the pages -----------------------------------------------------------------------------------------------

URLS = ["verification_summary", "verification_draw", "verification_list"]


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.ADMIN])
@pytest.mark.parametrize("name", [*URLS, "verification_record"])
def test_the_pages_are_for_the_centre_only(client, org, checked, role, name):
    args = [Verification.objects.first().pk] if name == "verification_record" else []
    client.force_login(org.user_for(role))

    assert client.get(reverse(f"plans:{name}", args=args)).status_code == 403
    assert client.post(reverse(f"plans:{name}", args=args)).status_code == 403


@pytest.mark.parametrize("name", URLS)
def test_the_centre_opens_the_pages_without_inline_code(client, org, checked, name):
    client.force_login(org.centre)

    response = client.get(reverse(f"plans:{name}"))

    assert response.status_code == 200
    html = response.content.decode()
    assert_no_inline_script_or_style(html)


def test_the_summary_page_shows_the_tables(client, org, checked):
    client.force_login(org.centre)

    response = client.get(reverse("plans:verification_summary"), {"cohort": cohort_2020().pk})

    html = response.content.decode()
    assert 'id="summary-by-batch"' in html and 'id="summary-by-college"' in html
    assert '<strong id="total-drawn">5</strong>' in html and '<strong id="total-pending">1</strong>' in html
    assert "66.67%" in html


def test_drawing_through_the_page_goes_to_the_new_batch(client, org, plans):
    client.force_login(org.centre)

    response = client.post(
        reverse("plans:verification_draw"),
        {"cohort": cohort_2020().pk, "percent": "40", "seed": "12345"},
    )

    batch = VerificationBatch.objects.get()
    assert response.status_code == 302
    assert response.url == f"{reverse('plans:verification_list')}?batch={batch.pk}"
    assert "随机种子 12345" in batch.description and batch.verifications.count() == 2
    candidates = [plans[k].pk for k in plans]
    assert drawn_ids(batch) == set(v.draw_sample(candidates, Decimal("40"), 12345))


def test_a_draw_with_nothing_to_draw_shows_the_reason(client, org):
    client.force_login(org.centre)

    response = client.post(reverse("plans:verification_draw"), {"cohort": cohort_2020().pk, "percent": "10"})

    assert response.status_code == 200
    assert str(v.MSG_NOTHING_TO_DRAW) in response.content.decode()


def test_recording_a_false_finding_through_the_page_shows_it_on_the_plan(client, org):
    plan = approved_plan(org)
    verification = v.verification_batch_draw(
        actor=org.centre, cohort=cohort_2020(), college=org.college_a
    ).verifications.get()
    client.force_login(org.centre)
    url = reverse("plans:verification_record", args=[verification.pk])
    assert 'id="verification-record-form"' in client.get(url).content.decode()

    response = client.post(
        url, {"method": "phone", "checked_on": TODAY().isoformat(), "result": "false", "note": "本人称未就业"}
    )

    assert response.status_code == 302
    assert response.url.startswith(reverse("plans:verification_list"))
    detail = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "本人称未就业" in detail and str(PlanStatus.FALSE.label) in detail
    # the student sees the finding on their own page
    client.force_login(org.student)
    assert "本人称未就业" in client.get(reverse("plans:mine")).content.decode()
    # the record page now shows the result and no form
    client.force_login(org.centre)
    page = client.get(url).content.decode()
    assert 'id="verification-result-value">不属实<' in page and "verification-record-form" not in page


def test_a_record_without_a_finding_is_a_form_error(client, org, checked):
    pending = Verification.objects.get(result=VerificationResult.PENDING)
    client.force_login(org.centre)

    response = client.post(
        reverse("plans:verification_record", args=[pending.pk]),
        {"method": "phone", "checked_on": TODAY().isoformat(), "result": "false", "note": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"note": [str(v.MSG_FINDING_REQUIRED)]}
    pending.refresh_from_db()
    assert pending.result == VerificationResult.PENDING


def test_the_list_filters_and_pages(client, org, plans, checked):
    client.force_login(org.centre)
    url = reverse("plans:verification_list")
    first, _second = checked

    def listed(**params):
        return {x.plan_id for x in client.get(url, params).context["page"].object_list}

    ids = {key: plan.pk for key, plan in plans.items()}
    assert listed(result="confirmed") == {ids["a1"], ids["b1"]}
    assert listed(result="pending") == {ids["a2"]}
    assert listed(method="sms") == {ids["b1"], ids["b1b"]}
    assert listed(college=org.college_b.pk) == {ids["b1"], ids["b1b"]}
    assert listed(batch=first.pk) == {ids["a1"], ids["a1b"], ids["a2"]}
    assert listed(q=org.graduates["a1"][0].student_no) == {ids["a1"]}
    assert listed(cohort=make_cohort(2019).pk) == set()
    # 60 more in college B, and its 2 recorded plans drawn again: 67 rows, the second page holds 17
    for _ in range(60):
        registered(make_graduate(org.class_b1), actor=org.centre)
    v.verification_batch_draw(actor=org.centre, cohort=cohort_2020(), college=org.college_b)
    page = client.get(url, {"page": 2}).context["page"]
    assert (page.paginator.count, len(page.object_list)) == (67, 17)


@pytest.mark.parametrize("extra", [0, 60])
def test_list_and_summary_query_counts_do_not_grow(
    client, org, checked, django_assert_max_num_queries, extra
):
    for _ in range(extra):
        registered(make_graduate(org.class_b1), actor=org.centre)
    if extra:
        v.verification_batch_draw(actor=org.centre, cohort=cohort_2020(), college=org.college_b)
    client.force_login(org.centre)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("plans:verification_list"))
    assert len(response.context["page"].object_list) == min(50, 5 + extra)
    with django_assert_max_num_queries(SUMMARY_QUERIES):
        assert client.get(reverse("plans:verification_summary")).status_code == 200


# session, user, the page's rows and their count, the filter choices (cohorts, batches, colleges), unread count
LIST_QUERIES = 8
SUMMARY_QUERIES = 7

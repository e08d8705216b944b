"""Published figures (issue 10, Deliver 10): the centre publishes the report at a cut-off; later the page shows
the published figures beside today's recomputation, table by table, and who changed since and why."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Role
from apps.graduates.uploads import Table
from apps.plans.destination_import import COLUMNS, destination_import
from apps.plans.models import DestinationPlan, PlanStatus
from apps.plans.services import plan_save_draft
from apps.plans.verification import verification_batch_draw, verification_record
from apps.refdata.models import NotEmployedReason, Province
from apps.reports import publications
from apps.reports.forms import PublishForm
from apps.reports.models import PublishedDestination, ReportPublication
from apps.reports.publications import (
    MSG_ALREADY_PUBLISHED,
    MSG_FUTURE_CUT_OFF,
    ChangeReason,
    publication_changes,
    publication_comparison,
    publication_for,
    report_publish,
)
from apps.reports.selectors import annual_report

from ..factories import make_cohort, make_graduate, make_student_user
from ..html import assert_no_inline_script_or_style
from ..plans.factories import approved_plan, code, employment_data, registered_plan, waiting_data

pytestmark = pytest.mark.django_db

AUG = datetime.date(2020, 8, 31)


def register(org, graduate, destination, day, **fields):
    return registered_plan(graduate, destination, day, created_by=org.centre, **fields)


@pytest.fixture
def cohort(org):
    """Six graduates at 08-31: a1 and b1 employed (11), a2 in further study (80), a1b waiting (70),
    a2b and b1b without a registered destination. 3 of 6 employed: 50.00%."""
    a1, a1b = org.graduates["a1"]
    a2 = org.graduates["a2"][0]
    b1 = org.graduates["b1"][0]
    hubei = Province.objects.get(code="42")
    register(org, a1, "11", datetime.date(2020, 7, 1), employer_name="孝感市中心医院", work_province=hubei)
    register(org, b1, "11", datetime.date(2020, 7, 2), employer_name="武汉某公司", work_province=hubei)
    register(org, a2, "80", datetime.date(2020, 6, 1), institution="湖北工程学院", institution_province=hubei)
    register(
        org,
        a1b,
        "70",
        datetime.date(2020, 7, 10),
        not_employed_reason=NotEmployedReason.objects.get(name="求职中"),
    )
    return a1.cohort


def json_of_page(client, cohort, as_of):
    response = client.get(
        reverse("reports:annual"), {"cohort": cohort.year, "as_of": as_of.isoformat(), "format": "json"}
    )
    assert response.status_code == 200
    return response.json()


def find_false(org, plan, finding="单位表示该生未在本单位就业"):
    """核查 不属实 through the verification service (the plan leaves the count at every date)."""
    batch = verification_batch_draw(actor=org.centre, cohort=plan.graduate.cohort, percent=Decimal(100))
    verification = batch.verifications.get(plan=plan)
    verification_record(
        verification_id=verification.pk,
        actor=org.centre,
        method="employer",
        checked_on=timezone.localdate(),
        result="false",
        note=finding,
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FALSE


def table_row(comparison, key, name):
    table = next(table for table in comparison.tables if table.key == key)
    return next(row for row in table.rows if row.name == name)


def headline(comparison, index):
    return comparison.headline[index]


# --- publishing ------------------------------------------------------------------------------------------


def test_the_centre_publishes_the_report_json_exactly_with_who_and_when_and_each_graduates_plan(
    client, org, cohort
):
    client.force_login(org.centre)
    page_json = json_of_page(client, cohort, AUG)

    publication = report_publish(actor=org.centre, cohort=cohort, as_of=AUG, note="上报省厅")

    publication.refresh_from_db()
    assert publication.data == page_json  # contract §4, exactly as the page's ?format=json
    assert (publication.published_by, publication.note) == (org.centre, "上报省厅")
    assert publication.published_at is not None
    snapshot = {
        row.graduate_id: (row.plan_id, row.destination.code if row.destination else None)
        for row in PublishedDestination.objects.filter(publication=publication).select_related("destination")
    }
    effective = {
        plan.graduate_id: (plan.pk, plan.destination.code)
        for plan in DestinationPlan.objects.filter(status=PlanStatus.APPROVED).select_related("destination")
    }
    every_graduate = [g for graduates in org.graduates.values() for g in graduates]
    assert set(snapshot) == {g.pk for g in every_graduate}
    for graduate in every_graduate:
        assert snapshot[graduate.pk] == effective.get(graduate.pk, (None, None))
    assert publication_for(cohort=cohort, as_of=AUG) == publication


def test_publishing_leaves_the_report_json_as_it_was(client, org, cohort):
    client.force_login(org.centre)
    before = json_of_page(client, cohort, AUG)
    report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    assert json_of_page(client, cohort, AUG) == before


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.ADMIN])
def test_only_the_centre_may_publish(org, cohort, role):
    with pytest.raises(PermissionDenied):
        report_publish(actor=org.user_for(role), cohort=cohort, as_of=AUG)
    assert not ReportPublication.objects.exists()


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.ADMIN])
def test_the_publication_pages_are_the_centres(client, org, cohort, role):
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    client.force_login(org.user_for(role))
    post = client.post(reverse("reports:publish"), {"cohort": 2020, "as_of": "2020-08-30", "confirm": "on"})
    assert post.status_code == 403
    assert client.get(reverse("reports:publications")).status_code == 403
    assert client.get(reverse("reports:publication", args=[publication.pk])).status_code == 403
    assert ReportPublication.objects.count() == 1


def test_a_published_figure_can_be_neither_changed_nor_deleted(org, cohort):
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    row = PublishedDestination.objects.filter(publication=publication).first()

    publication.note = "改过"
    for attempt in (
        publication.save,
        publication.delete,
        lambda: ReportPublication.objects.filter(pk=publication.pk).update(note="改过"),
        lambda: ReportPublication.objects.filter(pk=publication.pk).delete(),
        row.save,
        row.delete,
        lambda: PublishedDestination.objects.filter(publication=publication).update(plan=None),
        lambda: PublishedDestination.objects.filter(publication=publication).delete(),
    ):
        with pytest.raises(ValueError, match="append-only"):
            attempt()
    publication.refresh_from_db()
    assert publication.note == ""
    assert PublishedDestination.objects.filter(publication=publication).count() == 6


def test_a_second_publication_of_a_cut_off_is_a_clear_message(client, org, cohort):
    first = report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    with pytest.raises(ValidationError) as refused:
        report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    when = f"{timezone.localtime(first.published_at):%Y-%m-%d %H:%M}"
    expected = MSG_ALREADY_PUBLISHED.format(cohort=2020, day="2020-08-31", when=when, who="centre")
    assert refused.value.messages == [expected]

    # and through the page: a message and back to the report, never a 500
    client.force_login(org.centre)
    response = client.post(
        reverse("reports:publish"), {"cohort": 2020, "as_of": "2020-08-31", "confirm": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:annual") + "?cohort=2020&as_of=2020-08-31"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [expected]
    assert ReportPublication.objects.count() == 1


def test_two_publishers_at_once_the_loser_gets_the_message(org, cohort, monkeypatch):
    # given the first check saw no publication (another one commits right after it)
    report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    real = publications.publication_for
    calls = []

    def first_sees_nothing(**kwargs):
        calls.append(kwargs)
        return None if len(calls) == 1 else real(**kwargs)

    monkeypatch.setattr(publications, "publication_for", first_sees_nothing)
    # when the insert meets the unique constraint, then the message, nothing half-written
    with pytest.raises(ValidationError) as refused:
        report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    assert "只能发布一次" in refused.value.messages[0]
    assert ReportPublication.objects.count() == 1
    assert PublishedDestination.objects.count() == 6


def test_a_cut_off_in_the_future_cannot_be_published(org, cohort):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        report_publish(actor=org.centre, cohort=cohort, as_of=tomorrow)
    assert refused.value.message_dict["as_of"] == [MSG_FUTURE_CUT_OFF.format(day=tomorrow.isoformat())]


# --- what changed since, and why ---------------------------------------------------------------------------


def test_a_plan_found_false_after_publication_is_named_with_its_finding_and_costs_one_employed(org, cohort):
    a1 = org.graduates["a1"][0]
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    plan = DestinationPlan.objects.get(graduate=a1, status=PlanStatus.APPROVED)

    find_false(org, plan)

    comparison = publication_comparison(publication)
    graduates, employed, rate = comparison.headline
    assert (graduates.published_count, graduates.current_count, graduates.changed) == (6, 6, False)
    assert (employed.published_count, employed.current_count, employed.count_diff) == (3, 2, -1)
    assert (rate.published_percent, rate.current_percent, rate.percent_diff) == (50.0, 33.33, -16.67)
    category = table_row(comparison, "by_category", "协议就业")
    assert (category.published_count, category.current_count, category.count_diff) == (2, 1, -1)
    college = table_row(comparison, "rate_by_college", "护理学院")
    assert (college.published_percent, college.current_percent, college.changed) == (50.0, 25.0, True)
    assert table_row(comparison, "by_gender", "男").changed is False
    changes = publication_changes(publication)
    assert changes.count() == 1
    (change,) = changes[0:10]
    assert change.graduate == a1 and change.published_plan == plan
    assert change.published_destination.code == "11" and change.current_destination is None
    (reason,) = change.reasons
    assert reason.kind == ChangeReason.FOUND_FALSE
    assert reason.day == timezone.localdate()
    assert "单位表示该生未在本单位就业" in reason.detail


def test_an_import_after_publication_dated_before_the_cut_off_is_named_as_an_import(org, cohort):
    a2b = org.graduates["a2"][1]
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    row = {"学号": a2b.student_no, "毕业去向代码": "70", "未就业原因": "求职中", "审核通过日期": "2020-08-20"}

    result = destination_import(
        rows_source=Table.from_dicts(list(COLUMNS), [row]), dry_run=False, actor=org.centre
    )

    assert result.ok, result.errors
    comparison = publication_comparison(publication)
    seeking = table_row(comparison, "not_employed_reasons", "求职中")
    assert (seeking.published_count, seeking.current_count) == (1, 2)
    no_plan = table_row(comparison, "not_employed_reasons", "未填报去向")
    assert (no_plan.published_count, no_plan.current_count, no_plan.count_diff) == (2, 1, -1)
    assert headline(comparison, 1).changed is False
    (change,) = publication_changes(publication)[0:10]
    assert change.graduate == a2b
    assert change.published_destination is None and change.current_destination.code == "70"
    (reason,) = change.reasons
    assert (reason.kind, reason.day) == (ChangeReason.IMPORTED, timezone.localdate())
    assert "2020-08-20" in reason.detail


def test_a_correction_approved_after_publication_is_named_as_a_correction(org, cohort):
    # given the report of today published, then a waiting graduate's change to employment approved today
    today = timezone.localdate()
    a1b = org.graduates["a1"][1]
    make_student_user(a1b)
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=today)
    published_plan = DestinationPlan.objects.get(graduate=a1b, status=PlanStatus.APPROVED)

    correction = approved_plan(org, a1b, employment_data("11"))

    assert correction.approved_on == today
    comparison = publication_comparison(publication)
    assert (headline(comparison, 1).published_count, headline(comparison, 1).current_count) == (3, 4)
    (change,) = publication_changes(publication)[0:10]
    assert change.graduate == a1b
    assert (change.published_plan, change.current_plan) == (published_plan, correction)
    assert (change.published_destination.code, change.current_destination.code) == ("70", "11")
    (reason,) = change.reasons
    assert (reason.kind, reason.day) == (ChangeReason.CORRECTED, today)


def test_a_plan_found_false_then_corrected_shows_both_reasons(org, cohort):
    today = timezone.localdate()
    a1 = org.graduates["a1"][0]
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=today)
    plan = DestinationPlan.objects.get(graduate=a1, status=PlanStatus.APPROVED)
    find_false(org, plan)

    correction = approved_plan(org, a1, employment_data("12", employer_name="孝感某公司"))

    (change,) = publication_changes(publication)[0:10]
    assert [reason.kind for reason in change.reasons] == [ChangeReason.FOUND_FALSE, ChangeReason.CORRECTED]
    assert (change.published_plan, change.current_plan) == (plan, correction)
    assert (change.published_destination.code, change.current_destination.code) == ("11", "12")


def test_graduates_who_left_or_joined_the_cohort_are_named(org, cohort):
    b1 = org.graduates["b1"][0]
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    b1.__class__.objects.filter(pk=b1.pk).update(cohort=make_cohort(2021))
    newcomer = make_graduate(org.class_b1)

    comparison = publication_comparison(publication)
    graduates, employed, _ = comparison.headline
    assert (graduates.count_diff, employed.count_diff) == (0, -1)  # one left employed, one joined without
    changes = {change.graduate: change for change in publication_changes(publication)[0:10]}
    assert set(changes) == {b1, newcomer}
    assert [r.kind for r in changes[b1].reasons] == [ChangeReason.LEFT]
    assert changes[b1].in_cohort is False and changes[b1].published_destination.code == "11"
    assert [r.kind for r in changes[newcomer].reasons] == [ChangeReason.ADDED]


def test_nothing_changed_lists_nobody(org, cohort):
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    register(org, org.graduates["b1"][1], "11", datetime.date(2020, 9, 15))  # after the cut-off: no change
    comparison = publication_comparison(publication)
    assert comparison.changed is False
    assert publication_changes(publication).count() == 0


# --- query counts ----------------------------------------------------------------------------------------


def grow(org, extra):
    """``extra`` more graduates, each employed at 08-31."""
    hubei = Province.objects.get(code="42")
    for _ in range(extra):
        graduate = make_graduate(org.class_b1)
        register(org, graduate, "11", datetime.date(2020, 7, 1), employer_name="某公司", work_province=hubei)


def report_queries(cohort) -> int:
    """What the report itself costs (pinned in test_report.py): publishing and comparing add a fixed few."""
    with CaptureQueriesContext(connection) as queries:
        annual_report(cohort=cohort, as_of=AUG)
    return len(queries)


@pytest.mark.parametrize("extra", [0, 40])
def test_publishing_costs_a_fixed_number_of_queries(org, cohort, extra, django_assert_max_num_queries):
    grow(org, extra)
    # the check for an earlier one, the publication, the snapshot's one INSERT ... SELECT, and the savepoint
    # around it all
    with django_assert_max_num_queries(report_queries(cohort) + 5):
        report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    assert PublishedDestination.objects.count() == 6 + extra


def test_the_snapshot_is_one_insert_whatever_the_number_of_graduates(org, cohort):
    grow(org, 20)
    with CaptureQueriesContext(connection) as queries:
        publication = report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "reports_publisheddestination"')]
    assert len(inserts) == 1
    assert PublishedDestination.objects.filter(publication=publication).count() == 26


@pytest.mark.parametrize("extra", [0, 30])
def test_comparison_and_changes_cost_a_fixed_number_of_queries(
    org, cohort, extra, django_assert_max_num_queries
):
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    grow(org, extra)  # every one of them a change: joined the cohort after publication
    with django_assert_max_num_queries(report_queries(cohort)):
        publication_comparison(publication)
    # the count, then for a page: its graduates, their snapshot rows, current plans and the plans' events
    with django_assert_max_num_queries(5):
        changes = publication_changes(publication)
        assert changes.count() == extra
        assert len(changes[0:50]) == extra


@pytest.mark.parametrize("extra", [0, 30])
def test_the_comparison_page_costs_a_fixed_number_of_queries(
    client, org, cohort, extra, django_assert_max_num_queries
):
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    grow(org, extra)
    client.force_login(org.centre)
    # the session and user, the publication, the report, and the changes' five
    with django_assert_max_num_queries(report_queries(cohort) + 9):
        response = client.get(reverse("reports:publication", args=[publication.pk]))
    assert response.status_code == 200


# --- pages -----------------------------------------------------------------------------------------------


def test_the_report_page_offers_the_centre_to_publish_the_cut_off_shown(client, org, cohort):
    client.force_login(org.centre)
    body = client.get(reverse("reports:annual"), {"cohort": 2020, "as_of": "2020-08-31"}).content.decode()
    assert 'id="publish-form"' in body and 'name="confirm"' in body
    assert 'name="as_of" value="2020-08-31"' in body
    assert_no_inline_script_or_style(body)


def test_publishing_needs_the_confirmation_and_keeps_the_note(client, org, cohort):
    client.force_login(org.centre)
    response = client.post(
        reverse("reports:publish"), {"cohort": 2020, "as_of": "2020-08-31", "note": "初次上报"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert str(PublishForm.base_fields["confirm"].error_messages["required"]) in body
    assert 'value="初次上报"' in body
    assert not ReportPublication.objects.exists()


def test_the_publish_button_publishes_and_returns_to_the_report(client, org, cohort):
    client.force_login(org.centre)
    response = client.post(
        reverse("reports:publish"),
        {"cohort": 2020, "as_of": "2020-08-31", "note": "初次上报", "confirm": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:annual") + "?cohort=2020&as_of=2020-08-31"
    publication = ReportPublication.objects.get()
    assert (publication.as_of, publication.note, publication.published_by) == (AUG, "初次上报", org.centre)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [publications.MSG_PUBLISHED.format(cohort=2020, day="2020-08-31", graduates=6)]


def test_the_report_page_shows_the_published_figures_beside_todays(client, org, cohort):
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    find_false(org, DestinationPlan.objects.get(graduate=org.graduates["a1"][0], status=PlanStatus.APPROVED))
    client.force_login(org.centre)

    body = client.get(reverse("reports:annual"), {"cohort": 2020, "as_of": "2020-08-31"}).content.decode()

    assert "已发布数据对比" in body and 'id="publish-form"' not in body
    assert 'id="publication-headline"' in body
    assert "-16.67 个百分点" in body and 'class="num diff-down">-1<' in body
    assert reverse("reports:publication", args=[publication.pk]) in body
    assert reverse("reports:publications") in body
    assert_no_inline_script_or_style(body)


def test_a_cut_off_the_page_did_not_send_is_a_message(client, org, cohort):
    client.force_login(org.centre)
    response = client.post(
        reverse("reports:publish"), {"cohort": 1999, "as_of": "2020-02-30", "confirm": "on"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("reports:annual")
    assert len(list(get_messages(response.wsgi_request))) == 1
    assert not ReportPublication.objects.exists()


def test_a_college_sees_neither_the_form_nor_the_panel(client, org, cohort):
    report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    client.force_login(org.college_officer)
    body = client.get(reverse("reports:annual"), {"cohort": 2020, "as_of": "2020-08-31"}).content.decode()
    assert 'id="publication"' not in body


def test_the_comparison_page_shows_every_table_and_the_changed_graduates(client, org, cohort):
    a1 = org.graduates["a1"][0]
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    find_false(org, DestinationPlan.objects.get(graduate=a1, status=PlanStatus.APPROVED))
    client.force_login(org.centre)

    body = client.get(reverse("reports:publication", args=[publication.pk])).content.decode()

    for key in publications.JSON_TABLES:
        assert f'id="compare-{key}"' in body
    assert 'class="diff-changed"' in body
    assert f'<td data-label="学号">{a1.student_no}</td>' in body
    eleven = code("11")
    assert f'<td data-label="发布时去向">11 {eleven.name}</td>' in body
    assert '<td data-label="当前去向">未登记去向</td>' in body
    assert f'<span class="reason reason-found_false">{ChangeReason.FOUND_FALSE.label}（' in body
    assert_no_inline_script_or_style(body)


def test_the_changed_graduates_are_paged(client, org, cohort):
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    grow(org, 55)
    client.force_login(org.centre)
    first = client.get(reverse("reports:publication", args=[publication.pk]))
    second = client.get(reverse("reports:publication", args=[publication.pk]), {"page": 2})
    assert len(first.context["page"].object_list) == 50 and len(second.context["page"].object_list) == 5
    assert "第 1 / 2 页" in first.content.decode()


def test_the_list_names_each_publication(client, org, cohort):
    report_publish(actor=org.centre, cohort=cohort, as_of=AUG)
    report_publish(actor=org.centre, cohort=cohort, as_of=datetime.date(2020, 12, 31), note="年终")
    client.force_login(org.centre)
    response = client.get(reverse("reports:publications"), {"cohort": 2020})
    body = response.content.decode()
    assert response.status_code == 200
    assert [p.as_of for p in response.context["page"]] == [datetime.date(2020, 12, 31), AUG]
    assert "年终" in body and "2020-08-31" in body
    assert_no_inline_script_or_style(body)


def test_waiting_data_is_not_a_destination_change(org, cohort):
    # A student's draft after publication changes nothing at the cut-off.
    a2b = org.graduates["a2"][1]
    make_student_user(a2b)
    publication = report_publish(actor=org.centre, cohort=cohort, as_of=timezone.localdate())

    plan_save_draft(graduate=a2b, actor=a2b.user, data=waiting_data())
    assert publication_changes(publication).count() == 0


@pytest.mark.django_db(transaction=True)
def test_publishing_in_its_own_transaction(code_tables, org):
    """Outside any caller's transaction (as in a request), the service opens its own: on PostgreSQL the
    report and the snapshot then read one snapshot of the data (REPEATABLE READ)."""
    register(org, org.own_graduate, "11", datetime.date(2020, 7, 1))
    publication = report_publish(actor=org.centre, cohort=org.own_graduate.cohort, as_of=AUG)
    assert publication.data["employed"] == 1
    assert PublishedDestination.objects.filter(publication=publication, plan__isnull=False).count() == 1

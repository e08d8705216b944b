"""Chase lists (催报): who needs a nudge at a date, in the user's scope, with the reminder action."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Role
from apps.followup.forms import MSG_AS_OF_RANGE
from apps.followup.selectors import ChaseKind, ChaseQuery, chase_list
from apps.followup.views import MSG_NOTHING_CHOSEN, MSG_NOTIFIED, MSG_NOTIFIED_SOME_WITHOUT_ACCOUNT
from apps.plans.models import DestinationPlan, Notification, PlanStatus
from apps.plans.progress import employment_progress, progress_graduates
from apps.plans.services import plan_transition
from apps.plans.workflow import Action

from ..factories import make_cohort, make_student_user
from ..html import assert_no_inline_script_or_style
from ..plans.factories import registered_plan, submitted_plan
from .chase_data import ago, load_waiting_graduates

pytestmark = pytest.mark.django_db

AUG_31 = datetime.date(2020, 8, 31)
URL = "followup:chase"
# Session, user, cohort (default and form), count, rows, last actions, unread badge, the filters' choices.
CHASE_PAGE_QUERIES = 13


def names(response) -> set[str]:
    return {row.graduate.name for row in response.context["rows"]}


def query(kind, **fields) -> ChaseQuery:
    return ChaseQuery(cohort=make_cohort(), as_of=fields.pop("as_of", AUG_31), kind=kind, **fields)


def test_not_registered_lists_graduates_without_a_registered_plan_at_the_date(org):
    # given one graduate of A1 registered on 08-01 and another registered only on 09-15
    first, second = org.graduates["a1"]
    registered_plan(first, "11", datetime.date(2020, 8, 1), created_by=org.centre)
    registered_plan(second, "11", datetime.date(2020, 9, 15), created_by=org.centre)
    # when the centre asks at 08-31, then at 09-30
    at_aug = set(chase_list(user=org.centre, query=query(ChaseKind.NOT_REGISTERED)))
    at_sep = set(
        chase_list(user=org.centre, query=query(ChaseKind.NOT_REGISTERED, as_of=datetime.date(2020, 9, 30)))
    )
    # then the second is missing at 08-31 only
    others = {*org.graduates["a2"], *org.graduates["b1"]}
    assert at_aug == {second, *others}
    assert at_sep == others


def test_not_employed_category_is_the_destination_in_force_being_waiting_or_not_seeking(org):
    waiting, employed = org.graduates["a1"]
    registered_plan(waiting, "70", datetime.date(2020, 7, 1), created_by=org.centre)
    registered_plan(employed, "11", datetime.date(2020, 7, 1), created_by=org.centre)
    later_employed = org.graduates["a2"][0]
    registered_plan(
        later_employed, "72", datetime.date(2020, 7, 1), created_by=org.centre, status=PlanStatus.SUPERSEDED
    )
    registered_plan(later_employed, "11", datetime.date(2020, 9, 1), created_by=org.centre)
    assert set(chase_list(user=org.centre, query=query(ChaseKind.NOT_EMPLOYED_CATEGORY))) == {
        waiting,
        later_employed,
    }
    at_sep = query(ChaseKind.NOT_EMPLOYED_CATEGORY, as_of=datetime.date(2020, 9, 30))
    assert set(chase_list(user=org.centre, query=at_sep)) == {waiting}


@pytest.mark.parametrize("role", [Role.CENTRE, Role.COLLEGE, Role.COUNSELLOR])
def test_not_employed_matches_the_progress_pages_count_for_every_role(org, role):
    registered_plan(org.graduates["a1"][0], "70", datetime.date(2020, 7, 1), created_by=org.centre)
    registered_plan(org.graduates["a2"][0], "11", datetime.date(2020, 7, 1), created_by=org.centre)
    registered_plan(org.graduates["b1"][0], "80", datetime.date(2020, 7, 1), created_by=org.centre)
    user = org.user_for(role)
    cohort = make_cohort()
    progress = employment_progress(
        cohort=cohort, as_of=AUG_31, graduates=progress_graduates(user=user, cohort=cohort)
    )
    listed = chase_list(user=user, query=query(ChaseKind.NOT_EMPLOYED))
    assert listed.count() == progress.total.not_employed


@pytest.mark.parametrize(
    "role, visible",
    [
        (Role.COUNSELLOR, {"a1"}),
        (Role.COLLEGE, {"a1", "a2"}),
        (Role.CENTRE, {"a1", "a2", "b1"}),
    ],
)
def test_each_role_sees_only_its_scope(org, client, role, visible):
    client.force_login(org.user_for(role))
    response = client.get(reverse(URL), {"kind": ChaseKind.NOT_REGISTERED, "as_of": "2020-08-31"})
    assert response.status_code == 200
    expected = {g.name for key in visible for g in org.graduates[key]}
    assert names(response) == expected


@pytest.mark.parametrize("role", [Role.STUDENT, Role.ADMIN, Role.TENANT])
def test_other_roles_are_refused(org, client, role):
    from ..factories import make_user

    user = org.user_for(role) if role != Role.TENANT else make_user(Role.TENANT)
    client.force_login(user)
    assert client.get(reverse(URL)).status_code == 403
    assert client.post(reverse("followup:chase_notify"), {"graduate": [1]}).status_code == 403


def test_a_counsellor_cannot_widen_the_scope_with_a_filter(org, client):
    client.force_login(org.counsellor)
    response = client.get(reverse(URL), {"class_group": org.class_b1.pk})
    assert response.status_code == 200
    assert "class_group" in response.context["form"].errors
    assert response.context["rows"] == []


def test_returned_and_untouched_for_n_days(org):
    stale = submitted_plan(org, org.graduates["a1"][0])
    fresh_graduate = org.graduates["a1"][1]
    make_student_user(fresh_graduate)
    fresh = submitted_plan(org, fresh_graduate)
    for plan in (stale, fresh):
        plan_transition(plan_id=plan.pk, action=Action.RETURN, actor=org.counsellor, comment="缺合同页")
    DestinationPlan.objects.filter(pk=stale.pk).update(status_changed_at=ago(5), updated_at=ago(5))
    DestinationPlan.objects.filter(pk=fresh.pk).update(status_changed_at=ago(5), updated_at=ago(1))
    today = timezone.localdate()
    cohort = stale.graduate.cohort
    three = ChaseQuery(cohort=cohort, as_of=today, kind=ChaseKind.RETURNED, days=3)
    assert list(chase_list(user=org.counsellor, query=three)) == [stale.graduate]
    ten = ChaseQuery(cohort=cohort, as_of=today, kind=ChaseKind.RETURNED, days=10)
    assert list(chase_list(user=org.counsellor, query=ten)) == []
    zero = ChaseQuery(cohort=cohort, as_of=today, kind=ChaseKind.RETURNED, days=0)
    assert set(chase_list(user=org.counsellor, query=zero)) == {stale.graduate, fresh_graduate}


def test_waiting_by_level_with_days_and_the_last_action_on_the_page(org, client):
    at_college = submitted_plan(org, org.graduates["a1"][0])
    plan_transition(plan_id=at_college.pk, action=Action.APPROVE, actor=org.counsellor)
    DestinationPlan.objects.filter(pk=at_college.pk).update(status_changed_at=ago(4))
    other = org.graduates["a1"][1]
    make_student_user(other)
    at_counsellor = submitted_plan(org, other)
    DestinationPlan.objects.filter(pk=at_counsellor.pk).update(status_changed_at=ago(6))
    client.force_login(org.college_officer)
    today = timezone.localdate().isoformat()
    response = client.get(reverse(URL), {"kind": ChaseKind.WAITING, "as_of": today})
    rows = response.context["rows"]
    assert [r.graduate for r in rows] == [other, at_college.graduate]  # longest wait first
    assert [r.days for r in rows] == [6, 4]
    assert rows[1].last.to_status == PlanStatus.COUNSELLOR_APPROVED.label
    assert rows[1].last.role == Role.COUNSELLOR.label
    response = client.get(
        reverse(URL), {"kind": ChaseKind.WAITING, "as_of": today, "level": PlanStatus.COUNSELLOR_APPROVED}
    )
    assert names(response) == {at_college.graduate.name}
    assert_no_inline_script_or_style(response.content.decode())


@pytest.mark.parametrize(
    "params, field",
    [
        ({"as_of": "2999-01-01"}, "as_of"),
        ({"as_of": "1999-12-31"}, "as_of"),
        ({"as_of": "2020-02-30"}, "as_of"),
        ({"days": "366"}, "days"),
        ({"days": "-1"}, "days"),
        ({"days": "x"}, "days"),
        ({"kind": "everybody"}, "kind"),
        ({"cohort": "999999"}, "cohort"),
        ({"size": "100000"}, "size"),
    ],
)
def test_a_bad_value_in_the_url_is_a_form_error_not_a_500(org, client, params, field):
    client.force_login(org.centre)
    response = client.get(reverse(URL), params)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["rows"] == []


def test_a_date_outside_the_cohorts_years_says_which_dates_are_allowed(org, client):
    client.force_login(org.centre)
    response = client.get(reverse(URL), {"as_of": "2999-01-01"})
    expected = MSG_AS_OF_RANGE.format(first=datetime.date(2019, 1, 1), last=timezone.localdate())
    assert response.context["form"].errors["as_of"] == [expected]


def test_search_and_paging(org, client):
    client.force_login(org.centre)
    target = org.graduates["b1"][1]
    response = client.get(reverse(URL), {"as_of": "2020-08-31", "q": target.student_no})
    assert names(response) == {target.name}
    response = client.get(reverse(URL), {"as_of": "2020-08-31", "size": 20, "page": 99})
    assert response.context["page"].number == 1


def test_notify_the_chosen_graduates_keeps_the_filters_and_says_how_many(org, client):
    # given the counsellor's list with two graduates of A1 (one without an account) and one of B1 smuggled in
    with_account, without_account = org.graduates["a1"]
    outsider = org.graduates["b1"][0]
    make_student_user(outsider)
    client.force_login(org.counsellor)
    back = "kind=not_registered&as_of=2020-08-31&q=2017"
    # when they notify the three
    response = client.post(
        reverse("followup:chase_notify"),
        {"graduate": [with_account.pk, without_account.pk, outsider.pk], "back": back},
    )
    # then back on the list with its filters, the one with an account notified, the outsider not
    assert response.status_code == 302
    assert response.url == f"{reverse(URL)}?{back}"
    notes = Notification.objects.all()
    assert [n.recipient for n in notes] == [with_account.user]
    assert notes[0].message.startswith("【催报】")
    followed = client.get(response.url)
    message = str(next(iter(followed.context["messages"])))
    assert message == MSG_NOTIFIED_SOME_WITHOUT_ACCOUNT.format(notified=1, missing=1)


def test_notify_two_says_two(org, client):
    second = org.graduates["a1"][1]
    make_student_user(second)
    client.force_login(org.counsellor)
    response = client.post(
        reverse("followup:chase_notify"),
        {"graduate": [g.pk for g in org.graduates["a1"]], "back": ""},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [MSG_NOTIFIED.format(notified=2, missing=0)]
    assert Notification.objects.filter(recipient__in=[g.user for g in org.graduates["a1"]]).count() == 2


def test_notify_with_nothing_ticked_asks_to_tick(org, client):
    client.force_login(org.counsellor)
    response = client.post(reverse("followup:chase_notify"), {"back": "kind=returned&days=5"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [MSG_NOTHING_CHOSEN]
    assert response.request["QUERY_STRING"] == "kind=returned&days=5"
    assert not Notification.objects.exists()


def test_notify_refuses_a_get(org, client):
    client.force_login(org.counsellor)
    assert client.get(reverse("followup:chase_notify")).status_code == 405


@pytest.mark.parametrize("kind", [k for k, _label in ChaseKind.CHOICES])
def test_queries_do_not_grow_with_the_number_of_graduates(org, client, django_assert_max_num_queries, kind):

    client.force_login(org.centre)
    params = {"kind": kind, "as_of": timezone.localdate().isoformat(), "size": 100}
    load_waiting_graduates(org, 3)
    with django_assert_max_num_queries(CHASE_PAGE_QUERIES):
        small = client.get(reverse(URL), params)
    load_waiting_graduates(org, 30)
    with django_assert_max_num_queries(CHASE_PAGE_QUERIES):
        large = client.get(reverse(URL), params)
    assert len(large.context["rows"]) > len(small.context["rows"]) > 0


def test_the_fields_show_the_defaults_the_list_uses(org, client):
    client.force_login(org.centre)
    form = client.get(reverse(URL)).context["form"]
    assert form["size"].value() == "50"
    assert form["days"].value() == "3"


def test_returned_and_waiting_lists_default_to_today_the_others_to_the_cohorts_cut_off(org, client):
    client.force_login(org.centre)
    for kind in ChaseKind.WITH_DAYS:
        assert client.get(reverse(URL), {"kind": kind}).context["chase"].as_of == timezone.localdate()
    not_employed = client.get(reverse(URL), {"kind": ChaseKind.NOT_EMPLOYED}).context["chase"]
    assert not_employed.as_of == datetime.date(2020, 8, 31)  # a past cohort's initial cut-off (progress page)

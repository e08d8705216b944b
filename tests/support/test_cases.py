"""Cases and their log: opened automatically (the import's hook) and by hand, kept, corrected, never edited."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from apps.accounts.models import Role
from apps.graduates.models import Graduate
from apps.support.models import ActionKind, CaseStatus, SupportAction, SupportCase
from apps.support.selectors import counted_actions, group_without_case
from apps.support.services import (
    MSG_ALREADY_CORRECTED,
    MSG_CASE_EXISTS,
    MSG_CLOSE_REASON,
    MSG_FUTURE_DATE,
    MSG_JOB_NEEDS_EMPLOYER,
    MSG_NOT_IN_GROUP,
    MSG_RESPONSIBLE,
    support_case_open,
    support_case_set_status,
    support_case_update,
    support_cases_open_for,
)

from ..factories import make_user
from .factories import hardship_graduate, log

pytestmark = pytest.mark.django_db

DAY = datetime.date(2020, 5, 6)


def test_cases_open_for_the_group_only_once_with_the_class_counsellor(org):
    # given graduates in the group by each of its three rules, and a second counsellor of A1 added later
    poor = hardship_graduate(org.class_a1, "registered_poor")
    county = hardship_graduate(org.class_a2, "poverty_county")
    disabled = hardship_graduate(org.class_b1, "残疾")
    later = make_user(Role.COUNSELLOR, username="counsellor-a1-later")
    later.classes.add(org.class_a1)
    # when cases are opened for everybody, twice
    assert support_cases_open_for(graduates=Graduate.objects.all()) == 3
    assert support_cases_open_for(graduates=Graduate.objects.all()) == 0
    # then exactly the group has one each, A1's with its first counsellor, the others with nobody yet
    cases = {c.graduate_id: c for c in SupportCase.objects.all()}
    assert set(cases) == {poor.pk, county.pk, disabled.pk}
    assert cases[poor.pk].responsible == org.counsellor
    assert cases[county.pk].responsible is None and cases[disabled.pk].responsible is None
    assert all(c.status == CaseStatus.OPEN and c.opened_by is None for c in cases.values())


def test_opening_is_a_constant_number_of_queries(org, django_assert_max_num_queries):
    for _ in range(30):
        hardship_graduate(org.class_a1)
    with django_assert_max_num_queries(3):
        assert support_cases_open_for(graduates=Graduate.objects.all()) == 30


def test_opening_by_hand_checks_scope_group_and_duplicates(org):
    inside = hardship_graduate(org.class_a1)
    outside = hardship_graduate(org.class_b1)
    counsellor = org.counsellor
    with pytest.raises(ValidationError) as error:
        support_case_open(graduate=org.graduates["a1"][1], actor=counsellor)
    assert error.value.messages == [str(MSG_NOT_IN_GROUP)]
    with pytest.raises(PermissionDenied):
        support_case_open(graduate=outside, actor=counsellor)
    with pytest.raises(PermissionDenied):
        support_case_open(graduate=inside, actor=org.student)
    case = support_case_open(graduate=inside, actor=counsellor)
    assert case.opened_by == counsellor and case.responsible == counsellor
    with pytest.raises(ValidationError) as error:
        support_case_open(graduate=inside, actor=counsellor)
    assert error.value.messages == [str(MSG_CASE_EXISTS)]


def test_opening_the_missing_ones_by_hand_stays_in_scope(org):
    hardship_graduate(org.class_a1)
    hardship_graduate(org.class_b1)
    cohort = org.own_graduate.cohort
    assert group_without_case(user=org.counsellor, cohort=cohort).count() == 1
    assert support_cases_open_for(graduates=Graduate.objects.all(), actor=org.counsellor) == 1
    assert group_without_case(user=org.counsellor, cohort=cohort).count() == 0
    assert group_without_case(user=org.centre, cohort=cohort).count() == 1
    with pytest.raises(PermissionDenied):
        support_cases_open_for(graduates=Graduate.objects.all(), actor=org.student)


@pytest.fixture
def case(org):
    hardship_graduate(org.class_a1)
    support_cases_open_for(graduates=Graduate.objects.all())
    return SupportCase.objects.get()


def test_a_job_recommendation_names_employer_and_position(case, org):
    with pytest.raises(ValidationError) as error:
        log(case, org.counsellor, ActionKind.JOB, DAY, "推荐岗位", employer_name="孝感市中心医院")
    assert error.value.messages == [str(MSG_JOB_NEEDS_EMPLOYER)]
    job = log(
        case, org.counsellor, ActionKind.JOB, DAY, "优先推荐", employer_name="孝感市中心医院", position="护士"
    )
    assert (job.employer_name, job.position, job.author, job.author_role) == (
        "孝感市中心医院", "护士", org.counsellor, Role.COUNSELLOR,
    )  # fmt: skip
    call = log(case, org.counsellor, ActionKind.CALL, DAY, "电话", employer_name="x", position="y")
    assert (call.employer_name, call.position) == ("", "")


def test_entries_are_not_in_the_future_nor_status_changes_by_hand(case, org):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        log(case, org.counsellor, ActionKind.CALL, tomorrow)
    assert error.value.message_dict == {"acted_on": [str(MSG_FUTURE_DATE)]}
    with pytest.raises(ValidationError):
        log(case, org.counsellor, ActionKind.STATUS, DAY)


@pytest.mark.parametrize("role", [Role.STUDENT, Role.ADMIN, Role.COLLEGE, Role.COUNSELLOR])
def test_only_staff_in_scope_write_the_log(org, role):
    # given a case in college B: outside the counsellor's and the college officer's scope
    hardship_graduate(org.class_b1)
    support_cases_open_for(graduates=Graduate.objects.all())
    case = SupportCase.objects.get()
    with pytest.raises(PermissionDenied):
        log(case, org.user_for(role), ActionKind.CALL, DAY)
    assert not SupportAction.objects.exists()


def test_entries_are_append_only_and_a_correction_is_a_new_entry(case, org):
    entry = log(case, org.counsellor, ActionKind.CALL, DAY, "电话，号码有误")
    entry.note = "edited"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    fixed = log(case, org.counsellor, ActionKind.VISIT, DAY, "改为走访", corrects=entry)
    assert fixed.corrects == entry and SupportAction.objects.count() == 2
    assert list(counted_actions(DAY).filter(case=case)) == [fixed]
    with pytest.raises(ValidationError) as error:
        log(case, org.counsellor, ActionKind.CALL, DAY, "再改", corrects=entry)
    assert error.value.messages == [str(MSG_ALREADY_CORRECTED)]
    assert log(case, org.counsellor, ActionKind.CALL, DAY, "改正更正", corrects=fixed).corrects == fixed


def test_a_correction_belongs_to_the_same_case(case, org):
    other = hardship_graduate(org.class_a1)
    support_cases_open_for(graduates=Graduate.objects.all())
    entry = log(SupportCase.objects.get(graduate=other), org.counsellor, ActionKind.CALL, DAY)
    with pytest.raises(PermissionDenied):
        log(case, org.counsellor, ActionKind.CALL, DAY, corrects=entry)


def test_status_moves_by_the_table_and_are_logged_but_not_counted(case, org):
    with pytest.raises(ValidationError) as error:
        support_case_set_status(case_id=case.pk, actor=org.counsellor, status=CaseStatus.CLOSED)
    assert error.value.message_dict == {"reason": [str(MSG_CLOSE_REASON)]}
    support_case_set_status(case_id=case.pk, actor=org.counsellor, status=CaseStatus.CLOSED, reason="参军")
    with pytest.raises(ValidationError):  # closed -> employed is not a move; reopen first
        support_case_set_status(case_id=case.pk, actor=org.counsellor, status=CaseStatus.EMPLOYED)
    case = support_case_set_status(case_id=case.pk, actor=org.counsellor, status=CaseStatus.OPEN)
    assert (case.status, case.closed_reason) == (CaseStatus.OPEN, "")
    notes = list(case.actions.values_list("kind", "note"))
    assert notes == [
        (ActionKind.STATUS, "帮扶状态：帮扶中 → 已结案（参军）"),
        (ActionKind.STATUS, "帮扶状态：已结案 → 帮扶中"),
    ]
    assert not counted_actions(datetime.date.today()).filter(case=case).exists()


def test_the_responsible_member_of_staff_is_someone_whose_scope_holds_the_graduate(case, org):
    stranger = make_user(Role.COUNSELLOR, username="counsellor-b1")
    stranger.classes.add(org.class_b1)
    with pytest.raises(ValidationError) as error:
        support_case_update(
            case_id=case.pk, actor=org.counsellor, responsible=stranger, personal_plan="", priority="key"
        )
    assert error.value.message_dict == {"responsible": [str(MSG_RESPONSIBLE)]}
    case = support_case_update(
        case_id=case.pk, actor=org.college_officer, responsible=org.college_officer,
        personal_plan="  优先推荐护理岗位  ", priority="key",
    )  # fmt: skip
    assert (case.responsible, case.personal_plan, case.priority) == (
        org.college_officer,
        "优先推荐护理岗位",
        "key",
    )


def test_the_command_opens_what_is_missing(org):
    hardship_graduate(org.class_a1)
    out = StringIO()
    call_command("open_support_cases", "--cohort", "2020", stdout=out)
    assert out.getvalue() == "Opened 1 support case(s).\n"
    call_command("open_support_cases", stdout=out)
    assert SupportCase.objects.count() == 1


def test_the_demo_needs_the_demo_cohort_first():
    with pytest.raises(CommandError):
        call_command("load_demo_support", stdout=StringIO())

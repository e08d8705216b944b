"""Issue 12 item 9: the ledger and the finance (payment) export write a data-release record; the payment
export carries the full ID numbers and the bank account the finance office pays into, and only the centre
gets it."""

import io

import openpyxl
import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.releases.models import DataRelease, ReleaseKind
from apps.support.exports import PAYMENT_HEADERS
from apps.support.forms import BankAccountForm
from apps.support.models import Eligibility, SubsidyApplication
from apps.support.services import subsidy_apply, subsidy_pay, subsidy_transition
from apps.support.subsidies import MSG_BANK_ACCOUNT_CLOSED, subsidy_bank_account_set
from apps.support.views_subsidies import MSG_BANK_ACCOUNT_SAVED
from apps.support.workflow import SubsidyAction

from ..factories import make_user
from .conftest import AS_OF
from .factories import scheme

pytestmark = pytest.mark.django_db

BANK_ACCOUNT = "6222021234567890123"


def _college_sheet_rows(workbook) -> int:
    return sum(workbook[name].max_row - 2 for name in workbook.sheetnames[1:])


@pytest.mark.parametrize(("role", "rows"), [(Role.COUNSELLOR, 4), (Role.COLLEGE, 6), (Role.CENTRE, 8)])
def test_the_ledger_export_is_logged_with_its_rows_and_cut_off(client, ledger, role, rows):
    user = ledger.org.user_for(role)
    client.force_login(user)
    response = client.get(reverse("support:ledger_export"), {"as_of": AS_OF.isoformat()})
    assert _college_sheet_rows(openpyxl.load_workbook(io.BytesIO(response.getvalue()))) == rows
    release = DataRelease.objects.get()
    assert (release.user, release.role, release.kind, release.rows) == (
        user,
        role,
        ReleaseKind.LEDGER_EXPORT,
        rows,
    )
    assert release.filters == {"as_of": "2020-08-31"}


def test_the_ledger_export_keeps_its_filters(client, ledger):
    client.force_login(ledger.org.centre)
    client.get(reverse("support:ledger_export"), {"as_of": AS_OF.isoformat(), "flagged": "yes"})
    release = DataRelease.objects.get()
    assert release.filters == {"as_of": "2020-08-31", "flagged": "yes"}
    assert release.rows == 4  # h3, h4, h6, h8 (conftest's table)


@pytest.fixture
def paid(org):
    """Three of org's graduates paid 1,100 yuan; the student's own application with a bank account."""
    everyone = scheme(
        org.own_graduate.cohort, name="全体毕业生求职补贴", amount="1100.00", eligibility=Eligibility.ALL
    )
    graduates = [org.own_graduate, org.graduates["a2"][0], org.graduates["b1"][0]]
    applications = subsidy_apply(scheme=everyone, graduates=graduates, actor=org.centre)
    subsidy_bank_account_set(application_id=applications[0].pk, actor=org.student, bank_account=BANK_ACCOUNT)
    ids = [a.pk for a in applications]
    college_b = make_user(Role.COLLEGE, username="college-b", college=org.college_b)
    subsidy_transition(application_ids=ids[:2], action=SubsidyAction.APPROVE, actor=org.college_officer)
    subsidy_transition(application_ids=ids[2:], action=SubsidyAction.APPROVE, actor=college_b)
    subsidy_transition(application_ids=ids, action=SubsidyAction.APPROVE, actor=org.centre)
    subsidy_pay(application_ids=ids, batch_name="第一批", paid_on=AS_OF, actor=org.centre)
    return applications


def test_the_payment_export_has_full_id_numbers_and_bank_accounts_and_is_logged(client, org, paid):
    client.force_login(org.centre)
    response = client.get(reverse("support:subsidy_export"), {"status": "paid"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue()))["发放明细"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == PAYMENT_HEADERS
    detail = {row[6]: row for row in rows[1:-1]}
    own = detail[org.own_graduate.student_no]
    assert own[8] == org.own_graduate.id_number
    assert own[9] == BANK_ACCOUNT
    assert detail[org.graduates["b1"][0].student_no][8] == org.graduates["b1"][0].id_number
    release = DataRelease.objects.get()
    assert (release.user, release.role, release.kind, release.rows) == (
        org.centre,
        Role.CENTRE,
        ReleaseKind.FINANCE_EXPORT,
        3,
    )
    assert release.filters == {"status": "paid"}


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.COLLEGE, Role.ADMIN, Role.STUDENT])
def test_only_the_centre_gets_the_payment_export_and_a_refusal_is_no_release(client, org, paid, role):
    client.force_login(org.user_for(role))
    assert client.get(reverse("support:subsidy_export")).status_code == 403
    assert not DataRelease.objects.exists()


def test_the_bank_account_is_shown_masked_on_the_application(client, org, paid):
    client.force_login(org.centre)
    page = client.get(reverse("support:subsidy_detail", args=[paid[0].pk])).content.decode()
    assert "6222***********0123" in page
    assert BANK_ACCOUNT not in page


def test_the_student_enters_their_bank_account_and_a_bad_one_is_refused(client, org):
    everyone = scheme(
        org.own_graduate.cohort, name="全体毕业生求职补贴", amount="1100.00", eligibility=Eligibility.ALL
    )
    (application,) = subsidy_apply(scheme=everyone, graduates=[org.own_graduate], actor=org.student)
    client.force_login(org.student)
    url = reverse("support:subsidy_bank_account", args=[application.pk])
    response = client.post(url, {"bank_account": "6222 0212 3456 7890 123"}, follow=True)
    assert str(MSG_BANK_ACCOUNT_SAVED) in response.content.decode()
    assert SubsidyApplication.objects.get(pk=application.pk).bank_account == BANK_ACCOUNT
    response = client.post(url, {"bank_account": "6222-abc"}, follow=True)
    assert "银行卡号应为12至30位数字" in response.content.decode()
    assert SubsidyApplication.objects.get(pk=application.pk).bank_account == BANK_ACCOUNT
    assert BankAccountForm.base_fields["bank_account"].required is False


def test_a_paid_applications_bank_account_is_not_changed(client, org, paid):
    client.force_login(org.centre)
    response = client.post(
        reverse("support:subsidy_bank_account", args=[paid[0].pk]),
        {"bank_account": "6222000000000000"},
        follow=True,
    )
    assert str(MSG_BANK_ACCOUNT_CLOSED) in response.content.decode()
    assert SubsidyApplication.objects.get(pk=paid[0].pk).bank_account == BANK_ACCOUNT


def test_another_student_cannot_set_the_bank_account(client, org, paid):
    other = make_user(Role.STUDENT, username="other-student")
    client.force_login(other)
    response = client.post(
        reverse("support:subsidy_bank_account", args=[paid[1].pk]), {"bank_account": BANK_ACCOUNT}
    )
    assert response.status_code == 404

"""Issue 10, scenario 12: the one-time 求职补贴 is paid once per graduate and cohort, whatever the scheme (the
database refuses a second one; the service says so first, in Chinese, and a race ends in the same message),
and a payment is never dated in the future.
"""

import datetime
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from apps.plans.services import TransitionError
from apps.support import subsidies
from apps.support.forms import PayForm
from apps.support.models import (
    MSG_COHORT_OF_SCHEME,
    MSG_SCHEME_COHORT_FIXED,
    Eligibility,
    SubsidyApplication,
    SubsidyBatch,
    SubsidyStatus,
)
from apps.support.subsidies import (
    MSG_APPLIED_IN_COHORT,
    MSG_APPLIED_ON_FUTURE,
    MSG_PAID_IN_COHORT,
    MSG_PAID_ON_FUTURE,
    subsidy_apply,
    subsidy_pay,
    subsidy_transition,
)
from apps.support.workflow import SubsidyAction

from ..factories import make_cohort, make_student_user
from .factories import hardship_graduate, scheme

pytestmark = pytest.mark.django_db

PAID_ON = datetime.date(2020, 6, 30)


def _two_schemes(org):
    """The same cohort's hardship scheme and the scheme for all graduates (both one-time 求职补贴)."""
    cohort = org.own_graduate.cohort
    return (
        scheme(cohort, name="困难毕业生一次性求职补贴", amount="1500.00"),
        scheme(cohort, name="全体毕业生一次性求职补贴", amount="1100.00", eligibility=Eligibility.ALL),
    )


def _approved(org, application):
    subsidy_transition(
        application_ids=[application.pk], action=SubsidyAction.APPROVE, actor=org.college_officer
    )
    subsidy_transition(application_ids=[application.pk], action=SubsidyAction.APPROVE, actor=org.centre)


def test_a_graduate_paid_in_one_scheme_is_refused_by_another_of_the_cohort(org):
    # given a hardship graduate paid 1,500 yuan by the hardship scheme
    hardship, everyone = _two_schemes(org)
    graduate = hardship_graduate(org.class_a1)
    (paid,) = subsidy_apply(scheme=hardship, graduates=[graduate], actor=org.counsellor)
    _approved(org, paid)
    subsidy_pay(application_ids=[paid.pk], batch_name="第一批", paid_on=PAID_ON, actor=org.centre)

    # when the scheme for all graduates of the same cohort is applied for them (with another graduate)
    other = org.graduates["a1"][1]
    with pytest.raises(subsidies.ValidationError) as error:
        subsidy_apply(scheme=everyone, graduates=[other, graduate], actor=org.centre)

    # then it is refused, naming the graduate and the scheme that paid them, and nothing is written
    assert error.value.messages == [str(MSG_PAID_IN_COHORT).format(graduate=graduate, other=hardship.name)]
    assert not everyone.applications.exists()
    # the cohort is on the application, copied from the scheme
    assert SubsidyApplication.objects.get(pk=paid.pk).cohort_id == hardship.cohort_id


def test_an_application_in_review_closes_the_other_schemes_until_it_is_refused(org):
    hardship, everyone = _two_schemes(org)
    graduate = hardship_graduate(org.class_a1)
    (pending,) = subsidy_apply(scheme=everyone, graduates=[graduate], actor=org.counsellor)
    with pytest.raises(subsidies.ValidationError) as error:
        subsidy_apply(scheme=hardship, graduates=[graduate], actor=org.counsellor)
    assert error.value.messages == [str(MSG_APPLIED_IN_COHORT).format(graduate=graduate, other=everyone.name)]
    # a refused application does not count: the graduate may then apply to the other scheme
    subsidy_transition(
        application_ids=[pending.pk], action=SubsidyAction.REJECT, actor=org.college_officer,
        comment="学籍审核未通过",
    )  # fmt: skip
    (again,) = subsidy_apply(scheme=hardship, graduates=[graduate], actor=org.counsellor)
    assert again.status == SubsidyStatus.SUBMITTED


def test_the_database_refuses_a_second_one_time_subsidy_of_the_cohort(org):
    hardship, everyone = _two_schemes(org)
    graduate = hardship_graduate(org.class_a1)
    (first,) = subsidy_apply(scheme=hardship, graduates=[graduate], actor=org.counsellor)
    with pytest.raises(IntegrityError), transaction.atomic():
        SubsidyApplication.objects.create(
            scheme=everyone, cohort=everyone.cohort, graduate=graduate, amount="1100.00",
            applied_on=PAID_ON, applied_by=org.centre,
        )  # fmt: skip
    # a withdrawn or refused row stays outside the rule
    SubsidyApplication.objects.create(
        scheme=everyone, cohort=everyone.cohort, graduate=graduate, amount="1100.00",
        status=SubsidyStatus.WITHDRAWN, applied_on=PAID_ON, applied_by=org.centre,
    )  # fmt: skip
    assert SubsidyApplication.objects.filter(graduate=graduate).count() == 2
    assert first.cohort_id == graduate.cohort_id


def test_a_race_between_two_schemes_ends_in_the_same_message(org):
    """Two offices apply for one graduate in two schemes at the same moment: both pass the check, the
    database refuses the second insert, and its caller gets the message the check would have given."""
    hardship, everyone = _two_schemes(org)
    graduate = hardship_graduate(org.class_a1)
    real = subsidies._duplicates

    def rival_gets_in_first(scheme, graduates):
        # the check runs before the rival's row is there; it is committed before our insert
        found = real(scheme, graduates)
        patched.side_effect = real  # from here on (the rival's own check, ours after the refusal) as it is
        subsidy_apply(scheme=hardship, graduates=[graduate], actor=org.counsellor)
        return found

    with mock.patch.object(subsidies, "_duplicates", side_effect=rival_gets_in_first) as patched:
        with pytest.raises(subsidies.ValidationError) as error:
            subsidy_apply(scheme=everyone, graduates=[graduate], actor=org.centre)
    assert error.value.messages == [str(MSG_APPLIED_IN_COHORT).format(graduate=graduate, other=hardship.name)]
    assert list(SubsidyApplication.objects.values_list("scheme_id", flat=True)) == [hardship.pk]
    assert not everyone.applications.exists()


def test_a_payment_date_in_the_future_is_refused(org):
    _hardship, everyone = _two_schemes(org)
    (application,) = subsidy_apply(scheme=everyone, graduates=[org.own_graduate], actor=org.student)
    _approved(org, application)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(TransitionError) as error:
        subsidy_pay(application_ids=[application.pk], batch_name="第一批", paid_on=tomorrow, actor=org.centre)
    assert error.value.message == str(MSG_PAID_ON_FUTURE)
    application.refresh_from_db()
    assert application.status == SubsidyStatus.APPROVED and not SubsidyBatch.objects.exists()

    form = PayForm({"batch_name": "第一批", "paid_on": tomorrow.isoformat()})
    assert not form.is_valid() and form.errors["paid_on"] == [str(MSG_PAID_ON_FUTURE)]
    assert PayForm({"batch_name": "第一批", "paid_on": timezone.localdate().isoformat()}).is_valid()

    # a paper application is not dated in the future either
    with pytest.raises(subsidies.ValidationError) as error:
        subsidy_apply(scheme=_hardship, graduates=[hardship_graduate(org.class_a1)], actor=org.centre,
                      applied_on=tomorrow)  # fmt: skip
    assert error.value.messages == [str(MSG_APPLIED_ON_FUTURE)]


def test_the_payment_page_says_why_a_future_date_is_refused(client, org):
    _hardship, everyone = _two_schemes(org)
    (application,) = subsidy_apply(scheme=everyone, graduates=[org.own_graduate], actor=org.student)
    _approved(org, application)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    client.force_login(org.centre)
    response = client.post(
        reverse("support:subsidy_bulk"),
        {"application": [application.pk], "action": "pay", "batch_name": "第一批",
         "paid_on": tomorrow.isoformat()},
        follow=True,
    )  # fmt: skip
    assert str(MSG_PAID_ON_FUTURE) in [str(m) for m in response.context["messages"]]
    application.refresh_from_db()
    assert application.status == SubsidyStatus.APPROVED


def test_the_students_page_offers_no_second_scheme_of_the_cohort(client, org):
    hardship, everyone = _two_schemes(org)
    poor = hardship_graduate(org.class_a1)
    user = make_student_user(poor)
    subsidy_apply(scheme=everyone, graduates=[poor], actor=org.counsellor)
    client.force_login(user)
    response = client.get(reverse("support:my_subsidies"))
    assert response.context["form"] is None
    assert "您已申请本届其他求职补贴项目" in response.content.decode()
    response = client.post(reverse("support:my_subsidies"), {"scheme": hardship.pk})
    assert response.status_code == 200 and not hardship.applications.exists()


def test_the_copied_cohort_stays_the_schemes(org):
    """The application's cohort is a copy: a scheme with applications keeps its cohort, and an application
    naming another cohort than its scheme's does not validate."""
    hardship, _everyone = _two_schemes(org)
    (application,) = subsidy_apply(scheme=hardship, graduates=[hardship_graduate(org.class_a1)],
                                   actor=org.counsellor)  # fmt: skip
    hardship.cohort = make_cohort(2021)
    with pytest.raises(subsidies.ValidationError) as error:
        hardship.full_clean()
    assert error.value.message_dict == {"cohort": [str(MSG_SCHEME_COHORT_FIXED)]}
    application = SubsidyApplication.objects.get(pk=application.pk)  # its scheme as stored: 2020
    application.cohort = make_cohort(2021)
    with pytest.raises(subsidies.ValidationError) as error:
        application.full_clean(validate_constraints=False)
    assert error.value.message_dict["cohort"] == [str(MSG_COHORT_OF_SCHEME)]


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_cohort_and_stops_on_old_double_subsidies(code_tables, org):
    """Rows written before the cohort column get their scheme's cohort; a graduate who already holds two
    counting applications in one cohort stops the migration with their 学号 (the centre decides which
    stands), and nothing is guessed."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    hardship, everyone = _two_schemes(org)
    graduate = hardship_graduate(org.class_a1)
    (kept,) = subsidy_apply(scheme=hardship, graduates=[graduate], actor=org.counsellor)
    before = [("support", "0002_filter_indexes")]
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(before)
        old = MigrationExecutor(connection).loader.project_state(before).apps
        Application = old.get_model("support", "SubsidyApplication")
        double = Application.objects.create(
            scheme_id=everyone.pk, graduate_id=graduate.pk, amount="1100.00", status="submitted",
            applied_on=PAID_ON, applied_by_id=org.centre.pk,
        )  # fmt: skip

        with pytest.raises(RuntimeError) as error:
            MigrationExecutor(connection).migrate(latest)
        assert f"2020届 {graduate.student_no}" in str(error.value)
        assert "请先对多余的申请不予通过或撤回" in str(error.value)

        Application.objects.filter(pk=double.pk).update(status="withdrawn")
        MigrationExecutor(connection).migrate(latest)
    finally:
        MigrationExecutor(connection).migrate(latest)
    assert dict(SubsidyApplication.objects.values_list("pk", "cohort_id")) == {
        kept.pk: hardship.cohort_id, double.pk: everyone.cohort_id,
    }  # fmt: skip

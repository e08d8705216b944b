"""The ledger's figures on the hand-built set of ``conftest.py``: flags, days, counts and rates, exactly."""

from decimal import Decimal

import pytest

from apps.accounts.models import Role
from apps.support.selectors import ledger_cases, ledger_rows, ledger_summary

from .conftest import AS_OF, d

pytestmark = pytest.mark.django_db


def _rows(ledger, user, as_of=AS_OF):
    cohort = ledger.org.own_graduate.cohort
    key_of = {g.pk: key for key, g in ledger.graduates.items()}
    return {
        key_of[row.case.graduate_id]: row
        for row in ledger_rows(ledger_cases(user=user, cohort=cohort, as_of=as_of), as_of=as_of)
    }


def test_flags_days_and_counts_at_the_cut_off(ledger):
    rows = _rows(ledger, ledger.org.centre)
    assert {key: row.flagged for key, row in rows.items()} == {
        "h1": False,  # employed (11 approved 07-01)
        "h2": False,  # last action 13 days before: inside the 14-day window
        "h3": True,  # 70 is not employed; 14 days since the last action
        "h4": True,  # no destination, no action
        "h5": False,  # closed
        "h6": True,  # 80 approved only on 09-10; the 08-30 call was corrected to 08-01
        "h7": False,  # 10 approved on the cut-off day itself
        "h8": True,  # a status change is not support
    }
    assert {key: row.days_since for key, row in rows.items()} == {
        "h1": 91, "h2": 13, "h3": 14, "h4": None, "h5": None, "h6": 30, "h7": None, "h8": None,
    }  # fmt: skip
    assert {key: row.action_count for key, row in rows.items()} == {
        "h1": 1, "h2": 1, "h3": 1, "h4": 0, "h5": 0, "h6": 1, "h7": 0, "h8": 0,
    }  # fmt: skip
    assert rows["h6"].last_action.note == "日期更正"
    assert rows["h3"].last_action.acted_on == d(8, 17)  # the 09-05 training is after the cut-off
    assert {key: row.destination.destination.code for key, row in rows.items() if row.destination} == {
        "h1": "11", "h3": "70", "h7": "10",
    }  # fmt: skip


def test_a_later_date_counts_later_actions_and_destinations(ledger):
    rows = _rows(ledger, ledger.org.centre, as_of=d(9, 30))
    assert rows["h3"].days_since == 25 and rows["h3"].action_count == 2 and rows["h3"].flagged
    assert rows["h6"].destination.destination.code == "80" and not rows["h6"].flagged
    assert rows["h2"].days_since == 43 and rows["h2"].flagged


def test_rates_beside_the_school_average(ledger):
    summary = ledger_summary(user=ledger.org.centre, cohort=ledger.org.own_graduate.cohort, as_of=AS_OF)
    figures = [
        (r.name, r.group.graduates, r.group.employed, r.group.rate, r.everyone.graduates, r.everyone.employed,
         r.everyone.rate, r.cases, r.flagged)
        for r in [*summary.by_college, summary.total]
    ]  # fmt: skip
    assert figures == [
        ("护理学院", 6, 1, Decimal("16.67"), 10, 2, Decimal("20.00"), 6, 3),
        ("机电工程学院", 2, 1, Decimal("50.00"), 4, 2, Decimal("50.00"), 2, 1),
        ("合计", 8, 2, Decimal("25.00"), 14, 4, Decimal("28.57"), 8, 4),
    ]
    school = summary.school
    assert (school.group.rate, school.everyone.rate) == (Decimal("25.00"), Decimal("28.57"))
    assert summary.by_college[0].by_status == {"open": 5, "employed": 0, "closed": 1}


def test_a_counsellor_sees_their_classes_beside_the_whole_school(ledger):
    counsellor = ledger.org.user_for(Role.COUNSELLOR)
    summary = ledger_summary(user=counsellor, cohort=ledger.org.own_graduate.cohort, as_of=AS_OF)
    (row,) = summary.by_college
    assert (row.group.graduates, row.group.employed, row.group.rate) == (4, 1, Decimal("25.00"))
    assert (row.everyone.graduates, row.everyone.employed, row.everyone.rate) == (6, 2, Decimal("33.33"))
    assert (row.cases, row.flagged) == (4, 1)
    assert (summary.school.group.rate, summary.school.everyone.rate) == (Decimal("25.00"), Decimal("28.57"))
    assert set(_rows(ledger, counsellor)) == {"h1", "h2", "h5", "h6"}


def test_at_a_later_date_the_rates_move(ledger):
    summary = ledger_summary(user=ledger.org.centre, cohort=ledger.org.own_graduate.cohort, as_of=d(9, 30))
    assert (summary.school.group.employed, summary.school.group.rate) == (3, Decimal("37.50"))
    assert (summary.school.everyone.employed, summary.school.everyone.rate) == (5, Decimal("35.71"))


@pytest.mark.parametrize(("role", "keys"), [
    (Role.COUNSELLOR, {"h1", "h2", "h5", "h6"}),
    (Role.COLLEGE, {"h1", "h2", "h3", "h4", "h5", "h6"}),
    (Role.CENTRE, {"h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8"}),
    (Role.STUDENT, set()),
    (Role.ADMIN, set()),
])  # fmt: skip
def test_the_ledger_holds_the_cases_in_scope(ledger, role, keys):
    assert set(_rows(ledger, ledger.org.user_for(role))) == keys

import pytest

from apps.graduates.services import cohort_archive

from ..factories import make_cohort, make_graduate, make_student_user

pytestmark = pytest.mark.django_db


def test_archiving_a_cohort_disables_only_its_students(org):
    # given a graduate of another cohort with an account
    other = make_graduate(org.class_a1, cohort=make_cohort(2021))
    other_user = make_student_user(other)
    # when
    disabled = cohort_archive(cohort=org.own_graduate.cohort)
    # then
    org.student.refresh_from_db()
    other_user.refresh_from_db()
    org.counsellor.refresh_from_db()
    assert disabled == 1
    assert org.student.is_active is False
    assert other_user.is_active is True
    assert org.counsellor.is_active is True
    assert org.own_graduate.cohort.is_archived is True

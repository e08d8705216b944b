"""Small builders for test data. Plain functions: each makes exactly what its name says."""

import itertools

from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse

from apps.accounts.models import Role, User
from apps.graduates.models import ClassGroup, Cohort, College, Gender, Graduate, Major
from apps.graduates.validators import id_number_check_digit
from apps.refdata.models import EducationLevel, Ethnicity, HardshipCategory, Province

_sequence = itertools.count(1)


def valid_id_number(serial: int, *, region: str = "420902", birth: str = "20000101") -> str:
    """A GB 11643-valid ID number; ``serial`` (0-999) makes it unique."""
    first17 = f"{region}{birth}{serial % 1000:03d}"
    return first17 + id_number_check_digit(first17)


def make_college(name: str = "护理学院", sort_order: int = 0) -> College:
    return College.objects.get_or_create(name=name, defaults={"sort_order": sort_order})[0]


def make_major(college: College, name: str = "护理") -> Major:
    return Major.objects.get_or_create(college=college, name=name)[0]


def make_class(major: Major, name: str = "护理1班") -> ClassGroup:
    return ClassGroup.objects.get_or_create(major=major, name=name)[0]


def make_cohort(year: int = 2020) -> Cohort:
    return Cohort.objects.get_or_create(year=year)[0]


def make_graduate(class_group: ClassGroup, *, cohort: Cohort | None = None, **fields) -> Graduate:
    n = next(_sequence)
    values = {
        "cohort": cohort or make_cohort(),
        "student_no": f"2017{n:06d}",
        "name": f"学生{n}",
        "gender": Gender.FEMALE if n % 2 else Gender.MALE,
        "id_number": valid_id_number(n, birth=f"1999{(n % 12) + 1:02d}15"),
        "ethnicity": Ethnicity.objects.get(code="01"),
        "origin": Province.objects.get(code="42"),
        "education_level": EducationLevel.objects.get(code="41"),
        "hardship_category": HardshipCategory.objects.get(code="0"),
        "class_group": class_group,
    }
    values.update(fields)
    graduate = Graduate(**values)
    graduate.full_clean()
    graduate.save()
    return graduate


def make_user(role: Role, username: str | None = None, password: str = "pass-12345", **fields) -> User:
    user = User.objects.create_user(
        username=username or f"{role}{next(_sequence)}", password=password, role=role, **fields
    )
    return user


def make_student_user(graduate: Graduate, password: str = "pass-12345") -> User:
    user = make_user(Role.STUDENT, username=graduate.student_no, password=password)
    graduate.user = user
    graduate.save(update_fields=["user"])
    return user


def log_in(client, username: str, password: str) -> bool:
    """Log in through the login page, as a person does (the throttle needs the request)."""
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code == 302


def authenticate_at_login(username: str, password: str):
    """``authenticate`` as the login page calls it, with the request the login throttle inspects."""
    request = RequestFactory().post(reverse("accounts:login"), {"username": username, "password": password})
    return authenticate(request=request, username=username, password=password)

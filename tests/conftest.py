from dataclasses import dataclass

import pytest

from apps.accounts.models import Role, User
from apps.graduates.models import ClassGroup, College, Graduate

from .factories import make_class, make_college, make_graduate, make_major, make_student_user, make_user


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def code_tables(transactional_db):
    """For tests in real transactions (live server, threads): the database is flushed after each such test,
    which also empties the code tables the migration loaded; put them back first."""
    from django.apps import apps

    from apps.refdata.loading import load_code_tables, load_divisions, load_work_positions
    from apps.refdata.models import Ethnicity

    if not Ethnicity.objects.exists():
        load_code_tables(apps.get_model)
        load_work_positions(apps.get_model)
        load_divisions(apps.get_model)


@dataclass
class Org:
    """Two colleges; college A has classes A1 and A2, college B has B1; two graduates per class.

    ``student`` is the first graduate of A1 with an account; ``counsellor`` has A1 only; ``college_officer``
    has college A; ``other_*`` are objects nobody but the centre and the administrator may see from A1.
    """

    college_a: College
    college_b: College
    class_a1: ClassGroup
    class_a2: ClassGroup
    class_b1: ClassGroup
    graduates: dict[str, list[Graduate]]
    student: User
    counsellor: User
    college_officer: User
    centre: User
    admin: User

    @property
    def own_graduate(self) -> Graduate:
        return self.graduates["a1"][0]

    def user_for(self, role: Role) -> User:
        return {
            Role.STUDENT: self.student,
            Role.COUNSELLOR: self.counsellor,
            Role.COLLEGE: self.college_officer,
            Role.CENTRE: self.centre,
            Role.ADMIN: self.admin,
        }[role]


@pytest.fixture
def org(db) -> Org:
    college_a = make_college("护理学院", 1)
    college_b = make_college("机电工程学院", 2)
    major_a = make_major(college_a, "护理")
    major_a2 = make_major(college_a, "助产")
    major_b = make_major(college_b, "数控技术")
    class_a1 = make_class(major_a, "护理1班")
    class_a2 = make_class(major_a2, "助产1班")
    class_b1 = make_class(major_b, "数控1班")
    graduates = {
        "a1": [make_graduate(class_a1, phone="13812345678"), make_graduate(class_a1)],
        "a2": [make_graduate(class_a2), make_graduate(class_a2)],
        "b1": [make_graduate(class_b1), make_graduate(class_b1)],
    }
    student = make_student_user(graduates["a1"][0])
    counsellor = make_user(Role.COUNSELLOR, username="counsellor-a1")
    counsellor.classes.add(class_a1)
    college_officer = make_user(Role.COLLEGE, username="college-a", college=college_a)
    centre = make_user(Role.CENTRE, username="centre")
    admin = make_user(Role.ADMIN, username="sysadmin")
    return Org(
        college_a, college_b, class_a1, class_a2, class_b1, graduates,
        student, counsellor, college_officer, centre, admin,
    )  # fmt: skip

"""Writes the demo cohort to the database: the 2020 cohort, its colleges, majors and classes, 5,098 graduates
with their student accounts, the counsellors and college officers, and the demo log-in accounts.

Idempotent: a cohort that already holds exactly the demo's graduates is kept as it is; an empty one is
filled; a cohort holding other graduates (or the demo's, changed) is refused (``DemoLoadError``), and only
``reset=True`` deletes its graduates, their student accounts and their history and creates them again. Staff
accounts are updated in place, never duplicated. (``load_demo_cohort`` also checks the whole database first:
apps/demo/guard.py.)
"""

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps as django_apps
from django.contrib.auth.hashers import check_password, get_hasher, identify_hasher, make_password
from django.db import transaction
from django.db.models import Count, F, ProtectedError, Q

from apps.accounts.models import Role, User
from apps.demo.removal import without_history
from apps.refdata import seed_data
from apps.refdata.loading import load_code_tables
from apps.refdata.models import EducationLevel, Ethnicity, HardshipCategory, Province

from ..models import HARDSHIP_GROUP, ClassGroup, Cohort, College, Gender, Graduate, Major
from . import data as d
from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from .generate import DemoCohort, DemoGraduate, DemoStaff, build_demo_cohort

BATCH_SIZE = 500
Log = Callable[[str], None]
ClassKey = tuple[str, str, str]  # (college, major, class name)


class DemoLoadError(Exception):
    """The demo cannot be written (a code table entry is missing, or other records still use the cohort)."""


def _quiet(message: str) -> None:
    pass


def _batches(items: list, size: int = BATCH_SIZE) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True)
class _Refs:
    provinces: dict[str, Province]
    ethnicities: dict[str, Ethnicity]
    hardship: dict[str, HardshipCategory]
    education: EducationLevel | None

    def missing(self) -> list[str]:
        wanted = (
            [name for name, _ in d.ORIGINS if name not in self.provinces]
            + [name for name in _ethnicity_names() if name not in self.ethnicities]
            + [name for name in _hardship_names() if name not in self.hardship]
        )
        return wanted + ([] if self.education else [f"学历 {d.EDUCATION_CODE}"])


def _ethnicity_names() -> list[str]:
    return [d.MAJORITY_ETHNICITY] + [name for name, _ in d.MINORITIES]


def _hardship_names() -> list[str]:
    return [d.NON_HARDSHIP_CATEGORY] + [name for name, _ in d.HARDSHIP_CATEGORY_COUNTS]


def _lookup_refs() -> _Refs:
    return _Refs(
        provinces={
            p.name: p
            for p in Province.objects.filter(
                scheme=seed_data.PROVINCE_SCHEME, name__in=[n for n, _ in d.ORIGINS]
            )
        },
        ethnicities={
            e.name: e
            for e in Ethnicity.objects.filter(scheme=seed_data.ETHNICITY_SCHEME, name__in=_ethnicity_names())
        },
        hardship={
            h.name: h
            for h in HardshipCategory.objects.filter(
                scheme=seed_data.HARDSHIP_SCHEME, name__in=_hardship_names()
            )
        },
        education=EducationLevel.objects.filter(
            scheme=seed_data.EDUCATION_SCHEME, code=d.EDUCATION_CODE
        ).first(),
    )


def _code_tables(log: Log) -> _Refs:
    """The code table entries the demo uses; the tables are (re)loaded only when entries are missing, so edits
    made in the admin survive (a test database flushed by a browser test has none)."""
    refs = _lookup_refs()
    if refs.missing():
        log("Code tables incomplete: loading the national code tables")
        load_code_tables(django_apps.get_model)
        refs = _lookup_refs()
        if missing := refs.missing():
            raise DemoLoadError(f"code table entries missing: {', '.join(missing)}")
    return refs


def demo_structure_load(
    *, with_classes: bool = True, log: Log = _quiet
) -> tuple[Cohort, dict[ClassKey, ClassGroup]]:
    """The 2020 cohort, the 10 colleges of 表 1-1 and the 40 majors of 表 1-2 (and the demo's classes).

    Enough for importing ``demo_graduate_rows()`` through the graduate import. Idempotent.
    """
    cohort, _ = Cohort.objects.update_or_create(
        year=d.COHORT_YEAR, defaults={"destination_scheme": d.DESTINATION_SCHEME}
    )
    log(f"Cohort {cohort.year} (destination codes: scheme {cohort.destination_scheme})")
    majors: dict[tuple[str, str], Major] = {}
    for college_order, (college_name, code, college_majors) in enumerate(d.COLLEGES, start=1):
        college, _ = College.objects.update_or_create(
            name=college_name, defaults={"code": code, "sort_order": college_order}
        )
        for major_order, (major_name, _count, _women) in enumerate(college_majors, start=1):
            majors[(college_name, major_name)], _ = Major.objects.update_or_create(
                college=college, name=major_name, defaults={"sort_order": major_order}
            )
    classes: dict[ClassKey, ClassGroup] = {}
    if with_classes:
        by_major = {m.pk: key for key, m in majors.items()}

        def existing() -> dict[ClassKey, ClassGroup]:
            return {
                (*by_major[group.major_id], group.name): group
                for group in ClassGroup.objects.filter(major__in=majors.values())
            }

        wanted = [(c.college, c.major, c.name) for c in build_demo_cohort().classes]
        have = existing()
        missing = [ClassGroup(major=majors[key[:2]], name=key[2]) for key in wanted if key not in have]
        if missing:
            ClassGroup.objects.bulk_create(missing, batch_size=BATCH_SIZE)
            have = existing()
        classes = {key: have[key] for key in wanted}
    log(f"Colleges and majors: {len(d.COLLEGES)} colleges, {len(majors)} majors, {len(classes)} classes")
    return cohort, classes


def _graduate_fields(g: DemoGraduate, refs: _Refs, classes: dict[ClassKey, ClassGroup]) -> tuple:
    return (
        g.name,
        g.gender,
        g.id_number,
        refs.ethnicities[g.ethnicity].pk,
        refs.provinces[g.origin].pk,
        classes[(g.college, g.major, g.class_name)].pk,
        refs.hardship[g.hardship_category].pk,
        g.registered_poor,
        g.poverty_county,
    )


def _is_complete(cohort: Cohort, demo: DemoCohort, refs: _Refs, classes: dict[ClassKey, ClassGroup]) -> bool:
    """The cohort holds exactly the demo's graduates, each with the fields the seed's tables count."""
    graduates = Graduate.objects.filter(cohort=cohort)
    have = {
        row[0]: row[1:]
        for row in graduates.values_list(
            "student_no", "name", "gender", "id_number", "ethnicity_id", "origin_id", "class_group_id",
            "hardship_category_id", "registered_poor", "poverty_county",
        )
    }  # fmt: skip
    want = {g.student_no: _graduate_fields(g, refs, classes) for g in demo.graduates}
    if have != want:
        return False
    # Every graduate has their own student account.
    return not graduates.filter(Q(user=None) | ~Q(user__username=F("student_no"))).exists()


def _remove_graduates(cohort: Cohort, demo: DemoCohort, log: Log) -> None:
    graduates = Graduate.objects.filter(cohort=cohort)
    count = graduates.count()
    if count:
        log(f"Removing the {count} graduates of cohort {cohort.year} and their student accounts")
    user_ids = list(graduates.exclude(user=None).values_list("user_id", flat=True))
    graduate_ids = list(graduates.values_list("pk", flat=True))
    try:
        with without_history():
            graduates.delete()
    except ProtectedError as error:
        raise DemoLoadError(
            f"cohort {cohort.year} cannot be rebuilt: other records still refer to its graduates ({error.args[0]})"
        ) from error
    # A rebuilt cohort starts without the history of the one it replaces.
    for batch in _batches(graduate_ids):
        Graduate.history.filter(id__in=batch).delete()
    for batch in _batches(user_ids):
        User.objects.filter(pk__in=batch, role=Role.STUDENT).delete()
    # Student accounts left over without their graduate would collide with the new ones.
    for batch in _batches([g.student_no for g in demo.graduates]):
        User.objects.filter(username__in=batch, role=Role.STUDENT).delete()


def _create_graduates(
    cohort: Cohort, demo: DemoCohort, refs: _Refs, classes: dict[ClassKey, ClassGroup], log: Log
) -> None:
    log(f"Creating {len(demo.graduates)} student accounts (username = 学号, no usable password yet)")
    users = []
    for g in demo.graduates:
        user = User(
            username=g.student_no,
            role=Role.STUDENT,
            last_name=g.family_name,
            first_name=g.given_name,
            email=g.email,
            must_change_password=True,
        )
        user.set_unusable_password()  # no hashing: "!" and a random string
        users.append(user)
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    if any(user.pk is None for user in users):  # databases that do not return ids from a bulk insert
        ids: dict[str, int] = {}
        for batch in _batches([u.username for u in users]):
            ids.update(User.objects.filter(username__in=batch).values_list("username", "pk"))
        for user in users:
            user.pk = ids[user.username]

    log(f"Creating {len(demo.graduates)} graduates")
    Graduate.objects.bulk_create(
        [
            Graduate(
                cohort=cohort,
                student_no=g.student_no,
                name=g.name,
                gender=g.gender,
                id_number=g.id_number,
                ethnicity=refs.ethnicities[g.ethnicity],
                class_group=classes[(g.college, g.major, g.class_name)],
                origin=refs.provinces[g.origin],
                education_level=refs.education,
                hardship_category=refs.hardship[g.hardship_category],
                registered_poor=g.registered_poor,
                poverty_county=g.poverty_county,
                phone=g.phone,
                email=g.email,
                user_id=user.pk,
            )
            for g, user in zip(demo.graduates, users, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )


def _shared_password_hash(usernames: Iterable[str]) -> str:
    """One hash of the demo password for every demo account: hashing is slow on purpose, so it is done once,
    and not at all when the accounts already share a current hash of it (the database then stays the same)."""
    hashes = set(User.objects.filter(username__in=list(usernames)).values_list("password", flat=True))
    if len(hashes) == 1:
        (current,) = hashes
        try:
            hasher = identify_hasher(current)
        except ValueError:
            hasher = None
        if (
            hasher is not None
            and hasher.algorithm == get_hasher().algorithm
            and not hasher.must_update(current)
            and check_password(DEMO_PASSWORD, current)
        ):
            return current
    return make_password(DEMO_PASSWORD)


def _put_staff(
    staff: DemoStaff, *, role: Role, password: str, college: College | None = None, **flags
) -> User:
    user, _ = User.objects.update_or_create(
        username=staff.username,
        defaults={
            "role": role,
            "last_name": staff.family_name,
            "first_name": staff.given_name,
            "password": password,
            "college": college,
            "is_active": True,
            "is_staff": flags.get("is_staff", False),
            "is_superuser": flags.get("is_superuser", False),
            "must_change_password": False,
        },
    )
    return user


def _load_staff(demo: DemoCohort, classes: dict[ClassKey, ClassGroup], log: Log) -> None:
    student_no = DEMO_ACCOUNTS["student"].username
    staff = [*demo.counsellors, *demo.college_officers, demo.admin, demo.centre]
    password = _shared_password_hash([s.username for s in staff])
    log(
        f"Staff accounts: {len(demo.college_officers)} college officers, {len(demo.counsellors)} counsellors "
        "(up to 4 classes each), the centre and the administrator"
    )
    colleges = {c.name: c for c in College.objects.filter(name__in=[name for name, _, _ in d.COLLEGES])}
    for officer in demo.college_officers:
        _put_staff(officer, role=Role.COLLEGE, password=password, college=colleges[officer.college])
    for counsellor in demo.counsellors:
        user = _put_staff(counsellor, role=Role.COUNSELLOR, password=password)
        user.classes.set([classes[(counsellor.college, major, name)] for major, name in counsellor.classes])
    _put_staff(demo.centre, role=Role.CENTRE, password=password)
    # A staff account, not a superuser: the administrator role sees users, groups and code tables only.
    _put_staff(demo.admin, role=Role.ADMIN, password=password, is_staff=True)

    student = User.objects.get(username=student_no, graduate__cohort__year=d.COHORT_YEAR)
    student.password = password
    student.must_change_password = False
    student.save(update_fields=["password", "must_change_password"])


@dataclass(frozen=True)
class DemoLoadResult:
    rebuilt: bool  # False when the cohort already held the demo graduates and was kept
    seconds: float


@transaction.atomic
def demo_cohort_load(*, reset: bool = False, log: Log = _quiet) -> DemoLoadResult:
    """Write the demo 2020 cohort so that the seed's chapter-1 tables and 4.2.8 count out exactly; see module."""
    started = time.perf_counter()
    demo = build_demo_cohort()
    refs = _code_tables(log)
    cohort, classes = demo_structure_load(log=log)
    rebuilt = reset or not _is_complete(cohort, demo, refs, classes)
    if rebuilt and not reset and Graduate.objects.filter(cohort=cohort).exists():
        raise DemoLoadError(
            f"cohort {cohort.year} holds graduates that are not exactly the demo's: nothing was changed "
            "(only --reset replaces them)"
        )
    if rebuilt:
        _remove_graduates(cohort, demo, log)
        _create_graduates(cohort, demo, refs, classes, log)
    else:
        log(f"Graduates: cohort {cohort.year} already holds the {len(demo.graduates)} demo graduates; kept")
    _load_staff(demo, classes, log)
    return DemoLoadResult(rebuilt=rebuilt, seconds=time.perf_counter() - started)


def demo_cohort_counts(*, year: int = d.COHORT_YEAR) -> dict[str, int]:
    """What the database now holds for the cohort, counted the way the report counts (one query per figure)."""
    graduates = Graduate.objects.filter(cohort__year=year)
    totals = graduates.aggregate(
        graduates=Count("pk"),
        men=Count("pk", filter=Q(gender=Gender.MALE)),
        women=Count("pk", filter=Q(gender=Gender.FEMALE)),
        minorities=Count("pk", filter=~Q(ethnicity__name=d.MAJORITY_ETHNICITY)),
        hardship_group=Count(
            "pk",
            filter=HARDSHIP_GROUP,
        ),
        colleges=Count("class_group__major__college", distinct=True),
        majors=Count("class_group__major", distinct=True),
        classes=Count("class_group", distinct=True),
        origins=Count("origin", distinct=True),
        student_accounts=Count("user"),
    )
    classes = ClassGroup.objects.filter(graduates__cohort__year=year).distinct()
    totals["counsellors"] = User.objects.filter(role=Role.COUNSELLOR, classes__in=classes).distinct().count()
    totals["college_officers"] = (
        User.objects.filter(
            role=Role.COLLEGE, college__in=College.objects.filter(majors__classes__in=classes)
        )
        .distinct()
        .count()
    )
    return totals

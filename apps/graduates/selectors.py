"""Reads of graduate records. Every read starts from what the user may see (deny by default)."""

from django.db.models import Q, QuerySet

from apps.accounts.models import Role, User

from .models import ClassGroup, Cohort, College, Graduate, Major

GRADUATE_LIST_RELATED = (
    "cohort",
    "class_group__major__college",
    "ethnicity",
    "origin",
    "education_level",
    "hardship_category",
)


def graduates_visible_to(user: User) -> QuerySet[Graduate]:
    """The graduates ``user`` may see: all for the centre (and a superuser), their college for a college
    officer, their classes for a counsellor, themself for a student, nothing for anybody else."""
    graduates = Graduate.objects.all()
    if not user.is_authenticated or not user.is_active:
        return graduates.none()
    if user.is_superuser or user.role == Role.CENTRE:
        return graduates
    if user.role == Role.COLLEGE:
        if user.college_id is None:
            return graduates.none()
        return graduates.filter(class_group__major__college_id=user.college_id)
    if user.role == Role.COUNSELLOR:
        return graduates.filter(class_group__in=user.classes.values("pk"))
    if user.role == Role.STUDENT:
        return graduates.filter(user=user)
    return graduates.none()


def colleges_visible_to(user: User) -> QuerySet[College]:
    return College.objects.filter(pk__in=graduates_visible_to(user).values("class_group__major__college"))


def scope_colleges(user: User) -> QuerySet[College]:
    """Colleges a user's filters may offer: a college officer's own, a counsellor's classes' colleges."""
    colleges = College.objects.all()
    if user.is_superuser or user.role == Role.CENTRE:
        return colleges
    if user.role == Role.COLLEGE:
        return colleges.filter(pk=user.college_id)
    if user.role == Role.COUNSELLOR:
        return colleges.filter(majors__classes__in=user.classes.values("pk")).distinct()
    return colleges.none()


def scope_majors(user: User) -> QuerySet[Major]:
    majors = Major.objects.select_related("college")
    if user.is_superuser or user.role == Role.CENTRE:
        return majors
    if user.role == Role.COLLEGE:
        return majors.filter(college_id=user.college_id)
    if user.role == Role.COUNSELLOR:
        return majors.filter(classes__in=user.classes.values("pk")).distinct()
    return majors.none()


def scope_classes(user: User) -> QuerySet[ClassGroup]:
    classes = ClassGroup.objects.select_related("major")
    if user.is_superuser or user.role == Role.CENTRE:
        return classes
    if user.role == Role.COLLEGE:
        return classes.filter(major__college_id=user.college_id)
    if user.role == Role.COUNSELLOR:
        return classes.filter(pk__in=user.classes.values("pk"))
    return classes.none()


def graduate_list(*, user: User, filters: dict | None = None) -> QuerySet[Graduate]:
    """The user's graduates, narrowed by ``filters`` (the cleaned data of ``GraduateFilter``), with the
    relations every list and export shows, so a page costs the same number of queries at any size."""
    from .filters import GraduateFilter

    graduates = graduates_visible_to(user).select_related(*GRADUATE_LIST_RELATED)
    if filters:
        graduates = GraduateFilter(filters, queryset=graduates, user=user).qs
    return graduates.order_by("student_no")


# What the list's export shows of each graduate (``exports.EXPORT_COLUMNS``), read as plain values.
GRADUATE_EXPORT_FIELDS = (
    "cohort__year",
    "student_no",
    "name",
    "gender",
    "id_number",
    "ethnicity__name",
    "class_group__major__college__name",
    "class_group__major__name",
    "class_group__name",
    "origin__name",
    "education_level__name",
    "hardship_category__name",
    "registered_poor",
    "poverty_county",
    "phone",
    "email",
)


def graduate_export_values(graduates: QuerySet[Graduate]) -> QuerySet:
    """``graduates`` (a list's rows, in its order) as named tuples of ``GRADUATE_EXPORT_FIELDS``: one query and
    no model instances (six a row with the related ones, most of a province's export's reading time)."""
    return graduates.values_list(*GRADUATE_EXPORT_FIELDS, named=True)


def graduate_get(*, user: User, pk: int) -> Graduate | None:
    """One graduate, or None when it does not exist or is outside the user's scope (callers answer 404)."""
    return graduates_visible_to(user).select_related(*GRADUATE_LIST_RELATED).filter(pk=pk).first()


def search_condition(term: str) -> Q:
    """学号 or 姓名 by part; a full 身份证号 only by exact match (never by fragment of a masked number)."""
    term = term.strip()
    condition = Q(student_no__icontains=term) | Q(name__icontains=term)
    if len(term) == 18:
        condition |= Q(id_number=term.upper())
    return condition


def cohorts() -> QuerySet[Cohort]:
    return Cohort.objects.all()


def classes_with_unclaimed_accounts(*, user: User) -> QuerySet[ClassGroup]:
    """The user's classes, each annotated with its graduates and how many have not yet set a password."""
    from django.db.models import Count

    unclaimed = Q(graduates__user__must_change_password=True) | Q(graduates__user__password__startswith="!")
    return (
        scope_classes(user)
        .select_related("major__college")
        .annotate(graduate_count=Count("graduates", distinct=True))
        .annotate(unclaimed_count=Count("graduates", filter=unclaimed, distinct=True))
        .order_by("major__college__sort_order", "major__sort_order", "name")
    )

"""Writes to the support ledger: opening cases, keeping them, logging what was done.

The subsidy workflow is in ``subsidies``; both are re-exported here for callers.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role, User
from apps.graduates.models import HARDSHIP_GROUP, Graduate
from apps.graduates.selectors import graduates_visible_to

from .models import ActionKind, CaseStatus, Priority, SupportAction, SupportCase
from .selectors import SUPPORT_ROLES, cases_visible_to, responsible_choices
from .subsidies import subsidy_apply, subsidy_pay, subsidy_transition
from .workflow import CASE_MOVES

__all__ = [
    "support_action_record",
    "support_case_open",
    "support_case_set_status",
    "support_case_update",
    "support_cases_open_for",
    "subsidy_apply",
    "subsidy_pay",
    "subsidy_transition",
]

MSG_NOT_IN_GROUP = _("该毕业生不属于困难群体（建档立卡、贫困县生源或困难生类别），不能建立帮扶档案。")
MSG_CASE_EXISTS = _("该毕业生已有帮扶档案。")
MSG_RESPONSIBLE = _("责任人须是该生班级的辅导员、所在学院的教学院账号或就业指导中心人员。")
MSG_FUTURE_DATE = _("帮扶日期不能晚于今天。")
MSG_KIND = _("请选择帮扶方式。")
MSG_JOB_NEEDS_EMPLOYER = _("推荐岗位须写明推荐单位和岗位名称。")
MSG_ALREADY_CORRECTED = _("这条记录已被更正过，请更正最新的那一条。")
MSG_NOT_CORRECTABLE = _("状态变更记录不能更正。")
MSG_STATUS_MOVE = _("帮扶状态不能从“{old}”改为“{new}”。")
MSG_CLOSE_REASON = _("结案须填写原因。")
MSG_STATUS_NOTE = _("帮扶状态：{old} → {new}")


def support_cases_open_for(*, graduates: QuerySet[Graduate], actor: User | None = None) -> int:
    """Open a case for each of ``graduates`` who is in the hardship group and has none; returns how many.

    Idempotent, and safe beside another opening (the second insert of a graduate's case is skipped by the
    database), so the graduate import can call it, inside its own transaction, with the cohorts it wrote.
    The responsible member of staff is the class's counsellor (the earliest account when a class has
    several), else left blank. ``actor`` is the member of staff opening cases by hand (only their scope is
    opened); None means the import. Two queries and the inserts (500 a statement), whatever the number.
    """
    candidates = graduates.filter(HARDSHIP_GROUP, support_case__isnull=True)
    if actor is not None:
        if actor.role not in SUPPORT_ROLES:
            raise PermissionDenied
        candidates = candidates.filter(pk__in=graduates_visible_to(actor).values("pk"))
    todo = list(candidates.values_list("pk", "class_group_id"))
    if not todo:
        return 0
    counsellors: dict[int, int] = {}
    rows = (
        User.objects.filter(role=Role.COUNSELLOR, is_active=True, classes__in={c for _pk, c in todo})
        .order_by("pk")
        .values_list("classes", "pk")
    )
    for class_id, user_id in rows:
        counsellors.setdefault(class_id, user_id)
    today = timezone.localdate()
    SupportCase.objects.bulk_create(
        [
            SupportCase(
                graduate_id=graduate_id,
                responsible_id=counsellors.get(class_id),
                opened_on=today,
                opened_by=actor,
            )
            for graduate_id, class_id in todo
        ],
        batch_size=500,
        ignore_conflicts=True,
    )
    return len(todo)


@transaction.atomic
def support_case_open(*, graduate: Graduate, actor: User) -> SupportCase:
    """Open one graduate's case by hand: in the actor's scope, in the hardship group, not opened yet."""
    if actor.role not in SUPPORT_ROLES or not graduates_visible_to(actor).filter(pk=graduate.pk).exists():
        raise PermissionDenied
    if not graduate.in_hardship_group:
        raise ValidationError(MSG_NOT_IN_GROUP)
    if SupportCase.objects.filter(graduate=graduate).exists():
        raise ValidationError(MSG_CASE_EXISTS)
    support_cases_open_for(graduates=Graduate.objects.filter(pk=graduate.pk), actor=actor)
    return SupportCase.objects.get(graduate=graduate)


def _locked_case(case_id: int, actor: User) -> SupportCase:
    case = (
        cases_visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("graduate__class_group__major")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise PermissionDenied
    return case


@transaction.atomic
def support_case_update(
    *, case_id: int, actor: User, responsible: User | None, personal_plan: str, priority: str
) -> SupportCase:
    """Change who is responsible, the personal plan (一人一策) and the priority of a case in scope."""
    case = _locked_case(case_id, actor)
    if responsible is not None and not responsible_choices(case.graduate).filter(pk=responsible.pk).exists():
        raise ValidationError({"responsible": MSG_RESPONSIBLE})
    case.responsible = responsible
    case.personal_plan = personal_plan.strip()
    case.priority = priority if priority in Priority.values else case.priority
    case.full_clean()
    case.save(update_fields=["responsible", "personal_plan", "priority", "updated_at"])
    return case


@transaction.atomic
def support_case_set_status(*, case_id: int, actor: User, status: str, reason: str = "") -> SupportCase:
    """Move a case by ``workflow.CASE_MOVES`` (closing needs a reason) and log the move in its history."""
    case = _locked_case(case_id, actor)
    reason = reason.strip()
    old = CaseStatus(case.status)
    if status not in CaseStatus.values or CaseStatus(status) not in CASE_MOVES[old]:
        raise ValidationError(
            MSG_STATUS_MOVE.format(old=old.label, new=dict(CaseStatus.choices).get(status, "—"))
        )
    new = CaseStatus(status)
    if new == CaseStatus.CLOSED and not reason:
        raise ValidationError({"reason": MSG_CLOSE_REASON})
    case.status = new
    case.closed_reason = reason if new == CaseStatus.CLOSED else ""
    case.full_clean()
    case.save(update_fields=["status", "closed_reason", "updated_at"])
    note = MSG_STATUS_NOTE.format(old=old.label, new=new.label) + (f"（{reason}）" if reason else "")
    SupportAction(
        case=case,
        kind=ActionKind.STATUS,
        acted_on=timezone.localdate(),
        note=note,
        author=actor,
        author_role=actor.role,
    ).save()
    return case


def support_action_record(
    *,
    case_id: int,
    actor: User,
    kind: str,
    acted_on: datetime.date,
    note: str,
    employer_name: str = "",
    position: str = "",
    corrects: SupportAction | None = None,
) -> SupportAction:
    """Append one entry to a case's log, by staff in scope. A job recommendation names employer and position
    (the other kinds keep neither). ``corrects`` is an earlier entry of the same case this one replaces;
    each entry is corrected at most once (correct the correction to change it again)."""
    if kind not in ActionKind.values or kind == ActionKind.STATUS:
        raise ValidationError({"kind": MSG_KIND})
    if acted_on > timezone.localdate():
        raise ValidationError({"acted_on": MSG_FUTURE_DATE})
    employer_name, position = employer_name.strip(), position.strip()
    if kind != ActionKind.JOB:
        employer_name = position = ""
    elif not (employer_name and position):
        raise ValidationError(MSG_JOB_NEEDS_EMPLOYER)
    try:
        with transaction.atomic():
            case = _locked_case(case_id, actor)
            if corrects is not None:
                corrects = SupportAction.objects.select_for_update().filter(pk=corrects.pk, case=case).first()
                if corrects is None:
                    raise PermissionDenied
                if corrects.kind == ActionKind.STATUS:
                    raise ValidationError(MSG_NOT_CORRECTABLE)
                if SupportAction.objects.filter(corrects=corrects).exists():
                    raise ValidationError(MSG_ALREADY_CORRECTED)
            action = SupportAction(
                case=case,
                kind=kind,
                acted_on=acted_on,
                note=note.strip(),
                employer_name=employer_name,
                position=position,
                corrects=corrects,
                author=actor,
                author_role=actor.role,
            )
            action.full_clean(validate_unique=False)
            action.save()
    except IntegrityError as exc:  # somebody corrected the same entry at the same moment
        raise ValidationError(MSG_ALREADY_CORRECTED) from exc
    return action

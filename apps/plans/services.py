"""Writes to destination plans. ``plan_transition`` is the only code that changes a plan's status."""

import datetime
import mimetypes
import secrets
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.graduates.models import Graduate
from apps.graduates.selectors import graduates_visible_to
from apps.refdata import seed_data
from apps.refdata.models import Province

from .evidence_rules import MSG_MISSING, plan_missing, submission_evidence_kinds
from .models import (
    OPEN_STATUSES,
    REGISTERED_STATUSES,
    DestinationPlan,
    Evidence,
    EvidenceKind,
    EvidenceRemoval,
    Notification,
    PlanEvent,
    PlanStatus,
)
from .notifications import notify_plans_moved
from .rules import MSG_FIXED, MSG_NOT_KEPT, PLAN_DETAIL_FIELDS, fixed_values, rule_for
from .selectors import student_window_refusal
from .workflow import INTERNAL_ACTIONS, Action, transition_for

MSG_NOT_ALLOWED = _("当前状态下您不能执行此操作。")
MSG_ALREADY_HANDLED = _("该方案已被他人处理（当前状态：{status}），请刷新后查看。")
MSG_REGISTRATION_CHANGED = _(
    "该毕业生的登记方案刚被其他操作（如去向导入）更改，本次审核未生效，请刷新后查看。"
)
MSG_COMMENT_REQUIRED = _("退回时必须填写原因。")
MSG_CANCEL_REASON_REQUIRED = _("撤销方案时必须填写撤销原因，该原因将告知毕业生。")
MSG_FINDING_REQUIRED = _("记录核查不属实时必须填写核查情况，该情况将告知毕业生。")
REASON_REQUIRED = {Action.CANCEL: MSG_CANCEL_REASON_REQUIRED, Action.VERIFY_FALSE: MSG_FINDING_REQUIRED}
MSG_OPEN_PLAN_EXISTS = _("您已有一份正在办理的就业方案，请在该方案上修改或等待审核结果。")
MSG_NOT_EDITABLE = _("只有草稿或被退回的方案可以修改。")
MSG_FALSE_NOT_EDITABLE = _("该方案经核查不属实，按核查时的内容留存，不能修改；请填报一份新的更正方案。")
MSG_EVIDENCE_REQUIRED = _("该毕业去向须上传{kinds}后才能提交（实习、见习证明不能作为就业证明）。")
MSG_FIELD_REQUIRED = _("该毕业去向须填写此项。")
MSG_WRONG_SCHEME = _("该毕业去向代码不属于本届使用的代码方案。")
MSG_COUNTY_NOT_IN_PROVINCE = _("单位所在地“{county}”不在所选省份“{province}”：请改选省份或单位所在地。")
MSG_EVIDENCE_TYPE = _("证明材料只接受 PDF、JPG 或 PNG 文件。")
MSG_EVIDENCE_SIZE = _("证明材料不能超过 {limit} MB。")
MSG_EVIDENCE_ALREADY_REMOVED = _("该证明材料已删除。")

EVIDENCE_SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


class TransitionError(Exception):
    """A move the table, the scope or a concurrent reviewer does not allow; ``message`` is for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


@dataclass(frozen=True)
class BulkResult:
    plan_id: int
    ok: bool
    message: str


def _check_owner(graduate: Graduate, actor: User) -> None:
    if graduate.user_id != actor.pk:
        raise PermissionDenied


def _check_window(graduate: Graduate, plan: DestinationPlan | None = None) -> None:
    """The student may start (``plan`` None), save, withdraw or submit now: inside the registration window,
    or, for a plan a reviewer returned or the correction of a false finding, before the correction deadline."""
    refusal = student_window_refusal(graduate=graduate, plan=plan)
    if refusal:
        raise ValidationError(refusal)


def _clean_details(plan: DestinationPlan) -> None:
    """Check the details against the destination (rules.py): a value for a field it does not keep, or a fixed
    field (46: 部队, 军队) with another value, is an error on that field, never dropped; a blank fixed field
    takes its code; required fields must be there."""
    if plan.destination.scheme != plan.graduate.cohort.destination_scheme:
        raise ValidationError({"destination": MSG_WRONG_SCHEME})
    rule = rule_for(plan.destination)
    destination = f"{plan.destination.code} {plan.destination.name}"
    errors = {}
    fixed = fixed_values(rule)
    for name in PLAN_DETAIL_FIELDS:
        field = DestinationPlan._meta.get_field(name)
        value = getattr(plan, field.attname)
        if name in fixed:
            if value in (None, ""):
                setattr(plan, field.attname, fixed[name])
            elif value != fixed[name]:
                label = field.related_model.objects.get(pk=fixed[name]).name
                errors[name] = MSG_FIXED.format(destination=destination, value=label)
        elif name not in rule.fields and value not in (None, ""):
            errors[name] = MSG_NOT_KEPT.format(destination=destination)
    if "work_county" not in errors:
        _derive_work_province(plan, errors)
    for name in rule.required:
        if name not in errors and getattr(plan, DestinationPlan._meta.get_field(name).attname) in (None, ""):
            errors[name] = MSG_FIELD_REQUIRED
    if errors:
        raise ValidationError(errors)
    plan.full_clean()


def _derive_work_province(plan: DestinationPlan, errors: dict) -> None:
    """The county's province is the plan's 单位所在省份 (what the report groups by): filled in when blank,
    an error on the county when another province was chosen."""
    county = plan.work_county
    if county is None:
        return
    province = Province.objects.filter(scheme=seed_data.PROVINCE_SCHEME, code=county.province_code).first()
    if province is None:
        return
    if plan.work_province_id is None:
        plan.work_province = province
    elif plan.work_province_id != province.pk:
        errors["work_county"] = MSG_COUNTY_NOT_IN_PROVINCE.format(
            county=county.full_name, province=plan.work_province.name
        )


@transaction.atomic
def plan_save_draft(*, graduate: Graduate, actor: User, data: dict, plan: DestinationPlan | None = None):
    """Create the student's plan (first, or a change of the one in force) or edit their draft/returned one.

    ``data`` holds the form's cleaned fields (destination and details); status and owner are never taken
    from it. A new plan made while another is approved becomes a change request that replaces it.
    """
    _check_owner(graduate, actor)
    if plan is None:
        _check_window(graduate)
        if DestinationPlan.objects.filter(graduate=graduate, status__in=OPEN_STATUSES).exists():
            raise ValidationError(MSG_OPEN_PLAN_EXISTS)
        in_force = DestinationPlan.objects.filter(graduate=graduate, status=PlanStatus.APPROVED).first()
        plan = DestinationPlan(graduate=graduate, created_by=actor, replaces=in_force)
        plan._change_reason = "本人填报"  # kept with the historical row (django-simple-history)
    else:
        plan = DestinationPlan.objects.select_for_update().get(pk=plan.pk, graduate=graduate)
        _check_editable(plan)
        _check_window(graduate, plan)
        plan._change_reason = "本人修改"
    # Named here, not left to the request middleware: a save from a command or a test records who, too.
    plan._history_user = actor
    for name in ("destination", *PLAN_DETAIL_FIELDS, "note"):
        if name in data:
            setattr(plan, name, data[name])
    _clean_details(plan)
    try:
        plan.save()
    except IntegrityError as exc:  # another tab created a plan at the same moment
        raise ValidationError(MSG_OPEN_PLAN_EXISTS) from exc
    return plan


def _check_editable(plan: DestinationPlan) -> None:
    """Only a draft or a returned plan changes; a plan found false stays as 核查 checked it."""
    if plan.status == PlanStatus.FALSE:
        raise ValidationError(MSG_FALSE_NOT_EDITABLE)
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.RETURNED):
        raise ValidationError(MSG_NOT_EDITABLE)


def evidence_content_type(file) -> str | None:
    """PDF, JPEG or PNG by the file's first bytes (its name and any stated type aside); None for anything
    else. The file is left at its start."""
    head = file.read(16)
    file.seek(0)
    for signature, content_type in EVIDENCE_SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


def _sniff_evidence(uploaded) -> str:
    content_type = evidence_content_type(uploaded)
    if content_type is None:
        raise ValidationError(MSG_EVIDENCE_TYPE)
    return content_type


@transaction.atomic
def evidence_add(*, plan: DestinationPlan, actor: User, kind: str, uploaded) -> Evidence:
    """Attach a proof to the student's editable plan; the type is judged by content, the size capped."""
    _check_owner(plan.graduate, actor)
    plan = DestinationPlan.objects.select_for_update().get(pk=plan.pk)
    _check_editable(plan)
    limit = settings.EVIDENCE_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(MSG_EVIDENCE_SIZE.format(limit=limit // (1024 * 1024)))
    content_type = _sniff_evidence(uploaded)
    extension = mimetypes.guess_extension(content_type) or ""
    original = (uploaded.name or "evidence")[:150]
    evidence = Evidence(
        plan=plan,
        kind=kind,
        token=secrets.token_hex(16),
        original_name=original if original.lower().endswith(extension) else f"{original}{extension}",
        content_type=content_type,
        size=uploaded.size,
        uploaded_by=actor,
    )
    evidence.file.save(evidence.token, uploaded, save=False)
    evidence.full_clean(exclude=["file"])
    evidence.save()
    return evidence


def _removable_evidence(evidence_id: int, actor: User) -> Evidence:
    """The evidence row, its plan locked, when ``actor`` owns the plan and it is still a draft or returned."""
    evidence = Evidence.objects.select_related("plan__graduate").filter(pk=evidence_id).first()
    if evidence is None:
        raise PermissionDenied
    _check_owner(evidence.plan.graduate, actor)
    plan = DestinationPlan.objects.select_for_update().get(pk=evidence.plan_id)
    _check_editable(plan)
    if EvidenceRemoval.objects.filter(evidence=evidence).exists():
        raise ValidationError(MSG_EVIDENCE_ALREADY_REMOVED)
    return evidence


@transaction.atomic
def evidence_remove(*, evidence_id: int, actor: User) -> EvidenceRemoval:
    """The owner takes a file back from their draft or returned plan (before it goes to review again). The
    row and the file are kept (append-only) with who removed them; lists, downloads and the submission
    check leave them out. Anyone else: PermissionDenied; a plan in review or registered: ValidationError."""
    evidence = _removable_evidence(evidence_id, actor)
    removal = EvidenceRemoval(evidence=evidence, removed_by=actor)
    removal.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            removal.save()
    except IntegrityError as exc:  # another tab removed it at the same moment (SQLite has no row lock)
        raise ValidationError(MSG_EVIDENCE_ALREADY_REMOVED) from exc
    return removal


@transaction.atomic
def evidence_replace(*, evidence_id: int, actor: User, uploaded) -> Evidence:
    """Put ``uploaded`` in place of a file of the owner's draft or returned plan, with the same kind: the new
    file is checked as any upload (``evidence_add``); the old one is removed, naming its replacement."""
    old = _removable_evidence(evidence_id, actor)
    new = evidence_add(plan=old.plan, actor=actor, kind=old.kind, uploaded=uploaded)
    removal = EvidenceRemoval(evidence=old, removed_by=actor, replaced_by=new)
    removal.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            removal.save()
    except IntegrityError as exc:
        raise ValidationError(MSG_EVIDENCE_ALREADY_REMOVED) from exc
    return new


def _locked_in_scope(plan_ids: list[int], actor: User) -> dict[int, DestinationPlan]:
    """Lock the plans (row locks on PostgreSQL) that exist and lie in the actor's scope, in three queries
    whatever their number. The scope is checked on the plans' own graduates by primary key: as a subquery
    joined to a long id list SQLite scanned the whole plan table (1.4 s of a 1,000-plan approval beside
    5,098 graduates, growing with the table)."""
    graduate_of = dict(DestinationPlan.objects.filter(pk__in=plan_ids).values_list("pk", "graduate_id"))
    if not graduate_of:
        return {}
    visible = set(
        graduates_visible_to(actor).filter(pk__in=set(graduate_of.values())).values_list("pk", flat=True)
    )
    in_scope = [pk for pk, graduate_id in graduate_of.items() if graduate_id in visible]
    if not in_scope:
        return {}
    plans = (
        DestinationPlan.objects.select_for_update(of=("self",))
        .select_related("graduate__cohort", "destination")
        .filter(pk__in=in_scope, graduate_id__in=visible)
    )
    return {plan.pk: plan for plan in plans}


def _refusal(plan: DestinationPlan, action: str, actor: User, comment: str, expected_status) -> str | None:
    """Why the table (or the page's view of the plan) does not allow this move now; None when it does."""
    if expected_status is not None and plan.status != expected_status:
        return MSG_ALREADY_HANDLED.format(status=plan.get_status_display())
    move = transition_for(plan.status, action)
    if move is None or actor.role not in move.roles or action in INTERNAL_ACTIONS:
        return str(MSG_NOT_ALLOWED)
    if action in (Action.SUBMIT, Action.WITHDRAW) and plan.graduate.user_id != actor.pk:
        return str(MSG_NOT_ALLOWED)
    if move.needs_comment and not comment:
        return str(REASON_REQUIRED.get(action, MSG_COMMENT_REQUIRED))
    if action == Action.SUBMIT:
        try:
            _check_submittable(plan)
        except TransitionError as exc:
            return exc.message
    if action == Action.APPROVE:
        # No level approves a plan that lacks what its destination needs (19号 附件2: evidence, the wage floor).
        missing = plan_missing(plan)
        if missing:
            return str(MSG_MISSING.format(items="；".join(missing)))
    if action == Action.WITHDRAW:
        # Never a withdrawal that could not be resubmitted (a first registration would be lost).
        return student_window_refusal(graduate=plan.graduate, plan=plan)
    return None


def _approval_time(plans: list[DestinationPlan], now) -> datetime.datetime:
    """When the centre's approval is recorded: now, or a microsecond after the latest plan of these graduates
    registered today if that one carries a later time (imports used to stamp noon). Approval times are thus
    monotonic per graduate whatever the source, and the later act wins in the cut-off selector."""
    latest = (
        DestinationPlan.objects.filter(
            graduate_id__in={plan.graduate_id for plan in plans},
            approved_on=timezone.localdate(now),
            approved_at__gte=now,
        )
        .exclude(pk__in=[plan.pk for plan in plans])
        .order_by("-approved_at")
        .values_list("approved_at", flat=True)
        .first()
    )
    return now if latest is None else latest + datetime.timedelta(microseconds=1)


def _apply(plans: list[DestinationPlan], action: str, actor: User, comment: str) -> None:
    """Make one move on locked, checked plans that share a status: compare-and-set, events, notifications.

    The UPDATE names the status the plans were read in; on a database without row locks (SQLite) this is
    what lets only one of two concurrent reviewers win. Raises TransitionError when any row had moved.
    """
    from_status = plans[0].status
    move = transition_for(from_status, action)
    now = timezone.now()
    changes = {"status": move.to, "status_changed_at": now, "updated_at": now}
    if action == Action.SUBMIT:
        changes["submitted_at"] = now
    if move.to == PlanStatus.APPROVED:
        changes.update(approved_at=_approval_time(plans, now), approved_on=timezone.localdate(now))
    ids = [plan.pk for plan in plans]
    if move.to == PlanStatus.APPROVED:
        _supersede_previous(plans, actor, now)
    updated = DestinationPlan.objects.filter(pk__in=ids, status=from_status).update(**changes)
    if updated != len(ids):
        raise TransitionError(MSG_ALREADY_HANDLED.format(status=_current_status_label(ids[0])))
    events = []
    for plan in plans:
        for name, value in changes.items():
            setattr(plan, name, value)
        events.append(_event(plan, action, from_status, actor, comment))
    PlanEvent.objects.bulk_create(events)
    if action == Action.VERIFY_FALSE and from_status == PlanStatus.APPROVED:
        for plan in plans:
            _restore_latest_registered(plan, actor, now)
    transaction.on_commit(partial(notify_plans_moved, ids, move.to, comment))


def _event(plan, action, from_status, actor, comment) -> PlanEvent:
    return PlanEvent(
        plan=plan, action=action, from_status=from_status, to_status=plan.status,
        actor=actor, actor_role=actor.role, comment=comment,
    )  # fmt: skip


def plan_transition(
    *, plan_id: int, action: str, actor: User, comment: str = "", expected_status: str | None = None
) -> DestinationPlan:
    """Move a plan by the transition table, for an actor in scope, atomically; append the event.

    Two reviewers acting at once: the row is locked and the move is a compare-and-set on the status, so
    exactly one wins and the other gets ``MSG_ALREADY_HANDLED``. Notifications go out only after commit.
    """
    comment = comment.strip()
    with transaction.atomic():
        plan = _locked_in_scope([plan_id], actor).get(plan_id)
        if plan is None:
            raise PermissionDenied
        refusal = _refusal(plan, action, actor, comment, expected_status)
        if refusal:
            raise TransitionError(refusal)
        try:
            _apply([plan], action, actor, comment)
        except IntegrityError as exc:
            if action != Action.APPROVE:
                raise
            # A plan of the graduate was registered (an import committed) after the lock of the plans this
            # approval supersedes and before its UPDATE: the one-in-force constraint refused it; the whole
            # move is undone and the reviewer told.
            raise TransitionError(MSG_REGISTRATION_CHANGED) from exc
    return plan


def _current_status_label(plan_id: int) -> str:
    status = DestinationPlan.objects.filter(pk=plan_id).values_list("status", flat=True).first()
    return PlanStatus(status).label if status else "—"


def _check_submittable(plan: DestinationPlan) -> None:
    try:
        _check_window(plan.graduate, plan)
        _clean_details(plan)
    except ValidationError as exc:
        raise TransitionError("；".join(exc.messages)) from exc
    kinds = submission_evidence_kinds(plan)
    if kinds and not plan.evidence.filter(kind__in=kinds, removal__isnull=True).exists():
        labels = "或".join(str(EvidenceKind(kind).label) for kind in kinds)
        raise TransitionError(MSG_EVIDENCE_REQUIRED.format(kinds=labels))


def _supersede_previous(plans: list[DestinationPlan], actor: User, now) -> None:
    """The centre approved changes: each plan in force until now is kept, marked superseded, with an event."""
    previous = list(
        DestinationPlan.objects.select_for_update(of=("self",))
        .filter(graduate__in=[plan.graduate_id for plan in plans], status=PlanStatus.APPROVED)
        .exclude(pk__in=[plan.pk for plan in plans])
    )
    if not previous:
        return
    DestinationPlan.objects.filter(pk__in=[p.pk for p in previous], status=PlanStatus.APPROVED).update(
        status=PlanStatus.SUPERSEDED, superseded_at=now, status_changed_at=now
    )
    replacing = {plan.graduate_id: plan.pk for plan in plans}
    events = []
    for old in previous:
        old.status = PlanStatus.SUPERSEDED
        note = f"由方案 #{replacing[old.graduate_id]} 取代"
        events.append(_event(old, Action.SUPERSEDE, PlanStatus.APPROVED, actor, note))
    PlanEvent.objects.bulk_create(events)


def _restore_latest_registered(plan: DestinationPlan, actor: User, now) -> None:
    """The plan in force was found false: the graduate's latest other registered plan, by the order of
    ``selectors.effective_plans`` (approval day, then time with none as earliest, then id), is back in force
    with a RESTORE event, so the graduate's page and the cut-off selector name the same plan. Not
    ``replaces``: an import or another change may have superseded that one since."""
    previous = (
        DestinationPlan.objects.select_for_update(of=("self",))
        .filter(graduate_id=plan.graduate_id, status__in=REGISTERED_STATUSES)
        .exclude(pk=plan.pk)
        .order_by("-approved_on", F("approved_at").desc(nulls_last=True), "-pk")
        .first()
    )
    if previous is None or previous.status != PlanStatus.SUPERSEDED:
        return
    DestinationPlan.objects.filter(pk=previous.pk, status=PlanStatus.SUPERSEDED).update(
        status=PlanStatus.APPROVED, superseded_at=None, status_changed_at=now
    )
    previous.status = PlanStatus.APPROVED
    note = f"方案 #{plan.pk} 核查不属实，方案 #{previous.pk} 恢复有效"
    _event(previous, Action.RESTORE, PlanStatus.SUPERSEDED, actor, note).save()


def plan_bulk_approve(*, plan_ids: list[int], actor: User) -> list[BulkResult]:
    """Approve several plans at the actor's level with a result per plan, in one transaction.

    Each plan is checked against the table and the scope on its own; the ones that pass move together
    (one UPDATE, one batch of events and notifications). If another reviewer got to some of them between
    the lock and the write (possible only without row locks), they are retried one by one.
    """
    ids = list(dict.fromkeys(plan_ids))
    results: dict[int, BulkResult] = {}
    try:
        with transaction.atomic():
            locked = _locked_in_scope(ids, actor)
            movable: dict[str, list[DestinationPlan]] = {}
            for plan_id in ids:
                plan = locked.get(plan_id)
                refusal = (
                    str(MSG_NOT_ALLOWED) if plan is None else _refusal(plan, Action.APPROVE, actor, "", None)
                )
                if refusal:
                    results[plan_id] = BulkResult(plan_id, False, refusal)
                else:
                    movable.setdefault(plan.status, []).append(plan)
            for plans in movable.values():
                _apply(plans, Action.APPROVE, actor, "")
                results.update((plan.pk, BulkResult(plan.pk, True, "")) for plan in plans)
    except (TransitionError, IntegrityError):  # IntegrityError: see plan_transition, which tells each plan
        results = {}
        for plan_id in ids:
            try:
                plan_transition(plan_id=plan_id, action=Action.APPROVE, actor=actor)
            except (TransitionError, PermissionDenied) as exc:
                message = exc.message if isinstance(exc, TransitionError) else str(MSG_NOT_ALLOWED)
                results[plan_id] = BulkResult(plan_id, False, message)
            else:
                results[plan_id] = BulkResult(plan_id, True, "")
    return [results[plan_id] for plan_id in ids]


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())

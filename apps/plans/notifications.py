"""Who hears about a move, in the app and by e-mail. Called only from ``transaction.on_commit``, so a move
that is rolled back never notifies anybody. Works on a batch so a bulk approval costs a few queries. The
in-app notes are written here; the mails go to one task per batch (``tasks.send_notification_mail``), so a
slow mail server never holds up a move."""

import logging
from collections import defaultdict

from apps.accounts.models import Role, User

from .models import DestinationPlan, Notification, PlanStatus
from .tasks import send_notification_mail

logger = logging.getLogger(__name__)

MESSAGES = {
    PlanStatus.SUBMITTED: "{name} 提交了就业方案，等待辅导员审核。",
    PlanStatus.COUNSELLOR_APPROVED: "{name} 的就业方案已通过辅导员审核，等待学院审核。",
    PlanStatus.COLLEGE_APPROVED: "{name} 的就业方案已通过学院审核，等待就业指导中心审核。",
    PlanStatus.APPROVED: "您的就业方案已审核通过并登记。",
    PlanStatus.RETURNED: "您的就业方案被退回：{comment}",
    PlanStatus.FALSE: "您登记的就业方案经核查不属实，不再计入：{comment}。请填报更正方案。",
    PlanStatus.CANCELLED: "您的就业方案已被就业指导中心撤销：{comment}",
}
# The moves the student hears about (the others tell the next reviewers).
TO_STUDENT = (PlanStatus.APPROVED, PlanStatus.RETURNED, PlanStatus.FALSE, PlanStatus.CANCELLED)
SUBJECT = "【湖职就业】就业方案通知"


def _recipients(plans: list[DestinationPlan], status: str) -> dict[int, list[User]]:
    """Plan id -> the next reviewers for a plan now in ``status``, or the student when it was approved,
    returned, found false or cancelled."""
    active = User.objects.filter(is_active=True)
    if status == PlanStatus.SUBMITTED:
        by_class = defaultdict(list)
        assignments = User.classes.through.objects.filter(
            classgroup_id__in={p.graduate.class_group_id for p in plans},
            user__role=Role.COUNSELLOR,
            user__is_active=True,
        ).select_related("user")
        for assignment in assignments:
            by_class[assignment.classgroup_id].append(assignment.user)
        return {p.pk: by_class[p.graduate.class_group_id] for p in plans}
    if status == PlanStatus.COUNSELLOR_APPROVED:
        by_college = defaultdict(list)
        colleges = {p.graduate.class_group.major.college_id for p in plans}
        for user in active.filter(role=Role.COLLEGE, college_id__in=colleges):
            by_college[user.college_id].append(user)
        return {p.pk: by_college[p.graduate.class_group.major.college_id] for p in plans}
    if status == PlanStatus.COLLEGE_APPROVED:
        centre = list(active.filter(role=Role.CENTRE))
        return {p.pk: centre for p in plans}
    if status in TO_STUDENT:
        students = active.in_bulk([p.graduate.user_id for p in plans if p.graduate.user_id])
        return {p.pk: [students[p.graduate.user_id]] if p.graduate.user_id in students else [] for p in plans}
    return {}


def _enqueue_mail(mails: list[tuple[str, str, str]]) -> None:
    """One task for the batch. The notes are written whatever happens here: a queue that cannot be reached
    is logged, never turned into an error page for a move that is committed."""
    if not mails:
        return
    try:
        send_notification_mail.enqueue([list(mail) for mail in mails])
    except Exception:
        logger.exception("could not enqueue %s notification mails", len(mails))


def notify_plans_moved(plan_ids: list[int], status: str, comment: str = "") -> None:
    template = MESSAGES.get(status)
    if template is None:
        return
    plans = list(
        DestinationPlan.objects.filter(pk__in=plan_ids).select_related("graduate__class_group__major")
    )
    recipients = _recipients(plans, status)
    notes, mails = [], []
    for plan in plans:
        message = template.format(name=plan.graduate.name, comment=comment)[:200]
        for user in recipients.get(plan.pk, []):
            notes.append(Notification(recipient=user, plan=plan, message=message))
            if user.email:
                mails.append((SUBJECT, message, user.email))
    Notification.objects.bulk_create(notes)
    _enqueue_mail(mails)


def notify_graduates(graduates: list, message: str) -> int:
    """An in-app reminder (催报) to each of ``graduates`` that has an active account, plus an e-mail where they
    gave one; returns how many were notified. One insert for the notes, one task for the mails."""
    students = User.objects.filter(is_active=True).in_bulk([g.user_id for g in graduates if g.user_id])
    notes, mails = [], []
    for graduate in graduates:
        student = students.get(graduate.user_id)
        if student is None:
            continue
        notes.append(Notification(recipient=student, message=message[:200]))
        if student.email:
            mails.append((SUBJECT, message, student.email))
    Notification.objects.bulk_create(notes)
    _enqueue_mail(mails)
    return len(notes)

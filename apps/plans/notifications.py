"""Who hears about a move, in the app and by e-mail. Called only from ``transaction.on_commit``."""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Q

from apps.accounts.models import Role, User

from .models import DestinationPlan, Notification, PlanStatus

logger = logging.getLogger(__name__)

MESSAGES = {
    PlanStatus.SUBMITTED: "{name} 提交了就业方案，等待辅导员审核。",
    PlanStatus.COUNSELLOR_APPROVED: "{name} 的就业方案已通过辅导员审核，等待学院审核。",
    PlanStatus.COLLEGE_APPROVED: "{name} 的就业方案已通过学院审核，等待就业指导中心审核。",
    PlanStatus.APPROVED: "您的就业方案已审核通过并登记。",
    PlanStatus.RETURNED: "您的就业方案被退回：{comment}",
}


def recipients_for(plan: DestinationPlan, status: str) -> list[User]:
    """The next reviewers for a plan now in ``status``, or the student on return and approval."""
    graduate = plan.graduate
    active = User.objects.filter(is_active=True)
    if status == PlanStatus.SUBMITTED:
        return list(active.filter(role=Role.COUNSELLOR, classes=graduate.class_group_id))
    if status == PlanStatus.COUNSELLOR_APPROVED:
        return list(active.filter(role=Role.COLLEGE, college_id=graduate.class_group.major.college_id))
    if status == PlanStatus.COLLEGE_APPROVED:
        return list(active.filter(role=Role.CENTRE))
    if status in (PlanStatus.APPROVED, PlanStatus.RETURNED) and graduate.user_id:
        return list(active.filter(Q(pk=graduate.user_id)))
    return []


def notify_plan_moved(plan_id: int, status: str, comment: str) -> None:
    plan = DestinationPlan.objects.select_related("graduate__class_group__major").get(pk=plan_id)
    template = MESSAGES.get(status)
    if template is None:
        return
    message = template.format(name=plan.graduate.name, comment=comment)[:200]
    recipients = recipients_for(plan, status)
    Notification.objects.bulk_create(
        [Notification(recipient=u, plan=plan, message=message) for u in recipients]
    )
    mails = [
        ("【湖职就业】就业方案通知", message, settings.DEFAULT_FROM_EMAIL, [u.email])
        for u in recipients
        if u.email
    ]
    if mails:
        try:
            send_mass_mail(mails, fail_silently=False)
        except Exception:  # the move is committed; a mail server hiccup must not turn it into an error page
            logger.exception("could not send plan notification mail for plan %s", plan_id)

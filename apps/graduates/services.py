"""Writes to graduate records (the import lives in ``imports``)."""

from django.db import transaction

from apps.accounts.models import Role, User

from .models import Cohort, Graduate


@transaction.atomic
def graduate_update_contact(*, graduate: Graduate, actor: User, phone: str, email: str) -> Graduate:
    """A student keeps their own phone and e-mail current; nothing else of the record can change here."""
    if graduate.user_id != actor.pk:
        raise PermissionError("only the graduate may edit their own contact data")
    graduate.phone = phone.strip()
    graduate.email = email.strip()
    graduate.full_clean()
    graduate._change_reason = "本人修改联系方式"  # kept with the historical row (django-simple-history)
    graduate.save(update_fields=["phone", "email", "updated_at"])
    return graduate


@transaction.atomic
def cohort_archive(*, cohort: Cohort) -> int:
    """Archive a cohort: its graduates' student accounts are disabled (domain.md). Returns how many."""
    cohort.is_archived = True
    cohort.save(update_fields=["is_archived"])
    return User.objects.filter(graduate__cohort=cohort, role=Role.STUDENT, is_active=True).update(
        is_active=False
    )

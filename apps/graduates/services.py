"""Writes to graduate records (the import lives in ``imports``)."""

from django.db import transaction

from apps.accounts.models import User

from .models import Graduate


@transaction.atomic
def graduate_update_contact(*, graduate: Graduate, actor: User, phone: str, email: str) -> Graduate:
    """A student keeps their own phone and e-mail current; nothing else of the record can change here."""
    if graduate.user_id != actor.pk:
        raise PermissionError("only the graduate may edit their own contact data")
    graduate.phone = phone.strip()
    graduate.email = email.strip()
    graduate.full_clean()
    graduate.save(update_fields=["phone", "email", "updated_at"])
    return graduate

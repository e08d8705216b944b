"""The support ledger follows the graduate import: a hardship-group graduate gets a case as they arrive."""

from django.dispatch import receiver

from apps.graduates.signals import graduates_imported

from .services import support_cases_open_for


@receiver(graduates_imported)
def open_cases_for_imported_graduates(sender, *, graduates, **kwargs) -> None:
    support_cases_open_for(graduates=graduates)

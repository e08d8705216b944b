"""python manage.py open_support_cases [--cohort YEAR]: open the missing cases of the hardship group.

What the graduate import does after writing (see apps.support.services.support_cases_open_for), for graduates
imported before the support app, or whose hardship flags were set later. Idempotent.
"""

from django.core.management.base import BaseCommand

from apps.graduates.models import Graduate
from apps.support.services import support_cases_open_for


class Command(BaseCommand):
    help = "Open a support case for every graduate of the hardship group who has none (all cohorts, or one)."

    def add_arguments(self, parser):
        parser.add_argument("--cohort", type=int, help="only this cohort (year), e.g. 2020")

    def handle(self, *args, cohort: int | None = None, **options):
        graduates = Graduate.objects.all()
        if cohort is not None:
            graduates = graduates.filter(cohort__year=cohort)
        opened = support_cases_open_for(graduates=graduates)
        self.stdout.write(f"Opened {opened} support case(s).")

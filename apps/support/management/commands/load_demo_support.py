"""python manage.py load_demo_support [--reset]: the 2020 cohort's support ledger and subsidies (seed 4.2.3,
4.2.8, 4.2.9), after load_demo_cohort."""

from django.core.management.base import BaseCommand, CommandError

from apps.support.demo import (
    GROUP_SIZE,
    SCHEME_NAME,
    DemoSupportError,
    demo_support_counts,
    demo_support_load,
)


class Command(BaseCommand):
    help = (
        "Load the demo support ledger of the 2020 cohort (510 cases with their history) and the one-time "
        "job-seeking subsidies (5,551,700 yuan). Run after load_demo_cohort; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the cohort's support cases, their history and the demo subsidy scheme, then write them again.",
        )

    def handle(self, *args, reset: bool = False, **options):
        try:
            result = demo_support_load(reset=reset, log=self.stdout.write)
        except DemoSupportError as error:
            raise CommandError(str(error)) from error
        c = demo_support_counts()
        self.stdout.write(
            f"Support ledger 2020: {c['cases']} cases (seed: {GROUP_SIZE}), {c['actions']} log entries, "
            f"{c['cases_without_action']} cases without any; “{SCHEME_NAME}”: {c['applications']} applications, "
            f"{c['paid']} paid, {c['paid_amount']} yuan. Done in {result.seconds:.1f} s."
        )

"""python manage.py load_demo_support [--reset [--yes]]: the 2020 cohort's support ledger and subsidies (seed
4.2.3, 4.2.8, 4.2.9), after load_demo_cohort. Writes only into a database holding just the demo
(apps/demo/guard.py)."""

from django.core.management.base import CommandError

from apps.demo.command import DemoLoaderCommand
from apps.support.demo import (
    GROUP_SIZE,
    SCHEME_NAME,
    DemoSupportError,
    demo_support_counts,
    demo_support_load,
)


class Command(DemoLoaderCommand):
    help = (
        "Load the demo support ledger of the 2020 cohort (510 cases with their history) and the one-time "
        "job-seeking subsidies (5,551,700 yuan). Run after load_demo_cohort, on a database holding just the demo; "
        "running it again then changes nothing."
    )
    part = "support"
    title = "演示帮扶台账与一次性求职补贴（2020 届）"
    removes = f"2020 届的全部帮扶对象及其帮扶记录，以及“{SCHEME_NAME}”的全部申请、批次和记录"

    def load(self, *, reset: bool, **options) -> None:
        try:
            demo_support_load(reset=reset, log=self.stdout.write)
        except DemoSupportError as error:
            raise CommandError(str(error), returncode=1) from error

    def report(self, *, loaded: bool, seconds: float, **options) -> None:
        c = demo_support_counts()
        self.stdout.write(
            f"Support ledger 2020: {c['cases']} cases (seed: {GROUP_SIZE}), {c['actions']} log entries, "
            f"{c['cases_without_action']} cases without any; “{SCHEME_NAME}”: {c['applications']} applications, "
            f"{c['paid']} paid, {c['paid_amount']} yuan. Done in {seconds:.1f} s."
        )

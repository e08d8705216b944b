"""python manage.py load_demo_cohort [--reset]: the seed report's 2020 cohort, reproducible (contract §3)."""

import unicodedata

from django.core.management.base import BaseCommand, CommandError

from apps.graduates.demo import DEMO_ACCOUNTS
from apps.graduates.demo.load import DemoLoadError, demo_cohort_counts, demo_cohort_load


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


class Command(BaseCommand):
    help = (
        "Load the 2020 cohort of the seed report (5,098 graduates, 10 colleges, 40 majors) with classes, "
        "counsellors, college officers, student accounts and demo log-in accounts. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the cohort's graduates and student accounts and create them again even if complete.",
        )

    def handle(self, *args, reset: bool = False, **options):
        try:
            result = demo_cohort_load(reset=reset, log=self.stdout.write)
        except DemoLoadError as error:
            raise CommandError(str(error)) from error

        c = demo_cohort_counts()
        self.stdout.write(
            f"Cohort 2020: {c['graduates']} graduates ({c['men']} 男 / {c['women']} 女), {c['colleges']} colleges, "
            f"{c['majors']} majors, {c['classes']} classes, {c['origins']} provinces of origin, "
            f"{c['minorities']} minority graduates, {c['hardship_group']} in the hardship group; "
            f"{c['student_accounts']} student accounts, {c['counsellors']} counsellors, "
            f"{c['college_officers']} college officers."
        )
        self.stdout.write(
            f"{'Rebuilt' if result.rebuilt else 'Checked'} in {result.seconds:.1f} s. Demo accounts "
            "(every counsellor fdyCCNN and college officer xyCC has the same password):"
        )
        rows = [("role", "username", "password", "sees")]
        rows += [(str(a.role.label), a.username, a.password, a.sees) for a in DEMO_ACCOUNTS.values()]
        for line in _table(rows):
            self.stdout.write(line)

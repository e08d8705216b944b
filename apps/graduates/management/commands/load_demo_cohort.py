"""python manage.py load_demo_cohort [--reset]: the seed report's 2020 cohort, reproducible (contract §3),
with its graduates' destination plans (apps/plans/demo)."""

import time
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError

from apps.graduates.demo import DEMO_ACCOUNTS
from apps.graduates.demo.load import DemoLoadError, demo_cohort_counts, demo_cohort_load
from apps.plans.demo import (
    DemoPlansError,
    demo_plans_counts,
    demo_plans_exist,
    demo_plans_load,
    demo_plans_remove,
)


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


def _percent(part: int, whole: int) -> str:
    if not whole:
        return "—"
    return f"{(Decimal(part) * 100 / whole).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


class Command(BaseCommand):
    help = (
        "Load the 2020 cohort of the seed report (5,098 graduates, 10 colleges, 40 majors) with classes, "
        "counsellors, college officers, student accounts and demo log-in accounts, and the graduates' destination "
        "plans (the seed's figures at 2020-08-31 and 2020-12-31). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help=(
                "Delete the cohort's graduates, student accounts and destination plans and create them again "
                "even if complete."
            ),
        )

    def handle(self, *args, reset: bool = False, **options):
        started = time.perf_counter()
        try:
            with transaction.atomic():
                if reset:  # plans protect the graduates they belong to
                    demo_plans_remove(log=self.stdout.write)
                result = self._load_graduates(reset)
                plans = demo_plans_load(reset=reset, log=self.stdout.write)
        except (DemoLoadError, DemoPlansError) as error:
            raise CommandError(str(error)) from error

        c = demo_cohort_counts()
        self.stdout.write(
            f"Cohort 2020: {c['graduates']} graduates ({c['men']} 男 / {c['women']} 女), {c['colleges']} colleges, "
            f"{c['majors']} majors, {c['classes']} classes, {c['origins']} provinces of origin, "
            f"{c['minorities']} minority graduates, {c['hardship_group']} in the hardship group; "
            f"{c['student_accounts']} student accounts, {c['counsellors']} counsellors, "
            f"{c['college_officers']} college officers."
        )
        p = demo_plans_counts()
        (first_day, first), (final_day, final), waiting = p["first"], p["final"], p["statuses"]
        self.stdout.write(
            f"Destination plans: {plans.plans} plans, {plans.events} events, {plans.evidence} evidence files "
            f"({'rebuilt' if plans.rebuilt else 'kept'}); employed at {first_day}: {first} of {p['graduates']} "
            f"({_percent(first, p['graduates'])}), at {final_day}: {final} ({_percent(final, p['graduates'])}); "
            f"waiting for counsellors {waiting['submitted']}, colleges {waiting['counsellor_approved']}, "
            f"the centre {waiting['college_approved']}; returned {waiting['returned']}, drafts {waiting['draft']}."
        )
        self.stdout.write(
            f"{'Rebuilt' if result.rebuilt else 'Checked'} in {time.perf_counter() - started:.1f} s. Demo accounts "
            "(every counsellor fdyCCNN and college officer xyCC has the same password):"
        )
        rows = [("role", "username", "password", "sees")]
        rows += [(str(a.role.label), a.username, a.password, a.sees) for a in DEMO_ACCOUNTS.values()]
        for line in _table(rows):
            self.stdout.write(line)

    def _load_graduates(self, reset: bool):
        """The graduates. If they have to be rebuilt while destination plans still point at them (the loader
        found them changed), the plans go first and the graduates are loaded again; they come back after."""
        lines: list[str] = []
        try:
            with transaction.atomic():
                result = demo_cohort_load(reset=reset, log=lines.append)
        except DemoLoadError as error:
            if not isinstance(error.__cause__, ProtectedError) or not demo_plans_exist():
                raise
            demo_plans_remove(log=self.stdout.write)
            lines = []
            result = demo_cohort_load(reset=reset, log=lines.append)
        for line in lines:
            self.stdout.write(line)
        return result

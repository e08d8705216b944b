"""python manage.py load_demo_cohort [--reset [--yes]]: the seed report's 2020 cohort, reproducible (contract §3),
with its graduates' destination plans (apps/plans/demo). Writes only into an empty database or one holding just
the demo (apps/demo/guard.py)."""

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from django.core.management.base import CommandError
from django.db import transaction

from apps.demo.cohort2025 import demo_2025_remove
from apps.demo.command import DemoLoaderCommand
from apps.graduates.demo import DEMO_ACCOUNTS
from apps.graduates.demo.load import DemoLoadError, demo_cohort_counts, demo_cohort_load
from apps.plans.demo import DemoPlansError, demo_plans_counts, demo_plans_load, demo_plans_remove
from apps.support.demo import DemoSupportError, demo_support_remove


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


def demo_account_lines() -> list[str]:
    """The demo log-in accounts, as the table ``make run`` prints before the server starts."""
    rows = [("role", "username", "password", "sees")]
    rows += [(str(a.role.label), a.username, a.password, a.sees) for a in DEMO_ACCOUNTS.values()]
    return [
        "Demo accounts (every counsellor fdyCCNN and college officer xyCC has the same password):",
        *_table(rows),
    ]


class Command(DemoLoaderCommand):
    help = (
        "Load the 2020 cohort of the seed report (5,098 graduates, 10 colleges, 40 majors) with classes, "
        "counsellors, college officers, student accounts and demo log-in accounts, and the graduates' destination "
        "plans (the seed's figures at 2020-08-31 and 2020-12-31). Only into an empty database or one holding "
        "just the demo; running it again then changes nothing."
    )
    part = "cohort"
    title = "演示届别（2020 届毕业生、账号及其就业方案）"
    removes = "2020 届的全部毕业生、学生账号、就业方案（含事件、证明材料、核查）和该届的帮扶台账与演示补贴"
    # Its cases and subsidies protect the graduates; the 2025 cohort hangs on its counsellors' classes.
    reset_removes = frozenset({"support", "cohort2025"})
    stealth_options = ("stdin", "accounts")

    def load(self, *, reset: bool, **options) -> None:
        try:
            with transaction.atomic():
                if reset:  # what protects the graduates goes first
                    demo_2025_remove(log=self.stdout.write)
                    demo_support_remove(log=self.stdout.write)
                    demo_plans_remove(log=self.stdout.write)
                lines: list[str] = []
                self.result = demo_cohort_load(reset=reset, log=lines.append)
                for line in lines:
                    self.stdout.write(line)
                self.plans = demo_plans_load(reset=reset, log=self.stdout.write)
        except (DemoLoadError, DemoPlansError, DemoSupportError) as error:
            raise CommandError(str(error), returncode=1) from error

    def report(self, *, loaded: bool, seconds: float, accounts: bool = True, **options) -> None:
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
        written = (
            f"{self.plans.plans} plans, {self.plans.events} events, {self.plans.evidence} evidence files "
            f"({'rebuilt' if self.plans.rebuilt else 'kept'}); "
            if loaded
            else ""
        )
        self.stdout.write(
            f"Destination plans: {written}employed at {first_day}: {first} of {p['graduates']} "
            f"({_percent(first, p['graduates'])}), at {final_day}: {final} ({_percent(final, p['graduates'])}); "
            f"waiting for counsellors {waiting['submitted']}, colleges {waiting['counsellor_approved']}, "
            f"the centre {waiting['college_approved']}; returned {waiting['returned']}, drafts {waiting['draft']}."
        )
        if loaded:
            state = "Rebuilt" if self.result.rebuilt else "Checked"
            self.stdout.write(f"{state} in {seconds:.1f} s.")
        if accounts:
            for line in demo_account_lines():
                self.stdout.write(line)

"""python manage.py load_demo_park [--reset]: the seed report's entrepreneurship park (4.4), reproducible."""

from django.core.management.base import BaseCommand, CommandError

from apps.graduates.demo import DEMO_PASSWORD
from apps.graduates.demo import data as cohort_data
from apps.park.demo import DemoParkError, demo_park_load
from apps.park.demo import data as d
from apps.park.selectors import park_totals


class Command(BaseCommand):
    help = (
        "Load the entrepreneurship park of the seed report: two sites (close to 4,000 m²), 46 companies with 312 "
        "jobs created, their reports, passes, patrols, meter readings and assessments, three funded teams "
        "(3 x 20,000 yuan) and the 2020 competitions. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete every park record and load the demo again."
        )

    def handle(self, *args, reset: bool = False, **options):
        try:
            result = demo_park_load(reset=reset, log=self.stdout.write)
        except DemoParkError as error:
            raise CommandError(str(error)) from error

        t = park_totals()
        f = t["funding"]
        self.stdout.write(
            f"Park: {t['sites']} sites, {t['area']} m²; {t['active']} companies in the park, {t['jobs_created']} jobs "
            f"created; funding: {f['applications']} applications, {f['funded']} funded, {f['granted']} yuan."
        )
        for line in t["competitions"]:
            self.stdout.write(
                f"  {line.year} {line.label}: {line.entries} entries, {line.students} students, "
                f"{line.medals} medals, {line.awards} awards"
            )
        username = d.TENANT_USERNAME.format(number=1)
        self.stdout.write(
            f"{'Loaded' if result.loaded else 'Checked'} in {result.seconds:.1f} s. Demo company account "
            f"(创业园企业, {d.COMPANIES[0][0]}): {username} / {DEMO_PASSWORD} "
            f"(cyy01 ... cyy{d.ACTIVE_TENANTS:02d} alike). The centre: {cohort_data.CENTRE_USERNAME} / {DEMO_PASSWORD}. "
            f"The data are of 2020: open /park/dashboard/?on={d.AS_OF:%Y-%m-%d}"
        )

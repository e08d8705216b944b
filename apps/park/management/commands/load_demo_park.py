"""python manage.py load_demo_park [--reset [--yes]]: the seed report's entrepreneurship park (4.4),
reproducible. Writes only into an empty database or one holding just the demo (apps/demo/guard.py)."""

from django.core.management.base import CommandError

from apps.demo.command import DemoLoaderCommand
from apps.graduates.demo import DEMO_PASSWORD
from apps.graduates.demo import data as cohort_data
from apps.park.demo import DemoParkError, demo_park_load
from apps.park.demo import data as d
from apps.park.selectors import park_totals


class Command(DemoLoaderCommand):
    help = (
        "Load the entrepreneurship park of the seed report: two sites (close to 4,000 m²), 46 companies with 312 "
        "jobs created, their reports, passes, patrols, meter readings and assessments, three funded teams "
        "(3 x 20,000 yuan) and the 2020 competitions. Only into an empty database or one holding just the demo; "
        "running it again then changes nothing."
    )
    part = "park"
    title = "演示创业园（4.4）"
    removes = "创业园的全部记录（场地、企业、报表、出入证、巡查、抄表、考评、资助、赛事）"

    def load(self, *, reset: bool, **options) -> None:
        try:
            demo_park_load(reset=reset, log=self.stdout.write)
        except DemoParkError as error:
            raise CommandError(str(error), returncode=1) from error

    def report(self, *, loaded: bool, seconds: float, **options) -> None:
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
            f"{'Loaded' if loaded else 'Checked'} in {seconds:.1f} s. Demo company account "
            f"(创业园企业, {d.COMPANIES[0][0]}): {username} / {DEMO_PASSWORD} "
            f"(cyy01 ... cyy{d.ACTIVE_TENANTS:02d} alike). The centre: {cohort_data.CENTRE_USERNAME} / {DEMO_PASSWORD}. "
            f"The data are of 2020: open /park/dashboard/?on={d.AS_OF:%Y-%m-%d}"
        )

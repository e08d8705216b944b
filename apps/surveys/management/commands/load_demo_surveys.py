"""python manage.py load_demo_surveys [--reset [--yes]]: the seed report's 2.3 surveys (2020 graduates and
employers, and a 2019 graduates' campaign for the comparisons), reproducible, after load_demo_cohort. Writes only
into a database holding just the demo (apps/demo/guard.py)."""

from django.core.management.base import CommandError

from apps.demo.command import DemoLoaderCommand
from apps.graduates.models import Cohort
from apps.surveys.demo import DemoSurveysError, demo_surveys_load
from apps.surveys.selectors import survey_consistency, survey_summary


def _rate(value) -> str:
    return "—" if value is None else f"{value:.2f}%"


def _change(value) -> str:
    return "—" if value is None else f"{value:+.2f}"


class Command(DemoLoaderCommand):
    help = (
        "Load the demo surveys of the seed report (2.3): the 2020 graduates' campaign (5,089 sent, 4,144 returned), "
        "the 2020 employers' campaign and a 2019 graduates' campaign. Run after load_demo_cohort, on a database "
        "holding just the demo; running it again then changes nothing."
    )
    part = "surveys"
    title = "演示就业跟踪调查（2.3）"
    removes = "三个演示调查（2020 届毕业生、2020 届用人单位、2019 届毕业生）的全部答卷"

    def load(self, *, reset: bool, **options) -> None:
        try:
            demo_surveys_load(reset=reset, log=self.stdout.write)
        except DemoSurveysError as error:
            raise CommandError(str(error), returncode=1) from error

    def report(self, *, loaded: bool, seconds: float, **options) -> None:
        s = survey_summary(cohort=Cohort.objects.get(year=2020))
        job, school, employers = s["job_satisfaction"], s["school_satisfaction"], s["employer_satisfaction"]
        self.stdout.write(
            f"2020: sent {s['sent']}, returned {s['returned']} ({_rate(s['return_rate'])}); major match "
            f"{_rate(s['major_match_rate'])}; job satisfaction {_rate(job['rate'])} (2019 {_rate(job['previous'])}, "
            f"{_change(job['change'])} points); school {_rate(school['overall']['rate'])} "
            f"(2019 {_rate(school['overall']['previous'])}, {_change(school['overall']['change'])} points), teaching "
            f"{_rate(school['teaching']['rate'])}, student affairs {_rate(school['student_affairs']['rate'])}, "
            f"living services {_rate(school['living_services']['rate'])}; employers {_rate(employers['satisfied'])} / "
            f"{_rate(employers['average'])} / {_rate(employers['unsatisfied'])}."
        )
        for note in survey_consistency(cohort=Cohort.objects.get(year=2020)):
            self.stdout.write(f"  note: {note}")
        self.stdout.write(f"Done in {seconds:.1f} s.")

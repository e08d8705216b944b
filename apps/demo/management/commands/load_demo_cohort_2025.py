"""python manage.py load_demo_cohort_2025 [--reset [--yes]]: the demo's 2025 cohort on the 2021+ scheme
(apps/demo/cohort2025.py), after load_demo_cohort. Writes only into a database holding just the demo."""

from django.core.management.base import CommandError

from apps.accounts.models import User
from apps.demo.cohort2025 import Demo2025Error, demo_2025_counts, demo_2025_load, demo_2025_remove
from apps.demo.command import DemoLoaderCommand
from apps.graduates.demo import data as graduates_data
from apps.graduates.uploads import UploadRejected


class Command(DemoLoaderCommand):
    help = (
        "Load the demo's 2025 cohort on the 2021+ destination scheme (about 1,500 graduates over the demo's "
        "colleges and majors, destinations in every 2021+ category, autumn changes, returned and waiting plans) "
        "through the graduate and destination imports and the workflow services. Run after load_demo_cohort."
    )
    part = "cohort2025"
    title = "演示 2025 届（2021 版毕业去向代码）"
    removes = "2025 届的全部毕业生、学生账号、班级和就业方案（含事件、证明材料）"

    def load(self, *, reset: bool, **options) -> None:
        centre = User.objects.filter(username=graduates_data.CENTRE_USERNAME).first()
        if centre is None:
            raise CommandError("先运行 load_demo_cohort（2025 届由演示就业指导中心账号导入）。", returncode=1)
        try:
            if reset:
                demo_2025_remove(log=self.stdout.write)
            self.counts = demo_2025_load(centre=centre, log=self.stdout.write)
        except (Demo2025Error, UploadRejected) as error:
            raise CommandError(str(error), returncode=1) from error

    def report(self, *, loaded: bool, seconds: float, **options) -> None:
        c = demo_2025_counts()
        self.stdout.write(
            f"2025: {c['graduates']} graduates, {c['registered']} registered destinations, {c['superseded']} "
            f"superseded by an autumn change, {c['returned']} returned, {c['in_review']} in review "
            f"({seconds:.1f} s)."
        )

"""python manage.py export_national_layout --cohort YEAR [--output FILE]: a cohort's registered destinations
in the national layout (contract §5), written row by row. Exit status 0, or 2 on bad arguments (§3)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from apps.graduates.models import Cohort
from apps.plans.national_layout.export import export_layout

MSG_NO_COHORT = _("届别 {year} 不存在。")
MSG_WRITTEN = _("已导出 {count} 行：{path}")


class Command(BaseCommand):
    help = "导出一届的就业方案（全国毕业去向登记系统格式，.xlsx，列见 contracts.md §5）。"

    def add_arguments(self, parser):
        parser.add_argument("--cohort", type=int, required=True, help="cohort year, e.g. 2025")
        parser.add_argument("--output", help="the .xlsx to write (default: 就业方案-YEAR.xlsx here)")

    def handle(self, *args, cohort: int, output: str | None, **options):
        found = Cohort.objects.filter(year=cohort).first()
        if found is None:
            raise CommandError(MSG_NO_COHORT.format(year=cohort), returncode=2)
        path = Path(output or f"就业方案-{cohort}.xlsx")
        count = export_layout(cohort=found, target=path)
        self.stdout.write(str(MSG_WRITTEN.format(count=count, path=path)))

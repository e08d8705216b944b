import datetime
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from apps.graduates.models import Cohort
from apps.reports.formatters import report_to_json
from apps.reports.selectors import annual_report

FORMATS = ("json", "xlsx", "docx")


class Command(BaseCommand):
    help = "生成就业质量年度报告（contract §3/§4）：--cohort 2020 --as-of 2020-08-31 --format json|xlsx|docx"

    def add_arguments(self, parser):
        parser.add_argument("--cohort", type=int, required=True)
        parser.add_argument("--as-of", required=True, help="YYYY-MM-DD")
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--output", help="file to write; standard output when omitted (json only)")

    def handle(self, *args, cohort, as_of, format, output, **options):
        try:
            cut_off = datetime.date.fromisoformat(as_of)
        except ValueError:
            raise CommandError(f"--as-of 应为 YYYY-MM-DD：{as_of}", returncode=2) from None
        cohort_row = Cohort.objects.filter(year=cohort).first()
        if cohort_row is None:
            raise CommandError(f"没有 {cohort} 届的数据。", returncode=2)
        if format != "json" and not output:
            raise CommandError("xlsx 和 docx 需要 --output 文件。", returncode=2)
        report = annual_report(cohort=cohort_row, as_of=cut_off)
        if format == "json":
            text = json.dumps(report_to_json(report), ensure_ascii=False, indent=2)
            if output:
                with open(output, "w", encoding="utf-8") as handle:
                    handle.write(text + "\n")
            else:
                sys.stdout.write(text + "\n")
            return
        from apps.reports.exports import report_to_docx, report_to_xlsx

        (report_to_xlsx if format == "xlsx" else report_to_docx)(report, output)
        self.stdout.write(f"已写入 {output}")

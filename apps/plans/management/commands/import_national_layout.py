"""python manage.py import_national_layout FILE --approved-on YYYY-MM-DD [--dry-run] [--actor USERNAME]: a
national-layout workbook (contract §5) recorded as the centre's approvals on that day, all or nothing.
Exit status 0 on success, 1 on rejected input, 2 on bad arguments (contract §3)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from apps.graduates.dates import MSG_DATE, parse_date
from apps.plans.management.commands.import_destinations import (
    MSG_COUNTS,
    MSG_DRY_RUN,
    MSG_ERROR_LINE,
    MSG_FILE_ERROR_LINE,
    MSG_NO_FILE,
    MSG_REJECTED,
    MSG_WRITTEN,
    centre_importer,
)
from apps.plans.national_layout.importer import national_layout_import

MSG_APPROVED_ON = _("--approved-on：{message}")


class Command(BaseCommand):
    help = "导入就业方案（全国或省级毕业去向登记系统导出的格式，见 contracts.md §5）：有任何错误则整个文件不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx, .xls, .ods or .csv file")
        parser.add_argument("--approved-on", required=True, help="the day every row is registered on")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--actor", metavar="USERNAME", help="the centre user named as importer")

    def handle(self, *args, file: str, approved_on: str, dry_run: bool, actor: str | None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(MSG_NO_FILE.format(path=file), returncode=2)
        day = parse_date(approved_on)
        if day is None:
            raise CommandError(MSG_APPROVED_ON.format(message=MSG_DATE), returncode=2)
        importer = centre_importer(actor)
        result = national_layout_import(rows_source=path, dry_run=dry_run, actor=importer, approved_on=day)
        if not result.ok:
            for error in result.errors:
                if error.row is None:
                    line = MSG_FILE_ERROR_LINE.format(message=error.message)
                else:
                    line = MSG_ERROR_LINE.format(row=error.row, column=error.column, message=error.message)
                self.stderr.write(line)
            raise CommandError(MSG_REJECTED.format(count=len(result.errors)), returncode=1)
        counts = MSG_COUNTS.format(new=result.new, changed=result.changed, unchanged=result.unchanged)
        self.stdout.write(f"{MSG_DRY_RUN if dry_run else MSG_WRITTEN}{counts}")

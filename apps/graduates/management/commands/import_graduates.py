"""python manage.py import_graduates FILE [--dry-run]: the §1 workbook from the command line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from apps.graduates.imports import graduate_import

MSG_NO_FILE = _("文件不存在：{path}")
MSG_COUNTS = _("新增 {new} 人，更新 {changed} 人，未变 {unchanged} 人。")
MSG_DRY_RUN = _("预检通过（未写入）：")
MSG_WRITTEN = _("导入完成：")
MSG_REJECTED = _("文件有 {count} 处错误，未导入任何数据。")
MSG_ERROR_LINE = _("第 {row} 行 {column}：{message}")
MSG_FILE_ERROR_LINE = _("文件：{message}")
MSG_WARNING_LINE = _("提醒：第 {row} 行 {column}：{message}")


class Command(BaseCommand):
    help = "导入生源信息（.xlsx、.xls、.ods 或 .csv，格式见 contracts.md §1）：有任何错误则整个文件不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx, .xls, .ods or .csv file")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args, file: str, dry_run: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(MSG_NO_FILE.format(path=file), returncode=2)
        result = graduate_import(rows_source=path, dry_run=dry_run)
        for warning in result.warnings:  # the rows are imported all the same
            self.stdout.write(
                MSG_WARNING_LINE.format(row=warning.row, column=warning.column, message=warning.message)
            )
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

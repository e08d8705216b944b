"""python manage.py import_graduates FILE [--dry-run] [--confirm-cohort-moves]: the §1 workbook from the command
line. A cohort move of a graduate with registered destination plans is refused unless the row's 毕业状态 says
延期毕业 or ``--confirm-cohort-moves`` is given (the move is then named in the graduate's history)."""

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
MSG_CONFIRM_HINT = _("以上届别变更确认无误时，加 --confirm-cohort-moves 重新运行。")


class Command(BaseCommand):
    help = "导入生源信息（.xlsx、.xls、.ods 或 .csv，格式见 contracts.md §1）：有任何错误则整个文件不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx, .xls, .ods or .csv file")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument(
            "--confirm-cohort-moves",
            action="store_true",
            help="move graduates with registered destination plans to the file's 届别 (recorded in their history)",
        )

    def handle(self, *args, file: str, dry_run: bool, confirm_cohort_moves: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(MSG_NO_FILE.format(path=file), returncode=2)
        result = graduate_import(rows_source=path, dry_run=dry_run, confirm_cohort_moves=confirm_cohort_moves)
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
            if result.needs_confirmation:
                self.stderr.write(str(MSG_CONFIRM_HINT))
            raise CommandError(MSG_REJECTED.format(count=len(result.errors)), returncode=1)
        counts = MSG_COUNTS.format(new=result.new, changed=result.changed, unchanged=result.unchanged)
        self.stdout.write(f"{MSG_DRY_RUN if dry_run else MSG_WRITTEN}{counts}")

"""python manage.py load_code_table FILE --table TABLE --scheme SCHEME [--source TEXT] [--dry-run]: a new or
revised code table from the 代码表 sheet (or the first sheet) of a national or provincial template. Exit 0 on
success, 1 on rejected input (every row error listed, nothing written), 2 on bad arguments (contract §3)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from apps.refdata.code_tables import TABLE_ALIASES, code_table_model, load_code_table

MSG_NO_FILE = _("文件不存在：{path}")
MSG_COUNTS = _("{table}（{scheme}）：新增 {new} 个，改名 {renamed} 个，未变 {unchanged} 个。")
MSG_DRY_RUN = _("预检通过（未写入）：")
MSG_WRITTEN = _("导入完成：")
MSG_REJECTED = _("文件有 {count} 处错误，未导入任何代码。")
MSG_ERROR_LINE = _("第 {row} 行 {column}：{message}")
MSG_FILE_ERROR_LINE = _("文件：{message}")


class Command(BaseCommand):
    help = "从全国或省级模板的“代码表”工作表（或第一个工作表）导入代码表：列 代码、名称（及 上级代码）；有任何错误则整个文件不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx, .xls, .ods or .csv file")
        parser.add_argument(
            "--table", required=True, help=f"the code table: {', '.join(TABLE_ALIASES)} (or a model name)"
        )
        parser.add_argument(
            "--scheme", required=True, help="the scheme/version the codes belong to, e.g. 2021"
        )
        parser.add_argument(
            "--source", default="", help="the document the table comes from (default: FILE's name)"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args, file: str, table: str, scheme: str, source: str, dry_run: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(MSG_NO_FILE.format(path=file), returncode=2)
        try:
            model = code_table_model(table)
        except ValidationError as exc:
            raise CommandError(exc.messages[0], returncode=2) from exc
        scheme = scheme.strip()
        result = load_code_table(
            source=path, model=model, scheme=scheme, source_text=source.strip() or path.name, dry_run=dry_run
        )
        if not result.ok:
            for error in result.errors:
                if error.row is None:
                    line = MSG_FILE_ERROR_LINE.format(message=error.message)
                else:
                    line = MSG_ERROR_LINE.format(row=error.row, column=error.column, message=error.message)
                self.stderr.write(line)
            raise CommandError(MSG_REJECTED.format(count=len(result.errors)), returncode=1)
        counts = MSG_COUNTS.format(
            table=model._meta.verbose_name, scheme=scheme, new=result.new, renamed=result.renamed,
            unchanged=result.unchanged,
        )  # fmt: skip
        self.stdout.write(f"{MSG_DRY_RUN if dry_run else MSG_WRITTEN}{counts}")

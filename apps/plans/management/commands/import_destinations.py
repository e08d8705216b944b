"""python manage.py import_destinations FILE [--dry-run] [--actor USERNAME]: the §2 workbook from the
command line. Exit status 0 on success, 1 on rejected input, 2 on bad arguments (contract §3)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role, User
from apps.plans.destination_import import active_centre_user, destination_import

MSG_NO_FILE = _("文件不存在：{path}")
MSG_NO_ACTOR = _("没有可用的就业指导中心账号作为导入人：请先创建，或用 --actor 指定。")
MSG_BAD_ACTOR = _("--actor {username} 不是启用的就业指导中心账号。")
MSG_COUNTS = _("新登记 {new} 人，变更 {changed} 人，未变 {unchanged} 人。")
MSG_DRY_RUN = _("预检通过（未写入）：")
MSG_WRITTEN = _("导入完成：")
MSG_REJECTED = _("文件有 {count} 处错误，未导入任何数据。")
MSG_ERROR_LINE = _("第 {row} 行 {column}：{message}")
MSG_FILE_ERROR_LINE = _("文件：{message}")


class Command(BaseCommand):
    help = "导入毕业去向（省平台迁移，.xlsx、.xls、.ods 或 .csv，格式见 contracts.md §2）：有任何错误则整个文件不导入。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx, .xls, .ods or .csv file")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument(
            "--actor",
            metavar="USERNAME",
            help="the centre user named as importer on every plan (default: the first active centre user)",
        )

    def handle(self, *args, file: str, dry_run: bool, actor: str | None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(MSG_NO_FILE.format(path=file), returncode=2)
        importer = self._importer(actor)
        result = destination_import(rows_source=path, dry_run=dry_run, actor=importer)
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

    def _importer(self, username: str | None) -> User:
        return centre_importer(username)


def centre_importer(username: str | None) -> User:
    """The importer a command names: ``--actor``, or the first active centre user; exit 2 when none."""
    if username is None:
        importer = active_centre_user()
        if importer is None:
            raise CommandError(MSG_NO_ACTOR, returncode=2)
        return importer
    importer = User.objects.filter(username=username, role=Role.CENTRE, is_active=True).first()
    if importer is None:
        raise CommandError(MSG_BAD_ACTOR.format(username=username), returncode=2)
    return importer

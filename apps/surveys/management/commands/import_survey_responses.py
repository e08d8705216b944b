"""python manage.py import_survey_responses CAMPAIGN_ID FILE [--dry-run]: a survey platform export into a
campaign, all or nothing (apps/surveys/README.md). Exit 0 on success, 1 on a rejected file, 2 on bad arguments."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from apps.surveys.imports import survey_response_import
from apps.surveys.models import SurveyCampaign

MSG_NO_FILE = _("文件不存在：{path}")
MSG_NO_CAMPAIGN = _("没有编号为 {pk} 的调查。")
MSG_COUNTS = _("{campaign}：答卷 {rows} 份（替换原有 {replaced} 份）。")
MSG_DRY_RUN = _("预检通过（未写入）：")
MSG_WRITTEN = _("导入完成：")
MSG_REJECTED = _("文件有 {count} 处错误，未导入任何数据。")
MSG_ERROR_LINE = _("第 {row} 行 {column}：{message}")
MSG_FILE_ERROR_LINE = _("文件：{message}")


class Command(BaseCommand):
    help = "导入调查平台导出的答卷（.xlsx、.xls、.ods 或 .csv，列见 apps/surveys/README.md），替换该调查已有的答卷；有任何错误则整个文件不导入。"

    def add_arguments(self, parser):
        parser.add_argument(
            "campaign_id", type=int, help="the campaign's id (its page shows it in the address)"
        )
        parser.add_argument("file", help="the .xlsx, .xls, .ods or .csv file")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")

    def handle(self, *args, campaign_id: int, file: str, dry_run: bool, **options):
        campaign = SurveyCampaign.objects.select_related("cohort").filter(pk=campaign_id).first()
        if campaign is None:
            raise CommandError(MSG_NO_CAMPAIGN.format(pk=campaign_id), returncode=2)
        path = Path(file)
        if not path.is_file():
            raise CommandError(MSG_NO_FILE.format(path=file), returncode=2)
        result = survey_response_import(campaign=campaign, rows_source=path, dry_run=dry_run)
        if not result.ok:
            for error in result.errors:
                if error.row is None:
                    line = MSG_FILE_ERROR_LINE.format(message=error.message)
                else:
                    line = MSG_ERROR_LINE.format(row=error.row, column=error.column, message=error.message)
                self.stderr.write(line)
            raise CommandError(MSG_REJECTED.format(count=len(result.errors)), returncode=1)
        counts = MSG_COUNTS.format(campaign=campaign, rows=result.rows, replaced=result.replaced)
        self.stdout.write(f"{MSG_DRY_RUN if dry_run else MSG_WRITTEN}{counts}")

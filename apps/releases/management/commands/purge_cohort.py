"""python manage.py purge_cohort YEAR [--dry-run] [--yes] [--actor USERNAME]: blank the personal data of an
archived cohort past its retention (apps/releases/purge.py). Exit 0 done, 1 refused or cancelled, 2 bad
arguments."""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role, User
from apps.plans.destination_import import active_centre_user
from apps.releases.purge import cohort_purge, cohort_purge_preview

MSG_NO_ACTOR = _("没有可用的就业指导中心账号记为执行人：请先创建，或用 --actor 指定。")
MSG_BAD_ACTOR = _("--actor {username} 不是启用的就业指导中心账号。")
MSG_PREVIEW = _("{year} 届将清除：{counts}。")
MSG_DRY_RUN = _("预检（未做任何改动）。")
MSG_NEEDS_YES = _("清除不可恢复，需要确认：不在终端上运行时请加 --yes。未做任何改动。")
MSG_QUESTION = _("清除后无法恢复（请确认已有加密备份按规定保存或销毁）。输入 yes 继续：")
MSG_CANCELLED = _("已取消，未做任何改动。")
MSG_DONE = _("已清除 {year} 届个人信息：{counts}。已记入数据提供记录。")
YES_WORDS = frozenset({"yes", "y", "是"})


class Command(BaseCommand):
    help = "清除已归档且超过保存期限的届别的个人信息（姓名、身份证号、手机号、电子邮箱、证明材料等）；统计数据与已发布报告保留。"
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="the cohort (届别), e.g. 2020")
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be blanked, change nothing"
        )
        parser.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
        parser.add_argument(
            "--actor",
            metavar="USERNAME",
            help="the centre user recorded as having run it (default: the first active centre user)",
        )

    def handle(self, *args, year: int, dry_run: bool, yes: bool, actor: str | None, **options):
        executor = self._actor(actor)
        try:
            counts = cohort_purge_preview(year=year)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages), returncode=1) from None
        self.stdout.write(str(MSG_PREVIEW).format(year=year, counts=counts.describe()))
        if dry_run:
            self.stdout.write(str(MSG_DRY_RUN))
            return
        if not yes:
            stdin = options.get("stdin") or sys.stdin
            if stdin is None or not stdin.isatty():
                raise CommandError(str(MSG_NEEDS_YES), returncode=1)
            self.stdout.write(str(MSG_QUESTION), ending="")
            self.stdout.flush()
            if stdin.readline().strip().lower() not in YES_WORDS:
                raise CommandError(str(MSG_CANCELLED), returncode=1)
        try:
            done = cohort_purge(year=year, actor=executor)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages), returncode=1) from None
        self.stdout.write(str(MSG_DONE).format(year=year, counts=done.describe()))

    def _actor(self, username: str | None) -> User:
        if username is None:
            executor = active_centre_user()
            if executor is None:
                raise CommandError(str(MSG_NO_ACTOR), returncode=2)
            return executor
        executor = User.objects.filter(username=username, role=Role.CENTRE, is_active=True).first()
        if executor is None:
            raise CommandError(str(MSG_BAD_ACTOR).format(username=username), returncode=2)
        return executor

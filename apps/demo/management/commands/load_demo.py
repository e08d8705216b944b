"""python manage.py load_demo [--if-empty | --reset [--yes]]: the whole demo year, the four loaders in order.

``make run`` calls it with ``--if-empty``: the demo goes into an empty database (or completes one holding just
the demo); a database holding anything else is left as it is, with exit status 0, so the server starts on it.
"""

import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from apps.demo.command import REFUSED, confirm_reset
from apps.demo.guard import Kind, demo_state
from apps.graduates.management.commands.load_demo_cohort import demo_account_lines

LOADERS = (
    "load_demo_cohort",
    "load_demo_support",
    "load_demo_park",
    "load_demo_surveys",
    "load_demo_cohort_2025",
)
PARTS = frozenset({"cohort", "support", "park", "surveys", "cohort2025"})
REMOVES = "2020 届与 2025 届的毕业生、学生账号、就业方案，2020 届的帮扶台账与演示补贴，创业园的全部记录，以及三个演示调查的答卷"

LEFT_ALONE = _(
    "数据库中已有演示数据以外的内容：没有加载演示数据，数据库未做任何改动。"
    "要删除这些内容并重建演示数据：python manage.py load_demo --reset。"
    "[The database holds records the demo did not write: the demo was not loaded and nothing was changed.]"
)
ALREADY_THERE = _(
    "数据库中只有演示数据，且已全部加载：未做任何改动。[The demo is already loaded; nothing was changed.]"
)
BOTH_MODES = _("--if-empty 与 --reset 不能同时使用。[--if-empty and --reset exclude each other.]")


class Command(BaseCommand):
    help = (
        "Load the whole demo (cohort with destinations, support ledger and subsidies, park, surveys) into an "
        "empty database, or complete a database holding just the demo. --if-empty (make run) leaves any other "
        "database alone with exit status 0; --reset rebuilds the demo (asks first; --yes does not)."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into an empty database (or one holding just the demo); otherwise change nothing, exit 0.",
        )
        parser.add_argument("--reset", action="store_true", help=f"Delete and rebuild the demo: {REMOVES}.")
        parser.add_argument("--yes", action="store_true", help="Do not ask before --reset deletes (scripts).")

    def handle(self, *args, if_empty: bool = False, reset: bool = False, yes: bool = False, **options):
        if if_empty and reset:
            raise CommandError(str(BOTH_MODES), returncode=2)
        state = demo_state()
        if state.kind == Kind.OTHER and not reset:
            if if_empty:
                self.stdout.write(str(LEFT_ALONE))
                return
            refusal = str(REFUSED).format(command="load_demo", found=state.describe(), removes=REMOVES)
            raise CommandError(refusal, returncode=1)
        if state.kind == Kind.DEMO and not reset and PARTS <= state.parts:
            self.stdout.write(str(ALREADY_THERE))
            self._accounts()
            return
        if reset and state.kind != Kind.EMPTY:
            stdin = options.get("stdin") or sys.stdin
            confirm_reset(self, name="load_demo", removes=REMOVES, state=state, yes=yes, stdin=stdin)
        for name in LOADERS:
            extra = {"accounts": False} if name == "load_demo_cohort" else {}
            call_command(name, reset=reset, yes=True, stdout=self.stdout, stderr=self.stderr, **extra)
        self._accounts()

    def _accounts(self) -> None:
        for line in demo_account_lines():
            self.stdout.write(line)

"""What every ``load_demo_*`` command shares: the guard before any write, ``--reset`` and its question.

- empty database: load; database holding exactly what the demo wrote: add a missing part, or say the part is
  there and write nothing; anything else: refuse (exit 1), list what was found, write nothing (``guard``);
- ``--reset`` deletes this part of the demo (and whatever it says it deletes with it) and writes it again. It
  asks first on a terminal; ``--yes`` skips the question; without a terminal and without ``--yes`` it refuses.
  The question is asked outside the transaction (no lock is held while someone reads it) and the load checks
  that the database is still what was shown.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .guard import DemoState, Kind, demo_load_record, demo_state

REFUSED = _(
    "{command}：数据库中有演示数据以外的内容，未做任何改动。\n{found}\n"
    "演示数据只写入空数据库，或只含演示数据的数据库。可以：python manage.py {command} --reset 删除{removes}"
    "后重新写入；python manage.py load_demo --reset 重建全部演示数据（其他届别等演示之外的记录不删除）；"
    "两者都会先确认，--yes 不再询问；或者改用一个空数据库（设置 DATABASE_URL，或 make clean-db 删除 db.sqlite3 后"
    "再 make run）。\n"
    "[The database holds records the demo did not write (listed above); nothing was changed. "
    "{command} --reset rebuilds this part of the demo, load_demo --reset the whole demo; both ask first.]"
)
ALREADY_LOADED = _(
    "{command}：{title}已加载，数据库中只有演示数据，未做任何改动。[Already loaded; nothing was changed.]"
)
RESET_WARNING = _("{command} --reset：将删除{removes}，然后重新写入演示数据。")
RESET_QUESTION = _("确定删除并重建吗？输入 yes 继续 [type yes to go on]：")
RESET_NEEDS_YES = _(
    "{command} --reset 会删除数据，需要确认：不在终端上运行时请加 --yes。未做任何改动。"
    "[--reset deletes data and needs a confirmation: add --yes when not on a terminal; nothing was changed.]"
)
RESET_CANCELLED = _("已取消，未做任何改动。[Cancelled; nothing was changed.]")
CHANGED_MEANWHILE = _(
    "等待确认期间数据库有了变化，未做任何改动，请重新运行。"
    "[The database changed while the question was open; nothing was changed: run it again.]"
)
YES_WORDS = frozenset({"yes", "y", "是"})


def confirm_reset(
    command: BaseCommand, *, name: str, removes: str, state: DemoState, yes: bool, stdin
) -> None:
    """Say what ``--reset`` deletes and what the database holds; ask unless ``yes`` (CommandError if not)."""
    command.stdout.write(str(RESET_WARNING).format(command=name, removes=removes))
    if found := state.describe():
        command.stdout.write(found)
    if yes:
        return
    if stdin is None or not stdin.isatty():
        raise CommandError(str(RESET_NEEDS_YES).format(command=name), returncode=1)
    command.stdout.write(str(RESET_QUESTION), ending="")
    command.stdout.flush()
    if stdin.readline().strip().lower() not in YES_WORDS:
        raise CommandError(str(RESET_CANCELLED), returncode=1)


class DemoLoaderCommand(BaseCommand):
    """A ``load_demo_*`` command: ``load`` writes its part, ``report`` prints what the database holds."""

    part: str  # the part of the demo this command writes: cohort, support, park, surveys
    title: str  # what it writes (Chinese), for the messages
    removes: str  # what --reset deletes (Chinese)
    reset_removes: frozenset[str] = frozenset()  # other parts a reset deletes with this one
    stealth_options = ("stdin",)

    @property
    def name(self) -> str:
        return self.__module__.rsplit(".", 1)[-1]

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help=f"Delete this part of the demo and write it again ({self.removes}); asks first.",
        )
        parser.add_argument("--yes", action="store_true", help="Do not ask before --reset deletes (scripts).")

    def load(self, *, reset: bool, **options) -> None:
        raise NotImplementedError

    def report(self, *, loaded: bool, seconds: float, **options) -> None:
        raise NotImplementedError

    def handle(self, *args, reset: bool = False, yes: bool = False, **options):
        started = time.perf_counter()
        shown = None
        if reset:
            shown = demo_state()
            if shown.kind != Kind.EMPTY:
                stdin = options.get("stdin") or sys.stdin
                confirm_reset(self, name=self.name, removes=self.removes, state=shown, yes=yes, stdin=stdin)
        with transaction.atomic():
            state = demo_state()
            if shown is not None and shown.kind != Kind.EMPTY and state.fingerprint != shown.fingerprint:
                raise CommandError(str(CHANGED_MEANWHILE), returncode=1)
            if not reset and state.kind == Kind.OTHER:
                refusal = str(REFUSED).format(command=self.name, found=state.describe(), removes=self.removes)
                raise CommandError(refusal, returncode=1)
            if not reset and state.kind == Kind.DEMO and self.part in state.parts:
                self.stdout.write(str(ALREADY_LOADED).format(command=self.name, title=self.title))
                self.report(loaded=False, seconds=time.perf_counter() - started, **options)
                return
            self.load(reset=reset, **options)
            parts = set() if state.kind == Kind.EMPTY else set(state.parts)
            if reset:
                parts -= self.reset_removes
            demo_load_record(loader=self.name, parts=parts | {self.part}, reset=reset)
        self.report(loaded=True, seconds=time.perf_counter() - started, **options)

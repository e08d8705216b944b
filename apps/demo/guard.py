"""Demo loaders never touch real work: what every ``load_demo_*`` command checks before it writes.

Each demo load is recorded (``DemoLoad``: which loader, when, which parts of the demo the database then holds,
and a fingerprint of the database taken right after the load, in the load's transaction). Before a loader
writes anything, ``demo_state`` takes the fingerprint again and says which of three the database is:

- **empty**: no rows in any table the project owns but the code tables (which the migrations load): load;
- **demo**: the fingerprint equals the one recorded after the last demo load, so the database holds what the
  demo wrote and nothing else: a part already loaded is a no-op, a part not loaded yet is added;
- **other**: anything else (rows the demo did not write, or demo rows changed since): the loader refuses and
  lists what differs; only ``--reset``, confirmed, rebuilds.

Why a fingerprint of aggregates rather than a comparison with the demo's rows: the question is not "is this the
demo?" but "did anything happen here since the demo wrote it?", and that has a cheap, reliable answer that
does not depend on any loader's generator. For every table the project owns (its apps' models, their
historical and many-to-many tables, the admin's log, auth groups) the fingerprint holds the number of rows,
the highest primary key and the latest value of every date-time column: one aggregate query per table (about
60 in all, milliseconds on the demo's 40,000 rows), where reading every row back and comparing it with a
regenerated demo took seconds and knew nothing of the tables a loader does not write.

What it sees: any row added (the count or the highest key moves; keys are never reused: AUTOINCREMENT on
SQLite, sequences on PostgreSQL), any row deleted (the count), and every change the application makes to a row
in place, because each one either appends a row (plan event, plan or graduate history, support action,
subsidy or tenant event, the admin's log entry) or stamps the time it happened (``updated_at``,
``approved_at``, ``recorded_at``, ``read_at`` ...). What it does not see: an UPDATE typed into the database by
hand that stamps no time, and signing in (``last_login`` and sessions are left out on purpose: looking at the
demo is not work). Neither can be lost by a demo loader without ``--reset``: a loader that finds the
fingerprint unchanged and its part loaded writes nothing at all.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.apps import apps
from django.db import models, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import DemoLoad

# Tables outside the project's apps that hold work done in it.
EXTRA_MODELS = frozenset({"admin.LogEntry", "auth.Group", "auth.Group_permissions"})
# Filled by the migrations (and by a loader only when entries are missing): not a sign of work on their own.
CODE_TABLE_APPS = frozenset({"refdata"})
# Written by signing in, which is not work.
IGNORED_COLUMNS = frozenset({("accounts.User", "last_login")})
# Written by looking: every export or download of the demo appends to the data-release log.
LOOKING_APPS = frozenset({"releases"})

Fingerprint = dict[str, dict]

THE_DEMO_WROTE = _("数据库中只有演示数据")
NOTHING_YET = _("数据库中没有演示加载记录，但已有以下数据（不是演示加载器写入的）：")
CHANGED_SINCE = _("上次演示加载（{loader}，{when}）之后，数据库有以下变化：")
MORE_TABLES = _("……另有 {n} 张表有变化")
ROWS_CHANGED = _("{rows_before} → {rows_after} 行")
ROWS_NOW = _("{rows} 行")
HIGHEST_ID_CHANGED = _("行数未变，但有记录删除后新增（最大编号 {before} → {after}）")
CHANGED_AT = _("有记录在 {when} 修改")
SHOWN_DIFFERENCES = 12


class Kind(StrEnum):
    EMPTY = "empty"
    DEMO = "demo"
    OTHER = "other"


def tracked_models() -> list[type[models.Model]]:
    """Every table the project owns (see the module), the guard's own record left out."""
    tracked = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if model is DemoLoad or meta.proxy or not meta.managed or meta.app_label in LOOKING_APPS:
            continue
        if apps.get_app_config(meta.app_label).name.startswith("apps.") or meta.label in EXTRA_MODELS:
            tracked.append(model)
    return tracked


def _time_columns(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateTimeField) and (model._meta.label, f.name) not in IGNORED_COLUMNS
    ]


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def fingerprint() -> Fingerprint:
    """Rows, highest key and latest time of each column, per non-empty table (one aggregate query per table).

    Empty tables are left out, so a table a migration adds does not count as a change."""
    result: Fingerprint = {}
    for model in tracked_models():
        columns = _time_columns(model)
        aggregates = {"rows": Count("*"), "top": Max("pk")}
        aggregates |= {f"t_{f.attname}": Max(f.attname) for f in columns}
        row = model._base_manager.aggregate(**aggregates)
        if not row["rows"]:
            continue
        result[model._meta.db_table] = {
            "label": model._meta.label,
            "rows": row["rows"],
            "top": _plain(row["top"]),
            "times": {f.attname: _plain(row[f"t_{f.attname}"]) for f in columns},
        }
    return result


@dataclass(frozen=True)
class Difference:
    table: str
    label: str
    before: dict | None
    after: dict | None

    def describe(self) -> str:
        name = _table_name(self.label, self.table)
        if self.before is None:
            return f"{name}：{ROWS_NOW.format(rows=self.after['rows'])}"
        if self.after is None:
            return f"{name}：{ROWS_CHANGED.format(rows_before=self.before['rows'], rows_after=0)}"
        parts = []
        if self.before["rows"] != self.after["rows"]:
            parts.append(ROWS_CHANGED.format(rows_before=self.before["rows"], rows_after=self.after["rows"]))
        elif self.before["top"] != self.after["top"]:
            parts.append(HIGHEST_ID_CHANGED.format(before=self.before["top"], after=self.after["top"]))
        changed = [
            value
            for column, value in self.after["times"].items()
            if value is not None and self.before["times"].get(column, value) != value
        ]
        if changed:
            parts.append(CHANGED_AT.format(when=_local(max(changed))))
        return f"{name}：{'；'.join(str(p) for p in parts)}"


def _local(value: str) -> str:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment:%Y-%m-%d %H:%M}"


def _table_name(label: str, table: str) -> str:
    try:
        model = apps.get_model(label)
    except LookupError:  # a table whose model is gone since the fingerprint was taken
        return table
    return f"{model._meta.verbose_name}（{table}）"


def _same(before: dict, after: dict) -> bool:
    """Equal rows and keys, and equal times for the columns both know (a column added since is not a change)."""
    if (before["rows"], before["top"]) != (after["rows"], after["top"]):
        return False
    shared = before["times"].keys() & after["times"].keys()
    return all(before["times"][c] == after["times"][c] for c in shared)


def differences(before: Fingerprint, after: Fingerprint) -> list[Difference]:
    found = []
    for table in sorted(before.keys() | after.keys()):
        old, new = before.get(table), after.get(table)
        if old is not None and new is not None and _same(old, new):
            continue
        found.append(Difference(table, (new or old)["label"], old, new))
    return found


def _is_empty(current: Fingerprint) -> bool:
    return all(entry["label"].split(".")[0] in CODE_TABLE_APPS for entry in current.values())


@dataclass(frozen=True)
class DemoState:
    kind: Kind
    fingerprint: Fingerprint
    parts: frozenset[str] = (
        frozenset()
    )  # the demo's parts the database holds (kind DEMO; OTHER: as last loaded)
    last: DemoLoad | None = None
    found: list[Difference] = field(
        default_factory=list
    )  # OTHER: what differs (or, never loaded: what is there)

    def describe(self) -> str:
        """What was found, for the refusal and the reset's question (a few lines, Chinese)."""
        if self.kind == Kind.EMPTY:
            return ""
        if self.kind == Kind.DEMO:
            return str(THE_DEMO_WROTE)
        if self.last is None:
            head = str(NOTHING_YET)
        else:
            when = timezone.localtime(self.last.loaded_at)
            head = str(CHANGED_SINCE).format(loader=self.last.loader, when=f"{when:%Y-%m-%d %H:%M}")
        lines = [head] + [f"  - {d.describe()}" for d in self.found[:SHOWN_DIFFERENCES]]
        if len(self.found) > SHOWN_DIFFERENCES:
            lines.append("  " + str(MORE_TABLES).format(n=len(self.found) - SHOWN_DIFFERENCES))
        return "\n".join(lines)


def demo_state() -> DemoState:
    """Empty, exactly what the demo wrote, or other (see the module); reads only."""
    current = fingerprint()
    last = DemoLoad.objects.order_by("-pk").first()
    if _is_empty(current):
        return DemoState(Kind.EMPTY, current, last=last)
    if last is not None and not differences(last.fingerprint, current):
        return DemoState(Kind.DEMO, current, frozenset(last.parts), last)
    found = differences(last.fingerprint if last else {}, current)
    parts = frozenset(last.parts) if last else frozenset()
    return DemoState(Kind.OTHER, current, parts, last, found)


@transaction.atomic
def demo_load_record(*, loader: str, parts: Iterable[str], reset: bool = False) -> DemoLoad:
    """Record that ``loader`` wrote, the parts of the demo the database now holds, and its fingerprint now
    (call it last, in the load's transaction)."""
    return DemoLoad.objects.create(
        loader=loader, reset=reset, parts=sorted(set(parts)), fingerprint=fingerprint()
    )

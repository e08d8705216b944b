"""The destination import (去向导入, contract §2): the provincial platform's registered destinations, all or
nothing.

Each good row records a plan for an existing graduate as approved by the centre on 审核通过日期 (at 12:00,
Asia/Shanghai, or at the real time when that day is today: an import never sorts before an approval made
earlier, nor after one made later), with an event naming the importer. The graduate's plan in force with an
earlier approval is kept and marked superseded (with its event); a row dated before the plan in force is an
error, so a later approval is never overwritten. A row that matches a registered plan already there changes
nothing (未变), so re-importing a file is harmless.

An import never undoes a decision: a row equal to a plan that 核查 found false (same graduate, destination
and content) is an error naming the finding, and a row that would supersede the plan in force while the
graduate's change of it is open (draft, returned, in review) is an error saying to decide the change first.
A first registration beside a plan in review is recorded; that plan, if the centre approves it, comes later.

Like the graduate import (``apps.graduates.imports``) the lookups are read once into dicts (a query per
table, per 900 学号 for graduates and their plans), rows are checked in Python, and the writes are a few bulk
statements in one transaction.
"""

import datetime
import io
import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from apps.accounts.models import Role, User
from apps.graduates.dates import MSG_DATE, parse_date
from apps.graduates.imports import (
    CHUNK,
    MSG_CONCURRENT_CHANGE,
    MSG_DUPLICATE_COLUMNS,
    MSG_DUPLICATE_STUDENT_NO,
    MSG_MISSING_COLUMNS,
    MSG_NO_ROWS,
    MSG_REQUIRED,
    MSG_TOO_LONG,
    ImportResult,
    RowError,
    errors_with_values,
)
from apps.graduates.models import Graduate
from apps.graduates.uploads import MSG_IDENTIFIER_NUMBER, Table, UploadRejected, read_table
from apps.graduates.validators import validate_credit_code
from apps.refdata import seed_data
from apps.refdata.models import DestinationCode, Industry, NotEmployedReason, Province, UnitNature

from .models import (
    OPEN_STATUSES,
    REGISTERED_STATUSES,
    DestinationPlan,
    PlanEvent,
    PlanStatus,
    Verification,
    VerificationResult,
)
from .rules import (
    ABROAD,
    EMPLOYER_BASE_CODES,
    MSG_FIXED,
    MSG_NOT_KEPT,
    NOT_EMPLOYED,
    RULES_BY_BASE_CODE,
    STUDY_BASE_CODES,
    base_code,
)
from .workflow import Action

logger = logging.getLogger(__name__)

# The workbook's columns, exactly as contract §2 names them, in its order.
COL_STUDENT_NO = "学号"
COL_CODE = "毕业去向代码"
COL_EMPLOYER = "单位名称"
COL_CREDIT_CODE = "统一社会信用代码"
COL_UNIT_NATURE = "单位性质代码"
COL_INDUSTRY = "单位行业代码"
COL_PROVINCE = "单位所在地"
COL_REASON = "未就业原因"
COL_APPROVED_ON = "审核通过日期"
COL_COUNTRY = "国家或地区"  # optional, added after the contract's first nine: 85's country or region abroad
COLUMNS = (
    COL_STUDENT_NO, COL_CODE, COL_EMPLOYER, COL_CREDIT_CODE, COL_UNIT_NATURE, COL_INDUSTRY, COL_PROVINCE,
    COL_REASON, COL_APPROVED_ON, COL_COUNTRY,
)  # fmt: skip
REQUIRED_COLUMNS = (COL_STUDENT_NO, COL_CODE, COL_APPROVED_ON)
OPTIONAL_COLUMNS = tuple(name for name in COLUMNS if name not in REQUIRED_COLUMNS)
# Plan fields the optional columns fill. A cell the destination has no field for (rules.py) is an error on it.
FIELD_BY_COLUMN = {
    COL_EMPLOYER: "employer_name",
    COL_CREDIT_CODE: "employer_credit_code",
    COL_UNIT_NATURE: "unit_nature_id",
    COL_INDUSTRY: "industry_id",
    COL_PROVINCE: "work_province_id",
    COL_REASON: "not_employed_reason_id",
    COL_COUNTRY: "country",
}
# As the provincial platform writes 升学 and 出国、出境: the admitting school in 单位名称 and, for 80, where it
# is in 单位所在地 (2.2.1 counts 升学 there).
STUDY_FIELD_BY_COLUMN = {COL_EMPLOYER: "institution", COL_PROVINCE: "institution_province_id"}
ABROAD_FIELD_BY_COLUMN = {COL_EMPLOYER: "institution"}
IMPORTED_FIELDS = tuple(
    dict.fromkeys(
        [*FIELD_BY_COLUMN.values(), *STUDY_FIELD_BY_COLUMN.values(), *ABROAD_FIELD_BY_COLUMN.values()]
    )
)
# Contract §2: what employment codes and the not-employed codes must have.
EMPLOYER_REQUIRED_COLUMNS = (COL_EMPLOYER, COL_UNIT_NATURE, COL_INDUSTRY, COL_PROVINCE)
NOT_EMPLOYED_BASE_CODES = frozenset({"70", "71", "72"})

IMPORT_ACTION = (
    Action.IMPORT
)  # the event of a plan recorded by this import (not a move of the workflow table)
IMPORT_COMMENT = "导入（省平台迁移）"
SUPERSEDED_COMMENT = "由方案 #{pk} 取代（导入）"
# The provincial platform gives a day; the plan is stamped at noon of it, Shanghai time.
APPROVAL_TIME = datetime.time(12, 0)

MSG_UNKNOWN_GRADUATE = _("学号为“{value}”的毕业生不存在。")
MSG_UNKNOWN_CODE = _("毕业去向代码“{value}”不存在。")
MSG_CODE_NOT_IN_SCHEME = _("毕业去向代码“{value}”不属于{year}届使用的代码方案（{scheme}）。")
MSG_UNKNOWN_UNIT_NATURE = _("单位性质代码“{value}”不在代码表中。")
MSG_UNKNOWN_INDUSTRY = _("单位行业代码“{value}”不在代码表中。")
MSG_UNKNOWN_PROVINCE = _("单位所在地“{value}”不是省级行政区名称（GB/T 2260，如 湖北省）。")
MSG_UNKNOWN_REASON = _("未就业原因“{value}”不在代码表中（{choices}）。")
MSG_ABROAD_PLACE = _("出国、出境不填单位所在地，国家或地区请填在“国家或地区”列。")
MSG_FUTURE_DATE = _("审核通过日期不能晚于今天。")
MSG_EARLIER_THAN_IN_FORCE = _(
    "审核通过日期早于该毕业生现有有效方案的登记时间（{in_force}），不能用较早的结果覆盖较晚的审核。"
)
MSG_FOUND_FALSE = _(
    "该行与方案 #{pk} 的去向和内容相同，而该方案已于 {day} 经核查认定不属实（{finding}），不能再次登记。"
    "如毕业生的去向确有变化，请导入变化后的内容，或由毕业生重新申报。"
)
MSG_CHANGE_OPEN = _(
    "该毕业生有一份正在办理的变更方案 #{pk}（{status}），导入会取代它所变更的有效方案："
    "请先处理该变更（审核通过、退回或撤销），再导入。"
)

MAX_LENGTH = {
    name: DestinationPlan._meta.get_field(name).max_length
    for name in ("employer_name", "institution", "country")
}


@dataclass(frozen=True)
class ImportOptions:
    """How another layout reuses these checks and writes (the national layout, ``national_layout``).

    ``parse_extra(number, cells_by_name, code, error)`` returns the further plan values of a row whose
    destination is known (checked against rules.py by the caller, errors through ``error(column, message)``);
    ``extra_fields`` are those values' attnames, compared too when deciding whether a row is unchanged, and
    ``uncompared_fields`` the §2 fields the layout has no column for (left out of that comparison, so a
    registered plan is not superseded for a value the file could not carry);
    ``reason_required``: whether 70, 71 and 72 need 未就业原因 (a column §2 has and the national layout has
    not); ``on_write()`` runs inside the import's transaction after the plans are written."""

    parse_extra: Callable | None = None
    extra_fields: tuple[str, ...] = ()
    uncompared_fields: tuple[str, ...] = ()
    reason_required: bool = True
    on_write: Callable[[], None] | None = None


SECTION_2 = ImportOptions()


@dataclass(frozen=True)
class _Code:
    pk: int
    code: str
    scheme: str
    base: str
    name: str = ""


@dataclass
class _Lookups:
    """Every code a row may name, read with one query per table."""

    codes: dict[tuple[str, str], _Code]  # (scheme, code)
    unit_natures: dict[str, int]
    industries: dict[str, int]
    provinces: dict[str, int]
    reasons: dict[str, int]

    @classmethod
    def load(cls) -> "_Lookups":
        def active(model, scheme: str, key: str) -> dict[str, int]:
            return dict(model.objects.filter(scheme=scheme, is_active=True).values_list(key, "pk"))

        codes = {
            (scheme, code): _Code(pk, code, scheme, base_code(code, parent), name)
            for pk, scheme, code, parent, name in DestinationCode.objects.filter(is_active=True).values_list(
                "pk", "scheme", "code", "parent_code", "name"
            )
        }
        return cls(
            codes=codes,
            unit_natures=active(UnitNature, seed_data.UNIT_NATURE_SCHEME, "code"),
            industries=active(Industry, seed_data.INDUSTRY_SCHEME, "code"),
            provinces=active(Province, seed_data.PROVINCE_SCHEME, "name"),
            reasons=active(NotEmployedReason, seed_data.REASON_SCHEME, "name"),
        )


@dataclass(frozen=True)
class _Graduate:
    pk: int
    cohort_year: int
    scheme: str


@dataclass(frozen=True)
class _Registered:
    """A plan the checks compare a row with: one the centre approved (in force, or superseded after a change),
    one found false by 核查, or one on its way (open)."""

    pk: int
    status: str
    destination_id: int
    approved_on: datetime.date
    approved_at: datetime.datetime | None
    values: tuple


@dataclass
class _Row:
    number: int
    student_no: str
    graduate: _Graduate | None = None
    destination_id: int | None = None
    approved_on: datetime.date | None = None
    values: dict[str, object] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    replaces: int | None = None  # the plan in force this row supersedes
    found_false: int | None = None  # the plan found false that this row repeats

    def key(self, fields: tuple[str, ...] = IMPORTED_FIELDS) -> tuple:
        return tuple(self.values.get(name, _blank(name)) for name in fields)


def _blank(name: str):
    """What the database holds for a field a row leaves empty: NULL for a code or a date, else ""."""
    return None if DestinationPlan._meta.get_field(name.removesuffix("_id")).null else ""


def approval_stamp(day: datetime.date, now: datetime.datetime | None = None) -> datetime.datetime:
    """The approval time recorded for an imported plan: noon of the day, Asia/Shanghai (TIME_ZONE); when the
    day is today, the real time of the import, so the stamp is never later than now (a centre approval made
    after the import, the same day, sorts after it; one made before it, before)."""
    now = timezone.now() if now is None else now
    if day >= timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.datetime.combine(day, APPROVAL_TIME))


def destination_import(
    *, rows_source: Table | object, dry_run: bool, actor: User | None, options: ImportOptions = SECTION_2
) -> ImportResult:
    """Check every row of a §2 workbook and, unless ``dry_run``, record them all in one transaction.

    ``rows_source`` is a ``Table`` or anything ``uploads.read_table`` reads. ``actor`` (a centre user) is
    named on every event; it is required to write. Counts: ``new`` a first registered plan for the graduate,
    ``changed`` a plan that supersedes the one in force, ``unchanged`` a row already recorded.
    """
    result = ImportResult(dry_run=dry_run)
    try:
        table = rows_source if isinstance(rows_source, Table) else read_table(rows_source)
    except UploadRejected as exc:
        result.errors = [RowError(None, "", message) for message in exc.messages]
        return result
    result.errors = _check_header(table.header)
    if not result.errors and not table.rows:
        result.errors = [RowError(None, "", str(MSG_NO_ROWS))]
    if result.errors:
        return result
    if dry_run:
        _check_and_plan(table, result, options=options)
        return result
    if actor is None:
        raise ValueError("an import that writes needs the importing user")
    try:
        with transaction.atomic():
            # One clock for the checks and the stamps: what the dry run compared is what is written.
            now = timezone.now()
            rows = _check_and_plan(table, result, now, options=options)
            if result.ok:
                _write(rows, actor, now)
                if options.on_write is not None:
                    options.on_write()
    except (IntegrityError, _ConcurrentChange):
        # A plan was approved or changed between the checks and the writes; the transaction is undone.
        logger.warning("destination import rolled back on a concurrent change", exc_info=True)
        result.new = result.changed = result.unchanged = 0
        result.errors = [RowError(None, "", str(MSG_CONCURRENT_CHANGE))]
    if result.written:
        logger.info(
            "destination import by %s: %d new, %d superseding, %d unchanged",
            actor, result.new, result.changed, result.unchanged,
        )  # fmt: skip
    return result


class _ConcurrentChange(Exception):
    pass


def _check_header(header: list[str]) -> list[RowError]:
    errors = []
    seen = Counter(header)
    duplicated = [name for name in COLUMNS if seen[name] > 1]
    if duplicated:
        errors.append(RowError(None, "", MSG_DUPLICATE_COLUMNS.format(columns="、".join(duplicated))))
    missing = [name for name in REQUIRED_COLUMNS if name not in seen]
    if missing:
        errors.append(RowError(None, "", MSG_MISSING_COLUMNS.format(columns="、".join(missing))))
    return errors


def _chunks(values: list[str]):
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _load_graduates(student_nos: list[str]) -> dict[str, _Graduate]:
    return {
        student_no: _Graduate(pk, year, scheme)
        for chunk in _chunks(student_nos)
        for student_no, pk, year, scheme in Graduate.objects.filter(student_no__in=chunk).values_list(
            "student_no", "pk", "cohort__year", "cohort__destination_scheme"
        )
    }


# What the checks read of the graduates' plans, in one query per chunk: registered, found false, open.
CHECKED_STATUSES = (*REGISTERED_STATUSES, PlanStatus.FALSE, *OPEN_STATUSES)


def _load_registered(
    graduate_ids: list[int], fields: tuple[str, ...] = IMPORTED_FIELDS
) -> dict[int, list[_Registered]]:
    registered: dict[int, list[_Registered]] = defaultdict(list)
    columns = (
        "pk",
        "graduate_id",
        "status",
        "destination_id",
        "approved_on",
        "approved_at",
        *fields,
    )
    for chunk in _chunks(graduate_ids):
        plans = DestinationPlan.objects.filter(graduate_id__in=chunk, status__in=CHECKED_STATUSES)
        for row in plans.order_by().values_list(*columns):
            pk, graduate_id, status, destination_id, approved_on, approved_at, *values = row
            registered[graduate_id].append(
                _Registered(pk, status, destination_id, approved_on, approved_at, tuple(values))
            )
    return registered


def _check_and_plan(
    table: Table,
    result: ImportResult,
    now: datetime.datetime | None = None,
    *,
    options: ImportOptions = SECTION_2,
) -> list[_Row]:
    """Fill ``result`` with every error and the counts; return the rows to write."""
    lookups = _Lookups.load()
    index = {name: position for position, name in enumerate(table.header) if name in COLUMNS}
    student_nos = list(
        dict.fromkeys(
            cells[index[COL_STUDENT_NO]] for _number, cells in table.rows if cells[index[COL_STUDENT_NO]]
        )
    )
    graduates = _load_graduates(student_nos)
    now = timezone.now() if now is None else now
    today = timezone.localdate(now)
    rows = [
        _parse_row(number, cells, index, lookups, graduates, today, options, table.header)
        for number, cells in table.rows
    ]
    _refuse_number_identifiers(table, index, rows)
    _check_duplicates(rows)
    fields = (
        *(name for name in IMPORTED_FIELDS if name not in options.uncompared_fields),
        *options.extra_fields,
    )
    registered = _load_registered([row.graduate.pk for row in rows if row.graduate is not None], fields)

    for row in rows:
        if not row.errors:
            _compare_with_registered(row, registered.get(row.graduate.pk, []), result, now, fields)
    _name_false_findings([row for row in rows if row.found_false is not None])
    to_write = []
    for row in rows:
        if row.errors:
            result.errors.extend(row.errors)
        elif row.destination_id is not None:
            to_write.append(row)
    result.new = sum(1 for row in to_write if row.replaces is None)
    result.changed = len(to_write) - result.new
    order = {name: position for position, name in enumerate(COLUMNS)}
    result.errors.sort(key=lambda error: (error.row or 0, order.get(error.column, -1)))
    result.errors = errors_with_values(result.errors, table)
    return to_write


def _compare_with_registered(
    row: _Row,
    plans: list[_Registered],
    result: ImportResult,
    now: datetime.datetime,
    fields: tuple[str, ...] = IMPORTED_FIELDS,
) -> None:
    """Unchanged when a registered plan already says the same; an error when it repeats a plan found false,
    when the plan in force is later, or when it would supersede the plan in force while a change is open."""
    key = row.key(fields)
    if any(
        plan.status in REGISTERED_STATUSES
        and plan.destination_id == row.destination_id
        and plan.approved_on == row.approved_on
        and plan.values == key
        for plan in plans
    ):
        row.destination_id = None  # nothing to write
        result.unchanged += 1
        return
    found_false = next(
        (
            plan
            for plan in plans
            if plan.status == PlanStatus.FALSE
            and plan.destination_id == row.destination_id
            and plan.values == key
        ),
        None,
    )
    if found_false is not None:
        row.found_false = found_false.pk  # the error names the finding (_name_false_findings)
        return
    in_force = next((plan for plan in plans if plan.status == PlanStatus.APPROVED), None)
    if in_force is None:
        return
    open_plan = next((plan for plan in plans if plan.status in OPEN_STATUSES), None)
    if open_plan is not None:
        status = PlanStatus(open_plan.status).label
        row.errors.append(
            RowError(row.number, COL_STUDENT_NO, str(MSG_CHANGE_OPEN.format(pk=open_plan.pk, status=status)))
        )
    stamp = approval_stamp(row.approved_on, now)
    if (in_force.approved_on, in_force.approved_at or stamp) > (row.approved_on, stamp):
        when = in_force.approved_on.isoformat()
        if in_force.approved_on == row.approved_on and in_force.approved_at is not None:
            when = f"{timezone.localtime(in_force.approved_at):%Y-%m-%d %H:%M}"
        row.errors.append(
            RowError(row.number, COL_APPROVED_ON, MSG_EARLIER_THAN_IN_FORCE.format(in_force=when))
        )
        return
    row.replaces = in_force.pk


def _name_false_findings(rows: list[_Row]) -> None:
    """The error of each row that repeats a plan found false, with the finding 核查 recorded (a query per
    900 such plans, none when there is none)."""
    findings: dict[int, tuple] = {}
    for chunk in _chunks([row.found_false for row in rows]):
        verifications = Verification.objects.filter(plan_id__in=chunk, result=VerificationResult.FALSE)
        for plan_id, day, note in verifications.order_by("recorded_at", "pk").values_list(
            "plan_id", "checked_on", "note"
        ):
            findings[plan_id] = (day, note)  # the latest finding of a plan wins
    for row in rows:
        day, note = findings.get(row.found_false, ("—", "—"))
        message = MSG_FOUND_FALSE.format(pk=row.found_false, day=day, finding=note)
        row.errors.append(RowError(row.number, COL_CODE, str(message)))


def _parse_row(
    number: int,
    cells: list[str],
    index: dict[str, int],
    lookups: _Lookups,
    graduates: dict[str, _Graduate],
    today: datetime.date,
    options: ImportOptions = SECTION_2,
    header: list[str] | None = None,
) -> _Row:
    def cell(column: str) -> str:
        position = index.get(column)
        return "" if position is None else cells[position]

    row = _Row(number=number, student_no=cell(COL_STUDENT_NO))

    def error(column: str, message) -> None:
        row.errors.append(RowError(number, column, str(message)))

    if not row.student_no:
        error(COL_STUDENT_NO, MSG_REQUIRED)
    else:
        row.graduate = graduates.get(row.student_no)
        if row.graduate is None:
            error(COL_STUDENT_NO, MSG_UNKNOWN_GRADUATE.format(value=row.student_no))

    code = None
    value = cell(COL_CODE)
    if not value:
        error(COL_CODE, MSG_REQUIRED)
    elif row.graduate is not None:
        code = lookups.codes.get((row.graduate.scheme, value))
        if code is None:
            error(
                COL_CODE,
                MSG_CODE_NOT_IN_SCHEME.format(
                    value=value, year=row.graduate.cohort_year, scheme=row.graduate.scheme
                ),
            )
    else:
        # Without the graduate the scheme is unknown: check the rest of the row against any scheme's code.
        code = next((c for (_scheme, c_code), c in lookups.codes.items() if c_code == value), None)
        if code is None:
            error(COL_CODE, MSG_UNKNOWN_CODE.format(value=value))

    value = cell(COL_APPROVED_ON)
    if not value:
        error(COL_APPROVED_ON, MSG_REQUIRED)
    else:
        row.approved_on = parse_date(value)
        if row.approved_on is None:
            error(COL_APPROVED_ON, MSG_DATE)
        elif row.approved_on > today:
            error(COL_APPROVED_ON, MSG_FUTURE_DATE)

    if code is not None:
        row.destination_id = code.pk
        _parse_details(row, code, cell, error, lookups, reason_required=options.reason_required)
        if options.parse_extra is not None:
            row.values.update(options.parse_extra(number, dict(zip(header, cells, strict=True)), code, error))
    return row


def _refuse_number_identifiers(table: Table, index: dict[str, int], rows: list[_Row]) -> None:
    """A 统一社会信用代码 in a number cell (an all-digit code typed into a General cell): its digits are what
    the number reads as, not what was typed (15 significant digits), so whatever the row made of them is
    replaced by one error that says to retype the column as text."""
    position = index.get(COL_CREDIT_CODE)
    if position is None:
        return
    for (number, cells), row in zip(table.rows, rows, strict=True):
        if cells[position] and table.typed_as_number(number, position, cells[position]):
            row.errors = [error for error in row.errors if error.column != COL_CREDIT_CODE]
            message = MSG_IDENTIFIER_NUMBER.format(column=COL_CREDIT_CODE)
            row.errors.append(RowError(number, COL_CREDIT_CODE, str(message)))
            row.values.pop("employer_credit_code", None)


def _column_fields(base: str) -> dict[str, str]:
    """Which plan field (attname) each optional column fills for a destination of this base code."""
    rule = RULES_BY_BASE_CODE.get(base, NOT_EMPLOYED)
    if base in STUDY_BASE_CODES:
        return {**FIELD_BY_COLUMN, **STUDY_FIELD_BY_COLUMN}
    if rule is ABROAD:
        return {**FIELD_BY_COLUMN, **ABROAD_FIELD_BY_COLUMN}
    return FIELD_BY_COLUMN


def _parse_details(
    row: _Row, code: _Code, cell, error, lookups: _Lookups, *, reason_required: bool = True
) -> None:
    """The columns the destination needs (contract §2), and every other cell given: each is checked and kept
    in the field the destination has for it (rules.py), or is an error; nothing in the file is dropped. The
    fixed codes (46: 40 部队, 80 军队) are filled in when blank, another value is an error."""
    rule = RULES_BY_BASE_CODE.get(code.base, NOT_EMPLOYED)
    destination = f"{code.code} {code.name}".strip()
    required = set()
    if code.base in EMPLOYER_BASE_CODES:
        required.update(EMPLOYER_REQUIRED_COLUMNS)
    if code.base in NOT_EMPLOYED_BASE_CODES and reason_required:
        required.add(COL_REASON)
    tables = {
        "unit_nature_id": (lookups.unit_natures, MSG_UNKNOWN_UNIT_NATURE),
        "industry_id": (lookups.industries, MSG_UNKNOWN_INDUSTRY),
        "work_province_id": (lookups.provinces, MSG_UNKNOWN_PROVINCE),
        "institution_province_id": (lookups.provinces, MSG_UNKNOWN_PROVINCE),
        "not_employed_reason_id": (lookups.reasons, MSG_UNKNOWN_REASON),
    }
    for column, attname in _column_fields(code.base).items():
        value = cell(column)
        name = attname.removesuffix("_id")
        if name in rule.fixed:
            fixed = rule.fixed[name]
            table, _message = tables[attname]
            if value and value != fixed:
                label = f"{fixed} {FIXED_LABELS[name][fixed]}"
                error(column, MSG_FIXED.format(destination=destination, value=label))
            elif fixed in table:
                row.values[attname] = table[fixed]
            continue
        if not value:
            if column in required:
                error(column, MSG_REQUIRED)
            continue
        if name not in rule.fields:
            if rule is ABROAD and column == COL_PROVINCE:
                error(column, MSG_ABROAD_PLACE)
            else:
                error(column, MSG_NOT_KEPT.format(destination=destination))
        elif name in MAX_LENGTH:
            if len(value) > MAX_LENGTH[name]:
                error(column, MSG_TOO_LONG.format(limit=MAX_LENGTH[name]))
            else:
                row.values[attname] = value
        elif column == COL_CREDIT_CODE:
            value = value.upper()
            try:
                validate_credit_code(value)
            except ValidationError as exc:
                error(column, exc.messages[0])
            else:
                row.values[attname] = value
        else:
            table, message = tables[attname]
            if value in table:
                row.values[attname] = table[value]
            else:
                error(column, message.format(value=value, choices="、".join(lookups.reasons)))


# The names of the fixed codes (rules.py), for the error that names them.
FIXED_LABELS = {
    "unit_nature": {code: name for code, name, *_ in seed_data.UNIT_NATURES},
    "industry": {code: name for code, name, *_ in seed_data.INDUSTRIES},
}


def _check_duplicates(rows: list[_Row]) -> None:
    """A 学号 twice in one file: an error on every row that has it, naming the others."""
    groups: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        if row.student_no:
            groups[row.student_no].append(row)
    for group in groups.values():
        if len(group) < 2:
            continue
        for row in group:
            others = "、".join(str(other.number) for other in group if other is not row)
            row.errors.append(
                RowError(row.number, COL_STUDENT_NO, MSG_DUPLICATE_STUDENT_NO.format(rows=others))
            )


def _write(rows: list[_Row], actor: User, now: datetime.datetime) -> None:
    superseded = [row.replaces for row in rows if row.replaces is not None]
    for chunk in _chunks(superseded):
        updated = DestinationPlan.objects.filter(pk__in=chunk, status=PlanStatus.APPROVED).update(
            status=PlanStatus.SUPERSEDED, superseded_at=now, status_changed_at=now
        )
        if updated != len(chunk):
            raise _ConcurrentChange
    plans = []
    for row in rows:
        stamp = approval_stamp(row.approved_on, now)
        plan = DestinationPlan(
            graduate_id=row.graduate.pk,
            destination_id=row.destination_id,
            status=PlanStatus.APPROVED,
            replaces_id=row.replaces,
            created_by=actor,
            status_changed_at=stamp,
            approved_at=stamp,
            approved_on=row.approved_on,
            **row.values,
        )
        plans.append(plan)
    DestinationPlan.objects.bulk_create(plans, batch_size=500)
    if any(plan.pk is None for plan in plans):  # a backend that does not return ids from bulk inserts
        ids = {}
        for chunk in _chunks([row.graduate.pk for row in rows]):
            ids.update(
                DestinationPlan.objects.filter(graduate_id__in=chunk, status=PlanStatus.APPROVED).values_list(
                    "graduate_id", "pk"
                )
            )
        for plan in plans:
            plan.pk = ids[plan.graduate_id]
    events = [
        PlanEvent(
            plan_id=plan.pk,
            action=IMPORT_ACTION,
            from_status="",
            to_status=PlanStatus.APPROVED,
            actor=actor,
            actor_role=actor.role,
            comment=IMPORT_COMMENT,
        )
        for plan in plans
    ]
    events += [
        PlanEvent(
            plan_id=plan.replaces_id,
            action=Action.SUPERSEDE,
            from_status=PlanStatus.APPROVED,
            to_status=PlanStatus.SUPERSEDED,
            actor=actor,
            actor_role=actor.role,
            comment=SUPERSEDED_COMMENT.format(pk=plan.pk),
        )
        for plan in plans
        if plan.replaces_id is not None
    ]
    PlanEvent.objects.bulk_create(events, batch_size=500)


# Identifier columns typed into a General cell lose digits (学号) or become numbers; the date stays a date.
TEXT_COLUMNS = (COL_STUDENT_NO, COL_CODE, COL_CREDIT_CODE, COL_UNIT_NATURE, COL_INDUSTRY, COL_APPROVED_ON)


def destination_import_template() -> bytes:
    """An empty §2 workbook: the header row, with the code and identifier columns formatted as text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "毕业去向"
    sheet.append(list(COLUMNS))
    for position, header in enumerate(COLUMNS, start=1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = 22 if header in (COL_EMPLOYER, COL_CREDIT_CODE) else 14
        if header in TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def active_centre_user() -> User | None:
    """The command's default importer: the first active centre user (by id)."""
    return User.objects.filter(role=Role.CENTRE, is_active=True).order_by("pk").first()

"""The graduate import (生源信息导入, contract §1): validate a whole workbook, then write it all or nothing.

Lookups are read once into dicts, rows are checked in Python, and the writes are a few bulk statements in
one transaction, so the cost grows with the rows written, not with queries per row. Rows are checked here
field by field (the same rules as the model's validators, with the model's lengths) rather than with
``full_clean()`` per row, which would query every foreign key of every row.
"""

import logging
import re
import secrets
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role, User
from apps.refdata import seed_data
from apps.refdata.models import EducationLevel, Ethnicity, HardshipCategory, Province

from .layout_fields import LAYOUT_COLUMNS, LAYOUT_FIELDS, parse_layout_fields
from .models import ClassGroup, Cohort, College, Gender, Graduate, Major
from .signals import graduates_imported
from .uploads import MSG_IDENTIFIER_NUMBER, Table, UploadRejected, read_table
from .validators import id_number_is_male, normalise_id_number, validate_id_number, validate_phone

logger = logging.getLogger(__name__)

# The workbook's columns, exactly as contract §1 names them.
COL_COHORT = "届别"
COL_STUDENT_NO = "学号"
COL_NAME = "姓名"
COL_GENDER = "性别"
COL_ID_NUMBER = "身份证号"
COL_ETHNICITY = "民族"
COL_COLLEGE = "学院"
COL_MAJOR = "专业"
COL_CLASS = "班级"
COL_ORIGIN = "生源地"
COL_EDUCATION = "学历"
COL_HARDSHIP = "困难生类别"
COL_REGISTERED_POOR = "建档立卡"
COL_POVERTY_COUNTY = "贫困县"
COL_PHONE = "手机号"
COL_EMAIL = "电子邮箱"
COL_GRADUATION_STATUS = "毕业状态"
REQUIRED_COLUMNS = (
    COL_COHORT, COL_STUDENT_NO, COL_NAME, COL_GENDER, COL_ID_NUMBER,
    COL_ETHNICITY, COL_COLLEGE, COL_MAJOR, COL_CLASS, COL_ORIGIN,
)  # fmt: skip
OPTIONAL_COLUMNS = (
    COL_EDUCATION, COL_HARDSHIP, COL_REGISTERED_POOR, COL_POVERTY_COUNTY, COL_PHONE, COL_EMAIL,
    COL_GRADUATION_STATUS,
)  # fmt: skip
# The national layout's graduate fields (contract §5), optional here too (政治面貌, 城乡生源, 入学年月 ...).
OPTIONAL_COLUMNS += LAYOUT_COLUMNS
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

DEFAULT_EDUCATION = dict(seed_data.EDUCATION_LEVELS)[seed_data.DEFAULT_EDUCATION_CODE]  # 专科生毕业
DEFAULT_HARDSHIP = "非困难生"
YES, NO = "是", "否"
GENDERS = {"男": Gender.MALE, "女": Gender.FEMALE}  # the contract's words, whatever the UI language
COHORT_MIN_YEAR, COHORT_MAX_YEAR = 2000, 2100

# File-level messages (row None).
MSG_MISSING_COLUMNS = _("缺少必填列：{columns}。")
MSG_DUPLICATE_COLUMNS = _("列名重复：{columns}。")
MSG_NO_ROWS = _("文件中没有数据行。")
MSG_CONCURRENT_CHANGE = _("导入时数据被其他操作修改，未写入任何数据，请重新预检。")
# Row messages.
MSG_REQUIRED = _("必填，不能为空。")
MSG_TOO_LONG = _("不能超过 {limit} 个字符。")
MSG_COHORT = _("届别应为年份，如 2020。")
MSG_STUDENT_NO = _("学号只能由数字和字母组成。")
MSG_GENDER = _("性别应为“男”或“女”。")
MSG_UNKNOWN_ETHNICITY = _("民族“{value}”不在民族代码表（GB/T 3304）中。")
MSG_UNKNOWN_COLLEGE = _("学院“{value}”不存在。")
MSG_MAJOR_NOT_OF_COLLEGE = _("学院“{college}”没有“{value}”专业。")
MSG_UNKNOWN_PROVINCE = _("生源地“{value}”不在省级行政区代码表（GB/T 2260）中。")
MSG_UNKNOWN_EDUCATION = _("学历“{value}”不在学历代码表中。")
MSG_UNKNOWN_HARDSHIP = _("困难生类别“{value}”不在代码表中。")
MSG_YES_NO = _("应为“是”或“否”，或留空（视为“否”）。")
MSG_EMAIL = _("电子邮箱格式不正确。")
MSG_DUPLICATE_STUDENT_NO = _("学号在文件中重复：与第 {rows} 行相同。")
MSG_DUPLICATE_ID_NUMBER = _("身份证号在文件中重复：与第 {rows} 行相同。")
MSG_ID_NUMBER_TAKEN = _("身份证号已被学号为 {student_no} 的毕业生使用。")
MSG_ACCOUNT_TAKEN = _("用户名为该学号的账号不是毕业生账号，或已关联其他毕业生。")
MSG_GRADUATION_STATUS = _("毕业状态应为“正常毕业”或“延期毕业”，或留空（视为正常毕业）。")
# A cohort move of a graduate whose destinations were registered changes that cohort's figures at past dates.
MSG_COHORT_MOVE_REGISTERED = _(
    "该毕业生现属{old}届，已有 {count} 份已登记的毕业去向方案（含已变更、核查不属实的），改为{new}届会使"
    "它们一同离开{old}届，{old}届各截止日期的统计随之改变。延期毕业请在“毕业状态”列填写“延期毕业”；"
    "确需变更请在确认导入时勾选“确认届别变更”。"
)
MSG_DEFERRED_TO_EARLIER = _(
    "“延期毕业”只能改到更晚的届别（该毕业生现属{old}届，文件为{new}届），且已有 {count} 份已登记的毕业去向"
    "方案：确需变更请在确认导入时勾选“确认届别变更”。"
)
# Notices (listed in the dry run; the row is imported).
MSG_COHORT_MOVE = _("届别由{old}届改为{new}届（该毕业生没有已登记的毕业去向方案）。")
MSG_COHORT_MOVE_APPLIED = _(
    "届别由{old}届改为{new}届（{why}）：{count} 份已登记的毕业去向方案随之改属{new}届。"
)
# Warnings: listed in the dry run, the row is still imported.
MSG_GENDER_DISAGREES_WITH_ID = _(
    "性别“{gender}”与身份证号不符：身份证号第17位是{digit}，按国家标准应为{expected}性。请核对性别或身份证号。"
)

# Small enough for any database's limit on query parameters; the lookups cost a query per chunk, not per row.
CHUNK = 900
HISTORY_BATCH = 1000
HISTORY_REASON = "生源信息导入"
GRADUATION_NORMAL, GRADUATION_DEFERRED = "正常毕业", "延期毕业"
MOVE_CONFIRMED = "导入人确认届别变更"
MOVE_REASON = "生源信息导入：届别由{old}届改为{new}届（{why}）"  # the graduate's history names the move
# Graduate fields an import writes; anything else (created_at, the account once linked) it leaves alone.
UPDATED_FIELDS = (
    "cohort", "name", "gender", "id_number", "ethnicity", "class_group", "origin", "education_level",
    "hardship_category", "registered_poor", "poverty_county", "phone", "email", "user", "updated_at",
    *LAYOUT_FIELDS,
)  # fmt: skip
MAX_STUDENT_NO = Graduate._meta.get_field("student_no").max_length
MAX_NAME = Graduate._meta.get_field("name").max_length
MAX_EMAIL = Graduate._meta.get_field("email").max_length
MAX_CLASS_NAME = ClassGroup._meta.get_field("name").max_length
_COHORT_PATTERN = re.compile(r"^(\d{4})届?$")
_STUDENT_NO_PATTERN = re.compile(r"^[0-9A-Za-z]+$")
# Family names of two characters, so an account's first and last name split where a person would split them.
_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 端木 独孤 南宫 西门 轩辕".split()
)


@dataclass(frozen=True)
class RowError:
    """One problem: ``row`` as the spreadsheet numbers it (header = 1), None for the file as a whole."""

    row: int | None
    column: str
    message: str
    # The cell as the file holds it, so the page shows what was refused (filled by ``errors_with_values``);
    # not part of what makes two errors the same.
    value: str = field(default="", compare=False)


def errors_with_values(errors: list[RowError], table: Table) -> list[RowError]:
    """``errors`` with each one's cell text from ``table`` (by row and column; file-level errors as they are)."""
    index = {name: position for position, name in enumerate(table.header)}
    cells = dict(table.rows)
    return [
        replace(error, value=cells[error.row][index[error.column]])
        if not error.value and error.row in cells and error.column in index
        else error
        for error in errors
    ]


@dataclass
class ImportResult:
    dry_run: bool
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    # What the dry run shows and the command prints without refusing the file (row, column, message).
    warnings: list[RowError] = field(default_factory=list)
    # The errors an explicit confirmation by the importer lifts (cohort moves of graduates with registered
    # plans): the page and the command offer it when they are all there is.
    confirmable: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def needs_confirmation(self) -> bool:
        """Refused only for what ``confirm_cohort_moves`` allows."""
        return bool(self.errors) and set(self.errors) <= set(self.confirmable)

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run


@dataclass
class _Lookups:
    """Every name a row may refer to, read with one query per table."""

    cohorts: dict[int, int]
    ethnicities: dict[str, int]
    provinces: dict[str, int]
    education_levels: dict[str, int]
    hardship_categories: dict[str, int]
    colleges: dict[str, int]
    majors: dict[tuple[int, str], int]
    classes: dict[tuple[int, str], int]

    @classmethod
    def load(cls) -> "_Lookups":
        def names(model, scheme: str) -> dict[str, int]:
            return dict(model.objects.filter(scheme=scheme, is_active=True).values_list("name", "pk"))

        return cls(
            cohorts=dict(Cohort.objects.values_list("year", "pk")),
            ethnicities=names(Ethnicity, seed_data.ETHNICITY_SCHEME),
            provinces=names(Province, seed_data.PROVINCE_SCHEME),
            education_levels=names(EducationLevel, seed_data.EDUCATION_SCHEME),
            hardship_categories=names(HardshipCategory, seed_data.HARDSHIP_SCHEME),
            colleges=dict(College.objects.values_list("name", "pk")),
            majors={(c, n): pk for c, n, pk in Major.objects.values_list("college_id", "name", "pk")},
            classes={(m, n): pk for m, n, pk in ClassGroup.objects.values_list("major_id", "name", "pk")},
        )


@dataclass
class _Row:
    """A row that passed its own checks: Graduate attribute values, plus what is resolved at write time."""

    number: int
    student_no: str
    cohort_year: int
    class_key: tuple[int, str]  # (major id, class name): the class may not exist yet
    values: dict[str, object]  # written to new and existing graduates
    new_only: dict[str, object]  # defaults for a new graduate when the file has no such column
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    graduation_status: str = ""  # 毕业状态: blank, 正常毕业 or 延期毕业
    move_reason: str = ""  # the history's change reason when the row moves the graduate to another cohort


@dataclass(frozen=True)
class _Move:
    old_year: int
    new_year: int
    registered: int  # the graduate's plans registered by the centre (approved, superseded, found false)


def graduate_import(
    *,
    rows_source: Table | object,
    dry_run: bool,
    actor: User | None = None,
    confirm_cohort_moves: bool = False,
) -> ImportResult:
    """Check every row of a §1 workbook and, unless ``dry_run``, write them all in one transaction.

    ``rows_source`` is a ``Table`` or anything ``uploads.read_table`` reads (a path, a file, bytes).
    Promises: every error is reported (by row and column) and nothing is written when there is one; a row
    whose 学号 exists updates that graduate, an identical row changes nothing; every new graduate gets a
    student account named after the 学号 (an existing student account of that name is reused).
    A column the file does not have leaves that field alone on existing graduates; a blank 手机号 or
    电子邮箱 keeps the stored one; a blank 学历, 困难生类别, 建档立卡 or 贫困县 means the default.
    A row that moves a graduate with registered destination plans to another cohort (届别) is an error unless
    its 毕业状态 says 延期毕业 (to a later cohort) or ``confirm_cohort_moves``; every move is listed in
    ``warnings`` and named in the graduate's history.
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
        _check_and_plan(table, result, confirm_cohort_moves)
        return result
    try:
        with transaction.atomic():
            plan = _check_and_plan(table, result, confirm_cohort_moves)
            if result.ok:
                _write(plan, actor)
                written = plan.new + [row for row, _graduate in plan.changed]
                if written:
                    # By cohort, not by 学号: one short query whatever the file's size (receivers are idempotent).
                    cohort_ids = {plan.lookups.cohorts[row.cohort_year] for row in written}
                    graduates_imported.send(
                        sender=Graduate, graduates=Graduate.objects.filter(cohort_id__in=cohort_ids)
                    )
    except IntegrityError:
        # Another import or an edit got in between the checks and the writes; the transaction is undone.
        logger.warning("graduate import rolled back on a concurrent change", exc_info=True)
        result.new = result.changed = result.unchanged = 0
        result.errors = [RowError(None, "", str(MSG_CONCURRENT_CHANGE))]
    if result.written:
        logger.info(
            "graduate import by %s: %d new, %d changed, %d unchanged",
            actor or "(no user)", result.new, result.changed, result.unchanged,
        )  # fmt: skip
    return result


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


@dataclass
class _Plan:
    lookups: _Lookups
    new: list[_Row]
    changed: list[tuple[_Row, Graduate]]
    accounts: dict[str, int]  # 学号 -> id of the existing student account to link


def _check_and_plan(table: Table, result: ImportResult, confirm_cohort_moves: bool = False) -> _Plan:
    """Fill ``result`` with every error and the counts; return what writing would do."""
    lookups = _Lookups.load()
    index = {name: position for position, name in enumerate(table.header) if name in COLUMNS}
    rows = [_parse_row(number, cells, index, lookups, table=table) for number, cells in table.rows]
    _check_duplicates(rows)

    student_nos = [row.student_no for row in rows if row.student_no]
    existing = {
        graduate.student_no: graduate
        for chunk in _chunks(student_nos)
        for graduate in Graduate.objects.filter(student_no__in=chunk)
    }
    id_numbers = [row.values["id_number"] for row in rows if "id_number" in row.values]
    id_owners = dict(
        pair
        for chunk in _chunks(id_numbers)
        for pair in Graduate.objects.filter(id_number__in=chunk).values_list("id_number", "student_no")
    )
    accounts = {
        username: (pk, role, graduate_pk)
        for chunk in _chunks(student_nos)
        for username, pk, role, graduate_pk in User.objects.filter(username__in=chunk).values_list(
            "username", "pk", "role", "graduate__pk"
        )
    }

    moves = _cohort_moves(rows, existing, lookups)

    plan = _Plan(lookups=lookups, new=[], changed=[], accounts={})
    for row in rows:
        graduate = existing.get(row.student_no)
        owner = id_owners.get(row.values.get("id_number"))
        if owner is not None and owner != row.student_no:
            row.errors.append(
                RowError(row.number, COL_ID_NUMBER, MSG_ID_NUMBER_TAKEN.format(student_no=owner))
            )
        if row.student_no in accounts and (graduate is None or graduate.user_id is None):
            # This graduate has no account yet, so an account of that name linked to a graduate is another's.
            pk, role, graduate_pk = accounts[row.student_no]
            if role != Role.STUDENT or graduate_pk is not None:
                row.errors.append(RowError(row.number, COL_STUDENT_NO, str(MSG_ACCOUNT_TAKEN)))
            else:
                plan.accounts[row.student_no] = pk
        if row.student_no in moves:
            _check_cohort_move(row, moves[row.student_no], confirm_cohort_moves, result)
        result.warnings.extend(row.warnings)
        if row.errors:
            result.errors.extend(row.errors)
        elif graduate is None:
            plan.new.append(row)
        elif _differs(row, graduate, lookups):
            plan.changed.append((row, graduate))
        else:
            result.unchanged += 1
    result.new, result.changed = len(plan.new), len(plan.changed)
    order = {name: position for position, name in enumerate(COLUMNS)}
    result.errors.sort(key=lambda error: (error.row or 0, order.get(error.column, -1)))
    result.errors = errors_with_values(result.errors, table)
    result.warnings.sort(key=lambda warning: (warning.row or 0, order.get(warning.column, -1)))
    return plan


def _parse_row(
    number: int, cells: list[str], index: dict[str, int], lookups: _Lookups, *, table: Table | None = None
) -> _Row:
    errors: list[RowError] = []
    warnings: list[RowError] = []
    values: dict[str, object] = {}
    new_only: dict[str, object] = {}

    def cell(column: str) -> str:
        position = index.get(column)
        return "" if position is None else cells[position]

    def error(column: str, message) -> None:
        errors.append(RowError(number, column, str(message)))

    def required(column: str, max_length: int | None = None) -> str:
        value = cell(column)
        if not value:
            error(column, MSG_REQUIRED)
        elif max_length is not None and len(value) > max_length:
            error(column, MSG_TOO_LONG.format(limit=max_length))
        return value

    def code(column: str, table: dict[str, int], message, attname: str, default: str) -> None:
        value = cell(column) or default
        if value not in table:
            error(column, message.format(value=value))
        elif column in index:
            values[attname] = table[value]
        else:
            new_only[attname] = table[value]

    def yes_no(column: str, attname: str) -> None:
        value = cell(column)
        if value not in ("", YES, NO):
            error(column, MSG_YES_NO)
        elif column in index:
            values[attname] = value == YES
        else:
            new_only[attname] = False

    cohort_year = 0
    year = required(COL_COHORT)
    if year:
        match = _COHORT_PATTERN.match(year)
        if match and COHORT_MIN_YEAR <= int(match[1]) <= COHORT_MAX_YEAR:
            cohort_year = int(match[1])
        else:
            error(COL_COHORT, MSG_COHORT)

    student_no = required(COL_STUDENT_NO, MAX_STUDENT_NO)
    if student_no and not _STUDENT_NO_PATTERN.match(student_no):
        error(COL_STUDENT_NO, MSG_STUDENT_NO)

    values["name"] = required(COL_NAME, MAX_NAME)

    gender = required(COL_GENDER)
    if gender:
        if gender in GENDERS:
            values["gender"] = GENDERS[gender]
        else:
            error(COL_GENDER, MSG_GENDER)

    id_number = normalise_id_number(required(COL_ID_NUMBER))
    if id_number and table is not None and table.typed_as_number(number, index.get(COL_ID_NUMBER), id_number):
        # Never turned back into digits: the number kept 15 of them, the rest read as plausible noise.
        error(COL_ID_NUMBER, MSG_IDENTIFIER_NUMBER.format(column=COL_ID_NUMBER))
    elif id_number:
        try:
            validate_id_number(id_number)
        except ValidationError as exc:
            error(COL_ID_NUMBER, exc.messages[0])
        else:
            values["id_number"] = id_number
            male = id_number_is_male(id_number)
            if "gender" in values and (values["gender"] == Gender.MALE) != male:
                warnings.append(
                    RowError(
                        number,
                        COL_GENDER,
                        str(
                            MSG_GENDER_DISAGREES_WITH_ID.format(
                                gender=gender, digit=id_number[16], expected="男" if male else "女"
                            )
                        ),
                    )
                )

    ethnicity = required(COL_ETHNICITY)
    if ethnicity:
        code(COL_ETHNICITY, lookups.ethnicities, MSG_UNKNOWN_ETHNICITY, "ethnicity_id", "")

    class_key = (0, "")
    college = required(COL_COLLEGE)
    major = required(COL_MAJOR)
    class_name = required(COL_CLASS, MAX_CLASS_NAME)
    if college:
        college_id = lookups.colleges.get(college)
        if college_id is None:
            error(COL_COLLEGE, MSG_UNKNOWN_COLLEGE.format(value=college))
        elif major:
            major_id = lookups.majors.get((college_id, major))
            if major_id is None:
                error(COL_MAJOR, MSG_MAJOR_NOT_OF_COLLEGE.format(college=college, value=major))
            else:
                class_key = (major_id, class_name)

    origin = required(COL_ORIGIN)
    if origin:
        code(COL_ORIGIN, lookups.provinces, MSG_UNKNOWN_PROVINCE, "origin_id", "")

    code(
        COL_EDUCATION,
        lookups.education_levels,
        MSG_UNKNOWN_EDUCATION,
        "education_level_id",
        DEFAULT_EDUCATION,
    )
    code(
        COL_HARDSHIP,
        lookups.hardship_categories,
        MSG_UNKNOWN_HARDSHIP,
        "hardship_category_id",
        DEFAULT_HARDSHIP,
    )
    yes_no(COL_REGISTERED_POOR, "registered_poor")
    yes_no(COL_POVERTY_COUNTY, "poverty_county")

    # Students keep their own contact data current: a blank cell leaves what they entered.
    phone = cell(COL_PHONE)
    if phone:
        try:
            validate_phone(phone)
        except ValidationError as exc:
            error(COL_PHONE, exc.messages[0])
        else:
            values["phone"] = phone
    email = cell(COL_EMAIL)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            error(COL_EMAIL, MSG_EMAIL)
        else:
            if len(email) > MAX_EMAIL:
                error(COL_EMAIL, MSG_TOO_LONG.format(limit=MAX_EMAIL))
            else:
                values["email"] = email

    values.update(parse_layout_fields(cell, error))

    graduation_status = cell(COL_GRADUATION_STATUS)
    if graduation_status not in ("", GRADUATION_NORMAL, GRADUATION_DEFERRED):
        error(COL_GRADUATION_STATUS, MSG_GRADUATION_STATUS)

    return _Row(
        number, student_no, cohort_year, class_key, values, new_only, errors, warnings, graduation_status
    )


def _cohort_moves(rows: list[_Row], existing: dict[str, Graduate], lookups: _Lookups) -> dict[str, _Move]:
    """The rows that put an existing graduate in another cohort, with how many registered plans go along
    (a query per 900 such graduates, none when nobody moves)."""
    # Plans belong to the plans app, which builds on this one: imported here, where they are counted.
    from apps.plans.models import PlanStatus

    years = {pk: year for year, pk in lookups.cohorts.items()}
    moving = {
        row.student_no: graduate
        for row in rows
        if row.cohort_year
        and (graduate := existing.get(row.student_no)) is not None
        and lookups.cohorts.get(row.cohort_year) != graduate.cohort_id
    }
    registered: dict[int, int] = {}
    graduate_ids = [graduate.pk for graduate in moving.values()]
    for start in range(0, len(graduate_ids), CHUNK):
        counts = (
            Graduate.objects.filter(pk__in=graduate_ids[start : start + CHUNK])
            .filter(plans__status__in=(PlanStatus.APPROVED, PlanStatus.SUPERSEDED, PlanStatus.FALSE))
            .annotate(registered=Count("plans"))
            .values_list("pk", "registered")
        )
        registered.update(counts)
    rows_by_no = {row.student_no: row for row in rows}
    return {
        student_no: _Move(
            years[graduate.cohort_id], rows_by_no[student_no].cohort_year, registered.get(graduate.pk, 0)
        )
        for student_no, graduate in moving.items()
    }


def _check_cohort_move(row: _Row, move: _Move, confirmed: bool, result: ImportResult) -> None:
    """A move of a graduate with registered plans needs 延期毕业 (to a later cohort) or the importer's
    confirmation; it is an error otherwise (one the confirmation lifts). Every move is a notice."""
    old, new, count = move.old_year, move.new_year, move.registered
    if count == 0:
        row.warnings.append(RowError(row.number, COL_COHORT, str(MSG_COHORT_MOVE.format(old=old, new=new))))
        row.move_reason = MOVE_REASON.format(old=old, new=new, why="无已登记的毕业去向方案")
        return
    deferred = row.graduation_status == GRADUATION_DEFERRED
    if deferred and new > old:
        why = GRADUATION_DEFERRED
    elif confirmed:
        why = MOVE_CONFIRMED
    else:
        message = MSG_DEFERRED_TO_EARLIER if deferred else MSG_COHORT_MOVE_REGISTERED
        error = RowError(row.number, COL_COHORT, str(message.format(old=old, new=new, count=count)))
        row.errors.append(error)
        result.confirmable.append(error)
        return
    notice = MSG_COHORT_MOVE_APPLIED.format(old=old, new=new, why=why, count=count)
    row.warnings.append(RowError(row.number, COL_COHORT, str(notice)))
    row.move_reason = MOVE_REASON.format(old=old, new=new, why=why)


def _check_duplicates(rows: list[_Row]) -> None:
    """A 学号 or 身份证号 twice in one file: an error on every row that has it, naming the others."""
    for column, key in (
        (COL_STUDENT_NO, lambda r: r.student_no),
        (COL_ID_NUMBER, lambda r: r.values.get("id_number")),
    ):
        message = MSG_DUPLICATE_STUDENT_NO if column == COL_STUDENT_NO else MSG_DUPLICATE_ID_NUMBER
        groups: dict[str, list[_Row]] = defaultdict(list)
        for row in rows:
            if value := key(row):
                groups[value].append(row)
        for group in groups.values():
            if len(group) < 2:
                continue
            for row in group:
                others = "、".join(str(other.number) for other in group if other is not row)
                row.errors.append(RowError(row.number, column, message.format(rows=others)))


def _differs(row: _Row, graduate: Graduate, lookups: _Lookups) -> bool:
    if graduate.user_id is None:
        return True  # linking the account is a change
    if graduate.cohort_id != lookups.cohorts.get(row.cohort_year):
        return True
    if graduate.class_group_id != lookups.classes.get(row.class_key):
        return True
    return any(getattr(graduate, attname) != value for attname, value in row.values.items())


def _write(plan: _Plan, actor: User | None) -> None:
    lookups = plan.lookups
    rows = plan.new + [row for row, _graduate in plan.changed]

    missing_years = {row.cohort_year for row in rows} - lookups.cohorts.keys()
    if missing_years:
        Cohort.objects.bulk_create(
            [Cohort(year=year, destination_scheme=cohort_scheme(year)) for year in sorted(missing_years)],
            ignore_conflicts=True,
        )
        lookups.cohorts = dict(Cohort.objects.values_list("year", "pk"))

    missing_classes = {row.class_key for row in rows} - lookups.classes.keys()
    if missing_classes:
        ClassGroup.objects.bulk_create(
            [ClassGroup(major_id=major_id, name=name) for major_id, name in sorted(missing_classes)],
            ignore_conflicts=True,
        )
        majors = {major_id for major_id, _name in missing_classes}
        lookups.classes.update(
            ((m, n), pk)
            for m, n, pk in ClassGroup.objects.filter(major_id__in=majors).values_list(
                "major_id", "name", "pk"
            )
        )

    needs_account = plan.new + [row for row, graduate in plan.changed if graduate.user_id is None]
    new_users = [_student_user(row) for row in needs_account if row.student_no not in plan.accounts]
    if new_users:
        User.objects.bulk_create(new_users)
        if any(user.pk is None for user in new_users):  # a backend that does not return ids from bulk inserts
            usernames = [user.username for user in new_users]
            plan.accounts.update(
                pair
                for chunk in _chunks(usernames)
                for pair in User.objects.filter(username__in=chunk).values_list("username", "pk")
            )
        else:
            plan.accounts.update((user.username, user.pk) for user in new_users)

    created = Graduate.objects.bulk_create(
        [
            Graduate(
                student_no=row.student_no,
                cohort_id=lookups.cohorts[row.cohort_year],
                class_group_id=lookups.classes[row.class_key],
                user_id=plan.accounts[row.student_no],
                **row.new_only,
                **row.values,
            )
            for row in plan.new
        ]
    )
    # Every record keeps its history (who imported or changed what, when): the bulk writes skip the signals
    # django-simple-history listens to, so their historical rows are written here, in the same transaction.
    if created:
        ids = [graduate.pk for graduate in created]
        if any(pk is None for pk in ids):  # a backend that does not return ids from bulk inserts
            numbers = [graduate.student_no for graduate in created]
            ids = [pk for chunk in _chunks(numbers)
                   for pk in Graduate.objects.filter(student_no__in=chunk).values_list("pk", flat=True)]  # fmt: skip
        _history_of_created(ids, actor)
    if plan.changed:
        now = timezone.now()
        graduates = []
        for row, graduate in plan.changed:
            graduate.cohort_id = lookups.cohorts[row.cohort_year]
            graduate.class_group_id = lookups.classes[row.class_key]
            if graduate.user_id is None:
                graduate.user_id = plan.accounts[row.student_no]
            for attname, value in row.values.items():
                setattr(graduate, attname, value)
            graduate.updated_at = now  # bulk_update does not run auto_now
            if row.move_reason:
                graduate._change_reason = row.move_reason  # bulk_history_create prefers it to the default
            graduates.append(graduate)
        Graduate.objects.bulk_update(graduates, UPDATED_FIELDS, batch_size=500)
        Graduate.history.bulk_history_create(
            graduates, update=True, batch_size=HISTORY_BATCH, default_user=actor,
            default_change_reason=HISTORY_REASON,
        )  # fmt: skip


def _history_of_created(graduate_ids: list[int], actor: User | None) -> None:
    """The "+" historical row of each new graduate, copied by the database from the rows just inserted
    (``INSERT ... SELECT``, 900 a statement): the same row ``bulk_history_create`` writes, without building
    a historical instance per graduate in Python (a fifth of a 5,000-row import on PostgreSQL, profiled)."""
    history = Graduate.history.model
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in history.tracked_fields)
    now = timezone.now()
    with connection.cursor() as cursor:
        for start in range(0, len(graduate_ids), CHUNK):
            chunk = graduate_ids[start : start + CHUNK]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({columns}, {quote('history_date')}, "
                f"{quote('history_change_reason')}, {quote('history_type')}, {quote('history_user_id')}) "
                f"SELECT {columns}, %s, %s, %s, %s FROM {quote(Graduate._meta.db_table)} "
                f"WHERE {quote('id')} IN ({', '.join(['%s'] * len(chunk))})",
                [now, HISTORY_REASON, "+", actor.pk if actor else None, *chunk],
            )


def cohort_scheme(year: int) -> str:
    """The destination-code scheme of a cohort: the 2021 codes (教学厅函〔2021〕19号) from the 2021 cohort on."""
    if year <= 2020:
        return seed_data.DESTINATION_SCHEME_2020
    return seed_data.DESTINATION_SCHEME_2021


def _student_user(row: _Row) -> User:
    name = str(row.values["name"])
    surname_length = 2 if name[:2] in _COMPOUND_SURNAMES and len(name) > 2 else 1
    user = User(
        username=row.student_no,
        role=Role.STUDENT,
        last_name=name[:surname_length],
        first_name=name[surname_length:],
        must_change_password=True,
    )
    # What set_unusable_password() stores ("!" and 40 random characters), from one urandom call instead of
    # 40 choices: at 400,000 accounts that was seconds of the import.
    user.password = UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)
    return user


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]

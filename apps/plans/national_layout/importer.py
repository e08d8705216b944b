"""The national layout read back (contract §5): a province's or the national system's export, or this
system's own, through the destination import's checks and writes (contract §2: dry run, every error by row
and column, all or nothing, the importer named on every event).

The layout's rows are turned into §2 cells (毕业去向代码 from 毕业去向类别代码, 单位所在地 the province of the
six-digit 单位所在地代码, 审核通过日期 the day the centre gives), and the columns §2 does not have go through
``ImportOptions.parse_extra``: 单位所在地 at county level, 单位地址, 工作职位类别, 签约日期, 留学院校外文名称.
Every code and its name must agree. The graduate columns of the layout (政治面貌, 入学年月 ...) update the
graduates in the same transaction; the ones the graduate import owns (姓名, 性别, 生源地 ...) are read only
to check 姓名 against the graduate the 学号 names.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.graduates.dates import MSG_DATE, parse_date
from apps.graduates.imports import (
    MSG_DUPLICATE_COLUMNS,
    MSG_MISSING_COLUMNS,
    MSG_TOO_LONG,
    ImportResult,
    RowError,
)
from apps.graduates.layout_fields import LAYOUT_FIELDS, parse_layout_fields
from apps.graduates.models import Graduate
from apps.graduates.uploads import Table, UploadRejected, read_table
from apps.refdata import seed_data
from apps.refdata.models import (
    AdministrativeDivision,
    DivisionLevel,
    Industry,
    Province,
    UnitNature,
    WorkPosition,
)

from .. import destination_import as di
from ..models import DestinationPlan
from ..rules import MSG_NOT_KEPT, NOT_EMPLOYED, RULES_BY_BASE_CODE
from .columns import (
    COL_ABROAD_INSTITUTION,
    COL_ADDRESS,
    COL_CONTRACT_DATE,
    COL_DESTINATION,
    COL_DESTINATION_CODE,
    COL_INDUSTRY,
    COL_INDUSTRY_CODE,
    COL_NAME,
    COL_ORIGIN_CODE,
    COL_ORIGIN_NAME,
    COL_PLACE,
    COL_PLACE_CODE,
    COL_POSITION,
    COL_POSITION_CODE,
    COL_STUDENT_NO,
    COL_UNIT_NATURE,
    COL_UNIT_NATURE_CODE,
    COLUMNS,
)

REQUIRED_COLUMNS = (COL_STUDENT_NO, COL_DESTINATION_CODE)
_KEPT_APART = "\x00"

MSG_NAME_DISAGREES = _("“{name}”与{code_column}“{code}”不符：该代码是“{expected}”。")
MSG_UNKNOWN_PLACE = _("单位所在地代码“{value}”不是 GB/T 2260 六位行政区划代码（{scheme}）。")
MSG_UNKNOWN_ORIGIN = _("生源地代码“{value}”不是 GB/T 2260 行政区划代码。")
MSG_UNKNOWN_POSITION = _("工作职位类别代码“{value}”不在代码表中。")
MSG_STUDENT_NAME = _("姓名“{value}”与学号 {student_no} 的毕业生（{name}）不符。")
MSG_APPROVED_ON = _("请给出登记日期（审核通过日期）。")

# §2 column -> the layout column its errors are about.
LAYOUT_COLUMN_OF = {
    di.COL_CODE: COL_DESTINATION_CODE,
    di.COL_PROVINCE: COL_PLACE_CODE,
    di.COL_APPROVED_ON: COL_DESTINATION_CODE,
    di.COL_REASON: COL_DESTINATION_CODE,
    di.COL_COUNTRY: COL_ABROAD_INSTITUTION,
}
EXTRA_FIELDS = ("work_county_id", "work_address", "work_position_id", "contract_date")
MAX_ADDRESS = DestinationPlan._meta.get_field("work_address").max_length
MAX_INSTITUTION = DestinationPlan._meta.get_field("institution").max_length


@dataclass
class _Lookups:
    divisions: dict[str, tuple[int, str, str, str]]  # code -> (pk, name, full name, level)
    provinces: dict[str, str]  # two digits -> name
    unit_natures: dict[str, str]
    industries: dict[str, str]
    positions: dict[str, tuple[int, str]]

    @classmethod
    def load(cls) -> "_Lookups":
        return cls(
            divisions={
                code: (pk, name, full_name, level)
                for pk, code, name, full_name, level in AdministrativeDivision.objects.filter(
                    scheme=seed_data.DIVISION_SCHEME, is_active=True
                ).values_list("pk", "code", "name", "full_name", "level")
            },
            provinces=dict(
                Province.objects.filter(scheme=seed_data.PROVINCE_SCHEME).values_list("code", "name")
            ),
            unit_natures=dict(
                UnitNature.objects.filter(scheme=seed_data.UNIT_NATURE_SCHEME).values_list("code", "name")
            ),
            industries=dict(
                Industry.objects.filter(scheme=seed_data.INDUSTRY_SCHEME).values_list("code", "name")
            ),
            positions={
                code: (pk, name)
                for pk, code, name in WorkPosition.objects.filter(
                    scheme=seed_data.WORK_POSITION_SCHEME, is_active=True
                ).values_list("pk", "code", "name")
            },
        )


@dataclass
class _Prepared:
    table: Table  # in §2 columns (plus the layout's own)
    errors: list[RowError] = field(default_factory=list)
    graduate_values: dict[str, dict[str, object]] = field(default_factory=dict)  # 学号 -> layout fields


def national_layout_import(
    *, rows_source: Table | object, dry_run: bool, actor: User | None, approved_on: datetime.date | None
) -> ImportResult:
    """Check every row of a national-layout workbook and, unless ``dry_run``, record every destination as
    approved by the centre on ``approved_on`` (and update the graduates' layout fields), all in one
    transaction; the counts and errors as ``destination_import`` gives them, errors named by layout column."""
    result = ImportResult(dry_run=dry_run)
    try:
        table = rows_source if isinstance(rows_source, Table) else read_table(rows_source)
    except UploadRejected as exc:
        result.errors = [RowError(None, "", message) for message in exc.messages]
        return result
    result.errors = _check_header(table.header)
    if approved_on is None:
        result.errors.append(RowError(None, "", str(MSG_APPROVED_ON)))
    elif approved_on > timezone.localdate():
        result.errors.append(RowError(None, "", str(di.MSG_FUTURE_DATE)))
    if result.errors:
        return result
    lookups = _Lookups.load()
    prepared = _prepare(table, lookups, approved_on)
    options = di.ImportOptions(
        parse_extra=lambda number, cells, code, error: _parse_extra(cells, code, error, lookups),
        extra_fields=EXTRA_FIELDS,
        uncompared_fields=("country", "not_employed_reason_id"),
        reason_required=False,
        on_write=lambda: _update_graduates(prepared.graduate_values),
    )
    # Any error of the layout's own refuses the file: the §2 checks then only list theirs (a dry run).
    result = di.destination_import(
        rows_source=prepared.table, dry_run=dry_run or bool(prepared.errors), actor=actor, options=options
    )
    result.dry_run = dry_run
    # A cell the layout's own checks found wrong is reported once, by them (not again as §2 sees it).
    checked = {(error.row, error.column) for error in prepared.errors}
    errors = [
        RowError(error.row, column, error.message)
        for error in result.errors
        if (error.row, column := LAYOUT_COLUMN_OF.get(error.column, error.column)) not in checked
    ]
    order = {name: position for position, name in enumerate(COLUMNS)}
    merged = list(dict.fromkeys([*prepared.errors, *errors]))
    result.errors = sorted(merged, key=lambda error: (error.row or 0, order.get(error.column, -1)))
    if result.errors and not dry_run:
        result.new = result.changed = result.unchanged = 0
    return result


def _check_header(header: list[str]) -> list[RowError]:
    errors = []
    seen = {name: header.count(name) for name in COLUMNS if name in header}
    duplicated = [name for name, count in seen.items() if count > 1]
    if duplicated:
        errors.append(RowError(None, "", MSG_DUPLICATE_COLUMNS.format(columns="、".join(duplicated))))
    missing = [name for name in REQUIRED_COLUMNS if name not in seen]
    if missing:
        errors.append(RowError(None, "", MSG_MISSING_COLUMNS.format(columns="、".join(missing))))
    return errors


def _prepare(table: Table, lookups: _Lookups, approved_on: datetime.date) -> _Prepared:
    """The §2 table, and the layout's own row errors (names against codes, 姓名, the graduate columns)."""
    # §2's columns come from the layout's; the layout's 单位所在地 (a full name) is kept under another key.
    # §2's columns come from the layout's; a layout column that has a §2 name with another meaning (its
    # 单位所在地 is a full name, not a province) or that §2 takes from elsewhere is kept under another key.
    renamed = {COL_PLACE, di.COL_CODE, di.COL_APPROVED_ON}
    header = [f"{_KEPT_APART}{name}" if name in renamed else name for name in table.header]
    header += [di.COL_CODE, di.COL_PROVINCE, di.COL_APPROVED_ON]
    position = {name: index for index, name in enumerate(table.header)}
    prepared = _Prepared(table=Table(header=header, numbers=table.numbers))
    # (row, 学号, 姓名), checked against the graduates once every 学号 is known: one pass over the rows (a
    # job counts that pass as its progress).
    named: list[tuple[int, str, str]] = []
    for number, cells in table.rows:

        def cell(column: str, cells=cells) -> str:
            index = position.get(column)
            return "" if index is None else cells[index]

        def error(column: str, message, number=number) -> None:
            prepared.errors.append(RowError(number, column, str(message)))

        student_no = cell(COL_STUDENT_NO)
        if (name := cell(COL_NAME)) and student_no:
            named.append((number, student_no, name))
        _check_origin(cell, error, lookups)
        province_name = _place_province(cell, error, lookups)
        values = parse_layout_fields(cell, error)
        if values and student_no:
            prepared.graduate_values[student_no] = values
        prepared.table.rows.append(
            (number, [*cells, cell(COL_DESTINATION_CODE), province_name, approved_on.isoformat()])
        )
    names = _graduate_names([student_no for _number, student_no, _name in named])
    for number, student_no, name in named:
        if student_no in names and names[student_no] != name:
            message = MSG_STUDENT_NAME.format(value=name, student_no=student_no, name=names[student_no])
            prepared.errors.append(RowError(number, COL_NAME, str(message)))
    return prepared


def _graduate_names(student_nos: list[str]) -> dict[str, str]:
    names = {}
    for start in range(0, len(student_nos), di.CHUNK):
        chunk = student_nos[start : start + di.CHUNK]
        names.update(Graduate.objects.filter(student_no__in=chunk).values_list("student_no", "name"))
    return names


def _disagrees(error, name_column: str, name: str, code_column: str, code: str, expected: str) -> None:
    error(
        name_column,
        MSG_NAME_DISAGREES.format(name=name, code_column=code_column, code=code, expected=expected),
    )


def _check_origin(cell, error, lookups: _Lookups) -> None:
    code, name = cell(COL_ORIGIN_CODE), cell(COL_ORIGIN_NAME)
    if not code:
        return
    division = lookups.divisions.get(code)
    province = lookups.provinces.get(code) if len(code) == 2 else None
    if division is None and province is None:
        error(COL_ORIGIN_CODE, MSG_UNKNOWN_ORIGIN.format(value=code))
    elif name:
        accepted = {province} if division is None else {division[1], division[2]}
        if name not in accepted:
            _disagrees(error, COL_ORIGIN_NAME, name, COL_ORIGIN_CODE, code, sorted(accepted)[-1])


def _place_province(cell, error, lookups: _Lookups) -> str:
    """The province name of 单位所在地代码 (§2's 单位所在地), checking 单位所在地 against the code."""
    code, name = cell(COL_PLACE_CODE), cell(COL_PLACE)
    if not code:
        return ""
    division = lookups.divisions.get(code)
    if division is None:
        error(COL_PLACE_CODE, MSG_UNKNOWN_PLACE.format(value=code, scheme=seed_data.DIVISION_SCHEME))
        return ""
    _pk, short, full, _level = division
    if name and name not in (short, full):
        _disagrees(error, COL_PLACE, name, COL_PLACE_CODE, code, full)
    return lookups.provinces.get(code[:2], "")


def _parse_extra(cells: dict[str, str], code, error, lookups: _Lookups) -> dict[str, object]:
    """The layout's plan columns §2 does not have, for a row of destination ``code``: each kept in the field
    the destination has for it (rules.py), or an error; codes and names checked against each other."""
    rule = RULES_BY_BASE_CODE.get(code.base, NOT_EMPLOYED)
    destination = f"{code.code} {code.name}".strip()
    values: dict[str, object] = {}

    def keep(column: str, field_name: str, value) -> None:
        if field_name not in rule.fields:
            error(column, MSG_NOT_KEPT.format(destination=destination))
        else:
            values[DestinationPlan._meta.get_field(field_name).attname] = value

    name = cells.get(COL_DESTINATION, "")
    if name and name != code.name:
        _disagrees(error, COL_DESTINATION, name, COL_DESTINATION_CODE, code.code, code.name)
    for code_column, name_column, table in (
        (COL_UNIT_NATURE_CODE, COL_UNIT_NATURE, lookups.unit_natures),
        (COL_INDUSTRY_CODE, COL_INDUSTRY, lookups.industries),
    ):
        value, label = cells.get(code_column, ""), cells.get(name_column, "")
        if value and label and value in table and table[value] != label:
            _disagrees(error, name_column, label, code_column, value, table[value])

    place = cells.get(COL_PLACE_CODE, "")
    division = lookups.divisions.get(place)
    # Where the destination keeps a county (rules.py); 80's place is its school's province (§2 keeps that).
    if division is not None and division[3] != DivisionLevel.PROVINCE and "work_county" in rule.fields:
        values["work_county_id"] = division[0]
    address = cells.get(COL_ADDRESS, "")
    if address:
        if len(address) > MAX_ADDRESS:
            error(COL_ADDRESS, MSG_TOO_LONG.format(limit=MAX_ADDRESS))
        else:
            keep(COL_ADDRESS, "work_address", address)
    position, label = cells.get(COL_POSITION_CODE, ""), cells.get(COL_POSITION, "")
    if position:
        if position not in lookups.positions:
            error(COL_POSITION_CODE, MSG_UNKNOWN_POSITION.format(value=position))
        else:
            pk, expected = lookups.positions[position]
            if label and label != expected:
                _disagrees(error, COL_POSITION, label, COL_POSITION_CODE, position, expected)
            keep(COL_POSITION_CODE, "work_position", pk)
    signed = cells.get(COL_CONTRACT_DATE, "")
    if signed:
        day = parse_date(signed)
        if day is None:
            error(COL_CONTRACT_DATE, MSG_DATE)
        else:
            keep(COL_CONTRACT_DATE, "contract_date", day)
    abroad = cells.get(COL_ABROAD_INSTITUTION, "")
    if abroad:
        if code.base != "85":
            error(COL_ABROAD_INSTITUTION, MSG_NOT_KEPT.format(destination=destination))
        elif len(abroad) > MAX_INSTITUTION:
            error(COL_ABROAD_INSTITUTION, MSG_TOO_LONG.format(limit=MAX_INSTITUTION))
        else:
            values["institution"] = abroad
    return values


def _update_graduates(values_by_student_no: dict[str, dict[str, object]]) -> None:
    """The layout's graduate fields, written in the import's transaction (a query per 900 graduates read)."""
    student_nos = list(values_by_student_no)
    for start in range(0, len(student_nos), di.CHUNK):
        chunk = student_nos[start : start + di.CHUNK]
        graduates = list(Graduate.objects.filter(student_no__in=chunk))
        for graduate in graduates:
            for name, value in values_by_student_no[graduate.student_no].items():
                setattr(graduate, name, value)
        Graduate.objects.bulk_update(graduates, LAYOUT_FIELDS, batch_size=500)

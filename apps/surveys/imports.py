"""The survey responses import: the survey platform's export (one row a respondent) into one campaign.

The file is the campaign's whole export: a good file replaces every response stored for the campaign, so
importing the same export twice leaves the same responses. All or nothing: every row is checked first and
every error is listed (row and column); nothing is written unless the whole file is good. The columns
(README.md) depend on the campaign's kind. Lookups are read once, the writes are bulk statements in one
transaction with the campaign row locked, so two imports into one campaign cannot interleave.
"""

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.graduates.imports import RowError, errors_with_values
from apps.graduates.models import College, Gender, Graduate
from apps.graduates.uploads import Table, UploadRejected, read_table

from .models import (
    EMPLOYER_DIMENSIONS,
    EmployerRating,
    EmployerResponse,
    GraduateResponse,
    MajorMatch,
    Satisfaction,
    SurveyCampaign,
)

logger = logging.getLogger(__name__)

# Columns of both kinds.
COL_RESPONSE_NO = "答卷编号"
# The graduates' questionnaire.
COL_STUDENT_NO = "学号"
COL_GENDER = "性别"
COL_COLLEGE = "学院"
COL_EMPLOYED = "是否就业"
COL_MAJOR_MATCH = "专业对口程度"
COL_JOB_SATISFACTION = "就业满意度"
COL_SCHOOL_OVERALL = "母校总体满意度"
COL_TEACHING = "教学满意度"
COL_STUDENT_AFFAIRS = "学生工作满意度"
COL_LIVING_SERVICES = "生活服务满意度"
# The employers' questionnaire: the six dimensions are named as the seed names them.
COL_EMPLOYER = "单位名称"

# (column, response field) of the graduates' satisfaction questions; a blank cell is a question not answered.
SATISFACTION_COLUMNS = (
    (COL_JOB_SATISFACTION, "job_satisfaction"),
    (COL_SCHOOL_OVERALL, "school_overall"),
    (COL_TEACHING, "teaching"),
    (COL_STUDENT_AFFAIRS, "student_affairs"),
    (COL_LIVING_SERVICES, "living_services"),
)
GRADUATE_REQUIRED_COLUMNS = (
    COL_RESPONSE_NO, COL_GENDER, COL_COLLEGE, COL_EMPLOYED, COL_MAJOR_MATCH,
    *(column for column, _field in SATISFACTION_COLUMNS),
)  # fmt: skip
GRADUATE_OPTIONAL_COLUMNS = (COL_STUDENT_NO,)
EMPLOYER_COLUMNS = (COL_RESPONSE_NO, COL_EMPLOYER, *(str(label) for _field, label in EMPLOYER_DIMENSIONS))

YES, NO = "是", "否"
# The export's words, whatever the UI language.
GENDERS = {"男": Gender.MALE, "女": Gender.FEMALE}
MAJOR_MATCHES = {
    "对口": MajorMatch.MATCHED,
    "基本对口": MajorMatch.FAIRLY_MATCHED,
    "不对口": MajorMatch.UNMATCHED,
}
SATISFACTIONS = {
    "满意": Satisfaction.SATISFIED,
    "基本满意": Satisfaction.FAIRLY_SATISFIED,
    "一般": Satisfaction.NEUTRAL,
    "不满意": Satisfaction.DISSATISFIED,
}
RATINGS = {
    "满意": EmployerRating.SATISFIED,
    "一般": EmployerRating.AVERAGE,
    "不满意": EmployerRating.DISSATISFIED,
}

MSG_MISSING_COLUMNS = _("缺少必填列：{columns}。")
MSG_DUPLICATE_COLUMNS = _("列名重复：{columns}。")
MSG_NO_ROWS = _("文件中没有数据行。")
MSG_CONCURRENT_CHANGE = _("导入时数据被其他操作修改，未写入任何数据，请重新预检。")
MSG_REQUIRED = _("必填，不能为空。")
MSG_TOO_LONG = _("不能超过 {limit} 个字符。")
MSG_GENDER = _("性别应为“男”或“女”。")
MSG_UNKNOWN_COLLEGE = _("学院“{value}”不存在。")
MSG_YES_NO = _("应为“是”或“否”。")
MSG_CHOICE = _("应为 {choices} 之一，或留空（未作答）。")
MSG_RATING = _("应为 {choices} 之一。")
MSG_NOT_EMPLOYED_ANSWER = _("未就业的答卷不应回答此题（应留空）。")
MSG_UNKNOWN_STUDENT = _("学号 {value} 不是{cohort}的毕业生。")
MSG_DUPLICATE_RESPONSE_NO = _("答卷编号在文件中重复：与第 {rows} 行相同。")
MSG_DUPLICATE_STUDENT_NO = _("学号在文件中重复：与第 {rows} 行相同。")

MAX_RESPONSE_NO = GraduateResponse._meta.get_field("response_no").max_length
MAX_EMPLOYER = EmployerResponse._meta.get_field("employer_name").max_length
BATCH_SIZE = 500
CHUNK = 900  # 学号 looked up per query: within any database's parameter limit
_SUFFIX = re.compile(r"（[^（）]*）$")


@dataclass
class ImportResult:
    dry_run: bool
    rows: int = 0  # responses the file holds (written unless dry run)
    replaced: int = 0  # responses stored before, which a good file replaces
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run


def columns_for(campaign: SurveyCampaign) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(required, optional) columns of the campaign's kind."""
    if campaign.is_graduates:
        return GRADUATE_REQUIRED_COLUMNS, GRADUATE_OPTIONAL_COLUMNS
    return EMPLOYER_COLUMNS, ()


def survey_response_import(
    *, campaign: SurveyCampaign, rows_source: Table | object, dry_run: bool, actor: User | None = None
) -> ImportResult:
    """Check every row of an export and, unless ``dry_run``, replace the campaign's responses with them.

    ``rows_source`` is a ``Table`` or anything ``uploads.read_table`` reads (a path, a file, bytes).
    Promises: every error is reported by row and column and nothing is written when there is one; on success
    the campaign holds exactly the file's responses (``replaced`` says how many were there before).
    """
    result = ImportResult(dry_run=dry_run)
    try:
        table = rows_source if isinstance(rows_source, Table) else read_table(rows_source)
    except UploadRejected as exc:
        result.errors = [RowError(None, "", message) for message in exc.messages]
        return result
    required, optional = columns_for(campaign)
    result.errors = _check_header(table.header, required, optional)
    if not result.errors and not table.rows:
        result.errors = [RowError(None, "", str(MSG_NO_ROWS))]
    if result.errors:
        return result
    if dry_run:
        _check(campaign, table, result)
        result.replaced = _stored(campaign)
        return result
    try:
        with transaction.atomic():
            SurveyCampaign.objects.select_for_update().filter(pk=campaign.pk).first()
            responses = _check(campaign, table, result)
            result.replaced = _stored(campaign)
            if result.ok:
                _write(campaign, responses)
    except IntegrityError:
        logger.warning("survey import rolled back on a concurrent change", exc_info=True)
        result.rows = result.replaced = 0
        result.errors = [RowError(None, "", str(MSG_CONCURRENT_CHANGE))]
    if result.written:
        logger.info(
            "survey import into campaign %s by %s: %d responses, %d replaced",
            campaign.pk, actor or "(no user)", result.rows, result.replaced,
        )  # fmt: skip
    return result


def _stored(campaign: SurveyCampaign) -> int:
    model = GraduateResponse if campaign.is_graduates else EmployerResponse
    return model.objects.filter(campaign=campaign).count()


def _check_header(header: list[str], required, optional) -> list[RowError]:
    errors = []
    seen = Counter(header)
    duplicated = [name for name in (*required, *optional) if seen[name] > 1]
    if duplicated:
        errors.append(RowError(None, "", MSG_DUPLICATE_COLUMNS.format(columns="、".join(duplicated))))
    missing = [name for name in required if name not in seen]
    if missing:
        errors.append(RowError(None, "", MSG_MISSING_COLUMNS.format(columns="、".join(missing))))
    return errors


class _Row:
    """One row's cells by column name, collecting its errors."""

    def __init__(self, number: int, cells: list[str], index: dict[str, int]):
        self.number = number
        self.cells = cells
        self.index = index
        self.errors: list[RowError] = []

    def cell(self, column: str) -> str:
        position = self.index.get(column)
        return "" if position is None else self.cells[position]

    def error(self, column: str, message) -> None:
        self.errors.append(RowError(self.number, column, str(message)))

    def required(self, column: str, max_length: int | None = None) -> str:
        value = self.cell(column)
        if not value:
            self.error(column, MSG_REQUIRED)
        elif max_length is not None and len(value) > max_length:
            self.error(column, MSG_TOO_LONG.format(limit=max_length))
        return value

    def choice(self, column: str, words: dict, *, blank: bool) -> str:
        """The stored value of an answer word; "" for a blank cell when ``blank`` (not answered)."""
        value = self.cell(column)
        if value in words:
            return words[value]
        if blank and not value:
            return ""
        message = MSG_CHOICE if blank else MSG_RATING
        self.error(column, message.format(choices="、".join(words)))
        return ""


def college_names() -> dict[str, int]:
    """Every college by its name, and by its name without a closing （...） when that is unambiguous: exports
    often print "旅游与酒店管理学院" for "旅游与酒店管理学院（国际教育学院）" (so does the seed's 表 2-1)."""
    names = dict(College.objects.values_list("name", "pk"))
    short: dict[str, list[int]] = defaultdict(list)
    for name, pk in names.items():
        if (stripped := _SUFFIX.sub("", name)) != name:
            short[stripped].append(pk)
    for name, pks in short.items():
        if len(pks) == 1 and name not in names:
            names[name] = pks[0]
    return names


def _check(campaign: SurveyCampaign, table: Table, result: ImportResult) -> list:
    """Fill ``result`` with every error and the row count; return the unsaved responses."""
    index = {name: position for position, name in enumerate(table.header)}
    rows = [_Row(number, cells, index) for number, cells in table.rows]
    if campaign.is_graduates:
        responses = _graduate_responses(campaign, rows)
    else:
        responses = [_employer_response(campaign, row) for row in rows]
    _flag_duplicates(rows, COL_RESPONSE_NO, MSG_DUPLICATE_RESPONSE_NO)
    errors = [error for row in rows for error in row.errors]
    columns = columns_for(campaign)
    order = {name: position for position, name in enumerate((*columns[0], *columns[1]))}
    errors.sort(key=lambda error: (error.row or 0, order.get(error.column, -1)))
    result.errors = errors_with_values(errors, table)
    result.rows = len(rows) if not errors else 0
    return responses


def _flag_duplicates(rows: list[_Row], column: str, message) -> None:
    groups: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        if value := row.cell(column):
            groups[value].append(row)
    for group in groups.values():
        for row in group if len(group) > 1 else ():
            others = "、".join(str(other.number) for other in group if other is not row)
            row.error(column, message.format(rows=others))


def _graduate_responses(campaign: SurveyCampaign, rows: list[_Row]) -> list[GraduateResponse]:
    colleges = college_names()
    student_nos = sorted({row.cell(COL_STUDENT_NO) for row in rows} - {""})
    graduates = {}
    for start in range(0, len(student_nos), CHUNK):
        graduates.update(
            Graduate.objects.filter(
                cohort=campaign.cohort_id, student_no__in=student_nos[start : start + CHUNK]
            ).values_list("student_no", "pk")
        )
    _flag_duplicates(rows, COL_STUDENT_NO, MSG_DUPLICATE_STUDENT_NO)
    responses = []
    for row in rows:
        response_no = row.required(COL_RESPONSE_NO, MAX_RESPONSE_NO)
        student_no = row.cell(COL_STUDENT_NO)
        if student_no and student_no not in graduates:
            row.error(COL_STUDENT_NO, MSG_UNKNOWN_STUDENT.format(value=student_no, cohort=campaign.cohort))
        gender = row.required(COL_GENDER)
        if gender and gender not in GENDERS:
            row.error(COL_GENDER, MSG_GENDER)
        college = row.required(COL_COLLEGE)
        if college and college not in colleges:
            row.error(COL_COLLEGE, MSG_UNKNOWN_COLLEGE.format(value=college))
        employed = row.required(COL_EMPLOYED)
        if employed and employed not in (YES, NO):
            row.error(COL_EMPLOYED, MSG_YES_NO)
        answers = {"major_match": row.choice(COL_MAJOR_MATCH, MAJOR_MATCHES, blank=True)}
        for column, attname in SATISFACTION_COLUMNS:
            answers[attname] = row.choice(column, SATISFACTIONS, blank=True)
        if employed == NO:
            for column in (COL_MAJOR_MATCH, COL_JOB_SATISFACTION):
                if row.cell(column):
                    row.error(column, MSG_NOT_EMPLOYED_ANSWER)
        if row.errors:
            continue
        responses.append(
            GraduateResponse(
                campaign=campaign,
                response_no=response_no,
                graduate_id=graduates.get(student_no),
                gender=GENDERS[gender],
                college_id=colleges[college],
                employed=employed == YES,
                **answers,
            )
        )
    return responses


def _employer_response(campaign: SurveyCampaign, row: _Row) -> EmployerResponse:
    ratings = {
        attname: row.choice(str(label), RATINGS, blank=False) for attname, label in EMPLOYER_DIMENSIONS
    }
    return EmployerResponse(
        campaign=campaign,
        response_no=row.required(COL_RESPONSE_NO, MAX_RESPONSE_NO),
        employer_name=row.required(COL_EMPLOYER, MAX_EMPLOYER),
        **ratings,
    )


def _write(campaign: SurveyCampaign, responses: list) -> None:
    model = GraduateResponse if campaign.is_graduates else EmployerResponse
    model.objects.filter(campaign=campaign).delete()
    model.objects.bulk_create(responses, batch_size=BATCH_SIZE)

"""Workbooks: the ledger as a provincial inspector reads it, and the subsidy payments for the finance office.

Formatters only: the rows and totals come from the selectors, so the page and the file cannot disagree. Text
goes through ``apps.graduates.exports.safe_cell`` (a cell starting with = + - @ stays text); identifiers are
masked as everywhere else.
"""

import re
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

from apps.graduates.exports import header_widths, safe_cell
from apps.print_layout import xlsx_print_setup

from .models import CaseStatus
from .selectors import LedgerRow, LedgerSummary, LedgerSummaryRow, MoneyRow, SubsidyTotals

MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.00"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

LEDGER_SUMMARY_HEADERS = [
    "学院", "困难群体人数", "困难群体已就业", "困难群体就业率(%)", "毕业生人数", "毕业生已就业", "平均就业率(%)",
    "帮扶档案", "帮扶中", "已就业（帮扶状态）", "已结案", "预警人数",
]  # fmt: skip
LEDGER_HEADERS = [
    "序号", "学号", "姓名", "性别", "专业", "班级", "生源地", "困难类型", "帮扶责任人", "帮扶等级", "一人一策",
    "帮扶状态", "结案原因", "毕业去向", "就业单位/升学院校", "最近帮扶日期", "最近帮扶方式", "最近帮扶记录",
    "距截止日天数", "帮扶次数", "预警",
]  # fmt: skip
# Set before a streamed sheet's first row; the heading row and the header row repeat on every printed page.
LEDGER_WIDTHS = {
    "序号": 6, "学号": 13, "姓名": 9, "性别": 5, "专业": 16, "班级": 16, "生源地": 9, "困难类型": 14,
    "帮扶责任人": 10, "帮扶等级": 9, "一人一策": 24, "帮扶状态": 9, "结案原因": 14, "毕业去向": 22,
    "就业单位/升学院校": 22, "最近帮扶日期": 12, "最近帮扶方式": 12, "最近帮扶记录": 30, "距截止日天数": 8,
    "帮扶次数": 8, "预警": 6, "学院": 18, "发放批次": 16, "发放日期": 12, "身份证号": 20, "补贴项目": 16,
    "金额（元）": 12,
}  # fmt: skip


def _number(sheet, value, number_format: str) -> Cell:
    cell = WriteOnlyCell(sheet, value=value)
    if value is not None:
        cell.number_format = number_format
    return cell


def _row(sheet, values: Iterable) -> list[Cell]:
    return [value if isinstance(value, Cell) else safe_cell(sheet, value) for value in values]


def _sheet_title(name: str, taken: set[str]) -> str:
    """A legal, unique sheet name (Excel: at most 31 characters, none of []:*?/\\)."""
    base = _SHEET_FORBIDDEN.sub("_", name)[:31] or "Sheet"
    title, n = base, 2
    while title in taken:
        suffix = f"({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def staff_name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def hardship_label(graduate) -> str:
    labels = []
    if graduate.registered_poor:
        labels.append("建档立卡")
    if graduate.poverty_county:
        labels.append("贫困县生源")
    if graduate.hardship_category.is_hardship:
        labels.append(graduate.hardship_category.name)
    return "、".join(labels)


def _summary_values(sheet, row: LedgerSummaryRow, *, with_cases: bool = True) -> list:
    values = [
        row.name,
        row.group.graduates,
        row.group.employed,
        _number(sheet, row.group.rate, RATE_FORMAT),
        row.everyone.graduates,
        row.everyone.employed,
        _number(sheet, row.everyone.rate, RATE_FORMAT),
    ]
    if with_cases:
        values += [row.cases, *(row.by_status.get(s, 0) for s in CaseStatus.values), row.flagged]
    return values


def _ledger_values(number: int, row: LedgerRow) -> list:
    case, graduate = row.case, row.graduate
    plan, action = row.destination, row.last_action
    return [
        number,
        graduate.student_no,
        graduate.name,
        graduate.get_gender_display(),
        graduate.class_group.major.name,
        graduate.class_group.name,
        graduate.origin.name,
        hardship_label(graduate),
        staff_name(case.responsible),
        case.get_priority_display(),
        case.personal_plan,
        case.get_status_display(),
        case.closed_reason,
        f"{plan.destination.code} {plan.destination.name}" if plan else "无",
        (plan.employer_name or plan.institution) if plan else "",
        f"{action.acted_on:%Y-%m-%d}" if action else "",
        action.get_kind_display() if action else "",
        action.note if action else "",
        row.days_since,
        row.action_count,
        "是" if row.flagged else "",
    ]


def ledger_to_xlsx(summary: LedgerSummary, rows: list[LedgerRow], target, *, school_name: str) -> None:
    """``target`` (a path or a binary file) gets a summary sheet (per college, the scope's total and the school), then one sheet per college with one
    row a graduate, in the ledger's order."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    heading = (
        f"{school_name} {summary.cohort.year}届困难群体毕业生就业帮扶台账"
        f"（截至 {summary.as_of:%Y年%m月%d日}）"
    )
    sheet = workbook.create_sheet(_sheet_title("汇总", taken))
    xlsx_print_setup(sheet, widths=header_widths(LEDGER_SUMMARY_HEADERS, LEDGER_WIDTHS), title_rows=2)
    sheet.append(_row(sheet, [heading]))
    sheet.append(_row(sheet, LEDGER_SUMMARY_HEADERS))
    for row in [*summary.by_college, summary.total]:
        sheet.append(_row(sheet, _summary_values(sheet, row)))
    sheet.append(_row(sheet, _summary_values(sheet, summary.school, with_cases=False)))

    by_college: dict[str, list[LedgerRow]] = {}
    for row in rows:
        by_college.setdefault(row.graduate.class_group.major.college.name, []).append(row)
    for college, college_rows in by_college.items():
        sheet = workbook.create_sheet(_sheet_title(college, taken))
        xlsx_print_setup(sheet, widths=header_widths(LEDGER_HEADERS, LEDGER_WIDTHS), title_rows=2)
        sheet.append(_row(sheet, [f"{college} {heading}"]))
        sheet.append(_row(sheet, LEDGER_HEADERS))
        for number, row in enumerate(college_rows, start=1):
            sheet.append(_row(sheet, _ledger_values(number, row)))
    workbook.save(target)


PAYMENT_HEADERS = [
    "序号", "发放批次", "发放日期", "学院", "专业", "班级", "学号", "姓名", "身份证号", "收款银行卡号", "补贴项目",
    "金额（元）",
]  # fmt: skip


def _money_sheet(workbook, title: str, headers: list[str], rows: list[MoneyRow], total: MoneyRow, taken):
    sheet = workbook.create_sheet(_sheet_title(title, taken))
    xlsx_print_setup(sheet, widths=header_widths(headers, LEDGER_WIDTHS))
    sheet.append(_row(sheet, headers))
    for row in [*rows, total]:
        values = [row.name]
        if "发放日期" in headers:
            values.append(f"{row.paid_on:%Y-%m-%d}" if row.paid_on else "")
        values += [row.count, _number(sheet, row.amount, MONEY_FORMAT)]
        sheet.append(_row(sheet, values))


def payments_to_xlsx(applications: Iterable, totals: SubsidyTotals, target) -> None:
    """For the finance office, into ``target`` (a path or a binary file): every paid application (batch, date, who with the full ID number and bank
    account the payment needs, amount) with a total line, then the totals per batch and per college; the three
    totals are the same sum to the fen. The only file with identifiers unmasked: centre only, and logged."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    sheet = workbook.create_sheet(_sheet_title("发放明细", taken))
    xlsx_print_setup(sheet, widths=header_widths(PAYMENT_HEADERS, LEDGER_WIDTHS))
    sheet.append(_row(sheet, PAYMENT_HEADERS))
    for number, a in enumerate(applications, start=1):
        graduate = a.graduate
        sheet.append(
            _row(
                sheet,
                [
                    number,
                    a.batch.name,
                    f"{a.batch.paid_on:%Y-%m-%d}",
                    graduate.class_group.major.college.name,
                    graduate.class_group.major.name,
                    graduate.class_group.name,
                    graduate.student_no,
                    graduate.name,
                    graduate.id_number,
                    a.bank_account,
                    a.scheme.name,
                    _number(sheet, a.amount, MONEY_FORMAT),
                ],
            )
        )
    total = totals.total
    sheet.append(
        _row(
            sheet,
            [
                "合计",
                *[""] * (len(PAYMENT_HEADERS) - 3),
                f"{total.count} 人",
                _number(sheet, total.amount, MONEY_FORMAT),
            ],
        )
    )
    _money_sheet(
        workbook, "按批次汇总", ["发放批次", "发放日期", "人数", "金额（元）"], totals.by_batch, total, taken
    )
    _money_sheet(workbook, "按学院汇总", ["学院", "人数", "金额（元）"], totals.by_college, total, taken)
    workbook.save(target)

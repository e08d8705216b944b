"""Excel and Word formatters over one ``AnnualReport`` (the same data as the page and the JSON)."""

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.chart import BarChart, PieChart, Reference

from apps.graduates.exports import safe_cell

from .data import AnnualReport, Table

SHEET_TITLE_LIMIT = 31  # Excel's limit on a sheet name


def _headers(table: Table) -> list[str]:
    if table.rows and table.rows[0].graduates is not None:
        return (
            ["名称", "学院", "毕业生", "就业", "就业率(%)"]
            if table.key == "rate_by_major"
            else ["名称", "毕业生", "就业", "就业率(%)"]
        )
    return ["学院", "名称", "人数", "占比(%)"] if table.key == "by_major" else ["名称", "人数", "占比(%)"]


def _cells(table: Table, row) -> list:
    if row.graduates is not None:
        base = [row.name, row.college] if table.key == "rate_by_major" else [row.name]
        return [*base, row.graduates, row.employed, row.percent]
    return (
        [row.college, row.name, row.count, row.percent]
        if table.key == "by_major"
        else [row.name, row.count, row.percent]
    )


def report_to_xlsx(report: AnnualReport) -> bytes:
    """A summary sheet, then one sheet per table with a native Excel chart where the report has a figure."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = "概况"
    for label, value in (
        ("届别", report.cohort), ("截止日期", report.as_of.isoformat()), ("范围", report.college or "全校"),
        ("毕业生", report.graduates), ("就业", report.employed), ("就业率(%)", report.employment_rate),
        ("困难群体毕业生", report.support["graduates"]), ("困难群体就业", report.support["employed"]),
        ("困难群体就业率(%)", report.support["employment_rate"]),
    ):  # fmt: skip
        summary.append([label, value])
    for note in report.consistency:
        summary.append(["提示", note])
    for table in report.tables.values():
        sheet = workbook.create_sheet(table.title.replace("/", "-")[:SHEET_TITLE_LIMIT])
        headers = _headers(table)
        sheet.append(headers)
        for row in table.rows:
            sheet.append(
                [safe_cell(sheet, value) if isinstance(value, str) else value for value in _cells(table, row)]
            )
        _add_chart(sheet, table, headers, len(table.rows))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _add_chart(sheet, table: Table, headers: list[str], count: int) -> None:
    if not table.chart or not count:
        return
    value_column = len(headers)  # the percentage / rate column
    label_column = headers.index("名称") + 1
    if table.chart == "pie":
        chart = PieChart()
        value_column = headers.index("人数") + 1
    else:
        chart = BarChart()
        chart.type = "bar"
        chart.y_axis.title = headers[-1]
    chart.title = table.title
    chart.add_data(
        Reference(sheet, min_col=value_column, min_row=1, max_row=count + 1), titles_from_data=True
    )
    chart.set_categories(Reference(sheet, min_col=label_column, min_row=2, max_row=count + 1))
    chart.height = max(7.5, 0.5 * count)
    sheet.add_chart(chart, f"{chr(ord('A') + len(headers) + 1)}2")


def report_to_docx(report: AnnualReport) -> bytes:
    """The seed's chapter structure with every table, ready to edit and publish."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(10.5)
    title = document.add_heading(f"湖北职业技术学院 {report.cohort} 届毕业生就业质量年度报告", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if report.college:
        document.add_paragraph(report.college).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f"统计截止日期：{report.as_of:%Y年%m月%d日}").alignment = WD_ALIGN_PARAGRAPH.CENTER

    document.add_heading("第一篇 毕业生基本情况", level=1)
    document.add_heading("1.1 毕业生规模", level=2)
    document.add_paragraph(f"{report.cohort} 届毕业生人数为 {report.graduates} 人。")
    document.add_heading("1.2 毕业生结构", level=2)
    for key in ("by_college", "by_major", "by_origin", "by_gender", "by_ethnicity"):
        _docx_table(document, report.table(key))

    document.add_heading(f"第二篇 {report.cohort}年毕业生就业情况及分析", level=1)
    document.add_heading("2.1 就业率", level=2)
    document.add_paragraph(
        f"截至 {report.as_of:%Y年%m月%d日}，{report.cohort} 届毕业生 {report.graduates} 人，就业人数为 "
        f"{report.employed} 人，就业率为 {report.employment_rate:.2f}%。"
    )
    for key in ("by_category", "rate_by_college", "rate_by_major", "not_employed_reasons"):
        _docx_table(document, report.table(key))
    document.add_heading("2.2 就业流向", level=2)
    for key in ("by_region", "by_unit_nature", "by_industry"):
        _docx_table(document, report.table(key))
    document.add_heading("困难群体毕业生就业情况", level=2)
    support = report.support
    document.add_paragraph(
        f"困难群体毕业生 {support['graduates']} 人，就业 {support['employed']} 人，就业率 {support['employment_rate']:.2f}%。"
    )
    if report.consistency:
        document.add_heading("数据一致性提示", level=2)
        for note in report.consistency:
            document.add_paragraph(note, style="List Bullet")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_table(document, table: Table) -> None:
    document.add_paragraph(table.title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    headers = _headers(table)
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, headers, strict=True):
        cell.text = header
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, _cells(table, row), strict=True):
            cell.text = f"{value:.2f}%" if isinstance(value, float) else ("" if value is None else str(value))

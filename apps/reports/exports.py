"""Excel and Word formatters over one ``AnnualReport`` (the same data as the page and the JSON)."""

from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.worksheet.pagebreak import Break

from apps.graduates.exports import safe_cell
from apps.print_layout import column_widths, docx_a4_chinese, docx_repeat_header_row, xlsx_print_setup

from .charts import chart_png
from .data import AnnualReport, Table, survey_figures

SHEET_TITLE_LIMIT = 31  # Excel's limit on a sheet name
CHART_WIDTH = Cm(15)  # within the A4 page's margins (apps/print_layout.py)
# An Excel chart is printed whole on a page of its own below its table: at most this tall (cm, within a
# portrait A4 page's margins), and tall enough that every category label has its line.
XLSX_CHART_WIDTH, XLSX_CHART_MAX_HEIGHT, XLSX_CHART_ROW_HEIGHT = 16, 24, 0.55
CATEGORY_LABEL_SIZE = 800  # 8 pt (hundredths of a point): small enough that no label has to be skipped


def _headers(table: Table) -> list[str]:
    if table.rows and table.rows[0].graduates is not None:
        return (
            ["名称", "学院", "毕业生", table.counted, f"{table.base}(%)"]
            if table.key == "rate_by_major"
            else ["名称", "毕业生", table.counted, f"{table.base}(%)"]
        )
    if table.rates:  # a rate whose base the rows do not carry (图 2-11)
        return ["名称", "人数", f"{table.base}(%)"]
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


# 4.2.8's two lines: the seed's group (its figure) and the wider hardship group the ledger follows.
SUPPORT_GROUPS = (
    ("support", "建档立卡及52个贫困县生源"),
    ("support_hardship", "困难群体（含困难生类别）"),
)


def _support_cells(report: AnnualReport) -> list[tuple[str, object]]:
    cells = []
    for key, name in SUPPORT_GROUPS:
        group = getattr(report, key)
        if group:
            cells += [
                (f"{name}毕业生", group["graduates"]), (f"{name}{report.placed_name}", group["employed"]),
                (f"{name}{report.rate_name}(%)", group["employment_rate"]),
            ]  # fmt: skip
    return cells


def _support_text(report: AnnualReport) -> list[str]:
    """The sentences of 4.2.8 in Word (the page says the same in its template)."""
    support, wider = report.support, report.support_hardship
    lines = [
        f"建档立卡贫困家庭毕业生（含尚未摘帽 52 个贫困县生源）{support['graduates']} 人，"
        f"截至 {report.as_of:%Y年%m月%d日} {report.placed_name} {support['employed']} 人，"
        f"{report.rate_name} {support['employment_rate']:.2f}%"
        f"（全体毕业生 {report.employment_rate:.2f}%）。"
    ]
    if wider:
        lines.append(
            f"连同困难生类别（就业困难、家庭困难、残疾）的毕业生，困难群体（帮扶台账范围）共 {wider['graduates']} 人，"
            f"{report.placed_name} {wider['employed']} 人，{report.rate_name} {wider['employment_rate']:.2f}%。"
        )
    return lines


def report_to_xlsx(report: AnnualReport, target) -> None:
    """Into ``target`` (a path or a binary file): a summary sheet, then one sheet per table with a native Excel chart where the report has a figure."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = "概况"
    for label, value in (
        ("届别", report.cohort), ("截止日期", report.as_of.isoformat()), ("范围", report.college or "全校"),
        ("毕业生", report.graduates), (report.placed_name, report.employed),
        (f"{report.rate_name}(%)", report.employment_rate),
        *_support_cells(report),
        ("求职补贴发放人数", report.subsidies["graduates"]), ("求职补贴金额(元)", report.subsidies["amount"]),
    ):  # fmt: skip
        summary.append([label, value])
    for note in report.consistency:
        summary.append(["提示", note])
    _print_setup(summary, title_rows=0)
    for table in report.tables.values():
        _table_sheet(workbook, table)
    if report.survey is not None:
        _survey_sheets(workbook, report.survey)
        for table in survey_figures(report.survey):
            _table_sheet(workbook, table)
    if report.park is not None:
        _park_sheet(workbook, report.park)
    workbook.save(target)


def _table_sheet(workbook: Workbook, table: Table) -> None:
    sheet = workbook.create_sheet(table.title.replace("/", "-")[:SHEET_TITLE_LIMIT])
    headers = _headers(table)
    sheet.append(headers)
    for row in table.rows:
        sheet.append(
            [safe_cell(sheet, value) if isinstance(value, str) else value for value in _cells(table, row)]
        )
    _print_setup(sheet)
    _add_chart(sheet, table, headers, len(table.rows))


def _print_setup(sheet, *, title_rows: int = 1) -> None:
    """Widths from what the sheet holds; A4 fitted to the page's width, the header row on every page."""
    values = ([cell.value for cell in row] for row in sheet.iter_rows())
    xlsx_print_setup(sheet, widths=column_widths(values), title_rows=title_rows)


def _place_chart(sheet, chart, rows: int, categories: int) -> None:
    """Below the table on a page of its own (a manual page break after the table), sized to that page with a
    line for every category label; axes drawn (openpyxl 3.1 hides them unless told)."""
    chart.width = XLSX_CHART_WIDTH
    chart.height = min(XLSX_CHART_MAX_HEIGHT, max(7.5, 3 + XLSX_CHART_ROW_HEIGHT * categories))
    if not isinstance(chart, PieChart):
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.x_axis.tickLblSkip = 1  # every category labelled, not every second one
        chart.x_axis.tickMarkSkip = 1
        label = CharacterProperties(sz=CATEGORY_LABEL_SIZE)
        chart.x_axis.txPr = RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=label), endParaRPr=label)])
    if len(chart.series) == 1 and not isinstance(chart, PieChart):
        chart.legend = None  # one series: the axis title already names it
    else:
        chart.legend.position = "b"
    sheet.row_breaks.append(Break(id=rows + 1))
    sheet.add_chart(chart, f"A{rows + 3}")


def _rate_axis(chart) -> None:
    """A percentage axis runs 0 to 100 (Excel's automatic maximum went to 120%)."""
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = 20


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
        _rate_axis(chart)  # the value column of every bar chart is a percentage or a rate
    chart.title = table.title
    chart.add_data(
        Reference(sheet, min_col=value_column, min_row=1, max_row=count + 1), titles_from_data=True
    )
    chart.set_categories(Reference(sheet, min_col=label_column, min_row=2, max_row=count + 1))
    _place_chart(sheet, chart, count + 1, count)


def survey_rate_rows(survey: dict) -> list[tuple[str, float | None, float | None, float | None]]:
    """2.3's rates as (indicator, this cohort, previous cohort, change in points): one list for every format."""
    school = survey["school_satisfaction"] or {}
    compared = [
        ("就业满意度", survey["job_satisfaction"]),
        ("母校总体满意度", school.get("overall")),
        ("教学满意度", school.get("teaching")),
        ("学生工作满意度", school.get("student_affairs")),
        ("生活服务满意度", school.get("living_services")),
    ]
    rows = [("专业对口率", survey["major_match_rate"], None, None)]
    rows += [(name, r["rate"], r["previous"], r["change"]) for name, r in compared if r is not None]
    return rows


def survey_sample_rows(survey: dict) -> list[tuple[str, str, int, float]]:
    """表 2-1: (structure, group, respondents, percent)."""
    sample = survey["sample"]
    return [("性别", r["name"], r["count"], r["percent"]) for r in sample["by_gender"]] + [
        ("学院", r["name"], r["count"], r["percent"]) for r in sample["by_college"]
    ]


def _survey_sheets(workbook: Workbook, survey: dict) -> None:
    if survey.get("sent") is not None:
        sheet = workbook.create_sheet("表2-1 调查样本分布")
        sheet.append(["样本结构", "分类", "样本人数", "所占百分比(%)"])
        for row in survey_sample_rows(survey):
            sheet.append([safe_cell(sheet, row[0]), safe_cell(sheet, row[1]), row[2], row[3]])
        sheet.append(["合计", "", survey["returned"], 100.0])
        _print_setup(sheet)
        rates = workbook.create_sheet("2.3 就业质量")
        previous = f"{survey['previous_cohort']}届(%)" if survey["previous_cohort"] else "上一届(%)"
        rates.append(["指标", f"{survey['cohort']}届(%)", previous, "变化(百分点)"])
        rate_rows = survey_rate_rows(survey)
        for row in rate_rows:
            rates.append(list(row))
        chart = BarChart()
        chart.title = "2.3 就业质量（与上一届比较）"
        count = len(rate_rows)
        chart.add_data(
            Reference(rates, min_col=2, max_col=3, min_row=1, max_row=count + 1), titles_from_data=True
        )
        chart.set_categories(Reference(rates, min_col=1, min_row=2, max_row=count + 1))
        _rate_axis(chart)
        _print_setup(rates)
        _place_chart(rates, chart, count + 1, count)
    employers = survey.get("employer_satisfaction")
    if employers:
        sheet = workbook.create_sheet("2.3.4 用人单位满意度")
        sheet.append(["评价方面", "评价数", "满意(%)", "一般(%)", "不满意(%)"])
        for row in employers["by_dimension"]:
            sheet.append([row["name"], row["count"], row["satisfied"], row["average"], row["unsatisfied"]])
        sheet.append(["全部评价", employers["ratings"], employers["satisfied"], employers["average"],
                      employers["unsatisfied"]])  # fmt: skip
        _print_setup(sheet)


def _park_sheet(workbook: Workbook, park: dict) -> None:
    sheet = workbook.create_sheet("4.4 创业园")
    for label, key in (("园区", "sites"), ("面积(平方米)", "area"), ("在园企业", "tenants"),
                       ("带动就业", "jobs_created"), ("获扶持团队", "funded_teams"), ("扶持资金(元)", "funding_granted")):  # fmt: skip
        sheet.append([label, park[key]])
    if park["competitions"]:
        sheet.append([])
        sheet.append(["年度", "赛事", "参赛项目", "参赛学生", "获奖牌", "获奖"])
        for line in park["competitions"]:
            sheet.append([line["year"], safe_cell(sheet, line["name"]), line["entries"], line["students"],
                          line["medals"], line["awards"]])  # fmt: skip
    _print_setup(sheet, title_rows=0)


def report_to_docx(report: AnnualReport, target) -> None:
    """Into ``target`` (a path or a binary file): the seed's chapter structure with every table, ready to edit and publish."""
    document = Document()
    docx_a4_chinese(document)
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
    document.add_heading(f"2.1 {report.rate_name}", level=2)
    document.add_paragraph(
        f"截至 {report.as_of:%Y年%m月%d日}，{report.cohort} 届毕业生 {report.graduates} 人，{report.placed_name}人数为 "
        f"{report.employed} 人，{report.rate_name}为 {report.employment_rate:.2f}%。"
    )
    for key in ("by_category", "rate_by_college", "rate_by_major", "not_employed_reasons"):
        _docx_table(document, report.table(key))
    document.add_heading("2.2 就业流向", level=2)
    for key in ("by_region", "by_unit_nature", "by_industry"):
        _docx_table(document, report.table(key))
    if report.survey is not None:
        _docx_survey(document, report.survey)
    document.add_heading("第四篇 就业工作", level=1)
    document.add_heading("4.2.8 困难群体毕业生就业情况", level=2)
    for line in _support_text(report):
        document.add_paragraph(line)
    document.add_heading("4.2.9 一次性求职补贴", level=2)
    subsidies = report.subsidies
    document.add_paragraph(
        f"截至 {report.as_of:%Y年%m月%d日}，为 {subsidies['graduates']} 名毕业生发放一次性求职补贴 "
        f"{subsidies['amount']:,.2f} 元。"
    )
    if report.park is not None:
        park = report.park
        document.add_heading("4.4.1 大学生创业园", level=2)
        document.add_paragraph(
            f"创业园共 {park['sites']} 个园区，面积 {park['area']:,.0f} 平方米，在园企业（团队）{park['tenants']} 家，"
            f"带动就业 {park['jobs_created']} 人；{park['funded_teams']} 个团队获创业扶持资金共 {park['funding_granted']:,.0f} 元。"
        )
        if park["competitions"]:
            _docx_caption(document, "创新创业竞赛参赛与获奖情况")
            _docx_grid(
                document,
                ["年度", "赛事", "参赛项目", "参赛学生", "获奖牌", "获奖"],
                [[line["year"], line["name"], line["entries"], line["students"], line["medals"], line["awards"]]
                 for line in park["competitions"]],
            )  # fmt: skip
    if report.consistency:
        document.add_heading("数据一致性提示", level=2)
        for note in report.consistency:
            document.add_paragraph(note, style="List Bullet")
    document.save(target)


def _docx_caption(document, text: str) -> None:
    """A table's or figure's title, centred and kept on the page of what follows it."""
    caption = document.add_paragraph(text)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True


def _docx_table(document, table: Table) -> None:
    _docx_caption(document, table.title)
    image = chart_png(table)
    if image is not None:
        document.add_picture(BytesIO(image), width=CHART_WIDTH)
        picture = document.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True  # the chart starts on the page of its table
    _docx_grid(document, _headers(table), [_cells(table, row) for row in table.rows])


def _docx_grid(document, headers: list[str], rows: list[list]) -> None:
    """A table; a float is a percentage (two decimals and %), None a dash."""
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, headers, strict=True):
        cell.text = header
        cell.paragraphs[0].runs[0].bold = True
    docx_repeat_header_row(grid)
    for row in rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = _docx_text(value)


def _docx_text(value) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}%" if isinstance(value, float) else str(value)


def _docx_survey(document, survey: dict) -> None:
    document.add_heading("2.3 就业质量分析", level=2)
    if survey.get("sent") is not None:
        document.add_paragraph(
            f"对 {survey['cohort']} 届毕业生进行就业跟踪调查，共发出调查问卷 {survey['sent']} 份，回收 "
            f"{survey['returned']} 份，回收率 {survey['return_rate']:.2f}%。"
        )
        _docx_caption(document, "表 2-1 毕业生调查样本分布表")
        _docx_grid(document, ["样本结构", "分类", "样本人数", "所占百分比"],
                   [list(row) for row in survey_sample_rows(survey)])  # fmt: skip
        previous = f"{survey['previous_cohort']}届" if survey["previous_cohort"] else "上一届"
        _docx_caption(document, "就业质量指标")
        grid_rows = [[name, rate, before, None if change is None else _points(change)]
                     for name, rate, before, change in survey_rate_rows(survey)]  # fmt: skip
        _docx_grid(document, ["指标", f"{survey['cohort']}届", previous, "变化（百分点）"], grid_rows)
    employers = survey.get("employer_satisfaction")
    if employers:
        document.add_heading("2.3.4 用人单位对毕业生满意度", level=3)
        document.add_paragraph(
            f"用人单位问卷发出 {employers['sent']} 份，回收 {employers['returned']} 份；全部评价中满意 "
            f"{employers['satisfied']:.2f}%，一般 {employers['average']:.2f}%，不满意 {employers['unsatisfied']:.2f}%。"
        )
        _docx_caption(document, "用人单位对毕业生各方面的评价")
        _docx_grid(document, ["评价方面", "评价数", "满意", "一般", "不满意"],
                   [[r["name"], r["count"], r["satisfied"], r["average"], r["unsatisfied"]]
                    for r in employers["by_dimension"]])  # fmt: skip
    for table in survey_figures(survey):
        _docx_table(document, table)


def _points(change: float) -> str:
    return f"{change:+.2f}"

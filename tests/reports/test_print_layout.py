"""The annual report's files print as an office expects (issue 11 item 16): read back, setting by setting."""

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl import load_workbook

from apps.reports.selectors import annual_report

from ..files import written
from ..printing import assert_sheet_prints_on_a4_one_page_wide, column_width, display_width
from .test_report import AUG, cohort_data, with_survey_and_park  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(cohort_data):  # noqa: F811
    with_survey_and_park(cohort_data)
    return annual_report(cohort=cohort_data.own_graduate.cohort, as_of=AUG)


def _word(report):
    from apps.reports.exports import report_to_docx

    return Document(written(report_to_docx, report))


def _excel(report):
    from apps.reports.exports import report_to_xlsx

    return load_workbook(written(report_to_xlsx, report))


def test_word_is_a4_with_chinese_declared_and_chinese_fonts_for_east_asian_text(report):
    document = _word(report)
    for section in document.sections:
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
        assert section.page_width - section.left_margin - section.right_margin >= Cm(15)  # the charts fit
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsiaTheme")) is None
    for name, font in (("Normal", "宋体"), ("Title", "黑体"), ("Heading 1", "黑体"), ("Heading 2", "黑体")):
        rpr = document.styles[name].element.rPr
        assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == font, name
        assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsiaTheme")) is None, name
        assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN", name


def test_word_keeps_each_caption_with_its_figure_and_repeats_table_headers(report):
    document = _word(report)
    body = list(document.element.body.iterchildren())
    tables = [element for element in body if element.tag == qn("w:tbl")]
    assert len(tables) >= 12
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
    # every table's caption, and the chart image between caption and table, is kept with what follows it
    for table_element in tables:
        before = body[body.index(table_element) - 1]
        paragraph = next(p for p in document.paragraphs if p._p is before)
        assert paragraph.paragraph_format.keep_with_next is True, paragraph.text
        if before.findall(".//" + qn("w:drawing")):
            caption = next(p for p in document.paragraphs if p._p is body[body.index(before) - 1])
            assert caption.paragraph_format.keep_with_next is True, caption.text


def test_excel_sheets_are_a4_fitted_to_width_with_print_titles_and_widths(report):
    workbook = _excel(report)
    for sheet in workbook.worksheets:
        title_rows = None if sheet.title in ("概况", "4.4 创业园") else "$1:$1"
        assert_sheet_prints_on_a4_one_page_wide(sheet, title_rows=title_rows, landscape=False)
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None and display_width(cell.value) <= 48:
                    assert column_width(sheet, cell.column) >= display_width(cell.value), (sheet.title, cell)
    names = workbook["表1-2 毕业生专业分布"] if "表1-2 毕业生专业分布" in workbook else workbook.worksheets[2]
    assert column_width(names, 2) >= 6  # names in column B are not clipped


def test_excel_charts_have_every_label_a_0_to_100_rate_axis_and_a_page_of_their_own(report):
    workbook = _excel(report)
    charted = [sheet for sheet in workbook.worksheets if sheet._charts]
    assert len(charted) >= 6
    for sheet in charted:
        chart = sheet._charts[0]
        table_rows = sheet.max_row
        anchor_row = chart.anchor._from.row + 1  # 0-based in the anchor
        assert anchor_row > table_rows, sheet.title  # below the table, not beside it
        breaks = [brk.id for brk in sheet.row_breaks.brk]
        assert breaks and anchor_row > breaks[0], sheet.title  # the chart starts on a page after the table
        assert chart.height <= 24 and chart.width <= 16  # a portrait A4 page's printable area (cm)
        if chart.tagname == "barChart":
            assert chart.x_axis.tickLblSkip == 1, sheet.title
            assert chart.x_axis.delete is False and chart.y_axis.delete is False
            assert (chart.y_axis.scaling.min, chart.y_axis.scaling.max) == (0, 100), sheet.title


def test_a_server_without_a_chinese_font_is_warned_by_the_system_checks(monkeypatch):
    from django.core import checks

    from apps.reports import checks as report_checks

    # given this server's fonts (CI and the dev machine have fonts-noto-cjk): no warning
    assert report_checks.cjk_font_families()
    assert [m.id for m in checks.run_checks() if m.id == report_checks.NO_CJK_FONT_ID] == []
    # when fontconfig knows no Chinese font (fc-list not even installed): the warning, naming the package
    monkeypatch.setenv("PATH", "/nonexistent")
    messages = [m for m in checks.run_checks() if m.id == report_checks.NO_CJK_FONT_ID]
    assert len(messages) == 1 and messages[0].level == checks.WARNING
    assert messages[0].msg == report_checks.MSG_NO_CJK_FONT
    assert "fonts-noto-cjk" in str(messages[0].hint)


def test_the_report_forms_cut_off_is_filled_with_the_default(client, cohort_data):  # noqa: F811
    from django.urls import reverse

    client.force_login(cohort_data.centre)
    html = client.get(reverse("reports:annual")).content.decode()
    assert 'type="date" name="as_of" value="2020-08-31"' in html  # the form, not the publish form
    html = client.get(reverse("reports:annual"), {"cohort": "2020", "as_of": "2020-12-31"}).content.decode()
    assert 'type="date" name="as_of" value="2020-12-31"' in html

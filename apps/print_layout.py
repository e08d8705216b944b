"""Files for people print as an office expects: A4, Chinese fonts for East-Asian text, column widths, header
rows repeated on every printed page, wide sheets landscape and fitted to the page's width.

One place for the page set-up of every .xlsx and .docx the system writes (the annual report, the graduate
list, the support ledger, the other list exports), so they cannot drift apart. The sheet helpers work on an
ordinary openpyxl worksheet and on a write-only one (streamed exports): column widths are written with the
sheet's first row there, so ``xlsx_print_setup`` must be called before the first ``append``.
"""

import unicodedata
from collections.abc import Iterable, Sequence

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

# Word: A4 with the margins of a Chinese office document (GB/T 9704's body is 15.6 cm wide: a little wider here
# so a 15 cm chart fits).
A4_WIDTH, A4_HEIGHT = Cm(21.0), Cm(29.7)
DOCX_MARGIN_SIDE, DOCX_MARGIN_TOP = Cm(2.5), Cm(2.54)
EAST_ASIAN_LANGUAGE = "zh-CN"
BODY_FONT_EAST_ASIA = "宋体"
HEADING_FONT_EAST_ASIA = "黑体"
LATIN_FONT = "Times New Roman"

# Excel: openpyxl's paper size 9 is A4. A portrait A4 page holds about 90 characters of Excel's default
# width at 100%; wider sheets print landscape, and every sheet is fitted to one page wide.
XLSX_PAPER_A4 = 9
PORTRAIT_MAX_WIDTH = 90
MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH = 6, 50


def display_width(value) -> int:
    """How many character cells ``value`` takes in a spreadsheet: a CJK character (wide/full-width) takes two."""
    if value is None:
        return 0
    text = value if isinstance(value, str) else (f"{value:.2f}" if isinstance(value, float) else str(value))
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def column_widths(rows: Iterable[Sequence], *, minimum: int = MIN_COLUMN_WIDTH) -> list[float]:
    """Excel column widths that show every cell of ``rows`` whole (up to MAX_COLUMN_WIDTH, then it wraps)."""
    widths: list[float] = []
    for row in rows:
        for index, value in enumerate(row):
            if index >= len(widths):
                widths.append(minimum)
            widths[index] = max(widths[index], min(MAX_COLUMN_WIDTH, display_width(value) + 2))
    return widths


def xlsx_print_setup(
    sheet, *, widths: Sequence[float], title_rows: int = 1, landscape: bool | None = None
) -> None:
    """A4, one page wide (as many pages down as it takes), the first ``title_rows`` rows repeated on every page,
    columns ``widths`` wide; landscape when the columns are wider than a portrait page (unless told)."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if landscape is None:
        landscape = sum(widths) > PORTRAIT_MAX_WIDTH
    sheet.page_setup.paperSize = XLSX_PAPER_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # 0: as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    sheet.print_options.horizontalCentered = True
    if title_rows:
        sheet.print_title_rows = f"1:{title_rows}"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def docx_a4_chinese(document) -> None:
    """A4 portrait; East-Asian text declared zh-CN in 宋体 (headings 黑体), Latin text in Times New Roman.

    Set on the document defaults and on every paragraph style the report uses, overriding the template's theme
    fonts (which name no Chinese font, so Word and LibreOffice fell back to a Japanese one for en-US text).
    """
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
        section.left_margin = section.right_margin = DOCX_MARGIN_SIDE
        section.top_margin = section.bottom_margin = DOCX_MARGIN_TOP
    defaults = document.styles.element.find(qn("w:docDefaults"))
    default_run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(default_run, BODY_FONT_EAST_ASIA)
    for style in document.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH or style.name is None:
            continue
        heading = style.name.startswith("Heading") or style.name == "Title"
        if heading or style.name == "Normal":
            _set_fonts(
                style.element.get_or_add_rPr(), HEADING_FONT_EAST_ASIA if heading else BODY_FONT_EAST_ASIA
            )
    document.styles["Normal"].font.size = Pt(10.5)  # 五号


def _set_fonts(run_properties, east_asia: str) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), "en-US")
    language.set(qn("w:eastAsia"), EAST_ASIAN_LANGUAGE)


def docx_repeat_header_row(table) -> None:
    """The table's first row is repeated at the top of every page the table continues on, and never split."""
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        row_properties.append(element)

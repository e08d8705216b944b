"""A cohort on the 2021+ scheme (教学厅函〔2021〕19号): three-digit sub-codes and two-digit parents, counted in
the 2021+ categories, the rate named 毕业去向落实率 (教就业厅函〔2024〕11号) in every format."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from apps.graduates.models import Cohort
from apps.plans.destination_import import COLUMNS, MSG_CODE_NOT_IN_SCHEME, destination_import
from apps.plans.models import DestinationPlan
from apps.reports.exports import report_to_docx, report_to_xlsx
from apps.reports.formatters import report_to_json
from apps.reports.publications import report_publish
from apps.reports.selectors import annual_report

from ..factories import make_graduate
from ..files import written
from ..graduates.fixtures_import import write_xlsx

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2025, 8, 31)
RATE_2021 = "毕业去向落实率"
CATEGORIES_2021 = ["单位就业", "自主创业", "自由职业", "升学", "待就业", "暂不就业"]
EMPLOYER = {"单位名称": "孝感市中心医院", "单位性质代码": "23", "单位行业代码": "43", "单位所在地": "湖北省"}
# (destination code, extra cells) per graduate of college A (护理学院), then college B (机电工程学院).
DESTINATIONS_A = [
    ("10", EMPLOYER), ("12", EMPLOYER), ("46", {}), ("271", EMPLOYER), ("27", EMPLOYER),
    ("80", {}), ("80", {}),  # 专升本: its sub-code was not found, so under 80 境内升学
    ("801", {}), ("70", {"未就业原因": "求职中"}), ("71", {"未就业原因": "拟升学"}),
]  # fmt: skip
DESTINATIONS_B = [
    ("502", EMPLOYER), ("519", EMPLOYER), ("50", EMPLOYER), ("51", EMPLOYER),
    ("75", {"单位名称": "某某网店", "单位行业代码": "31", "单位所在地": "湖北省"}),
    ("76", {}), ("802", {}), ("85", {}),
    ("70", {"未就业原因": "签约中"}), ("72", {"未就业原因": "暂不就业"}),
]  # fmt: skip


def cohort_2021(year: int = 2025) -> Cohort:
    return Cohort.objects.create(year=year, destination_scheme="2021")


def import_destinations(tmp_path, org, rows):
    path = write_xlsx(tmp_path / "destinations.xlsx", rows, header=list(COLUMNS))
    return destination_import(rows_source=path, dry_run=False, actor=org.centre)


def destination_row(graduate, code: str, cells: dict) -> dict:
    return {"学号": graduate.student_no, "毕业去向代码": code, "审核通过日期": "2025-07-01", **cells}


@pytest.fixture
def registered_2021(tmp_path, org):
    """21 graduates: 20 registered through the destination import (contract §2), one with no destination."""
    cohort = cohort_2021()
    rows = []
    for class_group, destinations in ((org.class_a1, DESTINATIONS_A), (org.class_b1, DESTINATIONS_B)):
        for code, cells in destinations:
            rows.append(destination_row(make_graduate(class_group, cohort=cohort), code, cells))
    make_graduate(org.class_b1, cohort=cohort)
    result = import_destinations(tmp_path, org, rows)
    assert result.ok, result.errors
    return cohort


def test_every_category_and_the_placement_rate_are_exact(registered_2021):
    report = annual_report(cohort=registered_2021, as_of=AS_OF)

    assert [(r.name, r.count) for r in report.table("by_category").rows] == [
        ("单位就业", 9),  # 10 12 46 271 27 502 519 50 51
        ("自主创业", 1),
        ("自由职业", 1),
        ("升学", 5),  # 80 80 801 802 85
        ("待就业", 3),  # 70 70 and the graduate with no destination
        ("暂不就业", 2),  # 71 72
    ]
    assert (report.graduates, report.employed, report.employment_rate) == (21, 16, 76.19)
    assert report.rate_name == RATE_2021
    assert [(r.name, r.graduates, r.employed, r.percent) for r in report.table("rate_by_college").rows] == [
        ("护理学院", 10, 8, 80.0), ("机电工程学院", 11, 8, 72.73)
    ]  # fmt: skip


def test_zhuan_sheng_ben_under_80_counts_as_study(tmp_path, org):
    cohort = cohort_2021()
    graduate = make_graduate(org.class_a1, cohort=cohort)
    assert import_destinations(tmp_path, org, [destination_row(graduate, "80", {})]).ok

    report = annual_report(cohort=cohort, as_of=AS_OF)

    assert dict((r.name, r.count) for r in report.table("by_category").rows)["升学"] == 1
    assert report.employment_rate == 100.0


def test_an_unknown_code_is_refused_with_its_row_and_nothing_is_written(tmp_path, org):
    cohort = cohort_2021()
    good, bad = make_graduate(org.class_a1, cohort=cohort), make_graduate(org.class_a1, cohort=cohort)
    rows = [destination_row(good, "801", {}), destination_row(bad, "803", {})]

    result = import_destinations(tmp_path, org, rows)

    assert not result.ok
    message = str(MSG_CODE_NOT_IN_SCHEME.format(value="803", year=2025, scheme="2021"))
    assert [(e.row, e.column, e.message) for e in result.errors] == [(3, "毕业去向代码", message)]
    assert not DestinationPlan.objects.exists()


def test_json_names_the_rate_and_the_2021_categories_in_contract_order(registered_2021):
    data = report_to_json(annual_report(cohort=registered_2021, as_of=AS_OF))

    assert (data["employment_rate"], data["rate_name"]) == (76.19, RATE_2021)
    assert [row["name"] for row in data["by_category"]] == CATEGORIES_2021


def test_excel_and_word_name_the_rate_as_the_scheme_does(registered_2021):
    report = annual_report(cohort=registered_2021, as_of=AS_OF)
    workbook = load_workbook(written(report_to_xlsx, report))
    cells = {str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value}
    word = Document(written(report_to_docx, report))
    text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        cell.text for table in word.tables for row in table.rows for cell in row.cells
    )

    assert any(RATE_2021 in cell for cell in cells) and not any("就业率" in cell for cell in cells)
    assert RATE_2021 in text and "就业率" not in text


def test_the_2020_report_still_says_employment_rate(org):
    report = annual_report(cohort=org.own_graduate.cohort, as_of=datetime.date(2020, 8, 31))
    assert report.rate_name == "就业率"
    assert report_to_json(report)["rate_name"] == "就业率"
    assert [row.name for row in report.table("by_category").rows] == [
        "协议就业", "灵活就业", "升学、出国", "自主创业", "待就业"
    ]  # fmt: skip


def test_the_2021_report_costs_the_queries_of_the_2020_one(
    registered_2021, org, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as report_2020:
        annual_report(cohort=org.own_graduate.cohort, as_of=datetime.date(2020, 8, 31))
    with django_assert_max_num_queries(len(report_2020.captured_queries)):
        annual_report(cohort=registered_2021, as_of=AS_OF)


def test_the_page_names_the_rate_and_the_categories_as_the_scheme_does(client, org, registered_2021):
    client.force_login(org.centre)
    response = client.get(
        reverse("reports:annual"),
        {"cohort": 2025, "as_of": "2025-08-31", "compare_as_of": "2025-12-31"},
    )
    body = response.content.decode()

    assert response.status_code == 200
    assert 'id="employment-rate">76.19%' in body
    assert body.count(RATE_2021) >= 4 and "就业率" not in body
    assert all(f'<th class="num">{name}</th>' in body for name in CATEGORIES_2021)
    assert "2.1.1 毕业去向分类情况" in body and "2.1.2 院系毕业去向落实率" in body


def test_a_publication_of_a_2021_cohort_is_compared_in_its_schemes_words(client, org, registered_2021):
    publication = report_publish(actor=org.centre, cohort=registered_2021, as_of=AS_OF)
    client.force_login(org.centre)

    response = client.get(reverse("reports:publication", args=[publication.pk]))

    body = response.content.decode()
    assert publication.data["rate_name"] == RATE_2021
    assert [row.name for row in response.context["comparison"].headline] == [
        "毕业生总数",
        "已落实人数",
        RATE_2021,
    ]
    assert RATE_2021 in body and "就业率" not in body


def test_a_2020_cohort_beside_a_2021_one_is_not_put_under_the_other_schemes_categories(
    client, org, registered_2021
):
    client.force_login(org.centre)

    response = client.get(
        reverse("reports:annual"), {"cohort": 2025, "as_of": "2025-08-31", "compare_cohort": 2020}
    )

    [(label, other, counts)] = response.context["comparisons"]
    assert other.rate_name == "就业率" and counts == [None] * len(CATEGORIES_2021)
    assert "（就业率，分类口径不同）" in response.content.decode()


def test_two_cut_offs_of_one_cohort_compare_category_by_category(client, org, registered_2021):
    client.force_login(org.centre)

    response = client.get(
        reverse("reports:annual"), {"cohort": 2025, "as_of": "2025-08-31", "compare_as_of": "2025-12-31"}
    )

    [(label, other, counts)] = response.context["comparisons"]
    assert counts == [9, 1, 1, 5, 3, 2]

"""Issue 10, scenario 13: 4.2.8 prints the seed's group (建档立卡 and the 52 counties: "建档立卡贫困生，包括
尚未摘帽 52 个贫困县地区学生合计 510 人") as its figure, and the wider hardship group (with the 困难生类别, as the
support ledger counts it) as a second line, alike in the page, the JSON, Excel and Word. The demo's two groups
are the same 510 (tests/support/test_demo.py); here they differ.

| graduate | 建档立卡 | 贫困县 | 困难生类别 | registered destination | seed's group | wider group |
|----------|---------|--------|-----------|------------------------|--------------|-------------|
| a1       | yes     |        | 非困难生   | 11 on 07-01            | employed     | employed    |
| a1b      |         |        | 残疾       | 12 on 07-15            | —            | employed    |
| a2       |         | yes    | 非困难生   | 70 on 06-01            | not employed | not employed|
| a2b      |         |        | 家庭困难   | 80 on 09-10            | —            | employed from 09-10 |
| b1, b1b  |         |        | 非困难生   | 11 on 08-01, none      | —            | —           |

Seed's group: 2 graduates, 1 employed (50.00%) at 08-31 and 12-31. Wider group: 4, 2 employed (50.00%) at
08-31; 3 (75.00%) at 12-31.
"""

import datetime

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from apps.graduates.models import Graduate
from apps.reports.exports import report_to_docx, report_to_xlsx
from apps.reports.formatters import report_to_json
from apps.reports.selectors import annual_report, report_graduates, report_plans, report_support

from ..files import written
from ..plans.factories import registered_plan
from ..support.factories import category

pytestmark = pytest.mark.django_db

AUG = datetime.date(2020, 8, 31)
DEC = datetime.date(2020, 12, 31)
SEED = {"graduates": 2, "employed": 1, "employment_rate": 50.0}
WIDER_AUG = {"graduates": 4, "employed": 2, "employment_rate": 50.0}
WIDER_DEC = {"graduates": 4, "employed": 3, "employment_rate": 75.0}


@pytest.fixture
def groups(org):
    a1, a1b = org.graduates["a1"]
    a2, a2b = org.graduates["a2"]
    b1, _b1b = org.graduates["b1"]
    Graduate.objects.filter(pk=a1.pk).update(registered_poor=True)
    Graduate.objects.filter(pk=a2.pk).update(poverty_county=True)
    Graduate.objects.filter(pk=a1b.pk).update(hardship_category=category("残疾"))
    Graduate.objects.filter(pk=a2b.pk).update(hardship_category=category("家庭困难"))
    by = org.centre
    registered_plan(a1, "11", datetime.date(2020, 7, 1), created_by=by, employer_name="孝感市中心医院")
    registered_plan(a1b, "12", datetime.date(2020, 7, 15), created_by=by, employer_name="孝感某公司")
    registered_plan(a2, "70", datetime.date(2020, 6, 1), created_by=by)
    registered_plan(b1, "11", datetime.date(2020, 8, 1), created_by=by, employer_name="某公司")
    registered_plan(a2b, "80", datetime.date(2020, 9, 10), created_by=by, institution="湖北工程学院")
    return org


def test_the_seeds_group_is_the_figure_and_the_wider_group_a_second_line(groups):
    cohort = groups.own_graduate.cohort

    august = annual_report(cohort=cohort, as_of=AUG)
    december = annual_report(cohort=cohort, as_of=DEC)

    assert (august.support, august.support_hardship) == (SEED, WIDER_AUG)
    assert (december.support, december.support_hardship) == (SEED, WIDER_DEC)
    # contract §4: "support" keeps its keys for the seed's group; the wider group is a key of its own
    data = report_to_json(december)
    assert data["support"] == SEED and data["support_hardship"] == WIDER_DEC
    # a college's report counts its own graduates only (college A holds a1, a1b, a2, a2b)
    college_b = annual_report(cohort=cohort, as_of=DEC, college=groups.college_b)
    assert college_b.support == {"graduates": 0, "employed": 0, "employment_rate": 0.0}
    assert college_b.support_hardship == {"graduates": 0, "employed": 0, "employment_rate": 0.0}


def test_both_groups_cost_the_two_queries_one_group_took(groups, django_assert_num_queries):
    graduates = report_graduates(cohort=groups.own_graduate.cohort)
    plans = report_plans(graduates=graduates, as_of=DEC)
    with django_assert_num_queries(2):
        both = report_support(graduates=graduates, plans=plans)
    assert both == {"support": SEED, "support_hardship": WIDER_DEC}


def test_page_excel_and_word_print_both_lines(client, groups):
    report = annual_report(cohort=groups.own_graduate.cohort, as_of=DEC)

    client.force_login(groups.centre)
    body = client.get(reverse("reports:annual"), {"cohort": 2020, "as_of": "2020-12-31"}).content.decode()
    work = body.split('id="work"')[1]
    assert 'id="support-graduates">2<' in work and 'id="support-rate">50.00%<' in work
    assert 'id="support-hardship-graduates">4<' in work and 'id="support-hardship-rate">75.00%<' in work
    assert "建档立卡贫困家庭毕业生（含尚未摘帽 52 个贫困县生源）" in work

    summary = dict(
        load_workbook(written(report_to_xlsx, report))["概况"].iter_rows(min_row=1, values_only=True)
    )
    assert (summary["建档立卡及52个贫困县生源毕业生"], summary["建档立卡及52个贫困县生源就业"]) == (2, 1)
    assert summary["建档立卡及52个贫困县生源就业率(%)"] == 50.0
    assert (summary["困难群体（含困难生类别）毕业生"], summary["困难群体（含困难生类别）就业"]) == (4, 3)
    assert summary["困难群体（含困难生类别）就业率(%)"] == 75.0

    paragraphs = [p.text for p in Document(written(report_to_docx, report)).paragraphs]
    section = paragraphs[paragraphs.index("4.2.8 困难群体毕业生就业情况") + 1 :][:2]
    assert section[0].startswith("建档立卡贫困家庭毕业生（含尚未摘帽 52 个贫困县生源）2 人，")
    assert "就业 1 人，就业率 50.00%" in section[0]
    assert "困难群体（帮扶台账范围）共 4 人，就业 3 人，就业率 75.00%" in section[1]

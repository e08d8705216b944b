import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from apps.accounts.models import Role
from apps.graduates.models import Graduate
from apps.plans.models import PlanStatus
from apps.refdata.models import Ethnicity, Industry, NotEmployedReason, Province, UnitNature
from apps.reports.data import survey_figures
from apps.reports.exports import report_to_docx, report_to_xlsx
from apps.reports.formatters import report_to_json
from apps.reports.selectors import annual_report
from apps.support.models import Eligibility
from apps.support.subsidies import subsidy_apply, subsidy_pay, subsidy_transition
from apps.support.workflow import SubsidyAction
from apps.surveys.models import SurveyKind

from ..factories import make_graduate
from ..files import written
from ..html import assert_no_inline_script_or_style
from ..park.factories import admitted_tenant, make_site, make_unit
from ..plans.factories import registered_plan
from ..support.factories import scheme
from ..surveys.factories import answer, make_campaign, rate_employer

pytestmark = pytest.mark.django_db

AUG = datetime.date(2020, 8, 31)
DEC = datetime.date(2020, 12, 31)


def register(graduate, destination, approved_on, **fields):
    return registered_plan(graduate, destination, approved_on, created_by=_any_user(), **fields)


def _any_user():
    from apps.accounts.models import User

    return User.objects.order_by("pk").first()


@pytest.fixture
def cohort_data(org):
    """Six graduates, destinations before and after 08-31, one change, one without any plan."""
    a1, a1b = org.graduates["a1"]
    a2, a2b = org.graduates["a2"]
    b1, b1b = org.graduates["b1"]
    Graduate.objects.filter(pk__in=[a1.pk, a1b.pk, a2.pk, a2b.pk]).update(gender="F")
    Graduate.objects.filter(pk__in=[b1.pk, b1b.pk]).update(gender="M")
    Graduate.objects.filter(pk=a2.pk).update(origin=Province.objects.get(name="云南省"))
    Graduate.objects.filter(pk=a1b.pk).update(ethnicity=Ethnicity.objects.get(name="土家族"))
    Graduate.objects.filter(pk=b1b.pk).update(registered_poor=True)
    hubei = Province.objects.get(name="湖北省")
    register(
        a1, "11", datetime.date(2020, 7, 1), employer_name="孝感市中心医院", work_province=hubei,
        unit_nature=UnitNature.objects.get(code="23"), industry=Industry.objects.get(code="43"),
    )  # fmt: skip
    register(
        a1b,
        "70",
        datetime.date(2020, 7, 10),
        not_employed_reason=NotEmployedReason.objects.get(name="求职中"),
    )
    register(
        a2, "80", datetime.date(2020, 6, 1), institution="中山大学", programme="护理学",
        institution_province=Province.objects.get(name="广东省"),
    )  # fmt: skip
    register(
        b1, "12", datetime.date(2020, 9, 15), employer_name="杭州某公司", work_province=Province.objects.get(name="浙江省"),
        unit_nature=UnitNature.objects.get(code="39"), industry=Industry.objects.get(code="22"),
    )  # fmt: skip
    old = register(b1b, "76", AUG, status=PlanStatus.SUPERSEDED, job_title="自由撰稿")
    register(
        b1b, "70", datetime.date(2020, 10, 1), replaces=old,
        not_employed_reason=NotEmployedReason.objects.get(name="拟升学"),
    )  # fmt: skip
    return org


def rows(report, key):
    return [(row.name, row.count, row.percent) for row in report.table(key).rows]


def test_every_table_at_the_initial_cut_off(cohort_data):
    report = annual_report(cohort=cohort_data.own_graduate.cohort, as_of=AUG)
    assert (report.graduates, report.employed, report.employment_rate) == (6, 3, 50.0)
    assert rows(report, "by_college") == [("护理学院", 4, 66.67), ("机电工程学院", 2, 33.33)]
    assert [(r.college, r.name, r.count) for r in report.table("by_major").rows] == [
        ("护理学院", "助产", 2), ("护理学院", "护理", 2), ("机电工程学院", "数控技术", 2)
    ]  # fmt: skip
    assert rows(report, "by_origin") == [("湖北省", 5, 83.33), ("云南省", 1, 16.67)]
    assert rows(report, "by_gender") == [("男", 2, 33.33), ("女", 4, 66.67)]
    assert rows(report, "by_ethnicity") == [("汉族", 5, 83.33), ("土家族", 1, 16.67)]
    assert rows(report, "by_category") == [
        ("协议就业", 1, 16.67), ("灵活就业", 1, 16.67), ("升学、出国", 1, 16.67), ("自主创业", 0, 0.0), ("待就业", 3, 50.0)
    ]  # fmt: skip
    assert [(r.name, r.graduates, r.employed, r.percent) for r in report.table("rate_by_college").rows] == [
        ("护理学院", 4, 2, 50.0), ("机电工程学院", 2, 1, 50.0)
    ]  # fmt: skip
    assert [(r.name, r.employed, r.percent) for r in report.table("rate_by_major").rows] == [
        ("助产", 1, 50.0), ("护理", 1, 50.0), ("数控技术", 1, 50.0)
    ]  # fmt: skip
    reasons = [(name, count, pct) for name, count, pct in rows(report, "not_employed_reasons") if count]
    assert reasons == [("求职中", 1, 33.33), ("未填报去向", 2, 66.67)]
    # 2.2.1 counts 升学 (a2's 80) where the admitting school is, as the provincial platform does
    assert rows(report, "by_region") == [("湖北省", 1, 16.67), ("广东省", 1, 16.67)]
    assert rows(report, "by_unit_nature") == [("医疗卫生单位", 1, 100.0)]
    assert rows(report, "by_industry") == [("卫生和社会工作", 1, 100.0)]
    assert report.support == {"graduates": 1, "employed": 1, "employment_rate": 100.0}


def test_the_final_cut_off_uses_each_graduates_latest_approval(cohort_data):
    report = annual_report(cohort=cohort_data.own_graduate.cohort, as_of=DEC)
    assert (report.employed, report.employment_rate) == (3, 50.0)
    assert rows(report, "by_category")[1] == ("灵活就业", 1, 16.67)  # b1's 12, no longer b1b's 76
    reasons = [(name, count) for name, count, _ in rows(report, "not_employed_reasons") if count]
    assert reasons == [("求职中", 1), ("拟升学", 1), ("未填报去向", 1)]
    assert rows(report, "by_region") == [  # ties by province code
        ("浙江省", 1, 16.67), ("湖北省", 1, 16.67), ("广东省", 1, 16.67)
    ]  # fmt: skip
    assert report.support == {"graduates": 1, "employed": 0, "employment_rate": 0.0}


def test_a_college_report_counts_only_that_college(cohort_data):
    report = annual_report(cohort=cohort_data.own_graduate.cohort, as_of=AUG, college=cohort_data.college_b)
    assert (report.graduates, report.employed) == (2, 1)
    assert rows(report, "by_college") == [("机电工程学院", 2, 100.0)]


def test_consistency_panel_names_graduates_without_a_destination(cohort_data):
    report = annual_report(cohort=cohort_data.own_graduate.cohort, as_of=AUG)
    assert report.consistency[0].startswith("2 名毕业生")


def test_json_matches_the_contract(cohort_data):
    data = report_to_json(annual_report(cohort=cohort_data.own_graduate.cohort, as_of=AUG))
    assert list(data)[:5] == ["cohort", "as_of", "graduates", "employed", "employment_rate"]
    assert (data["cohort"], data["as_of"], data["employment_rate"]) == (2020, "2020-08-31", 50.0)
    # majors of equal sort order come by name
    assert data["by_major"][0] == {"name": "助产", "count": 2, "percent": 33.33, "college": "护理学院"}
    assert data["rate_by_college"][0] == {
        "name": "护理学院", "count": 2, "percent": 50.0, "graduates": 4, "employed": 2
    }  # fmt: skip
    for key in ("by_college", "by_origin", "by_gender", "by_ethnicity", "by_category", "not_employed_reasons",
                "by_region", "by_unit_nature", "by_industry", "rate_by_major"):  # fmt: skip
        assert all({"name", "count", "percent"} <= set(row) for row in data[key])
    assert data["support"] == {"graduates": 1, "employed": 1, "employment_rate": 100.0}


def test_json_excel_and_word_agree_cell_for_cell(cohort_data):
    report = annual_report(cohort=cohort_data.own_graduate.cohort, as_of=AUG)
    data = report_to_json(report)
    workbook = load_workbook(written(report_to_xlsx, report))
    word = Document(written(report_to_docx, report))
    word_tables = word.tables
    for index, table in enumerate(report.tables.values()):
        sheet = workbook.worksheets[index + 1]
        excel_rows = list(sheet.iter_rows(min_row=2, values_only=True))
        json_rows = data[table.key]
        assert len(excel_rows) == len(json_rows)
        for excel_row, json_row in zip(excel_rows, json_rows, strict=True):
            assert json_row["name"] in excel_row
            assert json_row["percent"] == excel_row[-1]
            assert (json_row.get("employed", json_row["count"])) in excel_row
    # Word: the same tables in the seed's chapter order, the same numbers as text
    order = ["by_college", "by_major", "by_origin", "by_gender", "by_ethnicity", "by_category", "rate_by_college",
             "rate_by_major", "not_employed_reasons", "by_region", "by_unit_nature", "by_industry"]  # fmt: skip
    assert len(word_tables) == len(order)  # no survey or park in this cohort: nothing after the tables
    for key, word_table in zip(order, word_tables, strict=True):
        body = [[cell.text for cell in row.cells] for row in word_table.rows[1:]]
        assert len(body) == len(data[key])
        for text_row, json_row in zip(body, data[key], strict=True):
            assert json_row["name"] in text_row
            assert f"{json_row['percent']:.2f}%" in text_row


def test_excel_has_a_native_chart_wherever_the_report_has_a_figure(cohort_data):
    report = annual_report(cohort=cohort_data.own_graduate.cohort, as_of=AUG)
    workbook = load_workbook(written(report_to_xlsx, report))
    charted = [sheet.title for sheet in workbook.worksheets if sheet._charts]
    assert charted == [table.title for table in report.tables.values() if table.chart and table.rows]


def with_survey_and_park(org, *, extra: int = 0):
    """A 2019 and a 2020 graduates' campaign, an employers' campaign, and a park with one company."""
    cohort = org.own_graduate.cohort
    before = make_campaign(2019, sent=4)
    for _ in range(2 + extra):
        answer(before, org.college_a, match="对口", job="满意", overall="满意")
    answer(before, org.college_b, match="不对口", job="不满意", overall="一般")
    current = make_campaign(cohort, sent=6)
    for _ in range(3 + extra):
        answer(current, org.college_a, match="对口", job="满意", overall="满意", teaching="满意")
    answer(current, org.college_b, gender="M", overall="不满意", teaching="一般")
    employers = make_campaign(cohort, SurveyKind.EMPLOYERS, sent=2)
    for _ in range(1 + extra):
        rate_employer(employers, "满意", "满意", "一般", "满意", "满意", "不满意")
    site = make_site()
    for number in range(1 + extra):
        unit = make_unit(site, f"A{number}", area="80.00")
        admitted_tenant(org.centre, units=[unit])


@pytest.mark.parametrize("extra", [0, 40])
def test_the_whole_report_costs_a_constant_number_of_queries(
    cohort_data, extra, django_assert_max_num_queries
):
    with_survey_and_park(cohort_data, extra=extra // 10)
    for _ in range(extra):
        graduate = make_graduate(cohort_data.class_b1)
        register(
            graduate,
            "11",
            datetime.date(2020, 7, 1),
            employer_name="某公司",
            work_province=Province.objects.get(code="42"),
        )
    # 31 (with the effective plans found once into a temporary table: its savepoint, CREATE and DROP; 32 on
    # PostgreSQL, which ANALYZEs it), and at most 2 more for the warning signs (the shares' names, the crowded
    # employers' graduates)
    with django_assert_max_num_queries(34):
        report = annual_report(cohort=cohort_data.own_graduate.cohort, as_of=AUG)
    assert report.survey is not None and report.park is not None


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.ADMIN])
def test_report_page_is_for_the_centre_and_colleges(client, cohort_data, role):
    client.force_login(cohort_data.user_for(role))
    assert client.get(reverse("reports:annual")).status_code == 403


def test_college_officer_gets_their_college_whatever_they_ask(client, cohort_data):
    client.force_login(cohort_data.college_officer)
    response = client.get(
        reverse("reports:annual"),
        {"cohort": 2020, "as_of": "2020-08-31", "college": cohort_data.college_b.pk, "format": "json"},
    )
    data = response.json()
    assert data["college"] == "护理学院"
    assert data["graduates"] == 4


def test_report_page_renders_tables_and_svg_charts(client, cohort_data):
    client.force_login(cohort_data.centre)
    response = client.get(reverse("reports:annual"), {"cohort": 2020, "as_of": "2020-08-31"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<svg") >= 8
    assert 'id="employment-rate">50.00%' in body
    assert_no_inline_script_or_style(body)


def test_report_page_shows_the_survey_subsidies_and_park(client, cohort_data):
    with_survey_and_park(cohort_data)
    client.force_login(cohort_data.centre)
    body = client.get(reverse("reports:annual"), {"cohort": 2020, "as_of": "2020-08-31"}).content.decode()
    assert 'id="survey-sent">6<' in body and 'id="survey-return-rate">66.67%<' in body
    assert 'id="subsidy-amount">0.00<' in body
    assert 'id="park-tenants">1<' in body and 'id="park-area">80<' in body


def test_page_compares_two_cut_off_dates(client, cohort_data):
    client.force_login(cohort_data.centre)
    response = client.get(
        reverse("reports:annual"), {"cohort": 2020, "as_of": "2020-08-31", "compare_as_of": "2020-12-31"}
    )
    assert [label for label, *_ in response.context["comparisons"]] == ["2020届 截至 2020-12-31"]


def test_page_downloads_excel_and_word(client, cohort_data):
    client.force_login(cohort_data.centre)
    for output in ("xlsx", "docx"):
        response = client.get(
            reverse("reports:annual"), {"cohort": 2020, "as_of": "2020-08-31", "format": output}
        )
        assert response.status_code == 200
        assert response.getvalue()[:2] == b"PK"


def test_command_writes_json_and_files(cohort_data, tmp_path, capsys):
    call_command("annual_report", "--cohort", "2020", "--as-of", "2020-08-31", "--format", "json")
    assert json.loads(capsys.readouterr().out)["employed"] == 3
    for output in ("xlsx", "docx"):
        path = tmp_path / f"r.{output}"
        call_command(
            "annual_report",
            "--cohort",
            "2020",
            "--as-of",
            "2020-08-31",
            "--format",
            output,
            "--output",
            str(path),
        )
        assert path.read_bytes()[:2] == b"PK"


def test_command_refuses_bad_arguments(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as error:
        call_command("annual_report", "--cohort", "1999", "--as-of", "2020-08-31")
    assert error.value.returncode == 2


def test_subsidies_count_what_was_paid_by_the_cut_off_and_in_scope(cohort_data):
    org = cohort_data
    (a1, _), (b1, b1b) = org.graduates["a1"], org.graduates["b1"]
    one_scheme = scheme(a1.cohort, amount="1100.00", eligibility=Eligibility.ALL)
    applications = subsidy_apply(scheme=one_scheme, graduates=[a1, b1, b1b], actor=org.centre)
    by_graduate = {application.graduate_id: application.pk for application in applications}
    subsidy_transition(
        application_ids=[by_graduate[a1.pk]], action=SubsidyAction.APPROVE, actor=org.college_officer
    )
    other_officer = make_user_for_college(org.college_b)
    subsidy_transition(application_ids=[by_graduate[b1.pk], by_graduate[b1b.pk]], action=SubsidyAction.APPROVE,
                       actor=other_officer)  # fmt: skip
    subsidy_transition(
        application_ids=list(by_graduate.values()), action=SubsidyAction.APPROVE, actor=org.centre
    )
    subsidy_pay(application_ids=[by_graduate[a1.pk], by_graduate[b1.pk]], batch_name="第一批",
                paid_on=datetime.date(2020, 7, 1), actor=org.centre)  # fmt: skip
    subsidy_pay(application_ids=[by_graduate[b1b.pk]], batch_name="第二批", paid_on=datetime.date(2020, 9, 30),
                actor=org.centre)  # fmt: skip
    cohort = a1.cohort

    assert annual_report(cohort=cohort, as_of=AUG).subsidies == {"graduates": 2, "amount": 2200.0}
    assert annual_report(cohort=cohort, as_of=DEC).subsidies == {"graduates": 3, "amount": 3300.0}
    college_report = annual_report(cohort=cohort, as_of=DEC, college=org.college_a)
    assert college_report.subsidies == {"graduates": 1, "amount": 1100.0}
    assert report_to_json(college_report)["subsidies"] == {"graduates": 1, "amount": 1100.0}


def make_user_for_college(college):
    from ..factories import make_user

    return make_user(Role.COLLEGE, username=f"college-{college.pk}", college=college)


def test_the_school_report_carries_the_survey_and_the_park_and_a_college_report_does_not(cohort_data):
    with_survey_and_park(cohort_data)
    cohort = cohort_data.own_graduate.cohort

    report = annual_report(cohort=cohort, as_of=AUG)
    data = report_to_json(report)

    # 4 responses, 3 employed and matched; job satisfaction 3/3 now vs 2/3 in 2019
    assert (data["survey"]["sent"], data["survey"]["returned"], data["survey"]["return_rate"]) == (
        6,
        4,
        66.67,
    )
    assert data["survey"]["major_match_rate"] == 100.0
    assert data["survey"]["job_satisfaction"] == {"rate": 100.0, "previous": 66.67, "change": 33.33}
    assert data["park"]["tenants"] == 1 and data["park"]["area"] == 80.0
    # the campaign sent 6 questionnaires to a cohort of 6: nothing to say; the 2019 one is not this cohort's
    assert not any("问卷" in note for note in report.consistency)
    college = annual_report(cohort=cohort, as_of=AUG, college=cohort_data.college_a)
    assert college.survey is None and college.park is None
    assert "survey" not in report_to_json(college) and "park" not in report_to_json(college)


def test_survey_figures_agree_in_json_excel_and_word(cohort_data):
    with_survey_and_park(cohort_data)
    report = annual_report(cohort=cohort_data.own_graduate.cohort, as_of=AUG)
    survey = report_to_json(report)["survey"]
    workbook = load_workbook(written(report_to_xlsx, report))
    word = Document(written(report_to_docx, report))

    sample = list(workbook["表2-1 调查样本分布"].iter_rows(min_row=2, values_only=True))
    json_sample = survey["sample"]["by_gender"] + survey["sample"]["by_college"]
    assert [(row[1], row[2], row[3]) for row in sample[:-1]] == [
        (r["name"], r["count"], r["percent"]) for r in json_sample
    ]
    rates = {row[0]: row[1:] for row in workbook["2.3 就业质量"].iter_rows(min_row=2, values_only=True)}
    job = survey["job_satisfaction"]
    assert rates["就业满意度"] == (job["rate"], job["previous"], job["change"])
    assert workbook["2.3 就业质量"]._charts
    word_rows = {row.cells[0].text: [c.text for c in row.cells] for t in word.tables for row in t.rows}
    assert word_rows["就业满意度"] == [
        "就业满意度",
        f"{job['rate']:.2f}%",
        f"{job['previous']:.2f}%",
        f"{job['change']:+.2f}",
    ]
    employers = survey["employer_satisfaction"]["by_dimension"][0]
    assert word_rows[employers["name"]][2] == f"{employers['satisfied']:.2f}%"


def test_word_has_a_chart_image_wherever_the_report_has_a_figure(cohort_data):
    report = annual_report(cohort=cohort_data.own_graduate.cohort, as_of=AUG)
    word = Document(written(report_to_docx, report))
    charted = [table for table in report.tables.values() if table.chart and table.rows]
    assert charted
    assert len(word.inline_shapes) == len(charted)


def test_the_seeds_survey_figures_are_drawn_from_the_answers_in_every_format(client, cohort_data):
    with_survey_and_park(cohort_data)
    report = annual_report(cohort=cohort_data.own_graduate.cohort, as_of=AUG)

    figures = {table.title: [(row.name, row.count, row.percent) for row in table.rows]
               for table in survey_figures(report.survey)}  # fmt: skip

    assert figures == {
        "图 2-8 毕业生就业专业对口率": [("对口", 3, 100.0), ("基本对口", 0, 0.0), ("不对口", 0, 0.0)],
        "图 2-9 毕业生就业满意度": [
            ("满意", 3, 100.0),
            ("基本满意", 0, 0.0),
            ("一般", 0, 0.0),
            ("不满意", 0, 0.0),
        ],
        "图 2-10 用人单位对毕业生满意度": [("满意", 4, 66.67), ("一般", 1, 16.67), ("不满意", 1, 16.67)],
        # nobody answered the student-affairs and living-services questions: no bars for them
        "图 2-11 毕业生对母校满意度": [("总体满意度", 3, 75.0), ("教学", 3, 75.0)],
    }
    workbook = load_workbook(written(report_to_xlsx, report))
    for title, rows in figures.items():
        sheet = workbook[title]
        assert sheet._charts
        assert [tuple(cells) for cells in sheet.iter_rows(min_row=2, values_only=True)] == rows
    word = Document(written(report_to_docx, report))
    charted = [table for table in report.tables.values() if table.chart and table.rows]
    assert len(word.inline_shapes) == len(charted) + len(figures)
    client.force_login(cohort_data.centre)
    body = client.get(reverse("reports:annual"), {"cohort": 2020, "as_of": "2020-08-31"}).content.decode()
    for key in ("survey_major_match", "survey_job_satisfaction", "survey_employer_satisfaction",
                "survey_school_satisfaction"):  # fmt: skip
        section = body.split(f'id="table-{key}"')[1].split("</section>")[0]
        assert "<svg" in section


def test_a_retired_reason_still_counts_the_plans_that_gave_it(cohort_data):
    """The centre retires reasons (code tables are renamed or retired, never deleted) after plans were approved
    with one: the published table keeps those graduates under it and its rows still add up to the graduates not
    employed; a retired reason no plan gives is left out."""
    NotEmployedReason.objects.filter(name__in=["求职中", "拟升学"]).update(is_active=False)
    report = annual_report(cohort=cohort_data.own_graduate.cohort, as_of=AUG)
    table = rows(report, "not_employed_reasons")
    assert [(name, count) for name, count, _ in table if count] == [("求职中", 1), ("未填报去向", 2)]
    assert sum(count for _, count, _ in table) == report.graduates - report.employed
    assert "拟升学" not in [name for name, _, _ in table]

"""The destination import (contract §2): the service, the command and the pages."""

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Role
from apps.graduates import imports, pending, uploads
from apps.graduates.imports import RowError
from apps.graduates.validators import MSG_CREDIT_CODE_CHECK, credit_code_check_char
from apps.jobs.imports import MSG_IMPORT_REFUSED
from apps.jobs.models import Job, JobKind, JobStatus
from apps.plans import destination_import as di
from apps.plans import views_import
from apps.plans.destination_import import COLUMNS, destination_import
from apps.plans.models import DestinationPlan, PlanEvent, PlanStatus
from apps.plans.rules import MSG_NOT_KEPT
from apps.plans.selectors import effective_plans
from apps.plans.workflow import Action
from apps.refdata.models import Industry, NotEmployedReason, Province, UnitNature

from ..factories import make_cohort, make_graduate, make_user
from ..graduates.fixtures_import import PNG_BYTES, write_csv, write_xlsx
from ..html import assert_no_inline_script_or_style
from .factories import approved_plan, code, submitted_plan

pytestmark = pytest.mark.django_db

HEADER = list(COLUMNS)
PROJECT_ROOT = Path(__file__).resolve().parents[2]
CREDIT_CODE = "91420900714676543" + credit_code_check_char("91420900714676543")


def employed_row(graduate, day: str = "2020-07-01", **changes) -> dict:
    row = {
        "学号": graduate.student_no,
        "毕业去向代码": "11",
        "单位名称": "孝感市中心医院",
        "统一社会信用代码": CREDIT_CODE,
        "单位性质代码": "23",
        "单位行业代码": "43",
        "单位所在地": "湖北省",
        "未就业原因": "",
        "审核通过日期": day,
    }
    row.update(changes)
    return row


def waiting_row(graduate, day: str = "2020-08-20", reason: str = "求职中", code_value: str = "70") -> dict:
    return {
        "学号": graduate.student_no,
        "毕业去向代码": code_value,
        "未就业原因": reason,
        "审核通过日期": day,
    }


def study_row(graduate, day: str = "2020-08-01") -> dict:
    return {"学号": graduate.student_no, "毕业去向代码": "80", "审核通过日期": day}


def xlsx(tmp_path, rows, name="d.xlsx", header=None) -> Path:
    return write_xlsx(tmp_path / name, rows, header=HEADER if header is None else header)


def snapshot() -> tuple[int, int, list]:
    return (
        DestinationPlan.objects.count(),
        PlanEvent.objects.count(),
        sorted(DestinationPlan.objects.values_list("pk", "status")),
    )


def run_import(path, *, actor, dry_run=False):
    return destination_import(rows_source=path, dry_run=dry_run, actor=actor)


# --- good files ----------------------------------------------------------------------------------------------


def test_each_good_row_records_a_centre_approved_plan_with_an_event_naming_the_importer(tmp_path, org):
    a1, a1b = org.graduates["a1"]
    b1 = org.graduates["b1"][0]
    rows = [employed_row(a1), waiting_row(a1b), study_row(b1)]

    result = run_import(xlsx(tmp_path, rows), actor=org.centre)

    assert (result.ok, result.new, result.changed, result.unchanged) == (True, 3, 0, 0)
    plan = DestinationPlan.objects.get(graduate=a1)
    assert plan.status == PlanStatus.APPROVED
    assert plan.destination == code("11")
    assert plan.approved_on == datetime.date(2020, 7, 1)
    assert timezone.localtime(plan.approved_at).replace(tzinfo=None) == datetime.datetime(2020, 7, 1, 12, 0)
    assert str(timezone.localtime(plan.approved_at).tzinfo) == "Asia/Shanghai"
    assert (plan.employer_name, plan.employer_credit_code) == ("孝感市中心医院", CREDIT_CODE)
    assert (plan.unit_nature.code, plan.industry.code, plan.work_province.name) == ("23", "43", "湖北省")
    assert plan.created_by == org.centre and plan.replaces is None
    event = plan.events.get()
    assert (event.action, event.from_status, event.to_status) == (di.IMPORT_ACTION, "", PlanStatus.APPROVED)
    assert (event.actor, event.actor_role, event.comment) == (org.centre, Role.CENTRE, "导入（省平台迁移）")
    waiting = DestinationPlan.objects.get(graduate=a1b)
    assert waiting.not_employed_reason == NotEmployedReason.objects.get(name="求职中")
    assert waiting.employer_name == "" and waiting.unit_nature is None
    # the imported plans are each graduate's destination from their approval date on
    assert set(effective_plans(as_of=datetime.date(2020, 8, 31)).values_list("graduate_id", flat=True)) == {
        a1.pk,
        a1b.pk,
        b1.pk,
    }
    assert not effective_plans(as_of=datetime.date(2020, 6, 30)).exists()


def test_cells_a_destination_has_no_field_for_are_errors_not_dropped(tmp_path, org):
    # (before: left blank without a word; a value in the file is never dropped silently)
    graduate = org.own_graduate
    row = waiting_row(graduate)
    row.update({"单位名称": "某公司", "单位性质代码": "39", "单位所在地": "湖北省"})

    result = run_import(xlsx(tmp_path, [row]), actor=org.centre)

    message = str(MSG_NOT_KEPT.format(destination="70 待就业"))
    assert result.errors == [
        RowError(2, column, message) for column in ("单位名称", "单位性质代码", "单位所在地")
    ]
    assert not DestinationPlan.objects.exists()


def test_a_real_excel_date_cell_is_accepted(tmp_path, org):
    row = employed_row(org.own_graduate, day=datetime.date(2020, 6, 15))

    result = run_import(xlsx(tmp_path, [row]), actor=org.centre)

    assert result.ok and DestinationPlan.objects.get().approved_on == datetime.date(2020, 6, 15)


def test_a_csv_with_a_bom_and_only_the_required_columns_is_accepted(tmp_path, org):
    header = ["学号", "毕业去向代码", "审核通过日期"]
    row = {"学号": org.own_graduate.student_no, "毕业去向代码": "76", "审核通过日期": "2020-08-01"}

    result = run_import(write_csv(tmp_path / "d.csv", [row], header=header), actor=org.centre)

    assert result.ok and DestinationPlan.objects.get().destination == code("76")


def test_a_2021_cohort_uses_its_own_scheme(tmp_path, org):
    cohort = make_cohort(2021)
    cohort.destination_scheme = "2021"
    cohort.save()
    graduate = make_graduate(org.class_a1, cohort=cohort)
    rows = [employed_row(graduate, day="2021-07-01", **{"毕业去向代码": "502"})]

    result = run_import(xlsx(tmp_path, rows), actor=org.centre)

    assert result.ok
    assert DestinationPlan.objects.get().destination == code("502", scheme="2021")


def test_an_earlier_plan_in_force_is_superseded_with_an_event(tmp_path, org):
    # given a plan approved through the workflow, on 2020-07-01
    old = approved_plan(org)
    DestinationPlan.objects.filter(pk=old.pk).update(
        approved_on=datetime.date(2020, 7, 1),
        approved_at=timezone.make_aware(datetime.datetime(2020, 7, 1, 16)),
    )

    # when the provincial platform says the graduate was registered as waiting on 2020-09-01
    result = run_import(xlsx(tmp_path, [waiting_row(org.own_graduate, day="2020-09-01")]), actor=org.centre)

    # then the new plan is in force and the old one kept, superseded, with an event
    assert (result.new, result.changed, result.unchanged) == (0, 1, 0)
    old.refresh_from_db()
    new = DestinationPlan.objects.get(graduate=org.own_graduate, status=PlanStatus.APPROVED)
    assert old.status == PlanStatus.SUPERSEDED and old.superseded_at is not None
    assert new.replaces == old
    supersede = old.events.order_by("-pk").first()
    assert (supersede.action, supersede.from_status, supersede.to_status, supersede.actor) == (
        Action.SUPERSEDE,
        PlanStatus.APPROVED,
        PlanStatus.SUPERSEDED,
        org.centre,
    )
    assert supersede.comment == di.SUPERSEDED_COMMENT.format(pk=new.pk)


def test_a_row_dated_before_the_plan_in_force_is_an_error_and_nothing_is_overwritten(tmp_path, org):
    run_import(xlsx(tmp_path, [employed_row(org.own_graduate, day="2020-09-01")]), actor=org.centre)
    before = snapshot()

    result = run_import(
        xlsx(tmp_path, [waiting_row(org.own_graduate, day="2020-08-31")], name="older.xlsx"), actor=org.centre
    )

    assert result.errors == [
        RowError(2, "审核通过日期", di.MSG_EARLIER_THAN_IN_FORCE.format(in_force="2020-09-01"))
    ]
    assert snapshot() == before


def test_a_row_of_the_same_day_as_a_later_workflow_approval_is_an_error(tmp_path, org):
    plan = approved_plan(org)
    plan.refresh_from_db()
    stamp = timezone.make_aware(datetime.datetime(2020, 8, 31, 15, 30))
    DestinationPlan.objects.filter(pk=plan.pk).update(approved_on=stamp.date(), approved_at=stamp)

    result = run_import(xlsx(tmp_path, [waiting_row(org.own_graduate, day="2020-08-31")]), actor=org.centre)

    assert [(e.row, e.column) for e in result.errors] == [(2, "审核通过日期")]
    assert "2020-08-31 15:30" in result.errors[0].message


def test_reimporting_the_same_file_changes_nothing(tmp_path, org):
    graduates = [*org.graduates["a1"], *org.graduates["b1"]]
    rows = [employed_row(graduates[0]), waiting_row(graduates[1]), study_row(graduates[2])]
    path = xlsx(tmp_path, rows)
    assert run_import(path, actor=org.centre).new == 3
    before = snapshot()

    result = run_import(path, actor=org.centre)

    assert (result.ok, result.new, result.changed, result.unchanged) == (True, 0, 0, 3)
    assert snapshot() == before


def test_reimporting_after_a_later_change_still_changes_nothing(tmp_path, org):
    graduate = org.own_graduate
    first = xlsx(tmp_path, [employed_row(graduate, day="2020-07-01")], name="first.xlsx")
    second = xlsx(tmp_path, [waiting_row(graduate, day="2020-09-01")], name="second.xlsx")
    run_import(first, actor=org.centre)
    run_import(second, actor=org.centre)
    before = snapshot()

    result = run_import(first, actor=org.centre)

    assert (result.ok, result.unchanged) == (True, 1)
    assert snapshot() == before


def test_an_open_plan_in_review_is_left_alone(tmp_path, org):
    in_review = submitted_plan(org)

    result = run_import(xlsx(tmp_path, [waiting_row(org.own_graduate)]), actor=org.centre)

    assert result.new == 1
    in_review.refresh_from_db()
    assert in_review.status == PlanStatus.SUBMITTED
    assert in_review.events.count() == 1


def test_a_dry_run_counts_and_writes_nothing(tmp_path, org):
    result = run_import(xlsx(tmp_path, [employed_row(org.own_graduate)]), actor=None, dry_run=True)

    assert (result.ok, result.new, result.written) == (True, 1, False)
    assert DestinationPlan.objects.count() == 0


# --- bad rows: every kind rejected, nothing written ----------------------------------------------------------

LONG_NAME = "单" * 101
BAD_ROWS = [
    ("unknown student", {"学号": "999999"}, "学号", di.MSG_UNKNOWN_GRADUATE.format(value="999999")),
    ("blank student", {"学号": ""}, "学号", imports.MSG_REQUIRED),
    ("blank code", {"毕业去向代码": ""}, "毕业去向代码", imports.MSG_REQUIRED),
    (
        "code of the other scheme",
        {"毕业去向代码": "502"},
        "毕业去向代码",
        di.MSG_CODE_NOT_IN_SCHEME.format(value="502", year=2020, scheme="2020"),
    ),
    (
        "no such code",
        {"毕业去向代码": "99"},
        "毕业去向代码",
        di.MSG_CODE_NOT_IN_SCHEME.format(value="99", year=2020, scheme="2020"),
    ),
    ("blank employer", {"单位名称": ""}, "单位名称", imports.MSG_REQUIRED),
    ("long employer", {"单位名称": LONG_NAME}, "单位名称", imports.MSG_TOO_LONG.format(limit=100)),
    ("blank unit nature", {"单位性质代码": ""}, "单位性质代码", imports.MSG_REQUIRED),
    (
        "bad unit nature",
        {"单位性质代码": "98"},
        "单位性质代码",
        di.MSG_UNKNOWN_UNIT_NATURE.format(value="98"),
    ),
    ("blank industry", {"单位行业代码": ""}, "单位行业代码", imports.MSG_REQUIRED),
    ("bad industry", {"单位行业代码": "99"}, "单位行业代码", di.MSG_UNKNOWN_INDUSTRY.format(value="99")),
    ("blank province", {"单位所在地": ""}, "单位所在地", imports.MSG_REQUIRED),
    ("bad province", {"单位所在地": "湖北"}, "单位所在地", di.MSG_UNKNOWN_PROVINCE.format(value="湖北")),
    (
        "bad credit code",
        {"统一社会信用代码": CREDIT_CODE[:-1] + ("0" if CREDIT_CODE[-1] != "0" else "1")},
        "统一社会信用代码",
        MSG_CREDIT_CODE_CHECK,
    ),
    ("blank date", {"审核通过日期": ""}, "审核通过日期", imports.MSG_REQUIRED),
    ("bad date", {"审核通过日期": "31/08/2020"}, "审核通过日期", di.MSG_DATE),
    ("impossible date", {"审核通过日期": "2020-02-30"}, "审核通过日期", di.MSG_DATE),
    ("future date", {"审核通过日期": "2999-01-01"}, "审核通过日期", di.MSG_FUTURE_DATE),
    (
        "waiting without reason",
        {
            "毕业去向代码": "71",
            "未就业原因": "",
            **dict.fromkeys(di.EMPLOYER_REQUIRED_COLUMNS, ""),
            "统一社会信用代码": "",
        },
        "未就业原因",
        imports.MSG_REQUIRED,
    ),  # fmt: skip
]


@pytest.mark.parametrize(("kind", "changes", "column", "message"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_every_kind_of_bad_row_is_rejected_by_row_and_column_and_nothing_is_written(
    tmp_path, org, kind, changes, column, message
):
    good = employed_row(org.graduates["b1"][0])
    bad = employed_row(org.own_graduate, **changes)
    before = snapshot()

    result = run_import(xlsx(tmp_path, [good, bad]), actor=org.centre)

    assert result.errors == [RowError(3, column, str(message))]
    assert not result.written and snapshot() == before


def test_an_unknown_reason_names_the_reasons(tmp_path, org):
    result = run_import(xlsx(tmp_path, [waiting_row(org.own_graduate, reason="在家")]), actor=org.centre)

    (error,) = result.errors
    assert (error.row, error.column) == (2, "未就业原因")
    assert "求职中" in error.message and "身体健康状况" in error.message


def test_a_student_number_twice_is_an_error_on_both_rows(tmp_path, org):
    rows = [employed_row(org.own_graduate), waiting_row(org.own_graduate)]

    result = run_import(xlsx(tmp_path, rows), actor=org.centre)

    assert result.errors == [
        RowError(2, "学号", imports.MSG_DUPLICATE_STUDENT_NO.format(rows="3")),
        RowError(3, "学号", imports.MSG_DUPLICATE_STUDENT_NO.format(rows="2")),
    ]
    assert DestinationPlan.objects.count() == 0


def test_every_error_of_a_file_is_listed_in_row_and_column_order(tmp_path, org):
    rows = [
        employed_row(org.own_graduate, **{"单位名称": "", "单位所在地": "火星"}),
        waiting_row(org.graduates["b1"][0], reason=""),
        {"学号": "nobody", "毕业去向代码": "11", "审核通过日期": "x"},
    ]

    result = run_import(xlsx(tmp_path, rows), actor=org.centre)

    assert [(e.row, e.column) for e in result.errors] == [
        (2, "单位名称"),
        (2, "单位所在地"),
        (3, "未就业原因"),
        (4, "学号"),
        (4, "单位名称"),
        (4, "单位性质代码"),
        (4, "单位行业代码"),
        (4, "单位所在地"),
        (4, "审核通过日期"),
    ]
    assert DestinationPlan.objects.count() == 0


def test_a_missing_required_column_rejects_the_file(tmp_path, org):
    header = ["学号", "毕业去向代码"]

    result = run_import(
        xlsx(tmp_path, [{"学号": org.own_graduate.student_no, "毕业去向代码": "80"}], header=header),
        actor=org.centre,
    )

    assert result.errors == [RowError(None, "", imports.MSG_MISSING_COLUMNS.format(columns="审核通过日期"))]


def test_a_file_that_is_not_a_spreadsheet_is_rejected(tmp_path, org):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(PNG_BYTES)

    result = run_import(path, actor=org.centre)

    assert result.errors == [RowError(None, "", str(uploads.MSG_NOT_SPREADSHEET))]


def test_a_header_without_rows_is_rejected(tmp_path, org):
    result = run_import(xlsx(tmp_path, []), actor=org.centre)

    assert result.errors == [RowError(None, "", str(imports.MSG_NO_ROWS))]


def test_a_plan_approved_between_the_check_and_the_write_rolls_everything_back(tmp_path, org, monkeypatch):
    # given: the checks see no plan in force; the writes then find one (as if the centre approved it meanwhile)
    plan = approved_plan(org)
    real = di._load_registered
    monkeypatch.setattr(di, "_load_registered", lambda ids, *_fields: {})
    before = snapshot()

    result = run_import(xlsx(tmp_path, [waiting_row(org.own_graduate)]), actor=org.centre)

    monkeypatch.setattr(di, "_load_registered", real)
    assert result.errors == [RowError(None, "", str(imports.MSG_CONCURRENT_CHANGE))]
    assert snapshot() == before
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


# --- cost ----------------------------------------------------------------------------------------------------


def _graduates(org, count):
    return [make_graduate(org.class_b1) for _ in range(count)]


def test_the_queries_of_a_dry_run_do_not_grow_with_the_rows(tmp_path, org, django_assert_max_num_queries):
    small = xlsx(tmp_path, [employed_row(g) for g in _graduates(org, 5)], name="small.xlsx")
    large = xlsx(tmp_path, [waiting_row(g) for g in _graduates(org, 120)], name="large.xlsx")
    with CaptureQueriesContext(connection) as small_queries:
        assert run_import(small, actor=None, dry_run=True).new == 5

    with django_assert_max_num_queries(len(small_queries)):
        result = run_import(large, actor=None, dry_run=True)

    assert result.new == 120
    assert len(small_queries) == 7  # five code tables, the graduates, their registered plans


def test_a_confirmed_import_writes_with_a_bounded_number_of_queries(
    tmp_path, org, django_assert_max_num_queries
):
    graduates = _graduates(org, 150)
    for graduate in graduates[:50]:  # 50 of them have an earlier plan in force, to be superseded
        DestinationPlan.objects.create(
            graduate=graduate,
            destination=code("70"),
            not_employed_reason=NotEmployedReason.objects.get(name="求职中"),
            status=PlanStatus.APPROVED,
            approved_on=datetime.date(2020, 6, 1),
            approved_at=timezone.make_aware(datetime.datetime(2020, 6, 1, 9)),
            created_by=org.centre,
        )
    path = xlsx(tmp_path, [employed_row(g) for g in graduates])

    # five code tables, graduates, registered plans; one UPDATE, one INSERT of plans, one of events (+ savepoint)
    with django_assert_max_num_queries(12):
        result = run_import(path, actor=org.centre)

    assert (result.new, result.changed) == (100, 50)
    assert DestinationPlan.objects.filter(status=PlanStatus.APPROVED).count() == 150
    assert DestinationPlan.objects.filter(status=PlanStatus.SUPERSEDED).count() == 50
    assert PlanEvent.objects.count() == 200


# --- the command ---------------------------------------------------------------------------------------------


def command(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_destinations", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_as_the_first_active_centre_user(tmp_path, org):
    make_user(Role.CENTRE, username="centre-later")

    out, err = command(str(xlsx(tmp_path, [employed_row(org.own_graduate)])))

    assert "导入完成：新登记 1 人，变更 0 人，未变 0 人。" in out and err == ""
    assert PlanEvent.objects.get().actor == org.centre


def test_the_command_names_the_actor_given(tmp_path, org):
    other = make_user(Role.CENTRE, username="centre-2")

    command(str(xlsx(tmp_path, [employed_row(org.own_graduate)])), "--actor", "centre-2")

    assert PlanEvent.objects.get().actor == other


def test_the_command_dry_run_writes_nothing(tmp_path, org):
    out, _err = command(str(xlsx(tmp_path, [employed_row(org.own_graduate)])), "--dry-run")

    assert out.startswith("预检通过（未写入）：新登记 1 人")
    assert DestinationPlan.objects.count() == 0


def test_the_command_exits_1_on_rejected_input_with_every_error_on_stderr(tmp_path, org):
    rows = [employed_row(org.own_graduate, **{"单位行业代码": "99"}), waiting_row(org.graduates["b1"][0])]
    err = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_destinations", str(xlsx(tmp_path, rows)), stderr=err)

    assert raised.value.returncode == 1
    assert err.getvalue().splitlines() == [
        f"第 2 行 单位行业代码：{di.MSG_UNKNOWN_INDUSTRY.format(value='99')}"
    ]
    assert DestinationPlan.objects.count() == 0


@pytest.mark.parametrize(
    "args",
    [["nope.xlsx"], ["FILE", "--actor", "nobody"], ["FILE", "--actor", "counsellor-a1"]],
    ids=["missing file", "unknown actor", "actor not centre"],
)
def test_the_command_exits_2_on_bad_arguments(tmp_path, org, args):
    path = str(xlsx(tmp_path, [employed_row(org.own_graduate)]))
    args = [path if a == "FILE" else str(tmp_path / a) if a.endswith(".xlsx") else a for a in args]

    with pytest.raises(CommandError) as raised:
        command(*args)

    assert raised.value.returncode == 2
    assert DestinationPlan.objects.count() == 0


def test_the_command_refuses_without_an_active_centre_user(tmp_path, org):
    org.centre.is_active = False
    org.centre.save()

    with pytest.raises(CommandError) as raised:
        command(str(xlsx(tmp_path, [employed_row(org.own_graduate)])))

    assert raised.value.returncode == 2


def test_no_file_argument_exits_2_from_the_command_line():
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="hpi_employment.settings.test")
    completed = subprocess.run(
        [sys.executable, "manage.py", "import_destinations"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        timeout=60,
    )

    assert completed.returncode == 2
    assert b"file" in completed.stderr


# --- the pages -----------------------------------------------------------------------------------------------

IMPORT_URL = reverse("plans:import")
CONFIRM_URL = reverse("plans:import_confirm")


def preview(client, path: Path):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(path.name, path.read_bytes())})


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.ADMIN])
@pytest.mark.parametrize("url", [IMPORT_URL, CONFIRM_URL])
def test_only_the_centre_may_import(client, org, role, url):
    client.force_login(org.user_for(role))

    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403


def test_both_views_name_the_centre_as_their_only_role():
    assert views_import.destination_import_view.allowed_roles == (Role.CENTRE,)
    assert views_import.destination_import_confirm_view.allowed_roles == (Role.CENTRE,)


def test_the_page_has_the_import_pattern_and_no_inline_code(client, org):
    client.force_login(org.centre)

    html = client.get(IMPORT_URL).content.decode()

    assert 'id="import-upload"' in html and 'type="file" name="file"' in html and ">预检</button>" in html
    assert "确认导入" not in html
    assert_no_inline_script_or_style(html)


def test_the_template_download_has_the_contract_header(client, org):
    client.force_login(org.centre)

    response = client.get(IMPORT_URL, {"download": "template"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADER


def test_preview_then_confirm_records_the_plans_as_the_centre_user(client, org, tmp_path):
    client.force_login(org.centre)
    rows = [employed_row(org.own_graduate), waiting_row(org.graduates["b1"][0])]

    response = preview(client, xlsx(tmp_path, rows))

    html = response.content.decode()
    assert '<dd id="count-new">2</dd>' in html and '<dd id="count-unchanged">0</dd>' in html
    assert 'id="import-ready"' in html and ">确认导入</button>" in html
    assert DestinationPlan.objects.count() == 0

    response = client.post(CONFIRM_URL, {"token": client.session[views_import.SESSION_KEY]["token"]})

    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.status, job.rows_done) == (JobKind.DESTINATION_IMPORT, JobStatus.SUCCEEDED, 2)
    page = client.get(response.url).content.decode()
    assert str(views_import.MSG_IMPORTED.format(new=2, changed=0, unchanged=0)) in page
    assert DestinationPlan.objects.filter(status=PlanStatus.APPROVED, created_by=org.centre).count() == 2
    assert set(PlanEvent.objects.values_list("actor", flat=True)) == {org.centre.pk}


def test_a_rejected_file_lists_every_error_and_offers_no_confirmation(client, org, tmp_path):
    client.force_login(org.centre)
    rows = [employed_row(org.own_graduate, **{"单位性质代码": "98"}), waiting_row(org.graduates["b1"][0])]

    response = preview(client, xlsx(tmp_path, rows))

    html = response.content.decode()
    assert 'id="import-rejected"' in html and 'id="import-errors"' in html
    assert str(di.MSG_UNKNOWN_UNIT_NATURE.format(value="98")) in html
    assert "确认导入" not in html and views_import.SESSION_KEY not in client.session


def test_confirming_without_a_preview_or_with_an_old_one_imports_nothing(client, org, tmp_path):
    client.force_login(org.centre)
    response = client.post(CONFIRM_URL, {"token": "0" * 32})
    assert response.url == IMPORT_URL
    assert [str(m) for m in get_messages(response.wsgi_request)] == [str(pending.MSG_NO_PENDING)]

    preview(client, xlsx(tmp_path, [employed_row(org.own_graduate)], name="a.xlsx"))
    old = client.session[views_import.SESSION_KEY]["token"]
    preview(client, xlsx(tmp_path, [waiting_row(org.graduates["b1"][0])], name="b.xlsx"))
    response = client.post(CONFIRM_URL, {"token": old})

    assert [str(m) for m in get_messages(response.wsgi_request)] == [str(pending.MSG_STALE_PREVIEW)]
    assert DestinationPlan.objects.count() == 0


def test_confirm_checks_again(client, org, tmp_path):
    # given a preview, then the student's plan is approved by the centre with a later date
    client.force_login(org.centre)
    preview(client, xlsx(tmp_path, [waiting_row(org.own_graduate, day="2020-08-01")]))
    approved_plan(org)

    response = client.post(CONFIRM_URL, {"token": client.session[views_import.SESSION_KEY]["token"]})

    job = Job.objects.get()
    assert response.status_code == 302 and job.status == JobStatus.FAILED
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "审核通过日期")]
    assert str(MSG_IMPORT_REFUSED) in client.get(response.url).content.decode()
    assert DestinationPlan.objects.count() == 1


def test_code_tables_used_by_the_rows_exist():
    """The rows above name real codes: a failing lookup here would make the bad-row tests meaningless."""
    assert UnitNature.objects.filter(code="23").exists()
    assert Industry.objects.filter(code="43").exists()
    assert Province.objects.filter(name="湖北省").exists()

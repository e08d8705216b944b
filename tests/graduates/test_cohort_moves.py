"""Cohort moves in the graduate import (issue 10, scenario 8; Deliver 4).

Re-importing a 学号 with another 届别 moves the graduate and their registered destination plans out of the
earlier cohort, so that cohort's figures at past dates change. Such a move is a row error of the dry run
unless the row's 毕业状态 says 延期毕业 (to a later cohort) or the importer confirms cohort moves (the
confirm page's box, the command's --confirm-cohort-moves); an applied move is named in the graduate's history.
A graduate without registered plans moves with a notice.
"""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from apps.accounts.models import Role
from apps.graduates import imports, views_import
from apps.graduates.imports import RowError, graduate_import
from apps.graduates.models import Graduate
from apps.plans.models import PlanStatus
from apps.plans.selectors import effective_plans

from ..factories import make_cohort, make_user
from ..html import assert_no_inline_script_or_style
from ..plans.factories import registered_plan
from .fixtures_import import good_row, make_import_org, write_xlsx

pytestmark = pytest.mark.django_db

CUT_OFF = datetime.date(2020, 8, 31)


@pytest.fixture
def centre():
    make_import_org()
    return make_user(Role.CENTRE, username="centre")


def imported(tmp_path, *rows, name="first.xlsx", **options):
    result = graduate_import(rows_source=write_xlsx(tmp_path / name, list(rows)), dry_run=False, **options)
    assert result.ok, result.errors
    return result


def moved_row(n=1, year="2021", status=""):
    return good_row(n, {"届别": year, "毕业状态": status})


def move_notices(result) -> list[RowError]:
    """The cohort notices (the rows' other warnings, e.g. a gender the ID number disagrees with, aside)."""
    return [warning for warning in result.warnings if warning.column == "届别"]


def cohort_2020_at_cut_off() -> set[int]:
    return set(
        effective_plans(as_of=CUT_OFF, graduates=Graduate.objects.filter(cohort__year=2020)).values_list(
            "graduate_id", flat=True
        )
    )


@pytest.fixture
def registered_graduate(tmp_path, centre):
    """A 2020 graduate (imported) whose destination the centre registered on 2020-07-01."""
    imported(tmp_path, good_row(1))
    graduate = Graduate.objects.get()
    registered_plan(graduate, "11", datetime.date(2020, 7, 1), created_by=centre)
    return graduate


# --- the service ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("dry_run", [True, False])
def test_moving_a_graduate_with_a_registered_plan_is_a_row_error_and_nothing_changes(
    tmp_path, registered_graduate, dry_run
):
    before = cohort_2020_at_cut_off()
    history = registered_graduate.history.count()

    result = graduate_import(rows_source=write_xlsx(tmp_path / "moved.xlsx", [moved_row()]), dry_run=dry_run)

    message = imports.MSG_COHORT_MOVE_REGISTERED.format(old=2020, new=2021, count=1)
    assert result.errors == [RowError(2, "届别", str(message))]
    assert result.needs_confirmation and not result.written
    registered_graduate.refresh_from_db()
    assert registered_graduate.cohort.year == 2020
    assert cohort_2020_at_cut_off() == before == {registered_graduate.pk}
    assert registered_graduate.history.count() == history


@pytest.mark.parametrize(
    ("status", "counts"),
    [
        (PlanStatus.APPROVED, True),
        (PlanStatus.SUPERSEDED, True),
        (PlanStatus.FALSE, True),
        (PlanStatus.SUBMITTED, False),
        (PlanStatus.CANCELLED, False),
    ],
)
def test_approved_superseded_and_false_plans_are_registered_ones(tmp_path, centre, status, counts):
    imported(tmp_path, good_row(1))
    graduate = Graduate.objects.get()
    registered_plan(graduate, "11", datetime.date(2020, 7, 1), created_by=centre, status=status)

    result = graduate_import(rows_source=write_xlsx(tmp_path / "moved.xlsx", [moved_row()]), dry_run=True)

    assert result.ok is not counts
    if not counts:
        assert move_notices(result) == [
            RowError(2, "届别", str(imports.MSG_COHORT_MOVE.format(old=2020, new=2021)))
        ]


def test_a_deferred_graduation_moves_the_graduate_and_names_it_in_the_history(tmp_path, registered_graduate):
    # when the file says the graduate graduates a year later
    result = imported(tmp_path, moved_row(status="延期毕业"), name="deferred.xlsx")

    # then the move is applied, listed, and the history says why
    notice = imports.MSG_COHORT_MOVE_APPLIED.format(old=2020, new=2021, why="延期毕业", count=1)
    assert move_notices(result) == [RowError(2, "届别", str(notice))]
    registered_graduate.refresh_from_db()
    assert registered_graduate.cohort.year == 2021
    latest = registered_graduate.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason == imports.MOVE_REASON.format(old=2020, new=2021, why="延期毕业")
    assert latest.cohort.year == 2021
    assert cohort_2020_at_cut_off() == set()


def test_a_deferred_graduation_to_an_earlier_cohort_is_an_error(tmp_path, registered_graduate):
    make_cohort(2019)

    result = graduate_import(
        rows_source=write_xlsx(tmp_path / "x.xlsx", [moved_row(year="2019", status="延期毕业")]), dry_run=True
    )

    message = imports.MSG_DEFERRED_TO_EARLIER.format(old=2020, new=2019, count=1)
    assert result.errors == [RowError(2, "届别", str(message))]


def test_a_normal_graduation_status_does_not_allow_the_move(tmp_path, registered_graduate):
    result = graduate_import(
        rows_source=write_xlsx(tmp_path / "x.xlsx", [moved_row(status="正常毕业")]), dry_run=True
    )

    assert [(e.row, e.column) for e in result.errors] == [(2, "届别")]


def test_the_importers_confirmation_moves_the_graduate_and_is_recorded(tmp_path, registered_graduate, centre):
    result = imported(tmp_path, moved_row(), name="confirmed.xlsx", confirm_cohort_moves=True, actor=centre)

    notice = imports.MSG_COHORT_MOVE_APPLIED.format(old=2020, new=2021, why=imports.MOVE_CONFIRMED, count=1)
    assert move_notices(result) == [RowError(2, "届别", str(notice))]
    registered_graduate.refresh_from_db()
    assert registered_graduate.cohort.year == 2021
    latest = registered_graduate.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason == imports.MOVE_REASON.format(
        old=2020, new=2021, why=imports.MOVE_CONFIRMED
    )
    assert latest.history_user == centre


def test_a_graduate_without_registered_plans_moves_with_a_notice(tmp_path, centre):
    imported(tmp_path, good_row(1), good_row(2))

    dry = graduate_import(
        rows_source=write_xlsx(tmp_path / "m.xlsx", [moved_row(1), good_row(2)]), dry_run=True
    )
    result = imported(tmp_path, moved_row(1), good_row(2), name="m.xlsx")

    notice = RowError(2, "届别", str(imports.MSG_COHORT_MOVE.format(old=2020, new=2021)))
    assert dry.ok and move_notices(dry) == [notice] and move_notices(result) == [notice]
    assert (result.changed, result.unchanged) == (1, 1)
    graduate = Graduate.objects.get(student_no=good_row(1)["学号"])
    assert graduate.cohort.year == 2021
    latest = graduate.history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason == imports.MOVE_REASON.format(
        old=2020, new=2021, why="无已登记的毕业去向方案"
    )


def test_other_rows_keep_the_plain_import_reason(tmp_path, centre):
    imported(tmp_path, good_row(1))

    imported(tmp_path, good_row(1, {"姓名": "张改"}), name="renamed.xlsx")

    latest = Graduate.objects.get().history.order_by("-history_date", "-history_id").first()
    assert latest.history_change_reason == imports.HISTORY_REASON


@pytest.mark.parametrize("value", ["肄业", "延期"])
def test_an_unknown_graduation_status_is_a_row_error(tmp_path, centre, value):
    result = graduate_import(
        rows_source=write_xlsx(tmp_path / "x.xlsx", [good_row(1, {"毕业状态": value})]), dry_run=True
    )

    assert result.errors == [RowError(2, "毕业状态", str(imports.MSG_GRADUATION_STATUS))]
    assert not result.needs_confirmation


def test_other_errors_are_not_lifted_by_the_confirmation(tmp_path, registered_graduate):
    rows = [moved_row(), good_row(2, {"性别": "?"})]

    result = graduate_import(
        rows_source=write_xlsx(tmp_path / "x.xlsx", rows), dry_run=False, confirm_cohort_moves=True
    )

    assert [(e.row, e.column) for e in result.errors] == [(3, "性别")]
    registered_graduate.refresh_from_db()
    assert registered_graduate.cohort.year == 2020


# --- the command ---------------------------------------------------------------------------------------------


def test_the_command_refuses_a_move_and_applies_it_with_the_flag(tmp_path, registered_graduate):
    path = str(write_xlsx(tmp_path / "moved.xlsx", [moved_row()]))
    err = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_graduates", path, stdout=io.StringIO(), stderr=err)

    assert raised.value.returncode == 1
    message = imports.MSG_COHORT_MOVE_REGISTERED.format(old=2020, new=2021, count=1)
    from apps.graduates.management.commands import import_graduates as command

    assert err.getvalue().splitlines() == [f"第 2 行 届别：{message}", str(command.MSG_CONFIRM_HINT)]
    registered_graduate.refresh_from_db()
    assert registered_graduate.cohort.year == 2020

    out = io.StringIO()
    call_command("import_graduates", path, "--confirm-cohort-moves", stdout=out, stderr=io.StringIO())

    registered_graduate.refresh_from_db()
    assert registered_graduate.cohort.year == 2021
    assert "届别由2020届改为2021届" in out.getvalue()


# --- the pages -----------------------------------------------------------------------------------------------

IMPORT_URL = reverse("graduates:import")
CONFIRM_URL = reverse("graduates:import_confirm")


def test_the_preview_lists_the_move_and_offers_the_box_and_nothing_moves_without_it(
    client, tmp_path, registered_graduate, centre
):
    client.force_login(centre)
    path = write_xlsx(tmp_path / "moved.xlsx", [moved_row()])

    # the dry run lists the move and offers a confirmation with the box
    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    html = response.content.decode()
    assert 'id="import-cohort-moves"' in html and 'name="confirm_cohort_moves"' in html
    assert str(imports.MSG_COHORT_MOVE_REGISTERED.format(old=2020, new=2021, count=1)) in html
    assert 'id="import-rejected"' not in html
    assert_no_inline_script_or_style(html)
    token = client.session[views_import.SESSION_KEY]["token"]

    # confirming without the box writes nothing and asks for it, the upload kept
    response = client.post(CONFIRM_URL, {"token": token})
    assert response.status_code == 200
    assert str(views_import.MSG_CONFIRM_MOVES) in response.content.decode()
    registered_graduate.refresh_from_db()
    assert registered_graduate.cohort.year == 2020
    assert client.session[views_import.SESSION_KEY]["token"] == token

    # with the box the move is applied, by the centre user, named in the history
    response = client.post(CONFIRM_URL, {"token": token, "confirm_cohort_moves": "on"}, follow=True)
    assert str(views_import.MSG_IMPORTED.format(new=0, changed=1, unchanged=0)) in response.content.decode()
    registered_graduate.refresh_from_db()
    assert registered_graduate.cohort.year == 2021
    latest = registered_graduate.history.order_by("-history_date", "-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (
        centre,
        imports.MOVE_REASON.format(old=2020, new=2021, why=imports.MOVE_CONFIRMED),
    )


def test_a_file_with_other_errors_offers_no_confirmation(client, tmp_path, registered_graduate, centre):
    client.force_login(centre)
    path = write_xlsx(tmp_path / "bad.xlsx", [moved_row(), good_row(2, {"性别": "?"})])

    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile(path.name, path.read_bytes())})

    html = response.content.decode()
    assert 'id="import-rejected"' in html and 'id="import-confirm"' not in html
    assert views_import.SESSION_KEY not in client.session

"""Demo loaders never touch real work (issue 10, scenario 1).

The whole demo is loaded once for the module by ``load_demo`` into the empty test database (the "empty: it
loads" case) and the database is emptied again afterwards. Each test then does its real work inside its own
transaction (rolled back after it): a centre's approval, a graduate's contact edit, an import, a support entry,
a park record, a new account; and runs a loader again. Every loader must refuse with exit status 1, say what it
found, and leave every table exactly as it was; ``--reset`` rebuilds only when confirmed; a database holding just
the demo is a no-op; ``make run``'s commands leave a database with real work alone and exit 0.
"""

import datetime
import io
import re
import shlex
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command, get_commands, load_command_class
from django.test import override_settings

from apps.accounts.models import Role, User
from apps.demo.command import ALREADY_LOADED, REFUSED, RESET_CANCELLED, RESET_NEEDS_YES, RESET_QUESTION
from apps.demo.guard import Kind, demo_state, fingerprint
from apps.demo.management.commands.load_demo import ALREADY_THERE, LEFT_ALONE, PARTS, REMOVES
from apps.demo.models import DemoLoad
from apps.graduates.demo import DEMO_ACCOUNTS, demo_graduate_rows
from apps.graduates.imports import graduate_import
from apps.graduates.models import Cohort, Graduate
from apps.graduates.services import graduate_update_contact
from apps.graduates.uploads import Table
from apps.park.models import PatrolRecord, Site, Tenant
from apps.park.services.operations import patrol_record
from apps.plans.models import DestinationPlan, PlanEvent, PlanStatus
from apps.plans.services import plan_transition
from apps.plans.workflow import Action
from apps.support.models import ActionKind, SupportAction, SupportCase
from apps.support.services import support_action_record
from apps.surveys.demo.data import GRADUATE_CAMPAIGNS
from apps.surveys.demo.load import graduate_demo_table
from apps.surveys.imports import survey_response_import
from apps.surveys.models import GraduateResponse, SurveyCampaign, SurveyKind

from .demo_db import empty_the_database
from .factories import log_in

pytestmark = pytest.mark.django_db

LOADERS = [
    "load_demo_cohort",
    "load_demo_support",
    "load_demo_park",
    "load_demo_surveys",
    "load_demo_cohort_2025",
]
MAKEFILE = Path(settings.BASE_DIR) / "Makefile"
CENTRE = DEMO_ACCOUNTS["centre"].username
STUDENT = DEMO_ACCOUNTS["student"].username


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")):
        empty_the_database()
        assert demo_state().kind == Kind.EMPTY
        out = StringIO()
        for name, *args in _make_run_commands():  # what make run does on a new database
            call_command(name, *args, stdout=out)
        yield out.getvalue()
        empty_the_database()


def _command(name: str):
    return load_command_class(get_commands()[name], name)


def _removes(name: str) -> str:
    return REMOVES if name == "load_demo" else _command(name).removes


class Terminal(io.StringIO):
    """What the person at the terminal types."""

    def isatty(self) -> bool:
        return True


# --- the real work -----------------------------------------------------------------------------------------


def _approve():
    """The centre approves a plan waiting for it (the issue's scenario); returns what must survive."""
    plan = DestinationPlan.objects.filter(
        graduate__cohort__year=2020, status=PlanStatus.COLLEGE_APPROVED
    ).first()
    plan_transition(plan_id=plan.pk, action=Action.APPROVE, actor=User.objects.get(username=CENTRE))
    event = PlanEvent.objects.get(plan=plan, action=Action.APPROVE, to_status=PlanStatus.APPROVED)

    def survived():
        assert DestinationPlan.objects.get(pk=plan.pk).status == PlanStatus.APPROVED
        assert PlanEvent.objects.filter(pk=event.pk).exists()

    return survived


def _contact_edit():
    graduate = Graduate.objects.get(user__username=STUDENT)
    graduate_update_contact(
        graduate=graduate, actor=graduate.user, phone="13900001111", email="me@example.com"
    )

    def survived():
        assert Graduate.objects.get(pk=graduate.pk).phone == "13900001111"

    return survived


def _import():
    """The centre imports its own file: the demo student's row with another e-mail address."""
    (row,) = [row for row in demo_graduate_rows() if row["学号"] == STUDENT]
    row = row | {"电子邮箱": "imported@example.com"}
    result = graduate_import(
        rows_source=Table.from_dicts(list(row), [row]), dry_run=False, actor=User.objects.get(username=CENTRE)
    )
    assert result.ok and result.changed == 1

    def survived():
        assert Graduate.objects.get(student_no=STUDENT).email == "imported@example.com"

    return survived


def _support_entry():
    case = SupportCase.objects.filter(graduate__cohort__year=2020).order_by("pk").first()
    entry = support_action_record(
        case_id=case.pk,
        actor=User.objects.get(username=CENTRE),
        kind=ActionKind.CALL,
        acted_on=datetime.date(2020, 9, 1),
        note="电话回访",
    )

    def survived():
        assert SupportAction.objects.filter(pk=entry.pk).exists()

    return survived


def _park_record():
    patrol = patrol_record(
        actor=User.objects.get(username=CENTRE),
        data={
            "site": Site.objects.first(),
            "patrolled_on": datetime.date(2020, 12, 20),
            "findings": "消防通道畅通",
        },
    )

    def survived():
        assert PatrolRecord.objects.filter(pk=patrol.pk).exists()

    return survived


def _survey_import():
    """The centre imports the survey platform's export again, only its first ten answers this time."""
    campaign = SurveyCampaign.objects.get(cohort__year=2020, kind=SurveyKind.GRADUATES)
    table = graduate_demo_table(next(spec for spec in GRADUATE_CAMPAIGNS if spec["year"] == 2020))
    table = Table(header=table.header, rows=table.rows[:10])
    assert survey_response_import(campaign=campaign, rows_source=table, dry_run=False).ok

    def survived():
        assert GraduateResponse.objects.filter(campaign=campaign).count() == 10

    return survived


def _account():
    user = User.objects.create_user(username="fdy-new", password="x", role=Role.COUNSELLOR)

    def survived():
        assert User.objects.filter(pk=user.pk).exists()

    return survived


REAL_WORK = {
    "approval": _approve,
    "contact edit": _contact_edit,
    "import": _import,
    "support entry": _support_entry,
    "park record": _park_record,
    "survey import": _survey_import,
    "new account": _account,
}


# --- refused -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("work", list(REAL_WORK))
@pytest.mark.parametrize("loader", [*LOADERS, "load_demo"])
def test_after_real_work_every_loader_refuses_and_changes_nothing(demo, loader, work):
    # given the demo, then real work
    survived = REAL_WORK[work]()
    state = demo_state()
    assert state.kind == Kind.OTHER
    before = fingerprint()
    loads = DemoLoad.objects.count()
    # when a loader runs again
    with pytest.raises(CommandError) as refused:
        call_command(loader, stdout=StringIO())
    # then it refuses with exit status 1, says what it found, and nothing changed
    assert refused.value.returncode == 1
    assert str(refused.value) == str(REFUSED).format(
        command=loader, found=state.describe(), removes=_removes(loader)
    )
    assert fingerprint() == before and DemoLoad.objects.count() == loads
    survived()


def test_the_refusal_lists_the_tables_that_changed(demo):
    _approve()
    found = demo_state().describe()
    assert str(DestinationPlan._meta.verbose_name) in found and str(PlanEvent._meta.verbose_name) in found


def test_signing_in_is_not_work(demo, client):
    user = User.objects.get(username=CENTRE)
    assert log_in(client, CENTRE, DEMO_ACCOUNTS["centre"].password)
    assert User.objects.get(pk=user.pk).last_login is not None
    assert demo_state().kind == Kind.DEMO


# --- just the demo: a no-op --------------------------------------------------------------------------------


def test_the_empty_database_got_the_whole_demo(demo):
    assert list(DemoLoad.objects.order_by("pk").values_list("loader", flat=True)) == LOADERS
    assert set(DemoLoad.objects.order_by("pk").last().parts) == PARTS
    assert Graduate.objects.filter(cohort__year=2020).count() == 5098
    assert SupportCase.objects.count() == 510 and Tenant.objects.count() == 50
    assert GraduateResponse.objects.filter(campaign__cohort__year=2020).count() == 4144
    for account in DEMO_ACCOUNTS.values():
        assert account.username in demo and account.password in demo
    assert demo_state().kind == Kind.DEMO


@pytest.mark.parametrize("loader", LOADERS)
def test_on_just_the_demo_a_loader_changes_nothing_and_says_so(demo, loader):
    before, loads = fingerprint(), DemoLoad.objects.count()
    out = StringIO()
    call_command(loader, stdout=out)
    assert str(ALREADY_LOADED).format(command=loader, title=_command(loader).title) in out.getvalue()
    assert fingerprint() == before and DemoLoad.objects.count() == loads


@pytest.mark.parametrize("args", [[], ["--if-empty"]])
def test_on_just_the_demo_load_demo_changes_nothing_and_prints_the_accounts(demo, args):
    before, loads = fingerprint(), DemoLoad.objects.count()
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    assert str(ALREADY_THERE) in out.getvalue()
    assert DEMO_ACCOUNTS["centre"].username in out.getvalue()
    assert fingerprint() == before and DemoLoad.objects.count() == loads


# --- make run ----------------------------------------------------------------------------------------------


def _make_run_commands() -> list[list[str]]:
    """The ``manage.py`` commands of the Makefile's ``run`` recipe, but migrate and runserver."""
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", MAKEFILE.read_text(), re.MULTILINE).group(1)
    commands = []
    for line in recipe.splitlines():
        words = shlex.split(line.strip())
        if len(words) > 2 and words[1] == "manage.py" and words[2] not in ("migrate", "runserver"):
            commands.append(words[2:])
    return commands


def test_make_run_leaves_a_database_with_real_work_alone(demo):
    # given the demo, and the centre's approval since
    survived = _approve()
    before = fingerprint()
    commands = _make_run_commands()
    assert commands, "make run loads the demo through manage.py commands"
    # when make run runs its commands: none fails (the server then starts), none changes anything
    out = StringIO()
    for name, *args in commands:
        call_command(name, *args, stdout=out)
    assert str(LEFT_ALONE) in out.getvalue()
    assert fingerprint() == before
    survived()


def test_make_run_loads_only_what_load_demo_if_empty_loads():
    assert _make_run_commands() == [["load_demo", "--if-empty"]]


# --- --reset -----------------------------------------------------------------------------------------------


def test_reset_without_a_terminal_and_without_yes_refuses(demo):
    survived = _park_record()
    before = fingerprint()
    with pytest.raises(CommandError) as refused:
        call_command("load_demo_park", "--reset", stdin=io.StringIO("yes\n"), stdout=StringIO())
    assert refused.value.returncode == 1
    assert str(refused.value) == str(RESET_NEEDS_YES).format(command="load_demo_park")
    assert fingerprint() == before
    survived()


def test_reset_on_a_terminal_asks_and_anything_but_yes_keeps_everything(demo):
    survived = _park_record()
    before = fingerprint()
    out = StringIO()
    with pytest.raises(CommandError) as cancelled:
        call_command("load_demo_park", "--reset", stdin=Terminal("n\n"), stdout=out)
    assert str(cancelled.value) == str(RESET_CANCELLED)
    assert str(RESET_QUESTION) in out.getvalue()
    assert fingerprint() == before
    survived()


def _rows(prefix: str) -> dict[str, int]:
    return {table: entry["rows"] for table, entry in fingerprint().items() if table.startswith(prefix)}


def test_reset_answered_yes_on_a_terminal_rebuilds_the_park(demo):
    demo_park = _rows("park_")
    _park_record()
    call_command("load_demo_park", "--reset", stdin=Terminal("yes\n"), stdout=StringIO())
    assert _rows("park_") == demo_park
    assert demo_state().kind == Kind.DEMO and demo_state().parts == PARTS


def test_reset_yes_rebuilds_the_surveys(demo):
    demo_surveys = _rows("surveys_")
    _survey_import()
    call_command("load_demo_surveys", "--reset", "--yes", stdout=StringIO())
    assert _rows("surveys_") == demo_surveys
    assert demo_state().kind == Kind.DEMO


def _cohort_2020_rows() -> tuple[int, int, int]:
    return (
        Graduate.objects.filter(cohort__year=2020).count(),
        DestinationPlan.objects.filter(graduate__cohort__year=2020).count(),
        PlanEvent.objects.filter(plan__graduate__cohort__year=2020).count(),
    )


def test_reset_yes_rebuilds_the_cohort_and_its_plans(demo):
    demo_rows = _cohort_2020_rows()
    waiting = DestinationPlan.objects.filter(graduate__cohort__year=2020, status=PlanStatus.COLLEGE_APPROVED)
    demo_waiting = waiting.count()
    # given the centre's approval and a student's contact edit
    _approve()
    _contact_edit()
    assert waiting.count() == demo_waiting - 1
    # when the cohort is rebuilt
    out = StringIO()
    call_command("load_demo_cohort", "--reset", "--yes", stdout=out)
    # then both are gone, and the cohort and its plans are the demo's again
    assert waiting.count() == demo_waiting
    assert Graduate.objects.get(user__username=STUDENT).phone != "13900001111"
    assert _cohort_2020_rows() == demo_rows
    # the support ledger, which holds on to the graduates, went with them, as the warning said, and so did the
    # 2025 cohort, which hangs on the 2020 demo's counsellors and classes
    assert _command("load_demo_cohort").removes in out.getvalue()
    assert not SupportCase.objects.exists()
    assert not Graduate.objects.filter(cohort__year=2025).exists()
    state = demo_state()
    assert state.kind == Kind.DEMO and state.parts == PARTS - {"support", "cohort2025"}


# --- the 2025 cohort (2021+ scheme) --------------------------------------------------------------------------


def test_the_2025_cohort_is_on_the_2021_scheme_with_every_category(demo):
    from apps.reports.formatters import report_to_json
    from apps.reports.selectors import annual_report

    cohort = Cohort.objects.get(year=2025)
    assert cohort.destination_scheme == "2021"
    summer = report_to_json(annual_report(cohort=cohort, as_of=datetime.date(2025, 8, 31)))
    winter = report_to_json(annual_report(cohort=cohort, as_of=datetime.date(2025, 12, 31)))
    assert (summer["graduates"], summer["employed"], summer["employment_rate"]) == (1531, 1068, 69.76)
    assert summer["rate_name"] == "毕业去向落实率"
    assert [(r["name"], r["count"]) for r in summer["by_category"]] == [
        ("单位就业", 635), ("自主创业", 18), ("自由职业", 77), ("升学", 338), ("待就业", 412), ("暂不就业", 51),
    ]  # fmt: skip
    assert (winter["employed"], winter["employment_rate"]) == (1317, 86.02)
    # 专升本 under 80 境内升学 is the largest 升学
    upgrades = DestinationPlan.objects.filter(
        graduate__cohort=cohort, status=PlanStatus.APPROVED, destination__code="80"
    ).count()
    assert upgrades == 398
    statuses = Counter(
        DestinationPlan.objects.filter(graduate__cohort=cohort).values_list("status", flat=True)
    )
    assert statuses == {
        PlanStatus.APPROVED: 1486, PlanStatus.SUPERSEDED: 45, PlanStatus.RETURNED: 20,
        PlanStatus.SUBMITTED: 15, PlanStatus.COUNSELLOR_APPROVED: 10,
    }  # fmt: skip


def test_the_2025_open_work_carries_the_dates_of_the_demo_story(demo):
    events = PlanEvent.objects.filter(plan__graduate__cohort__year=2025)
    assert events.count() > 1531
    assert {at.year for at in events.values_list("created_at", flat=True)} == {2025}
    plans = DestinationPlan.objects.filter(graduate__cohort__year=2025)
    assert {at.year for at in plans.values_list("created_at", flat=True)} == {2025}
    histories = [
        *Graduate.history.filter(cohort__year=2025),
        *DestinationPlan.history.filter(graduate__cohort__year=2025),
    ]
    assert {row.history_date.year for row in histories} == {2025}


def test_the_demo_counsellor_sees_both_cohorts_of_their_classes(demo):
    counsellor = User.objects.get(username=DEMO_ACCOUNTS["counsellor"].username)
    years = Counter(
        Graduate.objects.filter(class_group__in=counsellor.classes.all()).values_list(
            "cohort__year", flat=True
        )
    )
    assert years[2020] == 184 and years[2025] > 0

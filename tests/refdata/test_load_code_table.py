"""Loading a code table from the official 代码表 (``load_code_table``), and the rules a code in use keeps
everywhere: renamed or retired, never re-coded or deleted."""

import datetime

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from apps.graduates.models import Cohort
from apps.plans.models import DestinationPlan, PlanStatus
from apps.refdata import code_tables as ct
from apps.refdata.code_tables import load_code_table
from apps.refdata.models import (
    MSG_CATEGORY_OF_OTHER_SCHEME,
    MSG_USED_CODE_DELETED,
    MSG_USED_CODE_RECODED,
    DestinationCode,
    Province,
    ReportCategory,
    UnitNature,
)

from ..factories import make_graduate
from ..graduates.fixtures_import import write_csv

pytestmark = pytest.mark.django_db

HEADER = ["代码", "名称", "上级代码"]
# Test data, not a national code: the real 专升本 sub-code was not found (domain.md), so none is shipped.
TEST_SUB_CODE = ("899", "境内升学—测试子代码", "80")


def code_file(tmp_path, rows, header=HEADER, name="codes.csv"):
    return write_csv(tmp_path / name, [dict(zip(header, row, strict=False)) for row in rows], header=header)


def load(path, table="destination", scheme="2021", **options):
    return load_code_table(source=path, model=ct.code_table_model(table), scheme=scheme, **options)


def snapshot():
    return list(DestinationCode.objects.order_by("pk").values_list("scheme", "code", "name", "parent_code"))


def used(code: str, scheme: str = "2020", org=None) -> DestinationCode:
    """The code with a plan on it."""
    from apps.accounts.models import User

    entry = DestinationCode.objects.get(scheme=scheme, code=code)
    cohort = Cohort.objects.get_or_create(year=int(scheme) + 4, defaults={"destination_scheme": scheme})[0]
    user = User.objects.order_by("pk").first()
    DestinationPlan.objects.create(
        graduate=make_graduate(org.class_a1, cohort=cohort), destination=entry, status=PlanStatus.APPROVED,
        approved_on=datetime.date(cohort.year, 7, 1), created_by=user,
    )  # fmt: skip
    return entry


# --- loading -------------------------------------------------------------------------------------------------


def test_a_new_sub_code_under_80_takes_the_category_of_80(tmp_path):
    path = code_file(tmp_path, [TEST_SUB_CODE, ("80", "境内升学", "")])

    result = load(path, source_text="教育部 2026届代码表（测试）")

    assert (result.ok, result.new, result.renamed, result.unchanged) == (True, 1, 0, 1)
    entry = DestinationCode.objects.get(scheme="2021", code="899")
    assert (entry.category.name, entry.parent_code, entry.source) == (
        "升学",
        "80",
        "教育部 2026届代码表（测试）",
    )


def test_a_file_with_one_bad_row_is_rejected_whole_with_every_error(tmp_path):
    before = snapshot()
    rows = [TEST_SUB_CODE, ("898", "", "80"), ("897", "境内升学—另一个", "99"), ("899", "重复", "80")]

    result = load(code_file(tmp_path, rows))

    assert not result.ok
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "名称", str(ct.MSG_REQUIRED)),
        (4, "上级代码", str(ct.MSG_UNKNOWN_PARENT.format(parent="99"))),
        (5, "代码", str(ct.MSG_DUPLICATE_CODE.format(code="899", first=2))),
    ]
    assert snapshot() == before


def test_the_command_lists_every_row_error_and_exits_1(tmp_path, capsys):
    before = snapshot()
    path = code_file(tmp_path, [TEST_SUB_CODE, ("8 9", "空格", "80")])

    with pytest.raises(CommandError) as refused:
        call_command("load_code_table", str(path), "--table", "destination", "--scheme", "2021")

    assert refused.value.returncode == 1
    assert "第 3 行 代码：" + str(ct.MSG_CODE_FORMAT) in capsys.readouterr().err
    assert snapshot() == before


def test_the_command_loads_and_reports_counts(tmp_path, capsys):
    path = code_file(tmp_path, [TEST_SUB_CODE])

    call_command(
        "load_code_table", str(path), "--table", "destination", "--scheme", "2021", "--source", "测试"
    )

    assert "新增 1 个" in capsys.readouterr().out
    assert DestinationCode.objects.get(scheme="2021", code="899").source == "测试"


def test_a_dry_run_writes_nothing(tmp_path, capsys):
    before = snapshot()
    path = code_file(tmp_path, [TEST_SUB_CODE])

    call_command("load_code_table", str(path), "--table", "destination", "--scheme", "2021", "--dry-run")

    assert "预检通过（未写入）" in capsys.readouterr().out
    assert snapshot() == before


@pytest.mark.parametrize(
    "arguments",
    [["--table", "nonsense", "--scheme", "2021"], ["--table", "destination", "--scheme", "2099"]],
)
def test_bad_arguments_are_refused(tmp_path, arguments):
    path = code_file(tmp_path, [TEST_SUB_CODE])
    with pytest.raises(CommandError):
        call_command("load_code_table", str(path), *arguments)
    assert not DestinationCode.objects.filter(code="899").exists()


def test_the_code_sheet_of_a_template_is_read_rather_than_the_first(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "填写说明"
    workbook.active.append(["本模板用于……"])
    sheet = workbook.create_sheet("代码表")
    sheet.append(["代码", "名称"])
    sheet.append(["99", "其他（新名称）"])
    workbook.save(tmp_path / "template.xlsx")

    result = load(tmp_path / "template.xlsx", table="unit-nature", scheme="单位性质代码")

    assert (result.ok, result.renamed) == (True, 1)
    assert UnitNature.objects.get(scheme="单位性质代码", code="99").name == "其他（新名称）"


def test_a_new_scheme_of_a_table_is_added_beside_the_old_one(tmp_path):
    path = code_file(tmp_path, [("42", "湖北省")], header=["代码", "名称"])

    result = load(path, table="province", scheme="GB/T 2260-2026（测试）")

    assert (result.ok, result.new) == (True, 1)
    assert Province.objects.filter(code="42").count() == 2


def test_a_name_held_by_another_code_is_refused(tmp_path):
    path = code_file(tmp_path, [("10", "国有企业")], header=["代码", "名称"])

    result = load(path, table="unit-nature", scheme="单位性质代码")

    assert [e.message for e in result.errors] == [str(ct.MSG_NAME_TAKEN.format(name="国有企业", code="31"))]


# --- a code in use -------------------------------------------------------------------------------------------


def test_a_used_code_can_be_renamed_by_a_load(tmp_path, org):
    used("80", scheme="2021", org=org)
    path = code_file(tmp_path, [("80", "境内升学（新名称）", "")])

    result = load(path, source_text="2026届代码表（测试）")

    assert (result.ok, result.renamed) == (True, 1)
    entry = DestinationCode.objects.get(scheme="2021", code="80")
    assert (entry.name, entry.source) == ("境内升学（新名称）", "2026届代码表（测试）")


def test_a_used_code_cannot_move_under_another_parent(tmp_path, org):
    used("801", scheme="2021", org=org)

    result = load(code_file(tmp_path, [("801", "境内升学—研究生", "50")]))

    assert [e.message for e in result.errors] == [
        str(ct.MSG_PARENT_OF_USED_CODE.format(code="801", old="80"))
    ]


def test_a_used_code_can_be_retired_and_renamed(org):
    entry = used("76", org=org)
    entry.name, entry.is_active = "自由职业（停用）", False
    entry.full_clean()
    entry.save()
    assert DestinationCode.objects.get(pk=entry.pk).is_active is False


def test_a_used_code_cannot_be_recoded(org):
    entry = used("76", org=org)
    entry.code = "77"
    message = str(MSG_USED_CODE_RECODED.format(code="76", name=entry.name))

    with pytest.raises(ValidationError) as refused:
        entry.full_clean()
    assert refused.value.messages == [message]
    with pytest.raises(ValidationError):
        entry.save()
    assert DestinationCode.objects.filter(scheme="2020", code="76").exists()


def test_a_used_code_cannot_be_deleted(org):
    entry = used("76", org=org)

    with pytest.raises(ValidationError) as refused:
        entry.delete()

    assert refused.value.messages == [str(MSG_USED_CODE_DELETED.format(code="76", name=entry.name))]
    assert DestinationCode.objects.filter(pk=entry.pk).exists()


def test_an_unused_code_can_be_recoded_and_deleted(tmp_path):
    assert load(code_file(tmp_path, [TEST_SUB_CODE])).ok
    entry = DestinationCode.objects.get(scheme="2021", code="899")
    entry.code = "898"
    entry.full_clean()
    entry.save()
    entry.delete()
    assert not DestinationCode.objects.filter(scheme="2021", code__in=["898", "899"]).exists()


def test_two_codes_may_swap_their_names_in_one_file(tmp_path):
    path = code_file(tmp_path, [("31", "其他企业"), ("39", "国有企业")], header=["代码", "名称"])

    result = load(path, table="unit-nature", scheme="单位性质代码")

    assert (result.ok, result.renamed) == (True, 2)
    names = dict(UnitNature.objects.filter(code__in=["31", "39"]).values_list("code", "name"))
    assert names == {"31": "其他企业", "39": "国有企业"}


def test_a_code_cannot_take_a_category_of_another_schemes_report():
    seed_category = ReportCategory.objects.get(scheme="seed 2.1.1", name="升学、出国")
    entry = DestinationCode(scheme="2021", code="98", name="测试代码", category=seed_category, source="测试")

    with pytest.raises(ValidationError) as refused:
        entry.full_clean()

    message = MSG_CATEGORY_OF_OTHER_SCHEME.format(
        category="升学、出国", scheme="2021", category_scheme="毕业去向落实率"
    )
    assert refused.value.message_dict == {"category": [str(message)]}

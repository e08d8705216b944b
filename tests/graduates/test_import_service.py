import zipfile
from types import SimpleNamespace

import openpyxl
import openpyxl.xml
import pytest
from django.contrib.auth.hashers import is_password_usable
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import Role, User
from apps.graduates import imports, uploads
from apps.graduates.imports import (
    COL_CLASS,
    COL_COHORT,
    COL_COLLEGE,
    COL_EMAIL,
    COL_ETHNICITY,
    COL_GENDER,
    COL_ID_NUMBER,
    COL_MAJOR,
    COL_NAME,
    COL_ORIGIN,
    COL_PHONE,
    COL_POVERTY_COUNTY,
    COL_REGISTERED_POOR,
    COL_STUDENT_NO,
    RowError,
    graduate_import,
)
from apps.graduates.models import ClassGroup, Cohort, Gender, Graduate
from apps.graduates.resources import GraduateResource, graduate_import_template
from apps.graduates.validators import MSG_ID_CHECK_DIGIT, MSG_ID_FORMAT, MSG_PHONE

from ..factories import make_class, make_graduate, make_user, valid_id_number
from .fixtures_import import (
    HEADER,
    PNG_BYTES,
    good_row,
    good_rows,
    make_import_org,
    write_csv,
    write_xlsx,
    write_zip,
    write_zip_bomb,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def majors():
    return make_import_org()


def snapshot() -> dict[str, int]:
    """What a rejected import must leave exactly as it was."""
    return {
        "graduates": Graduate.objects.count(),
        "users": User.objects.count(),
        "classes": ClassGroup.objects.count(),
        "cohorts": Cohort.objects.count(),
        "history": Graduate.history.count(),
    }


# --- a good file -------------------------------------------------------------------------------------------


def test_a_good_file_imports_every_row_with_its_lookups_and_an_account(tmp_path, majors):
    # given
    rows = good_rows(3)
    rows[1].update(
        {"民族": "土家族", "生源地": "云南省", "班级": "护理2班", "建档立卡": "是", "贫困县": "否"}
    )
    rows[2].update(
        {"学历": "本科生毕业", "困难生类别": "家庭困难", "手机号": "13812345678", "电子邮箱": "a@b.cn"}
    )
    path = write_xlsx(tmp_path / "good.xlsx", rows)

    # when
    result = graduate_import(rows_source=path, dry_run=False)

    # then
    assert result.ok, result.errors
    assert (result.new, result.changed, result.unchanged) == (3, 0, 0)
    first, second, third = Graduate.objects.order_by("student_no")
    assert first.student_no == "201700001" and first.name == "张1" and first.gender == Gender.FEMALE
    assert first.cohort.year == 2020 and first.cohort.destination_scheme == "2020"
    assert first.class_group.major == majors["护理"] and first.class_group.name == "护理1班"
    assert first.ethnicity.name == "汉族" and first.origin.name == "湖北省"
    assert first.education_level.name == "专科生毕业" and first.hardship_category.name == "非困难生"
    assert not first.registered_poor and not first.poverty_county and first.phone == "" and first.email == ""
    assert second.ethnicity.name == "土家族" and second.origin.name == "云南省" and second.registered_poor
    assert second.class_group.name == "护理2班" and second.gender == Gender.MALE
    assert third.education_level.name == "本科生毕业" and third.hardship_category.name == "家庭困难"
    assert third.phone == "13812345678" and third.email == "a@b.cn"
    assert ClassGroup.objects.filter(major=majors["护理"]).count() == 2


def test_every_new_graduate_gets_a_student_account_without_a_usable_password(tmp_path, majors):
    path = write_xlsx(
        tmp_path / "good.xlsx", [good_row(1, {"姓名": "欧阳明"}), good_row(2, {"姓名": "李四"})]
    )

    graduate_import(rows_source=path, dry_run=False)

    for graduate in Graduate.objects.select_related("user"):
        user = graduate.user
        assert user.username == graduate.student_no and user.role == Role.STUDENT
        assert user.must_change_password and not is_password_usable(user.password)
        assert user.get_full_name() == graduate.name
    assert User.objects.get(username="201700001").last_name == "欧阳"


def test_an_existing_student_account_of_that_username_is_reused(tmp_path, majors):
    account = make_user(Role.STUDENT, username="201700001")
    path = write_xlsx(tmp_path / "good.xlsx", [good_row(1)])

    result = graduate_import(rows_source=path, dry_run=False)

    assert result.ok
    assert Graduate.objects.get(student_no="201700001").user == account
    assert User.objects.filter(username="201700001").count() == 1


def test_a_cohort_after_2020_is_created_with_the_2021_code_scheme(tmp_path, majors):
    path = write_xlsx(tmp_path / "good.xlsx", [good_row(1, {"届别": "2022"})])

    graduate_import(rows_source=path, dry_run=False)

    assert Cohort.objects.get(year=2022).destination_scheme == "2021"


def test_a_dry_run_counts_and_writes_nothing(tmp_path, majors):
    before = snapshot()
    path = write_xlsx(tmp_path / "good.xlsx", good_rows(4))

    result = graduate_import(rows_source=path, dry_run=True)

    assert result.ok and result.dry_run and not result.written
    assert (result.new, result.changed, result.unchanged) == (4, 0, 0)
    assert snapshot() == before


# --- re-imports --------------------------------------------------------------------------------------------


def test_reimporting_the_same_file_changes_nothing(tmp_path, majors):
    path = write_xlsx(tmp_path / "good.xlsx", good_rows(5))
    graduate_import(rows_source=path, dry_run=False)
    stamps = dict(Graduate.objects.values_list("student_no", "updated_at"))
    before = snapshot()

    result = graduate_import(rows_source=path, dry_run=False)

    assert result.ok
    assert (result.new, result.changed, result.unchanged) == (0, 0, 5)
    assert dict(Graduate.objects.values_list("student_no", "updated_at")) == stamps
    assert snapshot() == before


def test_a_changed_row_updates_just_that_graduate(tmp_path, majors):
    rows = good_rows(3)
    graduate_import(rows_source=write_xlsx(tmp_path / "v1.xlsx", rows), dry_run=False)
    stamps = dict(Graduate.objects.values_list("student_no", "updated_at"))
    rows[1].update({"姓名": "王五", "专业": "助产", "班级": "助产1班", "手机号": "13900001111"})

    result = graduate_import(rows_source=write_xlsx(tmp_path / "v2.xlsx", rows), dry_run=False)

    assert (result.new, result.changed, result.unchanged) == (0, 1, 2)
    changed = Graduate.objects.get(student_no=rows[1]["学号"])
    assert changed.name == "王五" and changed.class_group.major == majors["助产"]
    assert changed.phone == "13900001111"
    assert changed.updated_at > stamps[changed.student_no]
    for row in (rows[0], rows[2]):
        assert Graduate.objects.get(student_no=row["学号"]).updated_at == stamps[row["学号"]]


def test_a_blank_phone_keeps_the_stored_one_and_a_missing_optional_column_leaves_its_field(tmp_path, majors):
    graduate_import(
        rows_source=write_xlsx(
            tmp_path / "v1.xlsx",
            [good_row(1, {"手机号": "13812345678", "困难生类别": "残疾", "建档立卡": "是"})],
        ),
        dry_run=False,
    )
    header = [name for name in HEADER if name not in ("困难生类别", "建档立卡")]

    result = graduate_import(
        rows_source=write_xlsx(tmp_path / "v2.xlsx", [good_row(1)], header), dry_run=False
    )

    assert (result.changed, result.unchanged) == (0, 1)
    graduate = Graduate.objects.get()
    assert (
        graduate.phone == "13812345678"
        and graduate.hardship_category.name == "残疾"
        and graduate.registered_poor
    )


def test_a_graduate_without_an_account_gets_one_on_reimport(tmp_path, majors):
    klass = make_class(majors["护理"], "护理1班")
    graduate = make_graduate(
        klass, student_no="201700001", name="张1", id_number=valid_id_number(1, birth="20000101")
    )
    row = good_row(1, {"性别": graduate.get_gender_display()})

    result = graduate_import(rows_source=write_xlsx(tmp_path / "f.xlsx", [row]), dry_run=False)

    assert (result.new, result.changed) == (0, 1)
    graduate.refresh_from_db()
    assert graduate.user.username == "201700001"


# --- cell formats -------------------------------------------------------------------------------------------


def test_numeric_cells_are_read_as_their_integer_text_and_a_lowercase_x_is_upper_cased(tmp_path, majors):
    id_number = next(
        valid_id_number(n, birth="20000101") for n in range(1000) if valid_id_number(n).endswith("X")
    )
    row = good_row(
        1, {"届别": 2020, "学号": 201700001.0, "手机号": 13812345678, "身份证号": id_number.lower()}
    )

    result = graduate_import(rows_source=write_xlsx(tmp_path / "n.xlsx", [row]), dry_run=False)

    assert result.ok, result.errors
    graduate = Graduate.objects.get()
    assert graduate.student_no == "201700001" and graduate.phone == "13812345678"
    assert graduate.id_number == id_number


def test_a_csv_with_a_bom_imports(tmp_path, majors):
    result = graduate_import(rows_source=write_csv(tmp_path / "g.csv", good_rows(2), bom=True), dry_run=False)

    assert result.ok, result.errors
    assert result.new == 2


def test_a_csv_without_a_bom_imports(tmp_path, majors):
    result = graduate_import(rows_source=write_csv(tmp_path / "g.csv", good_rows(2), bom=False), dry_run=True)

    assert result.ok and result.new == 2


def test_rows_already_in_memory_import_like_a_file(majors):
    table = uploads.Table.from_dicts(HEADER, good_rows(2))

    result = graduate_import(rows_source=table, dry_run=False)

    assert result.new == 2 and Graduate.objects.count() == 2


def test_unknown_columns_are_ignored_and_columns_may_come_in_any_order(tmp_path, majors):
    header = ["备注", *reversed(HEADER)]
    rows = [dict(good_row(1), 备注="随便写")]

    result = graduate_import(rows_source=write_xlsx(tmp_path / "g.xlsx", rows, header), dry_run=False)

    assert result.ok and Graduate.objects.get().name == "张1"


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers(tmp_path, majors):
    rows = [good_row(1), {}, good_row(2, {"性别": "未知"})]

    result = graduate_import(rows_source=write_xlsx(tmp_path / "g.xlsx", rows), dry_run=True)

    assert result.errors == [RowError(4, COL_GENDER, str(imports.MSG_GENDER))]


# --- rejected files: nothing is written ----------------------------------------------------------------------


def test_a_missing_required_column_rejects_the_file_naming_the_columns(tmp_path, majors):
    before = snapshot()
    header = [name for name in HEADER if name not in (COL_STUDENT_NO, COL_ORIGIN)]

    result = graduate_import(rows_source=write_xlsx(tmp_path / "g.xlsx", good_rows(2), header), dry_run=False)

    message = imports.MSG_MISSING_COLUMNS.format(columns=f"{COL_STUDENT_NO}、{COL_ORIGIN}")
    assert result.errors == [RowError(None, "", message)]
    assert snapshot() == before


def test_a_file_with_only_a_header_is_rejected(tmp_path, majors):
    result = graduate_import(rows_source=write_xlsx(tmp_path / "g.xlsx", []), dry_run=False)

    assert result.errors == [RowError(None, "", str(imports.MSG_NO_ROWS))]


def test_a_repeated_column_is_rejected(tmp_path, majors):
    header = [*HEADER, COL_NAME]

    result = graduate_import(rows_source=write_xlsx(tmp_path / "g.xlsx", good_rows(1), header), dry_run=True)

    assert result.errors == [RowError(None, "", imports.MSG_DUPLICATE_COLUMNS.format(columns=COL_NAME))]


def bad_id_check_digit() -> str:
    good = valid_id_number(7, birth="20000101")
    return good[:17] + ("0" if good[17] != "0" else "1")


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"身份证号": "bad"}, COL_ID_NUMBER, MSG_ID_FORMAT),
        ({"身份证号": "CHECK"}, COL_ID_NUMBER, MSG_ID_CHECK_DIGIT),
        ({"学院": "不存在学院"}, COL_COLLEGE, imports.MSG_UNKNOWN_COLLEGE.format(value="不存在学院")),
        (
            {"专业": "数控技术"},
            COL_MAJOR,
            imports.MSG_MAJOR_NOT_OF_COLLEGE.format(college="护理学院", value="数控技术"),
        ),
        ({"民族": "汉"}, COL_ETHNICITY, imports.MSG_UNKNOWN_ETHNICITY.format(value="汉")),
        ({"生源地": "湖北"}, COL_ORIGIN, imports.MSG_UNKNOWN_PROVINCE.format(value="湖北")),
        ({"学历": "大专"}, "学历", imports.MSG_UNKNOWN_EDUCATION.format(value="大专")),
        ({"困难生类别": "贫困"}, "困难生类别", imports.MSG_UNKNOWN_HARDSHIP.format(value="贫困")),
        ({"手机号": "1381234567"}, COL_PHONE, MSG_PHONE),
        ({"手机号": "23812345678"}, COL_PHONE, MSG_PHONE),
        ({"电子邮箱": "not-an-email"}, COL_EMAIL, imports.MSG_EMAIL),
        ({"性别": "M"}, COL_GENDER, imports.MSG_GENDER),
        ({"建档立卡": "Y"}, COL_REGISTERED_POOR, imports.MSG_YES_NO),
        ({"贫困县": "1"}, COL_POVERTY_COUNTY, imports.MSG_YES_NO),
        ({"届别": "二〇二〇"}, COL_COHORT, imports.MSG_COHORT),
        ({"届别": "1999"}, COL_COHORT, imports.MSG_COHORT),
        ({"学号": "2017-001"}, COL_STUDENT_NO, imports.MSG_STUDENT_NO),
        ({"学号": "1" * 21}, COL_STUDENT_NO, imports.MSG_TOO_LONG.format(limit=20)),
        ({"姓名": ""}, COL_NAME, imports.MSG_REQUIRED),
        ({"班级": ""}, COL_CLASS, imports.MSG_REQUIRED),
    ],
)
def test_a_bad_cell_rejects_the_whole_file_with_its_row_and_column(
    tmp_path, majors, changes, column, message
):
    # given: two good rows around the bad one, and one graduate already there
    graduate_import(rows_source=write_xlsx(tmp_path / "first.xlsx", [good_row(9)]), dry_run=False)
    before = snapshot()
    if changes.get("身份证号") == "CHECK":
        changes = {"身份证号": bad_id_check_digit()}
    rows = [good_row(1), good_row(2, changes), good_row(3)]

    # when
    result = graduate_import(rows_source=write_xlsx(tmp_path / "bad.xlsx", rows), dry_run=False)

    # then
    assert result.errors == [RowError(3, column, str(message))]
    assert snapshot() == before


def test_every_error_of_every_row_is_reported_in_row_and_column_order(tmp_path, majors):
    rows = [
        good_row(1, {"性别": "x", "民族": "火星族"}),
        good_row(2),
        good_row(3, {"学院": "无此学院", "手机号": "123"}),
    ]

    result = graduate_import(rows_source=write_xlsx(tmp_path / "bad.xlsx", rows), dry_run=True)

    assert [(error.row, error.column) for error in result.errors] == [
        (2, COL_GENDER),
        (2, COL_ETHNICITY),
        (4, COL_COLLEGE),
        (4, COL_PHONE),
    ]
    assert result.new == 1  # the good row is counted, the file is still rejected
    assert not result.ok


def test_a_student_no_twice_in_one_file_is_an_error_on_every_row_that_has_it(tmp_path, majors):
    before = snapshot()
    rows = [good_row(1), good_row(2, {"学号": "201700001"}), good_row(3), good_row(4, {"学号": "201700001"})]

    result = graduate_import(rows_source=write_xlsx(tmp_path / "dup.xlsx", rows), dry_run=False)

    assert result.errors == [
        RowError(2, COL_STUDENT_NO, imports.MSG_DUPLICATE_STUDENT_NO.format(rows="3、5")),
        RowError(3, COL_STUDENT_NO, imports.MSG_DUPLICATE_STUDENT_NO.format(rows="2、5")),
        RowError(5, COL_STUDENT_NO, imports.MSG_DUPLICATE_STUDENT_NO.format(rows="2、3")),
    ]
    assert snapshot() == before


def test_an_id_number_twice_in_one_file_is_an_error_on_both_rows(tmp_path, majors):
    before = snapshot()
    rows = [good_row(1), good_row(2, {"身份证号": good_row(1)["身份证号"].lower()})]

    result = graduate_import(rows_source=write_xlsx(tmp_path / "dup.xlsx", rows), dry_run=False)

    assert result.errors == [
        RowError(2, COL_ID_NUMBER, imports.MSG_DUPLICATE_ID_NUMBER.format(rows="3")),
        RowError(3, COL_ID_NUMBER, imports.MSG_DUPLICATE_ID_NUMBER.format(rows="2")),
    ]
    assert snapshot() == before


def test_an_id_number_of_another_graduate_is_an_error(tmp_path, majors):
    graduate_import(rows_source=write_xlsx(tmp_path / "first.xlsx", [good_row(1)]), dry_run=False)
    before = snapshot()
    row = good_row(2, {"身份证号": good_row(1)["身份证号"]})

    result = graduate_import(rows_source=write_xlsx(tmp_path / "second.xlsx", [row]), dry_run=False)

    assert result.errors == [
        RowError(2, COL_ID_NUMBER, imports.MSG_ID_NUMBER_TAKEN.format(student_no=good_row(1)["学号"]))
    ]
    assert snapshot() == before


def test_a_staff_account_named_like_the_student_no_is_an_error(tmp_path, majors):
    make_user(Role.COUNSELLOR, username="201700001")
    before = snapshot()

    result = graduate_import(rows_source=write_xlsx(tmp_path / "g.xlsx", [good_row(1)]), dry_run=False)

    assert result.errors == [RowError(2, COL_STUDENT_NO, str(imports.MSG_ACCOUNT_TAKEN))]
    assert snapshot() == before


def test_a_write_that_meets_a_concurrent_change_is_rolled_back_whole(tmp_path, majors, monkeypatch):
    before = snapshot()
    real_write = imports._write

    def write_then_fail(plan, actor):
        real_write(plan, actor)
        raise IntegrityError("concurrent")

    monkeypatch.setattr(imports, "_write", write_then_fail)

    result = graduate_import(rows_source=write_xlsx(tmp_path / "g.xlsx", good_rows(3)), dry_run=False)

    assert result.errors == [RowError(None, "", str(imports.MSG_CONCURRENT_CHANGE))]
    assert snapshot() == before


# --- upload safety --------------------------------------------------------------------------------------------


def test_openpyxl_parses_xml_through_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def must_not_open(*args, **kwargs):
    raise AssertionError("the workbook reader must not open this file")


# Stands in for python-calamine's workbook: a limit must refuse the file before the reader sees it.
NEVER_OPENED = SimpleNamespace(
    from_filelike=must_not_open, from_path=must_not_open, from_object=must_not_open
)


def file_error(result) -> str:
    assert len(result.errors) == 1 and result.errors[0].row is None, result.errors
    return result.errors[0].message


def test_a_png_renamed_xlsx_is_rejected(tmp_path, majors):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(PNG_BYTES)

    assert file_error(graduate_import(rows_source=path, dry_run=False)) == uploads.MSG_NOT_SPREADSHEET


def test_plain_text_renamed_xlsx_is_said_to_be_no_excel_file(tmp_path, majors):
    # issue 11 item 14: no longer read as CSV and reported as missing every required column
    path = tmp_path / "notes.xlsx"
    path.write_text("这不是表格\n只是几行字\n", encoding="utf-8")

    message = file_error(graduate_import(rows_source=path, dry_run=False))

    assert message == uploads.MSG_NOT_WORKBOOK.format(name="notes.xlsx")
    assert Graduate.objects.count() == 0


def test_a_zip_that_is_not_a_workbook_is_rejected(tmp_path, majors):
    path = write_zip(
        tmp_path / "doc.xlsx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}
    )

    assert file_error(graduate_import(rows_source=path, dry_run=False)) == uploads.MSG_NOT_SPREADSHEET


def test_a_damaged_workbook_is_rejected(tmp_path, majors):
    path = write_zip(tmp_path / "bad.xlsx", {"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"<nope"})

    assert file_error(graduate_import(rows_source=path, dry_run=False)) == uploads.MSG_UNREADABLE


def test_a_csv_in_another_encoding_is_rejected_with_how_to_save_it(tmp_path, majors):
    # given: Western Windows text (cp1252), which is neither UTF-8 nor GB18030
    path = tmp_path / "latin.csv"
    path.write_bytes("届别,学号\n".encode() + "2020,Ærø\n".encode("cp1252"))

    assert file_error(graduate_import(rows_source=path, dry_run=False)) == uploads.MSG_CSV_ENCODING


def test_an_oversized_file_is_rejected_before_it_is_read(tmp_path, majors, settings, monkeypatch):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1024
    path = write_xlsx(tmp_path / "big.xlsx", good_rows(50))
    monkeypatch.setattr(uploads, "CalamineWorkbook", NEVER_OPENED)

    message = file_error(graduate_import(rows_source=path, dry_run=False))

    assert message == uploads.MSG_TOO_LARGE.format(limit="1 KB")
    assert Graduate.objects.count() == 0


def test_a_zip_bomb_is_refused_before_the_reader_unpacks_it(tmp_path, majors, settings, monkeypatch):
    # given: 101 MB of zeros in one entry, packed to about 100 KB (the default limit is 100 MB)
    settings.IMPORT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
    path = write_zip_bomb(tmp_path / "bomb.xlsx", 101 * 1024 * 1024)
    assert path.stat().st_size < settings.IMPORT_MAX_UPLOAD_BYTES
    monkeypatch.setattr(uploads, "CalamineWorkbook", NEVER_OPENED)

    message = file_error(graduate_import(rows_source=path, dry_run=False))

    assert message == uploads.MSG_UNPACKED_TOO_LARGE.format(limit="100 MB")


def test_a_zip_with_too_many_entries_is_refused(tmp_path, majors, settings, monkeypatch):
    settings.IMPORT_MAX_ZIP_ENTRIES = 200
    members = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
    members.update({f"xl/media/{n}.bin": b"x" for n in range(199)})
    path = write_zip(tmp_path / "many.xlsx", members)
    assert len(zipfile.ZipFile(path).infolist()) == 201
    monkeypatch.setattr(uploads, "CalamineWorkbook", NEVER_OPENED)

    message = file_error(graduate_import(rows_source=path, dry_run=False))

    assert message == uploads.MSG_TOO_MANY_ENTRIES.format(limit=200)


@pytest.mark.parametrize("writer", [write_xlsx, write_csv])
def test_more_rows_than_the_cap_are_refused(tmp_path, majors, settings, writer):
    settings.IMPORT_MAX_ROWS = 3

    result = graduate_import(rows_source=writer(tmp_path / "rows.bin", good_rows(4)), dry_run=True)

    assert file_error(result) == uploads.MSG_TOO_MANY_ROWS.format(limit=3)
    assert graduate_import(rows_source=writer(tmp_path / "ok.bin", good_rows(3)), dry_run=True).ok


def test_the_file_kind_is_judged_by_content_not_by_name(tmp_path, majors):
    as_csv_name = write_xlsx(tmp_path / "really-a-workbook.csv", good_rows(2))

    assert graduate_import(rows_source=as_csv_name, dry_run=True).new == 2


# --- cost ----------------------------------------------------------------------------------------------------


def test_the_queries_of_a_dry_run_do_not_grow_with_the_rows(tmp_path, majors, django_assert_max_num_queries):
    small = write_xlsx(tmp_path / "small.xlsx", good_rows(20))
    large = write_xlsx(tmp_path / "large.xlsx", good_rows(200))
    with CaptureQueriesContext(connection) as small_queries:
        graduate_import(rows_source=small, dry_run=True)

    with django_assert_max_num_queries(len(small_queries)):
        result = graduate_import(rows_source=large, dry_run=True)

    assert result.new == 200
    assert len(small_queries) <= 12


def test_a_confirmed_import_writes_with_a_bounded_number_of_queries(
    tmp_path, majors, django_assert_max_num_queries
):
    path = write_xlsx(tmp_path / "large.xlsx", good_rows(200))

    with django_assert_max_num_queries(30):
        result = graduate_import(rows_source=path, dry_run=False)

    assert result.new == 200 and Graduate.objects.count() == 200


# --- the import-export resource ------------------------------------------------------------------------------


def test_the_template_has_the_contract_columns(tmp_path):
    path = tmp_path / "template.xlsx"
    path.write_bytes(graduate_import_template())

    sheet = openpyxl.load_workbook(path).worksheets[0]

    assert [cell.value for cell in sheet[1]] == HEADER


def test_what_the_resource_exports_the_import_reads_back_unchanged(tmp_path, majors):
    rows = good_rows(3)
    rows[0].update({"建档立卡": "是", "手机号": "13812345678", "困难生类别": "残疾", "民族": "彝族"})
    graduate_import(rows_source=write_xlsx(tmp_path / "g.xlsx", rows), dry_run=False)
    exported = tmp_path / "export.xlsx"
    exported.write_bytes(GraduateResource().export().export("xlsx"))

    result = graduate_import(rows_source=exported, dry_run=False)

    assert (result.new, result.changed, result.unchanged) == (0, 0, 3)

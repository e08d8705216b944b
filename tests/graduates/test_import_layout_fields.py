"""Contract §1 takes the national layout's graduate fields as optional columns (issue 13 item 5)."""

import datetime

import pytest

from apps.graduates.dates import MSG_DATE
from apps.graduates.imports import RowError, graduate_import
from apps.graduates.layout_fields import MSG_MONTH
from apps.graduates.models import Graduate

from .fixtures_import import good_row, make_import_org, write_xlsx

pytestmark = pytest.mark.django_db

LAYOUT = {
    "政治面貌": "共青团员",
    "城乡生源": "农村",
    "入学年月": "201709",
    "毕业日期": "2020-06-30",
    "培养方式": "非定向",
    "委培单位": "",
    "学习形式": "普通全日制",
    "专业方向": "老年护理",
}


def test_the_layout_columns_are_read_into_the_graduate(tmp_path):
    make_import_org()
    path = write_xlsx(tmp_path / "g.xlsx", [good_row(1, LAYOUT)])

    result = graduate_import(rows_source=path, dry_run=False)

    assert result.ok, result.errors
    graduate = Graduate.objects.get()
    assert (
        graduate.political_status, graduate.urban_rural_origin, graduate.enrolled_on, graduate.graduated_on,
        graduate.training_mode, graduate.sponsor, graduate.study_form, graduate.major_direction,
    ) == ("共青团员", "农村", datetime.date(2017, 9, 1), datetime.date(2020, 6, 30), "非定向", "", "普通全日制",
          "老年护理")  # fmt: skip


def test_a_file_without_the_layout_columns_leaves_them_as_they_are(tmp_path):
    make_import_org()
    graduate_import(rows_source=write_xlsx(tmp_path / "a.xlsx", [good_row(1, LAYOUT)]), dry_run=False)
    header = [name for name in good_row(1) if name not in LAYOUT]

    result = graduate_import(
        rows_source=write_xlsx(tmp_path / "b.xlsx", [good_row(1, {"姓名": "张一"})], header), dry_run=False
    )

    assert result.ok and result.changed == 1
    graduate = Graduate.objects.get()
    assert (graduate.name, graduate.political_status, graduate.enrolled_on) == (
        "张一", "共青团员", datetime.date(2017, 9, 1),
    )  # fmt: skip


def test_a_bad_month_or_date_is_an_error_by_row_and_column_and_nothing_is_written(tmp_path):
    make_import_org()
    rows = [good_row(1, LAYOUT), good_row(2, {"入学年月": "2017-13", "毕业日期": "2020-02-30"})]

    result = graduate_import(rows_source=write_xlsx(tmp_path / "g.xlsx", rows), dry_run=False)

    assert result.errors == [RowError(3, "入学年月", str(MSG_MONTH)), RowError(3, "毕业日期", str(MSG_DATE))]
    assert not Graduate.objects.exists()

"""The graduate import opens a support case for each hardship-group graduate it brings in, in its transaction."""

import pytest

from apps.graduates.imports import graduate_import
from apps.support.models import SupportCase

from ..graduates.fixtures_import import good_rows, make_import_org, write_xlsx

pytestmark = pytest.mark.django_db


def test_importing_hardship_graduates_opens_their_cases_once(tmp_path):
    # given a file with one 建档立卡 graduate, one from a 52-county, one 困难生 and one not in the group
    make_import_org()
    rows = good_rows(4)
    rows[0].update({"建档立卡": "是"})
    rows[1].update({"贫困县": "是"})
    rows[2].update({"困难生类别": "家庭困难"})
    path = write_xlsx(tmp_path / "hardship.xlsx", rows)

    # when it is imported twice
    first = graduate_import(rows_source=path, dry_run=False)
    again = graduate_import(rows_source=path, dry_run=False)

    # then the three in the group have one case each, and the re-import opened none
    assert first.ok and again.ok
    opened = set(SupportCase.objects.values_list("graduate__student_no", flat=True))
    assert opened == {rows[0]["学号"], rows[1]["学号"], rows[2]["学号"]}


def test_a_dry_run_or_a_rejected_file_opens_no_case(tmp_path):
    make_import_org()
    rows = good_rows(2)
    rows[0].update({"建档立卡": "是"})
    path = write_xlsx(tmp_path / "dry.xlsx", rows)
    graduate_import(rows_source=path, dry_run=True)

    rows[1].update({"身份证号": "123"})  # one bad row rejects the whole file
    bad = graduate_import(rows_source=write_xlsx(tmp_path / "bad.xlsx", rows), dry_run=False)

    assert not bad.ok
    assert SupportCase.objects.count() == 0

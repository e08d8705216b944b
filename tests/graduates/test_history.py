"""Every change of a graduate record is kept: by the import (with who ran it), by the student's contact edit;
staff see it on the record's page, masked; a rejected import leaves no history."""

import pytest
from django.urls import reverse

from apps.graduates.history import graduate_history
from apps.graduates.imports import graduate_import
from apps.graduates.models import Graduate

from ..factories import make_user
from .fixtures_import import good_rows, make_import_org, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path):
    """Two graduates imported by the centre officer, then one of them changed by a second file."""
    make_import_org()
    centre = make_user("centre", username="zhongxin", first_name="敏", last_name="苏")
    rows = good_rows(2)
    graduate_import(rows_source=write_xlsx(tmp_path / "first.xlsx", rows), dry_run=False, actor=centre)
    rows[0].update({"手机号": "13912345678", "班级": "护理2班"})
    graduate_import(rows_source=write_xlsx(tmp_path / "second.xlsx", rows), dry_run=False, actor=centre)
    return Graduate.objects.get(student_no=rows[0]["学号"]), centre


def test_the_import_keeps_who_created_and_who_changed_what(imported):
    graduate, _centre = imported

    changed, created = graduate_history(graduate)

    assert (created.kind, created.by, created.reason, created.fields) == ("新建", "苏敏", "生源信息导入", [])
    assert (changed.kind, changed.by, changed.reason) == ("修改", "苏敏", "生源信息导入")
    assert {(f.label, f.new) for f in changed.fields} == {("手机号", "139****5678"), ("班级", "护理2班")}
    assert all("13912345678" not in f.old + f.new for f in changed.fields)  # masked
    # the unchanged graduate has only its creation
    other = Graduate.objects.exclude(pk=graduate.pk).get()
    assert [c.kind for c in graduate_history(other)] == ["新建"]


def test_the_students_own_contact_edit_is_kept_with_their_name(client, imported):
    graduate, _centre = imported
    student = make_user("student", username="stu-h", first_name="三", last_name="张")
    Graduate.objects.filter(pk=graduate.pk).update(user=student)
    client.force_login(student)

    client.post(
        reverse("graduates:contact_edit", args=[graduate.pk]), {"phone": "13700001111", "email": "z@x.cn"}
    )

    latest = graduate_history(graduate)[0]
    assert (latest.by, latest.reason) == ("张三", "本人修改联系方式")
    assert {f.label for f in latest.fields} == {"手机号", "电子邮箱"}


def test_staff_see_the_history_on_the_record_page_and_a_student_does_not(
    client, imported, django_assert_max_num_queries
):
    graduate, centre = imported
    client.force_login(centre)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("graduates:detail", args=[graduate.pk])).content.decode()
    assert 'id="record-history"' in body and "139****5678" in body and "13912345678" not in body
    student = make_user("student", username="stu-h2")
    Graduate.objects.filter(pk=graduate.pk).update(user=student)
    client.force_login(student)
    assert (
        'id="record-history"'
        not in client.get(reverse("graduates:detail", args=[graduate.pk])).content.decode()
    )


def test_a_rejected_file_leaves_no_history(tmp_path):
    make_import_org()
    rows = good_rows(2)
    rows[1].update({"身份证号": "123"})
    before = Graduate.history.count()
    assert not graduate_import(rows_source=write_xlsx(tmp_path / "bad.xlsx", rows), dry_run=False).ok
    assert Graduate.history.count() == before

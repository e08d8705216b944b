"""The code tables in the admin: django-import-export's import (dry run, row errors, confirm) under the rules
of ``load_code_table``, and a code in use that the change form and the delete refuse to re-code or delete."""

import datetime

import pytest
import tablib
from django.contrib.admin.sites import site
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats.base_formats import CSV

from apps.accounts.models import Role
from apps.graduates.models import Cohort
from apps.plans.models import DestinationPlan, PlanStatus
from apps.refdata import code_tables as ct
from apps.refdata.admin import CodeEntryAdmin
from apps.refdata.models import (
    MSG_NO_CATEGORY,
    MSG_USED_CODE_DELETED,
    MSG_USED_CODE_RECODED,
    DestinationCode,
    Province,
)
from apps.refdata.resources import MSG_NO_SCHEME, CodeEntryResource

from ..factories import make_graduate, make_user

pytestmark = pytest.mark.django_db

HEADER = "标准/版本,代码,名称,排序,启用,来源,上级代码\n"
# Test data, not a national code (see test_load_code_table).
TEST_ROW = "2021,899,境内升学—测试子代码,99,1,,80\n"


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(Role.ADMIN, is_staff=True, is_superuser=True))
    return client


def csv_format_index() -> str:
    formats = site._registry[DestinationCode].get_import_formats()
    return str(next(i for i, f in enumerate(formats) if f is CSV))


def upload(admin_client, text: str, name: str = "代码表.csv", **fields):
    return admin_client.post(
        reverse("admin:refdata_destinationcode_import"),
        {
            "resource": "0",
            "format": csv_format_index(),
            "import_file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv"),
            **fields,
        },
    )


def used_code(org, code: str = "801", scheme: str = "2021") -> DestinationCode:
    entry = DestinationCode.objects.get(scheme=scheme, code=code)
    cohort = Cohort.objects.get_or_create(year=2025, defaults={"destination_scheme": scheme})[0]
    DestinationPlan.objects.create(
        graduate=make_graduate(org.class_a1, cohort=cohort), destination=entry, status=PlanStatus.APPROVED,
        approved_on=datetime.date(2025, 7, 1), created_by=org.centre,
    )  # fmt: skip
    return entry


def test_every_code_table_has_the_import_and_export(admin_client):
    for model in ct.code_table_models().values():
        opts = model._meta
        page = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        assert page.status_code == 200, model
        exported = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_export"))
        assert exported.status_code == 200, model


def test_the_import_previews_then_writes_on_confirmation(admin_client):
    preview = upload(admin_client, HEADER + TEST_ROW)

    assert preview.status_code == 200
    assert not DestinationCode.objects.filter(code="899").exists()  # the dry run wrote nothing
    confirm = preview.context["confirm_form"]
    response = admin_client.post(reverse("admin:refdata_destinationcode_process_import"), confirm.initial)

    assert response.status_code == 302
    entry = DestinationCode.objects.get(scheme="2021", code="899")
    assert (entry.category.name, entry.source) == ("升学", "代码表.csv")


def test_an_official_code_sheet_without_a_scheme_column_takes_the_scheme_chosen_on_the_page(admin_client):
    bare = "代码,名称,上级代码\n899,境内升学—测试子代码,80\n"

    preview = upload(admin_client, bare, scheme="2021", source="2026届代码表（测试）")
    admin_client.post(
        reverse("admin:refdata_destinationcode_process_import"), preview.context["confirm_form"].initial
    )

    entry = DestinationCode.objects.get(scheme="2021", code="899")
    assert (entry.category.name, entry.source, entry.is_active) == ("升学", "2026届代码表（测试）", True)


def test_an_official_code_sheet_without_a_scheme_is_refused_row_by_row(admin_client):
    response = upload(admin_client, "代码,名称,上级代码\n899,境内升学—测试子代码,80\n")

    assert str(MSG_NO_SCHEME) in response.content.decode()
    assert response.context.get("confirm_form") is None
    assert not DestinationCode.objects.filter(code="899").exists()


def test_a_bad_row_is_shown_with_its_error_and_nothing_can_be_confirmed(admin_client):
    response = upload(admin_client, HEADER + TEST_ROW + "2021,897,境内升学—另一个,98,1,,99\n")

    body = response.content.decode()
    assert str(ct.MSG_UNKNOWN_PARENT.format(parent="99")) in body
    assert response.context.get("confirm_form") is None
    assert not DestinationCode.objects.filter(code__in=["897", "899"]).exists()


def test_unchanged_rows_are_skipped(admin_client):
    row = "2021,801,境内升学—研究生,16,1,教学厅函〔2021〕19号; 2024届全国毕业去向登记系统导出,80\n"
    response = upload(admin_client, HEADER + row)
    assert response.context["result"].totals["skip"] == 1


def test_a_used_code_can_be_renamed_through_the_import(admin_client, org):
    used_code(org)
    preview = upload(admin_client, HEADER + "2021,801,境内升学—研究生（新名称）,16,1,测试,80\n")
    admin_client.post(
        reverse("admin:refdata_destinationcode_process_import"), preview.context["confirm_form"].initial
    )
    assert DestinationCode.objects.get(scheme="2021", code="801").name == "境内升学—研究生（新名称）"


def test_a_used_code_cannot_move_under_another_parent_through_the_import(admin_client, org):
    used_code(org)
    response = upload(admin_client, HEADER + "2021,801,境内升学—研究生,16,1,测试,50\n")
    assert str(ct.MSG_PARENT_OF_USED_CODE.format(code="801", old="80")) in response.content.decode()
    assert DestinationCode.objects.get(scheme="2021", code="801").parent_code == "80"


def change_data(entry, **changes) -> dict:
    data = {
        "scheme": entry.scheme, "code": entry.code, "name": entry.name, "sort_order": entry.sort_order,
        "is_active": "on" if entry.is_active else "", "source": entry.source,
        "category": entry.category_id, "parent_code": entry.parent_code,
    }  # fmt: skip
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_the_change_form_refuses_to_recode_a_used_code(admin_client, org):
    entry = used_code(org)
    url = reverse("admin:refdata_destinationcode_change", args=[entry.pk])

    response = admin_client.post(url, change_data(entry, code="809"))

    assert response.status_code == 200
    assert str(MSG_USED_CODE_RECODED.format(code="801", name=entry.name)) in response.content.decode()
    assert DestinationCode.objects.get(pk=entry.pk).code == "801"


def test_the_change_form_renames_and_retires_a_used_code(admin_client, org):
    entry = used_code(org)
    url = reverse("admin:refdata_destinationcode_change", args=[entry.pk])

    response = admin_client.post(url, change_data(entry, name="研究生（停用）", is_active=""))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.name, entry.is_active) == ("研究生（停用）", False)


def test_deleting_a_used_code_is_refused_with_a_message(admin_client, org):
    entry = used_code(org)
    model_admin = site._registry[DestinationCode]
    request = admin_client.get(reverse("admin:refdata_destinationcode_changelist")).wsgi_request

    model_admin.delete_queryset(request, DestinationCode.objects.filter(pk=entry.pk))

    assert DestinationCode.objects.filter(pk=entry.pk).exists()
    message = str(MSG_USED_CODE_DELETED.format(code="801", name=entry.name))
    assert message in [str(m) for m in get_messages(request)]


def test_the_delete_page_of_a_used_code_deletes_nothing(admin_client, org):
    entry = used_code(org)
    url = reverse("admin:refdata_destinationcode_delete", args=[entry.pk])
    admin_client.post(url, {"post": "yes"})
    assert DestinationCode.objects.filter(pk=entry.pk).exists()


def test_a_province_import_adds_a_scheme_beside_the_old_one(admin_client):
    text = "标准/版本,代码,名称,排序,启用,来源\nGB/T 2260-2026（测试）,42,湖北省,1,1,测试\n"
    preview = admin_client.post(
        reverse("admin:refdata_province_import"),
        {
            "resource": "0",
            "format": str(
                next(i for i, f in enumerate(site._registry[Province].get_import_formats()) if f is CSV)
            ),
            "import_file": SimpleUploadedFile("p.csv", text.encode("utf-8"), content_type="text/csv"),
        },
    )
    admin_client.post(
        reverse("admin:refdata_province_process_import"), preview.context["confirm_form"].initial
    )
    assert Province.objects.filter(code="42").count() == 2


def test_a_code_table_registered_without_a_resource_gets_the_shared_rules():
    [resource_class] = CodeEntryAdmin(Province, site).get_resource_classes(request=None)
    dataset = tablib.Dataset(["GB/T 2260", "42", "云南省"], headers=["标准/版本", "代码", "名称"])

    result = resource_class().import_data(dataset, dry_run=True)

    assert issubclass(resource_class, CodeEntryResource) and resource_class._meta.model is Province
    [invalid] = result.invalid_rows
    assert invalid.error_dict == {"name": [str(ct.MSG_NAME_TAKEN.format(name="云南省", code="53"))]}


def test_a_sub_code_added_in_the_admin_without_a_category_takes_its_parents(admin_client):
    url = reverse("admin:refdata_destinationcode_add")
    data = {"scheme": "2021", "code": "899", "name": "境内升学—测试子代码", "sort_order": 99, "is_active": "on",
            "source": "测试", "parent_code": "80"}  # fmt: skip

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert DestinationCode.objects.get(scheme="2021", code="899").category.name == "升学"


def test_a_top_level_code_added_without_a_category_is_refused_with_a_message(admin_client):
    url = reverse("admin:refdata_destinationcode_add")
    data = {"scheme": "2021", "code": "98", "name": "测试代码", "sort_order": 99, "source": "测试"}

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert str(MSG_NO_CATEGORY.format(code="98", parent="—")) in response.content.decode()
    assert not DestinationCode.objects.filter(scheme="2021", code="98").exists()

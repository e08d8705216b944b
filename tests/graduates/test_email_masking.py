"""Issue 12.1: many addresses are ``<phone>@163.com``, so an e-mail printed in full gives away the phone that is
masked beside it. The e-mail is masked wherever the phone is; only the student's own edit form shows it whole."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.graduates.exports import EXPORT_COLUMNS
from apps.graduates.history import graduate_history
from apps.graduates.models import Graduate
from apps.graduates.validators import mask_email

pytestmark = pytest.mark.django_db

PHONE = "15912345653"
PHONE_MAIL = f"{PHONE}@163.com"
PHONE_MAIL_MASKED = "15*******53@163.com"


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        (PHONE_MAIL, PHONE_MAIL_MASKED),
        ("zhangsan@hbvtc.edu.cn", "zh****an@hbvtc.edu.cn"),
        ("li.si@qq.com", "l****@qq.com"),
        ("ab@x.cn", "**@x.cn"),
        ("", ""),
    ],
)
def test_mask_email_keeps_only_the_ends_of_the_name_and_the_host(address, masked):
    assert mask_email(address) == masked
    local = address.partition("@")[0]
    if len(local) > 4:
        assert local not in mask_email(address)


@pytest.fixture
def phone_mail_graduate(org) -> Graduate:
    graduate = org.own_graduate
    Graduate.objects.filter(pk=graduate.pk).update(phone=PHONE, email=PHONE_MAIL)
    graduate.refresh_from_db()
    return graduate


def test_the_export_masks_the_email_like_the_phone(client, org, phone_mail_graduate):
    client.force_login(org.centre)
    response = client.get(reverse("graduates:export"))
    rows = list(load_workbook(BytesIO(response.getvalue())).active.iter_rows(values_only=True))
    email_column = [header for header, _ in EXPORT_COLUMNS].index("电子邮箱")
    row = next(r for r in rows if r[1] == phone_mail_graduate.student_no)
    assert row[email_column] == PHONE_MAIL_MASKED
    assert PHONE.encode() not in response.getvalue()


@pytest.mark.parametrize("viewer", ["centre", "college_officer", "counsellor", "student"])
def test_the_record_page_masks_the_email_for_everyone(client, org, phone_mail_graduate, viewer):
    client.force_login(getattr(org, viewer))
    body = client.get(reverse("graduates:detail", args=[phone_mail_graduate.pk])).content.decode()
    assert PHONE_MAIL_MASKED in body
    assert PHONE not in body


def test_the_student_sees_their_own_email_whole_on_their_edit_form(client, org, phone_mail_graduate):
    client.force_login(org.student)
    body = client.get(reverse("graduates:contact_edit", args=[phone_mail_graduate.pk])).content.decode()
    assert f'value="{PHONE_MAIL}"' in body


def test_the_record_history_masks_a_changed_email(client, org, phone_mail_graduate):
    client.force_login(org.student)
    client.post(
        reverse("graduates:contact_edit", args=[phone_mail_graduate.pk]),
        {"phone": PHONE, "email": "13800001234@126.com"},
    )
    change = graduate_history(phone_mail_graduate)[0]
    shown = {f.label: f.new for f in change.fields}
    assert shown["电子邮箱"] == "13*******34@126.com"
    client.force_login(org.centre)
    body = client.get(reverse("graduates:detail", args=[phone_mail_graduate.pk])).content.decode()
    assert "13800001234" not in body and PHONE not in body

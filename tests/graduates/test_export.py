from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.accounts.models import Role
from apps.graduates.exports import EXPORT_COLUMNS

from ..factories import make_graduate

pytestmark = pytest.mark.django_db


def exported_rows(response) -> list[tuple]:
    sheet = load_workbook(BytesIO(response.getvalue())).active
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize(
    ("role", "visible"),
    [(Role.COUNSELLOR, ["a1"]), (Role.COLLEGE, ["a1", "a2"]), (Role.CENTRE, ["a1", "a2", "b1"])],
)
def test_export_contains_exactly_what_the_viewer_sees(client, org, role, visible):
    client.force_login(org.user_for(role))
    rows = exported_rows(client.get(reverse("graduates:export")))
    assert rows[0] == tuple(header for header, _ in EXPORT_COLUMNS)
    assert {row[1] for row in rows[1:]} == {g.student_no for key in visible for g in org.graduates[key]}


def test_export_follows_the_list_filters(client, org):
    client.force_login(org.centre)
    rows = exported_rows(client.get(reverse("graduates:export"), {"class_group": org.class_b1.pk}))
    assert {row[1] for row in rows[1:]} == {g.student_no for g in org.graduates["b1"]}


def test_export_masks_identifiers(client, org):
    client.force_login(org.centre)
    response = client.get(reverse("graduates:export"))
    rows = exported_rows(response)
    row = next(r for r in rows if r[1] == org.own_graduate.student_no)
    assert row[4] == org.own_graduate.id_number_masked
    assert row[14] == "138****5678"
    assert org.own_graduate.id_number.encode() not in response.getvalue()


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"])
def test_export_writes_formula_like_text_as_text(client, org, dangerous):
    make_graduate(org.class_a1, name=dangerous)
    client.force_login(org.centre)
    sheet = load_workbook(BytesIO(client.get(reverse("graduates:export")).getvalue())).active
    cells = [row[2] for row in sheet.iter_rows(min_row=2) if row[2].value == dangerous]
    assert len(cells) == 1
    assert cells[0].data_type == "s"


def test_export_query_count_is_constant(client, org, django_assert_max_num_queries):
    for _ in range(50):
        make_graduate(org.class_b1)
    client.force_login(org.centre)
    with django_assert_max_num_queries(7):  # the last one writes the data-release record
        assert client.get(reverse("graduates:export")).status_code == 200

import pytest
from django.urls import reverse

from apps.accounts.models import Role
from apps.graduates.models import Graduate
from apps.graduates.views import MSG_CONTACT_SAVED

from ..factories import make_graduate

pytestmark = pytest.mark.django_db

STAFF_ROLES = [Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE]  # not the administrator (issue 12, item 7)


def listed_student_nos(response) -> set[str]:
    return {g.student_no for g in response.context["page"].object_list}


@pytest.mark.parametrize(
    ("role", "visible_classes"),
    [
        (Role.COUNSELLOR, ["a1"]),
        (Role.COLLEGE, ["a1", "a2"]),
        (Role.CENTRE, ["a1", "a2", "b1"]),
    ],
)
def test_list_shows_exactly_the_role_scope(client, org, role, visible_classes):
    # given
    client.force_login(org.user_for(role))
    # when
    response = client.get(reverse("graduates:list"))
    # then
    expected = {g.student_no for key in visible_classes for g in org.graduates[key]}
    assert response.status_code == 200
    assert listed_student_nos(response) == expected


def test_student_may_not_open_the_list(client, org):
    client.force_login(org.student)
    assert client.get(reverse("graduates:list")).status_code == 403
    assert client.get(reverse("graduates:export")).status_code == 403


def test_anonymous_is_sent_to_login(client, org):
    response = client.get(reverse("graduates:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


# Each role against a graduate outside its scope, on every graduate view: 404 (existence not revealed).
OUTSIDE = {
    Role.STUDENT: ["a1_other", "a2", "b1"],
    Role.COUNSELLOR: ["a2", "b1"],
    Role.COLLEGE: ["b1"],
}


def _graduate(org, key):
    return org.graduates["a1"][1] if key == "a1_other" else org.graduates[key][0]


@pytest.mark.parametrize(("role", "key"), [(role, key) for role, keys in OUTSIDE.items() for key in keys])
@pytest.mark.parametrize("view", ["graduates:detail", "graduates:contact_edit"])
def test_objects_outside_scope_are_not_found(client, org, role, key, view):
    client.force_login(org.user_for(role))
    url = reverse(view, args=[_graduate(org, key).pk])
    expected = 403 if (view == "graduates:contact_edit" and role != Role.STUDENT) else 404
    assert client.get(url).status_code == expected
    assert client.post(url, {"phone": "13900000000", "email": "x@example.com"}).status_code == expected


@pytest.mark.parametrize(
    ("role", "key"), [(role, key) for role, keys in OUTSIDE.items() if role != Role.STUDENT for key in keys]
)
def test_search_and_filters_never_reach_outside_scope(client, org, role, key):
    client.force_login(org.user_for(role))
    outsider = _graduate(org, key)
    response = client.get(reverse("graduates:list"), {"q": outsider.student_no})
    assert listed_student_nos(response) == set()
    export = client.get(reverse("graduates:export"), {"q": outsider.student_no})
    assert outsider.student_no.encode() not in export.getvalue()


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.COLLEGE, Role.CENTRE, Role.STUDENT])
def test_detail_inside_scope_is_shown_masked(client, org, role):
    client.force_login(org.user_for(role))
    graduate = org.own_graduate
    response = client.get(reverse("graduates:detail", args=[graduate.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert graduate.id_number not in body
    assert graduate.id_number_masked in body
    assert "13812345678" not in body
    assert "138****5678" in body


def test_list_masks_id_numbers_and_phones(client, org):
    client.force_login(org.centre)
    body = client.get(reverse("graduates:list")).content.decode()
    for graduates in org.graduates.values():
        for graduate in graduates:
            assert graduate.id_number not in body
            assert graduate.id_number_masked in body
    assert "13812345678" not in body


def test_student_home_is_their_own_record(client, org):
    client.force_login(org.student)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("graduates:detail", args=[org.own_graduate.pk])


def test_student_edits_only_contact_fields(client, org):
    # given
    client.force_login(org.student)
    graduate = org.own_graduate
    before = Graduate.objects.values().get(pk=graduate.pk)
    # when: a crafted POST also tries to change the name, the class and the ID number
    response = client.post(
        reverse("graduates:contact_edit", args=[graduate.pk]),
        {
            "phone": "13987654321",
            "email": "me@example.com",
            "name": "改名",
            "class_group": org.class_b1.pk,
            "id_number": "11010519491231002X",
        },
        follow=True,
    )
    # then
    after = Graduate.objects.values().get(pk=graduate.pk)
    assert str(MSG_CONTACT_SAVED) in response.content.decode()
    assert (after["phone"], after["email"]) == ("13987654321", "me@example.com")
    for field in ("name", "class_group_id", "id_number", "cohort_id", "origin_id"):
        assert after[field] == before[field]


def test_student_contact_form_rejects_bad_phone(client, org):
    client.force_login(org.student)
    graduate = org.own_graduate
    response = client.post(
        reverse("graduates:contact_edit", args=[graduate.pk]), {"phone": "12345", "email": ""}
    )
    assert response.status_code == 200
    assert "手机号" in response.content.decode()
    graduate.refresh_from_db()
    assert graduate.phone == "13812345678"


@pytest.mark.parametrize(
    ("params", "expected_keys"),
    [
        ({"college": "a"}, ["a1", "a2"]),
        ({"class_group": "a2"}, ["a2"]),
        ({"major": "b"}, ["b1"]),
    ],
)
def test_filters_narrow_the_list(client, org, params, expected_keys):
    client.force_login(org.centre)
    values = {
        "college": {"a": org.college_a.pk}.get(params.get("college")),
        "class_group": {"a2": org.class_a2.pk}.get(params.get("class_group")),
        "major": {"b": org.class_b1.major_id}.get(params.get("major")),
    }
    response = client.get(reverse("graduates:list"), {k: v for k, v in values.items() if v})
    assert listed_student_nos(response) == {g.student_no for k in expected_keys for g in org.graduates[k]}


def test_filter_by_gender_origin_and_hardship(client, org):
    from apps.refdata.models import HardshipCategory, Province

    yunnan = Province.objects.get(name="云南省")
    poor = make_graduate(org.class_a1, origin=yunnan, registered_poor=True, gender="M")
    disabled = make_graduate(
        org.class_a1, hardship_category=HardshipCategory.objects.get(name="残疾"), gender="F"
    )
    client.force_login(org.centre)
    url = reverse("graduates:list")
    assert listed_student_nos(client.get(url, {"origin": yunnan.pk})) == {poor.student_no}
    assert listed_student_nos(client.get(url, {"hardship": "group"})) == {
        poor.student_no,
        disabled.student_no,
    }
    assert listed_student_nos(client.get(url, {"hardship": "registered_poor"})) == {poor.student_no}
    female = set(Graduate.objects.filter(gender="F").values_list("student_no", flat=True))
    assert listed_student_nos(client.get(url, {"gender": "F", "size": 100})) == female


def test_counsellor_filter_choices_offer_only_their_classes(client, org):
    client.force_login(org.counsellor)
    form = client.get(reverse("graduates:list")).context["filter"].form
    assert list(form.fields["class_group"].queryset) == [org.class_a1]
    assert list(form.fields["college"].queryset) == [org.college_a]


def test_search_by_name_and_full_id_number(client, org):
    client.force_login(org.centre)
    target = org.graduates["b1"][1]
    url = reverse("graduates:list")
    assert listed_student_nos(client.get(url, {"q": target.name})) == {target.student_no}
    assert listed_student_nos(client.get(url, {"q": target.id_number})) == {target.student_no}
    # a fragment of an ID number finds nobody: masked numbers cannot be reversed by searching
    assert listed_student_nos(client.get(url, {"q": target.id_number[6:14]})) == set()


def test_pagination(client, org):
    for _ in range(25):
        make_graduate(org.class_b1)
    client.force_login(org.centre)
    response = client.get(reverse("graduates:list"), {"size": 20, "page": 2})
    page = response.context["page"]
    assert page.paginator.count == 31
    assert len(page.object_list) == 11


@pytest.mark.parametrize("extra", [0, 60])
def test_list_page_query_count_does_not_grow_with_rows(client, org, django_assert_max_num_queries, extra):
    for _ in range(extra):
        make_graduate(org.class_b1)
    client.force_login(org.centre)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("graduates:list"), {"size": 100})
    assert response.status_code == 200


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.COLLEGE])
def test_scoped_list_query_count_is_constant(client, org, django_assert_max_num_queries, role):
    for _ in range(40):
        make_graduate(org.class_a1)
    client.force_login(org.user_for(role))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("graduates:list"), {"size": 100}).status_code == 200

"""Issue 12.2: a company's team-member form must not be a way to look up students. A student or graduate is
added by 学号 AND name; an unknown 学号 and a 学号 under another name get the same answer; nothing of the
graduate's record is shown back."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.park.models import TeamMember
from apps.park.services import MSG_MEMBER_NOT_MATCHED, team_member_add

pytestmark = pytest.mark.django_db


def _add(client, park, data):
    client.force_login(park.leader_a)
    url = reverse("park:team_member_add", kwargs={"pk": park.tenant_a.pk})
    return client.post(url, {"duty": "设计", **data}, follow=True)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_student_number_alone_does_not_bring_out_the_name(client, org, park):
    graduate = org.graduates["b1"][0]
    response = _add(client, park, {"student_no": graduate.student_no})
    assert not TeamMember.objects.filter(tenant=park.tenant_a).exists()
    assert graduate.name not in response.content.decode()


def test_an_unknown_number_and_a_wrong_name_get_the_same_answer(client, org, park):
    graduate = org.graduates["b1"][0]
    unknown = _add(client, park, {"student_no": "2099000000", "name": "张三"})
    wrong_name = _add(client, park, {"student_no": graduate.student_no, "name": "张三"})
    assert _messages(unknown) == _messages(wrong_name) == [str(MSG_MEMBER_NOT_MATCHED)]
    assert graduate.name not in wrong_name.content.decode()
    assert not TeamMember.objects.filter(tenant=park.tenant_a).exists()


def test_a_matching_number_and_name_add_the_graduate(client, org, park):
    graduate = org.graduates["b1"][0]
    _add(client, park, {"student_no": graduate.student_no, "name": graduate.name})
    member = TeamMember.objects.get(tenant=park.tenant_a)
    assert (member.name, member.graduate) == (graduate.name, graduate)


def test_a_member_who_is_not_a_student_needs_only_a_name(client, park):
    _add(client, park, {"name": "王五", "phone": "13912345678"})
    assert TeamMember.objects.get(tenant=park.tenant_a).graduate is None


def test_the_service_refuses_a_graduate_under_another_name(org, park):
    graduate = org.graduates["b1"][0]
    for name in ("", "张三"):
        with pytest.raises(ValidationError) as refused:
            team_member_add(
                tenant=park.tenant_a, actor=park.leader_a, data={"name": name, "graduate": graduate}
            )
        assert refused.value.message_dict == {"name": [str(MSG_MEMBER_NOT_MATCHED)]}

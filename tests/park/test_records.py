"""The parts of a company's record and of the centre's registers that the other tests do not reach: the leader
as a graduate record, the team, patrols with their follow-up, competition entries and awards, and the
resumption application's contact phone (masked)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.park.models import CompetitionAward, PatrolRecord, TeamMember
from apps.park.services import competition_award_add, competition_entry_save, patrol_record, team_member_add

from .records import records_of_tenant_a

pytestmark = pytest.mark.django_db


def test_the_leader_is_linked_to_the_graduate_record_by_student_number(client, org, park):
    # given a graduate of the college leading a company
    graduate = org.graduates["b1"][0]
    client.force_login(park.centre)
    # when the centre gives the student number and leaves the name empty
    response = client.post(
        reverse("park:tenant_edit", kwargs={"pk": park.tenant_b.pk}),
        {
            "company_name": "乙公司", "credit_code": park.tenant_b.credit_code, "industry": park.tenant_b.industry_id,
            "leader_student_no": graduate.student_no, "leader_name": "", "leader_phone": "13800001111",
            "applied_on": "2020-03-01", "move_in_on": "2020-04-01", "lease_ends_on": "2022-03-31",
            "units": [park.units["A2"].pk, park.units["B1"].pk], "jobs_created": "7", "member_usernames": "cyy-b",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    # then the record points at the graduate and takes the name from it
    park.tenant_b.refresh_from_db()
    assert (park.tenant_b.leader_graduate, park.tenant_b.leader_name) == (graduate, graduate.name)
    page = client.get(reverse("park:tenant_detail", kwargs={"pk": park.tenant_b.pk})).content.decode()
    assert graduate.student_no in page


def test_an_unknown_student_number_is_a_form_error(client, park):
    client.force_login(park.centre)
    response = client.post(reverse("park:tenant_create"), {"leader_student_no": "2099000000"})
    assert "没有学号为 2099000000 的学生或毕业生。" in response.context["form"].errors["leader_student_no"]


def test_a_company_adds_its_own_team_member_and_not_anothers(client, org, park):
    member = team_member_add(
        tenant=park.tenant_a,
        actor=park.student_member,
        data={"name": org.graduates["a1"][1].name, "duty": "设计", "graduate": org.graduates["a1"][1]},
    )
    assert member.graduate == org.graduates["a1"][1]
    with pytest.raises(PermissionDenied):
        team_member_add(tenant=park.tenant_b, actor=park.leader_a, data={"name": "张三"})
    client.force_login(park.leader_a)
    target = reverse("park:team_member_add", kwargs={"pk": park.tenant_b.pk})
    assert client.post(target, {"name": "张三", "phone": "13912345678"}).status_code == 404
    assert not TeamMember.objects.filter(tenant=park.tenant_b).exists()


def test_team_phones_are_masked_on_the_company_page(client, park):
    team_member_add(tenant=park.tenant_a, actor=park.centre, data={"name": "李四", "phone": "13912345678"})
    client.force_login(park.centre)
    body = client.get(reverse("park:tenant_detail", kwargs={"pk": park.tenant_a.pk})).content.decode()
    assert "139****5678" in body and "13912345678" not in body


def test_a_patrol_finding_is_followed_up_and_its_company_sees_it(client, park):
    # given the centre's patrol that found a hazard at 甲公司 and one at 乙公司
    patrol = records_of_tenant_a(park).patrol
    patrol_record(
        actor=park.centre,
        data={"site": park.site_a, "tenant": park.tenant_b, "patrolled_on": datetime.date(2020, 12, 1),
              "findings": "消防通道堆放杂物", "hazard": True},
    )  # fmt: skip
    # when the centre records what was done about the first
    patrol_record(
        actor=park.centre,
        patrol=patrol,
        data={"follow_up": "已拆除串接插线板", "resolved_on": datetime.date(2020, 12, 2)},
    )
    patrol.refresh_from_db()
    assert (patrol.follow_up, patrol.is_open) == ("已拆除串接插线板", False)
    # then the open-hazards filter shows only the other, and 甲公司 sees its own patrol only
    client.force_login(park.centre)
    open_ = client.get(reverse("park:patrol_list"), {"open": "true"}).context["page"].object_list
    assert [p.tenant.company_name for p in open_] == ["乙公司"]
    client.force_login(park.leader_a)
    assert [p.pk for p in client.get(reverse("park:patrol_list")).context["page"].object_list] == [patrol.pk]
    # and only the centre records patrols
    with pytest.raises(PermissionDenied):
        patrol_record(actor=park.leader_a, data={"findings": "x"})
    assert PatrolRecord.objects.count() == 2


def test_competition_entries_and_their_awards(client, park):
    entry = records_of_tenant_a(park).entry
    competition_award_add(
        entry=entry,
        actor=park.centre,
        data={"competition": "internet_plus", "stage": "provincial", "award": "gold"},
    )
    competition_award_add(
        entry=entry,
        actor=park.centre,
        data={"competition": "chutian", "stage": "provincial", "award": "gold"},
    )
    with pytest.raises(ValidationError):
        competition_award_add(
            entry=entry,
            actor=park.centre,
            data={"competition": "chutian", "stage": "provincial", "award": "silver"},
        )
    with pytest.raises(PermissionDenied):
        competition_entry_save(actor=park.leader_a, data={"project_name": "x"})
    assert [str(a) for a in CompetitionAward.objects.filter(entry=entry)] == [
        "“互联网+”省赛复赛金奖",
        "楚天创客省赛复赛金奖",
    ]
    client.force_login(park.centre)
    response = client.get(reverse("park:competition_list"), {"medal": "true", "competition": "internet_plus"})
    assert [e.pk for e in response.context["page"].object_list] == [entry.pk]
    assert [(line.entries, line.students, line.medals) for line in response.context["summary"]] == [(1, 3, 2)]


def test_the_resumption_contact_phone_is_masked(client, park):
    resumption = records_of_tenant_a(park).resumption
    client.force_login(park.centre)
    body = client.get(reverse("park:resumption_detail", kwargs={"pk": resumption.pk})).content.decode()
    assert "139****5678" in body and "13912345678" not in body

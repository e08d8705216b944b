"""The campaign and import pages: the centre only; list, create, edit, detail, upload -> preview -> confirm."""

import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.accounts.models import Role
from apps.graduates.pending import MSG_NO_PENDING, MSG_STALE_PREVIEW
from apps.jobs.models import Job, JobKind, JobStatus
from apps.surveys.imports import GRADUATE_REQUIRED_COLUMNS, MSG_GENDER
from apps.surveys.models import SurveyCampaign, SurveyKind
from apps.surveys.views import PAGE_SIZE
from apps.surveys.views_import import MSG_IMPORTED, PENDING, SESSION_KEY

from ..factories import make_cohort, make_user
from .exports import GRADUATE_HEADER, graduate_row, write_xlsx
from .factories import answer, make_campaign, rate_employer

pytestmark = pytest.mark.django_db

LIST_URL = reverse("surveys:list")
CREATE_URL = reverse("surveys:create")


def urls_of(campaign) -> list[str]:
    return [
        LIST_URL,
        CREATE_URL,
        reverse("surveys:detail", args=[campaign.pk]),
        reverse("surveys:edit", args=[campaign.pk]),
        reverse("surveys:import", args=[campaign.pk]),
        reverse("surveys:import_confirm", args=[campaign.pk]),
    ]


@pytest.fixture
def campaign(org):
    return make_campaign(2020, sent=6)


@pytest.fixture
def centre(client, org):
    client.force_login(org.centre)
    return client


@pytest.mark.parametrize("role", [Role.STUDENT, Role.COUNSELLOR, Role.COLLEGE, Role.ADMIN, Role.TENANT])
def test_only_the_centre_may_open_any_survey_page(client, org, campaign, role):
    user = org.user_for(role) if role != Role.TENANT else make_user(Role.TENANT)
    client.force_login(user)

    for url in urls_of(campaign):
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url


def test_a_visitor_is_sent_to_log_in(client, campaign):
    for url in urls_of(campaign):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_the_list_pages_through_the_campaigns(centre, org):
    for year in range(2000, 2000 + PAGE_SIZE + 1):
        make_campaign(year)

    first = centre.get(LIST_URL)
    last = centre.get(LIST_URL, {"page": 2})

    assert first.status_code == 200 and len(first.context["page"].object_list) == PAGE_SIZE
    assert first.context["page"].object_list[0].cohort.year == 2000 + PAGE_SIZE  # newest first
    assert [c.cohort.year for c in last.context["page"].object_list] == [2000]


def test_the_list_shows_responses_stored_and_the_return_rate(centre, org, campaign):
    answer(campaign, org.college_a, overall="满意")
    answer(campaign, org.college_a, overall="满意")

    content = centre.get(LIST_URL).content.decode()

    assert campaign.title in content and "33.33%" in content


def test_the_centre_creates_a_campaign(centre, org):
    cohort = make_cohort(2021)

    response = centre.post(
        CREATE_URL,
        {"cohort": cohort.pk, "kind": SurveyKind.EMPLOYERS, "title": "2021届用人单位调查", "sent": 40,
         "returned": "", "closed_on": "2021-12-20"},
    )  # fmt: skip

    created = SurveyCampaign.objects.get(cohort=cohort)
    assert response.status_code == 302 and response["Location"] == reverse(
        "surveys:detail", args=[created.pk]
    )
    assert (created.kind, created.sent, created.returned) == (SurveyKind.EMPLOYERS, 40, None)


def test_one_campaign_per_cohort_and_kind(centre, campaign):
    response = centre.post(
        CREATE_URL,
        {"cohort": campaign.cohort.pk, "kind": SurveyKind.GRADUATES, "title": "again", "sent": 5,
         "closed_on": "2020-12-01"},
    )  # fmt: skip

    assert response.status_code == 200 and response.context["form"].errors
    assert SurveyCampaign.objects.count() == 1


def test_the_centre_edits_counts_but_not_cohort_or_kind(centre, campaign):
    url = reverse("surveys:edit", args=[campaign.pk])

    response = centre.post(
        url,
        {"title": "改名", "sent": 9, "returned": 3, "closed_on": "2020-12-31", "kind": SurveyKind.EMPLOYERS},
    )

    campaign.refresh_from_db()
    assert response.status_code == 302
    assert (campaign.title, campaign.sent, campaign.returned) == ("改名", 9, 3)
    assert campaign.closed_on == datetime.date(2020, 12, 31) and campaign.kind == SurveyKind.GRADUATES


def test_a_bad_edit_is_shown_not_saved(centre, campaign):
    response = centre.post(
        reverse("surveys:edit", args=[campaign.pk]), {"title": "x", "sent": 0, "closed_on": "x"}
    )

    campaign.refresh_from_db()
    assert response.status_code == 200 and set(response.context["form"].errors) == {"sent", "closed_on"}
    assert campaign.sent == 6


def test_the_detail_shows_the_figures_and_what_does_not_add_up(centre, org, campaign):
    answer(campaign, org.college_a, job="满意", match="对口", overall="满意")
    campaign.returned = 2
    campaign.save()

    response = centre.get(reverse("surveys:detail", args=[campaign.pk]))

    content = response.content.decode()
    assert response.context["summary"]["returned"] == 1
    assert "平台统计回收 2 份，而导入的答卷为 1 份" in content
    assert "发出问卷 6 份，而本届毕业生为 6 人" not in content  # the org fixture's cohort has 6 graduates
    assert 'id="survey-sample"' in content and "表 2-1" in content


def test_the_detail_says_when_sent_differs_from_the_cohort(centre, org):
    campaign = make_campaign(2020, sent=7)

    content = centre.get(reverse("surveys:detail", args=[campaign.pk])).content.decode()

    assert "2020届毕业生跟踪调查发出问卷 7 份，而本届毕业生为 6 人。" in content


def test_an_unknown_campaign_is_404(centre):
    assert centre.get(reverse("surveys:detail", args=[999])).status_code == 404
    assert centre.get(reverse("surveys:import", args=[999])).status_code == 404


# --- the import pages ----------------------------------------------------------------------------------------


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


def test_the_template_has_the_columns_of_the_campaigns_kind(centre, campaign):
    response = centre.get(reverse("surveys:import", args=[campaign.pk]), {"download": "template"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert header[: len(GRADUATE_REQUIRED_COLUMNS)] == list(GRADUATE_REQUIRED_COLUMNS)


def test_preview_then_confirm_replaces_the_responses(centre, org, campaign, tmp_path, settings):
    answer(campaign, org.college_a, overall="不满意")
    path = write_xlsx(tmp_path / "export.xlsx", [graduate_row(1), graduate_row(2)], GRADUATE_HEADER)
    import_url = reverse("surveys:import", args=[campaign.pk])

    preview = centre.post(import_url, {"file": upload(path)})

    assert preview.status_code == 200
    assert (preview.context["result"].rows, preview.context["result"].replaced) == (2, 1)
    assert campaign.graduate_responses.count() == 1  # nothing written yet
    token = centre.session[SESSION_KEY]["token"]
    assert PENDING.path(token).is_file()

    confirmed = centre.post(reverse("surveys:import_confirm", args=[campaign.pk]), {"token": token})

    job = Job.objects.get()
    assert confirmed.status_code == 302 and confirmed.url == reverse("jobs:detail", args=[job.pk])
    assert (job.kind, job.status, job.rows_done) == (JobKind.SURVEY_IMPORT, JobStatus.SUCCEEDED, 2)
    assert str(MSG_IMPORTED.format(rows=2, replaced=1)) in centre.get(confirmed.url).content.decode()
    assert set(campaign.graduate_responses.values_list("response_no", flat=True)) == {"G0001", "G0002"}
    assert not PENDING.path(token).exists()


def test_a_bad_file_shows_every_error_and_cannot_be_confirmed(centre, campaign, tmp_path):
    path = write_xlsx(tmp_path / "bad.xlsx", [graduate_row(1, {"性别": "x"})], GRADUATE_HEADER)

    response = centre.post(reverse("surveys:import", args=[campaign.pk]), {"file": upload(path)})

    content = response.content.decode()
    assert 'id="import-rejected"' in content and str(MSG_GENDER) in content
    assert 'id="import-confirm"' not in content and SESSION_KEY not in centre.session
    assert campaign.graduate_responses.count() == 0


def test_confirm_without_a_preview_writes_nothing(centre, campaign):
    response = centre.post(reverse("surveys:import_confirm", args=[campaign.pk]), {"token": "0" * 32})

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [str(MSG_NO_PENDING)]


def test_a_stale_confirm_is_refused(centre, campaign, tmp_path):
    path = write_xlsx(tmp_path / "export.xlsx", [graduate_row(1)], GRADUATE_HEADER)
    centre.post(reverse("surveys:import", args=[campaign.pk]), {"file": upload(path)})

    response = centre.post(reverse("surveys:import_confirm", args=[campaign.pk]), {"token": "f" * 32})

    assert [str(m) for m in get_messages(response.wsgi_request)] == [str(MSG_STALE_PREVIEW)]
    assert campaign.graduate_responses.count() == 0


def test_a_preview_of_one_campaign_cannot_be_confirmed_into_another(centre, org, campaign, tmp_path):
    other = make_campaign(2019)
    path = write_xlsx(tmp_path / "export.xlsx", [graduate_row(1)], GRADUATE_HEADER)
    centre.post(reverse("surveys:import", args=[campaign.pk]), {"file": upload(path)})
    token = centre.session[SESSION_KEY]["token"]

    response = centre.post(reverse("surveys:import_confirm", args=[other.pk]), {"token": token})

    assert [str(m) for m in get_messages(response.wsgi_request)] == [str(MSG_NO_PENDING)]
    assert other.graduate_responses.count() == campaign.graduate_responses.count() == 0


def test_the_detail_of_an_employers_campaign(centre, org):
    employers = make_campaign(2020, SurveyKind.EMPLOYERS, sent=2)
    rate_employer(employers, "满意", "满意", "一般", "满意", "满意", "不满意")

    response = centre.get(reverse("surveys:detail", args=[employers.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="employer-dimensions"' in content and "66.67%" in content

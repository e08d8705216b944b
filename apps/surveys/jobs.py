"""The survey responses import as a background job: the same service the page's confirmation ran."""

from apps.jobs.imports import run_import
from apps.jobs.models import Job
from apps.jobs.progress import ProgressReporter
from apps.jobs.runner import Outcome

from .imports import survey_response_import
from .models import SurveyCampaign
from .views_import import MSG_IMPORTED


def run_survey_import(job: Job, reporter: ProgressReporter) -> Outcome:
    campaign = SurveyCampaign.objects.select_related("cohort").get(pk=job.params["campaign"])
    return run_import(
        job,
        reporter,
        service=survey_response_import,
        campaign=campaign,
        summary=lambda result: str(MSG_IMPORTED.format(rows=result.rows, replaced=result.replaced)),
    )

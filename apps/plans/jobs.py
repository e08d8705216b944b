"""The destination import (contract §2) as a background job: the same service the page's confirmation ran."""

from apps.jobs.imports import run_import
from apps.jobs.models import Job
from apps.jobs.progress import ProgressReporter
from apps.jobs.runner import Outcome

from .destination_import import destination_import
from .views_import import MSG_IMPORTED


def run_destination_import(job: Job, reporter: ProgressReporter) -> Outcome:
    return run_import(
        job,
        reporter,
        service=destination_import,
        summary=lambda result: str(
            MSG_IMPORTED.format(new=result.new, changed=result.changed, unchanged=result.unchanged)
        ),
    )

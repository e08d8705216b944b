"""A test-only app for the worker-killed scenario: when HPI_TEST_STALL_MARKER names a file, a graduate import
that has written its rows (inside its transaction) touches that file and waits, so the test can kill the
worker at exactly that point; so does a national-layout import once its plans are written (and before the
graduates' layout fields, the last write of its transaction)."""

import os
import time
from pathlib import Path

from django.apps import AppConfig


class StallConfig(AppConfig):
    name = "tests.jobs.stall"
    label = "tests_jobs_stall"

    def ready(self):
        marker = os.environ.get("HPI_TEST_STALL_MARKER")
        if not marker:
            return
        from apps.graduates.signals import graduates_imported

        def stall(sender, graduates, **kwargs):
            Path(marker).write_text(str(graduates.count()))
            time.sleep(300)

        graduates_imported.connect(stall, weak=False)

        from apps.plans.models import DestinationPlan
        from apps.plans.national_layout import importer

        def stall_layout(values_by_student_no):
            Path(marker).write_text(str(DestinationPlan.objects.count()))
            time.sleep(300)

        importer._update_graduates = stall_layout

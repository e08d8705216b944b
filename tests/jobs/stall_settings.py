"""The settings of the real worker processes the job tests start: the test settings, the database task
backend, and the stall app (inactive unless HPI_TEST_STALL_MARKER is set)."""

from hpi_employment.settings.test import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.jobs.stall"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

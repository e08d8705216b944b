"""The settings of the real worker processes the job tests start: the test settings, the database task
backend (Redis with HPI_TASKS_BACKEND=redis), and the stall app (inactive unless HPI_TEST_STALL_MARKER is set)."""

from hpi_employment.settings.test import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.jobs.stall"]  # noqa: F405
if TASKS_BACKEND == "redis":  # noqa: F405
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

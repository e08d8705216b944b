"""Jobs on the two real task backends, each with its worker in this process: the database backend
(django-tasks-db, the embedded default) and Redis (django-tasks-rq), skipped only when no Redis answers at
HPI_REDIS_URL (.ci/run starts one at 127.0.0.1:6379)."""

import pytest
import redis
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from apps.accounts.models import Role
from apps.graduates.models import Graduate
from apps.jobs.models import Job, JobKind, JobStatus
from apps.jobs.services import job_create

from ..factories import make_user
from ..graduates.fixtures_import import good_rows, make_import_org, write_xlsx

pytestmark = pytest.mark.django_db
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REDIS_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


def queued_import(tmp_path, rows: int = 5) -> Job:
    make_import_org()
    source = write_xlsx(tmp_path / "graduates.xlsx", good_rows(rows))
    centre = make_user(Role.CENTRE, username="centre")
    return job_create(owner=centre, kind=JobKind.GRADUATE_IMPORT, source=source, source_name="graduates.xlsx")


@override_settings(TASKS=DATABASE_TASKS)
def test_the_database_backend_queues_the_job_until_a_worker_runs_it(tmp_path, monkeypatch):
    # The worker runs in this process, inside the test's transaction, which its connection recycling would
    # close (PostgreSQL); test_worker_killed runs it as a process of its own.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    job = queued_import(tmp_path)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and Graduate.objects.count() == 0
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"

    call_command("task_worker", "--", "--batch", "--no-startup-delay", verbosity=0)

    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == (JobStatus.SUCCEEDED, 5, 5)
    assert Graduate.objects.count() == 5
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"


def redis_reachable() -> bool:
    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def rq_queue():
    if not redis_reachable():
        pytest.skip(f"no Redis answers at {settings.REDIS_URL} (HPI_REDIS_URL); .ci/run starts one")
    import django_rq
    from django_tasks_rq.backend import Job as RQJob

    queue = django_rq.get_queue("default", job_class=RQJob)
    queue.empty()
    yield queue
    queue.empty()


@override_settings(TASKS=REDIS_TASKS)
def test_the_redis_backend_queues_the_job_on_redis_until_a_worker_runs_it(tmp_path, rq_queue):
    from rq import SimpleWorker

    job = queued_import(tmp_path)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and rq_queue.job_ids == [job.task_id]

    # A worker in this process (no fork), so it sees this test's transaction.
    SimpleWorker([rq_queue], connection=rq_queue.connection, job_class=rq_queue.job_class).work(burst=True)

    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == (JobStatus.SUCCEEDED, 5, 5)
    assert Graduate.objects.count() == 5

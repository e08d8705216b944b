"""The one task every job runs through: the backend (database or Redis) carries only the job's id."""

from django.tasks import task


@task()
def run_job(job_id: int) -> str:
    from .runner import execute

    return execute(job_id)

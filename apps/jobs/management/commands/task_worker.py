"""The task worker of the configured backend, after failing the jobs a dead worker left running.

``TASKS`` decides: the database backend runs ``db_worker`` (django-tasks-db), the Redis backend ``rqworker``
(django-rq). Extra arguments go to that worker (``-- --batch``, ``-- --burst``)."""

from django.conf import settings
from django.core.management import BaseCommand, call_command

from apps.jobs.services import jobs_recover


class Command(BaseCommand):
    help = "Fail jobs whose worker died, then run the task worker of the configured backend."

    def add_arguments(self, parser):
        parser.add_argument("worker_args", nargs="*")

    def handle(self, *args, worker_args, **options):
        failed = jobs_recover()
        if failed:
            self.stderr.write(
                f"{failed} job(s) of a stopped worker marked failed (nothing of them was written)."
            )
        backend = settings.TASKS["default"]["BACKEND"]
        if backend.startswith("django_tasks_rq."):
            # RQ must build django-tasks-rq's Job, which calls the task the way django.tasks does.
            queues = settings.TASKS["default"].get("QUEUES", ["default"])
            call_command("rqworker", *queues, "--job-class", "django_tasks_rq.Job", *worker_args)
        else:
            call_command("db_worker", *worker_args)

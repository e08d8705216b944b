"""Run inside a subprocess on the killed-worker test's own database: the import's colleges, a centre user
and a queued graduate-import job of ``rows`` good rows. Prints the job's id."""

import sys
import tempfile
from pathlib import Path

import django


def prepare(rows: int) -> int:
    from apps.accounts.models import Role
    from apps.jobs.models import JobKind
    from apps.jobs.services import job_create
    from tests.factories import make_user
    from tests.graduates.fixtures_import import good_rows, make_import_org, write_xlsx

    make_import_org()
    centre = make_user(Role.CENTRE, username="centre")
    source = write_xlsx(Path(tempfile.mkdtemp()) / "graduates.xlsx", good_rows(rows))
    job = job_create(owner=centre, kind=JobKind.GRADUATE_IMPORT, source=source, source_name="graduates.xlsx")
    return job.pk


if __name__ == "__main__":
    django.setup()
    print(prepare(int(sys.argv[1])))

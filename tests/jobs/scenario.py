"""Run inside a subprocess on the killed-worker test's own database: the import's colleges, a centre user
and a queued graduate-import job of ``rows`` good rows, or (``layout``) the graduates of a national-layout
file and a queued import job of that file. Prints the job's id."""

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


def prepare_layout() -> int:
    from django.db import transaction

    from apps.accounts.models import Role
    from apps.jobs.models import JobKind
    from apps.jobs.services import job_create
    from tests.factories import make_user
    from tests.graduates.fixtures_import import make_import_org
    from tests.plans.test_national_layout import (
        APPROVED_ON,
        exported,
        import_graduates,
        register_destinations,
    )

    make_import_org()
    centre = make_user(Role.CENTRE, username="centre")
    directory = Path(tempfile.mkdtemp())
    with transaction.atomic():  # the layout as another system exported it; only its graduates stay here
        cohort = import_graduates(directory, LAYOUT_ROWS, layout_fields=True)
        register_destinations(cohort, centre)
        _rows, data = exported(cohort)
        transaction.set_rollback(True)
    import_graduates(directory, LAYOUT_ROWS, layout_fields=False)
    source = directory / "layout.xlsx"
    source.write_bytes(data)
    job = job_create(
        owner=centre,
        kind=JobKind.NATIONAL_LAYOUT_IMPORT,
        params={"approved_on": APPROVED_ON.isoformat()},
        source=source,
        source_name="就业方案.xlsx",
    )
    return job.pk


LAYOUT_ROWS = 7  # the destinations tests.plans.test_national_layout registers


if __name__ == "__main__":
    django.setup()
    print(prepare_layout() if sys.argv[1] == "layout" else prepare(int(sys.argv[1])))

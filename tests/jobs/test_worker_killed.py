"""A worker killed in the middle of an import leaves nothing half-written, and the job says it failed.

Real processes on a database of the test's own that each of them opens (a SQLite file; a PostgreSQL database
too when DATABASE_URL points at one): one prepares a queued import job, a worker (``manage.py task_worker``,
the database backend) runs it until the import has written its rows inside its transaction and stops there,
the test kills it with SIGKILL, and a new worker starts."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from apps.jobs.services import MSG_WORKER_LOST

ROOT = Path(__file__).resolve().parent.parent.parent
ROWS = 40
TIMEOUT = 120


def _env(database_url: str, media: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "tests.jobs.stall_settings",
        "DATABASE_URL": database_url,
        "HPI_MEDIA_ROOT": str(media),
        "PYTHONPATH": str(ROOT),
    }


def _postgres_server() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "PostgreSQL variant: DATABASE_URL does not point at PostgreSQL (the SQLite one runs instead)"
        )
    return url.rpartition("/")[0]


def _postgres(server: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("jobs-db")
    database = directory / "migrated.sqlite3"
    manage(_env(f"sqlite:///{database}", directory / "media"), "migrate", "--no-input", "--verbosity", "0")
    return database


@pytest.fixture(scope="module")
def migrated_postgres(tmp_path_factory):
    server = _postgres_server()
    name = f"hpi_jobs_template_{uuid.uuid4().hex[:8]}"
    _postgres(server, f'CREATE DATABASE "{name}"')
    try:
        media = tmp_path_factory.mktemp("jobs-pg-media")
        manage(_env(f"{server}/{name}", media), "migrate", "--no-input", "--verbosity", "0")
        yield server, name
    finally:
        _postgres(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def worker_env(request, tmp_path):
    """A migrated database of the test's own, that every process of the test opens."""
    if request.param == "sqlite":
        database = tmp_path / "jobs.sqlite3"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), database)
        yield _env(f"sqlite:///{database}", tmp_path / "media")
        return
    server, template = request.getfixturevalue("migrated_postgres")
    name = f"hpi_jobs_{uuid.uuid4().hex[:8]}"
    _postgres(server, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield _env(f"{server}/{name}", tmp_path / "media")
    finally:
        _postgres(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(database_url: str, sql: str, params: tuple = ()) -> list[tuple]:
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=30) as connection:
            return connection.execute(sql, params).fetchall()
    import psycopg

    with psycopg.connect(database_url) as connection:
        return connection.execute(sql.replace("?", "%s"), params).fetchall()


def manage(env, *args) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def counts(database_url: str) -> dict[str, int]:
    return {
        table: query(database_url, f"SELECT count(*) FROM {table}")[0][0]  # noqa: S608 (our own names)
        for table in ("graduates_graduate", "graduates_historicalgraduate", "accounts_user")
    }


def job_row(database_url: str, pk: int) -> tuple[str, str]:
    return tuple(query(database_url, "SELECT status, summary FROM jobs_job WHERE id = ?", (pk,))[0])


def layout_counts(database_url: str) -> dict[str, int]:
    """The national-layout import's writes: plans, their events, the graduates' layout fields."""
    tables = {
        table: query(database_url, f"SELECT count(*) FROM {table}")[0][0]  # noqa: S608 (our own names)
        for table in ("plans_destinationplan", "plans_planevent", "plans_historicaldestinationplan")
    }
    filled = "SELECT count(*) FROM graduates_graduate WHERE political_status <> ''"
    return tables | {"graduates with layout fields": query(database_url, filled)[0][0]}


def prepare_job(env, argument: str) -> int:
    prepared = subprocess.run(
        [sys.executable, "-m", "tests.jobs.scenario", argument],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert prepared.returncode == 0, prepared.stderr
    return int(prepared.stdout.strip().splitlines()[-1])


def kill_the_worker_once_written(env, marker: Path, job_id: int) -> str:
    """Start a worker, wait until the import has written inside its transaction (the stall app touches
    ``marker`` and waits there), SIGKILL it; what the marker says was written."""
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "task_worker", "--", "--no-startup-delay", "--interval", "0.1"],
        cwd=ROOT, env=env | {"HPI_TEST_STALL_MARKER": str(marker)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + TIMEOUT
        while not marker.exists() or not marker.read_text():
            assert worker.poll() is None, "the worker stopped before the import wrote its rows"
            assert time.monotonic() < deadline, "the worker never reached the import's write"
            time.sleep(0.05)
        assert job_row(env["DATABASE_URL"], job_id)[0] == "running"
        os.killpg(worker.pid, signal.SIGKILL)  # no chance to clean up
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    return marker.read_text()


def test_killing_the_worker_mid_layout_import_writes_nothing_and_the_next_worker_fails_the_job(
    worker_env, tmp_path
):
    database = worker_env["DATABASE_URL"]
    job_id = prepare_job(worker_env, "layout")
    before = layout_counts(database)

    # when: the worker is killed once the plans are in, seen from inside the import's transaction
    written = kill_the_worker_once_written(worker_env, tmp_path / "written", job_id)
    assert written == "7"

    # then: nothing of the import is in the database, and the next worker fails the job with the reason
    assert layout_counts(database) == before
    manage(worker_env, "task_worker", "--", "--batch", "--no-startup-delay")
    assert job_row(database, job_id) == ("failed", str(MSG_WORKER_LOST))
    assert layout_counts(database) == before


def test_killing_the_worker_mid_import_writes_nothing_and_the_next_worker_fails_the_job(worker_env, tmp_path):
    database = worker_env["DATABASE_URL"]
    prepared = subprocess.run(
        [sys.executable, "-m", "tests.jobs.scenario", str(ROWS)],
        cwd=ROOT, env=worker_env, capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert prepared.returncode == 0, prepared.stderr
    job_id = int(prepared.stdout.strip().splitlines()[-1])
    before = counts(database)

    # given: a worker that has written the rows inside the import's transaction and is stopped there
    marker = tmp_path / "written"
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "task_worker", "--", "--no-startup-delay", "--interval", "0.1"],
        cwd=ROOT, env=worker_env | {"HPI_TEST_STALL_MARKER": str(marker)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + TIMEOUT
        while not marker.exists():
            assert worker.poll() is None, "the worker stopped before the import wrote its rows"
            assert time.monotonic() < deadline, "the worker never reached the import's write"
            time.sleep(0.05)
        assert marker.read_text() == str(ROWS)  # the rows are in, seen from inside the transaction
        assert job_row(database, job_id)[0] == "running"

        # when: the worker is killed, no chance to clean up
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)

    # then: nothing of the import is in the database
    assert counts(database) == before

    # and the next worker to start fails the job with the reason, and still nothing is written
    manage(worker_env, "task_worker", "--", "--batch", "--no-startup-delay")
    assert job_row(database, job_id) == ("failed", str(MSG_WORKER_LOST))
    assert counts(database) == before


def test_a_worker_that_is_left_alone_imports_the_same_job(worker_env):
    database = worker_env["DATABASE_URL"]
    prepared = subprocess.run(
        [sys.executable, "-m", "tests.jobs.scenario", str(ROWS)],
        cwd=ROOT, env=worker_env, capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert prepared.returncode == 0, prepared.stderr
    job_id = int(prepared.stdout.strip().splitlines()[-1])
    before = counts(database)

    manage(worker_env, "task_worker", "--", "--batch", "--no-startup-delay")

    assert job_row(database, job_id)[0] == "succeeded"
    after = counts(database)
    assert after["graduates_graduate"] == before["graduates_graduate"] + ROWS
    assert after["accounts_user"] == before["accounts_user"] + ROWS


def test_a_redis_worker_process_runs_the_job_from_the_queue(worker_env):
    from .test_backends import redis_reachable

    if not redis_reachable():
        pytest.skip("no Redis answers at HPI_REDIS_URL; .ci/run starts one")
    import redis
    from django.conf import settings

    env = worker_env | {"HPI_TASKS_BACKEND": "redis", "HPI_REDIS_URL": settings.REDIS_URL}
    redis.Redis.from_url(settings.REDIS_URL).delete("rq:queue:default")
    database = env["DATABASE_URL"]
    prepared = subprocess.run(
        [sys.executable, "-m", "tests.jobs.scenario", str(ROWS)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert prepared.returncode == 0, prepared.stderr
    job_id = int(prepared.stdout.strip().splitlines()[-1])
    assert job_row(database, job_id)[0] == "queued"
    before = counts(database)

    manage(env, "task_worker", "--", "--burst")

    assert job_row(database, job_id)[0] == "succeeded"
    assert counts(database)["graduates_graduate"] == before["graduates_graduate"] + ROWS

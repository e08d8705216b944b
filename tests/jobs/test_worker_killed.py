"""A worker killed in the middle of an import leaves nothing half-written, and the job says it failed.

Real processes on a database of the test's own (a SQLite file every process opens): one prepares a queued
import job, a worker (``manage.py task_worker``, the database backend) runs it until the import has written
its rows inside its transaction and stops there, the test kills it with SIGKILL, and a new worker starts."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from apps.jobs.services import MSG_WORKER_LOST

ROOT = Path(__file__).resolve().parent.parent.parent
ROWS = 40
TIMEOUT = 120


def _env(database: Path, media: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "tests.jobs.stall_settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "HPI_MEDIA_ROOT": str(media),
        "PYTHONPATH": str(ROOT),
    }


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("jobs-db")
    database = directory / "migrated.sqlite3"
    manage(_env(database, directory / "media"), "migrate", "--no-input", "--verbosity", "0")
    return database


@pytest.fixture
def worker_env(tmp_path, migrated_database):
    database = tmp_path / "jobs.sqlite3"
    shutil.copyfile(migrated_database, database)
    return _env(database, tmp_path / "media")


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


def counts(database: str) -> dict[str, int]:
    with sqlite3.connect(database, timeout=30) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 (our names)
            for table in ("graduates_graduate", "graduates_historicalgraduate", "accounts_user")
        }


def job_row(database: str, pk: int) -> tuple[str, str]:
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute("SELECT status, summary FROM jobs_job WHERE id = ?", (pk,)).fetchone()


def test_killing_the_worker_mid_import_writes_nothing_and_the_next_worker_fails_the_job(worker_env, tmp_path):
    database = worker_env["DATABASE_URL"].removeprefix("sqlite:///")
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
    database = worker_env["DATABASE_URL"].removeprefix("sqlite:///")
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

"""PostgreSQL's connection options as the settings build them from the environment (a process of its own
each, as a server starts), and prepared statements really made on a live PostgreSQL connection."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
PRINT_OPTIONS = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
)


def _options(**environment: str) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DATABASE_URL", "HPI_PG_"))}
    env |= {"DJANGO_SETTINGS_MODULE": "hpi_employment.settings.test"} | environment
    result = subprocess.run(
        [sys.executable, "-c", PRINT_OPTIONS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgresql_binds_on_the_server_and_prepares_from_the_fifth_run_by_default():
    options = _options(DATABASE_URL="postgres://postgres@127.0.0.1:5432/hpi")
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 5


def test_hpi_pg_prepared_0_turns_preparing_off_for_a_transaction_pooler():
    options = _options(DATABASE_URL="postgres://postgres@127.0.0.1:5432/hpi", HPI_PG_PREPARED="0")
    assert options["server_side_binding"] is True
    assert "prepare_threshold" not in options


def test_sqlite_gets_neither():
    options = _options(DATABASE_URL="sqlite:///unused.sqlite3")
    assert "prepare_threshold" not in options and "server_side_binding" not in options
    assert options["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db
def test_a_query_run_five_times_is_prepared_on_the_connection():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    if connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        pytest.skip("HPI_PG_PREPARED=0 in this run")
    probe = "SELECT %s::int + 1 AS hpi_prepared_probe"
    with connection.cursor() as cursor:
        for number in range(6):
            cursor.execute(probe, [number])
            assert cursor.fetchone() == (number + 1,)
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%hpi_prepared_probe%"]
        )
        assert cursor.fetchone() == (1,)

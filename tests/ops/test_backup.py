"""The backup drill: scripts/backup.sh, then scripts/restore.sh into a fresh database and media folder, gives
the same annual-report JSON and the same evidence files; a restore over existing data is refused.
SQLite everywhere; PostgreSQL when DATABASE_URL points at one (CI's second run)."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
TIMEOUT = 300
REPORT = ["annual_report", "--cohort", "2020", "--as-of", "2020-08-31", "--format", "json"]


def environment(database_url: str, media: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "hpi_employment.settings.test",
        "DATABASE_URL": database_url,
        "HPI_MEDIA_ROOT": str(media),
        "PYTHONPATH": str(ROOT),
    }


def run(env, *command, expect: int = 0) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == expect, result.stderr + result.stdout
    return result


def manage(env, *args) -> str:
    return run(env, sys.executable, "manage.py", *args).stdout


def files_of(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def drill(source_env: dict, target_env: dict, backups: Path) -> None:
    manage(source_env, "migrate", "--no-input", "--verbosity", "0")
    run(source_env, sys.executable, "-m", "tests.ops.backup_scenario")
    report = manage(source_env, *REPORT)
    media = files_of(Path(source_env["HPI_MEDIA_ROOT"]))
    assert '"graduates": 7' in report and media  # something to lose

    folder = Path(run(source_env, "sh", "scripts/backup.sh", str(backups)).stdout.strip().splitlines()[-1])
    run(target_env, "sh", "scripts/restore.sh", str(folder))

    assert manage(target_env, *REPORT) == report
    assert files_of(Path(target_env["HPI_MEDIA_ROOT"])) == media
    # a second restore over what is there now is refused and changes nothing
    refused = run(target_env, "sh", "scripts/restore.sh", str(folder), expect=1)
    assert "restore:" in refused.stderr
    assert manage(target_env, *REPORT) == report


def test_a_sqlite_backup_restores_to_the_same_report_and_media(tmp_path):
    source = environment(f"sqlite:///{tmp_path / 'live.sqlite3'}", tmp_path / "live-media")
    target = environment(f"sqlite:///{tmp_path / 'restored' / 'db.sqlite3'}", tmp_path / "restored-media")
    drill(source, target, tmp_path / "backups")


def test_a_damaged_backup_is_refused(tmp_path):
    env = environment(f"sqlite:///{tmp_path / 'live.sqlite3'}", tmp_path / "media")
    with sqlite3.connect(tmp_path / "live.sqlite3") as connection:
        connection.execute("CREATE TABLE kept (value TEXT)")
    folder = Path(
        run(env, "sh", "scripts/backup.sh", str(tmp_path / "backups")).stdout.strip().splitlines()[-1]
    )
    (folder / "media.tar.gz").write_bytes(b"not what was backed up")

    target = environment(f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "restored-media")
    refused = run(target, "sh", "scripts/restore.sh", str(folder), expect=1)

    assert "damaged" in refused.stderr
    assert not (tmp_path / "restored.sqlite3").exists()


@pytest.fixture
def postgres_databases():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "PostgreSQL drill: DATABASE_URL does not point at PostgreSQL (the SQLite drill runs instead)"
        )
    import psycopg

    base, _slash, _name = url.rpartition("/")
    names = [f"hpi_backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("live", "restored")]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        for name in names:
            connection.execute(f'CREATE DATABASE "{name}"')
    yield [f"{base}/{name}" for name in names]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        for name in names:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_postgresql_backup_restores_to_the_same_report_and_media(tmp_path, postgres_databases):
    live, restored = postgres_databases
    drill(
        environment(live, tmp_path / "live-media"),
        environment(restored, tmp_path / "restored-media"),
        tmp_path / "backups",
    )

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from apps.graduates import imports
from apps.graduates.models import Graduate

from .fixtures_import import good_row, good_rows, make_import_org, write_xlsx

pytestmark = pytest.mark.django_db

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _org(db):
    make_import_org()


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_graduates", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_good_file_is_imported_and_counted(tmp_path):
    out, err = run(str(write_xlsx(tmp_path / "g.xlsx", good_rows(3))))

    assert "新增 3 人，更新 0 人，未变 0 人" in out and err == ""
    assert Graduate.objects.count() == 3


def test_a_dry_run_counts_and_writes_nothing(tmp_path):
    out, _err = run(str(write_xlsx(tmp_path / "g.xlsx", good_rows(3))), "--dry-run")

    assert "新增 3 人" in out
    assert Graduate.objects.count() == 0


def test_rejected_input_exits_1_with_every_error_on_stderr_and_writes_nothing(tmp_path):
    rows = [good_row(1, {"民族": "火星族"}), good_row(2), good_row(3, {"性别": "x"})]
    err = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_graduates", str(write_xlsx(tmp_path / "bad.xlsx", rows)), stderr=err)

    assert raised.value.returncode == 1
    lines = err.getvalue().splitlines()
    assert lines == [
        f"第 2 行 民族：{imports.MSG_UNKNOWN_ETHNICITY.format(value='火星族')}",
        f"第 4 行 性别：{imports.MSG_GENDER}",
    ]
    assert Graduate.objects.count() == 0


def test_a_file_level_error_is_reported_too(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    err = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_graduates", str(path), stderr=err)

    assert raised.value.returncode == 1
    assert err.getvalue().startswith("文件：")


def test_a_missing_file_is_a_bad_argument(tmp_path):
    with pytest.raises(CommandError) as raised:
        run(str(tmp_path / "nope.xlsx"))

    assert raised.value.returncode == 2


def test_no_file_argument_exits_2_from_the_command_line():
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="hpi_employment.settings.test")
    completed = subprocess.run(
        [sys.executable, "manage.py", "import_graduates"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        timeout=60,
    )

    assert completed.returncode == 2
    assert b"file" in completed.stderr

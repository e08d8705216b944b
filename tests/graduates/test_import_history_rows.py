"""The import's "+" historical rows (copied by INSERT ... SELECT) hold what simple-history's own would."""

import pytest

from apps.accounts.models import Role
from apps.graduates.imports import HISTORY_REASON, graduate_import
from apps.graduates.models import Graduate

from ..factories import make_user
from .fixtures_import import good_rows, make_import_org, write_xlsx

pytestmark = pytest.mark.django_db


def test_each_new_graduate_has_one_creation_row_with_every_tracked_field(tmp_path):
    make_import_org()
    centre = make_user(Role.CENTRE)
    result = graduate_import(
        rows_source=write_xlsx(tmp_path / "a.xlsx", good_rows(3)), dry_run=False, actor=centre
    )
    assert result.written and result.new >= 2
    history = Graduate.history.model
    for graduate in Graduate.objects.all():
        (row,) = history.objects.filter(id=graduate.pk)
        assert (row.history_type, row.history_user_id, row.history_change_reason) == (
            "+",
            centre.pk,
            HISTORY_REASON,
        )
        for field in history.tracked_fields:
            assert getattr(row, field.attname) == getattr(graduate, field.attname), field.name

"""The demo loader never overwrites a park that holds other records (outside test_demo's loaded park)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.park.models import Tenant

pytestmark = pytest.mark.django_db


def test_a_park_with_other_records_is_not_overwritten(park):
    with pytest.raises(CommandError):
        call_command("load_demo_park", stdout=StringIO())
    assert Tenant.objects.filter(company_name="甲公司").exists()

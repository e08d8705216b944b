"""Every column a list of this app filters by leads an index in the database (the project bar)."""

import pytest
from django.db import connection

from apps.support.filters import LedgerFilter, SubsidyFilter
from apps.support.models import SubsidyApplication, SupportCase

pytestmark = pytest.mark.django_db


def _leading_columns(model) -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {c["columns"][0] for c in constraints.values() if (c["index"] or c["unique"]) and c["columns"]}


@pytest.mark.parametrize(
    ("filterset", "model"), [(LedgerFilter, SupportCase), (SubsidyFilter, SubsidyApplication)]
)
def test_each_filter_on_the_lists_own_table_has_an_index(filterset, model):
    # Filters that follow a relation (college, class) use the graduates' indexes; methods (q, flagged) are
    # searches or computed; the rest are columns of the list's own table.
    columns = {
        model._meta.get_field(f.field_name).column
        for f in filterset.base_filters.values()
        if f.method is None and "__" not in f.field_name
    }
    assert columns  # the test looks at something
    assert columns - _leading_columns(model) == set()

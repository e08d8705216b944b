"""The test database as the migrations left it, for the demo tests that load a demo once per module.

The demo loaders write only into an empty database (apps/demo/guard.py), so a module that loaded a demo empties
the database again when it is done: deleting its rows one model at a time would leave django-simple-history's
"deleted" rows behind (and any row another app added on top), and the next module's loader would refuse.
"""

from django.core.management.color import no_style
from django.db import connection

from apps.demo.guard import CODE_TABLE_APPS, tracked_models
from apps.demo.models import DemoLoad


def empty_the_database() -> None:
    """Delete every row the demo guard watches but the code tables, and the guard's records (TRUNCATE ...
    CASCADE on PostgreSQL; on SQLite the foreign keys are only checked at the end)."""
    tables = [m._meta.db_table for m in tracked_models() if m._meta.app_label not in CODE_TABLE_APPS]
    tables.append(DemoLoad._meta.db_table)
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, allow_cascade=True))

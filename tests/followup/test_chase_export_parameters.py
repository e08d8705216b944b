"""The chase export's last actions are read a bounded number of graduates at a time, not with every row's id
in one IN list (issue 14): at 400,000 graduates the not_employed export sent 137,723 ids in one statement
(SQLite limits a statement's variables; PostgreSQL plans a long IN list slowly). The cells stay the page's."""

import math

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from apps.followup import selectors
from apps.followup.selectors import ChaseKind

from .chase_data import load_waiting_graduates
from .test_chase_export import exported, page_rows

pytestmark = pytest.mark.django_db

CHUNK = 10


class EventStatements:
    """The number of parameters of each statement reading plan events while it is entered."""

    def __init__(self):
        self.parameters: list[int] = []

    def __call__(self, execute, sql, params, many, context):
        if '"plans_planevent"' in sql:
            self.parameters.append(len(params or ()))
        return execute(sql, params, many, context)


@pytest.mark.parametrize("kind", [k for k, _label in ChaseKind.CHOICES])
def test_the_exports_last_actions_go_a_chunk_of_graduates_at_a_time(org, client, monkeypatch, kind):
    monkeypatch.setattr(selectors, "LAST_ACTIONS_CHUNK", CHUNK, raising=False)
    load_waiting_graduates(org, 48)
    client.force_login(org.centre)
    params = {"kind": kind, "as_of": timezone.localdate().isoformat()}
    statements = EventStatements()
    with connection.execute_wrapper(statements):
        rows = exported(client.get(reverse("followup:chase_export"), params))
    assert len(rows) > CHUNK
    assert len(statements.parameters) == math.ceil(len(rows) / CHUNK)
    assert max(statements.parameters) <= CHUNK + 1, statements.parameters  # the ids and the cut-off
    assert rows == page_rows(client, params)

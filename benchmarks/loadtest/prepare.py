"""Gives the first N demo students the load test's password (one hash with the production hasher, copied: the
cost that matters is each login's check) and prints their usernames, comma-separated. Loads the demo cohort
into an empty database first."""

import os
import sys
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402

from apps.accounts.models import Role, User  # noqa: E402

if not User.objects.filter(role=Role.STUDENT).exists():
    call_command("load_demo_cohort", stdout=StringIO())
students = list(
    User.objects.filter(role=Role.STUDENT, graduate__isnull=False, is_active=True)
    .order_by("username")
    .values_list("pk", "username")[: int(sys.argv[1])]
)
User.objects.filter(pk__in=[pk for pk, _ in students]).update(
    password=make_password(os.environ["HPI_LOAD_PASSWORD"])
)
print(",".join(username for _, username in students))

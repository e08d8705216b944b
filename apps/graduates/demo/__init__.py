"""The seed report's 2020 cohort as demo data (``python manage.py load_demo_cohort``).

``data`` holds the seed's numbers and the demo's own choices, ``generate`` turns them into people (pure and
seeded), ``load`` writes them to the database, ``accounts`` names the log-in accounts.
"""

from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount
from .generate import IMPORT_HEADERS, build_demo_cohort, demo_graduate_rows

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "IMPORT_HEADERS",
    "DemoAccount",
    "build_demo_cohort",
    "demo_graduate_rows",
]

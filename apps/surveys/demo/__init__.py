"""The demo surveys of seed 2.3 (``python manage.py load_demo_surveys``, after ``load_demo_cohort``).

``data`` holds the seed's figures and the counts chosen to reproduce them; ``load`` builds the survey
platform's export from them (seeded) and imports it.
"""

from .load import (
    DemoSurveysError,
    DemoSurveysResult,
    demo_surveys_load,
    employer_demo_table,
    graduate_demo_table,
)

__all__ = [
    "DemoSurveysError",
    "DemoSurveysResult",
    "demo_surveys_load",
    "employer_demo_table",
    "graduate_demo_table",
]

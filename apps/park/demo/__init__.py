"""The seed report's entrepreneurship park (4.4) as demo data (``python manage.py load_demo_park``).

``data`` holds the seed's numbers and the demo's own choices, ``generate`` turns them into companies and their
records (pure and seeded), ``load`` writes them to the database.
"""

from .generate import build_demo_park
from .load import DemoParkError, demo_park_load

__all__ = ["DemoParkError", "build_demo_park", "demo_park_load"]

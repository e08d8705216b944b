"""URLs of the import pages (built in views_import.py)."""

urlpatterns: list = []

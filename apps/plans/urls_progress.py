"""URLs of the progress pages (built in views_progress.py)."""

urlpatterns: list = []

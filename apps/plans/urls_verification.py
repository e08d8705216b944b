"""URLs of the verification pages (built in views_verification.py)."""

urlpatterns: list = []

"""Signals other apps listen to, so the graduate records need not know who follows them."""

from django.dispatch import Signal

# Sent inside the import's transaction after its rows are written, with ``graduates``: a queryset holding at
# least every graduate the file created or changed (their cohorts). A receiver that raises rolls the import back.
graduates_imported = Signal()

"""``GET /healthz``: "ok" in plain text, for the reverse proxy's health check and the load test's floor.

No database, no session, no template: what it costs is the server and the middleware every request goes
through (all of them, security headers and CSP included), so the load test can set a page's throughput beside
what the same gunicorn does when a view does nothing. It needs no login (a health check has none) and says
nothing about the site but that the process answers.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.http import require_safe


@login_not_required
@require_safe
def healthz(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")

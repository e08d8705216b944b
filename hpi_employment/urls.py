from django.contrib import admin
from django.urls import include, path

from apps.accounts.home import home

from .admin_site import brand_admin_site
from .health import healthz

brand_admin_site()

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("apps.accounts.urls")),
    path("graduates/", include("apps.graduates.urls")),
    path("plans/", include("apps.plans.urls")),
    path("reports/", include("apps.reports.urls")),
    path("support/", include("apps.support.urls")),
    path("park/", include("apps.park.urls")),
    path("surveys/", include("apps.surveys.urls")),
    path("followup/", include("apps.followup.urls")),
    path("jobs/", include("apps.jobs.urls")),
    path("releases/", include("apps.releases.urls")),
    path("refdata/", include("apps.refdata.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

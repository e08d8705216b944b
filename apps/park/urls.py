from django.urls import path

from . import views, views_operations, views_programmes

app_name = "park"

urlpatterns = [
    path("", views.park_home_view, name="home"),
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("sites/", views.site_list_view, name="site_list"),
    path("tenants/", views.tenant_list_view, name="tenant_list"),
    path("tenants/export/", views.tenant_export_view, name="tenant_export"),
    path("tenants/new/", views.tenant_create_view, name="tenant_create"),
    path("tenants/<int:pk>/", views.tenant_detail_view, name="tenant_detail"),
    path("tenants/<int:pk>/edit/", views.tenant_edit_view, name="tenant_edit"),
    path("tenants/<int:pk>/act/", views.tenant_act_view, name="tenant_act"),
    path("tenants/<int:pk>/team/", views.team_member_add_view, name="team_member_add"),
    path("tenants/<int:pk>/reports/new/", views_operations.report_create_view, name="report_create"),
    path(
        "tenants/<int:pk>/resumptions/new/", views_operations.resumption_create_view, name="resumption_create"
    ),
    path("tenants/<int:pk>/passes/new/", views_operations.pass_create_view, name="pass_create"),
    path(
        "tenants/<int:pk>/assessments/new/", views_programmes.assessment_create_view, name="assessment_create"
    ),
    path("tenants/<int:pk>/funding/new/", views_programmes.funding_create_view, name="funding_create"),
    path("reports/", views_operations.report_list_view, name="report_list"),
    path("reports/<int:pk>/", views_operations.report_detail_view, name="report_detail"),
    path("reports/<int:pk>/edit/", views_operations.report_edit_view, name="report_edit"),
    path("reports/<int:pk>/act/", views_operations.report_act_view, name="report_act"),
    path("resumptions/", views_operations.resumption_list_view, name="resumption_list"),
    path("resumptions/<int:pk>/", views_operations.resumption_detail_view, name="resumption_detail"),
    path("resumptions/<int:pk>/edit/", views_operations.resumption_edit_view, name="resumption_edit"),
    path("resumptions/<int:pk>/act/", views_operations.resumption_act_view, name="resumption_act"),
    path("passes/", views_operations.pass_list_view, name="pass_list"),
    path("patrols/", views_operations.patrol_list_view, name="patrol_list"),
    path("patrols/new/", views_operations.patrol_create_view, name="patrol_create"),
    path("patrols/<int:pk>/edit/", views_operations.patrol_edit_view, name="patrol_edit"),
    path("meters/", views_operations.meter_list_view, name="meter_list"),
    path("meters/new/", views_operations.meter_create_view, name="meter_create"),
    path("assessments/", views_programmes.assessment_list_view, name="assessment_list"),
    path("funding/", views_programmes.funding_list_view, name="funding_list"),
    path("funding/<int:pk>/", views_programmes.funding_detail_view, name="funding_detail"),
    path("funding/<int:pk>/decide/", views_programmes.funding_decide_view, name="funding_decide"),
    path("competitions/", views_programmes.competition_list_view, name="competition_list"),
    path("competitions/new/", views_programmes.competition_create_view, name="competition_create"),
    path("competitions/<int:pk>/", views_programmes.competition_detail_view, name="competition_detail"),
    path(
        "competitions/<int:pk>/awards/",
        views_programmes.competition_award_add_view,
        name="competition_award_add",
    ),
]

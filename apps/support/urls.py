from django.urls import path

from . import views, views_subsidies

app_name = "support"

urlpatterns = [
    path("", views.ledger_view, name="ledger"),
    path("export/", views.ledger_export_view, name="ledger_export"),
    path("cases/new/", views.case_open_view, name="case_open"),
    path("cases/open-missing/", views.cases_open_missing_view, name="cases_open_missing"),
    path("cases/<int:pk>/", views.case_detail_view, name="case_detail"),
    path("cases/<int:pk>/actions/", views.case_action_view, name="case_action"),
    path("cases/<int:pk>/edit/", views.case_edit_view, name="case_edit"),
    path("cases/<int:pk>/status/", views.case_status_view, name="case_status"),
    path("subsidies/", views_subsidies.subsidy_list_view, name="subsidies"),
    path("subsidies/export/", views_subsidies.subsidy_export_view, name="subsidy_export"),
    path("subsidies/apply/", views_subsidies.subsidy_apply_view, name="subsidy_apply"),
    path("subsidies/bulk/", views_subsidies.subsidy_bulk_view, name="subsidy_bulk"),
    path("subsidies/mine/", views_subsidies.my_subsidies_view, name="my_subsidies"),
    path("subsidies/<int:pk>/", views_subsidies.subsidy_detail_view, name="subsidy_detail"),
    path("subsidies/<int:pk>/act/", views_subsidies.subsidy_act_view, name="subsidy_act"),
    path(
        "subsidies/<int:pk>/bank-account/",
        views_subsidies.subsidy_bank_account_view,
        name="subsidy_bank_account",
    ),
]

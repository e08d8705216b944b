from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views, views_codes

app_name = "accounts"

urlpatterns = [
    path("login/", login_not_required(views.LoginView.as_view()), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("login-codes/", views_codes.login_codes_view, name="login_codes"),
    path(
        "login-codes/class/<int:class_id>/",
        views_codes.login_codes_class_export_view,
        name="login_codes_class",
    ),
    path(
        "login-codes/graduate/<int:graduate_id>/", views_codes.login_code_reset_view, name="login_code_reset"
    ),
]

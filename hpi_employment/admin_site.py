"""The Django admin under the college's name (the system administrator's 系统管理), not "Django 管理"."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

ADMIN_SITE_HEADER = _("湖北职业技术学院 毕业生就业管理系统")
ADMIN_SITE_TITLE = _("湖职就业 系统管理")
ADMIN_INDEX_TITLE = _("系统管理")


def brand_admin_site(site: admin.AdminSite = admin.site) -> None:
    site.site_header = ADMIN_SITE_HEADER
    site.site_title = ADMIN_SITE_TITLE
    site.index_title = ADMIN_INDEX_TITLE
    site.site_url = "/"

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "config.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from . import signals  # noqa: F401  (connects the login and lockout receivers)


class AdminConfig(admin_apps.AdminConfig):
    """The Django admin (INSTALLED_APPS names this instead of django.contrib.admin), on a site that asks
    for the second factor like the rest of the application."""

    default = False
    default_site = "config.accounts.admin_site.AdminSite"

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .middleware import second_factor_missing


class AdminSite(admin.AdminSite):
    """The admin asks for the same login as the application: one login page (with its lockout), and
    no admin page before the second factor is passed. It is branded as the application, in the
    reader's language."""

    site_header = _("Atbalsts: administration")
    site_title = _("Atbalsts administration")
    index_title = _("Reference data, providers, contracts and users")

    def has_permission(self, request):
        return super().has_permission(request) and not second_factor_missing(request)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            raise PermissionDenied  # logged in, but not an administrator
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from .services import user_second_factor_reset

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [*DjangoUserAdmin.list_display, "has_second_factor"]
    actions = ["reset_second_factor"]

    def get_queryset(self, request):
        devices = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(second_factor=Exists(devices))

    @admin.display(boolean=True, description=_("second factor"), ordering="second_factor")
    def has_second_factor(self, user):
        return user.second_factor

    @admin.action(
        description=_("Reset the second factor (lost device: the user sets a new one up at the next login)"),
        permissions=["change"],
    )
    def reset_second_factor(self, request, queryset):
        users = list(queryset)
        for user in users:
            user_second_factor_reset(user=user, by=request.user)
        self.message_user(
            request,
            ngettext(
                "The second factor of %(count)d user was reset; their sessions ended.",
                "The second factors of %(count)d users were reset; their sessions ended.",
                len(users),
            )
            % {"count": len(users)},
        )

from django.contrib import admin

from .models import EmailDelivery


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    """The outbox, read-only: what was sent, what waits, what failed and why (never the text)."""

    list_display = ["pk", "recipient", "state", "attempts", "next_attempt_at", "sent_at", "last_error"]
    list_filter = ["state"]
    readonly_fields = [field.name for field in EmailDelivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

"""The logs in the admin: readable by administrators, changeable and deletable by no one."""

from auditlog.admin import LogEntryAdmin as AuditlogEntryAdmin
from django.contrib import admin

from .models import LogEntry

# auditlog registers its own admin for the swapped model; ours replaces it (apps order: auditlog first).
if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class LogEntryAdmin(AuditlogEntryAdmin):
    list_filter = [*AuditlogEntryAdmin.list_filter, "actor_role", "actor_provider"]
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

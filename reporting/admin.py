from django.contrib import admin

from .models import ImportedClientRef


@admin.register(ImportedClientRef)
class ImportedClientRefAdmin(admin.ModelAdmin):
    """Read-only: references are written by `manage.py import_visits`."""

    list_display = ("provider", "client_ref", "client", "created_at")
    list_filter = ("provider",)
    search_fields = ("client_ref",)
    readonly_fields = ("provider", "client_ref", "client", "created_at", "updated_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

"""The admin edits reference data. Case records (clients, referrals, episodes, visits) are changed only
through the application's services, so that every change leaves its event row."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from mentors.admin import ProgrammeAdmin
from mentors.models import Programme

from .models import Activity, EndReason, GoalArea, ImportedClientRef, LegalStatus
from .services import programme_rule_update


@admin.register(Programme)
class ProgrammeRuleAdmin(ProgrammeAdmin):
    """A programme's time-limit rule is data: saving it goes through `programme_rule_update`, which
    moves the stored limit of every open episode of the programme in the same transaction."""

    def save_model(self, request, obj, form, change):
        programme_rule_update(programme=obj, by=request.user)


@admin.register(LegalStatus, Activity, GoalArea, EndReason)
class ReferenceDataAdmin(TranslationAdmin):
    list_display = ("code", "name", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("code", "name")


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

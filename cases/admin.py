"""The admin edits reference data. Case records (clients, referrals, episodes, visits) are changed only
through the application's services, so that every change leaves its event row."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Activity, EndReason, GoalArea, LegalStatus


@admin.register(LegalStatus, Activity, GoalArea, EndReason)
class ReferenceDataAdmin(TranslationAdmin):
    list_display = ("code", "name", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("code", "name")

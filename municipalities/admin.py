from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import AccommodationCentre, Municipality, MunicipalStaff, PlanningRegion, SocialService


@admin.register(PlanningRegion)
class PlanningRegionAdmin(TranslationAdmin):
    list_display = ("code", "name")


@admin.register(Municipality)
class MunicipalityAdmin(TranslationAdmin):
    list_display = ("code", "name", "kind", "region")
    list_filter = ("kind", "region")
    search_fields = ("code", "name")


@admin.register(SocialService)
class SocialServiceAdmin(TranslationAdmin):
    list_display = ("name", "municipality", "email", "phone")
    search_fields = ("name",)


@admin.register(AccommodationCentre)
class AccommodationCentreAdmin(TranslationAdmin):
    list_display = ("code", "name", "municipality")


@admin.register(MunicipalStaff)
class MunicipalStaffAdmin(admin.ModelAdmin):
    list_display = ("user", "municipality", "job_title")
    list_filter = ("municipality",)
    autocomplete_fields = ("user",)
    search_fields = ("user__username", "user__last_name")

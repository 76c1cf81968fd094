from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    Contract,
    ContractMonth,
    ContractMonthEvent,
    ContractMonthShare,
    FundingShare,
    FundingSource,
    FundStaff,
    Provider,
    ProviderStaff,
    SpokenLanguage,
    Team,
)


class FundingShareInline(admin.TabularInline):
    model = FundingShare
    extra = 0


class ProgrammeAdmin(TranslationAdmin):
    """Registered by `cases.admin`: saving a programme's time-limit rule recomputes the limits of its
    open episodes, which are cases data (this app never imports `cases`)."""

    list_display = (
        "code",
        "name",
        "referred_by",
        "limit_unit",
        "limit_length",
        "limit_anchor",
        "extension_max_length",
        "retention_years",
    )
    inlines = [FundingShareInline]


@admin.register(FundingSource)
class FundingSourceAdmin(TranslationAdmin):
    list_display = ("code", "name")


@admin.register(SpokenLanguage)
class SpokenLanguageAdmin(TranslationAdmin):
    list_display = ("code", "name", "order")


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "is_in_house")
    search_fields = ("code", "name")


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "provider",
        "programme",
        "starts_on",
        "ends_on",
        "terminated_on",
        "rate_eur",
        "monthly_capacity",
    )
    list_filter = ("programme", "provider")
    filter_horizontal = ("municipalities", "accommodation_centres")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "provider", "social_worker")
    list_filter = ("provider",)


@admin.register(ProviderStaff)
class ProviderStaffAdmin(admin.ModelAdmin):
    list_display = ("user", "provider", "role", "team", "max_caseload", "is_active")
    list_filter = ("provider", "role", "is_active")
    filter_horizontal = ("languages",)
    autocomplete_fields = ("user",)
    search_fields = ("user__username", "user__last_name")


@admin.register(FundStaff)
class FundStaffAdmin(admin.ModelAdmin):
    list_display = ("user", "job_title")
    autocomplete_fields = ("user",)


class ContractMonthShareInline(admin.TabularInline):
    model = ContractMonthShare
    extra = 0
    readonly_fields = ("source", "percent", "amount_eur")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ContractMonthEventInline(admin.TabularInline):
    model = ContractMonthEvent
    extra = 0
    readonly_fields = ("from_status", "to_status", "by", "at", "note", "served", "rate_eur", "payable_eur")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ContractMonth)
class ContractMonthAdmin(admin.ModelAdmin):
    """Read-only here: locking and unlocking go through the payment statement pages (with a reason)."""

    list_display = ("contract", "month", "status", "served", "payable_eur")
    list_filter = ("status",)
    readonly_fields = ("contract", "month", "status", "served", "rate_eur", "payable_eur")
    inlines = [ContractMonthShareInline, ContractMonthEventInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

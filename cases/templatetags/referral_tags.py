"""Summaries of clients and referrals for the home pages."""

from django import template
from django.conf import settings

from cases.models import Client, Referral
from cases.selectors import referral_counts, referral_list
from mentors.access import Action, can, role_for

register = template.Library()


@register.simple_tag(takes_context=True)
def referral_summary(context, limit: int = 5) -> dict:
    """Counts by status and a few referrals: the oldest waiting ones for a coordinator (the inbox), the
    latest ones for everyone else."""
    user = context["request"].user
    if can(user, Action.ACCEPT_REFERRAL):  # the inbox: the oldest waiting first
        recent = referral_list(user, status=Referral.Status.SUBMITTED).order_by("submitted_at", "pk")
    else:
        recent = referral_list(user)
    return {
        "counts": referral_counts(user),
        "recent": list(recent[:limit]),
        "working_days": settings.REFERRAL_ACCEPT_WORKING_DAYS,
    }


@register.simple_tag(takes_context=True)
def recent_intake(context, limit: int = 5) -> list:
    """The people the user's provider registered most recently (provider intake)."""
    role = role_for(context["request"].user)
    if not role.provider_id:
        return []
    return list(
        Client.objects.filter(registered_by_provider_id=role.provider_id)
        .select_related("legal_status")
        .order_by("-created_at", "-pk")[:limit]
    )

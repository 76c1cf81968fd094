"""Template tags for episodes: the limit badge shown wherever an episode is shown, and the home-page
panels of mentors, coordinators and provider social workers (the home view is shared by every role)."""

from django import template
from django.utils import timezone

from cases import selectors
from cases.forms.episodes import mentor_label
from cases.models import Episode
from cases.rules.limits import days_left
from cases.views.mixins import episode_permissions
from mentors.access import role_for

register = template.Library()


@register.filter
def mentor_choice_label(mentor) -> str:
    """The one label of a mentor in a list to choose from (`cases.forms.episodes.mentor_label`)."""
    return mentor_label(mentor)


@register.inclusion_tag("cases/episode_limit.html")
def limit_badge(episode, today=None):
    """The limit date and the days left to it (computed by cases.rules.limits, from the stored limit)."""
    today = today or timezone.localdate()
    is_open = episode.status == Episode.Status.ACTIVE
    return {"episode": episode, "is_open": is_open, "days_left": days_left(episode.limit_on, today)}


@register.inclusion_tag("cases/caseload_home.html", takes_context=True)
def mentor_home(context):
    """The mentor's caseload, the most urgent first."""
    user = context["request"].user
    today = timezone.localdate()
    scoped = Episode.objects.for_user(user)
    return {
        "episodes": selectors.open_caseload(scoped, today=today),
        "planned_today": selectors.contacts_planned(scoped, day=today),
        "today": today,
        "can": episode_permissions(user),
    }


@register.inclusion_tag("cases/team_home.html", takes_context=True)
def coordinator_home(context):
    """The coordinator's team at a glance, with a link to the team page."""
    role = role_for(context["request"].user)
    return {"overview": selectors.team_overview(provider_id=role.provider_id, today=timezone.localdate())}


@register.inclusion_tag("cases/caseload_social_worker_home.html", takes_context=True)
def provider_social_worker_home(context):
    """The provider social worker's episodes and the open episodes still waiting for a required plan."""
    user = context["request"].user
    role = role_for(user)
    episodes = Episode.objects.for_user(user).filter(status=Episode.Status.ACTIVE)
    return {
        "own_count": episodes.filter(social_worker_id=role.provider_staff_id).count(),
        "needs_plan": selectors.episodes_needing_plan(episodes)[:20],
        "open_count": episodes.count(),
    }

"""The history of changes each record's page shows (from the `audit` log), scoped like the page: a
client's page shows the client, their consents and legal status; an episode's page its own changes to
everyone who sees it, and its plans and visits to the provider staff whose provider wrote them."""

from audit.history import history_rows
from audit.selectors import episode_changes, person_changes, record_changes
from mentors.access import role_for

from ..models import (
    Client,
    Consent,
    Episode,
    EpisodeContract,
    EpisodeExtension,
    InclusionPlan,
    LegalStatusRecord,
    PlanAssessment,
    PlanGoal,
    PlanStep,
    Visit,
)


def client_history(client, user=None) -> list:
    return history_rows(
        person_changes(client.pk, [Client, Consent, LegalStatusRecord]),
        known=_loaded_with(
            client,
            user,
            names=(
                "legal_status",
                "preferred_language",
                "residence_municipality",
                "accommodation_centre",
                "household",
                "registered_by",
                "registered_by_provider",
            ),
        ),
    )


def referral_history(referral) -> list:
    return history_rows(record_changes(referral))


def episode_history(user, episode) -> list:
    role = role_for(user)
    return history_rows(
        episode_changes(
            episode.pk,
            [Episode, EpisodeContract, EpisodeExtension],
            own_provider_models=(
                [InclusionPlan, PlanGoal, PlanAssessment, PlanStep, Visit] if role.is_provider else ()
            ),
            provider_id=role.provider_id,
        ),
        known=_loaded_with(
            episode,
            user,
            names=("client", "programme", "contract", "mentor", "social_worker", "end_reason", "created_by"),
        ),
    )


def _loaded_with(record, user, *, names) -> list:
    """The records a page has loaded with `record` (its relations `names`, and theirs one step on), whose
    names the history need not look up again."""
    loaded = [record] + ([user] if user is not None else [])
    for name in names:
        if name in record._state.fields_cache and (related := getattr(record, name)) is not None:
            loaded.append(related)
            for inner in ("provider", "user"):
                if inner in related._state.fields_cache and getattr(related, inner) is not None:
                    loaded.append(getattr(related, inner))
    return loaded


def visit_history(visit) -> list:
    return history_rows(record_changes(visit))


def plan_history(plan) -> list:
    return history_rows(
        record_changes(
            plan,
            (PlanGoal, plan.goals.values("pk")),
            (PlanAssessment, plan.assessments.values("pk")),
            (PlanStep, PlanStep.objects.filter(goal__plan=plan).values("pk")),
        )
    )

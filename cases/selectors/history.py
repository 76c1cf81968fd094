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


def client_history(client, user=None, *, loaded=()) -> list:
    """The person's history; `loaded`, the records the page has read besides the person (consents,
    legal status decisions), with what was read with them."""
    return history_rows(
        person_changes(client.pk, [Client, Consent, LegalStatusRecord]),
        known=_loaded_with([client, user, *loaded]),
    )


def referral_history(referral) -> list:
    return history_rows(record_changes(referral))


def episode_history(user, episode, *, loaded=()) -> list:
    """The episode's history; `loaded`, the records the page has read besides the episode (its plan,
    visits, extensions), with what was read with them."""
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
        known=_loaded_with([episode, user, *loaded]),
    )


def _loaded_with(records, depth: int = 2) -> list:
    """`records` and the records a page loaded with them (by select_related and prefetch_related), and
    with those, `depth` steps on: the history need not look up their names again."""
    loaded = []
    for record in records:
        if record is None:
            continue
        loaded.append(record)
        if depth:
            with_it = list(record._state.fields_cache.values())
            for rows in getattr(record, "_prefetched_objects_cache", {}).values():
                with_it.extend(rows)
            loaded.extend(_loaded_with(with_it, depth - 1))
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

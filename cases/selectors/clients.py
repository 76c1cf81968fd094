"""Reads about clients: duplicate candidates, the client list and a client's page."""

import datetime

from django.db.models import (
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)

from ..models import Client, Consent, Episode, InclusionPlan, Referral
from ..rules.names import name_tokens
from ..rules.personal_codes import normalise_personal_code
from .referrals import referrals_with_overdue_flag
from .search import client_search, exact_name_match


def client_duplicate_candidates(
    user,
    *,
    names: tuple[str, ...],
    date_of_birth: datetime.date | None,
    personal_code: str = "",
    exclude_pk: int | None = None,
):
    """People the user can see who are probably the one being registered: the same personal code, or
    the same date of birth and a name with a word in common (in any script or spelling)."""
    probable = Q(pk__in=[])
    if personal_code:
        probable |= Q(personal_code=normalise_personal_code(personal_code))
    tokens = name_tokens(*names)
    if date_of_birth and tokens:
        same_word = Q(pk__in=[])
        for token in tokens:
            same_word |= Q(name_key__contains=f" {token} ")
        probable |= Q(date_of_birth=date_of_birth) & same_word
    candidates = Client.objects.for_user(user).filter(probable)
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    return candidates.select_related("legal_status", "residence_municipality").order_by(
        "family_name", "given_name", "pk"
    )[:20]


def client_list(user, query: str = "", *, programme=None, municipality=None):
    """The clients the user may see, searched (`exact_match` tells a name found as it was typed from a
    similar spelling), of a programme (an episode or a referral in it) and a municipality of residence,
    with what the list shows in a constant number of queries."""
    clients = client_search(Client.objects.listed_for(user), query).annotate(
        exact_match=exact_name_match(query)
    )
    if programme is not None:
        clients = clients.filter(
            Q(pk__in=Episode.objects.for_user(user).filter(programme=programme).values("client_id"))
            | Q(pk__in=Referral.objects.for_user(user).filter(programme=programme).values("client_id"))
        )
    if municipality is not None:
        clients = clients.filter(residence_municipality=municipality)
    return clients.select_related(
        "legal_status", "residence_municipality", "accommodation_centre"
    ).prefetch_related(
        Prefetch(
            "episodes",
            queryset=Episode.objects.for_user(user).active().select_related("programme"),
            to_attr="active_episodes",
        )
    )


def client_page(user, client) -> dict:
    """What a client's page shows the user, each part scoped to what the user may see. Episodes show
    their outcome only (status, mentor, dates, end reason, closing summary), never visits. The
    person's consents are read once: whether one is in force and the last withdrawn come from them.
    The client comes with their `household_members` (`person_with_household`)."""
    consents = list(client.consents.select_related("recorded_by", "withdrawal_recorded_by"))
    client.consent_in_force = any(consent.withdrawn_on is None for consent in consents)
    return {
        "household_members": client.household_members,
        "status_history": list(
            client.status_history.select_related("status", "recorded_by").order_by("-recorded_at", "-pk")
        ),
        "consents": consents,
        "has_consent": client.consent_in_force,
        "withdrawn_consent": withdrawn_consent(client, consents=consents),
        "referrals": referrals_with_overdue_flag(
            Referral.objects.for_user(user)
            .filter(client=client)
            .select_related("programme", "provider", "episode__mentor__user")
        ),
        "episodes": Episode.objects.for_user(user)
        .filter(client=client)
        .select_related(
            "programme", "contract__provider", "mentor__user", "social_worker__user", "end_reason"
        )
        .annotate(
            # the current plan, shown to those who see the episode's work (`may.see_episode_work`)
            current_plan_id=Subquery(
                InclusionPlan.objects.filter(episode=OuterRef("pk"), is_current=True).values("pk")[:1]
            )
        ),
    }


def person_with_household(user, pk: int, *, shaped) -> Client | None:
    """The person `pk`, if the user may see them, with `household_members` set on them: the members of
    their household the user may see, in the model's order (by name). One query reads them all, the
    person and their household found on their indexes: the person checked against the user's scope as
    one row is (`for_user`), the members against the scope's arms read once (`listed_for`), where the
    union of `for_user` would be gathered whole and hashed (PostgreSQL cannot tell how many ids a union
    gives: a provider's tens of thousands) — and only where there is a household. `shaped` gives the
    query what the page reads with the person."""
    household = Subquery(Client.objects.filter(pk=pk).values("household_id"))
    person = Client.objects.for_user(user).filter(pk=pk)
    members = Client.objects.listed_for(user).filter(household_id=household).exclude(pk=pk)
    rows = list(
        shaped(Client.objects.filter(Q(pk=pk) | Q(household_id=household))).filter(
            Q(pk__in=person.values("pk")) | Q(pk__in=members.values("pk"))
        )
    )
    found = next((row for row in rows if row.pk == pk), None)
    if found is not None:
        found.household_members = [row for row in rows if row is not found]
    return found


def consent_in_force(client_ref: str = "pk") -> Exists:
    """Whether the person (`client_ref`, an outer reference to their id) has a consent in force, to
    annotate a query with (`withdrawn_consent` then asks no more)."""
    return Exists(Consent.objects.filter(client_id=OuterRef(client_ref), withdrawn_on__isnull=True))


def consent_withdrawals(client_ids) -> dict[int, datetime.date]:
    """The people among `client_ids` who withdrew their consent to processing and have not given it
    again, with the day they withdrew it."""
    client_ids = list(client_ids)
    in_force = Consent.objects.filter(client_id__in=client_ids, withdrawn_on__isnull=True)
    return dict(
        Consent.objects.filter(client_id__in=client_ids, withdrawn_on__isnull=False)
        .exclude(client_id__in=in_force.values("client_id"))
        .order_by()
        .values("client_id")
        .annotate(last=Max("withdrawn_on"))
        .values_list("client_id", "last")
    )


def withdrawn_consent(client, *, consents=None) -> Consent | None:
    """The consent the person withdrew last, if they have none in force now (for the pages' notice).

    Asked once per client object (the page and its notice ask the same); a page that already knows
    whether a consent is in force (`consent_in_force` annotated or set on the client) spares that, and
    one that has read all the person's `consents` (with who recorded the withdrawal) spares the rest."""
    if "_withdrawn_consent" not in client.__dict__:
        in_force = getattr(client, "consent_in_force", None)
        if in_force is None:
            in_force = client.consents.filter(withdrawn_on__isnull=True).exists()
        if in_force:
            client._withdrawn_consent = None
        elif consents is not None:
            withdrawn = (consent for consent in consents if consent.withdrawn_on is not None)
            client._withdrawn_consent = max(
                withdrawn, key=lambda consent: (consent.withdrawn_on, consent.pk), default=None
            )
        else:
            client._withdrawn_consent = (
                client.consents.filter(withdrawn_on__isnull=False)
                .select_related("withdrawal_recorded_by")
                .order_by("-withdrawn_on", "-pk")
                .first()
            )
    return client._withdrawn_consent

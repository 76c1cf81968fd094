"""factory-boy factories: the one place tests build data. Reference data comes from the migrations.

Case data (clients, consents, households, referrals, episodes, plans, visits) is created through the
services, as the pages create it, so a factory never copies a side effect (contract history, limit,
served months, search key, events): what the services write is what the tests get, and a record the
services would refuse cannot be built. The services check who acts; a factory not told who acts picks
a plausible member of staff (`municipal_registrar`, `provider_staff`).

What no service builds stays plain factory-boy: users, memberships, providers, contracts. History that
the services stamp with today's date (a referral filed or accepted in 2024, an episode ended in 2017
for a reason offered only on that day) is opened through the services and then dated on its own row,
never by writing the rows the services add.
"""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.models import (
    Activity,
    Client,
    Consent,
    Episode,
    GoalArea,
    Household,
    InclusionPlan,
    LegalStatus,
    PlanGoal,
    Referral,
    Visit,
)
from cases.services import (
    client_register,
    consent_record,
    episode_open,
    household_link,
    plan_create,
    plan_goal_add,
    plan_goal_set_status,
    referral_accept,
    referral_file,
    referral_return,
    referral_withdraw,
    visit_log,
)
from mentors.models import Contract, FundStaff, Programme, Provider, ProviderStaff, SpokenLanguage, Team
from municipalities.models import Municipality, MunicipalStaff

# --- Reference data ---------------------------------------------------------------------------------


def programme(code: str) -> Programme:
    return Programme.objects.get(code=code)


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


def language(code: str) -> SpokenLanguage:
    return SpokenLanguage.objects.get(code=code)


def legal_status(code: str) -> LegalStatus:
    return LegalStatus.objects.get(code=code)


def goal_area(code: str) -> GoalArea:
    return GoalArea.objects.get(code=code)


# --- Users, memberships, providers, contracts (no service builds them) ------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.lv")
    password = factory.django.Password("correct-horse-battery")


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"PROV{n}")
    name = factory.LazyAttribute(lambda p: f"Biedrība {p.code}")


class ContractFactory(factory.django.DjangoModelFactory):
    """A contract; `municipalities=[...]` (objects or codes) are the municipalities it covers."""

    class Meta:
        model = Contract
        skip_postgeneration_save = True

    programme = factory.LazyFunction(lambda: programme("UA-MENTOR"))
    provider = factory.SubFactory(ProviderFactory)
    number = factory.Sequence(lambda n: f"SIF/TEST/{n:04d}")
    starts_on = datetime.date(2022, 5, 1)
    ends_on = datetime.date(2027, 12, 31)
    value_eur = Decimal("100000.00")
    rate_eur = Decimal("50.00")
    monthly_capacity = 150
    social_workers = 1
    mentors = 7

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(
                [municipality(code) if isinstance(code, str) else code for code in extracted]
            )


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class ProviderStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProviderStaff
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    provider = factory.SubFactory(ProviderFactory)
    role = ProviderStaff.Role.MENTOR
    max_caseload = 20

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set([language(code) if isinstance(code, str) else code for code in extracted])


class MunicipalStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalStaff

    user = factory.SubFactory(UserFactory)
    municipality = factory.LazyFunction(lambda: municipality("Rīga"))


class FundStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundStaff
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)


# --- Who acts when a test does not say ----------------------------------------------------------------


def municipal_registrar(place: Municipality):
    """The social worker of `place` who registers and refers its residents when a test does not say who
    did (the same user every time, kept apart from the standing cast)."""
    user = UserFactory(username=f"registrar-{place.pk}")
    MunicipalStaff.objects.get_or_create(user=user, defaults={"municipality": place})
    return user


def provider_staff(provider: Provider, *roles: str) -> ProviderStaff:
    """The provider's first active member of staff in one of `roles` (any role when none is given), or a
    new one in the first of them."""
    roles = roles or tuple(ProviderStaff.Role)
    staff = (
        ProviderStaff.objects.filter(provider=provider, role__in=roles, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if staff is None:
        user = UserFactory(username=f"staff-{provider.pk}-{roles[0]}")
        staff = ProviderStaffFactory(user=user, provider=provider, role=roles[0])
    return staff


def fund_user():
    """A member of the fund's staff (the standing cast's `fund`)."""
    return FundStaffFactory(user=UserFactory(username="fund-staff")).user


# --- Clients, consent, households ------------------------------------------------------------------


class ClientFactory(factory.django.DjangoModelFactory):
    """A person registered by `client_register` (search key, languages, first legal-status record).

    `registered_by` defaults to a social worker of the municipality of residence, or, with
    `registered_by_provider=P`, to P's coordinator or social worker. `status_granted_on` is the date of
    the decision on the legal status (none for an asylum seeker, as the service decides)."""

    class Meta:
        model = Client

    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    date_of_birth = datetime.date(1985, 6, 15)
    sex = Client.Sex.FEMALE
    citizenship = "UA"
    legal_status = factory.LazyFunction(lambda: legal_status("ua_civilian"))
    status_granted_on = None
    residence_municipality = factory.LazyFunction(lambda: municipality("Rīga"))
    registered_by_provider = None
    registered_by = factory.LazyAttribute(
        lambda c: (
            provider_staff(
                c.registered_by_provider, ProviderStaff.Role.COORDINATOR, ProviderStaff.Role.SOCIAL_WORKER
            ).user
            if c.registered_by_provider
            else municipal_registrar(c.residence_municipality)
        )
    )
    languages = ()

    @classmethod
    def _create(
        cls,
        model_class,
        *,
        registered_by,
        registered_by_provider,
        legal_status,
        status_granted_on,
        languages,
        **fields,
    ):
        client = client_register(
            fields=fields,
            languages=languages,
            legal_status=legal_status,
            status_decided_on=status_granted_on,
            by=registered_by,
        )
        if registered_by_provider is not None and client.registered_by_provider != registered_by_provider:
            raise ValueError(f"{registered_by} is not staff of {registered_by_provider}.")
        if client.residence_municipality != fields.get("residence_municipality"):
            raise ValueError(f"{registered_by} registers residents of {client.residence_municipality} only.")
        return client


class ConsentFactory(factory.django.DjangoModelFactory):
    """A consent recorded by `consent_record`, by whoever registered the person unless told."""

    class Meta:
        model = Consent

    client = factory.SubFactory(ClientFactory)
    given_on = datetime.date(2026, 1, 1)
    scope = Consent.Scope.MENTORING
    recorded_by = factory.LazyAttribute(lambda c: c.client.registered_by)

    @classmethod
    def _create(cls, model_class, *, client, given_on, scope, recorded_by):
        return consent_record(client=client, given_on=given_on, scope=scope, by=recorded_by)


# Every registered client carries the search key of their names (`client_register` writes it).
SearchableClientFactory = ClientFactory


class ConsentedClientFactory(ClientFactory):
    """A client with a consent to processing on record (ready to be referred)."""

    class Meta:
        model = Client
        skip_postgeneration_save = True

    consent = factory.RelatedFactory(
        ConsentFactory, factory_related_name="client", recorded_by=factory.SelfAttribute("..registered_by")
    )


def household(*clients, relation: str = Client.Relation.OTHER) -> Household:
    """Put `clients` in one household with `household_link` (the first is its head) and return it."""
    head, *members = clients
    if not members:
        raise ValueError("A household needs at least two people.")
    for member in members:
        household_link(client=member, of=head, relation=relation, by=head.registered_by)
    return head.household


# --- Episodes and referrals ------------------------------------------------------------------------


def _end_as_history(episode: Episode, *, ended_on, end_reason, closing_summary: str) -> Episode:
    """An ending in the past, written on the episode row. `episode_end` offers the reasons that apply
    today (a passed limit, an achieved plan) and so cannot end a 2017 episode "time limit reached" as
    the seed figures do; tests of ending itself call `episode_end`."""
    episode.status = Episode.Status.ENDED
    episode.ended_on = ended_on
    episode.end_reason = end_reason
    episode.closing_summary = closing_summary
    episode.save(update_fields=["status", "ended_on", "end_reason", "closing_summary", "updated_at"])
    return episode


class EpisodeFactory(factory.django.DjangoModelFactory):
    """An episode opened by `episode_open` (limit, contract history, event, served months), by the
    contract provider's coordinator unless told. With `status=ENDED`, `ended_on` and `end_reason` it
    ended as history (`_end_as_history`)."""

    class Meta:
        model = Episode

    client = factory.SubFactory(ClientFactory)
    contract = factory.SubFactory(ContractFactory)
    mentor = None
    social_worker = None
    intake_source = Episode.IntakeSource.MUNICIPAL_REFERRAL
    started_on = datetime.date(2024, 3, 1)
    created_by = factory.LazyAttribute(
        lambda e: (
            provider_staff(
                e.contract.provider, ProviderStaff.Role.COORDINATOR, ProviderStaff.Role.SOCIAL_WORKER
            ).user
        )
    )
    status = Episode.Status.ACTIVE
    ended_on = None
    end_reason = None
    closing_summary = ""

    @classmethod
    def _create(cls, model_class, *, created_by, status, ended_on, end_reason, closing_summary, **kwargs):
        episode = episode_open(by=created_by, **kwargs)
        if status == Episode.Status.ENDED:
            _end_as_history(
                episode, ended_on=ended_on, end_reason=end_reason, closing_summary=closing_summary
            )
        return episode


def _covered_municipality(contract: Contract) -> Municipality | None:
    return contract.municipalities.order_by("pk").first()


def _dated(row, **moments) -> None:
    """Give `row` the moments (submitted_at, decided_at) a test sets in the past."""
    moments = {name: value for name, value in moments.items() if value is not None}
    if moments:
        type(row).objects.filter(pk=row.pk).update(**moments)
        row.refresh_from_db()


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral to `contract` (UA-MENTOR unless told) filed by `referral_file` (by a social worker of the client's
    municipality unless told), for a consented client living in a municipality the contract covers.

    `status`: RETURNED by `referral_return` and WITHDRAWN by `referral_withdraw`; ACCEPTED by
    `referral_accept` (the episode starts today, with `mentor` or the provider's first mentor), or, with
    `accepted_on=<a past day>`, accepted into an episode `episode_open` started that day (the acceptance
    written as history). `submitted_at` and `decided_at` date a referral in the past."""

    class Meta:
        model = Referral

    contract = factory.SubFactory(ContractFactory, municipalities=["Rīga"])
    client = factory.SubFactory(
        ConsentedClientFactory,
        residence_municipality=factory.LazyAttribute(
            lambda c: _covered_municipality(c.factory_parent.contract)
        ),
    )
    filed_by = factory.LazyAttribute(lambda r: municipal_registrar(r.client.residence_municipality))
    needs_areas = factory.LazyFunction(lambda: [goal_area("housing")])
    needs_text = "Needs a flat and help with the documents."
    urgency = Referral.Urgency.ROUTINE
    contact_language = None
    notes_for_provider = ""
    status = Referral.Status.SUBMITTED
    return_reason = "No free mentor this month."
    mentor = None
    social_worker = None
    accepted_on = None
    submitted_at = None
    decided_at = None

    @classmethod
    def _create(
        cls,
        model_class,
        *,
        contract,
        filed_by,
        status,
        return_reason,
        mentor,
        social_worker,
        accepted_on,
        submitted_at,
        decided_at,
        **fields,
    ):
        referral = referral_file(
            programme=contract.programme, provider=contract.provider, by=filed_by, **fields
        )
        if referral.contract != contract:
            raise ValueError(f"The referral went to {referral.contract}, not to {contract}.")
        _dated(referral, submitted_at=submitted_at)
        coordinator = provider_staff(contract.provider, ProviderStaff.Role.COORDINATOR).user
        if status == Referral.Status.RETURNED:
            referral_return(referral=referral, reason=return_reason, by=coordinator)
        elif status == Referral.Status.WITHDRAWN:
            referral_withdraw(referral=referral, by=filed_by)
        elif status == Referral.Status.ACCEPTED:
            mentor = mentor or provider_staff(contract.provider, ProviderStaff.Role.MENTOR)
            if accepted_on is None:
                referral_accept(referral=referral, mentor=mentor, social_worker=social_worker, by=coordinator)
            else:
                episode = episode_open(
                    client=referral.client,
                    contract=contract,
                    mentor=mentor,
                    social_worker=social_worker,
                    started_on=accepted_on,
                    intake_source=Episode.IntakeSource.MUNICIPAL_REFERRAL,
                    by=coordinator,
                )
                decided_at = decided_at or timezone.make_aware(
                    datetime.datetime.combine(accepted_on, datetime.time(12))
                )
                Referral.objects.filter(pk=referral.pk).update(
                    status=status, episode=episode, decided_by=coordinator
                )
        referral.refresh_from_db()
        _dated(referral, decided_at=decided_at)
        return referral


# --- Plans and visits ------------------------------------------------------------------------------


class InclusionPlanFactory(factory.django.DjangoModelFactory):
    """Version 1 of an episode's plan, drawn up by `plan_create` (by the provider's social worker)."""

    class Meta:
        model = InclusionPlan

    episode = factory.SubFactory(EpisodeFactory)
    note = ""
    drawn_up_by = factory.LazyAttribute(
        lambda p: (
            provider_staff(
                p.episode.contract.provider, ProviderStaff.Role.SOCIAL_WORKER, ProviderStaff.Role.COORDINATOR
            ).user
        )
    )

    @classmethod
    def _create(cls, model_class, *, episode, note, drawn_up_by):
        return plan_create(episode=episode, note=note, by=drawn_up_by)


class PlanGoalFactory(factory.django.DjangoModelFactory):
    """A goal added by `plan_goal_add`; a `status` other than planned is then set by `plan_goal_set_status`."""

    class Meta:
        model = PlanGoal

    plan = factory.SubFactory(InclusionPlanFactory)
    area = factory.LazyFunction(lambda: goal_area("housing"))
    description = "Find a flat to rent"
    target_on = None
    status = PlanGoal.Status.PLANNED
    achieved_on = None

    @classmethod
    def _create(cls, model_class, *, plan, status, achieved_on, **fields):
        goal = plan_goal_add(plan=plan, by=plan.drawn_up_by, **fields)
        if status != PlanGoal.Status.PLANNED:
            plan_goal_set_status(goal=goal, status=status, achieved_on=achieved_on, by=plan.drawn_up_by)
        return goal


class VisitFactory(factory.django.DjangoModelFactory):
    """A visit logged by `visit_log` under the episode's contract, by the episode's mentor (or a member of
    the provider's staff); the client is present, with `attendees=[...]` of their household too."""

    class Meta:
        model = Visit

    episode = factory.SubFactory(EpisodeFactory)
    contract = factory.LazyAttribute(lambda v: v.episode.contract)
    visited_on = factory.LazyAttribute(lambda v: v.episode.started_on)
    duration_minutes = 60
    place = Visit.Place.HOME
    interpreter_used = False
    notes = ""
    logged_by = factory.LazyAttribute(
        lambda v: v.episode.mentor.user if v.episode.mentor else provider_staff(v.contract.provider).user
    )
    attendees = ()
    activities = ("needs_assessment",)
    goals = ()

    @classmethod
    def _create(cls, model_class, *, episode, contract, logged_by, attendees, activities, **fields):
        if contract != episode.contract:
            raise ValueError("A visit is logged under the contract its episode has.")
        present = [episode.client, *(person for person in attendees if person.pk != episode.client_id)]
        return visit_log(
            episode=episode,
            attendees=present,
            activities=list(Activity.objects.filter(code__in=activities)),
            by=logged_by,
            **fields,
        )

"""factory-boy factories: the one place tests build data. Reference data comes from the migrations."""

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
    EpisodeContract,
    GoalArea,
    Household,
    InclusionPlan,
    LegalStatus,
    PlanGoal,
    Referral,
    Visit,
    VisitAttendance,
)
from cases.rules.limits import episode_limit_date
from cases.services.served import served_months_refresh
from mentors.models import Contract, FundStaff, Programme, Provider, ProviderStaff, SpokenLanguage, Team
from municipalities.models import Municipality, MunicipalStaff


def programme(code: str) -> Programme:
    return Programme.objects.get(code=code)


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


def language(code: str) -> SpokenLanguage:
    return SpokenLanguage.objects.get(code=code)


def legal_status(code: str) -> LegalStatus:
    return LegalStatus.objects.get(code=code)


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
            self.municipalities.set(extracted)


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

    user = factory.SubFactory(UserFactory)


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    date_of_birth = datetime.date(1985, 6, 15)
    sex = Client.Sex.FEMALE
    citizenship = "UA"
    legal_status = factory.LazyFunction(lambda: legal_status("ua_civilian"))
    residence_municipality = factory.LazyFunction(lambda: municipality("Rīga"))
    registered_by = factory.SubFactory(UserFactory)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    client = factory.SubFactory(ClientFactory)
    given_on = datetime.date(2026, 1, 1)
    scope = Consent.Scope.MENTORING
    recorded_by = factory.SubFactory(UserFactory)


# --- Referrals, episodes, visits ------------------------------------------------------------------


class ReferralFactory(factory.django.DjangoModelFactory):
    """A submitted UA-MENTOR referral; pass `contract=` (its provider and programme follow)."""

    class Meta:
        model = Referral

    client = factory.SubFactory(ClientFactory)
    contract = factory.SubFactory(ContractFactory)
    programme = factory.LazyAttribute(lambda r: r.contract.programme)
    provider = factory.LazyAttribute(lambda r: r.contract.provider)
    municipality = factory.LazyAttribute(lambda r: r.client.residence_municipality)
    filed_by = factory.SubFactory(UserFactory)
    submitted_at = factory.LazyFunction(timezone.now)


class EpisodeFactory(factory.django.DjangoModelFactory):
    """An active episode; its programme follows the contract and its limit is computed by the rule."""

    class Meta:
        model = Episode
        skip_postgeneration_save = True

    client = factory.SubFactory(ClientFactory)
    contract = factory.SubFactory(ContractFactory)
    programme = factory.LazyAttribute(lambda e: e.contract.programme)
    intake_source = Episode.IntakeSource.MUNICIPAL_REFERRAL
    started_on = datetime.date(2024, 3, 1)
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def limit(self, create, extracted, **kwargs):
        self.limit_on = episode_limit_date(self)
        if create:
            self.save(update_fields=["limit_on"])
            # as episode_open does
            EpisodeContract.objects.create(episode=self, contract=self.contract, from_on=self.started_on)
            served_months_refresh([self.client_id])


class VisitFactory(factory.django.DjangoModelFactory):
    """A visit in an episode, under the episode's contract; the episode's client is present.

    `attendees=[other, ...]` adds household members present."""

    class Meta:
        model = Visit
        skip_postgeneration_save = True

    episode = factory.SubFactory(EpisodeFactory)
    contract = factory.LazyAttribute(lambda v: v.episode.contract)
    visited_on = factory.LazyAttribute(lambda v: v.episode.started_on)
    duration_minutes = 60
    place = Visit.Place.HOME
    logged_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):
        if not create:
            return
        VisitAttendance.objects.create(visit=self, client=self.episode.client)
        for client in extracted or []:
            if client.pk != self.episode.client_id:
                VisitAttendance.objects.create(visit=self, client=client)
        served_months_refresh(self.attendance.values_list("client_id", flat=True))  # as visit_log does

    @factory.post_generation
    def activities(self, create, extracted, **kwargs):
        if create:
            codes = extracted or ["needs_assessment"]
            self.activities.set(Activity.objects.filter(code__in=codes))


# --- Clients and referrals (issue 3) --------------------------------------------------------------


def goal_area(code: str):
    from cases.models import GoalArea

    return GoalArea.objects.get(code=code)


class SearchableClientFactory(ClientFactory):
    """A client as the services leave it: with the search key of its names."""

    class Meta:
        model = Client
        skip_postgeneration_save = True

    @factory.post_generation
    def name_key(self, create, extracted, **kwargs):
        from cases.rules.names import name_key

        self.name_key = name_key(
            self.given_name, self.family_name, self.given_name_original, self.family_name_original
        )
        if create:
            self.save(update_fields=["name_key"])


class ConsentedClientFactory(SearchableClientFactory):
    """A client with a consent to processing on record (ready to be referred)."""

    consent = factory.RelatedFactory(
        ConsentFactory, factory_related_name="client", recorded_by=factory.SelfAttribute("..registered_by")
    )


class LegalStatusRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.LegalStatusRecord"

    client = factory.SubFactory(ClientFactory)
    status = factory.LazyAttribute(lambda r: r.client.legal_status)
    recorded_by = factory.SubFactory(UserFactory)


# --- Episodes, plans, visits (issue 4) -------------------------------------------------------------


class InclusionPlanFactory(factory.django.DjangoModelFactory):
    """The current version 1 of an episode's plan."""

    class Meta:
        model = InclusionPlan

    episode = factory.SubFactory(EpisodeFactory)
    version = 1
    is_current = True
    drawn_up_by = factory.SubFactory(UserFactory)


class PlanGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanGoal

    plan = factory.SubFactory(InclusionPlanFactory)
    area = factory.LazyFunction(lambda: GoalArea.objects.get(code="housing"))
    description = "Find a flat to rent"
    target_on = None


def household(*clients) -> Household:
    """Put `clients` in one new household and return it."""
    home = Household.objects.create()
    for client in clients:
        client.household = home
        client.save(update_fields=["household"])
    return home

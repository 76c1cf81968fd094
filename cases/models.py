"""Clients, households, legal status, consent, referrals, episodes, inclusion plans and visits.

Writes go through `cases.services`; reads through the `for_user` querysets in `cases.selectors`
style methods below. The fund pays on `Visit`/`VisitAttendance`: a visit keeps the contract its
episode had on the day it was logged, so a transfer or handover never moves a month already served.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from mentors.models import Contract, Programme, Provider, ProviderStaff, SpokenLanguage
from mentors.roles import role_for
from municipalities.models import AccommodationCentre, Municipality, TimeStamped

# --- Reference data (codes are stable; names are translated) -------------------------------------


class ReferenceData(TimeStamped):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class LegalStatus(ReferenceData):
    class Meta(ReferenceData.Meta):
        verbose_name = _("legal status")
        verbose_name_plural = _("legal statuses")


class Activity(ReferenceData):
    class Meta(ReferenceData.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")


class GoalArea(ReferenceData):
    class Meta(ReferenceData.Meta):
        verbose_name = _("plan goal area")
        verbose_name_plural = _("plan goal areas")


class EndReason(ReferenceData):
    class Meta(ReferenceData.Meta):
        verbose_name = _("episode end reason")
        verbose_name_plural = _("episode end reasons")


# --- Clients -------------------------------------------------------------------------------------


class Household(TimeStamped):
    """A family: the clients who share it are visited together."""

    class Meta:
        ordering = ["pk"]
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self):
        return _("Household %(number)s") % {"number": self.pk}


class ClientQuerySet(models.QuerySet):
    def for_user(self, user):
        """Clients the user may see.

        Municipal social worker: residents of their municipality and people their municipality referred.
        Provider coordinator / social worker: people with a referral to, an episode with, or registered by
        their provider. Mentor: the clients of their own episodes and those clients' household members.
        Fund staff and everyone else: none (fund staff see no personal data).
        """
        role = role_for(user)
        if role.is_municipal:
            return self.filter(
                Q(residence_municipality_id=role.municipality_id)
                | Q(pk__in=Referral.objects.filter(municipality_id=role.municipality_id).values("client_id"))
            )
        if role.is_mentor:
            own = Episode.objects.filter(mentor_id=role.provider_staff_id).values("client_id")
            households = Client.objects.filter(pk__in=own, household__isnull=False).values("household_id")
            return self.filter(Q(pk__in=own) | Q(household_id__in=households))
        if role.is_provider:
            return self.filter(
                Q(registered_by_provider_id=role.provider_id)
                | Q(pk__in=Referral.objects.filter(provider_id=role.provider_id).values("client_id"))
                | Q(pk__in=Episode.objects.filter(contract__provider_id=role.provider_id).values("client_id"))
            )
        return self.none()


class Client(TimeStamped):
    class Sex(models.TextChoices):
        FEMALE = "F", _("female")
        MALE = "M", _("male")
        OTHER = "X", _("other / not stated")

    class Relation(models.TextChoices):
        HEAD = "head", _("head of household")
        SPOUSE = "spouse", _("spouse or partner")
        CHILD = "child", _("child")
        PARENT = "parent", _("parent")
        SIBLING = "sibling", _("brother or sister")
        GRANDCHILD = "grandchild", _("grandchild")
        GRANDPARENT = "grandparent", _("grandparent")
        OTHER = "other", _("other relative")

    given_name = models.CharField(_("given name (Latin letters)"), max_length=100)
    family_name = models.CharField(_("family name (Latin letters)"), max_length=100)
    given_name_original = models.CharField(_("given name (original script)"), max_length=100, blank=True)
    family_name_original = models.CharField(_("family name (original script)"), max_length=100, blank=True)
    # Transliterated, diacritic-free phonetic key of every name form, filled by the services for search.
    name_key = models.CharField(max_length=400, editable=False, db_index=True, default="")
    date_of_birth = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    citizenship = CountryField(_("citizenship"), blank=True)
    languages = models.ManyToManyField(
        SpokenLanguage, blank=True, related_name="+", verbose_name=_("languages spoken")
    )
    preferred_language = models.ForeignKey(
        SpokenLanguage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("preferred language"),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    personal_code = models.CharField(_("Latvian personal code"), max_length=12, blank=True)
    id_document = models.CharField(_("identity document number"), max_length=40, blank=True)
    residence_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("municipality of residence"),
    )
    accommodation_centre = models.ForeignKey(
        AccommodationCentre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("accommodation centre"),
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("household"),
    )
    household_relation = models.CharField(
        _("relation in the household"), max_length=20, choices=Relation.choices, blank=True
    )
    # The current legal status and its grant date drive the time limits; history is in LegalStatusRecord.
    legal_status = models.ForeignKey(
        LegalStatus, on_delete=models.PROTECT, related_name="+", verbose_name=_("legal status")
    )
    status_granted_on = models.DateField(_("status granted on"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    registered_by_provider = models.ForeignKey(
        Provider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by provider"),
    )

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name", "pk"]
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        constraints = [
            models.UniqueConstraint(
                fields=["personal_code"], condition=~Q(personal_code=""), name="client_personal_code_unique"
            ),
        ]
        indexes = [models.Index(fields=["date_of_birth"], name="client_dob_idx")]

    def __str__(self):
        return f"{self.given_name} {self.family_name}"

    @property
    def pseudonym(self) -> str:
        """The client number shown to fund staff instead of a name."""
        return f"K-{self.pk:07d}"


class LegalStatusRecord(models.Model):
    """History of a client's legal status: each decision as recorded."""

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="status_history", verbose_name=_("client")
    )
    status = models.ForeignKey(LegalStatus, on_delete=models.PROTECT, verbose_name=_("legal status"))
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("legal status record")
        verbose_name_plural = _("legal status records")

    def __str__(self):
        return f"{self.status} {self.decided_on or ''}"


class Consent(models.Model):
    """Consent to processing; no referral without a current one."""

    class Scope(models.TextChoices):
        MENTORING = "mentoring", _("social mentoring service and referral")
        MENTORING_AND_SHARING = (
            "mentoring_sharing",
            _("mentoring service, referral and sharing with institutions"),
        )

    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="consents", verbose_name=_("client")
    )
    given_on = models.DateField(_("consent given on"))
    scope = models.CharField(_("scope"), max_length=30, choices=Scope.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.get_scope_display()} {self.given_on}"


# --- Referrals -----------------------------------------------------------------------------------


class ReferralQuerySet(models.QuerySet):
    def for_user(self, user):
        """Municipal social workers: their municipality's referrals. Provider staff: referrals to their
        provider (mentors: only those that became their episodes). Others: none."""
        role = role_for(user)
        if role.is_municipal:
            return self.filter(municipality_id=role.municipality_id)
        if role.is_mentor:
            return self.filter(episode__mentor_id=role.provider_staff_id)
        if role.is_provider:
            return self.filter(provider_id=role.provider_id)
        return self.none()

    def open(self):
        return self.filter(status__in=Referral.OPEN_STATUSES)


class Referral(TimeStamped):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Urgency(models.TextChoices):
        ROUTINE = "routine", _("routine")
        SOON = "soon", _("within a week")
        URGENT = "urgent", _("urgent")

    TRANSITIONS = {
        Status.SUBMITTED: {Status.ACCEPTED, Status.RETURNED, Status.WITHDRAWN},
        Status.RETURNED: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.ACCEPTED: set(),
        Status.WITHDRAWN: set(),
    }
    OPEN_STATUSES = (Status.SUBMITTED, Status.RETURNED)

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("client")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="+", verbose_name=_("programme")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("referring municipality"),
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("provider")
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("contract")
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("filed by")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    needs_areas = models.ManyToManyField(
        GoalArea, blank=True, related_name="+", verbose_name=_("assessed needs")
    )
    needs_text = models.TextField(_("assessment of needs"), blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    contact_language = models.ForeignKey(
        SpokenLanguage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact language"),
    )
    notes_for_provider = models.TextField(_("notes for the provider"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    episode = models.OneToOneField(
        "Episode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referral",
        verbose_name=_("episode"),
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "programme"],
                condition=Q(status__in=["submitted", "returned"]),
                name="referral_one_open_per_client_programme",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(episode__isnull=False),
                name="referral_accepted_has_episode",
            ),
        ]
        indexes = [models.Index(fields=["provider", "status"], name="referral_provider_status_idx")]

    def __str__(self):
        return _("Referral %(number)s") % {"number": self.pk}


class ReferralEvent(models.Model):
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="events", verbose_name=_("referral")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Referral.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Referral.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")

    def __str__(self):
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"


# --- Episodes ------------------------------------------------------------------------------------


class EpisodeQuerySet(models.QuerySet):
    def for_user(self, user):
        """Mentors: their own episodes. Coordinators and provider social workers: their provider's.
        Municipal social workers: episodes that came from their municipality's referrals or belong to
        its residents (the outcome only — views never show them visits). Others: none."""
        role = role_for(user)
        if role.is_mentor:
            return self.filter(mentor_id=role.provider_staff_id)
        if role.is_provider:
            return self.filter(contract__provider_id=role.provider_id)
        if role.is_municipal:
            return self.filter(
                Q(referral__municipality_id=role.municipality_id)
                | Q(client__residence_municipality_id=role.municipality_id)
            )
        return self.none()

    def active(self):
        return self.filter(status=Episode.Status.ACTIVE)


class Episode(TimeStamped):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")

    class IntakeSource(models.TextChoices):
        MUNICIPAL_REFERRAL = "municipal_referral", _("municipal referral")
        ACCOMMODATION_CENTRE = "accommodation_centre", _("accommodation centre")
        SELF = "self", _("came by themselves")
        INSTITUTION = "institution", _("other institution")
        IMPORT = "import", _("imported records")

    TRANSITIONS = {Status.ACTIVE: {Status.ENDED}, Status.ENDED: set()}

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="episodes", verbose_name=_("client")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="+", verbose_name=_("programme")
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="episodes", verbose_name=_("contract")
    )
    mentor = models.ForeignKey(
        ProviderStaff,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentored_episodes",
        verbose_name=_("social mentor"),
    )
    social_worker = models.ForeignKey(
        ProviderStaff,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_episodes",
        verbose_name=_("social worker"),
    )
    intake_source = models.CharField(_("intake source"), max_length=30, choices=IntakeSource.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    end_reason = models.ForeignKey(
        EndReason, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("end reason")
    )
    closing_summary = models.TextField(_("closing summary"), blank=True)
    # Derived from the programme's rule by cases.limits.episode_limit_date and kept current by the
    # services (status grant, extension); stored so that lists can sort and filter by it.
    limit_on = models.DateField(_("time limit"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    objects = EpisodeQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("mentoring episode")
        verbose_name_plural = _("mentoring episodes")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "programme"],
                condition=Q(status="active"),
                name="episode_one_open_per_client_programme",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="episode_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(status="active") & Q(ended_on__isnull=True) & Q(end_reason__isnull=True))
                | (Q(status="ended") & Q(ended_on__isnull=False) & Q(end_reason__isnull=False)),
                name="episode_end_matches_status",
            ),
        ]
        indexes = [
            models.Index(fields=["contract", "started_on"], name="episode_contract_start_idx"),
            models.Index(fields=["programme", "started_on"], name="episode_programme_start_idx"),
        ]

    def __str__(self):
        return f"{self.programme.code} {self.client} {self.started_on}"


class EpisodeEvent(models.Model):
    """One row per change of an episode: status, mentor, contract (transfer, handover), limit."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("opened")
        ENDED = "ended", _("ended")
        MENTOR_CHANGED = "mentor_changed", _("mentor reassigned")
        TRANSFERRED = "transferred", _("transferred to another provider")
        HANDED_OVER = "handed_over", _("handed over when a contract ended")
        EXTENDED = "extended", _("time limit extended")
        LIMIT_CHANGED = "limit_changed", _("time limit changed")

    episode = models.ForeignKey(
        Episode, on_delete=models.CASCADE, related_name="events", verbose_name=_("episode")
    )
    kind = models.CharField(_("change"), max_length=20, choices=Kind.choices)
    from_value = models.CharField(_("from"), max_length=200, blank=True)
    to_value = models.CharField(_("to"), max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("episode event")
        verbose_name_plural = _("episode events")

    def __str__(self):
        return f"{self.episode_id}: {self.kind}"


class EpisodeContract(models.Model):
    """The contract an episode was under from one day to another: its history through transfers and
    handovers. "Active at month end" counts an episode under the contract it had on that day."""

    episode = models.ForeignKey(
        Episode, on_delete=models.CASCADE, related_name="contract_history", verbose_name=_("episode")
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="+", verbose_name=_("contract")
    )
    from_on = models.DateField(_("first day"))
    until_on = models.DateField(_("last day"), null=True, blank=True)  # empty while current

    class Meta:
        ordering = ["episode", "from_on"]
        verbose_name = _("episode contract")
        verbose_name_plural = _("episode contracts")
        constraints = [
            models.UniqueConstraint(fields=["episode", "from_on"], name="episode_contract_from_unique"),
            models.UniqueConstraint(
                fields=["episode"], condition=Q(until_on__isnull=True), name="episode_contract_one_current"
            ),
            models.CheckConstraint(
                condition=Q(until_on__isnull=True) | Q(until_on__gte=F("from_on")),
                name="episode_contract_days",
            ),
        ]

    def __str__(self):
        return f"{self.episode_id}: {self.contract_id} {self.from_on}–{self.until_on or ''}"


class EpisodeExtension(models.Model):
    """An approved extension of the time limit (AS-OSA: up to 24 months from the start)."""

    episode = models.ForeignKey(
        Episode, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("episode")
    )
    length = models.PositiveSmallIntegerField(_("new limit, in the programme's unit"))
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("approved by")
    )
    approved_on = models.DateField(_("approved on"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["approved_on", "pk"]
        verbose_name = _("time limit extension")
        verbose_name_plural = _("time limit extensions")

    def __str__(self):
        return f"{self.episode_id}: {self.length}"


class Handover(models.Model):
    """One handover of every open episode of an ending contract to another contract."""

    from_contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="handovers_out", verbose_name=_("from contract")
    )
    to_contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="handovers_in", verbose_name=_("to contract")
    )
    handed_over_on = models.DateField(_("handed over on"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    episodes = models.ManyToManyField(Episode, related_name="handovers", verbose_name=_("episodes moved"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")

    def __str__(self):
        return f"{self.from_contract} → {self.to_contract}"


# --- Inclusion plans -----------------------------------------------------------------------------


class InclusionPlan(TimeStamped):
    """One version of an episode's individual socio-economic inclusion plan."""

    episode = models.ForeignKey(
        Episode, on_delete=models.CASCADE, related_name="plans", verbose_name=_("episode")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    is_current = models.BooleanField(_("current version"), default=True)
    drawn_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("drawn up by")
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["episode", "-version"]
        verbose_name = _("individual socio-economic inclusion plan")
        verbose_name_plural = _("individual socio-economic inclusion plans")
        constraints = [
            models.UniqueConstraint(fields=["episode", "version"], name="plan_version_unique"),
            models.UniqueConstraint(
                fields=["episode"], condition=Q(is_current=True), name="plan_one_current"
            ),
        ]

    def __str__(self):
        return _("Plan v%(version)s") % {"version": self.version}


class PlanGoal(TimeStamped):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        ACHIEVED = "achieved", _("achieved")
        DROPPED = "dropped", _("dropped")

    plan = models.ForeignKey(
        InclusionPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    area = models.ForeignKey(GoalArea, on_delete=models.PROTECT, verbose_name=_("goal area"))
    description = models.TextField(_("description"))
    target_on = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "area__order", "pk"]
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="achieved", achieved_on__isnull=False)
                | (~Q(status="achieved") & Q(achieved_on__isnull=True)),
                name="plan_goal_achieved_date",
            ),
        ]

    def __str__(self):
        return f"{self.area}: {self.description[:40]}"


# --- Visits --------------------------------------------------------------------------------------


class VisitQuerySet(models.QuerySet):
    def for_user(self, user):
        """Visits and their notes are for the provider's staff only: mentors see their episodes' visits,
        coordinators and provider social workers their provider's. Municipal and fund staff: none."""
        role = role_for(user)
        if role.is_mentor:
            return self.filter(episode__mentor_id=role.provider_staff_id)
        if role.is_provider:
            return self.filter(contract__provider_id=role.provider_id)
        return self.none()


class Visit(TimeStamped):
    class Place(models.TextChoices):
        ACCOMMODATION_CENTRE = "accommodation_centre", _("accommodation centre")
        HOME = "home", _("client's home")
        INSTITUTION = "institution", _("state or municipal institution")
        OFFICE = "office", _("provider's office")
        PHONE = "phone", _("by phone")
        ONLINE = "online", _("online")

    MAX_MINUTES = 12 * 60

    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, related_name="visits", verbose_name=_("episode")
    )
    # The contract the episode had when the contact took place: the payment basis for its month.
    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="visits", verbose_name=_("contract")
    )
    visited_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration, minutes"), validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES)]
    )
    place = models.CharField(_("place"), max_length=30, choices=Place.choices)
    activities = models.ManyToManyField(Activity, related_name="visits", verbose_name=_("activities"))
    goals = models.ManyToManyField(
        PlanGoal, blank=True, related_name="visits", verbose_name=_("plan goals worked on")
    )
    interpreter_used = models.BooleanField(_("interpreter used"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("logged by")
    )
    attendees = models.ManyToManyField(
        Client, through="VisitAttendance", related_name="visits_attended", verbose_name=_("people present")
    )

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=12 * 60),
                name="visit_duration_range",
            ),
        ]
        indexes = [
            models.Index(fields=["contract", "visited_on"], name="visit_contract_date_idx"),
            models.Index(fields=["episode", "visited_on"], name="visit_episode_date_idx"),
        ]

    def __str__(self):
        return f"{self.visited_on} ({self.duration_minutes} min)"


class VisitAttendance(models.Model):
    """A person present at a visit. Every person present counts as served in the visit's month."""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("visit")
    )
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="attendance", verbose_name=_("client")
    )

    class Meta:
        ordering = ["visit", "client"]
        verbose_name = _("person present")
        verbose_name_plural = _("people present")
        constraints = [models.UniqueConstraint(fields=["visit", "client"], name="visit_attendance_unique")]

    def __str__(self):
        return f"{self.visit_id}: {self.client_id}"


class ServedMonth(models.Model):
    """A person served under a contract in a month: the payment basis, one row per client, contract
    and month with at least one contact (the person present at a visit dated in the month).

    Derived data, kept by `cases.served.served_months_refresh`, which every service that changes a
    person's visits, episodes, date of birth or citizenship calls: reports count these rows instead
    of joining a million visits. The person's date of birth, citizenship and the start of their
    first episode of the programme are copied here so that "child", "country" and "new" need no join.
    """

    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="served_months", verbose_name=_("contract")
    )
    month = models.DateField(_("month"))  # the first day of the month
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, related_name="served_months", verbose_name=_("client")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="+", verbose_name=_("programme")
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider")
    )
    contacts = models.PositiveIntegerField(_("contacts"))
    date_of_birth = models.DateField(_("date of birth"))
    citizenship = models.CharField(_("citizenship"), max_length=2, blank=True)
    first_started_on = models.DateField(_("first episode of the programme started on"), null=True)

    class Meta:
        ordering = ["month", "contract", "client"]
        verbose_name = _("client served in a month")
        verbose_name_plural = _("clients served in a month")
        constraints = [
            models.UniqueConstraint(fields=["contract", "month", "client"], name="served_month_unique"),
            models.CheckConstraint(condition=Q(contacts__gte=1), name="served_month_contacts"),
        ]
        indexes = [models.Index(fields=["programme", "month"], name="served_month_programme_idx")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.contract_id}: {self.client_id}"

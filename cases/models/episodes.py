"""Episodes, their events, contract history, extensions and handovers between contracts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from mentors import access
from mentors.models import Contract, Programme, ProviderStaff
from municipalities.models import TimeStamped

from .clients import Client
from .reference import EndReason


class EpisodeQuerySet(models.QuerySet):
    def for_user(self, user):
        """Episodes the user may see (`mentors.access.episode_scope`)."""
        return access.scoped(self, user, access.episode_scope)

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
    # Derived from the programme's rule by cases.rules.limits.episode_limit_date and kept current by the
    # services (status grant, extension, a programme's rule changed in the admin: all through
    # cases.services.episodes.episodes_limits_refresh); stored so that lists can sort and filter by it.
    limit_on = models.DateField(_("time limit"), null=True, blank=True)
    # The next planned contact, set by the mentor or the provider's social worker
    # (cases.services.episodes.episode_plan_contact): one per episode, on the episode itself so that the
    # caseload sorts by it without a subquery; its earlier values are in the change log (audit).
    next_contact_on = models.DateField(_("next contact"), null=True, blank=True)
    next_contact_at = models.TimeField(_("next contact time"), null=True, blank=True)
    next_contact_note = models.CharField(_("next contact note"), max_length=200, blank=True)
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
                condition=Q(next_contact_on__isnull=False)
                | (Q(next_contact_at__isnull=True) & Q(next_contact_note="")),
                name="episode_next_contact_time_needs_date",
            ),
            models.CheckConstraint(
                condition=(Q(status="active") & Q(ended_on__isnull=True) & Q(end_reason__isnull=True))
                | (Q(status="ended") & Q(ended_on__isnull=False) & Q(end_reason__isnull=False)),
                name="episode_end_matches_status",
            ),
        ]
        indexes = [
            models.Index(fields=["contract", "started_on"], name="episode_contract_start_idx"),
            # A provider's people (`mentors.access._client_arms`), read from the index alone.
            models.Index(fields=["contract", "client"], name="episode_contract_client_idx"),
            models.Index(fields=["programme", "started_on"], name="episode_programme_start_idx"),
            models.Index(fields=["mentor", "next_contact_on"], name="episode_mentor_contact_idx"),
            # A programme's episodes ended in a period, and those active at its month ends
            # (`reporting.queries.episodes`), from the index alone.
            models.Index(
                fields=["programme", "ended_on", "started_on", "contract", "end_reason", "id"],
                name="episode_reporting_idx",
            ),
        ]

    def __str__(self):
        return (
            f"{self.programme.code} {self.client} {formats.date_format(self.started_on, 'SHORT_DATE_FORMAT')}"
        )


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
        CONSENT_WITHDRAWN = "consent_withdrawn", _("the person withdrew consent to processing")

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

    @property
    def shown_from(self) -> str:
        return self._shown(self.from_value)

    @property
    def shown_to(self) -> str:
        return self._shown(self.to_value)

    @staticmethod
    def _shown(value: str) -> str:
        """A stored value as the reader reads it: a status by its label, a day in the reader's format
        (the values are kept as text: a contract, a mentor, a day, a status)."""
        if value in Episode.Status.values:
            return str(Episode.Status(value).label)
        day = parse_date(value) if len(value) == 10 else None
        if day is not None:
            return formats.date_format(day, "SHORT_DATE_FORMAT")
        return value


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

    @property
    def length_label(self) -> str:
        return self.episode.programme.limit_length_label(self.length)


class HandoverQuerySet(models.QuerySet):
    def for_user(self, user):
        """Handovers the user may see (`mentors.access.handover_scope`)."""
        return access.scoped(self, user, access.handover_scope)


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

    objects = HandoverQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")

    def __str__(self):
        return f"{self.from_contract} → {self.to_contract}"

"""Programmes (rules as data), providers, contracts, teams, provider staff, fund staff, month locks."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from municipalities.models import AccommodationCentre, Municipality, TimeStamped

from . import access


class SpokenLanguage(TimeStamped):
    """A language a client or a mentor speaks (ISO 639-1 code)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.name


class FundingSource(TimeStamped):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["code"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")

    def __str__(self):
        return self.name


class ProgrammeQuerySet(models.QuerySet):
    def for_user(self, user):
        """Programmes the user may see (`access.programme_scope`)."""
        return access.scoped(self, user, access.programme_scope)


class Programme(TimeStamped):
    """A service the fund buys. Its time-limit rule is data: see cases.rules.limits.limit_date."""

    class Referrer(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipal social service social worker")
        PROVIDER_INTAKE = "provider", _("provider intake")

    class LimitUnit(models.TextChoices):
        NONE = "none", _("no limit")
        DAYS = "days", _("days")
        MONTHS = "months", _("months")

    class LimitAnchor(models.TextChoices):
        EPISODE_START = "episode_start", _("episode start")
        STATUS_GRANTED = "status_granted", _("day the status was granted")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    referred_by = models.CharField(_("who refers"), max_length=20, choices=Referrer.choices)
    limit_unit = models.CharField(_("limit unit"), max_length=10, choices=LimitUnit.choices)
    limit_length = models.PositiveSmallIntegerField(_("standard limit"), null=True, blank=True)
    limit_anchor = models.CharField(_("limit counted from"), max_length=20, choices=LimitAnchor.choices)
    extension_max_length = models.PositiveSmallIntegerField(
        _("maximum limit with extension"),
        null=True,
        blank=True,
        help_text=_("In the same unit as the standard limit; empty when no extension is possible."),
    )
    plan_required = models.BooleanField(_("inclusion plan required"), default=False)
    social_worker_required = models.BooleanField(_("provider social worker required"), default=False)
    target_clients = models.PositiveIntegerField(_("target number of clients"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    retention_years = models.PositiveSmallIntegerField(
        _("retention, years"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How long a person's records are kept after their last episode of this programme ended (the "
            "evidence the European funds' audits need); then manage.py apply_retention anonymises them."
        ),
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(limit_unit="none") | Q(limit_length__gt=0), name="programme_limit_length_set"
            ),
            models.CheckConstraint(
                condition=Q(extension_max_length__isnull=True)
                | Q(extension_max_length__gte=models.F("limit_length")),
                name="programme_extension_not_shorter",
            ),
            models.CheckConstraint(condition=Q(retention_years__gte=1), name="programme_retention_years"),
        ]

    def __str__(self):
        return f"{self.code} — {self.name}"

    def limit_length_label(self, length: int) -> str:
        """A time limit of `length` in this programme's unit, in the reader's language ("21 mēnesis")."""
        if self.limit_unit == self.LimitUnit.DAYS:
            return ngettext("%(count)s day", "%(count)s days", length) % {"count": length}
        return ngettext("%(count)s month", "%(count)s months", length) % {"count": length}

    @property
    def takes_municipal_referrals(self) -> bool:
        return self.referred_by == self.Referrer.MUNICIPALITY


class FundingShare(TimeStamped):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="funding_shares", verbose_name=_("programme")
    )
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, verbose_name=_("funding source"))
    percent = models.DecimalField(
        _("share, %"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        ordering = ["programme", "-percent"]
        verbose_name = _("funding share")
        verbose_name_plural = _("funding shares")
        constraints = [models.UniqueConstraint(fields=["programme", "source"], name="funding_share_unique")]

    def __str__(self):
        return f"{self.source} {self.percent} %"


class ProviderQuerySet(models.QuerySet):
    def for_user(self, user):
        """Providers the user may see (`access.provider_scope`)."""
        return access.scoped(self, user, access.provider_scope)


class Provider(TimeStamped):
    """An NGO (or the fund's own One-Stop Agency) under contract."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    registration_number = models.CharField(_("registration number"), max_length=20, blank=True)
    is_in_house = models.BooleanField(_("the fund's in-house provider"), default=False)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self):
        return self.name


class ContractQuerySet(models.QuerySet):
    def for_user(self, user):
        """Contracts the user may see (`access.by_provider_scope`)."""
        return access.scoped(self, user, access.by_provider_scope)

    def active_on(self, day):
        """Contracts in force on `day` (an early termination ends them the day it is dated)."""
        return self.filter(starts_on__lte=day, ends_on__gte=day).exclude(terminated_on__lt=day)

    def covering(self, municipality):
        return self.filter(municipalities=municipality)


class Contract(TimeStamped):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("programme")
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("provider")
    )
    number = models.CharField(_("contract number"), max_length=60, unique=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    value_eur = models.DecimalField(_("value, EUR"), max_digits=12, decimal_places=2)
    rate_eur = models.DecimalField(_("rate per client-month, EUR excl. VAT"), max_digits=8, decimal_places=2)
    monthly_capacity = models.PositiveIntegerField(_("monthly capacity, clients"))
    social_workers = models.PositiveSmallIntegerField(_("contracted social workers"), default=0)
    mentors = models.PositiveSmallIntegerField(_("contracted mentors"), default=0)
    municipalities = models.ManyToManyField(
        Municipality, related_name="contracts", blank=True, verbose_name=_("municipalities covered")
    )
    accommodation_centres = models.ManyToManyField(
        AccommodationCentre,
        related_name="contracts",
        blank=True,
        verbose_name=_("accommodation centres covered"),
    )
    terminated_on = models.DateField(_("terminated early on"), null=True, blank=True)
    termination_reason = models.TextField(_("reason for early termination"), blank=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["programme__code", "provider__code", "starts_on"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="contract_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True)
                | (Q(terminated_on__gte=models.F("starts_on")) & Q(terminated_on__lte=models.F("ends_on"))),
                name="contract_terminated_within_period",
            ),
            models.CheckConstraint(condition=Q(rate_eur__gte=0), name="contract_rate_not_negative"),
        ]

    def __str__(self):
        return f"{self.number} ({self.provider.code}, {self.programme.code})"

    @property
    def last_day(self):
        """The last day the contract is in force: its end, or the day it was terminated."""
        return self.terminated_on or self.ends_on


class Team(TimeStamped):
    """One provider social worker coordinating several mentors."""

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="teams", verbose_name=_("provider")
    )
    name = models.CharField(_("name"), max_length=100)
    social_worker = models.ForeignKey(
        "ProviderStaff",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="teams_led",
        verbose_name=_("social worker"),
    )

    class Meta:
        ordering = ["provider__code", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name


class ProviderStaffQuerySet(models.QuerySet):
    def for_user(self, user):
        """Provider staff the user may see (`access.by_provider_scope`)."""
        return access.scoped(self, user, access.by_provider_scope)

    def mentors(self):
        return self.filter(role=ProviderStaff.Role.MENTOR, is_active=True)

    def social_workers(self):
        return self.filter(role=ProviderStaff.Role.SOCIAL_WORKER, is_active=True)

    def coordinator_user_ids(self, provider_id: int) -> list[int]:
        """The users of the provider's active coordinators (who hear of its referrals and months)."""
        return list(
            self.filter(provider_id=provider_id, role=ProviderStaff.Role.COORDINATOR, is_active=True)
            .filter(user__is_active=True)
            .values_list("user_id", flat=True)
        )


class ProviderStaff(TimeStamped):
    """Membership that makes a user a coordinator, social worker or mentor of one provider."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("coordinator")
        SOCIAL_WORKER = "social_worker", _("social worker")
        MENTOR = "mentor", _("social mentor")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="provider_staff",
        verbose_name=_("user"),
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="staff", verbose_name=_("provider")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="members", verbose_name=_("team")
    )
    languages = models.ManyToManyField(SpokenLanguage, blank=True, verbose_name=_("languages spoken"))
    max_caseload = models.PositiveSmallIntegerField(_("maximum caseload"), default=20)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ProviderStaffQuerySet.as_manager()

    class Meta:
        ordering = ["provider__code", "user__last_name", "user__first_name"]
        verbose_name = _("provider staff member")
        verbose_name_plural = _("provider staff")

    def __str__(self):
        return self.user.get_full_name() or self.user.username


class FundStaff(TimeStamped):
    """Membership that makes a user a member of the fund's staff: all programmes' figures, or, for the
    data protection officer, the change and read logs (and nothing else)."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("fund staff")
        DATA_PROTECTION_OFFICER = "data_protection_officer", _("data protection officer")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fund_staff", verbose_name=_("user")
    )
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.STAFF)

    class Meta:
        ordering = ["user__last_name"]
        verbose_name = _("fund staff member")
        verbose_name_plural = _("fund staff")

    def __str__(self):
        return self.user.get_full_name() or self.user.username


class ContractMonth(TimeStamped):
    """A contract's payment month. Once locked, no visit dated in it may be added, changed or deleted.

    It lives here, beside the contract, so that `cases` can refuse edits without importing `reporting`.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        LOCKED = "locked", _("approved and locked")

    TRANSITIONS = {Status.OPEN: {Status.LOCKED}, Status.LOCKED: {Status.OPEN}}

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="months", verbose_name=_("contract")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    # The approved payment, frozen when the month is locked and empty while it is open (its split by
    # funding source is in `shares`): editing the contract's rate or the programme's funding shares
    # later does not change what was approved. See mentors.payments.
    served = models.PositiveIntegerField(_("clients served"), null=True, blank=True)
    rate_eur = models.DecimalField(
        _("rate per client-month, EUR excl. VAT"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    payable_eur = models.DecimalField(
        _("payable, EUR"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["contract", "month"]
        verbose_name = _("contract month")
        verbose_name_plural = _("contract months")
        constraints = [
            models.UniqueConstraint(fields=["contract", "month"], name="contract_month_unique"),
            models.CheckConstraint(condition=Q(month__day=1), name="contract_month_first_day"),
            models.CheckConstraint(
                condition=Q(
                    status="open", served__isnull=True, rate_eur__isnull=True, payable_eur__isnull=True
                )
                | Q(status="locked", served__isnull=False, rate_eur__isnull=False, payable_eur__isnull=False),
                name="contract_month_locked_has_payment",
            ),
        ]

    def __str__(self):
        return f"{self.contract} {self.month:%Y-%m}"


class ContractMonthShare(models.Model):
    """One funding source's part of a locked month's approved payment, in cents (the parts add up to
    the month's payable exactly)."""

    contract_month = models.ForeignKey(
        ContractMonth, on_delete=models.CASCADE, related_name="shares", verbose_name=_("contract month")
    )
    source = models.ForeignKey(
        FundingSource, on_delete=models.PROTECT, related_name="+", verbose_name=_("funding source")
    )
    percent = models.DecimalField(_("share, %"), max_digits=5, decimal_places=2)
    amount_eur = models.DecimalField(_("amount, EUR"), max_digits=12, decimal_places=2)

    class Meta:
        # The order of the split when it was approved. By the month's id, not its own ordering, which
        # would join the contract, its programme and provider to read a month's shares.
        ordering = ["contract_month_id", "pk"]
        verbose_name = _("approved funding share")
        verbose_name_plural = _("approved funding shares")
        constraints = [
            models.UniqueConstraint(fields=["contract_month", "source"], name="contract_month_share_unique")
        ]

    def __str__(self):
        return f"{self.contract_month}: {self.source} {self.amount_eur}"


class ContractMonthEvent(models.Model):
    """One row per lock or unlock: who, when, from, to, why, and the payment approved by the lock or
    discarded by the unlock (empty on events recorded before payments were kept)."""

    contract_month = models.ForeignKey(
        ContractMonth, on_delete=models.CASCADE, related_name="events", verbose_name=_("contract month")
    )
    from_status = models.CharField(_("from"), max_length=10, choices=ContractMonth.Status.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=ContractMonth.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)
    served = models.PositiveIntegerField(_("clients served"), null=True, blank=True)
    rate_eur = models.DecimalField(
        _("rate per client-month, EUR excl. VAT"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    payable_eur = models.DecimalField(
        _("payable, EUR"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("contract month event")
        verbose_name_plural = _("contract month events")

    def __str__(self):
        return f"{self.contract_month}: {self.from_status} → {self.to_status}"

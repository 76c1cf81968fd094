"""Clients, households, legal status records and consent."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Collate
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from mentors import access
from mentors.models import Provider, SpokenLanguage
from municipalities.models import AccommodationCentre, Municipality, TimeStamped

from ..rules.collation import LATVIAN
from .reference import LegalStatus


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
        """Clients the user may see (`mentors.access.client_scope`)."""
        return access.scoped(self, user, access.client_scope)

    def listed_for(self, user):
        """`for_user` shaped for a page of a long list in an indexed order
        (`mentors.access.client_list_scope`)."""
        return access.scoped(self, user, access.client_list_scope)


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
    # Where the person lives, for the mentors who visit them at home: the street and house (and flat),
    # the city, town or parish; the municipality is `residence_municipality`.
    street_address = models.CharField(_("street, house and flat"), max_length=200, blank=True)
    locality = models.CharField(_("city, town or parish"), max_length=100, blank=True)
    personal_code = models.CharField(_("Latvian personal code"), max_length=12, blank=True)
    id_document = models.CharField(_("identity document number"), max_length=40, blank=True)
    residence_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,  # `client_residence_idx` begins with it
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
    # Registered with a personal code that a person outside the registering user's scope already has:
    # the registration goes through as any other (the user learns nothing about people they may not
    # see) and the fund's data protection desk merges the two records (`cases.services.privacy`).
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("probably the same person as"),
    )
    # Set when the person's data were anonymised (retention or an erasure request): names, codes,
    # contact details and every free text are gone; what the figures count stays.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name", "pk"]
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        constraints = [
            models.UniqueConstraint(
                fields=["personal_code"],
                condition=~Q(personal_code="") & Q(duplicate_of__isnull=True),
                name="client_personal_code_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["date_of_birth"], name="client_dob_idx"),
            # The name search (`client_search`: a word anywhere in the key, a LIKE '%…%' that no btree
            # serves). A trigram index, created on PostgreSQL only (migration 0011; none on SQLite).
            GinIndex(fields=["name_key"], opclasses=["gin_trgm_ops"], name="client_name_key_trgm_idx"),
            # The client list in its default order, names in Latvian order (`ClientSearchForm.sorts`):
            # a page of a large scope is read along this index, not sorted from the whole scope. On
            # PostgreSQL only (migration 0014: SQLite has the collation from Python, per connection).
            models.Index(
                Collate("family_name", LATVIAN),
                Collate("given_name", LATVIAN),
                F("id"),
                name="client_latvian_name_idx",
            ),
            # The client list by legal status (the reference data's order), read along the index too.
            models.Index(fields=["legal_status", "id"], name="client_status_idx"),
            # A municipality's residents; and the ids of a page of the list sorted by municipality
            # (`CappedPaginator.page`), read from this index alone, without the people's rows.
            models.Index(fields=["residence_municipality", "id"], name="client_residence_idx"),
        ]

    def __str__(self):
        return f"{self.given_name} {self.family_name}".strip() or self.pseudonym

    @property
    def address(self) -> str:
        """Street, locality and municipality on one line (the municipality once, when it is the city);
        "" when nothing is known. Reads `residence_municipality`: select it with the client."""
        parts = [self.street_address, self.locality]
        municipality = self.residence_municipality if self.residence_municipality_id else None
        if municipality is not None and self.locality not in (municipality.code, str(municipality)):
            parts.append(str(municipality))
        return ", ".join(part for part in parts if part) if (self.street_address or self.locality) else ""

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
        day = formats.date_format(self.decided_on, "SHORT_DATE_FORMAT") if self.decided_on else ""
        return f"{self.status} {day}".strip()


class Consent(models.Model):
    """Consent to processing; no referral without a current one."""

    class Scope(models.TextChoices):
        MENTORING = "mentoring", _("social mentoring service and referral")
        MENTORING_AND_SHARING = (
            "mentoring_sharing",
            _("mentoring service, referral and sharing with institutions"),
        )

    class Withdrawal(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        IN_WRITING = "in_writing", _("in writing")
        BY_PHONE = "by_phone", _("by phone")
        BY_EMAIL = "by_email", _("by e-mail")
        THROUGH_SOMEONE = "representative", _("through a representative")

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
    withdrawn_how = models.CharField(
        _("how the person withdrew it"), max_length=20, choices=Withdrawal.choices, blank=True
    )
    withdrawal_note = models.TextField(_("note on the withdrawal"), blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )
    withdrawal_recorded_at = models.DateTimeField(_("withdrawal recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self):
        return f"{self.get_scope_display()} {formats.date_format(self.given_on, 'SHORT_DATE_FORMAT')}"

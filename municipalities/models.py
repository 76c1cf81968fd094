"""Municipalities, planning regions, their social services, accommodation centres and municipal staff."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PlanningRegion(TimeStamped):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("planning region")
        verbose_name_plural = _("planning regions")

    def __str__(self):
        return self.name


class Municipality(TimeStamped):
    class Kind(models.TextChoices):
        STATE_CITY = "city", _("state city")
        NOVADS = "novads", _("municipality (novads)")

    # The Latvian name, as DOMAIN.md lists it: the stable code used in imports and exports.
    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    region = models.ForeignKey(
        PlanningRegion,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("planning region"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class SocialService(TimeStamped):
    """A municipality's social service (pašvaldības sociālais dienests); one per municipality."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.PROTECT, related_name="social_service", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["municipality__code"]
        verbose_name = _("municipal social service")
        verbose_name_plural = _("municipal social services")

    def __str__(self):
        return self.name


class AccommodationCentre(TimeStamped):
    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="accommodation_centres",
        verbose_name=_("municipality"),
    )
    opened_on = models.DateField(_("opened on"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("accommodation centre")
        verbose_name_plural = _("accommodation centres")

    def __str__(self):
        return self.name


class MunicipalStaff(TimeStamped):
    """Membership that makes a user a social worker of one municipality's social service."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="municipal_staff",
        verbose_name=_("user"),
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="staff", verbose_name=_("municipality")
    )
    job_title = models.CharField(_("job title"), max_length=100, blank=True)

    class Meta:
        ordering = ["municipality__code", "user__last_name"]
        verbose_name = _("municipal social worker")
        verbose_name_plural = _("municipal social workers")

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.username} ({self.municipality})"

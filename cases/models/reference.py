"""Reference data of the cases app: legal statuses, activities, goal areas, end reasons (codes are stable; names are translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from municipalities.models import TimeStamped


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

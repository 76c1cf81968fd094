from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserSession(AbstractBaseSession):
    """A database session that knows whose it is, so that ending a user's sessions ("log out
    everywhere", a second-factor reset) deletes that user's rows and reads no one else's."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore

        return SessionStore


class Preferences(models.Model):
    """What a person chose for themselves: the interface language (which notifications and e-mails
    are written in too) and how they want notifications by e-mail. A user without a row has the
    defaults (`preferences_for`)."""

    class Email(models.TextChoices):
        IMMEDIATELY = "immediately", _("at once, one e-mail each")
        DAILY = "daily", _("once a day, in a digest")
        NEVER = "never", _("no e-mails (only in the application)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="preferences",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    email = models.CharField(
        _("notifications by e-mail"), max_length=12, choices=Email.choices, default=Email.IMMEDIATELY
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("preferences")
        verbose_name_plural = _("preferences")
        ordering = ["user_id"]

    def __str__(self):
        return str(self.user)

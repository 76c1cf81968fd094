"""Notifications in the application, and the outbox of e-mails that carry them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import kinds


class EmailDelivery(models.Model):
    """One e-mail to one person, written in the same transaction as what it tells (the outbox), and
    sent by the worker (`notifications.tasks.email_send`). It carries one notification (sent at once)
    or a day's notifications (the digest).

    States: pending → sent, or pending → pending (a failed attempt, tried again at `next_attempt_at`),
    or pending → failed (given up after `NOTIFICATION_EMAIL_MAX_ATTEMPTS`). `sent` is written in the
    transaction that holds the row while the message is handed to the mail server."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("given up")

    TRANSITIONS = {
        State.PENDING: {State.PENDING, State.SENT, State.FAILED},
        State.SENT: set(),
        State.FAILED: set(),
    }

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    # The message's identity: its Message-ID, the same at every attempt.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    digest_on = models.DateField(_("digest of"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="email_due")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "digest_on"],
                condition=Q(digest_on__isnull=False),
                name="one_digest_a_day",
            ),
            models.CheckConstraint(
                condition=Q(state="sent", sent_at__isnull=False) | ~Q(state="sent"),
                name="sent_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.recipient} · {self.get_state_display()} · {self.created_at:%Y-%m-%d %H:%M}"


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """A person sees their own notifications, and nobody else's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something happened that `recipient` should know; the text is written when it is read
    (`kinds.text`), in the reader's language."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=kinds.Kind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    detail = models.TextField(_("detail"), blank=True)
    url = models.CharField(_("page"), max_length=300)
    # The client it is about (an id, not a key: this app sits below `cases`), so that erasing a person
    # erases their notifications too.
    client_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    # Set for what may be noticed again (a daily check): one notification per recipient and key.
    key = models.CharField(max_length=100, blank=True)
    email = models.ForeignKey(
        EmailDelivery,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("e-mail"),
    )
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~Q(key=""), name="notification_once_per_key"
            )
        ]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return kinds.text(self.kind, self.params)

    @property
    def detail_label(self) -> str:
        return kinds.detail_label(self.kind)

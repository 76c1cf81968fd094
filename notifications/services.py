"""Writing notifications and delivering their e-mails.

`notify(...)` is called by the services of `cases` and `mentors` inside their own transaction, so a
notification and its e-mail (the outbox row) exist exactly when the change that caused them does.
The worker sends each e-mail with `email_send`; the digest and the sweep run from the schedule the
README documents."""

import datetime
import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus

from config.accounts.models import Preferences

from .kinds import Kind
from .models import EmailDelivery, Notification

logger = logging.getLogger(__name__)


def _user_id(user) -> int:
    return user if isinstance(user, int) else user.pk


def notify(
    *,
    kind: Kind,
    recipients: Iterable,
    url: str,
    params: dict | None = None,
    detail: str = "",
    client_id: int | None = None,
    key: str = "",
    email: bool = True,
) -> list[Notification]:
    """Tell `recipients` (users or user ids) that `kind` happened, linking to `url`.

    Call it inside the transaction of the change: the notifications, and an outbox row for each
    recipient who wants e-mails at once, are written in it and vanish with it if it rolls back. The
    e-mails are handed to the worker after the commit. With `key`, a recipient told before under the
    same key is not told again (the daily checks). `email=False`: in the application only (the demo
    data, written before anyone could read an e-mail)."""
    ids = {_user_id(user) for user in recipients}
    if not ids:
        return []
    with transaction.atomic():
        if key:
            ids -= set(
                Notification.objects.filter(key=key, recipient_id__in=ids).values_list(
                    "recipient_id", flat=True
                )
            )
        users = get_user_model().objects.filter(pk__in=ids, is_active=True)
        by_mail = (
            set()
            if not email
            else set(
                users.exclude(email="")
                .exclude(preferences__email__in=[Preferences.Email.DAILY, Preferences.Email.NEVER])
                .values_list("pk", flat=True)
            )
        )
        now = timezone.now()
        deliveries = {
            user_id: EmailDelivery(recipient_id=user_id, next_attempt_at=now) for user_id in by_mail
        }
        EmailDelivery.objects.bulk_create(deliveries.values())
        notifications = Notification.objects.bulk_create(
            Notification(
                recipient_id=user_id,
                kind=kind,
                params=params or {},
                detail=detail,
                url=url,
                client_id=client_id,
                key=key,
                email=deliveries.get(user_id),
                created_at=now,
            )
            for user_id in users.values_list("pk", flat=True)
        )
        _enqueue_on_commit([delivery.pk for delivery in deliveries.values()])
    return notifications


def _enqueue_on_commit(delivery_ids: list[int]) -> None:
    if delivery_ids:
        transaction.on_commit(lambda: emails_enqueue(delivery_ids))


def emails_enqueue(delivery_ids: Iterable[int], *, run_after: datetime.datetime | None = None) -> None:
    """Give the worker one task per e-mail (a task for an e-mail sent already does nothing)."""
    from .tasks import email_send

    task = email_send.using(run_after=run_after) if run_after else email_send
    for delivery_id in delivery_ids:
        task.enqueue(delivery_id)


@transaction.atomic
def notifications_mark_read(*, user, notifications=None) -> int:
    """Mark the user's unread notifications (those given, or all) read now."""
    unread = Notification.objects.for_user(user).unread()
    if notifications is not None:
        unread = unread.filter(pk__in=[notification.pk for notification in notifications])
    return unread.update(read_at=timezone.now())


def notifications_forget_clients(client_ids) -> int:
    """Delete the notifications about these people (erasure, anonymisation): they hold a first name.
    Their e-mails, sent or waiting, go with them (an e-mail left with nothing to send is given up)."""
    deleted, _by_model = Notification.objects.filter(client_id__in=list(client_ids)).delete()
    return deleted


# --- Sending ------------------------------------------------------------------------------------------


def retry_delay(attempts: int) -> datetime.timedelta:
    """The back-off after `attempts` failed attempts: 1, 2, 4, … minutes, at most an hour."""
    base = settings.NOTIFICATION_EMAIL_RETRY_SECONDS
    return datetime.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


def _message(delivery: EmailDelivery, notifications: list[Notification], language: str) -> EmailMessage:
    user = delivery.recipient
    with translation.override(language):
        items = [
            {"text": notification.text, "link": settings.SITE_URL.rstrip("/") + notification.url}
            for notification in notifications
        ]
        context = {"first_name": user.first_name, "items": items, "digest": delivery.digest_on is not None}
        if delivery.digest_on is not None:
            subject = _("Atbalsts: your notifications of the day")
        else:
            subject = _("Atbalsts: %(text)s") % {"text": items[0]["text"]}
        body = render_to_string("notifications/email.txt", context)
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return EmailMessage(
        subject=" ".join(subject.split())[:180],
        body=body,
        to=[user.email],
        headers={"Message-ID": f"<{delivery.key}@{domain}>"},
    )


def email_send(*, delivery_id: int) -> str:
    """Send one outbox e-mail, once: `sent`, `retry` (failed; tried again later), `failed` (given up),
    or `skipped` (sent already, given up, not due yet, or being sent by another worker right now).

    The row is held (FOR UPDATE SKIP LOCKED on PostgreSQL; the write lock on SQLite) from before the
    message goes to the mail server until `sent` is committed, in one short transaction. A worker
    killed during the send leaves no trace: its transaction rolls back, the row is pending again and
    the sweep hands it to a worker. A failed attempt is recorded (without undoing what caused the
    e-mail, which committed long before) and the row tried again after the back-off."""
    now = timezone.now()
    with transaction.atomic():
        due = EmailDelivery.objects.filter(
            pk=delivery_id, state=EmailDelivery.State.PENDING, next_attempt_at__lte=now
        )
        delivery = due.select_for_update(skip_locked=True, of=("self",)).select_related("recipient").first()
        # On SQLite (no row locks) this write takes the database's write lock; a second worker's waits,
        # then finds the row sent.
        if delivery is None or not due.update(attempts=F("attempts") + 1):
            return "skipped"
        delivery.attempts += 1
        notifications = list(delivery.notifications.order_by("created_at", "pk"))
        language = (
            Preferences.objects.filter(user=delivery.recipient_id).values_list("language", flat=True).first()
            or settings.LANGUAGE_CODE
        )
        if not notifications or not delivery.recipient.email or not delivery.recipient.is_active:
            return _give_up(delivery, "nothing to send or nobody to send it to")
        try:
            _message(delivery, notifications, language).send()
        except (smtplib.SMTPException, OSError) as error:  # refused, or the server is down
            return _failed_attempt(delivery, error)
        except Exception as error:  # a message that cannot be written: recorded, tried, given up in time
            logger.exception("E-mail %s could not be written", delivery.pk)
            return _failed_attempt(delivery, error)
        delivery.state = EmailDelivery.State.SENT
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        delivery.save(update_fields=["state", "sent_at", "last_error", "attempts", "updated_at"])
    return "sent"


def _give_up(delivery: EmailDelivery, error: str) -> str:
    delivery.state = EmailDelivery.State.FAILED
    delivery.last_error = error[:500]
    delivery.save(update_fields=["state", "last_error", "attempts", "updated_at"])
    logger.warning("E-mail %s given up after %d attempts: %s", delivery.pk, delivery.attempts, error)
    return "failed"


def _failed_attempt(delivery: EmailDelivery, error: Exception) -> str:
    message = f"{type(error).__name__}: {error}"
    if delivery.attempts >= settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS:
        return _give_up(delivery, message)
    delivery.next_attempt_at = timezone.now() + retry_delay(delivery.attempts)
    delivery.last_error = message[:500]
    delivery.save(update_fields=["next_attempt_at", "last_error", "attempts", "updated_at"])
    logger.info(
        "E-mail %s not sent (attempt %d), next at %s: %s",
        delivery.pk,
        delivery.attempts,
        delivery.next_attempt_at,
        message,
    )
    run_after = delivery.next_attempt_at
    transaction.on_commit(lambda: emails_enqueue([delivery.pk], run_after=run_after))
    return "retry"


def emails_sweep(*, stale_after: datetime.timedelta = datetime.timedelta(minutes=5)) -> int:
    """Hand the worker again every pending e-mail due for longer than `stale_after` whose task was lost
    (a worker killed mid-send, or a crash between a commit and the enqueueing). An e-mail whose task
    still waits in the queue, or runs since less than `stale_after`, is left to it: sweeping while the
    worker is down adds nothing. Tasks are harmless twice: `email_send` sends a row once. Returns how
    many were handed over."""
    now = timezone.now()
    ids = EmailDelivery.objects.filter(
        state=EmailDelivery.State.PENDING, next_attempt_at__lte=now - stale_after
    ).values_list("pk", flat=True)
    queued = _emails_queued(running_since=now - stale_after)
    ids = [pk for pk in ids if pk not in queued]
    emails_enqueue(ids)
    return len(ids)


def _emails_queued(*, running_since: datetime.datetime) -> set[int]:
    """The e-mails with a task in the worker's queue, or taken by a worker since `running_since` (an
    older running task is taken to be lost with its worker: a send takes seconds)."""
    from django_tasks_db.models import DBTaskResult

    from .tasks import email_send

    tasks = DBTaskResult.objects.filter(task_path=email_send.module_path).filter(
        Q(status=TaskResultStatus.READY) | Q(status=TaskResultStatus.RUNNING, started_at__gt=running_since)
    )
    return {args_kwargs["args"][0] for args_kwargs in tasks.values_list("args_kwargs", flat=True)}


@transaction.atomic
def digests_prepare(*, day: datetime.date) -> int:
    """Write the digest of `day` for everyone who chose a daily digest and has notifications not yet
    e-mailed: one outbox row each, the notifications attached. Run again the same day, it adds nothing
    (one digest a day per person); notifications from after a day's digest go in the next one."""
    waiting = (
        Notification.objects.filter(
            email__isnull=True,
            read_at__isnull=True,
            recipient__preferences__email=Preferences.Email.DAILY,
            recipient__is_active=True,
        )
        .exclude(recipient__email="")
        .exclude(recipient__in=EmailDelivery.objects.filter(digest_on=day).values("recipient"))
    )
    by_recipient = {}
    for pk, recipient_id in waiting.values_list("pk", "recipient_id"):
        by_recipient.setdefault(recipient_id, []).append(pk)
    deliveries = EmailDelivery.objects.bulk_create(
        EmailDelivery(recipient_id=user_id, digest_on=day) for user_id in sorted(by_recipient)
    )
    for delivery in deliveries:
        Notification.objects.filter(pk__in=by_recipient[delivery.recipient_id]).update(email=delivery)
    _enqueue_on_commit([delivery.pk for delivery in deliveries])
    return len(deliveries)

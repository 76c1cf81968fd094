"""Notifications for the demo users: what the latest referrals and locked months of the demo data would
have told them, the older ones read. Written in bulk like the rest of the case data, in the application only (no e-mails:
`make run`'s console shows only what happens after it starts)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from mentors.models import ContractMonth, ProviderStaff
from notifications.kinds import Kind
from notifications.models import Notification

from ..models import Referral
from ..selectors import referral_overdue_before
from ..services.notices import caseloads_due

RECENT_DAYS = 21  # the months locked in the last three weeks were notified
LATEST_REFERRALS = 40  # and what happened to the latest referrals
READ_AFTER_DAYS = 3  # notifications older than this were read


def _about(client) -> dict:
    return {"first_name": client.given_name, "client": client.pseudonym}


def generate_notifications(*, today: datetime.date) -> int:
    now = timezone.now()
    if today != timezone.localdate():  # a demo built "as of" another day
        now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(18)))
    since = now - datetime.timedelta(days=RECENT_DAYS)
    coordinators = {}
    for staff in ProviderStaff.objects.filter(role=ProviderStaff.Role.COORDINATOR, is_active=True):
        coordinators.setdefault(staff.provider_id, []).append(staff.user_id)
    rows = []

    def tell(users, kind, at, url, params, *, detail="", client_id=None):
        read = at < now - datetime.timedelta(days=READ_AFTER_DAYS)
        rows.extend(
            Notification(
                recipient_id=user_id,
                kind=kind,
                params=params,
                detail=detail,
                url=url,
                client_id=client_id,
                created_at=at,
                read_at=at + datetime.timedelta(hours=2) if read else None,
            )
            for user_id in users
        )

    referrals = (
        Referral.objects.filter(submitted_at__lte=now)
        .select_related("client", "programme", "episode__mentor__user")
        .order_by("-submitted_at")[:LATEST_REFERRALS]
    )
    overdue_before = referral_overdue_before(today)
    for referral in referrals:
        url = reverse("cases:referral_detail", args=[referral.pk])
        about = _about(referral.client)
        tell(
            coordinators.get(referral.provider_id, []),
            Kind.REFERRAL_SUBMITTED,
            referral.submitted_at,
            url,
            about | {"programme": referral.programme.code},
            client_id=referral.client_id,
        )
        decided = referral.decided_at or referral.submitted_at
        if referral.status == Referral.Status.ACCEPTED and referral.episode and referral.episode.mentor:
            mentor = referral.episode.mentor.user
            tell(
                [referral.filed_by_id],
                Kind.REFERRAL_ACCEPTED,
                decided,
                url,
                about | {"mentor": mentor.first_name},
                detail=mentor.get_full_name(),
                client_id=referral.client_id,
            )
            tell(
                [mentor.pk],
                Kind.CLIENT_ASSIGNED,
                decided,
                reverse("cases:episode_detail", args=[referral.episode_id]),
                about,
                client_id=referral.client_id,
            )
        elif referral.status == Referral.Status.RETURNED:
            tell(
                [referral.filed_by_id],
                Kind.REFERRAL_RETURNED,
                decided,
                url,
                about,
                detail=referral.return_reason,
                client_id=referral.client_id,
            )
        elif referral.status == Referral.Status.SUBMITTED and referral.submitted_at < overdue_before:
            tell(
                [*coordinators.get(referral.provider_id, []), referral.filed_by_id],
                Kind.REFERRAL_OVERDUE,
                overdue_before,
                url,
                about,
                client_id=referral.client_id,
            )
    for month in ContractMonth.objects.filter(
        status=ContractMonth.Status.LOCKED, updated_at__gte=since
    ).select_related("contract__programme"):
        tell(
            coordinators.get(month.contract.provider_id, []),
            Kind.MONTH_LOCKED,
            month.updated_at,
            reverse("reporting:statement", args=[month.contract_id, month.month]),
            {"month": month.month.isoformat(), "programme": month.contract.programme.code},
        )
    Notification.objects.bulk_create(rows, batch_size=1000)
    # Today's reminders, as the morning's `notify_daily` writes them (in the application only).
    return len(rows) + caseloads_due(today=today, email=False)

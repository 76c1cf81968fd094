"""Who hears of what happens to referrals and episodes: each service calls one of these inside its
transaction, and `notifications.notify` writes the notifications and their e-mails in it.

Texts carry a client's first name and client number only (`notifications.kinds`)."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse

from mentors.models import ProviderStaff
from notifications.kinds import Kind
from notifications.services import notify

from ..models import Client, Episode, Handover, Referral
from ..selectors import episodes_with_flags, referral_overdue_before


def _about(client: Client) -> dict:
    return {"first_name": client.given_name, "client": client.pseudonym}


def _referral_url(referral: Referral) -> str:
    return reverse("cases:referral_detail", args=[referral.pk])


def _episode_url(episode: Episode) -> str:
    return reverse("cases:episode_detail", args=[episode.pk])


def referral_arrived(referral: Referral) -> None:
    """The provider's coordinators: a referral arrived (filed, or sent again)."""
    notify(
        kind=Kind.REFERRAL_SUBMITTED,
        recipients=ProviderStaff.objects.coordinator_user_ids(referral.provider_id),
        url=_referral_url(referral),
        params=_about(referral.client) | {"programme": referral.programme.code},
        client_id=referral.client_id,
    )


def referral_accepted(referral: Referral, episode: Episode) -> None:
    """The referring social worker: accepted, with the mentor's name; the mentor: a new client."""
    mentor = episode.mentor.user if episode.mentor_id else None
    notify(
        kind=Kind.REFERRAL_ACCEPTED,
        recipients=[referral.filed_by_id],
        url=_referral_url(referral),
        params=_about(referral.client) | {"mentor": mentor.first_name if mentor else "—"},
        detail=mentor.get_full_name() if mentor else "",
        client_id=referral.client_id,
    )
    client_assigned(episode)


def referral_returned(referral: Referral) -> None:
    """The referring social worker: returned, with the reason (in the application, not the e-mail)."""
    notify(
        kind=Kind.REFERRAL_RETURNED,
        recipients=[referral.filed_by_id],
        url=_referral_url(referral),
        params=_about(referral.client),
        detail=referral.return_reason,
        client_id=referral.client_id,
    )


def client_assigned(episode: Episode) -> None:
    """The mentor: a client was assigned (or reassigned) to them."""
    if episode.mentor_id is None:
        return
    notify(
        kind=Kind.CLIENT_ASSIGNED,
        recipients=[episode.mentor.user_id],
        url=_episode_url(episode),
        params=_about(episode.client),
        client_id=episode.client_id,
    )


def episode_transferred(episode: Episode) -> None:
    """The new provider's coordinators: transferred in; the referring social worker: transferred."""
    notify(
        kind=Kind.EPISODE_TRANSFERRED_IN,
        recipients=ProviderStaff.objects.coordinator_user_ids(episode.contract.provider_id),
        url=_episode_url(episode),
        params=_about(episode.client),
        client_id=episode.client_id,
    )
    _tell_referrers(episode, Kind.EPISODE_TRANSFERRED)


def _tell_referrers(episode: Episode, kind: Kind) -> None:
    for referral in Referral.objects.filter(episode=episode).select_related("client"):
        notify(
            kind=kind,
            recipients=[referral.filed_by_id],
            url=_referral_url(referral),
            params=_about(referral.client),
            client_id=referral.client_id,
        )


def episode_ended(episode: Episode) -> None:
    """The referring social worker: the episode of their referral ended."""
    _tell_referrers(episode, Kind.EPISODE_ENDED)


def handover_done(handover: Handover) -> None:
    """The new provider's coordinators: episodes were handed over to them (one notification); each
    referring social worker: their referral's episode moved."""
    episodes = list(handover.episodes.all())
    if handover.from_contract.provider_id != handover.to_contract.provider_id:
        notify(
            kind=Kind.EPISODES_HANDED_OVER,
            recipients=ProviderStaff.objects.coordinator_user_ids(handover.to_contract.provider_id),
            url=reverse("cases:team"),
            params={"count": len(episodes)},
        )
    for referral in Referral.objects.filter(episode__in=episodes).select_related("client"):
        notify(
            kind=Kind.EPISODE_TRANSFERRED,
            recipients=[referral.filed_by_id],
            url=_referral_url(referral),
            params=_about(referral.client),
            client_id=referral.client_id,
        )


# --- The daily checks (`manage.py notify_daily`): each tells once (a key per referral or day) ---------


def referrals_overdue(*, today: datetime.date, email: bool = True) -> int:
    """The provider's coordinators and the referring social worker: a referral not answered within its
    working days (`referral_overdue_before`, the rule every page uses). Once per referral and sending."""
    overdue = list(
        Referral.objects.filter(
            status=Referral.Status.SUBMITTED, submitted_at__lt=referral_overdue_before(today)
        ).select_related("client")
    )
    coordinators = {}
    for referral in overdue:
        if referral.provider_id not in coordinators:
            coordinators[referral.provider_id] = ProviderStaff.objects.coordinator_user_ids(
                referral.provider_id
            )
        notify(
            kind=Kind.REFERRAL_OVERDUE,
            recipients=[*coordinators[referral.provider_id], referral.filed_by_id],
            url=_referral_url(referral),
            params=_about(referral.client),
            client_id=referral.client_id,
            key=f"referral-overdue:{referral.pk}:{referral.submitted_at:%Y%m%d%H%M%S}",
            email=email,
        )
    return len(overdue)


def caseloads_due(*, today: datetime.date, email: bool = True) -> int:
    """Each mentor with something due today, once a day: how many of their clients have a limit within
    7 days, no contact for 14 days, a planned contact due (today or overdue) — the caseload's flags."""
    rows = (
        episodes_with_flags(
            Episode.objects.filter(status=Episode.Status.ACTIVE, mentor__isnull=False), today=today
        )
        .order_by()
        .values("mentor__user_id")
        .annotate(
            limits=Count("pk", filter=Q(limit_soon=True)),
            silent=Count("pk", filter=Q(no_recent_contact=True)),
            planned=Count("pk", filter=Q(contact_overdue=True) | Q(contact_today=True)),
        )
    )
    told = 0
    for row in rows:
        counts = {name: row[name] for name in ("limits", "silent", "planned")}
        if any(counts.values()):
            told += len(
                notify(
                    kind=Kind.CASELOAD_DUE,
                    recipients=[row["mentor__user_id"]],
                    url=reverse("cases:caseload"),
                    params=counts,
                    key=f"caseload:{today.isoformat()}",
                    email=email,
                )
            )
    return told

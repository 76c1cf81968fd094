"""Who hears of what happens to referrals and episodes: each service calls one of these inside its
transaction, and `notifications.notify` writes the notifications and their e-mails in it.

Texts carry a client's first name and client number only (`notifications.kinds`)."""

from django.urls import reverse

from mentors.models import ProviderStaff
from notifications.kinds import Kind
from notifications.services import notify

from ..models import Client, Episode, Handover, Referral


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

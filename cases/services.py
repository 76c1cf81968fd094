"""Every change to case data goes through a function here, inside one transaction.

Naming: `<entity>_<action>(*, ..., by) -> result`. Validation errors raise `ServiceError` with a
translated message that the view shows next to the form.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from .limits import episode_limit_date
from .models import Client, Episode, EpisodeEvent


class ServiceError(ValidationError):
    """A rule of the domain refused the action; the message is translated and shown to the person."""


@transaction.atomic
def episode_open(
    *,
    client: Client,
    contract,
    mentor,
    social_worker=None,
    started_on: datetime.date,
    intake_source: str,
    by,
) -> Episode:
    """Open a mentoring episode for `client` under `contract`, computing its time limit."""
    episode = Episode(
        client=client,
        programme=contract.programme,
        contract=contract,
        mentor=mentor,
        social_worker=social_worker,
        started_on=started_on,
        intake_source=intake_source,
        created_by=by,
    )
    episode.limit_on = episode_limit_date(episode)
    episode.save()
    EpisodeEvent.objects.create(episode=episode, kind=EpisodeEvent.Kind.OPENED, to_value=str(contract), by=by)
    return episode


# --- Clients, consent, legal status and referrals (issue 3) ---------------------------------------


# --- Episodes, limits, plans, visits, transfers and handovers (issue 4) ---------------------------

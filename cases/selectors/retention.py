"""When a person's records may be anonymised: the retention rule of each programme (`Programme.
retention_years`, data edited in the admin; docs/privacy.md).

A person's records are kept while any of these holds, and may be anonymised the day after the last
one ends:
- an episode of theirs is open, or one in which they were present at a visit;
- such an episode ended less than its programme's retention years ago (the European funds' audits
  need the evidence of every month paid);
- a referral of theirs waits for the provider's answer, or was returned or withdrawn less than its
  programme's retention years ago (a returned referral not sent again counts from its last change);
- they have no episode, visit or referral at all and were registered less than the longest retention
  of any programme ago.
"""

import datetime

from django.db.models import Max, Q
from django.utils import timezone

from mentors.models import Programme

from ..models import Client, Episode, Referral, VisitAttendance
from ..rules.limits import add_months

DEFAULT_RETENTION_YEARS = 10  # for a database without programmes


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` later (28 February where 29 February does not exist)."""
    return add_months(day, 12 * years)


def _first_moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _retention(today: datetime.date) -> tuple[dict[int, datetime.date], datetime.date]:
    """Per programme, the day before which an ending puts a record past retention today; and that day
    for the longest retention of any programme."""
    years = dict(Programme.objects.values_list("pk", "retention_years"))
    cutoffs = {pk: years_after(today, -n) for pk, n in years.items()}
    longest = years_after(today, -max(years.values(), default=DEFAULT_RETENTION_YEARS))
    return cutoffs, longest


def clients_past_retention(*, today: datetime.date):
    """The people (not yet anonymised) whose records are past retention on `today`, in the database."""
    cutoffs, longest = _retention(today)
    kept_episode = Q(status=Episode.Status.ACTIVE)
    kept_referral = Q(status=Referral.Status.SUBMITTED)
    for programme_id, cutoff in cutoffs.items():
        kept_episode |= Q(programme_id=programme_id, ended_on__gte=cutoff)
        kept_referral |= Q(
            programme_id=programme_id, episode__isnull=True, updated_at__gte=_first_moment(cutoff)
        )
    kept_episodes = Episode.objects.filter(kept_episode)
    kept = (
        Q(pk__in=kept_episodes.values("client_id"))
        | Q(pk__in=VisitAttendance.objects.filter(visit__episode__in=kept_episodes).values("client_id"))
        | Q(pk__in=Referral.objects.filter(kept_referral).values("client_id"))
    )
    has_history = (
        Q(pk__in=Episode.objects.values("client_id"))
        | Q(pk__in=VisitAttendance.objects.values("client_id"))
        | Q(pk__in=Referral.objects.values("client_id"))
    )
    return (
        Client.objects.filter(anonymised_at__isnull=True)
        .exclude(kept)
        .filter(has_history | Q(created_at__lt=_first_moment(longest)))
    )


def retention_ends_on(client) -> datetime.date | None:
    """The last day the person's records are kept (they may be anonymised from the next day); None
    while an episode of theirs is open or a referral of theirs waits for an answer."""
    episodes = Episode.objects.filter(Q(client=client) | Q(visits__attendance__client=client)).distinct()
    referrals = Referral.objects.filter(client=client, episode__isnull=True)
    waiting = referrals.filter(status=Referral.Status.SUBMITTED)
    if episodes.filter(status=Episode.Status.ACTIVE).exists() or waiting.exists():
        return None
    years = dict(Programme.objects.values_list("pk", "retention_years"))
    ends = [
        years_after(row["last"], years[row["programme_id"]])
        for row in episodes.order_by().values("programme_id").annotate(last=Max("ended_on"))
    ] + [
        years_after(timezone.localdate(row["last"]), years[row["programme_id"]])
        for row in referrals.order_by().values("programme_id").annotate(last=Max("updated_at"))
    ]
    if ends:
        return max(ends)
    return years_after(
        timezone.localdate(client.created_at), max(years.values(), default=DEFAULT_RETENTION_YEARS)
    )

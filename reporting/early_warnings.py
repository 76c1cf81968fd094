"""Early warnings per provider, today: referrals waiting too long, open episodes past their limit,
clients with no contact."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
)

from cases.models import Episode, Referral, Visit
from cases.selectors import referral_overdue_before
from mentors.models import Programme, Provider

from .queries import programme_contracts

NO_CONTACT_DAYS = 14


@dataclass
class ProviderWarnings:
    provider: Provider
    referrals_waiting: int = 0
    past_limit: int = 0
    no_contact: int = 0

    @property
    def any(self) -> bool:
        return bool(self.referrals_waiting or self.past_limit or self.no_contact)


def provider_warnings(
    programme: Programme, *, today: datetime.date, provider: Provider | None = None, contracts=None
) -> list[ProviderWarnings]:
    """Per provider, today: referrals waiting over the allowed working days, open episodes past their
    time limit, and clients of open episodes with no contact for 14 days. Two queries (three without
    `contracts`, the programme's or the provider's, when the caller has read them already)."""
    if contracts is None:
        contracts = programme_contracts(programme, provider)
    return warnings_by_programme(contracts, today=today, provider=provider).get(programme.pk, [])


def warnings_by_programme(
    contracts, *, today: datetime.date, provider: Provider | None = None
) -> dict[int, list[ProviderWarnings]]:
    """`provider_warnings` of each of the contracts' programmes (every contract of theirs, or their
    provider's), {programme id: warnings}: two queries for any number of programmes."""
    contracts = list(contracts)
    programmes = sorted({contract.programme_id for contract in contracts})
    referrals = Referral.objects.filter(programme_id__in=programmes, status=Referral.Status.SUBMITTED)
    episodes = Episode.objects.filter(programme_id__in=programmes, status=Episode.Status.ACTIVE)
    if provider is not None:
        referrals = referrals.filter(provider=provider)
        episodes = episodes.filter(contract__provider=provider)
    waiting = (
        referrals.filter(submitted_at__lt=referral_overdue_before(today))
        .order_by()
        .values("programme_id", "provider_id")
        .annotate(n=Count("id"))
    )
    quiet_since = today - datetime.timedelta(days=NO_CONTACT_DAYS)
    recent_contact = Visit.objects.filter(episode_id=OuterRef("pk"), visited_on__gt=quiet_since)
    # Past the limit and without contact, in one pass over the open episodes.
    open_episodes = (
        episodes.order_by()
        .values("programme_id", "contract__provider_id")
        .annotate(
            past_limit=Count("id", filter=Q(limit_on__lt=today)),
            no_contact=Count(
                "client_id", distinct=True, filter=Q(started_on__lte=quiet_since) & ~Exists(recent_contact)
            ),
        )
    )
    warnings = {(c.programme_id, c.provider_id): ProviderWarnings(c.provider) for c in contracts}
    for row in waiting:
        if (key := (row["programme_id"], row["provider_id"])) in warnings:
            warnings[key].referrals_waiting = row["n"]
    for row in open_episodes:
        if (key := (row["programme_id"], row["contract__provider_id"])) in warnings:
            warnings[key].past_limit = row["past_limit"]
            warnings[key].no_contact = row["no_contact"]
    by_programme = {}
    for (programme_id, _provider_id), warning in sorted(
        warnings.items(), key=lambda item: item[1].provider.code
    ):
        if warning.any:
            by_programme.setdefault(programme_id, []).append(warning)
    return by_programme

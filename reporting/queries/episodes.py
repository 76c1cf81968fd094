"""Episodes: ended by reason, active at month ends."""

from collections import defaultdict

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from cases.models import EndReason, Episode, EpisodeContract
from mentors.models import Programme

from ..periods import Period, month_end


def end_reasons() -> list[EndReason]:
    """Every end reason in the reference data's order (DOMAIN.md's order for the standard ones)."""
    return list(EndReason.objects.order_by("order", "code"))


def ended_by_month(programme: Programme, period: Period, provider=None) -> dict:
    """Episodes whose end date falls in each month, by reason: {(provider_id, month): {reason: n}}."""
    episodes = Episode.objects.filter(
        programme=programme, ended_on__gte=period.start, ended_on__lte=period.end
    )
    if provider is not None:
        episodes = episodes.filter(contract__provider=provider)
    rows = (
        episodes.order_by()
        .annotate(month=TruncMonth("ended_on"))
        .values("contract__provider_id", "month", "end_reason__code")
        .annotate(n=Count("id"))
    )
    result = defaultdict(dict)
    for row in rows:
        result[(row["contract__provider_id"], row["month"])][row["end_reason__code"]] = row["n"]
    return result


ACTIVE_GROUP_KEYS = {"provider": "contract__provider_id", "programme": "episode__programme_id"}


def active_at_month_ends(
    programme: Programme | None, period: Period, provider=None, *, group: str = "provider", contracts=None
) -> dict:
    """Episodes active at each month's end, under the contract they had on that day (their contract
    history: a transfer or handover does not move earlier months), grouped by `group`: "provider" or
    "programme", {(provider or programme id, month): n}.

    With `programme` None, the episodes of the `contracts`' programmes under those contracts: the
    fund's home page counts every programme running at once (each contract's episodes are of its
    programme, `cases.services`), in the same query as one programme's."""
    months = period.months
    if programme is None:
        stretches = EpisodeContract.objects.filter(
            episode__programme_id__in=sorted({contract.programme_id for contract in contracts}),
            contract_id__in=[contract.pk for contract in contracts],
        )
    else:
        stretches = EpisodeContract.objects.filter(episode__programme=programme)
    stretches = stretches.filter(episode__started_on__lte=period.end, from_on__lte=period.end).exclude(
        Q(episode__ended_on__lt=month_end(months[0])) | Q(until_on__lt=month_end(months[0]))
    )
    if provider is not None:
        stretches = stretches.filter(contract__provider=provider)
    columns = {
        f"m{n}": Count(
            "episode_id",
            filter=Q(episode__started_on__lte=month_end(month), from_on__lte=month_end(month))
            & (Q(episode__ended_on__isnull=True) | Q(episode__ended_on__gte=month_end(month)))
            & (Q(until_on__isnull=True) | Q(until_on__gte=month_end(month))),
        )
        for n, month in enumerate(months)
    }
    key = ACTIVE_GROUP_KEYS[group]
    rows = stretches.order_by().values(key).annotate(**columns)
    return {(row[key], month): row[f"m{n}"] for row in rows for n, month in enumerate(months)}


def ended_for_reason(programme: Programme, period: Period, reason_code: str, provider=None) -> int:
    """Distinct persons whose episode of the programme ended in the period for `reason_code`."""
    episodes = Episode.objects.filter(
        programme=programme,
        ended_on__gte=period.start,
        ended_on__lte=period.end,
        end_reason__code=reason_code,
    )
    if provider is not None:
        episodes = episodes.filter(contract__provider=provider)
    return episodes.aggregate(n=Count("client_id", distinct=True))["n"]

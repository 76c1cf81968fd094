"""Visits and contact minutes per provider and month."""

from django.db.models import Sum

from cases.models import VisitMonth
from mentors.models import Contract, Programme

from ..periods import Period


def visits_by_month(programme: Programme, period: Period, contracts: list[Contract]) -> dict:
    """Visits (each once, however many were present) and contact minutes: {(provider_id, month): row}.

    Read per contract from the visit-months summary (`cases.VisitMonth`, one row per episode, contract
    and month, on its contract and month index) and added up per provider.
    """
    provider_of = {contract.pk: contract.provider_id for contract in contracts}
    rows = (
        VisitMonth.objects.filter(
            contract_id__in=list(provider_of), month__gte=period.first_month, month__lte=period.last_month
        )
        .order_by()
        .values("contract_id", "month")
        .annotate(visits=Sum("visits"), minutes=Sum("minutes"))
    )
    result = {}
    for row in rows:
        totals = result.setdefault(
            (provider_of[row["contract_id"]], row["month"]), {"visits": 0, "minutes": 0}
        )
        totals["visits"] += row["visits"]
        totals["minutes"] += row["minutes"] or 0
    return result

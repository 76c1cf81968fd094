"""Visits and contact minutes per provider and month."""

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from cases.models import Visit
from mentors.models import Contract, Programme

from ..periods import Period


def visits_by_month(programme: Programme, period: Period, contracts: list[Contract]) -> dict:
    """Visits (each once, however many were present) and contact minutes: {(provider_id, month): row}.

    Counted per contract (straight from the visits' contract and date index) and added up per provider.
    """
    provider_of = {contract.pk: contract.provider_id for contract in contracts}
    rows = (
        Visit.objects.filter(
            contract_id__in=list(provider_of), visited_on__gte=period.start, visited_on__lte=period.end
        )
        .order_by()
        .annotate(month=TruncMonth("visited_on"))
        .values("contract_id", "month")
        .annotate(visits=Count("id"), minutes=Sum("duration_minutes"))
    )
    result = {}
    for row in rows:
        totals = result.setdefault(
            (provider_of[row["contract_id"]], row["month"]), {"visits": 0, "minutes": 0}
        )
        totals["visits"] += row["visits"]
        totals["minutes"] += row["minutes"] or 0
    return result

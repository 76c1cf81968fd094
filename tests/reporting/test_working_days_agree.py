"""Every page and count of late referrals answers the same on every day: the inbox's "overdue" flag and
filter, the home pages' count, a referral's "answer due" day and the dashboard's (and its export's)
"referrals waiting over 3 working days" — weekends, Latvian holidays and midnight in Riga included."""

import datetime

import pytest
from django.utils import timezone

from cases.models import Client, Referral
from cases.selectors import referral_answer_due, referral_counts, referral_list
from reporting.early_warnings import provider_warnings
from tests import factories as f

D = datetime.date
FIRST, LAST = D(2025, 1, 1), D(2026, 12, 31)
# Filing times at both ends of a Riga day, so that a day boundary in UTC would show.
FILED_AT = (datetime.time(0, 5), datetime.time(12, 0), datetime.time(23, 55))


def _days(first: datetime.date, last: datetime.date):
    for offset in range((last - first).days + 1):
        yield first + datetime.timedelta(days=offset)


@pytest.fixture
def waiting_referrals(provider_x):
    """One waiting referral filed on every day from mid-December 2024 to the end of 2026, at each filing
    time in turn. Written in bulk rather than by `referral_file` (as the factories do) because only the
    filing moment matters here and 760 filings through the service would take minutes; the filing
    service itself is tested in tests/cases/test_referrals.py."""
    zone = timezone.get_current_timezone()
    filed = [
        datetime.datetime.combine(day, FILED_AT[n % len(FILED_AT)], tzinfo=zone)
        for n, day in enumerate(_days(FIRST - datetime.timedelta(days=14), LAST))
    ]
    contract, riga = provider_x.contract, f.municipality("Rīga")
    user = f.UserFactory()
    clients = Client.objects.bulk_create(
        Client(
            given_name="Waiting",
            family_name=f"No. {n}",
            date_of_birth=D(1985, 6, 15),
            sex=Client.Sex.FEMALE,
            legal_status=f.legal_status("ua_civilian"),
            residence_municipality=riga,
            registered_by=user,
        )
        for n in range(len(filed))
    )
    return Referral.objects.bulk_create(
        Referral(
            client=client,
            programme=contract.programme,
            provider=contract.provider,
            contract=contract,
            municipality=riga,
            filed_by=user,
            submitted_at=at,
        )
        for client, at in zip(clients, filed, strict=True)
    )


def test_the_inbox_and_every_count_agree_on_every_day_of_two_years(provider_x, waiting_referrals):
    coordinator = provider_x.coordinator.user
    programme = provider_x.contract.programme
    due = {referral.pk: referral_answer_due(referral.submitted_at) for referral in waiting_referrals}
    disagreements = []
    for today in _days(FIRST, LAST):
        late_by_due_day = {pk for pk, day in due.items() if day < today}
        inbox = referral_list(coordinator, status=Referral.Status.SUBMITTED, today=today)
        flagged = set(inbox.filter(is_overdue=True).values_list("pk", flat=True))
        filtered = set(referral_list(coordinator, overdue=True, today=today).values_list("pk", flat=True))
        counted = referral_counts(coordinator, today=today)["overdue"]
        [warning] = provider_warnings(programme, today=today)
        figures = (len(flagged), len(filtered), counted, warning.referrals_waiting)
        if not (flagged == filtered == late_by_due_day and len(set(figures)) == 1):
            disagreements.append((today, len(late_by_due_day), figures))
    assert disagreements == []

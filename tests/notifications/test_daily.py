"""The daily checks (`manage.py notify_daily`): who is reminded of what, once a day at most."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from cases.models import Episode
from cases.services import notices
from notifications.kinds import Kind
from notifications.models import Notification
from reporting import notices as fund_notices
from tests import factories as f

pytestmark = pytest.mark.django_db


def told(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind))


def test_an_overdue_referral_is_told_to_the_coordinators_and_the_social_worker_once(provider_x, sw_a):
    today = timezone.localdate()
    long_ago = timezone.now() - datetime.timedelta(days=10)
    referral = f.ReferralFactory(contract=provider_x.contract, filed_by=sw_a, submitted_at=long_ago)
    f.ReferralFactory(contract=provider_x.contract, filed_by=sw_a)  # filed today: in time
    assert notices.referrals_overdue(today=today) == 1
    notices.referrals_overdue(today=today)
    [coordinator] = told(provider_x.coordinator.user, Kind.REFERRAL_OVERDUE)
    [social_worker] = told(sw_a, Kind.REFERRAL_OVERDUE)
    assert coordinator.url == social_worker.url == f"/cases/referrals/{referral.pk}/"
    assert referral.client.pseudonym in social_worker.text


def test_a_mentor_hears_of_limits_silence_and_planned_contacts_once_a_day(provider_x):
    today = timezone.localdate()
    mentor = provider_x.mentor
    ending = f.EpisodeFactory(
        contract=provider_x.contract, mentor=mentor, started_on=today - datetime.timedelta(days=55)
    )
    planned = f.EpisodeFactory(contract=provider_x.contract, mentor=mentor, started_on=today)
    Episode.objects.filter(pk=planned.pk).update(next_contact_on=today)
    f.EpisodeFactory(contract=provider_x.contract, mentor=provider_x.mentor, started_on=today)  # nothing due
    assert notices.caseloads_due(today=today) == 1
    assert notices.caseloads_due(today=today) == 0
    [reminder] = told(mentor.user, Kind.CASELOAD_DUE)
    assert reminder.params == {"limits": 1, "silent": 1, "planned": 1}
    assert reminder.url == "/cases/caseload/"
    assert ending.limit_on <= today + datetime.timedelta(days=7)
    # The next day is another day.
    notices.caseloads_due(today=today + datetime.timedelta(days=1))
    assert len(told(mentor.user, Kind.CASELOAD_DUE)) == 2


def test_fund_staff_hear_of_the_statements_awaiting_approval_once_a_month(provider_x, provider_y, fund, dpo):
    today = datetime.date(2024, 4, 2)
    assert fund_notices.statements_await(today=today) == 2  # X's and Y's March
    assert fund_notices.statements_await(today=today + datetime.timedelta(days=1)) == 2
    [notification] = told(fund, Kind.STATEMENTS_AWAIT)
    with translation.override("en"):
        assert notification.text == "Payment statements of March 2024 awaiting approval: 2."
    assert notification.url == "/#awaiting"  # the home page's statements waiting, of every programme
    assert told(dpo, Kind.STATEMENTS_AWAIT) == []


def test_fund_staff_hear_of_a_provider_under_capacity_two_months_running(provider_x, fund):
    today = datetime.date(2024, 4, 2)
    assert fund_notices.capacity_low(today=today) == 1  # nobody served in February and March
    fund_notices.capacity_low(today=today)
    [notification] = told(fund, Kind.CAPACITY_LOW)
    with translation.override("en"):
        assert notification.text == (
            "Biedrība X-NGO served under 80% of its capacity in February 2024 and March 2024."
        )


def test_the_daily_command_runs_every_check_and_the_digests(provider_x, fund):
    out = io.StringIO()
    call_command("notify_daily", "--date", "2024-04-02", stdout=out)
    assert "statements awaiting approval: 1" in out.getvalue()
    assert "contracts under capacity: 1" in out.getvalue()

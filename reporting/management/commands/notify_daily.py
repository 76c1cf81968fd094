import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from cases.services import notices as case_notices
from notifications.services import digests_prepare, emails_sweep
from reporting import notices as fund_notices


class Command(BaseCommand):
    help = (
        "The day's notifications: overdue referrals, mentors' caseload reminders, statements awaiting "
        "approval, providers under capacity; then the daily digests. Run it every morning (README: "
        "Notifications); run twice the same day, it tells nobody twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="The day (default: today).")
        parser.add_argument(
            "--no-email",
            action="store_false",
            dest="email",
            help="Notify in the application only, and write no digest (`make run` on the demo data).",
        )

    def handle(self, *, date, email, **options):
        today = date or timezone.localdate()
        counts = {
            "overdue referrals": case_notices.referrals_overdue(today=today, email=email),
            "mentors reminded": case_notices.caseloads_due(today=today, email=email),
            "statements awaiting approval": fund_notices.statements_await(today=today, email=email),
            "contracts under capacity": fund_notices.capacity_low(today=today, email=email),
        }
        if email:
            counts["digests"] = digests_prepare(day=today)
            counts["e-mails handed to the worker again"] = emails_sweep()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")

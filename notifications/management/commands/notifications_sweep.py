import datetime

from django.core.management.base import BaseCommand

from notifications.services import emails_sweep


class Command(BaseCommand):
    help = (
        "Hand the worker again every e-mail that waits past its time (its task was lost, e.g. a worker "
        "killed mid-send). Run it every few minutes (README: Notifications); harmless when nothing waits."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale-minutes", type=int, default=5, help="How long past its time an e-mail must wait (5)."
        )

    def handle(self, *, stale_minutes, **options):
        count = emails_sweep(stale_after=datetime.timedelta(minutes=stale_minutes))
        self.stdout.write(f"{count} e-mail(s) handed to the worker.")

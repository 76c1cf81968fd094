import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import demo
from mentors.models import Provider


class Command(BaseCommand):
    help = "Build the demo data set: providers, the contract history, users and (with --clients) case data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--clients", type=int, default=400, help="Number of clients (0: organisations only)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for a repeatable data set.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when providers already exist."
        )
        parser.add_argument("--today", help="Treat this date (YYYY-MM-DD) as today.")

    def handle(self, *args, clients, seed, if_empty, today, **options):
        if clients < 0:
            raise CommandError(_("--clients must be zero or more."))
        try:
            today = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(_("--today must be a date in the form YYYY-MM-DD.")) from error
        if Provider.objects.exists():
            if if_empty:
                self.stdout.write(_("Demo data already present; nothing to do."))
                return
            raise CommandError(
                _("The database already has providers; demo data goes into an empty database.")
            )
        rng = random.Random(seed)
        progress = self._progress if options["verbosity"] >= 2 else None
        with transaction.atomic():
            demo.generate_organisations(rng, today=today)
            made = demo.generate_cases(rng, clients=clients, today=today, progress=progress)
        self.stdout.write(self.style.SUCCESS(_("Demo data created.")))
        if made:
            self.stdout.write(
                _("%(clients)s clients, %(referrals)s referrals, %(episodes)s episodes, %(visits)s visits.")
                % made
            )

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(_("Clients: %(done)s of %(total)s") % {"done": done, "total": total})

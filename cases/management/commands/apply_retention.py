"""`manage.py apply_retention [--dry-run] [--today YYYY-MM-DD]`: anonymise everyone past their retention.

Each programme's retention (`Programme.retention_years`, edited in the admin) counts from the end of a
person's last episode of it; `cases.selectors.retention` has the whole rule. The reported figures stay
exactly the same (docs/privacy.md). Run it daily, e.g. from cron.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.services.privacy import retention_apply


class Command(BaseCommand):
    help = "Anonymise every person whose records are past their programme's retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the people, change nothing.")
        parser.add_argument("--today", metavar="YYYY-MM-DD", help="Apply the rule as on this day.")

    def handle(self, *args, dry_run, today, **options):
        try:
            today = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(_("--today must be a date YYYY-MM-DD.")) from error
        due, anonymised = retention_apply(today=today, dry_run=dry_run)
        self.stdout.write(
            _("People past their retention date on %(day)s: %(due)d.")
            % {"day": today.isoformat(), "due": due}
        )
        if dry_run:
            self.stdout.write(_("Dry run: nobody was anonymised."))
        else:
            self.stdout.write(_("Anonymised: %(count)d.") % {"count": anonymised})

"""`manage.py import_visits FILE [--dry-run] [--by USERNAME]`: the providers' visit records
(docs/import-format.md). Any bad row rejects the whole file and every bad row is listed."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cases.services.import_rows import ImportFileError
from cases.services.imports import IMPORT_USERNAME, ImportRejected, visits_import


class Command(BaseCommand):
    help = "Import visits (one row per contact) from a CSV or XLSX file; see docs/import-format.md."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv (UTF-8, comma) or .xlsx file (first sheet).")
        parser.add_argument("--dry-run", action="store_true", help="Check the file; save nothing.")
        parser.add_argument(
            "--by",
            metavar="USERNAME",
            help=f"The user the records are registered by (default: the system user “{IMPORT_USERNAME}”).",
        )

    def handle(self, *args, file, dry_run, by, **options):
        user = None
        if by:
            try:
                user = get_user_model().objects.get(username=by)
            except get_user_model().DoesNotExist as error:
                raise CommandError(_("No user %(username)s.") % {"username": by}) from error
        try:
            summary = visits_import(path=file, by=user, dry_run=dry_run)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        except ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("%(count)s bad rows: nothing was imported.")
                % {"count": len({e.line for e in rejected.errors})}
            ) from rejected
        heading = _("Checked, nothing saved (dry run).") if dry_run else _("Imported.")
        self.stdout.write(self.style.SUCCESS(heading))
        self.stdout.write(
            _(
                "%(rows)s rows: %(clients_created)s new clients, %(clients_found)s found, "
                "%(episodes_created)s new episodes, %(episodes_ended)s ended, %(visits_created)s new visits."
            )
            % vars(summary)
        )
        if summary.changed_nothing:
            self.stdout.write(_("Everything in the file was already recorded."))

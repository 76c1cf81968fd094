"""`manage.py served_months [--rebuild]`: check the served-months table against the visits.

The reports count `ServedMonth` rows, which the services keep. This command compares the table with
what the visits, episodes and personal data give now and lists any difference (exit status 1);
`--rebuild` writes the table again from the visits (after a restore or a bulk load done outside the
services).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cases.services.served import served_months_differences, served_months_rebuild

SHOWN = 20


class Command(BaseCommand):
    help = "Check the served-months table against the visits, or rebuild it (--rebuild)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Write the table again from the visits.")

    def handle(self, *args, rebuild, **options):
        if rebuild:
            rows = served_months_rebuild()
            self.stdout.write(_("Served months rebuilt; rows written: %(rows)d.") % {"rows": rows})
            return
        extra, missing = served_months_differences()
        if not (extra or missing):
            self.stdout.write(_("Served months agree with the visits."))
            return
        for label, rows in ((_("Not in the visits:"), extra), (_("Missing:"), missing)):
            for row in sorted(rows, key=lambda row: row[:3])[:SHOWN]:
                contract, month, client = row[:3]
                self.stderr.write(
                    f"{label} "
                    + _("contract %(contract)s, month %(month)s, client %(client)s")
                    % {"contract": contract, "month": f"{month:%Y-%m}", "client": client}
                )
        raise CommandError(
            _("Served months differ from the visits (rows: %(rows)d); run served_months --rebuild.")
            % {"rows": len(extra) + len(missing)}
        )

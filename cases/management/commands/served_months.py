"""`manage.py served_months [--rebuild]`: check the served-months and visit-months tables and the
referrals' first-visit dates against the visits.

The reports count `ServedMonth`, add up `VisitMonth` rows and count days to `Referral.first_visit_on`,
which the services keep. This command compares them with what the visits, episodes and personal data
give now and lists any difference (exit status 1); `--rebuild` writes them all again from the visits
(after a restore or a bulk load done outside the services).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cases.services.served import served_months_differences, served_months_rebuild
from cases.services.visit_months import (
    first_visits_differences,
    first_visits_rebuild,
    visit_months_differences,
    visit_months_rebuild,
)

SHOWN = 20


class Command(BaseCommand):
    help = (
        "Check the served-months and visit-months tables and the referrals' first-visit dates against the "
        "visits, or rebuild them (--rebuild)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Write the tables again from the visits.")

    def handle(self, *args, rebuild, **options):
        if rebuild:
            rows = served_months_rebuild()
            self.stdout.write(_("Served months rebuilt; rows written: %(rows)d.") % {"rows": rows})
            rows = visit_months_rebuild()
            self.stdout.write(_("Visit months rebuilt; rows written: %(rows)d.") % {"rows": rows})
            rows = first_visits_rebuild()
            self.stdout.write(
                _("First visits of referrals rebuilt; referrals corrected: %(rows)d.") % {"rows": rows}
            )
            return
        differing = self._served_months() + self._visit_months() + self._first_visits()
        if differing:
            raise CommandError(
                _("The tables differ from the visits (rows: %(rows)d); run served_months --rebuild.")
                % {"rows": differing}
            )

    def _served_months(self) -> int:
        """Lists the served months that differ; returns how many."""
        extra, missing = served_months_differences()
        if not (extra or missing):
            self.stdout.write(_("Served months agree with the visits."))
            return 0
        for label, rows in ((_("Not in the visits:"), extra), (_("Missing:"), missing)):
            for row in sorted(rows, key=lambda row: row[:3])[:SHOWN]:
                contract, month, client = row[:3]
                self.stderr.write(
                    f"{label} "
                    + _("contract %(contract)s, month %(month)s, client %(client)s")
                    % {"contract": contract, "month": f"{month:%Y-%m}", "client": client}
                )
        self.stderr.write(
            _("Served months differ from the visits (rows: %(rows)d).") % {"rows": len(extra) + len(missing)}
        )
        return len(extra) + len(missing)

    def _visit_months(self) -> int:
        """Lists the visit months that differ; returns how many."""
        extra, missing = visit_months_differences()
        if not (extra or missing):
            self.stdout.write(_("Visit months agree with the visits."))
            return 0
        for label, rows in ((_("Not in the visits:"), extra), (_("Missing:"), missing)):
            for episode, contract, month, visits, minutes in sorted(rows)[:SHOWN]:
                self.stderr.write(
                    f"{label} "
                    + _(
                        "episode %(episode)s, contract %(contract)s, month %(month)s: "
                        "visits %(visits)s, minutes %(minutes)s"
                    )
                    % {
                        "episode": episode,
                        "contract": contract,
                        "month": f"{month:%Y-%m}",
                        "visits": visits,
                        "minutes": minutes,
                    }
                )
        self.stderr.write(
            _("Visit months differ from the visits (rows: %(rows)d).") % {"rows": len(extra) + len(missing)}
        )
        return len(extra) + len(missing)

    def _first_visits(self) -> int:
        """Lists the referrals whose first-visit date differs; returns how many."""
        differing = first_visits_differences()
        if not differing:
            self.stdout.write(_("First visits of referrals agree with the visits."))
            return 0
        for referral, stored, expected in differing[:SHOWN]:
            self.stderr.write(
                _("Referral %(referral)s: first visit %(stored)s, the visits give %(expected)s")
                % {"referral": referral, "stored": _day(stored), "expected": _day(expected)}
            )
        self.stderr.write(
            _("First visits of referrals differ from the visits (referrals: %(rows)d).")
            % {"rows": len(differing)}
        )
        return len(differing)


def _day(day) -> str:
    return day.isoformat() if day else pgettext("first visit", "none")

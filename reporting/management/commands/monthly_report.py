"""`manage.py monthly_report`: the monthly figures of a programme as CSV (standard output) or XLSX.

The same table as the dashboard's export, from the same queries (reporting.queries.monthly_report), in
its machine form: the column codes as the header and the codes as values (an interface for scripts; the
dashboard's downloads are in the reader's language).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from mentors.models import Programme, Provider
from reporting.exports import csv_text, monthly_table, xlsx_bytes
from reporting.periods import Period
from reporting.queries import monthly_report


class Command(BaseCommand):
    help = (
        "Monthly figures of a programme per provider and month, the period per provider, then ALL "
        "providers (rows with provider ALL only without --provider)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--programme", required=True, help="Programme code, e.g. UA-MENTOR.")
        parser.add_argument("--from", dest="first", required=True, metavar="YYYY-MM", help="First month.")
        parser.add_argument("--to", dest="last", required=True, metavar="YYYY-MM", help="Last month.")
        parser.add_argument("--provider", help="Only this provider (its code).")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", help="Write to this file (required for xlsx; CSV goes to stdout).")

    def handle(self, *args, programme, first, last, provider, format, output, **options):
        try:
            programme = Programme.objects.get(code=programme)
        except Programme.DoesNotExist as error:
            raise CommandError(_("Unknown programme: %(code)s") % {"code": programme}) from error
        try:
            period = Period.of_months(first, last)
        except ValueError as error:
            raise CommandError(_("--from and --to must be months YYYY-MM, --from not after --to.")) from error
        if provider is not None:
            try:
                provider = (
                    Provider.objects.filter(code=provider, contracts__programme=programme).distinct().get()
                )
            except Provider.DoesNotExist as error:
                raise CommandError(
                    _("No provider %(code)s with a contract in this programme.") % {"code": provider}
                ) from error
        if format == "xlsx" and not output:
            raise CommandError(_("--format xlsx needs --output FILE."))

        table = monthly_table(monthly_report(programme=programme, period=period, provider=provider))
        if format == "xlsx":
            with open(output, "wb") as stream:
                stream.write(xlsx_bytes(table, machine=True))
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                stream.write(csv_text(table))
        else:
            self.stdout.write(csv_text(table), ending="")

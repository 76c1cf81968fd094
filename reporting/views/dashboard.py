"""The dashboard (fund staff: every provider; a coordinator: their own), its tables as CSV and XLSX,
and the referral figures per municipality."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from django_countries import countries

from mentors.access import Action, can

from .. import exports
from ..early_warnings import NO_CONTACT_DAYS, provider_warnings
from ..press import served_since_start
from ..queries import monthly_report
from ..referral_figures import referral_figures
from .base import ReportMixin, download, refused_download

CHART_COUNTRIES = 10


# --- Dashboard -----------------------------------------------------------------------------------


def _chart_data(report) -> dict:
    months = [f"{m:%Y-%m}" for m in report.period.months]
    top = report.countries[:CHART_COUNTRIES]
    rest = sum(country.served for country in report.countries[CHART_COUNTRIES:])
    country_labels = [countries.name(c.citizenship) if c.citizenship else _("not recorded") for c in top]
    country_counts = [c.served for c in top]
    if rest:
        country_labels.append(_("other countries"))
        country_counts.append(rest)
    reasons = report.ended_by_reason()
    return {
        "served": {
            "labels": months,
            "datasets": [
                {"label": provider.code, "data": [row.figures.served for row in rows]}
                for provider, rows, _period in report.provider_table()
            ],
        },
        "countries": {"labels": country_labels, "data": country_counts},
        "end_reasons": {"labels": [reason.name for reason, _n in reasons], "data": [n for _r, n in reasons]},
        "titles": {
            "served": _("Clients served"),
            "countries": _("Clients"),
            "end_reasons": _("Episodes ended"),
        },
    }


class DashboardView(ReportMixin, TemplateView):
    """Fund staff: a programme's figures per provider and month. A coordinator: their own provider's."""

    template_name = "reporting/dashboard.html"

    def figures(self, form) -> dict:
        programme, period = form.cleaned_data["programme"], form.period
        provider = self.provider_for(form)
        report = monthly_report(programme=programme, period=period, provider=provider)
        # The contracts are read once, by the report, for every figure of the page.
        since_start = served_since_start(
            programme, today=self.today, provider=provider, contracts=report.contracts
        )
        return dict(
            programme=programme,
            period=period,
            provider=provider,
            report=report,
            since_start=since_start,
            target_share=since_start / programme.target_clients if programme.target_clients else None,
            # Only the municipalities with referrals here; the referral figures page lists all of them.
            municipalities=referral_figures(programme, period, provider=provider),
            warnings=provider_warnings(
                programme, today=self.today, provider=provider, contracts=report.contracts
            ),
            under_capacity=report.under_capacity_runs(today=self.today),
            chart=_chart_data(report),
            working_days=settings.REFERRAL_ACCEPT_WORKING_DAYS,
            quiet_days=NO_CONTACT_DAYS,
        )


# --- Exports -------------------------------------------------------------------------------------


class ExportView(ReportMixin, View):
    """The dashboard's tables as CSV or XLSX (`all`: every table, one XLSX sheet each);
    `?publication=1` suppresses counts from 1 to 4. Municipal social workers: their referral figures."""

    area = Action.SEE_REFERRAL_FIGURES
    TABLES = ("monthly", "contracts", "countries", "end_reasons", "municipalities", "warnings", "all")

    def get(self, request, table, fmt):
        if table not in self.TABLES or (fmt == "csv" and table == "all"):
            raise Http404
        if table != "municipalities" and not can(request.user, Action.SEE_REPORTS):
            raise Http404
        form = self.get_form()
        if not form.is_valid():
            return refused_download(form)
        programme, period = form.cleaned_data["programme"], form.period
        provider = self.provider_for(form)
        tables = self._tables(table, programme, period, provider)
        publication = form.cleaned_data["publication"]
        name = f"{table}-{programme.code}-{period.label}{'-publication' if publication else ''}"
        return download(tables, fmt=fmt, filename=name, publication=publication)

    def _tables(self, table, programme, period, provider):
        wanted = self.TABLES[:-1] if table == "all" else (table,)
        report = None
        if set(wanted) - {"municipalities"}:
            report = monthly_report(programme=programme, period=period, provider=provider)
        builders = {
            "monthly": lambda: exports.monthly_table(report),
            "contracts": lambda: exports.contract_months_table(report),
            "countries": lambda: exports.countries_table(report),
            "end_reasons": lambda: exports.end_reasons_table(report),
            "municipalities": lambda: exports.municipalities_table(
                programme, period, self.municipality_figures(programme, period, provider)
            ),
            "warnings": lambda: exports.warnings_table(
                programme,
                provider_warnings(programme, today=self.today, provider=provider, contracts=report.contracts),
                report.under_capacity_runs(today=self.today),
            ),
        }
        return [builders[name]() for name in wanted]


# --- Referral figures per municipality -----------------------------------------------------------


class ReferralFiguresView(ReportMixin, TemplateView):
    """Referrals filed and accepted per municipality, with the median days to acceptance and to the
    first visit. A municipal social worker sees their own municipality; a coordinator the referrals
    to their provider; fund staff every municipality."""

    template_name = "reporting/referrals.html"
    area = Action.SEE_REFERRAL_FIGURES

    def figures(self, form) -> dict:
        programme, period = form.cleaned_data["programme"], form.period
        provider = self.provider_for(form)
        return dict(
            programme=programme,
            period=period,
            municipalities=self.municipality_figures(programme, period, provider),
        )

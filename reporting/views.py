"""Reporting pages: the dashboard (fund staff: every provider; a coordinator: their own), payment
statements with month locking, referral figures per municipality, press figures, and every table as
CSV and XLSX. Every figure comes from `reporting.queries`; no page counts anything itself.

Access is decided by `mentors.access` (deny by default; a page or object the user may not see is a 404):
- fund staff: everything; they see client numbers, never names;
- a provider coordinator: the dashboard, statements and referral figures of their own provider, read
  only (locking is the fund's: 403);
- a municipal social worker: the referral figures of their own municipality.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView, View
from django_countries import countries

from audit.history import log_rows
from audit.reads import record_read
from audit.selectors import officer_log
from cases.models import Client, Visit, VisitAttendance
from cases.selectors.search import client_search
from cases.views.mixins import confirmation_page, is_confirmed, show_refusal, wants_change
from mentors.access import Action, ScopedViewMixin, can, get_for_user, require, role_for
from mentors.models import Contract, Provider
from mentors.services import ContractMonthError, contract_month_lock, contract_month_unlock
from municipalities.models import Municipality

from . import exports
from .early_warnings import NO_CONTACT_DAYS, provider_warnings
from .forms import (
    ApproveStatementsForm,
    LockForm,
    LogFilterForm,
    PressForm,
    ReportForm,
    StatementListForm,
    UnlockForm,
)
from .home import statements_awaiting_approval
from .press import press_figures, served_since_start
from .queries import monthly_report
from .referral_figures import referral_figures
from .statements import PaymentStatement

CHART_COUNTRIES = 10


class ReportMixin(ScopedViewMixin):
    """The programme/period picker and the provider the figures are narrowed to. Sets `self.today`."""

    area = Action.SEE_REPORTS

    def dispatch(self, request, *args, **kwargs):
        self.today = timezone.localdate()
        return super().dispatch(request, *args, **kwargs)

    def get_form(self) -> ReportForm:
        return ReportForm(self.request.GET, user=self.request.user, today=self.today)

    def provider_for(self, form):
        """Fund staff: the provider picked (or every provider); provider staff: their own."""
        if can(self.request.user, Action.SEE_EVERY_PROVIDER):
            return form.cleaned_data.get("provider")
        provider_id = role_for(self.request.user).provider_id
        return Provider.objects.get(pk=provider_id) if provider_id else None

    def municipality_figures(self, programme, period, provider):
        """Referral figures: a municipal social worker's own municipality; fund staff every
        municipality (for a programme of municipal referrals); a coordinator their provider's."""
        municipality_id = role_for(self.request.user).municipality_id
        if municipality_id:
            municipality = Municipality.objects.get(pk=municipality_id)
            return referral_figures(programme, period, municipality=municipality)
        every = (
            can(self.request.user, Action.SEE_EVERY_PROVIDER)
            and provider is None
            and programme.takes_municipal_referrals
        )
        return referral_figures(programme, period, provider=provider, all_municipalities=every)


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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_form()
        context["form"] = form
        if not form.is_valid():
            return context
        programme, period = form.cleaned_data["programme"], form.period
        provider = self.provider_for(form)
        report = monthly_report(programme=programme, period=period, provider=provider)
        # The contracts are read once, by the report, for every figure of the page.
        since_start = served_since_start(
            programme, today=self.today, provider=provider, contracts=report.contracts
        )
        context.update(
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
            query=self.request.GET.urlencode(),
        )
        return context


# --- Exports -------------------------------------------------------------------------------------

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _download(
    tables: list, *, fmt: str, filename: str, publication: bool, title_rows=None, footer_rows=None
) -> HttpResponse:
    """A download in the language of the person downloading it: an XLSX, or a CSV as Excel opens it
    with Latvian regional settings (`exports.excel_csv_bytes`)."""
    if publication:
        tables = [table.for_publication() for table in tables]
    if fmt == "csv":
        if len(tables) != 1:
            raise Http404
        body = exports.excel_csv_bytes(tables[0])
    else:
        body = exports.xlsx_bytes(*tables, title_rows=title_rows, footer_rows=footer_rows)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def refused_download(form) -> HttpResponse:
    """A download asked for with a programme or period the form refuses: a 400 saying why, in the
    user's language (the file's link is built by the page, so only a crafted address gets here)."""
    lines = [_("The download could not be made:")]
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        lines += [f"{label}: {error}" if label else str(error) for error in errors]
    return HttpResponse("\n".join(lines), status=400, content_type="text/plain; charset=utf-8")


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
        return _download(tables, fmt=fmt, filename=name, publication=publication)

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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_form()
        context["form"] = form
        if form.is_valid():
            programme, period = form.cleaned_data["programme"], form.period
            provider = self.provider_for(form)
            context.update(
                programme=programme,
                period=period,
                municipalities=self.municipality_figures(programme, period, provider),
                query=self.request.GET.urlencode(),
            )
        return context


# --- Payment statements --------------------------------------------------------------------------


class StatementListView(ReportMixin, TemplateView):
    """Every contract month of a programme and period: served, payable and whether it is locked; by
    status ("awaiting approval") and provider, sorted by any column."""

    template_name = "reporting/statements.html"

    def get_form(self) -> StatementListForm:
        return StatementListForm(self.request.GET, user=self.request.user, today=self.today)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_form()
        context["form"] = form
        if not form.is_valid():
            return context
        programme, period = form.cleaned_data["programme"], form.period
        report = monthly_report(programme=programme, period=period, provider=self.provider_for(form))
        context.update(
            programme=programme,
            period=period,
            rows=form.rows(report.contract_months),
            sort=form.cleaned_data["sort"],
            this_month=self.today.replace(day=1),
            query=self.request.GET.urlencode(),
        )
        return context


def _statement_contract(request, pk):
    """The contract, if the user may see its statements (fund staff, or its provider's coordinator)."""
    return get_for_user(
        Contract.objects.select_related("provider", "programme"),
        request.user,
        seen_with=Action.SEE_STATEMENT,
        pk=pk,
    )


def _render_statement(request, contract, month, *, lock_form=None, unlock_form=None, status=200):
    statement = PaymentStatement(contract, month)
    return render(
        request,
        "reporting/statement.html",
        {
            "statement": statement,
            "page_obj": statement.clients_page(request.GET.get("page")),
            "contract": contract,
            "with_names": can(request.user, Action.SEE_PERSONAL_DATA),
            "can_lock": can(request.user, Action.LOCK_MONTH, contract),
            # Only a month that is over can be locked: before, the page says when it can be.
            "month_over": statement.month < timezone.localdate().replace(day=1),
            "lock_form": lock_form or LockForm(),
            "unlock_form": unlock_form or UnlockForm(),
        },
        status=status,
    )


class StatementView(ScopedViewMixin, View):
    """One contract's payment statement for one month: printable, with CSV and XLSX downloads."""

    def get_subject(self):
        return _statement_contract(self.request, self.kwargs["pk"])

    def get(self, request, pk, month):
        response = _render_statement(request, self.subject, month)
        record_read(self.subject, what=f"statement {month:%Y-%m}")
        return response


class StatementExportView(StatementView):
    def get(self, request, pk, month, fmt):
        contract = self.subject
        statement = PaymentStatement(contract, month)
        with_names = can(request.user, Action.SEE_PERSONAL_DATA)
        title_rows = [
            [_("Payment statement"), contract.number],
            [_("Provider"), contract.provider.name],
            [_("Programme"), contract.programme.code],
            [_("Month"), statement.month_label],
        ]
        tables = [exports.statement_table(statement, with_names=with_names)]
        if fmt == "xlsx":
            tables.append(exports.payment_table(statement))
        filename = f"statement-{contract.provider.code}-{month:%Y-%m}"
        response = _download(
            tables,
            fmt=fmt,
            filename=filename,
            publication=False,
            title_rows=title_rows,
            footer_rows=exports.signature_rows(statement),
        )
        record_read(contract, what=f"{filename}.{fmt}")
        return response


def _statement_url(contract, month) -> str:
    return reverse("reporting:statement", kwargs={"pk": contract.pk, "month": month})


@login_required
@require_POST
def statement_lock(request, pk, month):
    """Fund staff approve and lock a contract's month; coordinators may not (403)."""
    contract = _statement_contract(request, pk)
    require(request.user, Action.LOCK_MONTH, contract)
    form = LockForm(request.POST)
    if form.is_valid() and not wants_change(request):
        if not is_confirmed(request):
            statement = PaymentStatement(contract, month)
            return confirmation_page(
                request,
                question=_("Approve and lock %(month)s?") % {"month": statement.month_label},
                consequences=[
                    ngettext(
                        "The payment is approved as it stands: %(served)s client served, %(payable)s EUR.",
                        "The payment is approved as it stands: %(served)s clients served, %(payable)s EUR.",
                        statement.served,
                    )
                    % {
                        "served": statement.served,
                        "payable": number_format(statement.payable_eur, 2, force_grouping=True),
                    },
                    _("Later changes to the rate or the funding shares do not change it."),
                    _("Visits dated in %(month)s can no longer be added, changed or deleted.")
                    % {"month": statement.month_label},
                ],
                confirm_label=_("Approve and lock the month"),
            )
        try:
            contract_month_lock(
                contract=contract, month=month, by=request.user, note=form.cleaned_data["note"]
            )
        except ContractMonthError as error:
            show_refusal(error, form=form)
        else:
            messages.success(request, _("The month is approved and locked."))
            return redirect(_statement_url(contract, month))
    return _render_statement(
        request, contract, month, lock_form=form, status=200 if wants_change(request) else 400
    )


@login_required
@require_POST
def statement_unlock(request, pk, month):
    """Fund staff unlock a month, giving the reason; the reason is recorded."""
    contract = _statement_contract(request, pk)
    require(request.user, Action.LOCK_MONTH, contract)
    form = UnlockForm(request.POST)
    if form.is_valid() and not wants_change(request):
        if not is_confirmed(request):
            label = PaymentStatement(contract, month).month_label
            return confirmation_page(
                request,
                question=_("Unlock %(month)s?") % {"month": label},
                consequences=[
                    _(
                        "The approved payment is discarded; the month's figures follow the visits, the rate and the funding shares again."
                    ),
                    _("Visits dated in %(month)s can be added, changed and deleted again.")
                    % {"month": label},
                    _("The reason is recorded: %(reason)s") % {"reason": form.cleaned_data["reason"]},
                ],
                confirm_label=_("Unlock the month"),
                danger=True,
            )
        try:
            contract_month_unlock(
                contract=contract, month=month, reason=form.cleaned_data["reason"], by=request.user
            )
        except ContractMonthError as error:
            show_refusal(error, form=form)
        else:
            messages.success(request, _("The month is unlocked."))
            return redirect(_statement_url(contract, month))
    return _render_statement(
        request, contract, month, unlock_form=form, status=200 if wants_change(request) else 400
    )


class StatementApprovalView(ScopedViewMixin, TemplateView):
    """Approve and lock several statements at once: the page lists what will be approved (the months
    chosen on the home page) and asks once; every month is approved by `contract_month_lock`, all of
    them in one transaction (if one is refused, none is approved)."""

    template_name = "reporting/statements_approve.html"
    area = Action.LOCK_MONTH

    def dispatch(self, request, *args, **kwargs):
        self.today = timezone.localdate()
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else self.request.GET
        return ApproveStatementsForm(data, awaiting=statements_awaiting_approval(today=self.today))

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        form.is_valid()  # the months chosen on the home page, listed for confirmation
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            chosen = form.chosen()
            try:
                with transaction.atomic():
                    for figures in chosen:
                        contract_month_lock(
                            contract=figures.contract,
                            month=figures.month,
                            by=request.user,
                            note=form.cleaned_data["note"],
                            today=self.today,
                        )
            except ContractMonthError as error:
                show_refusal(error, form=form)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s statement has been approved and locked.",
                        "%(count)s statements have been approved and locked.",
                        len(chosen),
                    )
                    % {"count": len(chosen)},
                )
                return redirect("home")
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        form = kwargs["form"]
        # a refusal of the service leaves the choice valid: show it again with the message
        chosen = form.chosen() if "months" in getattr(form, "cleaned_data", {}) else []
        return super().get_context_data(
            chosen=chosen,
            total_payable=sum((f.payable_eur for f in chosen), Decimal("0.00")),
            **kwargs,
        )


# --- Press figures -------------------------------------------------------------------------------


class PressView(ReportMixin, TemplateView):
    """The figures the fund's announcements quote, for a programme and a year."""

    area = Action.SEE_PRESS
    template_name = "reporting/press.html"

    def get_form(self):
        return PressForm(self.request.GET, user=self.request.user, today=self.today)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.get_form()
        context["form"] = form
        if form.is_valid():
            press = press_figures(
                form.cleaned_data["programme"], year=form.cleaned_data["year"], today=self.today
            )
            context.update(
                press=press,
                top_countries=[(countries.name(code), n) for code, n in press.top_countries],
                query=self.request.GET.urlencode(),
            )
        return context


class PressExportView(PressView):
    def get(self, request, fmt):
        form = self.get_form()
        if not form.is_valid():
            return refused_download(form)
        programme, year = form.cleaned_data["programme"], form.cleaned_data["year"]
        press = press_figures(programme, year=year, today=self.today)
        publication = form.cleaned_data["publication"]
        return _download(
            [exports.press_table(press)],
            fmt=fmt,
            filename=f"press-{programme.code}-{year}{'-publication' if publication else ''}",
            publication=publication,
        )


# --- The data protection officer's log -----------------------------------------------------------

LOG_PAGE_SIZE = 50
PERSON_MATCHES = 20


class OfficerLogView(ScopedViewMixin, TemplateView):
    """Who changed and who read whose records: by person, user, organisation and period. The officer
    sees the kind of record, its number, the person's client number and the fields changed — never a
    record's content, and no case page (those are 404 for this role)."""

    area = Action.SEE_AUDIT_LOG
    template_name = "reporting/audit_log.html"

    def get_context_data(self, **kwargs):
        form = LogFilterForm(self.request.GET, user=self.request.user, today=timezone.localdate())
        context = super().get_context_data(form=form, person=None, matches=[], page=None, **kwargs)
        if not form.is_valid():
            return context
        person, matches = self._person(form)
        context.update(
            person=person, matches=matches[:PERSON_MATCHES], more_matches=len(matches) > PERSON_MATCHES
        )
        if form.cleaned_data.get("person") and person is None:
            return context  # nobody (or several people) found: no entries until one is chosen
        kind = form.cleaned_data.get("kind")
        entries = officer_log(
            person_id=person.pk if person else None,
            also_records=[(Visit, VisitAttendance.objects.filter(client=person).values("visit_id"))]
            if person
            else (),
            actor_ids=self._users(form.cleaned_data.get("user")),
            start=form.cleaned_data.get("start"),
            end=form.cleaned_data.get("end"),
            reads={"reads": True, "changes": False}.get(kind),
            **form.organisation_filter(),
        )
        page = Paginator(entries, LOG_PAGE_SIZE).get_page(self.request.GET.get("page"))
        rows = log_rows(page.object_list, person_label=lambda pk: Client(pk=pk).pseudonym)
        context.update(page=page, rows=rows)
        return context

    @staticmethod
    def _person(form):
        """The person chosen (by the lookup's link or a client number), or the people the name matches."""
        people = Client.objects.only("pk", "given_name", "family_name")
        if form.cleaned_data.get("client"):
            return people.filter(pk=form.cleaned_data["client"]).first(), []
        text = form.cleaned_data.get("person")
        if not text:
            return None, []
        number = form.client_number()
        if number is not None:
            return people.filter(pk=number).first(), []
        matches = list(client_search(people, text)[: PERSON_MATCHES + 1])
        if len(matches) == 1:
            return matches[0], []
        return None, matches

    @staticmethod
    def _users(text):
        if not text:
            return None
        return (
            get_user_model()
            .objects.filter(
                Q(username__icontains=text) | Q(first_name__icontains=text) | Q(last_name__icontains=text)
            )
            .values("pk")
        )

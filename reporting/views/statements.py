"""Payment statements: the list of contract months, one contract's statement for a month (page and
downloads), and approving (locking) and unlocking a month."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView, View

from audit.reads import record_read
from cases.views.mixins import confirmation_page, is_confirmed, show_refusal, wants_change
from mentors.access import Action, ScopedViewMixin, can, get_for_user, require
from mentors.models import Contract
from mentors.services import ContractMonthError, contract_month_lock, contract_month_unlock

from .. import exports
from ..forms import LockForm, StatementListForm, UnlockForm
from ..queries import contract_month_figures
from ..statements import PaymentStatement
from .base import ReportMixin, download


class StatementListView(ReportMixin, TemplateView):
    """Every contract month of a programme and period: served, payable and whether it is locked; by
    status ("awaiting approval") and provider, sorted by any column."""

    template_name = "reporting/statements.html"

    def get_form(self) -> StatementListForm:
        return StatementListForm(self.request.GET, user=self.request.user, today=self.today)

    def figures(self, form) -> dict:
        programme, period = form.cleaned_data["programme"], form.period
        months = contract_month_figures(programme=programme, period=period, provider=self.provider_for(form))
        return dict(
            programme=programme,
            period=period,
            rows=form.rows(months),
            sort=form.cleaned_data["sort"],
            this_month=self.today.replace(day=1),
        )


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


class StatementPrintView(StatementView):
    """The whole statement to print and sign: every client served (the page shows a page of them),
    the payment and the approval lines, in one document. One query reads the clients."""

    def get(self, request, pk, month):
        statement = PaymentStatement(self.subject, month)
        response = render(
            request,
            "reporting/statement_print.html",
            {
                "statement": statement,
                "contract": self.subject,
                "clients": statement.clients,
                "with_names": can(request.user, Action.SEE_PERSONAL_DATA),
            },
        )
        record_read(self.subject, what=f"statement {month:%Y-%m} print")
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
        response = download(
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


def _month_action(request, pk, month, form, confirmation, perform):
    """Locking and unlocking a month, one shape: fund staff only (a coordinator who may see the
    statement gets a 403); the form, then the confirmation (`confirmation(statement, form)` gives
    `confirmation_page`'s question, consequences and label), then the service (`perform(contract,
    form)`, which returns the message of success), whose refusal is shown on the statement page with
    the form as it was typed."""
    contract = _statement_contract(request, pk)
    require(request.user, Action.LOCK_MONTH, contract)
    if form.is_valid() and not wants_change(request):
        if not is_confirmed(request):
            return confirmation_page(request, **confirmation(PaymentStatement(contract, month), form))
        try:
            done = perform(contract, form)
        except ContractMonthError as error:
            show_refusal(error, form=form)
        else:
            messages.success(request, done)
            return redirect(_statement_url(contract, month))
    forms = {"unlock_form" if isinstance(form, UnlockForm) else "lock_form": form}
    return _render_statement(request, contract, month, status=200 if wants_change(request) else 400, **forms)


@login_required
@require_POST
def statement_lock(request, pk, month):
    """Fund staff approve and lock a contract's month; coordinators may not (403)."""

    def confirmation(statement, form) -> dict:
        return {
            "question": _("Approve and lock %(month)s?") % {"month": statement.month_label},
            "consequences": [
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
            "confirm_label": _("Approve and lock the month"),
        }

    def perform(contract, form) -> str:
        contract_month_lock(contract=contract, month=month, by=request.user, note=form.cleaned_data["note"])
        return _("The month is approved and locked.")

    return _month_action(request, pk, month, LockForm(request.POST), confirmation, perform)


@login_required
@require_POST
def statement_unlock(request, pk, month):
    """Fund staff unlock a month, giving the reason; the reason is recorded."""

    def confirmation(statement, form) -> dict:
        label = statement.month_label
        return {
            "question": _("Unlock %(month)s?") % {"month": label},
            "consequences": [
                _(
                    "The approved payment is discarded; the month's figures follow the visits, the rate and the funding shares again."
                ),
                _("Visits dated in %(month)s can be added, changed and deleted again.") % {"month": label},
                _("The reason is recorded: %(reason)s") % {"reason": form.cleaned_data["reason"]},
            ],
            "confirm_label": _("Unlock the month"),
            "danger": True,
        }

    def perform(contract, form) -> str:
        contract_month_unlock(
            contract=contract, month=month, reason=form.cleaned_data["reason"], by=request.user
        )
        return _("The month is unlocked.")

    return _month_action(request, pk, month, UnlockForm(request.POST), confirmation, perform)

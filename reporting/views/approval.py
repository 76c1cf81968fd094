"""Bulk approval: fund staff approve and lock several statements awaiting approval at once."""

from decimal import Decimal

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from cases.views.mixins import show_refusal
from mentors.access import Action, ScopedViewMixin
from mentors.services import ContractMonthError, contract_month_lock

from ..forms import ApproveStatementsForm
from ..statements import statements_awaiting_approval


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

"""Bulk approval: fund staff approve and lock several statements awaiting approval at once, from the
list on their home page, after the one confirmation step (`confirmation_page`) every action with
consequences has."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cases.views.mixins import confirmation_page, is_confirmed, show_refusal, wants_change
from mentors.access import Action, Role, can
from mentors.services import ContractMonthError, contract_month_lock

from ..forms import ApproveStatementsForm
from ..statements import statements_awaiting_approval


def _home(request) -> str:
    """The fund's home page with the list's filter as it was (the form is sent to this view's
    address with the home page's query string)."""
    query = request.GET.urlencode()
    return f"{reverse('home')}?{query}" if query else reverse("home")


def _consequences(chosen, note: str) -> list[str]:
    total = sum((figures.payable_eur for figures in chosen), Decimal("0.00"))
    months = sorted({figures.month for figures in chosen})
    providers = sorted({figures.contract.provider.name for figures in chosen})
    consequences = [
        ngettext(
            "%(count)s statement is approved as it stands: %(payable)s EUR.",
            "%(count)s statements are approved as they stand: %(payable)s EUR in all.",
            len(chosen),
        )
        % {"count": len(chosen), "payable": number_format(total, 2, force_grouping=True)},
        ngettext("Month: %(months)s.", "Months: %(months)s.", len(months))
        % {"months": ", ".join(date_format(month, "YEAR_MONTH_FORMAT") for month in months)},
        ngettext("Provider: %(providers)s.", "Providers: %(providers)s.", len(providers))
        % {"providers": ", ".join(providers)},
        _("Later changes to the rate or the funding shares do not change them."),
        _("Visits dated in these months under these contracts can no longer be added, changed or deleted."),
    ]
    if note:
        consequences.append(_("The note is recorded with each approval: %(note)s") % {"note": note})
    return consequences


@login_required
@require_POST
def statements_approve(request):
    """Approve and lock the statements chosen on the home page, after confirming what will happen;
    every month is approved by `contract_month_lock`, all of them in one transaction (if one is
    refused, none is approved). Bad input or a refusal shows the home page again, with the message."""
    if not can(request.user, Action.LOCK_MONTH):
        raise Http404
    today = timezone.localdate()
    if wants_change(request):
        return redirect(_home(request))
    form = ApproveStatementsForm(request.POST, awaiting=statements_awaiting_approval(today=today))
    if form.is_valid():
        chosen = form.chosen()
        if not is_confirmed(request):
            return confirmation_page(
                request,
                question=ngettext(
                    "Approve and lock %(count)s statement?",
                    "Approve and lock %(count)s statements?",
                    len(chosen),
                )
                % {"count": len(chosen)},
                consequences=_consequences(chosen, form.cleaned_data["note"]),
                confirm_label=ngettext(
                    "Approve and lock %(count)s statement",
                    "Approve and lock %(count)s statements",
                    len(chosen),
                )
                % {"count": len(chosen)},
            )
        try:
            with transaction.atomic():
                for figures in chosen:
                    contract_month_lock(
                        contract=figures.contract,
                        month=figures.month,
                        by=request.user,
                        note=form.cleaned_data["note"],
                        today=today,
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
            return redirect(_home(request))
    home = {"home_template": f"home/{Role.FUND_STAFF}.html", "approve_form": form}
    return render(request, "home.html", home, status=400)

"""Referral pages: filing, the inbox, a referral's page and its workflow actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView

from audit.reads import LogsReads
from mentors.roles import role_for

from .. import services
from ..forms import (
    ReferralAcceptForm,
    ReferralForm,
    ReferralResubmitForm,
    ReferralReturnForm,
    ReferralWithdrawForm,
)
from ..models import Referral
from ..selectors import referral_answer_due, referral_counts, referral_list
from ..selectors.history import referral_history
from ..services import ServiceError
from .mixins import ClientAreaMixin, ClientObjectMixin, ServiceFormMixin, sees_clients


class ReferralCreateView(ClientObjectMixin, ServiceFormMixin, FormView):
    template_name = "cases/referral_form.html"
    form_class = ReferralForm
    writes = staticmethod(lambda role: role.is_municipal)
    success_message = gettext_lazy("The referral is sent to the provider.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "client": self.client}

    def perform(self, form):
        data = form.cleaned_data
        return services.referral_file(
            client=self.client,
            programme=data["programme"],
            provider=data.get("provider"),
            needs_areas=data["needs_areas"],
            needs_text=data["needs_text"],
            urgency=data["urgency"],
            contact_language=data["contact_language"],
            notes_for_provider=data["notes_for_provider"],
            by=self.request.user,
        )

    def get_success_url(self):
        return reverse("cases:referral_detail", args=[self.result.pk])


class ReferralListView(ClientAreaMixin, ListView):
    """The municipality's referrals, or the provider's inbox (waiting ones by default)."""

    template_name = "cases/referral_list.html"
    context_object_name = "referrals"
    paginate_by = 25

    def get_filters(self) -> dict:
        params = self.request.GET
        default_status = Referral.Status.SUBMITTED if self.role.is_coordinator else ""
        status = params.get("status", default_status)
        if status not in Referral.Status.values:
            status = ""
        return {"status": status, "query": params.get("q", ""), "overdue": params.get("overdue") == "1"}

    def get_queryset(self):
        self.filters = self.get_filters()
        return referral_list(self.request.user, **self.filters)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters,
            statuses=Referral.Status.choices,
            counts=referral_counts(self.request.user),
            **kwargs,
        )


class ReferralDetailView(ClientAreaMixin, LogsReads, DetailView):
    template_name = "cases/referral_detail.html"
    context_object_name = "referral"

    def get_queryset(self):
        return referral_list(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **referral_page_forms(self.object, self.role), history=referral_history(self.object), **kwargs
        )


def referral_page_forms(referral, role, **bound) -> dict:
    """The workflow forms the referral's page offers this role in its current status."""
    forms_ = {}
    if referral.status == Referral.Status.SUBMITTED and role.is_coordinator:
        forms_["accept_form"] = bound.get("accept_form") or ReferralAcceptForm(referral=referral)
        forms_["return_form"] = bound.get("return_form") or ReferralReturnForm()
    if referral.status in Referral.OPEN_STATUSES and role.is_municipal:
        forms_["withdraw_form"] = bound.get("withdraw_form") or ReferralWithdrawForm()
    if referral.status == Referral.Status.RETURNED and role.is_municipal:
        forms_["resubmit_form"] = bound.get("resubmit_form") or ReferralResubmitForm(referral=referral)
    return {
        **forms_,
        "events": referral.events.select_related("by"),
        "needs_areas": referral.needs_areas.all(),
        "answer_due": referral_answer_due(referral.submitted_at),
    }


def _referral_for(request, pk, *, writes):
    """The referral from the user's scope (404 outside it), if the user's role may act on it (403)."""
    role = role_for(request.user)
    if not sees_clients(role):
        raise Http404
    referral = get_object_or_404(referral_list(request.user), pk=pk)
    if not writes(role):
        raise PermissionDenied
    return referral, role


def _referral_action(request, pk, *, writes, form_name, make_form, perform, done):
    """POST a workflow form of the referral's page: on success back to the page with `done`; a refusal
    or bad input shows the page again with the form as it was typed."""
    referral, role = _referral_for(request, pk, writes=writes)
    form = make_form(referral)
    if form.is_valid():
        try:
            perform(referral, form.cleaned_data)
        except ServiceError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
            return redirect("cases:referral_detail", pk=referral.pk)
    referral = get_object_or_404(referral_list(request.user), pk=pk)  # its status may have changed
    context = {"referral": referral, **referral_page_forms(referral, role, **{form_name: form})}
    return render(request, "cases/referral_detail.html", context)


@login_required
@require_POST
def accept_referral(request, pk):
    return _referral_action(
        request,
        pk,
        writes=lambda role: role.is_coordinator,
        form_name="accept_form",
        make_form=lambda referral: ReferralAcceptForm(request.POST, referral=referral),
        perform=lambda referral, data: services.referral_accept(referral=referral, **data, by=request.user),
        done=_("Referral accepted: the episode is opened."),
    )


@login_required
@require_POST
def return_referral(request, pk):
    return _referral_action(
        request,
        pk,
        writes=lambda role: role.is_coordinator,
        form_name="return_form",
        make_form=lambda referral: ReferralReturnForm(request.POST),
        perform=lambda referral, data: services.referral_return(referral=referral, **data, by=request.user),
        done=_("Referral returned to the social worker."),
    )


@login_required
@require_POST
def withdraw_referral(request, pk):
    return _referral_action(
        request,
        pk,
        writes=lambda role: role.is_municipal,
        form_name="withdraw_form",
        make_form=lambda referral: ReferralWithdrawForm(request.POST),
        perform=lambda referral, data: services.referral_withdraw(referral=referral, **data, by=request.user),
        done=_("Referral withdrawn."),
    )


@login_required
@require_POST
def resubmit_referral(request, pk):
    return _referral_action(
        request,
        pk,
        writes=lambda role: role.is_municipal,
        form_name="resubmit_form",
        make_form=lambda referral: ReferralResubmitForm(request.POST, referral=referral),
        perform=lambda referral, data: services.referral_resubmit(referral=referral, **data, by=request.user),
        done=_("The referral is sent to the provider."),
    )

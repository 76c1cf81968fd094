"""Referral pages: filing, the inbox, a referral's page and its workflow actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from audit.reads import LogsReads
from mentors.access import Action, ScopedViewMixin, can, get_for_action

from .. import services
from ..forms import (
    ReferralAcceptForm,
    ReferralForm,
    ReferralResubmitForm,
    ReferralReturnForm,
    ReferralWithdrawForm,
)
from ..forms.filters import ReferralFilterForm
from ..models import Referral
from ..selectors import referral_answer_due, referral_counts, referral_list, referral_story
from ..selectors.history import referral_history
from ..services import ServiceError
from .clients import ClientFormView
from .mixins import FilteredListMixin, confirmation_page, is_confirmed, show_refusal, wants_change


class ReferralCreateView(ClientFormView):
    action = Action.FILE_REFERRAL
    template_name = "cases/referral_form.html"
    form_class = ReferralForm
    success_message = gettext_lazy("The referral is sent to the provider.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "client": self.client}

    def form_valid(self, form):
        """A complete referral is sent only once the social worker has seen its summary and confirmed it
        (the one confirmation idiom: `is_confirmed`); "Change" (`wants_change`) shows the form again with
        everything that was typed. The summary is this step's account of what will happen."""
        if is_confirmed(self.request):
            return super().form_valid(form)
        confirming = not wants_change(self.request)
        return self.render_to_response(
            self.get_context_data(
                form=form, confirming=confirming, summary=_summary(form) if confirming else None
            )
        )

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


def _summary(form) -> dict:
    """What the social worker confirms: the referral as it will be sent, with the provider it goes to."""
    data = form.cleaned_data
    provider = data.get("provider") or next(
        (contract.provider for contract in form.contracts if contract.programme_id == data["programme"].pk),
        None,
    )
    return {
        **data,
        "provider": provider,
        "urgency": dict(Referral.Urgency.choices).get(data["urgency"], ""),
    }


class ReferralListView(ScopedViewMixin, FilteredListMixin, ListView):
    """The municipality's referrals, newest first, or the provider's inbox: the waiting ones by
    default, the overdue first and then the oldest."""

    area = Action.SEE_CLIENTS
    template_name = "cases/referral_list.html"
    context_object_name = "referrals"

    def answers(self) -> bool:
        return can(self.request.user, Action.ACCEPT_REFERRAL)

    def get_filter_form(self):
        default_status = Referral.Status.SUBMITTED if self.answers() else ""
        return ReferralFilterForm(self.request.GET, user=self.request.user, default_status=default_status)

    def get_default_ordering(self):
        if self.answers():
            return (F("is_overdue").desc(), "submitted_at", "pk")
        return ("-submitted_at", "-pk")

    def filtered(self, filters):
        names = ("status", "overdue", "programme", "municipality", "provider", "mentor")
        return referral_list(
            self.request.user,
            query=filters["q"],
            submitted_from=filters["submitted_from"],
            submitted_to=filters["submitted_to"],
            **{name: filters.get(name) for name in names},
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statuses=Referral.Status.choices,
            counts=referral_counts(self.request.user),
            **kwargs,
        )


class ReferralDetailView(ScopedViewMixin, LogsReads, DetailView):
    area = Action.SEE_CLIENTS
    template_name = "cases/referral_detail.html"
    context_object_name = "referral"

    def get_queryset(self):
        return referral_list(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **referral_page_forms(self.object, self.request.user),
            history=referral_history(self.object),
            **kwargs,
        )


def referral_page_forms(referral, user, **bound) -> dict:
    """The workflow forms the referral's page offers the user in its current status."""
    forms_ = {}
    if referral.status == Referral.Status.SUBMITTED and can(user, Action.ACCEPT_REFERRAL, referral):
        forms_["accept_form"] = bound.get("accept_form") or ReferralAcceptForm(referral=referral)
    if referral.status == Referral.Status.SUBMITTED and can(user, Action.RETURN_REFERRAL, referral):
        forms_["return_form"] = bound.get("return_form") or ReferralReturnForm()
    if referral.status in Referral.OPEN_STATUSES and can(user, Action.WITHDRAW_REFERRAL, referral):
        forms_["withdraw_form"] = bound.get("withdraw_form") or ReferralWithdrawForm()
    if referral.status == Referral.Status.RETURNED and can(user, Action.RESUBMIT_REFERRAL, referral):
        forms_["resubmit_form"] = bound.get("resubmit_form") or ReferralResubmitForm(referral=referral)
    return {
        **forms_,
        "events": referral_story(referral),
        "needs_areas": referral.needs_areas.all(),
        "answer_due": referral_answer_due(referral.submitted_at),
    }


def _referral_action(request, pk, *, action, form_name, make_form, perform, done, confirm=None):
    """POST a workflow form of the referral's page: the referral from the user's scope (404 outside
    it) if they may do `action` to it (403); on success back to the page with `done`; a refusal or bad
    input shows the page again with the form as it was typed. An action with consequences has
    `confirm(referral)`: the keyword arguments of its `confirmation_page`, shown before it is done."""
    referral = get_for_action(Referral.objects, request.user, action, pk=pk)
    form = make_form(referral)
    if form.is_valid() and not wants_change(request):
        if confirm is not None and not is_confirmed(request):
            return confirmation_page(request, **confirm(referral))
        try:
            perform(referral, form.cleaned_data)
        except ServiceError as error:
            show_refusal(error, request=request)
        else:
            messages.success(request, done)
            if not referral_list(request.user).filter(pk=pk).exists():
                return redirect("cases:referral_list")  # a returned referral is no longer the provider's
            return redirect("cases:referral_detail", pk=referral.pk)
    referral = get_object_or_404(referral_list(request.user), pk=pk)  # its status may have changed
    context = {"referral": referral, **referral_page_forms(referral, request.user, **{form_name: form})}
    return render(request, "cases/referral_detail.html", context)


@login_required
@require_POST
def accept_referral(request, pk):
    return _referral_action(
        request,
        pk,
        action=Action.ACCEPT_REFERRAL,
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
        action=Action.RETURN_REFERRAL,
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
        action=Action.WITHDRAW_REFERRAL,
        form_name="withdraw_form",
        make_form=lambda referral: ReferralWithdrawForm(request.POST),
        perform=lambda referral, data: services.referral_withdraw(referral=referral, **data, by=request.user),
        done=_("Referral withdrawn."),
        confirm=lambda referral: {
            "question": _("Withdraw the referral?"),
            "consequences": [
                _("%(provider)s no longer sees the referral or the person, and does not answer it.")
                % {"provider": referral.provider.name},
                _("The referral cannot be sent again; to refer the person later, file a new referral."),
            ],
            "confirm_label": _("Withdraw the referral"),
            "danger": True,
        },
    )


@login_required
@require_POST
def resubmit_referral(request, pk):
    return _referral_action(
        request,
        pk,
        action=Action.RESUBMIT_REFERRAL,
        form_name="resubmit_form",
        make_form=lambda referral: ReferralResubmitForm(request.POST, referral=referral),
        perform=lambda referral, data: services.referral_resubmit(referral=referral, **data, by=request.user),
        done=_("The referral is sent to the provider."),
    )

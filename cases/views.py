"""Views of the cases app: generic class-based views with one scoping mixin for list/detail/edit pages,
small `@require_POST` function views for workflow actions."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView

from mentors.roles import role_for

from . import services
from .forms import (
    ClientForm,
    ConsentForm,
    HouseholdLinkForm,
    IntakeEpisodeForm,
    LegalStatusForm,
    ReferralAcceptForm,
    ReferralForm,
    ReferralResubmitForm,
    ReferralReturnForm,
    ReferralWithdrawForm,
)
from .models import Client, Consent, Referral
from .selectors import client_list, client_page, referral_answer_due, referral_counts, referral_list
from .services import ServiceError

# --- Clients and referrals (issue 3) -------------------------------------------------------------


def _sees_clients(role) -> bool:
    """Municipal and provider staff work with clients; fund staff see no personal data here."""
    return role.is_municipal or role.is_provider


def _edits_clients(role) -> bool:
    return role.is_municipal or role.is_coordinator or role.is_provider_social_worker


def _opens_intake(role) -> bool:
    return role.is_coordinator or role.is_provider_social_worker


class ClientAreaMixin(AccessMixin):
    """Pages of the clients and referrals area: anonymous users log in; users outside the area get a
    404; `writes` says who of those inside may use the page (the others get a 403)."""

    @staticmethod
    def writes(role) -> bool:
        return True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.role = role_for(request.user)
        if not _sees_clients(self.role):
            raise Http404
        self.check_object(request, **kwargs)
        if not self.writes(self.role):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_object(self, request, **kwargs):
        """Load the page's object from the user's scope (a 404 when out of it)."""


class ClientObjectMixin(ClientAreaMixin):
    """A page about one client the user may see."""

    def check_object(self, request, **kwargs):
        self.client = get_object_or_404(Client.objects.for_user(request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(client=self.client, **kwargs)

    def get_success_url(self):
        return reverse("cases:client_detail", args=[self.client.pk])


class ServiceFormMixin:
    """`form_valid` runs `perform(form)` (a service call); a refusal shows next to the form."""

    success_message = ""

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except ServiceError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class ClientListView(ClientAreaMixin, ListView):
    template_name = "cases/client_list.html"
    context_object_name = "clients"
    paginate_by = 25

    def get_queryset(self):
        return client_list(self.request.user, self.request.GET.get("q", ""))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query=self.request.GET.get("q", ""), can_register=_edits_clients(self.role), **kwargs
        )


class ClientDetailView(ClientAreaMixin, DetailView):
    template_name = "cases/client_detail.html"
    context_object_name = "client"

    def get_queryset(self):
        return Client.objects.for_user(self.request.user).select_related(
            "legal_status",
            "preferred_language",
            "residence_municipality",
            "accommodation_centre",
            "household",
        )

    def get_context_data(self, **kwargs):
        user, client = self.request.user, self.object
        role = self.role
        return super().get_context_data(
            **client_page(user, client),
            can_edit=_edits_clients(role),
            can_refer=role.is_municipal and client.residence_municipality_id == role.municipality_id,
            can_open_intake=_opens_intake(role),
            **kwargs,
        )


class ClientRegisterView(ClientAreaMixin, ServiceFormMixin, FormView):
    template_name = "cases/client_form.html"
    form_class = ClientForm
    writes = staticmethod(_edits_clients)
    success_message = _("The person is registered.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "mode": "register"}

    def perform(self, form):
        data = form.cleaned_data
        return services.client_register(
            fields=form.person_fields(),
            languages=data["languages"],
            legal_status=data["legal_status"],
            status_decided_on=data["status_decided_on"],
            by=self.request.user,
        )

    def get_success_url(self):
        return reverse("cases:client_detail", args=[self.result.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Register a person"), **kwargs)


class ClientEditView(ClientObjectMixin, ServiceFormMixin, FormView):
    template_name = "cases/client_form.html"
    form_class = ClientForm
    writes = staticmethod(_edits_clients)
    success_message = _("Saved.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "mode": "edit",
            # A copy: the form writes what was typed onto its instance, even when it is refused.
            "instance": copy.copy(self.client),
        }

    def perform(self, form):
        return services.client_update(
            client=self.client,
            fields=form.person_fields(),
            languages=form.cleaned_data["languages"],
            by=self.request.user,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Edit the person's record"), **kwargs)


class HouseholdMemberAddView(ClientObjectMixin, ServiceFormMixin, FormView):
    """Register a family member into the client's household; a probable duplicate can be added instead."""

    template_name = "cases/client_form.html"
    form_class = ClientForm
    writes = staticmethod(_edits_clients)
    success_message = _("The person is registered and added to the household.")

    def get_initial(self):
        anchor = self.client
        return {
            "family_name": anchor.family_name,
            "family_name_original": anchor.family_name_original,
            "citizenship": anchor.citizenship,
            "languages": list(anchor.languages.all()),
            "preferred_language": anchor.preferred_language_id,
            "residence_municipality": anchor.residence_municipality_id,
            "accommodation_centre": anchor.accommodation_centre_id,
            "legal_status": anchor.legal_status_id,
            "status_decided_on": anchor.status_granted_on,
            "household_relation": Client.Relation.CHILD,
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "mode": "member"}

    def perform(self, form):
        data = form.cleaned_data
        return services.household_member_add(
            of=self.client,
            fields=form.person_fields(),
            languages=data["languages"],
            legal_status=data["legal_status"],
            status_decided_on=data["status_decided_on"],
            relation=data["household_relation"],
            by=self.request.user,
        )

    def get_success_url(self):
        return reverse("cases:client_detail", args=[self.result.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Add a household member of %(name)s") % {"name": self.client},
            household_of=self.client,
            **kwargs,
        )


class ConsentRecordView(ClientObjectMixin, ServiceFormMixin, FormView):
    template_name = "cases/client_action_form.html"
    form_class = ConsentForm
    writes = staticmethod(_edits_clients)
    success_message = _("Consent recorded.")

    def get_initial(self):
        return {"given_on": timezone.localdate(), "scope": Consent.Scope.MENTORING}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form):
        return services.consent_record(client=self.client, **form.cleaned_data, by=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Record consent to processing"), **kwargs)


class LegalStatusRecordView(ClientObjectMixin, ServiceFormMixin, FormView):
    template_name = "cases/client_action_form.html"
    form_class = LegalStatusForm
    writes = staticmethod(_edits_clients)
    success_message = _("Legal status recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "client": self.client}

    def perform(self, form):
        return services.legal_status_record(client=self.client, **form.cleaned_data, by=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Record a legal status decision"), **kwargs)


class ReferralCreateView(ClientObjectMixin, ServiceFormMixin, FormView):
    template_name = "cases/referral_form.html"
    form_class = ReferralForm
    writes = staticmethod(lambda role: role.is_municipal)
    success_message = _("The referral is sent to the provider.")

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


class IntakeEpisodeView(ClientObjectMixin, ServiceFormMixin, FormView):
    """Provider intake (AS-ESF, AS-OSA): open an episode without a municipal referral."""

    template_name = "cases/intake_form.html"
    form_class = IntakeEpisodeForm
    writes = staticmethod(_opens_intake)
    success_message = _("The episode is opened.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "client": self.client}

    def perform(self, form):
        return services.intake_episode_open(client=self.client, **form.cleaned_data, by=self.request.user)


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


class ReferralDetailView(ClientAreaMixin, DetailView):
    template_name = "cases/referral_detail.html"
    context_object_name = "referral"

    def get_queryset(self):
        return referral_list(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**referral_page_forms(self.object, self.role), **kwargs)


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
    if not _sees_clients(role):
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


@login_required
@require_POST
def link_household_member(request, pk):
    """Add a person already registered (picked from the duplicate candidates) to the client's household."""
    role = role_for(request.user)
    if not _sees_clients(role):
        raise Http404
    client = get_object_or_404(Client.objects.for_user(request.user), pk=pk)
    if not _edits_clients(role):
        raise PermissionDenied
    form = HouseholdLinkForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a person you can see and their relation in the household."))
        return redirect("cases:household_member_add", pk=client.pk)
    member = form.cleaned_data["member"]
    try:
        services.household_link(
            client=member, of=client, relation=form.cleaned_data["household_relation"], by=request.user
        )
    except ServiceError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("cases:client_detail", pk=client.pk)
    messages.success(request, _("Added to the household."))
    return redirect("cases:client_detail", pk=member.pk)


# --- Episodes, plans, visits, caseloads (issue 4) ------------------------------------------------

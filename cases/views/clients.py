"""Client pages: the list, a client's page, registration, edits, household, consent, legal status."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from audit.reads import LogsReads
from mentors.access import Action, ScopedViewMixin, can, get_for_action, get_for_user, role_for

from .. import services
from ..forms import (
    ClientForm,
    ConsentForm,
    ConsentWithdrawalForm,
    HouseholdLinkForm,
    LegalStatusForm,
)
from ..forms.filters import ClientSearchForm
from ..models import Client, Consent
from ..selectors import client_list, client_page, intake_possible, person_with_household
from ..selectors.history import client_history
from ..services import ServiceError
from .mixins import FilteredListMixin, ServiceFormView, show_refusal
from .paging import CappedPaginator


class ClientFormView(ServiceFormView):
    """A form page about one client the user may see (404 otherwise) and may change (403)."""

    area = Action.SEE_CLIENTS
    action = Action.CHANGE_CLIENT

    def get_subject(self):
        self.client = get_for_user(Client.objects, self.request.user, pk=self.kwargs["pk"])
        return self.client

    def get_context_data(self, **kwargs):
        return super().get_context_data(client=self.client, **kwargs)

    def get_success_url(self):
        return reverse("cases:client_detail", args=[self.client.pk])


class ClientListView(ScopedViewMixin, FilteredListMixin, ListView):
    """The people the user may see, by name in Latvian order; a search shows the names found as they
    were typed first, then the similar spellings."""

    area = Action.SEE_CLIENTS
    template_name = "cases/client_list.html"
    context_object_name = "clients"
    filter_form_class = ClientSearchForm
    paginator_class = CappedPaginator  # a coordinator's scope can be tens of thousands of people

    def get_default_ordering(self):
        return (F("exact_match").desc(), *ClientSearchForm.sorts["name"], "pk")

    def filtered(self, filters):
        return client_list(
            self.request.user,
            filters["q"],
            programme=filters["programme"],
            municipality=filters["municipality"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query=self.filters["q"],
            can_register=can(self.request.user, Action.REGISTER_CLIENT),
            **kwargs,
        )


class ClientDetailView(ScopedViewMixin, LogsReads, DetailView):
    area = Action.SEE_CLIENTS
    template_name = "cases/client_detail.html"
    context_object_name = "client"

    def get_object(self, queryset=None):
        """The person with the household members the user may see, in one query (404 outside the
        user's scope)."""
        person = person_with_household(self.request.user, self.kwargs["pk"], shaped=self.shaped)
        if person is None:
            raise Http404
        prefetch_related_objects([person], "languages")
        return person

    def shaped(self, clients):
        """`clients` with what the page reads with the person (their household members too)."""
        user = self.request.user
        clients = clients.select_related(
            "legal_status",
            "preferred_language",
            "residence_municipality",
            "accommodation_centre",
            "household",
            "registered_by",
        )
        if can(user, Action.OPEN_EPISODE):
            # "Open an episode" is offered only where it can succeed: a contract with provider intake in
            # a programme the person is not already in.
            clients = clients.annotate(
                intake_possible=intake_possible(
                    provider_id=role_for(user).provider_id, today=timezone.localdate()
                )
            )
        return clients

    def get_context_data(self, **kwargs):
        user, client = self.request.user, self.object
        page = client_page(user, client)
        return super().get_context_data(
            **page,
            can_edit=can(user, Action.CHANGE_CLIENT, client),
            can_refer=can(user, Action.FILE_REFERRAL, client),
            can_open_intake=can(user, Action.OPEN_EPISODE) and client.intake_possible,
            # The history does not look up again the records the page has read.
            history=client_history(client, user, loaded=[*page["consents"], *page["status_history"]]),
            **kwargs,
        )


class ClientRegisterView(ServiceFormView):
    area = Action.SEE_CLIENTS
    action = Action.REGISTER_CLIENT
    template_name = "cases/client_form.html"
    form_class = ClientForm
    success_message = gettext_lazy("The person is registered.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "mode": "register"}

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


class ClientEditView(ClientFormView):
    template_name = "cases/client_form.html"
    form_class = ClientForm
    success_message = gettext_lazy("Saved.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
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


class HouseholdMemberAddView(ClientFormView):
    """Register a family member into the client's household; a probable duplicate can be added instead."""

    template_name = "cases/client_form.html"
    form_class = ClientForm
    success_message = gettext_lazy("The person is registered and added to the household.")

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
        return {**super().get_form_kwargs(), "mode": "member"}

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


class ConsentRecordView(ClientFormView):
    template_name = "cases/client_action_form.html"
    form_class = ConsentForm
    success_message = gettext_lazy("Consent recorded.")

    def get_initial(self):
        return {"given_on": timezone.localdate(), "scope": Consent.Scope.MENTORING}

    def perform(self, form):
        return services.consent_record(client=self.client, **form.cleaned_data, by=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Record consent to processing"), **kwargs)


class ConsentWithdrawView(ClientFormView):
    template_name = "cases/client_action_form.html"
    form_class = ConsentWithdrawalForm
    success_message = gettext_lazy(
        "The withdrawal of consent is recorded. No new visits or referrals can be recorded for the person."
    )

    def get_initial(self):
        return {"withdrawn_on": timezone.localdate()}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form):
        return services.consent_withdraw(client=self.client, **form.cleaned_data, by=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Withdrawal of consent to processing"),
            intro=_(
                "From the day of the withdrawal no visit with the person present, no referral and no "
                "episode can be recorded for them. Their open referrals are withdrawn, and the "
                "coordinator of their open episode sees the withdrawal on the episode's page."
            ),
            **kwargs,
        )


class LegalStatusRecordView(ClientFormView):
    template_name = "cases/client_action_form.html"
    form_class = LegalStatusForm
    success_message = gettext_lazy("Legal status recorded.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "client": self.client}

    def perform(self, form):
        return services.legal_status_record(client=self.client, **form.cleaned_data, by=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Record a legal status decision"), **kwargs)


@login_required
@require_POST
def link_household_member(request, pk):
    """Add a person already registered (picked from the duplicate candidates) to the client's household."""
    client = get_for_action(Client.objects, request.user, Action.CHANGE_CLIENT, pk=pk)
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
        show_refusal(error, request=request)
        return redirect("cases:client_detail", pk=client.pk)
    messages.success(request, _("Added to the household."))
    return redirect("cases:client_detail", pk=member.pk)


@login_required
@require_POST
def remove_household_member(request, pk):
    """Take the person out of their household."""
    client = get_for_action(Client.objects, request.user, Action.CHANGE_CLIENT, pk=pk)
    try:
        services.household_member_remove(client=client, by=request.user)
    except ServiceError as error:
        show_refusal(error, request=request)
    else:
        messages.success(request, _("%(name)s is no longer a member of the household.") % {"name": client})
    return redirect("cases:client_detail", pk=client.pk)

"""Views of the cases app: generic class-based views with one scoping mixin for list/detail/edit pages,
small `@require_POST` function views for workflow actions."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import AccessMixin, LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Prefetch
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView, TemplateView

from mentors.models import ProviderStaff
from mentors.roles import Role, role_for
from mentors.services import month_is_locked

from . import forms, selectors, services
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
from .models import Client, Consent, Episode, Handover, InclusionPlan, PlanGoal, Referral, Visit
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
    success_message = gettext_lazy("The person is registered.")

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
    success_message = gettext_lazy("Saved.")

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
    success_message = gettext_lazy("Consent recorded.")

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
    success_message = gettext_lazy("Legal status recorded.")

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


class IntakeEpisodeView(ClientObjectMixin, ServiceFormMixin, FormView):
    """Provider intake (AS-ESF, AS-OSA): open an episode without a municipal referral."""

    template_name = "cases/intake_form.html"
    form_class = IntakeEpisodeForm
    writes = staticmethod(_opens_intake)
    success_message = gettext_lazy("The episode is opened.")

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

# Who may do what (see also the note in cases/services.py). Anyone else who can see the episode gets 403.
EPISODE_ACTIONS = {
    "manage": {Role.COORDINATOR},  # end, reassign, extend, transfer
    "plan": {Role.COORDINATOR, Role.PROVIDER_SOCIAL_WORKER},  # draw up and revise plans, add and edit goals
    "progress": {Role.COORDINATOR, Role.PROVIDER_SOCIAL_WORKER, Role.MENTOR},  # goal progress
    "visit": {Role.COORDINATOR, Role.PROVIDER_SOCIAL_WORKER, Role.MENTOR},  # log, correct, delete visits
}
CASELOAD_ROLES = {Role.COORDINATOR, Role.PROVIDER_SOCIAL_WORKER, Role.MENTOR}
TEAM_ROLES = {Role.COORDINATOR, Role.PROVIDER_SOCIAL_WORKER}


def episode_permissions(user) -> dict[str, bool]:
    """What the user's role may do on an episode they can see, for showing the right buttons."""
    role = role_for(user).role
    return {action: role in roles for action, roles in EPISODE_ACTIONS.items()}


def _require(user, action: str) -> None:
    if role_for(user).role not in EPISODE_ACTIONS[action]:
        raise PermissionDenied


def _require_role(user, roles) -> None:
    """Pages that only some roles have do not exist for the others (404, deny by default)."""
    if role_for(user).role not in roles:
        raise Http404


def _provider_episodes(user):
    """Episodes whose working detail (plans, visits) the user may see: provider staff only."""
    return Episode.objects.for_user(user) if role_for(user).is_provider else Episode.objects.none()


def _safe_next(request, fallback: str) -> str:
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return next_url
    return fallback


def _show_service_error(form, error: ServiceError) -> None:
    """Put a service's refusal next to the field it concerns, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ServiceFormView(LoginRequiredMixin, FormView):
    """A form page whose valid submission calls one service (`perform`); a refusal is shown on the form,
    with everything that was typed kept."""

    success_message = ""

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.result = self.perform(form)
        except ServiceError as error:
            _show_service_error(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class EpisodeActionView(ServiceFormView):
    """A workflow form on one episode: the episode is looked up among those the user may see (404) and the
    user's role must be allowed the `action` (403)."""

    action = "manage"
    template_name = "cases/episode_action.html"
    title = ""
    intro = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.episode = get_object_or_404(
                Episode.objects.for_user(request.user).select_related(
                    "client", "programme", "contract__provider", "mentor__user"
                ),
                pk=kwargs["pk"],
            )
            self.check_episode(self.episode)
            _require(request.user, self.action)
        return super().dispatch(request, *args, **kwargs)

    def check_episode(self, episode) -> None:
        """Refuse pages that do not apply to this episode (raise Http404)."""

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"episode": self.episode}

    def get_context_data(self, **kwargs):
        return super().get_context_data(episode=self.episode, title=self.title, intro=self.intro, **kwargs)

    def get_success_url(self):
        return _safe_next(self.request, reverse("cases:episode_detail", args=[self.episode.pk]))


class EpisodeEndView(EpisodeActionView):
    form_class = forms.EpisodeEndForm
    title = gettext_lazy("End episode")
    success_message = gettext_lazy("The episode has ended.")

    def perform(self, form):
        return services.episode_end(episode=self.episode, by=self.request.user, **form.cleaned_data)


class EpisodeReassignView(EpisodeActionView):
    form_class = forms.EpisodeReassignForm
    title = gettext_lazy("Reassign the mentor")
    success_message = gettext_lazy("The episode has a new mentor.")

    def perform(self, form):
        return services.episode_reassign(episode=self.episode, by=self.request.user, **form.cleaned_data)


class EpisodeExtendView(EpisodeActionView):
    form_class = forms.EpisodeExtendForm
    title = gettext_lazy("Extend the time limit")
    intro = gettext_lazy("Record an approved extension. The limit counts from the episode start.")
    success_message = gettext_lazy("The time limit has been extended.")

    def check_episode(self, episode) -> None:
        if not episode.programme.extension_max_length:
            raise Http404

    def perform(self, form):
        return services.episode_extend(episode=self.episode, by=self.request.user, **form.cleaned_data)


class EpisodeTransferView(EpisodeActionView):
    form_class = forms.EpisodeTransferForm
    title = gettext_lazy("Transfer to another provider")
    intro = gettext_lazy(
        "The episode continues under the other provider's contract; its coordinator assigns a mentor. "
        "Visits already logged stay with your provider."
    )
    success_message = gettext_lazy("The episode has been transferred.")

    def perform(self, form):
        return services.episode_transfer(episode=self.episode, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        # After a transfer the episode belongs to the other provider and is no longer visible here.
        return reverse("cases:team") if role_for(self.request.user).is_coordinator else reverse("home")


class EpisodeDetailView(LoginRequiredMixin, DetailView):
    """The episode with its limit, plan, visits and history; municipal social workers see the outcome only
    (status, mentor, limit, end reason, closing summary) — never visits, notes or the plan."""

    context_object_name = "episode"

    def get_queryset(self):
        return Episode.objects.for_user(self.request.user).select_related(
            "client", "programme", "contract__provider", "mentor__user", "social_worker__user", "end_reason"
        )

    def get_template_names(self):
        if role_for(self.request.user).is_provider:
            return ["cases/episode_detail.html"]
        return ["cases/episode_outcome.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        role = role_for(self.request.user)
        if not role.is_provider:
            return context
        episode = self.object
        visits = Visit.objects.for_user(self.request.user).filter(episode=episode)
        own_visits = (
            visits.filter(contract__provider_id=role.provider_id)
            .annotate(payment_month=TruncMonth("visited_on"))
            .annotate(
                month_locked=month_is_locked(
                    contract=OuterRef("contract_id"), month=OuterRef("payment_month")
                )
            )
            .select_related("logged_by")
            .prefetch_related("activities", "attendees", "goals__area")
        )
        plan = (
            episode.plans.filter(is_current=True)
            .select_related("drawn_up_by")
            .prefetch_related(Prefetch("goals", queryset=PlanGoal.objects.select_related("area")))
            .first()
        )
        context.update(
            can=episode_permissions(self.request.user),
            visits=own_visits,
            other_provider_visits=Visit.objects.filter(episode=episode)
            .exclude(contract__provider_id=role.provider_id)
            .count(),
            plan=plan,
            plan_versions=episode.plans.count(),
            events=episode.events.select_related("by"),
            extensions=episode.extensions.select_related("requested_by", "approved_by"),
            earlier_contracts=episode.contract_history.filter(until_on__isnull=False).select_related(
                "contract__provider"
            ),
            is_open=episode.status == Episode.Status.ACTIVE,
        )
        return context


class CaseloadView(LoginRequiredMixin, ListView):
    """Open episodes, the most urgent first: a mentor's own; a coordinator's or social worker's whole
    provider, optionally one mentor's (`?mentor=`)."""

    template_name = "cases/caseload.html"
    context_object_name = "episodes"

    def get_queryset(self):
        _require_role(self.request.user, CASELOAD_ROLES)
        episodes = Episode.objects.for_user(self.request.user)
        self.mentor = None
        mentor_id = self.request.GET.get("mentor", "")
        if mentor_id.isdigit() and not role_for(self.request.user).is_mentor:
            self.mentor = get_object_or_404(
                ProviderStaff.objects.for_user(self.request.user).select_related("user"), pk=mentor_id
            )
            episodes = episodes.filter(mentor=self.mentor)
        return selectors.open_caseload(episodes, today=timezone.localdate())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            mentor=self.mentor, can=episode_permissions(self.request.user), **kwargs
        )


class TeamView(LoginRequiredMixin, TemplateView):
    """The coordinator's team: caseloads against their maximum, referrals waiting, episodes to act on."""

    template_name = "cases/team.html"

    def get_context_data(self, **kwargs):
        _require_role(self.request.user, TEAM_ROLES)
        role = role_for(self.request.user)
        overview = selectors.team_overview(provider_id=role.provider_id, today=timezone.localdate())
        return super().get_context_data(
            overview=overview, can=episode_permissions(self.request.user), **kwargs
        )


# Visits ----------------------------------------------------------------------------------------


class VisitCreateView(EpisodeActionView):
    action = "visit"
    form_class = forms.VisitForm
    template_name = "cases/visit_form.html"
    title = gettext_lazy("Log a visit")
    success_message = gettext_lazy("The visit has been logged.")

    def perform(self, form):
        return services.visit_log(episode=self.episode, by=self.request.user, **form.service_kwargs())

    def get_success_url(self):
        return reverse("cases:episode_detail", args=[self.episode.pk])


class VisitEditView(ServiceFormView):
    form_class = forms.VisitForm
    template_name = "cases/visit_form.html"
    success_message = gettext_lazy("The visit has been saved.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.visit = get_object_or_404(
                Visit.objects.for_user(request.user).select_related(
                    "episode__client",
                    "episode__programme",
                    "episode__contract__provider",
                    "episode__mentor__user",
                ),
                pk=kwargs["pk"],
            )
            self.episode = self.visit.episode
            _require(request.user, "visit")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"episode": self.episode, "visit": self.visit}

    def get_initial(self):
        visit = self.visit
        return {
            "visited_on": visit.visited_on,
            "duration_minutes": visit.duration_minutes,
            "place": visit.place,
            "activities": [a.pk for a in visit.activities.all()],
            "attendees": [c.pk for c in visit.attendees.all()],
            "goals": [g.pk for g in visit.goals.all()],
            "interpreter_used": visit.interpreter_used,
            "notes": visit.notes,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            episode=self.episode, visit=self.visit, title=_("Edit visit"), **kwargs
        )

    def perform(self, form):
        return services.visit_edit(visit=self.visit, by=self.request.user, **form.service_kwargs())

    def get_success_url(self):
        return reverse("cases:episode_detail", args=[self.episode.pk])


@login_required
def visit_delete(request, pk):
    """Confirm (GET) and delete (POST) a visit logged by mistake."""
    visit = get_object_or_404(
        Visit.objects.for_user(request.user).select_related("episode__client", "episode__programme"), pk=pk
    )
    _require(request.user, "visit")
    episode_url = reverse("cases:episode_detail", args=[visit.episode_id])
    error = None
    if request.method == "POST":
        try:
            services.visit_delete(visit=visit, by=request.user)
        except ServiceError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(request, _("The visit has been deleted."))
            return HttpResponseRedirect(episode_url)
    return render(
        request,
        "cases/visit_confirm_delete.html",
        {"visit": visit, "episode": visit.episode, "error": error},
        status=400 if error else 200,
    )


# Inclusion plans -------------------------------------------------------------------------------


def _plans_for(user):
    return InclusionPlan.objects.filter(episode__in=_provider_episodes(user))


@login_required
@require_POST
def plan_create(request, pk):
    """Draw up the first version of the episode's inclusion plan, then add its goals."""
    episode = get_object_or_404(_provider_episodes(request.user), pk=pk)
    _require(request.user, "plan")
    try:
        plan = services.plan_create(episode=episode, by=request.user)
    except ServiceError as refusal:
        messages.error(request, refusal.messages[0])
        return HttpResponseRedirect(reverse("cases:episode_detail", args=[episode.pk]))
    messages.success(request, _("The plan has been drawn up. Add its goals."))
    return HttpResponseRedirect(reverse("cases:plan_detail", args=[plan.pk]))


@login_required
@require_POST
def plan_revise(request, pk):
    """Start a new version of the plan (its goals copied); the old version is kept."""
    plan = get_object_or_404(_plans_for(request.user), pk=pk)
    _require(request.user, "plan")
    try:
        plan = services.plan_revise(plan=plan, by=request.user)
    except ServiceError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(
            request, _("Version %(version)s of the plan has been started.") % {"version": plan.version}
        )
    return HttpResponseRedirect(reverse("cases:plan_detail", args=[plan.pk]))


class PlanDetailView(LoginRequiredMixin, DetailView):
    """One version of an inclusion plan with its goals, and the list of all versions."""

    template_name = "cases/plan_detail.html"
    context_object_name = "plan"

    def get_queryset(self):
        return _plans_for(self.request.user).select_related(
            "episode__client", "episode__programme", "episode__contract__provider", "drawn_up_by"
        )

    def get_context_data(self, **kwargs):
        plan = self.object
        return super().get_context_data(
            episode=plan.episode,
            goals=plan.goals.select_related("area"),
            versions=plan.episode.plans.select_related("drawn_up_by"),
            can=episode_permissions(self.request.user),
            is_open=plan.is_current and plan.episode.status == Episode.Status.ACTIVE,
            **kwargs,
        )


class GoalFormView(ServiceFormView):
    """Shared by the goal pages: the goal (or plan) is looked up among the user's provider's plans."""

    template_name = "cases/plan_goal_form.html"
    action = "plan"
    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, episode=self.plan.episode, title=self.title, **kwargs)

    def get_success_url(self):
        return reverse("cases:plan_detail", args=[self.plan.pk])


class GoalCreateView(GoalFormView):
    form_class = forms.PlanGoalForm
    title = gettext_lazy("Add a goal")
    success_message = gettext_lazy("The goal has been added.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.plan = get_object_or_404(
                _plans_for(request.user).select_related("episode__client", "episode__programme"),
                pk=kwargs["pk"],
            )
            _require(request.user, self.action)
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form):
        return services.plan_goal_add(plan=self.plan, by=self.request.user, **form.cleaned_data)


class GoalChangeView(GoalFormView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.goal = get_object_or_404(
                PlanGoal.objects.filter(plan__in=_plans_for(request.user)).select_related(
                    "area", "plan__episode__client", "plan__episode__programme"
                ),
                pk=kwargs["pk"],
            )
            self.plan = self.goal.plan
            _require(request.user, self.action)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(goal=self.goal, **kwargs)


class GoalEditView(GoalChangeView):
    form_class = forms.PlanGoalForm
    title = gettext_lazy("Edit goal")
    success_message = gettext_lazy("The goal has been saved.")

    def get_initial(self):
        return {
            "area": self.goal.area,
            "description": self.goal.description,
            "target_on": self.goal.target_on,
        }

    def perform(self, form):
        return services.plan_goal_edit(goal=self.goal, by=self.request.user, **form.cleaned_data)


class GoalProgressView(GoalChangeView):
    form_class = forms.GoalProgressForm
    action = "progress"
    title = gettext_lazy("Goal progress")
    success_message = gettext_lazy("The progress has been saved.")

    def get_initial(self):
        return {"status": self.goal.status, "achieved_on": self.goal.achieved_on}

    def perform(self, form):
        return services.plan_goal_set_status(goal=self.goal, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return _safe_next(self.request, super().get_success_url())


# Handovers (fund staff: contracts and counts, no personal data) --------------------------------


class FundOnlyMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            _require_role(request.user, {Role.FUND_STAFF})
        return super().dispatch(request, *args, **kwargs)


class HandoverListView(FundOnlyMixin, ListView):
    template_name = "cases/handover_list.html"
    context_object_name = "handovers"

    def get_queryset(self):
        return Handover.objects.select_related(
            "from_contract__provider",
            "from_contract__programme",
            "to_contract__provider",
            "to_contract__programme",
        ).annotate(moved=Count("episodes"))


class HandoverCreateView(FundOnlyMixin, ServiceFormView):
    template_name = "cases/handover_form.html"
    form_class = forms.HandoverForm
    success_message = gettext_lazy("The open episodes have been handed over.")

    def perform(self, form):
        return services.handover_run(by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("cases:handover_detail", args=[self.result.pk])


class HandoverDetailView(FundOnlyMixin, DetailView):
    """What one handover moved: the episodes by number and client pseudonym, never names."""

    template_name = "cases/handover_detail.html"
    context_object_name = "handover"

    def get_queryset(self):
        return Handover.objects.select_related(
            "from_contract__provider", "from_contract__programme", "to_contract__provider", "by"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            moved=self.object.episodes.only("pk", "client_id", "started_on", "limit_on").order_by("pk"),
            **kwargs,
        )

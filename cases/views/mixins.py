"""What the case views share: who sees the client area, the scoping mixins, the service-form bases."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin, LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView

from mentors.roles import Role, role_for

from ..models import Client, Episode
from ..services import ServiceError


def sees_clients(role) -> bool:
    """Municipal and provider staff work with clients; fund staff see no personal data here."""
    return role.is_municipal or role.is_provider


def edits_clients(role) -> bool:
    return role.is_municipal or role.is_coordinator or role.is_provider_social_worker


def opens_intake(role) -> bool:
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
        if not sees_clients(self.role):
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


def require_action(user, action: str) -> None:
    if role_for(user).role not in EPISODE_ACTIONS[action]:
        raise PermissionDenied


def require_role(user, roles) -> None:
    """Pages that only some roles have do not exist for the others (404, deny by default)."""
    if role_for(user).role not in roles:
        raise Http404


def provider_episodes(user):
    """Episodes whose working detail (plans, visits) the user may see: provider staff only."""
    return Episode.objects.for_user(user) if role_for(user).is_provider else Episode.objects.none()


def safe_next(request, fallback: str) -> str:
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return next_url
    return fallback


def show_service_error(form, error: ServiceError) -> None:
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
            show_service_error(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())
